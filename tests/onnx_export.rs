//! Proves the ONNX export runs elsewhere: `nn-playground export --format onnx` writes a model
//! that onnx's checker accepts and onnxruntime runs on raw `x1, x2`, giving `predict`'s
//! outputs to 1e-12 in float64 — for each hidden activation, and for a softmax network whose
//! extra input features the graph builds itself.
//!
//! Needs a Python with numpy, onnx and onnxruntime (see tests/support/python.rs); fails, never
//! skips, without one.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

#[path = "support/python.rs"]
mod python;

use std::{
    io::Write as _,
    path::Path,
    process::{Command, Stdio},
};

use nn_playground::{
    data::{DataSpec, DatasetKind, Features},
    experiment::Experiment,
    nn::{Activation, Loss, NetworkConfig},
    weights::{self, WeightsFile},
};

fn cli(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Inputs over the plane and beyond, where every activation's both sides are reached.
fn rows() -> Vec<String> {
    (0..49)
        .map(|i| {
            let (a, b) = (i / 7, i % 7);
            format!(
                "{:?},{:?}",
                a as f64 * 0.9 - 2.7,
                b as f64 * 0.7 - 2.1 + 0.013 * a as f64
            )
        })
        .collect()
}

fn numbers(text: &str) -> Vec<Vec<f64>> {
    text.lines()
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect()
}

/// Trains `experiment` for `epochs`, exports it with the CLI and checks onnxruntime against
/// `predict` on [`rows`].
fn assert_onnxruntime_agrees(experiment: Experiment, epochs: u64) {
    let mut trainer = experiment.trainer().unwrap();
    trainer.run(epochs).unwrap();
    let file = WeightsFile {
        experiment,
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    };
    let dir = tempfile::tempdir().unwrap();
    let weights_path = dir.path().join("net.json");
    weights::save(&weights_path, &file).unwrap();
    let onnx = dir.path().join("net.onnx");
    let w = weights_path.to_str().unwrap();
    let (ok, stdout, stderr) = cli(
        &[
            "export",
            "--weights",
            w,
            "--format",
            "onnx",
            "--out",
            onnx.to_str().unwrap(),
        ],
        "",
    );
    assert!(ok, "export failed: {stderr}");
    assert!(stdout.starts_with("wrote an ONNX model"), "{stdout}");
    let rows = rows();
    let (ok, predicted, stderr) = cli(&["predict", "--weights", w], &rows.join("\n"));
    assert!(ok, "predict failed: {stderr}");
    let mut args = vec![onnx.display().to_string()];
    args.extend(rows.iter().cloned());
    let ran = python::run_script(&["numpy", "onnx", "onnxruntime"], "check_onnx.py", &args);
    let (ours, theirs) = (numbers(&predicted), numbers(&ran));
    assert_eq!(ours.len(), rows.len());
    assert_eq!(theirs.len(), rows.len());
    let mut worst = 0f64;
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a.len(), b.len(), "outputs per row");
        for (a, b) in a.iter().zip(b) {
            worst = worst.max((a - b).abs());
        }
    }
    println!("largest difference from predict: {worst:e}");
    assert!(
        worst <= 1e-12,
        "onnxruntime differs from predict by {worst:e}"
    );
}

fn circle(activation: Activation) -> Experiment {
    Experiment {
        data: DataSpec {
            kind: DatasetKind::Circle,
            ..DataSpec::default()
        },
        network: NetworkConfig {
            hidden: vec![6, 3],
            activation,
            ..NetworkConfig::default()
        },
        ..Experiment::default()
    }
}

#[test]
fn the_tutorials_sigmoid_network_runs_the_same_in_onnxruntime() {
    assert_onnxruntime_agrees(Experiment::default(), 2000);
}

#[test]
fn tanh_relu_and_leaky_relu_networks_run_the_same() {
    for activation in [Activation::Tanh, Activation::Relu, Activation::LeakyRelu] {
        assert_onnxruntime_agrees(circle(activation), 200);
    }
}

#[test]
fn a_softmax_network_on_extra_features_runs_the_same() {
    let mut experiment = circle(Activation::Tanh);
    experiment.data.kind = DatasetKind::ThreeSpirals;
    experiment.data.features = Features {
        x1_squared: true,
        x2_squared: true,
        x1_x2: true,
        sin_x1: true,
        sin_x2: true,
    };
    experiment.training.loss = Loss::CrossEntropy;
    experiment.fit_output_to_data().unwrap();
    assert_onnxruntime_agrees(experiment, 300);
}

#[test]
fn a_bad_path_is_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let weights_path = dir.path().join("net.json");
    let file = WeightsFile {
        experiment: Experiment::default(),
        network: Experiment::default().trainer().unwrap().network().clone(),
        epoch: 0,
    };
    weights::save(&weights_path, &file).unwrap();
    let out = dir.path().join("no such folder/net.onnx");
    let (ok, _, stderr) = cli(
        &[
            "export",
            "--weights",
            weights_path.to_str().unwrap(),
            "--format",
            "onnx",
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot save"), "{stderr}");
    let (ok, _, stderr) = cli(
        &[
            "export",
            "--weights",
            "x.json",
            "--format",
            "tflite",
            "--out",
            "y",
        ],
        "",
    );
    assert!(!ok);
    assert!(
        stderr.contains("unknown format 'tflite' (expected onnx)"),
        "{stderr}"
    );
    assert!(!Path::new("y").exists());
}
