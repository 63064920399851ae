//! Proves "Export as Python" reruns the run: `export --format python` writes a NumPy script
//! with the points, the starting weights and the app's final weights; run in the venv, it
//! trains the same epochs and its closing assertion (weights within its tolerance of the
//! app's) holds — for the tutorial (SGD, MSE), Adam with cross-entropy under L2 and a cosine
//! schedule, and a softmax network on extra features with momentum and step decay. Runs the
//! script cannot rerun (mini-batches, dropout, a network not from its experiment) are refused
//! in one line.
//!
//! Needs a Python with NumPy (see tests/support/python.rs); fails, never skips, without one.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

#[path = "support/python.rs"]
mod python;

use std::process::Command;

use nn_playground::{
    data::{DataSpec, DatasetKind, Features},
    experiment::Experiment,
    nn::{Activation, Loss, NetworkConfig, Optimizer},
    train::Schedule,
    weights::{self, WeightsFile},
};

fn export(file: &WeightsFile, dir: &std::path::Path) -> (bool, String, std::path::PathBuf) {
    let weights_path = dir.join("run.json");
    weights::save(&weights_path, file).unwrap();
    let script = dir.join("rerun.py");
    let out = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(["export", "--weights"])
        .arg(&weights_path)
        .args(["--format", "python", "--out"])
        .arg(&script)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stderr).unwrap(),
        script,
    )
}

fn trained(experiment: Experiment, epochs: u64) -> WeightsFile {
    let mut trainer = experiment.trainer().unwrap();
    trainer.run(epochs).unwrap();
    WeightsFile {
        experiment,
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    }
}

/// Exports `experiment` after `epochs`, runs the script and returns its output.
fn rerun(experiment: Experiment, epochs: u64) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (ok, stderr, script) = export(&trained(experiment, epochs), dir.path());
    assert!(ok, "export failed: {stderr}");
    let out = Command::new(python::python(&["numpy"]))
        .arg(&script)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "the script failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("The rerun matches the app."), "{stdout}");
    println!("{}", stdout.lines().rev().nth(1).unwrap_or_default());
    stdout
}

#[test]
fn the_tutorials_run_reruns_in_numpy() {
    let out = rerun(Experiment::default(), 2000);
    assert!(out.starts_with("Epoch 0, Loss: "), "{out}");
    assert!(out.contains("Epoch 1900, Loss: "), "{out}");
}

#[test]
fn adam_with_cross_entropy_l2_and_cosine_reruns_in_numpy() {
    let mut experiment = Experiment {
        data: DataSpec {
            kind: DatasetKind::Circle,
            points: 60,
            ..DataSpec::default()
        },
        network: NetworkConfig {
            hidden: vec![6, 3],
            activations: vec![Activation::Tanh],
            ..NetworkConfig::default()
        },
        ..Experiment::default()
    };
    experiment.training.loss = Loss::CrossEntropy;
    experiment.training.optimizer = Optimizer::Adam;
    experiment.training.learning_rate = 0.01;
    experiment.training.l2 = 1e-3;
    experiment.training.schedule = Schedule::Cosine { period: 400 };
    rerun(experiment, 500);
}

#[test]
fn l1_with_l2_on_momentum_reruns_in_numpy() {
    let mut experiment = Experiment {
        data: DataSpec {
            kind: DatasetKind::Moons,
            points: 60,
            ..DataSpec::default()
        },
        network: NetworkConfig {
            hidden: vec![5],
            activations: vec![Activation::Tanh],
            ..NetworkConfig::default()
        },
        ..Experiment::default()
    };
    experiment.training.optimizer = Optimizer::Momentum;
    experiment.training.learning_rate = 0.1;
    experiment.training.l1 = 1e-3;
    experiment.training.l2 = 1e-3;
    rerun(experiment, 300);
}

#[test]
fn a_softmax_network_on_extra_features_without_x2_reruns_in_numpy() {
    let mut experiment = Experiment {
        data: DataSpec {
            kind: DatasetKind::ThreeSpirals,
            points: 90,
            features: Features {
                x2: false,
                x1_squared: true,
                x1_x2: true,
                sin_x2: true,
                ..Features::default()
            },
            ..DataSpec::default()
        },
        network: NetworkConfig {
            hidden: vec![8],
            activations: vec![Activation::Relu],
            ..NetworkConfig::default()
        },
        ..Experiment::default()
    };
    experiment.training.loss = Loss::CrossEntropy;
    experiment.training.optimizer = Optimizer::Momentum;
    experiment.training.learning_rate = 0.05;
    experiment.training.schedule = Schedule::Step {
        every: 100,
        factor: 0.5,
    };
    experiment.fit_output_to_data().unwrap();
    rerun(experiment, 300);
}

#[test]
fn runs_the_script_cannot_rerun_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut batched = Experiment {
        data: DataSpec {
            kind: DatasetKind::Circle,
            ..DataSpec::default()
        },
        ..Experiment::default()
    };
    batched.training.batch_size = Some(10);
    let mut file = trained(batched, 5);
    let (ok, stderr, script) = export(&file, dir.path());
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("full-batch runs only"), "{stderr}");
    assert!(!script.exists());

    file.experiment.training.batch_size = None;
    let (ok, stderr, _) = export(&file, dir.path());
    assert!(!ok);
    assert!(
        stderr.contains("not what its experiment gives after 5 epochs"),
        "{stderr}"
    );
}
