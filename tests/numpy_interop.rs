//! Proves the `.npz` export works in NumPy for real: a Python script loads an exported file,
//! assigns the arrays to the tutorial's network attributes, runs the forward pass in NumPy and
//! must match our outputs to 1e-12.
//!
//! Needs a Python with NumPy: `$NN_PLAYGROUND_PYTHON`, else `.venv/bin/python` in the crate.
//! This test fails (it never skips) when neither works.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

#[path = "support/python.rs"]
mod python;

use std::path::Path;

use ndarray::{Array2, array};
use nn_playground::{
    data::{DataSpec, DatasetKind},
    experiment::Experiment,
    nn::{Activation, NetworkConfig},
    weights::{self, WeightsFile},
};

/// Runs the NumPy forward pass on `inputs` and returns its outputs.
fn numpy_outputs(path: &Path, inputs: &Array2<f64>) -> Vec<f64> {
    let rows: Vec<String> = inputs
        .rows()
        .into_iter()
        .map(|r| format!("{:?},{:?}", r[0], r[1]))
        .collect();
    let mut args = vec![path.display().to_string()];
    args.extend(rows);
    python::run_script(&["numpy"], "check_npz.py", &args)
        .lines()
        .map(|l| l.parse().unwrap())
        .collect()
}

fn assert_numpy_agrees(experiment: Experiment, epochs: u64, inputs: Array2<f64>) {
    let mut trainer = experiment.trainer().unwrap();
    trainer.run(epochs).unwrap();
    let file = WeightsFile {
        experiment,
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.npz");
    weights::save(&path, &file).unwrap();
    let ours = file.network.predict(&inputs);
    let theirs = numpy_outputs(&path, &inputs);
    assert_eq!(theirs.len(), ours.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert!((a - b).abs() <= 1e-12, "ours {a}, NumPy {b}");
    }
}

#[test]
fn the_tutorials_network_predicts_the_same_in_numpy() {
    let xor = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    assert_numpy_agrees(Experiment::default(), 2000, xor);
}

#[test]
fn deeper_networks_with_other_activations_agree_too() {
    let grid = Array2::from_shape_fn((25, 2), |(i, j)| {
        let v = if j == 0 { i / 5 } else { i % 5 };
        v as f64 * 0.5 - 1.0
    });
    for activation in [Activation::Tanh, Activation::Relu, Activation::LeakyRelu] {
        let experiment = Experiment {
            data: DataSpec {
                kind: DatasetKind::Circle,
                ..DataSpec::default()
            },
            network: NetworkConfig {
                hidden: vec![6, 3],
                activations: vec![activation],
                ..NetworkConfig::default()
            },
            ..Experiment::default()
        };
        assert_numpy_agrees(experiment, 50, grid.clone());
    }
}
