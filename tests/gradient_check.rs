//! Backpropagation checked against central finite differences of the objective, for every
//! hidden activation × loss, with one and two hidden layers, with and without L2 decay.
//!
//! The objective is `loss.objective_scale() × mean loss + l2/2 × Σ W²` (see `nn::backprop`).
//! Softmax outputs (3 and 5 classes, cross-entropy) are checked the same way.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use ndarray::{Array1, Array2};
use nn_playground::nn::{
    Activation, Gradients, Init, Layer, Loss, Network, NetworkConfig, Workspace, backprop,
};
use rand::{RngExt as _, SeedableRng as _, rngs::StdRng};

const ROWS: usize = 7;

/// Random inputs in [-2, 2]² and random 0/1 labels.
fn data(rng: &mut StdRng) -> (Vec<f64>, Vec<f64>) {
    let x = (0..ROWS * 2)
        .map(|_| rng.random::<f64>() * 4.0 - 2.0)
        .collect();
    let y = (0..ROWS)
        .map(|_| if rng.random::<bool>() { 1.0 } else { 0.0 })
        .collect();
    (x, y)
}

fn objective(net: &Network, x: &[f64], y: &[f64], loss: Loss, l2: f64) -> f64 {
    let mut ws = Workspace::new(net, ROWS);
    let mut grads = Gradients::zeros_like(net);
    let mean = backprop(net, &mut ws, x, y, ROWS, loss, 0.0, &mut grads);
    let decay: f64 = net
        .layers()
        .iter()
        .map(|l| l.weights().iter().map(|w| w * w).sum::<f64>())
        .sum();
    loss.objective_scale() * mean + 0.5 * l2 * decay
}

/// `net` with one number nudged: `weights[i]` of `layer` (or its `bias[i - weights.len()]`).
fn nudged(net: &Network, layer: usize, index: usize, by: f64) -> Network {
    let layers = net
        .layers()
        .iter()
        .enumerate()
        .map(|(l, layer_ref)| {
            let mut w: Array2<f64> = layer_ref.weights().to_owned();
            let mut b: Array1<f64> = layer_ref.bias().to_owned();
            if l == layer {
                let n_w = w.len();
                if index < n_w {
                    // Logical (row-major) order, as the gradients are listed.
                    *w.iter_mut().nth(index).unwrap() += by;
                } else {
                    b[index - n_w] += by;
                }
            }
            Layer::new(w, b, layer_ref.activation()).unwrap()
        })
        .collect();
    Network::from_layers(layers).unwrap()
}

/// A network from `config` with random biases too: zero biases put rectifiers exactly on their
/// kink whenever a whole layer below is silent, where no derivative exists to compare.
fn random_network(config: &NetworkConfig, rng: &mut StdRng) -> Network {
    let net = config.init(2, rng);
    let layers = net
        .layers()
        .iter()
        .map(|l| {
            let bias = Array1::from_shape_fn(l.outputs(), |_| rng.random::<f64>() - 0.5);
            Layer::new(l.weights().to_owned(), bias, l.activation()).unwrap()
        })
        .collect();
    Network::from_layers(layers).unwrap()
}

/// The worst relative error between analytic and numeric gradients over every parameter.
fn worst_relative_error(net: &Network, loss: Loss, l2: f64, rng: &mut StdRng) -> f64 {
    let (x, y) = data(rng);
    let mut ws = Workspace::new(net, ROWS);
    let mut grads = Gradients::zeros_like(net);
    backprop(net, &mut ws, &x, &y, ROWS, loss, l2, &mut grads);
    let h = 1e-5;
    let mut worst: f64 = 0.0;
    for (l, g) in grads.layers.iter().enumerate() {
        let analytic = g.weights().into_iter().chain(g.bias());
        for (i, &a) in analytic.enumerate() {
            let plus = objective(&nudged(net, l, i, h), &x, &y, loss, l2);
            let minus = objective(&nudged(net, l, i, -h), &x, &y, loss, l2);
            let numeric = (plus - minus) / (2.0 * h);
            let scale = a.abs().max(numeric.abs()).max(1e-4);
            worst = worst.max((a - numeric).abs() / scale);
        }
    }
    worst
}

