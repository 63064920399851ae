//! L1 regularisation in the window: its slider sits beside L2's, changes the run live (no
//! reset), and what it is set to is saved with the experiment and comes back when reopened.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_l1_slider_changes_training_live_and_is_saved_with_the_experiment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l1.nnexp.json");
    let mut harness = common::window();
    harness.run_steps(3);
    let epoch = harness.state().trainer().epoch();
    harness
        .get_by_role_and_label(Role::Slider, "L1")
        .set_value_accesskit(0.01);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.trainer().config().l1, 0.01);
    assert_eq!(app.trainer().config().l2, 0.0, "L1 alone");
    assert!(app.trainer().epoch() >= epoch, "no reset");

    harness
        .get_by_role_and_label(Role::Slider, "L2")
        .set_value_accesskit(0.001);
    harness.run_steps(2);
    let config = harness.state().trainer().config().clone();
    assert_eq!((config.l1, config.l2), (0.01, 0.001), "L1 with L2");

    harness.get_by_label("Pause").click();
    harness.run_steps(1);
    common::file_menu_with_path(&mut harness, "Save experiment…", &path);
    common::assert_no_error(&harness);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let training = &saved["weights"]["experiment"]["training"];
    assert_eq!(
        (training["l1"].as_f64(), training["l2"].as_f64()),
        (Some(0.01), Some(0.001))
    );

    let mut reopened = common::window_with_file(&path);
    reopened.run_steps(2);
    common::assert_no_error(&reopened);
    let config = reopened.state().trainer().config();
    assert_eq!((config.l1, config.l2), (0.01, 0.001));
}
