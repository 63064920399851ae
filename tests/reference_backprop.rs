//! The executable spec of the backward pass: a plain backpropagation, one sample at a time,
//! written to be read in one sitting (as micrograd is), and the fast path held to it to 1e-12
//! for batches of 1 to 13 rows (one, two and three or more blocks: every compiled copy of the
//! passes), every hidden activation × loss × output head, without a penalty and with L2, L1
//! and both, with and without dropout. `tests/gradient_check.rs` holds the fast path to finite differences; together
//! they check the reference too.

#![expect(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use nn_playground::nn::{
    Activation, Dropout, Gradients, Init, Loss, Network, NetworkConfig, OutputHead, Penalty,
    Workspace, backprop_with, log_sum_exp, sigmoid,
};
use rand::{RngExt as _, SeedableRng as _, rngs::StdRng};

/// Dropout rate of the runs with dropout.
const RATE: f64 = 0.3;

/// The reference: the batch's mean loss and the objective's gradient, as one plain list of
/// numbers per layer (`W[i][j]` at `j * inputs + i`, then the biases), like `Gradients`.
///
/// The objective is `loss.objective_scale() × mean loss + l1 × Σ |W| + l2/2 × Σ W²` (the
/// subgradient of `|W|` taken as 0 at 0); with dropout, each
/// hidden activation `a` of sample `r` is seen by the next layer as `a × mask[layer][j][r]`.
fn reference(
    net: &Network,
    (xs, ys): (&[f64], &[f64]),
    loss: Loss,
    (l1, l2): (f64, f64),
    masks: Option<&Vec<Vec<Vec<f64>>>>,
) -> (f64, Vec<Vec<f64>>) {
    let layers = net.layers();
    let last = layers.len() - 1;
    let rows = ys.len();
    let mut grads: Vec<Vec<f64>> = layers.iter().map(|l| vec![0.0; l.params().len()]).collect();
    let mut total_loss = 0.0;
    for (r, (x, &y)) in xs.chunks(net.inputs()).zip(ys).enumerate() {
        // Forward: what each layer sees (`seen[k]`), and the hidden layers' raw outputs.
        let mut seen = vec![x.to_vec()];
        let mut raw = Vec::new();
        let mut logits = Vec::new();
        for (k, layer) in layers.iter().enumerate() {
            let (w, b, input) = (layer.weights(), layer.bias(), &seen[k]);
            let z: Vec<f64> = (0..layer.outputs())
                .map(|j| {
                    b[j] + (0..layer.inputs())
                        .map(|i| input[i] * w[[i, j]])
                        .sum::<f64>()
                })
                .collect();
            if k == last {
                logits = z;
                break;
            }
            let a: Vec<f64> = z.iter().map(|&z| layer.activation().apply(z)).collect();
            let mask = |j: usize| masks.map_or(1.0, |m| m[k][j][r]);
            seen.push(a.iter().enumerate().map(|(j, a)| a * mask(j)).collect());
            raw.push(a);
        }
        // The head: this sample's loss and the gradient at the logits.
        let mut delta: Vec<f64> = match net.head() {
            OutputHead::Sigmoid => {
                let p = sigmoid(logits[0]);
                total_loss += loss.sample(logits[0], p, y);
                vec![loss.logit_gradient(p, y)]
            }
            OutputHead::Softmax => {
                let lse = log_sum_exp(&logits);
                total_loss += lse - logits[y as usize];
                let p = logits.iter().map(|z| (z - lse).exp());
                let onehot = |k: usize| if k == y as usize { 1.0 } else { 0.0 };
                p.enumerate().map(|(k, p)| p - onehot(k)).collect()
            }
        };
        // Backward: each layer's gradient, then the delta one layer down.
        for k in (0..=last).rev() {
            let (layer, input) = (&layers[k], &seen[k]);
            let (n_in, n_out) = (layer.inputs(), layer.outputs());
            for j in 0..n_out {
                for i in 0..n_in {
                    grads[k][j * n_in + i] += input[i] * delta[j] / rows as f64;
                }
                grads[k][n_in * n_out + j] += delta[j] / rows as f64;
            }
            if k == 0 {
                break;
            }
            let (w, below) = (layer.weights(), &layers[k - 1]);
            let mask = |i: usize| masks.map_or(1.0, |m| m[k - 1][i][r]);
            delta = (0..n_in)
                .map(|i| {
                    let back: f64 = (0..n_out).map(|j| w[[i, j]] * delta[j]).sum();
                    back * mask(i) * below.activation().derivative_from_output(raw[k - 1][i])
                })
                .collect();
        }
    }
    for (g, layer) in grads.iter_mut().zip(layers) {
        for (g, &w) in g.iter_mut().zip(layer.weight_slice()) {
            let sign = if w == 0.0 { 0.0 } else { w.signum() };
            *g += l1 * sign + l2 * w;
        }
    }
    (total_loss / rows as f64, grads)
}

