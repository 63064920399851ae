//! The numbers the Explain views and `nn-playground explain` show are the numbers training
//! uses: the explained gradients equal the fast backward pass's (to 1e-12) for every
//! activation, head, loss and L2, for batches and single points; the explained update is the
//! trainer's next epoch, for every optimiser; and on the tutorial's network every quantity
//! (`z1` … `db1`, and the weights after the step) equals our NumPy reference of the tutorial's
//! algorithm (`benches/xor_reference.py explain`) on the same weights.
//!
//! Needs a Python with NumPy, as `tests/numpy_interop.rs` does: `$NN_PLAYGROUND_PYTHON`, else
//! `.venv/bin/python` in the crate. The NumPy test fails (it never skips) without one.

#![expect(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use nn_playground::{
    data::{DataSpec, DatasetKind},
    experiment::Experiment,
    nn::{Activation, Gradients, Init, Loss, NetworkConfig, Optimizer, Workspace, backprop},
    train::{TrainConfig, Trainer},
    view::explain::{Explanation, Step},
    weights::{self, WeightsFile},
};
use serde_json::Value;

/// The explanation of `trainer`'s next full-batch step, on its training set or on `rows` of it.
fn explain(trainer: &Trainer, rows: Option<std::ops::Range<usize>>) -> Explanation {
    let (data, config) = (&trainer.data().train, trainer.config());
    let width = data.features();
    let rows = rows.unwrap_or(0..data.len());
    let step = Step {
        inputs: &data.input_slice()[rows.start * width..rows.end * width],
        targets: &data.label_slice()[rows.clone()],
        loss: config.loss,
        penalty: config.penalty(),
        learning_rate: config.schedule.rate(config.learning_rate, trainer.epoch()),
        optimizer: trainer.optimizer(),
    };
    Explanation::new(trainer.network(), step)
}

/// The largest difference between two lists, relative to the size of the first (at least 1).
fn worst(a: impl IntoIterator<Item = f64>, b: impl IntoIterator<Item = f64>) -> f64 {
    a.into_iter()
        .zip(b)
        .map(|(a, b)| (a - b).abs() / a.abs().max(1.0))
        .fold(0.0, f64::max)
}

fn experiment(
    kind: DatasetKind,
    activation: Activation,
    loss: Loss,
    (l1, l2): (f64, f64),
) -> Experiment {
    Experiment {
        data: DataSpec {
            kind,
            points: 40,
            ..DataSpec::default()
        },
        network: NetworkConfig {
            hidden: vec![5, 3],
            activations: vec![activation],
            init: Init::Xavier,
            ..NetworkConfig::default()
        },
        training: TrainConfig {
            loss,
            l1,
            l2,
            learning_rate: 0.05,
            ..TrainConfig::default()
        },
        ..Experiment::default()
    }
}

/// Every hidden activation × (sigmoid on MSE, sigmoid on cross-entropy, a 3-class softmax) ×
/// no penalty, L2, L1 and both.
fn configurations() -> Vec<Experiment> {
    let mut all = Vec::new();
    for activation in Activation::ALL {
        for penalty in [(0.0, 0.0), (0.0, 0.01), (0.02, 0.0), (0.02, 0.01)] {
            for (kind, loss) in [
                (DatasetKind::Circle, Loss::Mse),
                (DatasetKind::Spiral, Loss::CrossEntropy),
                (DatasetKind::ThreeSpirals, Loss::CrossEntropy),
            ] {
                let mut e = experiment(kind, activation, loss, penalty);
                e.fit_output_to_data().unwrap();
                all.push(e);
            }
        }
    }
    all
}

