//! Pinned runs through the window: pin a curve, change a setting, see the change named, clear.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

#[test]
fn a_pinned_curve_stays_and_the_next_run_is_labelled_by_its_change() {
    let mut harness = common::window();
    harness.run_steps(5);
    harness.get_by_label("Pin run").click();
    harness.run_steps(1);
    let pinned = harness.state().pins().runs()[0].curve.clone();
    assert!(pinned.len() >= 2, "{pinned:?}");
    assert_eq!(harness.state().pins().runs()[0].label, "pin 1");

    harness
        .get_by_role_and_label(Role::Slider, "learning rate")
        .set_value_accesskit(0.1);
    harness.run_steps(1);
    harness.get_by_label("Reset").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.pins().runs()[0].curve, pinned, "a reset keeps the pin");
    assert_eq!(
        app.pins().label_for(app.session().experiment()),
        "lr 0.5->0.1"
    );

    harness.get_by_label("Pin run").click();
    harness.run_steps(1);
    assert_eq!(harness.state().pins().runs()[1].label, "pin 2: lr 0.5->0.1");
    harness.get_by_label("Clear pins").click();
    harness.run_steps(1);
    assert!(harness.state().pins().is_empty());
}
