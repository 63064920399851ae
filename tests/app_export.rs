//! File → Export ONNX…, Export safetensors… and Export as Python… through the window: the
//! file lands on disk, whole, and runs in Python (onnxruntime; the safetensors package and
//! NumPy) with the outputs of the weights the window saves beside it; the script reruns the
//! window's run to its weights.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

mod common;
#[path = "support/python.rs"]
mod python;

use egui_kittest::kittest::Queryable as _;
use ndarray::Array2;
use nn_playground::weights;

#[test]
fn export_onnx_writes_a_model_onnxruntime_runs_like_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    let onnx = dir.path().join("net.onnx");
    let saved = dir.path().join("net.json");
    common::file_menu_with_path(&mut harness, "Export ONNX…", &onnx);
    common::assert_no_error(&harness);
    let (status, _) = common::status(&harness);
    assert!(
        status.starts_with("Exported an ONNX model of epoch"),
        "{status}"
    );
    common::file_menu_with_path(&mut harness, "Save weights as…", &saved);
    common::assert_no_error(&harness);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temp files left"
    );

    let network = weights::load(&saved).unwrap().network;
    let rows = ["0.0,0.0", "0.0,1.0", "1.0,0.0", "1.0,1.0", "-0.5,2.5"];
    let inputs = Array2::from_shape_fn((rows.len(), 2), |(i, j)| {
        rows[i].split(',').nth(j).unwrap().parse().unwrap()
    });
    let ours = network.predict(&inputs);
    let mut args = vec![onnx.display().to_string()];
    args.extend(rows.iter().map(|r| (*r).to_owned()));
    let ran = python::run_script(&["numpy", "onnx", "onnxruntime"], "check_onnx.py", &args);
    let theirs: Vec<f64> = ran.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(theirs.len(), rows.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert!((a - b).abs() <= 1e-12, "window {a}, onnxruntime {b}");
    }
}

#[test]
fn export_safetensors_writes_weights_the_safetensors_package_runs_like_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    let tensors = dir.path().join("net.safetensors");
    let saved = dir.path().join("net.json");
    common::file_menu_with_path(&mut harness, "Export safetensors…", &tensors);
    common::assert_no_error(&harness);
    let (status, _) = common::status(&harness);
    assert!(
        status.starts_with("Exported safetensors weights of epoch"),
        "{status}"
    );
    common::file_menu_with_path(&mut harness, "Save weights as…", &saved);
    common::assert_no_error(&harness);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    let network = weights::load(&saved).unwrap().network;
    let rows = ["0.0,0.0", "0.0,1.0", "1.0,0.0", "1.0,1.0", "-0.5,2.5"];
    let inputs = Array2::from_shape_fn((rows.len(), 2), |(i, j)| {
        rows[i].split(',').nth(j).unwrap().parse().unwrap()
    });
    let ours = network.predict(&inputs);
    let mut args = vec![tensors.display().to_string()];
    args.extend(rows.iter().map(|r| (*r).to_owned()));
    let ran = python::run_script(&["numpy", "safetensors"], "check_safetensors.py", &args);
    let theirs: Vec<f64> = ran.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(theirs.len(), rows.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert!((a - b).abs() <= 1e-12, "window {a}, safetensors {b}");
    }
}

#[test]
fn export_as_python_writes_a_script_that_reruns_the_window_s_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    harness.get_by_label("Step").click();
    harness.run_steps(2);
    let script = dir.path().join("rerun.py");
    common::file_menu_with_path(&mut harness, "Export as Python…", &script);
    common::assert_no_error(&harness);
    let (status, _) = common::status(&harness);
    assert!(
        status.starts_with("Exported a Python script rerunning the run of epoch"),
        "{status}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let out = std::process::Command::new(python::python(&["numpy"]))
        .arg(&script)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("The rerun matches the app."), "{stdout}");

    // A mini-batch run cannot be rerun: the status says why, and nothing is written.
    common::choose(&mut harness, "dataset", "circle");
    harness.get_by_label("full batch").click();
    harness.run_steps(2);
    let refused = dir.path().join("batched.py");
    common::file_menu_with_path(&mut harness, "Export as Python…", &refused);
    let (status, is_error) = common::status(&harness);
    assert!(
        is_error && status.contains("full-batch runs only"),
        "{status}"
    );
    assert!(!refused.exists());
}