#[test]
fn explained_gradients_are_the_backward_passs_for_batches_and_single_points() {
    let mut checked = 0;
    for e in configurations() {
        let mut trainer = e.trainer().unwrap();
        trainer.run(30).unwrap();
        let data = &trainer.data().train;
        let width = data.features();
        for rows in [0..data.len(), 0..1, 7..8, 3..9] {
            let explained = explain(&trainer, Some(rows.clone()));
            let n = rows.len();
            let (network, config) = (trainer.network(), trainer.config());
            let mut ws = Workspace::new(network, n);
            let mut grads = Gradients::zeros_like(network);
            let inputs = &data.input_slice()[rows.start * width..rows.end * width];
            let labels = &data.label_slice()[rows.clone()];
            let loss = backprop(
                network,
                &mut ws,
                inputs,
                labels,
                n,
                config.loss,
                config.penalty(),
                &mut grads,
            );
            assert!(
                (explained.loss - loss).abs() <= 1e-12 * loss.abs().max(1.0),
                "{e:?}: loss {} vs {loss}",
                explained.loss
            );
            for (layer, g) in explained.layers.iter().zip(&grads.layers) {
                let ours = layer.dw.iter().flatten().copied();
                let core = g.weights().into_iter().copied().collect::<Vec<_>>();
                // `dw` is inputs × outputs row by row, like the core's `weights()` view.
                assert!(worst(core, ours) <= 1e-12, "{e:?} rows {rows:?}: dW");
                assert!(
                    worst(g.bias().iter().copied(), layer.db.iter().copied()) <= 1e-12,
                    "{e:?} rows {rows:?}: db"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, Activation::ALL.len() * 4 * 3 * 4);
}

#[test]
fn the_explained_update_is_the_trainers_next_epoch_for_every_optimiser() {
    for optimizer in Optimizer::ALL {
        for mut e in configurations().into_iter().step_by(5) {
            e.training.optimizer = optimizer;
            let mut trainer = e.trainer().unwrap();
            // Some steps first, so momentum and Adam carry state into the explained one.
            trainer.run(12).unwrap();
            let explained = explain(&trainer, None);
            let reported = trainer.train_epoch().unwrap();
            assert!(
                (reported - explained.loss).abs() <= 1e-12,
                "{optimizer:?}: the epoch reported {reported}, explained {}",
                explained.loss
            );
            for (layer, after) in explained.layers.iter().zip(trainer.network().layers()) {
                let next = after.weights().into_iter().copied().collect::<Vec<_>>();
                let ours = layer.w_next.iter().flatten().copied();
                assert!(worst(next, ours) <= 1e-12, "{optimizer:?} {e:?}: W'");
                let bias = after.bias().to_vec();
                assert!(
                    worst(bias, layer.b_next.iter().copied()) <= 1e-12,
                    "{optimizer:?}: b'"
                );
            }
        }
    }
}

fn python() -> PathBuf {
    let candidate = std::env::var_os("NN_PLAYGROUND_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    let works = Command::new(&candidate)
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        works,
        "no Python with NumPy at {}: set NN_PLAYGROUND_PYTHON or create .venv with numpy",
        candidate.display()
    );
    candidate
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_nn-playground")
}

/// Saves the tutorial's network after `epochs` epochs as `name` in `dir`.
fn tutorial_file(dir: &Path, name: &str, epochs: u64) -> PathBuf {
    let experiment = Experiment::default();
    let mut trainer = experiment.trainer().unwrap();
    trainer.run(epochs).unwrap();
    let path = dir.join(name);
    let file = WeightsFile {
        experiment,
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    };
    weights::save(&path, &file).unwrap();
    path
}

/// `explain --json` on `args`: the report, parsed.
fn explain_json(args: &[&str]) -> Value {
    let out = Command::new(binary())
        .arg("explain")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "explain failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn numbers(value: &Value) -> Vec<f64> {
    match value {
        Value::Number(n) => vec![n.as_f64().unwrap()],
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        other => panic!("not numbers: {other}"),
    }
}

#[test]
fn the_tutorials_step_matches_the_numpy_reference_name_for_name() {
    let dir = tempfile::tempdir().unwrap();
    for epochs in [0, 700] {
        let npz = tutorial_file(dir.path(), &format!("tutorial-{epochs}.npz"), epochs);
        let path = npz.to_str().unwrap();
        let ours = explain_json(&["--weights", path]);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/xor_reference.py");
        let out = Command::new(python())
            .arg(script)
            .args(["explain", "--npz", path])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let numpy: Value = serde_json::from_slice(&out.stdout).unwrap();
        let names = [
            "z1", "a1", "z2", "a2", "loss", "dz2", "dW2", "db2", "dz1", "dW1", "db1", "W1'", "b1'",
            "W2'", "b2'",
        ];
        for name in names {
            let (a, b) = (numbers(&ours["quantities"][name]), numbers(&numpy[name]));
            assert_eq!(a.len(), b.len(), "{name} at epoch {epochs}");
            assert!(
                worst(b, a) <= 1e-12,
                "{name} at epoch {epochs} differs from NumPy's"
            );
        }
        assert_eq!(ours["samples"], 4);
        assert_eq!(ours["formulas"]["dz1"], "dz1 = dz2·W2ᵀ * a1·(1 - a1)");
        assert_eq!(ours["formulas"]["dW2"], "dW2 = a1ᵀ·dz2 / m");
    }
}

#[test]
fn explain_follows_one_point_with_its_label() {
    let dir = tempfile::tempdir().unwrap();
    let path = tutorial_file(dir.path(), "t.json", 100);
    let path = path.to_str().unwrap();
    let one = explain_json(&["--weights", path, "--point", "0,1"]);
    assert_eq!(one["samples"], 1);
    assert_eq!(numbers(&one["quantities"]["y"]), [1.0]);
    assert_eq!(numbers(&one["quantities"]["X"]), [0.0, 1.0]);
    // A point off the data takes the class it is given.
    let off = explain_json(&["--weights", path, "--point", "0.5,-0.25", "--label", "0"]);
    assert_eq!(numbers(&off["quantities"]["y"]), [0.0]);
    // The text form names the tutorial's quantities.
    let out = Command::new(binary())
        .args(["explain", "--weights", path])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "z1 (4×4) = X·W1 + b1",
        "a2 (4×1) = sigmoid(z2)",
        "dz2 (4×1) = (a2 - y) * a2·(1 - a2)",
        "db1 (4) = sum(dz1, axis=0) / m",
        "W1' (2×4) = W1 - η·dW1   (η = 0.5)",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
}

#[test]
fn explain_refuses_bad_points_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = tutorial_file(dir.path(), "t.json", 10);
    let path = path.to_str().unwrap();
    for (args, message) in [
        (
            vec!["--point", "0.3,0.2"],
            "error: --point 0.3,0.2 is not one of the run's points: give its class with --label\n",
        ),
        (
            vec!["--point", "0,1", "--label", "2"],
            "error: --label 2: this network tells 2 classes apart (0 to 1)\n",
        ),
    ] {
        let out = Command::new(binary())
            .args(["explain", "--weights", path])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), message);
    }
    let out = Command::new(binary())
        .args(["explain", "--weights", path, "--point", "one,two"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"one,two\" is not a point: write X1,X2, e.g. 0,1"),
        "{stderr}"
    );
}
