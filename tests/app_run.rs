//! Drives the real window through its labels (egui_kittest, no display): play and pause, step,
//! reset, the shortcuts, and sliders that rebuild or change training live.
//!
//! The app repaints every frame while it trains, so these tests use `run_steps`, not `run`.

mod common;

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{app::App, experiment::Experiment};

fn harness() -> Harness<'static, App> {
    common::window()
}

/// A harness whose app has been paused through its Pause button.
fn paused() -> Harness<'static, App> {
    let mut harness = harness();
    harness.run_steps(2);
    assert!(harness.state().is_running(), "the app opens training");
    harness.get_by_label("Pause").click();
    harness.run_steps(2);
    assert!(!harness.state().is_running());
    harness
}

#[test]
fn opens_on_the_tutorials_experiment_and_trains() {
    let mut harness = harness();
    harness.run_steps(5);
    let app = harness.state();
    assert_eq!(app.settings().experiment, Experiment::default());
    assert!(app.trainer().epoch() >= 10, "{}", app.trainer().epoch());
}

#[test]
fn play_and_pause_toggle_training() {
    let mut harness = paused();
    let epoch = harness.state().trainer().epoch();
    harness.run_steps(3);
    assert_eq!(
        harness.state().trainer().epoch(),
        epoch,
        "paused means no training"
    );
    harness.get_by_label("Play").click();
    harness.run_steps(3);
    assert!(harness.state().is_running());
    assert!(harness.state().trainer().epoch() > epoch);
}

#[test]
fn step_advances_exactly_one_epoch() {
    let mut harness = paused();
    let epoch = harness.state().trainer().epoch();
    harness.get_by_label("Step").click();
    harness.run_steps(2);
    assert_eq!(harness.state().trainer().epoch(), epoch + 1);
    assert!(!harness.state().is_running());
}

#[test]
fn reset_returns_to_epoch_zero_with_a_fresh_starts_weights() {
    let mut harness = paused();
    assert!(harness.state().trainer().epoch() > 0);
    harness.get_by_label("Reset").click();
    harness.run_steps(2);
    let fresh = Experiment::default().trainer().unwrap();
    assert_eq!(harness.state().trainer().epoch(), 0);
    assert_eq!(harness.state().trainer().network(), fresh.network());
}

#[test]
fn shortcuts_play_step_and_reset() {
    let mut harness = paused();
    harness.key_press(egui::Key::Space);
    harness.run_steps(1);
    assert!(harness.state().is_running(), "Space plays");
    harness.key_press(egui::Key::Space);
    harness.run_steps(1);
    assert!(!harness.state().is_running(), "Space pauses");

    let epoch = harness.state().trainer().epoch();
    harness.key_press(egui::Key::S);
    harness.run_steps(1);
    assert_eq!(harness.state().trainer().epoch(), epoch + 1, "S steps");
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(1);
    assert_eq!(harness.state().trainer().epoch(), epoch + 2, "→ steps");

    harness.key_press(egui::Key::R);
    harness.run_steps(1);
    assert_eq!(harness.state().trainer().epoch(), 0, "R resets");
}

#[test]
fn hidden_size_slider_rebuilds_the_network() {
    let mut harness = paused();
    harness
        .get_by_role_and_label(Role::Slider, "hidden size")
        .set_value_accesskit(8.0);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.settings().experiment.network.hidden, vec![8]);
    assert_eq!(app.trainer().network().hidden_sizes(), vec![8]);
    assert_eq!(app.trainer().epoch(), 0, "a new shape starts over");
}

#[test]
fn learning_rate_changes_live_and_keeps_the_epoch() {
    let mut harness = paused();
    let epoch = harness.state().trainer().epoch();
    let network = harness.state().trainer().network().clone();
    harness
        .get_by_role_and_label(Role::Slider, "learning rate")
        .set_value_accesskit(0.1);
    harness.run_steps(2);
    let app = harness.state();
    assert!((app.trainer().config().learning_rate - 0.1).abs() < 1e-9);
    assert_eq!(app.trainer().epoch(), epoch);
    assert_eq!(app.trainer().network(), &network, "weights kept");
}

#[test]
fn divergence_pauses_and_says_so() {
    let mut harness = paused();
    harness
        .get_by_role_and_label(Role::Slider, "learning rate")
        .set_value_accesskit(10.0);
    harness.run_steps(1);
    // The tutorial's sigmoid network does not blow up at lr 10 (relu dies rather than
    // diverging); a linear one under cross-entropy does within a few epochs.
    common::choose(&mut harness, "activation", "linear");
    common::choose(&mut harness, "loss", "cross_entropy");
    harness.get_by_label("Play").click();
    harness
        .get_by_role_and_label(Role::Slider, "epochs per frame")
        .set_value_accesskit(100.0);
    for _ in 0..50 {
        harness.run_steps(1);
        if !harness.state().is_running() {
            break;
        }
    }
    let app = harness.state();
    assert!(!app.is_running());
    assert!(app.status().is_error, "{:?}", app.status());
    assert!(
        app.status().text.contains("smaller learning rate"),
        "{}",
        app.status().text
    );
    assert!(app.trainer().network().is_finite());
    assert!(app.session().grid().values().iter().all(|v| v.is_finite()));
}

#[test]
fn log_scale_checkbox_switches_the_curves() {
    let mut harness = paused();
    harness.get_by_label("log scale").click();
    harness.run_steps(2);
    assert!(harness.state().settings().log_scale);
    let [low, high] = harness.state().plot_y_range().unwrap();
    assert!(
        low < -0.5 && high < 0.0,
        "the axis shows log10 of losses below 0.3: {low}..{high}"
    );
    harness.get_by_label("log scale").click();
    harness.run_steps(2);
    let [low, high] = harness.state().plot_y_range().unwrap();
    assert!(
        low <= 0.0 && high > 0.0,
        "back on the linear scale: {low}..{high}"
    );
}
