//! Input feature toggles through the window: ticking one rebuilds the network with one more
//! input, which the diagram shows.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui_kittest::kittest::Queryable as _;

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
