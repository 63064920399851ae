//! `inspect` and `predict` through the real binary: what they print, and that a bad file or a
//! bad row exits 2 with one `error:` line.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

use std::{
    io::Write as _,
    path::Path,
    process::{Command, Output, Stdio},
};

use nn_playground::{
    experiment::Experiment,
    weights::{self, WeightsFile},
};

fn nn(args: &[&str], stdin: &str) -> Output {
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
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn tutorial(dir: &Path, name: &str) -> (String, WeightsFile) {
    let mut trainer = Experiment::default().trainer().unwrap();
    trainer.run(2000).unwrap();
    let file = WeightsFile {
        experiment: Experiment::default(),
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    };
    let path = dir.join(name);
    weights::save(&path, &file).unwrap();
    (path.display().to_string(), file)
}

/// Asserts exit status 2, nothing on stdout and exactly one line `error: {message}`.
fn assert_rejected(out: &Output, message: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), format!("error: {message}\n"));
}

#[test]
fn inspect_describes_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("w.json", "JSON"), ("w.npz", "NumPy .npz")] {
        let (path, _) = tutorial(dir.path(), name);
        let out = nn(&["inspect", &path], "");
        assert_eq!(out.status.code(), Some(0));
        let stdout = text(&out.stdout);
        let head: Vec<&str> = stdout.lines().take(6).collect();
        assert_eq!(
            head,
            [
                format!("file: {path}").as_str(),
                &format!("format: {format} (nn-playground-weights, version 1)"),
                "architecture: 2-4-1",
                "activations: sigmoid, sigmoid",
                "parameters: 17",
                "epoch: 2000",
            ]
        );
        let config = stdout.split_once("config: ").unwrap().1;
        let experiment: Experiment = serde_json::from_str(config).unwrap();
        assert_eq!(experiment, Experiment::default());
    }
}

#[test]
fn predict_prints_the_networks_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = tutorial(dir.path(), "w.npz");
    let out = nn(&["predict", "--weights", &path, "0", "1"], "");
    assert_eq!(out.status.code(), Some(0));
    let printed: f64 = text(&out.stdout).trim().parse().unwrap();
    assert_eq!(printed, file.network.predict_one(&[0.0, 1.0]));

    let out = nn(
        &["predict", "--weights", &path],
        "x1,x2\n0,0\n-0.5, 2\n\n1,1\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let outputs: Vec<f64> = text(&out.stdout)
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    let expected: Vec<f64> = [[0.0, 0.0], [-0.5, 2.0], [1.0, 1.0]]
        .iter()
        .map(|x| file.network.predict_one(x))
        .collect();
    assert_eq!(outputs, expected);
}

#[test]
fn negative_inputs_are_numbers_not_options() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = tutorial(dir.path(), "w.json");
    let out = nn(&["predict", "--weights", &path, "-1.5", "0.25"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed: f64 = text(&out.stdout).trim().parse().unwrap();
    assert_eq!(printed, file.network.predict_one(&[-1.5, 0.25]));
}

#[test]
fn bad_files_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"keras\", \"version\": 1}").unwrap();
    let bad = bad.display().to_string();
    let message =
        format!("{bad}: unknown format tag \"keras\"; expected \"nn-playground-weights\"");
    assert_rejected(&nn(&["inspect", &bad], ""), &message);
    assert_rejected(&nn(&["predict", "--weights", &bad, "0", "0"], ""), &message);

    let missing = dir.path().join("missing.npz").display().to_string();
    let out = nn(&["inspect", &missing], "");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("error: {missing}: cannot read: ")));
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn bad_rows_exit_2_with_the_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = tutorial(dir.path(), "w.json");
    assert_rejected(
        &nn(&["predict", "--weights", &path, "1", "2", "3"], ""),
        "the network takes 2 inputs, got 3",
    );
    assert_rejected(
        &nn(&["predict", "--weights", &path, "nan", "0"], ""),
        "inputs must be finite numbers",
    );
    let out = nn(&["predict", "--weights", &path], "0,0\n1,x\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout).lines().count(),
        1,
        "the good row came first"
    );
    assert_eq!(
        text(&out.stderr),
        "error: stdin line 2: expected numbers separated by commas\n"
    );
    let out = nn(&["predict", "--weights", &path], "0,0,0\n");
    assert_eq!(
        text(&out.stderr),
        "error: stdin line 1: the network takes 2 inputs, got 3\n"
    );
}

#[test]
fn predict_prints_every_class_probability_of_a_multiclass_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blobs.json");
    let path = path.to_str().unwrap();
    let out = nn(
        &[
            "train",
            "--dataset",
            "blobs-3",
            "--epochs",
            "20",
            "--save",
            path,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let file = weights::load(Path::new(path)).unwrap();
    assert_eq!(file.network.classes(), 3);

    let out = nn(&["predict", "--weights", path], "x1,x2\n0,3.5\n-1,-2\n");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    for (line, x) in lines.iter().zip([[0.0, 3.5], [-1.0, -2.0]]) {
        let p: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
        let expected = file.network.predict(&ndarray::array![x]).to_vec();
        assert_eq!(p, expected);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
