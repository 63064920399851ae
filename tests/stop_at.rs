//! Stopping at a target loss or accuracy: the trainer stops at the first epoch that meets it,
//! `train --stop-at` says where it stopped, and the window pauses there and says so.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use std::process::Command;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use nn_playground::{
    experiment::Experiment,
    train::{Metric, StopAt},
};

#[test]
fn the_trainer_stops_at_the_first_epoch_that_meets_the_target() {
    for (spec, reached_by) in [("loss:0.2", 2000), ("accuracy:1", 5000)] {
        let stop = StopAt::from_spec(spec).unwrap();
        let mut experiment = Experiment::default();
        experiment.training.stop_at = Some(stop);
        let mut trainer = experiment.trainer().unwrap();
        trainer.run(reached_by).unwrap();
        assert!(trainer.is_target_reached(), "{spec}");
        let stopped = trainer.epoch();
        assert!(stopped > 0 && stopped < reached_by, "{spec}: {stopped}");
        // Without the target, the same run one epoch earlier has not met it yet.
        let mut plain = Experiment::default().trainer().unwrap();
        plain.run(stopped - 1).unwrap();
        assert!(!stop.is_reached(&plain.train_evaluation(), None), "{spec}");
        plain.run(1).unwrap();
        assert_eq!(plain.network(), trainer.network(), "{spec}: the same run");
        // Once there, running again trains nothing.
        trainer.run(100).unwrap();
        assert_eq!(trainer.epoch(), stopped, "{spec}");
    }
}

fn train(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .arg("train")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn train_stop_at_ends_early_and_says_where() {
    let out = train(&["--stop-at", "loss:0.2", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stopped = run["stopped_at"].as_u64().unwrap();
    assert_eq!(run["epochs"].as_u64(), Some(stopped));
    assert!(stopped < 2000 && run["final_loss"].as_f64().unwrap() <= 0.2);
    let text = train(&["--stop-at", "loss:0.2", "--log-every", "0"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.trim_end()
            .ends_with(&format!("stopped at epoch {stopped}: train loss ≤ 0.2")),
        "{text}"
    );
    // A target never met: the epochs asked for, and `null`.
    let out = train(&["--stop-at", "loss:0", "--epochs", "50", "--json"]);
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (run["epochs"].as_u64(), run["stopped_at"].is_null()),
        (Some(50), true)
    );
}

#[test]
fn bad_targets_get_one_line() {
    for (value, message) in [
        (
            "speed:3",
            "error: invalid value 'speed:3' for '--stop-at <STOP_AT>': unknown stop target 'speed:3' (expected METRIC:VALUE with METRIC loss, accuracy, test_loss or test_accuracy)",
        ),
        (
            "accuracy:2",
            "error: bad stop target 'accuracy:2' (a loss must be 0 or more, an accuracy above 0 and at most 1)",
        ),
    ] {
        let out = train(&["--stop-at", value]);
        assert_eq!(out.status.code(), Some(2), "{value}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{message}\n"));
    }
}

#[test]
fn the_window_pauses_at_the_target_and_says_so() {
    let mut harness = common::window();
    harness.run_steps(1);
    harness.get_by_label("stop at a target").click();
    harness.run_steps(1);
    common::choose(&mut harness, "stop target", "train loss at most");
    harness
        .get_by_role_and_label(Role::SpinButton, "target value")
        .set_value_accesskit(0.2);
    harness.run_steps(2);
    let stop = harness.state().trainer().config().stop_at;
    assert_eq!(
        stop,
        Some(StopAt {
            metric: Metric::Loss,
            value: 0.2
        }),
        "a live setting"
    );
    harness
        .get_by_role_and_label(Role::Slider, "epochs per frame")
        .set_value_accesskit(100.0);
    for _ in 0..100 {
        harness.run_steps(1);
        if !harness.state().is_running() {
            break;
        }
    }
    let app = harness.state();
    assert!(!app.is_running(), "paused at the target");
    let epoch = app.trainer().epoch();
    assert!(epoch < 2000, "{epoch}");
    assert!(app.trainer().train_evaluation().loss <= 0.2);
    assert_eq!(
        app.status().text,
        format!(
            "Reached the target (train loss ≤ 0.2) at epoch {epoch}. Change or untick \"stop at \
             a target\" to go on."
        )
    );
    // Play again: the target holds, so it pauses again at once, training nothing.
    harness.get_by_label("Play").click();
    harness.run_steps(2);
    assert!(!harness.state().is_running());
    assert_eq!(harness.state().trainer().epoch(), epoch);
}
