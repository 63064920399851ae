//! Backpropagation checked against central finite differences of the objective, for every
//! hidden activation × loss × output head, with one and two hidden layers, without a penalty,
//! with L2, L1 (its subgradient) and both, with and without dropout, on batches of 3, 7 and 13
//! rows (one, two and four blocks: each compiled copy of the passes).
//!
//! The objective is `loss.objective_scale() × mean loss + l1 × Σ |W| + l2/2 × Σ W²` (see
//! `nn::backprop`). No weight is near 0, where `|W|` has no derivative: Xavier weights of these
//! widths are that close with a chance of about 1e-5 per weight, and the check would say so.
//! One helper, [`worst_relative_error`], does every comparison.

#![expect(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use ndarray::Array1;
use nn_playground::nn::{
    Activation, Dropout, Gradients, Init, Layer, Loss, Network, NetworkConfig, Penalty, Workspace,
    backprop_with, central_difference,
};
use rand::{RngExt as _, SeedableRng as _, rngs::StdRng};

/// Step of the central differences.
const H: f64 = 1e-5;

/// The penalties checked: none, L2, L1, and both.
const PENALTIES: [Penalty; 4] = [
    Penalty::NONE,
    Penalty { l1: 0.0, l2: 0.01 },
    Penalty { l1: 0.02, l2: 0.0 },
    Penalty { l1: 0.02, l2: 0.01 },
];

/// A batch: inputs in [-2, 2]² and labels, random class indices below `classes`.
fn data(rng: &mut StdRng, rows: usize, classes: usize) -> (Vec<f64>, Vec<f64>) {
    let x = (0..rows * 2)
        .map(|_| rng.random::<f64>() * 4.0 - 2.0)
        .collect();
    let y = (0..rows)
        .map(|_| rng.random_range(0..classes) as f64)
        .collect();
    (x, y)
}

/// The batch's objective and its gradient by backpropagation, with dropout masks drawn from a
/// generator seeded with `mask_seed` (the same masks on every call, so finite differences see
/// one fixed masked network).
fn objective_and_gradient(
    net: &Network,
    (x, y): (&[f64], &[f64]),
    loss: Loss,
    penalty: Penalty,
    mask_seed: Option<u64>,
) -> (f64, Gradients) {
    let rows = y.len();
    let mut ws = Workspace::new(net, rows);
    let mut grads = Gradients::zeros_like(net);
    let mut rng = StdRng::seed_from_u64(mask_seed.unwrap_or(0));
    let dropout = mask_seed.map(|_| Dropout {
        rate: 0.3,
        rng: &mut rng,
    });
    let mean = backprop_with(net, &mut ws, x, y, rows, loss, penalty, &mut grads, dropout);
    let weights = || net.layers().iter().flat_map(|l| l.weights().into_iter());
    let squares: f64 = weights().map(|w| w * w).sum();
    let magnitudes: f64 = weights().map(|w| w.abs()).sum();
    let Penalty { l1, l2 } = penalty;
    let objective = loss.objective_scale() * mean + l1 * magnitudes + 0.5 * l2 * squares;
    (objective, grads)
}

/// `net` with one number nudged: `weights[i]` of `layer` in logical (row-major) order, as the
/// gradients list them, or its `bias[i - weights.len()]`.
fn nudged(net: &Network, layer: usize, index: usize, by: f64) -> Network {
    let layers = net.layers().iter().enumerate().map(|(l, this)| {
        let (mut w, mut b) = (this.weights().to_owned(), this.bias().to_owned());
        if l == layer {
            let n_w = w.len();
            match index.checked_sub(n_w) {
                None => *w.iter_mut().nth(index).unwrap() += by,
                Some(j) => b[j] += by,
            }
        }
        Layer::new(w, b, this.activation()).unwrap()
    });
    Network::from_layers(layers.collect(), net.head()).unwrap()
}

/// The one finite-difference comparison: the worst relative error between `analytic` and the
/// central difference of `objective` at every weight and bias of `net`.
fn worst_relative_error(
    net: &Network,
    analytic: &Gradients,
    objective: impl Fn(&Network) -> f64,
) -> f64 {
    let mut worst: f64 = 0.0;
    for (l, g) in analytic.layers.iter().enumerate() {
        for (i, &a) in g.weights().iter().chain(g.bias()).enumerate() {
            let numeric = central_difference(|by| objective(&nudged(net, l, i, by)), 0.0, H);
            let scale = a.abs().max(numeric.abs()).max(1e-4);
            worst = worst.max((a - numeric).abs() / scale);
        }
    }
    worst
}

/// A network from `config` with random biases too: zero biases put rectifiers exactly on their
/// kink whenever a whole layer below is silent, where no derivative exists to compare.
fn random_network(config: &NetworkConfig, rng: &mut StdRng) -> Network {
    let net = config.init(2, rng);
    let layers = net.layers().iter().map(|l| {
        let bias = Array1::from_shape_fn(l.outputs(), |_| rng.random::<f64>() - 0.5);
        Layer::new(l.weights().to_owned(), bias, l.activation()).unwrap()
    });
    Network::from_layers(layers.collect(), net.head()).unwrap()
}

