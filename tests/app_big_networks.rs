//! Multiclass networks big enough for the boundary to be swept over several frames, or fed
//! extra input features, train in the window without a crash (issue 10, fault 1: the partial
//! refresh once lost the softmax branch and panicked on the first trained frame).
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::app::App;

/// Sets the slider labelled `label` to `value` (the accessibility action a screen reader
/// and keyboard users take).
fn set_slider(harness: &mut Harness<'static, App>, label: &str, value: f64) {
    harness
        .get_by_role_and_label(Role::Slider, label)
        .set_value_accesskit(value);
    harness.run_steps(1);
}

#[test]
fn three_spirals_on_16_16_trains_and_draws_three_classes() {
    let mut harness = common::window();
    harness.run_steps(1);
    common::choose(&mut harness, "dataset", "three-spirals");
    set_slider(&mut harness, "hidden layers", 2.0);
    set_slider(&mut harness, "hidden size", 16.0);
    let network = harness.state().trainer().network();
    assert_eq!(network.hidden_sizes(), vec![16, 16]);
    assert!(network.parameter_count() > 300, "a swept grid");
    let epoch = harness.state().trainer().epoch();
    harness.run_steps(8);
    let app = harness.state();
    assert!(app.trainer().epoch() > epoch, "{:?}", app.status());
    assert!(!app.status().is_error, "{:?}", app.status());
    assert_eq!(app.session().grid().classes(), 3);
    harness.get_by_label("green: class 2");
    // Pausing completes the swept picture.
    harness.get_by_label("Pause").click();
    harness.run_steps(2);
    assert!(!harness.state().session().is_grid_partial());
}

#[test]
fn a_multiclass_network_with_a_feature_ticked_trains() {
    let mut harness = common::window();
    harness.run_steps(1);
    common::choose(&mut harness, "dataset", "blobs-4");
    harness.get_by_label("sin(x1)").click();
    harness.run_steps(1);
    let app = harness.state();
    assert_eq!(app.trainer().network().inputs(), 3);
    assert_eq!(app.trainer().network().classes(), 4);
    let epoch = app.trainer().epoch();
    harness.run_steps(5);
    let app = harness.state();
    assert!(app.trainer().epoch() > epoch, "{:?}", app.status());
    assert_eq!(app.session().grid().classes(), 4);
    harness.get_by_label("purple: class 3");
}