/// The masks the fast path draws from a generator seeded with `seed`: layer by layer, neuron by
/// neuron, sample by sample, each dropped (0) with probability `RATE`, else `1 / (1 - RATE)`.
fn masks(net: &Network, rows: usize, seed: u64) -> Vec<Vec<Vec<f64>>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let hidden = &net.layers()[..net.layers().len() - 1];
    let mut draw = || {
        if rng.random::<f64>() < RATE {
            0.0
        } else {
            1.0 / (1.0 - RATE)
        }
    };
    hidden
        .iter()
        .map(|l| {
            (0..l.outputs())
                .map(|_| (0..rows).map(|_| draw()).collect())
                .collect()
        })
        .collect()
}

/// The fast path's mean loss and gradient on the same batch.
fn fast(
    net: &Network,
    (xs, ys): (&[f64], &[f64]),
    loss: Loss,
    (l1, l2): (f64, f64),
    mask_seed: Option<u64>,
) -> (f64, Gradients) {
    let mut ws = Workspace::new(net, ys.len());
    let mut grads = Gradients::zeros_like(net);
    let mut rng = StdRng::seed_from_u64(mask_seed.unwrap_or(0));
    let dropout = mask_seed.map(|_| Dropout {
        rate: RATE,
        rng: &mut rng,
    });
    let rows = ys.len();
    let penalty = Penalty { l1, l2 };
    let mean = backprop_with(
        net, &mut ws, xs, ys, rows, loss, penalty, &mut grads, dropout,
    );
    (mean, grads)
}

/// A network with random weights and biases, and a batch of `rows` labelled samples.
fn case(config: &NetworkConfig, rows: usize, rng: &mut StdRng) -> (Network, Vec<f64>, Vec<f64>) {
    let mut net = config.init(2, rng);
    randomise_biases(&mut net, rng);
    let xs = (0..rows * 2)
        .map(|_| rng.random::<f64>() * 4.0 - 2.0)
        .collect();
    let classes = net.classes();
    let ys = (0..rows)
        .map(|_| rng.random_range(0..classes) as f64)
        .collect();
    (net, xs, ys)
}

/// Random biases: zero ones put rectifiers on their kink whenever a layer below is silent.
fn randomise_biases(net: &mut Network, rng: &mut StdRng) {
    let layers = net.layers().iter().map(|l| {
        let bias = ndarray::Array1::from_shape_fn(l.outputs(), |_| rng.random::<f64>() - 0.5);
        nn_playground::nn::Layer::new(l.weights().to_owned(), bias, l.activation()).unwrap()
    });
    *net = Network::from_layers(layers.collect(), net.head()).unwrap();
}

/// The largest difference between the two, relative to the reference's size (at least 1).
fn worst_difference(fast: &Gradients, reference: &[Vec<f64>]) -> f64 {
    let pairs = fast.layers.iter().zip(reference);
    let each = pairs.flat_map(|(f, r)| f.params().iter().zip(r));
    each.map(|(f, r)| (f - r).abs() / r.abs().max(1.0))
        .fold(0.0, f64::max)
}

/// Every head with the losses it trains on: a sigmoid on both, softmaxes on cross-entropy.
fn heads() -> Vec<(usize, Loss)> {
    let sigmoid = Loss::ALL.map(|loss| (2, loss));
    let softmax = [3, 5].map(|classes| (classes, Loss::CrossEntropy));
    sigmoid.into_iter().chain(softmax).collect()
}

