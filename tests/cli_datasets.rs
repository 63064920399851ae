//! The two-class sets beyond TensorFlow Playground's four (moons, checkerboard, points above or
//! below a curve) on the command line: each can be learnt, and `--data-seed` draws other
//! points of the same kind.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use std::process::Command;

fn train_json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .arg("train")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_new_set_is_learnt_by_a_small_tanh_network() {
    // Sixteen squares need more points than the 200 the others get.
    for (dataset, points, hidden, epochs) in [
        ("moons", "200", "8", "600"),
        ("checkerboard", "800", "16,16", "1500"),
        ("curve-sin", "200", "12,12", "1500"),
        ("curve-cubic", "200", "8", "600"),
        ("curve-abs", "200", "8", "600"),
        ("curve-step", "200", "8,8", "1000"),
    ] {
        let run = train_json(&[
            "--dataset",
            dataset,
            "--points",
            points,
            "--noise",
            "0",
            "--hidden",
            hidden,
            "--activation",
            "tanh",
            "--loss",
            "cross_entropy",
            "--optimizer",
            "adam",
            "--lr",
            "0.03",
            "--epochs",
            epochs,
        ]);
        let accuracy = run["train_accuracy"].as_f64().unwrap();
        assert!(accuracy >= 0.93, "{dataset}: train accuracy {accuracy}");
        let test = run["test_accuracy"].as_f64().unwrap();
        assert!(test >= 0.85, "{dataset}: test accuracy {test}");
    }
}

#[test]
fn data_seed_draws_other_points_and_the_same_seed_the_same() {
    let loss = |seed: &str| {
        let run = train_json(&["--dataset", "moons", "--epochs", "5", "--data-seed", seed]);
        run["final_loss"].as_f64().unwrap()
    };
    let first = loss("0");
    assert_eq!(first, loss("0"), "the same data seed, the same run");
    assert_ne!(first, loss("7"), "another data seed, other points");
    let default = train_json(&["--dataset", "moons", "--epochs", "5"]);
    assert_eq!(default["final_loss"].as_f64(), Some(first), "0 by default");
}
