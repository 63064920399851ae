//! Input feature toggles through the window: ticking one rebuilds the network with one more
//! input, which the diagram shows.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[test]
fn ticking_a_feature_adds_an_input_to_the_network_and_the_diagram() {
    let mut harness = common::window();
    harness.run_steps(3);
    assert_eq!(harness.state().trainer().network().inputs(), 2);
    assert!(harness.state().neuron_position(0, 2).is_none());
    harness.get_by_label("x1*x2").click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(app.settings().experiment.data.features.x1_x2);
    assert_eq!(app.trainer().network().inputs(), 3);
    assert_eq!(app.trainer().data().train.features(), 3);
    assert!(
        app.neuron_position(0, 2).is_some(),
        "a third input thumbnail"
    );
    assert!(!app.status().is_error, "{:?}", app.status());
}

/// Whether the tick or row labelled `label` shows as on.
fn is_ticked(
    harness: &egui_kittest::Harness<'static, nn_playground::app::App>,
    label: &str,
) -> bool {
    let node = harness.get_by_label(label);
    node.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn clicking_an_input_row_of_the_diagram_switches_its_feature() {
    let mut harness = common::window();
    harness.run_steps(3);
    // Every feature has a row in the input column, the off ones too.
    for name in ["x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"] {
        assert!(!is_ticked(&harness, &format!("input {name}")), "{name}");
    }
    harness.get_by_label("input sin(x2)").click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(app.settings().experiment.data.features.sin_x2);
    assert_eq!(app.trainer().network().inputs(), 3);
    assert!(is_ticked(&harness, "input sin(x2)"), "the row shows it on");
    assert!(
        is_ticked(&harness, "sin(x2)"),
        "so does the tick under Data"
    );
    assert!(
        harness.state().neuron_position(0, 2).is_some(),
        "its thumbnail is drawn"
    );
    // And off again, from the diagram.
    harness.get_by_label("input sin(x2)").click();
    harness.run_steps(3);
    assert!(!harness.state().settings().experiment.data.features.sin_x2);
    assert_eq!(harness.state().trainer().network().inputs(), 2);
    assert!(!is_ticked(&harness, "sin(x2)"));
    common::assert_no_error(&harness);
}

#[test]
fn x1_and_x2_switch_off_too_but_one_feature_always_stays() {
    let mut harness = common::window();
    harness.run_steps(3);
    assert!(is_ticked(&harness, "input x1") && is_ticked(&harness, "input x2"));
    // x1 off from the diagram: the network takes x2 alone, and learns what it can from it.
    harness.get_by_label("input x1").click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(!app.settings().experiment.data.features.x1);
    assert_eq!(app.trainer().network().inputs(), 1);
    assert_eq!(app.session().experiment().data.features.names(), ["x2"]);
    let tick = harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, "x1");
    let off = tick.accesskit_node().toggled() == Some(egui::accesskit::Toggled::False);
    assert!(off, "the tick under Data follows");
    common::assert_no_error(&harness);
    // x2 off as well would leave nothing to feed: refused, and x2 stays.
    harness.get_by_label("input x2").click();
    harness.run_steps(3);
    let (status, is_error) = common::status(&harness);
    assert!(is_error);
    assert_eq!(
        status,
        "Cannot build that network: no input feature is on: switch on x1, x2 or another"
    );
    assert!(harness.state().settings().experiment.data.features.x2);
    assert_eq!(harness.state().trainer().network().inputs(), 1);
    // sin(x1) with x2: two inputs that are not the plain plane, drawn and trained.
    harness.get_by_label("input sin(x1)").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().session().experiment().data.features.names(),
        ["x2", "sin(x1)"]
    );
    assert_eq!(harness.state().trainer().network().inputs(), 2);
    // And x1 back on from the tick under Data (the boundary's axis is called x1 too).
    let check_box = egui::accesskit::Role::CheckBox;
    harness
        .get_by_role_and_label(check_box, "x1")
        .scroll_to_me();
    harness.run_steps(12);
    harness.get_by_role_and_label(check_box, "x1").click();
    harness.run_steps(3);
    assert_eq!(harness.state().trainer().network().inputs(), 3);
    common::assert_no_error(&harness);
}