#[test]
fn the_fast_path_matches_the_reference_for_every_batch_size_and_configuration() {
    let mut rng = StdRng::seed_from_u64(2026);
    let mut checked = 0;
    for rows in 1..=13 {
        for activation in Activation::ALL {
            for (classes, loss) in heads() {
                for penalty in [(0.0, 0.0), (0.0, 0.01), (0.02, 0.0), (0.02, 0.01)] {
                    for mask_seed in [None, Some(rows as u64)] {
                        let config = NetworkConfig {
                            hidden: vec![4, 3],
                            activations: vec![activation],
                            init: Init::Xavier,
                            classes,
                        };
                        let (net, xs, ys) = case(&config, rows, &mut rng);
                        let masks = mask_seed.map(|seed| masks(&net, rows, seed));
                        let (ref_loss, ref_grads) =
                            reference(&net, (&xs, &ys), loss, penalty, masks.as_ref());
                        let (fast_loss, fast_grads) =
                            fast(&net, (&xs, &ys), loss, penalty, mask_seed);
                        let what = format!(
                            "{rows} rows, {activation:?}, {classes} classes, {loss:?}, \
                             (l1, l2) {penalty:?}, \
                             dropout {}",
                            mask_seed.is_some()
                        );
                        let worst = worst_difference(&fast_grads, &ref_grads);
                        assert!(worst < 1e-12, "{what}: gradients differ by {worst:e}");
                        let loss_gap = (fast_loss - ref_loss).abs() / ref_loss.abs().max(1.0);
                        assert!(loss_gap < 1e-12, "{what}: loss {fast_loss} vs {ref_loss}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 13 * 5 * 4 * 4 * 2);
}

#[test]
fn the_comparison_notices_a_wrong_gradient() {
    // The reference must be able to fail the fast path: other labels give other gradients,
    // and other masks too.
    let mut rng = StdRng::seed_from_u64(5);
    let config = NetworkConfig {
        hidden: vec![4, 3],
        activations: vec![Activation::Tanh],
        init: Init::Xavier,
        classes: 2,
    };
    let (net, xs, ys) = case(&config, 6, &mut rng);
    let flipped: Vec<f64> = ys.iter().map(|y| 1.0 - y).collect();
    let (_, ref_grads) = reference(&net, (&xs, &ys), Loss::Mse, (0.0, 0.0), None);
    let (_, wrong) = fast(&net, (&xs, &flipped), Loss::Mse, (0.0, 0.0), None);
    assert!(worst_difference(&wrong, &ref_grads) > 1e-6);
    let masks = masks(&net, 6, 1);
    let (_, ref_grads) = reference(&net, (&xs, &ys), Loss::Mse, (0.0, 0.0), Some(&masks));
    let (_, other_masks) = fast(&net, (&xs, &ys), Loss::Mse, (0.0, 0.0), Some(2));
    assert!(worst_difference(&other_masks, &ref_grads) > 1e-6);
}

#[test]
fn l1_leaves_a_weight_at_zero_and_pulls_the_others_by_its_rate() {
    // Where |w| has no derivative (w = 0) the fast path takes the subgradient 0, as the
    // reference does; elsewhere L1 adds exactly ±l1 to each weight's gradient.
    let mut rng = StdRng::seed_from_u64(8);
    let config = NetworkConfig {
        hidden: vec![4, 3],
        activations: vec![Activation::Tanh],
        init: Init::Xavier,
        classes: 2,
    };
    let (net, xs, ys) = case(&config, 5, &mut rng);
    let layers = net.layers().iter().map(|l| {
        let mut w = l.weights().to_owned();
        w[[0, 0]] = 0.0;
        nn_playground::nn::Layer::new(w, l.bias().to_owned(), l.activation()).unwrap()
    });
    let net = Network::from_layers(layers.collect(), net.head()).unwrap();
    let (_, plain) = fast(&net, (&xs, &ys), Loss::Mse, (0.0, 0.0), None);
    let (_, with_l1) = fast(&net, (&xs, &ys), Loss::Mse, (0.25, 0.0), None);
    let (_, reference_l1) = reference(&net, (&xs, &ys), Loss::Mse, (0.25, 0.0), None);
    assert!(worst_difference(&with_l1, &reference_l1) < 1e-12);
    for ((p, g), layer) in plain.layers.iter().zip(&with_l1.layers).zip(net.layers()) {
        let weights = layer.weight_slice();
        let (p_w, g_w) = (&p.params()[..weights.len()], &g.params()[..weights.len()]);
        for ((p, g), &w) in p_w.iter().zip(g_w).zip(weights) {
            let expected = if w == 0.0 { 0.0 } else { 0.25 * w.signum() };
            assert!((g - p - expected).abs() < 1e-15, "w {w}: {p} -> {g}");
        }
        assert_eq!(p.bias(), g.bias(), "biases carry no penalty");
    }
}
