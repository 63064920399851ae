//! Proves the exports run elsewhere. `nn-playground export --format onnx` writes a model that
//! onnx's checker accepts and onnxruntime runs on raw `x1, x2`; `--format safetensors` writes
//! tensors the `safetensors` package loads under PyTorch's `nn.Sequential` names, run in
//! NumPy as that Sequential would. Both give `predict`'s outputs to 1e-12 in float64, for
//! each hidden activation and for a softmax network on extra input features.
//!
//! Needs a Python with numpy, onnx, onnxruntime and safetensors (see tests/support/python.rs);
//! fails, never skips, without one.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

#[path = "support/cli.rs"]
mod cli;
#[path = "support/python.rs"]
mod python;

use std::path::Path;

use nn_playground::{
    data::{DataSpec, DatasetKind, Features},
    experiment::Experiment,
    nn::{Activation, Loss, NetworkConfig},
    weights::{self, WeightsFile},
};

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

/// How each export is read back in Python: extension, script, the modules it needs and the
/// first words `export` prints.
const READERS: [(&str, &str, &[&str], &str); 2] = [
    (
        "onnx",
        "check_onnx.py",
        &["numpy", "onnx", "onnxruntime"],
        "wrote an ONNX model",
    ),
    (
        "safetensors",
        "check_safetensors.py",
        &["numpy", "safetensors"],
        "wrote safetensors weights",
    ),
];

/// Trains `experiment` for `epochs`, exports it with the CLI in every format and checks each
/// Python reader against `predict` on [`rows`].
fn assert_python_agrees(experiment: Experiment, epochs: u64) {
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
    let w = weights_path.to_str().unwrap();
    let rows = rows();
    let (ok, predicted, stderr) = cli::run(&["predict", "--weights", w], &rows.join("\n"));
    assert!(ok, "predict failed: {stderr}");
    let ours = numbers(&predicted);
    assert_eq!(ours.len(), rows.len());
    for (format, script, modules, says) in READERS {
        let out = dir.path().join(format!("net.{format}"));
        let (ok, stdout, stderr) = cli::run(
            &[
                "export",
                "--weights",
                w,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
            "",
        );
        assert!(ok, "export failed: {stderr}");
        assert!(stdout.starts_with(says), "{stdout}");
        if format == "safetensors" {
            assert!(
                stdout.contains("model.load_state_dict(load_file(")
                    && stdout.contains("nn.Sequential(nn.Linear("),
                "no PyTorch loader printed: {stdout}"
            );
        }
        let mut args = vec![out.display().to_string()];
        args.extend(rows.iter().cloned());
        let theirs = numbers(&python::run_script(modules, script, &args));
        assert_eq!(theirs.len(), rows.len());
        let mut worst = 0f64;
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a.len(), b.len(), "outputs per row");
            for (a, b) in a.iter().zip(b) {
                worst = worst.max((a - b).abs());
            }
        }
        println!("{format}: largest difference from predict: {worst:e}");
        assert!(worst <= 1e-12, "{format} differs from predict by {worst:e}");
    }
}

fn circle(activation: Activation) -> Experiment {
    Experiment {
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
    }
}

#[test]
fn the_tutorials_sigmoid_network_runs_the_same_in_onnxruntime_and_as_a_sequential() {
    assert_python_agrees(Experiment::default(), 2000);
}

#[test]
fn tanh_relu_and_leaky_relu_networks_run_the_same() {
    for activation in [Activation::Tanh, Activation::Relu, Activation::LeakyRelu] {
        assert_python_agrees(circle(activation), 200);
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
        ..Features::default()
    };
    experiment.training.loss = Loss::CrossEntropy;
    experiment.fit_output_to_data().unwrap();
    assert_python_agrees(experiment, 300);
}

#[test]
fn a_network_without_x1_takes_raw_x1_x2_and_runs_the_same() {
    let mut experiment = circle(Activation::Tanh);
    experiment.data.features = Features {
        x1: false,
        x2_squared: true,
        sin_x1: true,
        ..Features::default()
    };
    assert_python_agrees(experiment, 200);
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
    let (ok, _, stderr) = cli::run(
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
    let (ok, _, stderr) = cli::run(
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
        stderr.contains("unknown format 'tflite' (expected onnx, safetensors or python)"),
        "{stderr}"
    );
    assert!(!Path::new("y").exists());
}
