//! The learning-rate schedule and dropout are live training settings: choosing one in the
//! window changes the run without a reset, and its parameters show as labelled sliders.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use nn_playground::train::Schedule;

#[test]
fn choosing_a_schedule_keeps_the_run_and_shows_its_parameters() {
    let mut harness = common::window();
    harness.run_steps(3);
    let epoch = harness.state().trainer().epoch();
    assert!(epoch > 0);
    // The default run is 2000 epochs: a cosine schedule starts over the whole run.
    common::choose(&mut harness, "lr schedule", "cosine");
    let app = harness.state();
    assert_eq!(
        app.trainer().config().schedule,
        Schedule::Cosine { period: 2000 }
    );
    assert!(app.trainer().epoch() >= epoch, "no reset");
    harness.get_by_role_and_label(Role::Slider, "cosine period");
}

#[test]
fn the_dropout_slider_changes_training_live() {
    let mut harness = common::window();
    harness.run_steps(3);
    let epoch = harness.state().trainer().epoch();
    harness
        .get_by_role_and_label(Role::Slider, "dropout")
        .set_value_accesskit(0.25);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.trainer().config().dropout, 0.25);
    assert!(app.trainer().epoch() >= epoch, "no reset");
}