#[test]
fn gradients_match_finite_differences_for_every_activation_and_loss() {
    let mut rng = StdRng::seed_from_u64(42);
    for activation in Activation::ALL {
        for loss in Loss::ALL {
            for hidden in [vec![3], vec![4, 3]] {
                for l2 in [0.0, 0.01] {
                    let config = NetworkConfig {
                        hidden: hidden.clone(),
                        activation,
                        init: Init::Xavier,
                        classes: 2,
                    };
                    let net = random_network(&config, &mut rng);
                    let err = worst_relative_error(&net, loss, l2, &mut rng);
                    assert!(
                        err < 1e-6,
                        "{activation:?} {loss:?} hidden {hidden:?} l2 {l2}: relative error {err:e}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_check_notices_a_wrong_gradient() {
    // The check itself must be able to fail: a gradient scaled by 1.01 is caught.
    let mut rng = StdRng::seed_from_u64(1);
    let net = NetworkConfig::default().init(2, &mut rng);
    let (x, y) = data(&mut rng);
    let mut ws = Workspace::new(&net, ROWS);
    let mut grads = Gradients::zeros_like(&net);
    backprop(&net, &mut ws, &x, &y, ROWS, Loss::Mse, 0.0, &mut grads);
    let a = grads.layers[0].weights()[[0, 0]] * 1.01;
    let h = 1e-5;
    let numeric = (objective(&nudged(&net, 0, 0, h), &x, &y, Loss::Mse, 0.0)
        - objective(&nudged(&net, 0, 0, -h), &x, &y, Loss::Mse, 0.0))
        / (2.0 * h);
    assert!((a - numeric).abs() / a.abs().max(numeric.abs()) > 1e-3);
}

/// Random class indices `0..classes` as labels.
fn class_labels(rng: &mut StdRng, classes: usize) -> Vec<f64> {
    (0..ROWS)
        .map(|_| rng.random_range(0..classes) as f64)
        .collect()
}

#[test]
fn softmax_gradients_match_finite_differences_for_3_and_5_classes() {
    let mut rng = StdRng::seed_from_u64(7);
    let loss = Loss::CrossEntropy;
    for classes in [3, 5] {
        for activation in Activation::ALL {
            for hidden in [vec![3], vec![4, 3]] {
                for l2 in [0.0, 0.01] {
                    let config = NetworkConfig {
                        hidden: hidden.clone(),
                        activation,
                        init: Init::Xavier,
                        classes,
                    };
                    let net = random_network(&config, &mut rng);
                    assert_eq!(net.outputs(), classes);
                    assert_eq!(
                        net.layers().last().unwrap().activation(),
                        Activation::Softmax
                    );
                    let (x, _) = data(&mut rng);
                    let y = class_labels(&mut rng, classes);
                    let err = worst_relative_error_on(&net, &x, &y, loss, l2);
                    assert!(
                        err < 1e-6,
                        "{classes} classes {activation:?} hidden {hidden:?} l2 {l2}: \
                         relative error {err:e}"
                    );
                }
            }
        }
    }
}

/// [`worst_relative_error`] on given data.
fn worst_relative_error_on(net: &Network, x: &[f64], y: &[f64], loss: Loss, l2: f64) -> f64 {
    let mut ws = Workspace::new(net, ROWS);
    let mut grads = Gradients::zeros_like(net);
    backprop(net, &mut ws, x, y, ROWS, loss, l2, &mut grads);
    let h = 1e-5;
    let mut worst: f64 = 0.0;
    for (l, g) in grads.layers.iter().enumerate() {
        for (i, &a) in g.weights().into_iter().chain(g.bias()).enumerate() {
            let plus = objective(&nudged(net, l, i, h), x, y, loss, l2);
            let minus = objective(&nudged(net, l, i, -h), x, y, loss, l2);
            let numeric = (plus - minus) / (2.0 * h);
            let scale = a.abs().max(numeric.abs()).max(1e-4);
            worst = worst.max((a - numeric).abs() / scale);
        }
    }
    worst
}

#[test]
fn the_softmax_check_notices_a_wrong_label() {
    // Gradients computed for one labelling must not pass against another's objective.
    let mut rng = StdRng::seed_from_u64(3);
    let config = NetworkConfig {
        classes: 4,
        ..NetworkConfig::default()
    };
    let net = random_network(&config, &mut rng);
    let (x, _) = data(&mut rng);
    let y = class_labels(&mut rng, 4);
    let shifted: Vec<f64> = y.iter().map(|c| (c + 1.0) % 4.0).collect();
    let mut ws = Workspace::new(&net, ROWS);
    let mut grads = Gradients::zeros_like(&net);
    backprop(
        &net,
        &mut ws,
        &x,
        &shifted,
        ROWS,
        Loss::CrossEntropy,
        0.0,
        &mut grads,
    );
    let a = grads.layers[1].bias()[0];
    let h = 1e-5;
    let f = |n: &Network| objective(n, &x, &y, Loss::CrossEntropy, 0.0);
    let numeric = (f(&nudged(&net, 1, 4 * 4, h)) - f(&nudged(&net, 1, 4 * 4, -h))) / (2.0 * h);
    assert!((a - numeric).abs() / a.abs().max(numeric.abs()) > 1e-3);
}

/// The objective of `net` with the dropout masks that a fresh RNG seeded with `mask_seed`
/// draws: the same masks on every call, so finite differences see one fixed masked network.
fn dropout_objective(net: &Network, x: &[f64], y: &[f64], loss: Loss, mask_seed: u64) -> f64 {
    let mut ws = Workspace::new(net, ROWS);
    let mut grads = Gradients::zeros_like(net);
    let mut rng = StdRng::seed_from_u64(mask_seed);
    let dropout = nn_playground::nn::Dropout {
        rate: 0.3,
        rng: &mut rng,
    };
    let mean = nn_playground::nn::backprop_with(
        net,
        &mut ws,
        x,
        y,
        ROWS,
        loss,
        0.0,
        &mut grads,
        Some(dropout),
    );
    loss.objective_scale() * mean
}

#[test]
fn dropout_gradients_match_finite_differences_of_the_masked_network() {
    let mut rng = StdRng::seed_from_u64(11);
    for activation in Activation::ALL {
        for loss in Loss::ALL {
            let config = NetworkConfig {
                hidden: vec![5, 4],
                activation,
                init: Init::Xavier,
                ..NetworkConfig::default()
            };
            let net = random_network(&config, &mut rng);
            let (x, y) = data(&mut rng);
            let mask_seed = 99;
            let mut ws = Workspace::new(&net, ROWS);
            let mut grads = Gradients::zeros_like(&net);
            let mut mask_rng = StdRng::seed_from_u64(mask_seed);
            let dropout = nn_playground::nn::Dropout {
                rate: 0.3,
                rng: &mut mask_rng,
            };
            nn_playground::nn::backprop_with(
                &net,
                &mut ws,
                &x,
                &y,
                ROWS,
                loss,
                0.0,
                &mut grads,
                Some(dropout),
            );
            let mut plain = Gradients::zeros_like(&net);
            backprop(&net, &mut ws, &x, &y, ROWS, loss, 0.0, &mut plain);
            assert_ne!(
                plain, grads,
                "{activation:?} {loss:?}: the masks had no effect"
            );
            let h = 1e-5;
            for (l, g) in grads.layers.iter().enumerate() {
                for (i, &a) in g.weights().into_iter().chain(g.bias()).enumerate() {
                    let plus = dropout_objective(&nudged(&net, l, i, h), &x, &y, loss, mask_seed);
                    let minus = dropout_objective(&nudged(&net, l, i, -h), &x, &y, loss, mask_seed);
                    let numeric = (plus - minus) / (2.0 * h);
                    let scale = a.abs().max(numeric.abs()).max(1e-4);
                    assert!(
                        (a - numeric).abs() / scale < 1e-6,
                        "{activation:?} {loss:?} layer {l} #{i}: {a} vs {numeric}"
                    );
                }
            }
        }
    }
}
