//! Readouts that tell the truth (issue 10, fault 6): the speed is what the epoch counter and
//! the screen do, not the trainer's compute rate; *Clear points* clears the losses; a
//! restored launch says what it restored; a schedule shows the rate in force.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::{App, Settings},
    data::DatasetKind,
    nn::Activation,
};

#[test]
fn speed_is_what_the_counter_and_the_screen_do() {
    // The window's clock moves 1/60 s a frame here; it trains 10 epochs a frame.
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(|cc| App::new(cc));
    harness.run_steps(70);
    harness.get_by_label("600 epochs/s · 60 frames/s");
    harness.get_by_label("Pause").click();
    harness.run_steps(2);
    harness.get_by_label("paused");
    assert!(harness.query_by_label_contains("epochs/s ·").is_none());
}

#[test]
fn clear_points_clears_the_loss_and_accuracy() {
    let mut harness = common::paused_window();
    let loss = format!("{:.6}", harness.state().trainer().train_evaluation().loss);
    harness.get_by_label(&loss);
    common::click(&mut harness, "Clear points");
    harness.run_steps(2);
    assert!(harness.query_by_label(&loss).is_none(), "the old loss went");
    assert_eq!(
        harness.get_all_by_label("no points").count(),
        2,
        "loss and accuracy"
    );
    assert!(harness.query_by_label_contains("train 100.0%").is_none());
}

#[test]
fn a_restored_launch_says_what_it_restored() {
    let mut settings = Settings::default();
    settings.experiment.data.kind = DatasetKind::Spiral;
    settings.experiment.network.hidden = vec![8, 8];
    settings.experiment.network.set_activation(Activation::Tanh);
    settings.experiment.seed = 7;
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |_| App::from_settings(settings.clone()));
    harness.run_steps(1);
    harness.get_by_label(
        "Restored your last run: spiral (100 train, 100 test), 2-8-8-1 tanh, sgd lr 0.5, \
         mse, epoch 0, fresh weights from seed 7. Space pauses.",
    );
    assert!(
        harness
            .query_by_label_contains("tutorial's network")
            .is_none()
    );
}

#[test]
fn a_step_schedule_shows_the_rate_in_force() {
    let mut harness = common::paused_window();
    harness.get_by_label("lr schedule").click();
    harness.run_steps(2);
    harness.get_by_label("step").click();
    harness.run_steps(2);
    harness.get_by_label("0.500 (step, base 0.5)");
    // The default step halves the rate every quarter of the 2000 epochs.
    harness
        .get_by_role_and_label(Role::Slider, "epochs per frame")
        .set_value_accesskit(100.0);
    harness.get_by_label("Play").click();
    harness.run_steps(7);
    let epoch = harness.state().trainer().epoch();
    assert!((500..1000).contains(&epoch), "{epoch}");
    harness.get_by_label("0.250 (step, base 0.5)");
}