/// Checks one configuration on `rows` rows; returns a description and the worst error.
fn check(
    rng: &mut StdRng,
    (activation, hidden, classes): (Activation, &[usize], usize),
    (loss, penalty, mask_seed): (Loss, Penalty, Option<u64>),
    rows: usize,
) -> (String, f64) {
    let config = NetworkConfig {
        hidden: hidden.to_vec(),
        activations: vec![activation],
        init: Init::Xavier,
        classes,
    };
    let net = random_network(&config, rng);
    let (x, y) = data(rng, rows, classes);
    let batch = (&x[..], &y[..]);
    let (_, grads) = objective_and_gradient(&net, batch, loss, penalty, mask_seed);
    let objective = |n: &Network| objective_and_gradient(n, batch, loss, penalty, mask_seed).0;
    let what = format!(
        "{activation:?} {loss:?} {classes} classes hidden {hidden:?} {penalty:?} \
         dropout {} rows {rows}",
        mask_seed.is_some()
    );
    (what, worst_relative_error(&net, &grads, objective))
}

#[test]
fn gradients_match_finite_differences_for_every_activation_loss_and_head() {
    let mut rng = StdRng::seed_from_u64(42);
    // A sigmoid head on both losses, softmax heads of 3 and 5 classes on cross-entropy.
    let heads = [
        (2, Loss::Mse),
        (2, Loss::CrossEntropy),
        (3, Loss::CrossEntropy),
        (5, Loss::CrossEntropy),
    ];
    for activation in Activation::ALL {
        for (classes, loss) in heads {
            for hidden in [&[3][..], &[4, 3]] {
                for penalty in PENALTIES {
                    for rows in [3, 7, 13] {
                        let shape = (activation, hidden, classes);
                        let (what, err) = check(&mut rng, shape, (loss, penalty, None), rows);
                        assert!(err < 1e-6, "{what}: relative error {err:e}");
                    }
                }
            }
        }
    }
}

#[test]
fn dropout_gradients_match_finite_differences_of_the_masked_network() {
    let mut rng = StdRng::seed_from_u64(11);
    for activation in Activation::ALL {
        for (classes, loss) in [
            (2, Loss::Mse),
            (2, Loss::CrossEntropy),
            (4, Loss::CrossEntropy),
        ] {
            let shape = (activation, &[5, 4][..], classes);
            for penalty in &PENALTIES[1..] {
                let (what, err) = check(&mut rng, shape, (loss, *penalty, Some(99)), 7);
                assert!(err < 1e-6, "{what}: relative error {err:e}");
            }
        }
    }
}

#[test]
fn dropout_changes_the_gradient() {
    let mut rng = StdRng::seed_from_u64(12);
    let config = NetworkConfig {
        hidden: vec![5, 4],
        ..NetworkConfig::default()
    };
    let net = random_network(&config, &mut rng);
    let (x, y) = data(&mut rng, 7, 2);
    let batch = (&x[..], &y[..]);
    let (_, dropped) = objective_and_gradient(&net, batch, Loss::Mse, Penalty::NONE, Some(99));
    let (_, plain) = objective_and_gradient(&net, batch, Loss::Mse, Penalty::NONE, None);
    assert_ne!(dropped, plain, "the masks had no effect");
}

#[test]
fn the_check_notices_a_wrong_gradient() {
    // The check itself must be able to fail: a gradient scaled by 1.01 is caught ...
    let mut rng = StdRng::seed_from_u64(1);
    let net = random_network(&NetworkConfig::default(), &mut rng);
    let (x, y) = data(&mut rng, 7, 2);
    let batch = (&x[..], &y[..]);
    let (_, mut grads) = objective_and_gradient(&net, batch, Loss::Mse, Penalty::NONE, None);
    let objective =
        |n: &Network| objective_and_gradient(n, batch, Loss::Mse, Penalty::NONE, None).0;
    assert!(worst_relative_error(&net, &grads, objective) < 1e-6);
    grads.layers[0].params_mut()[0] *= 1.01;
    assert!(worst_relative_error(&net, &grads, objective) > 1e-3);

    // ... and so are softmax gradients computed for other labels.
    let config = NetworkConfig {
        classes: 4,
        ..NetworkConfig::default()
    };
    let net = random_network(&config, &mut rng);
    let (x, y) = data(&mut rng, 7, 4);
    let shifted: Vec<f64> = y.iter().map(|c| (c + 1.0) % 4.0).collect();
    let loss = Loss::CrossEntropy;
    let (_, wrong) = objective_and_gradient(&net, (&x, &shifted), loss, Penalty::NONE, None);
    let objective = |n: &Network| objective_and_gradient(n, (&x, &y), loss, Penalty::NONE, None).0;
    assert!(worst_relative_error(&net, &wrong, objective) > 1e-3);
}
