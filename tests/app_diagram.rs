//! The network diagram through the window: one thumbnail per neuron, and hovering a neuron
//! puts its map on the boundary view until the pointer leaves.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui_kittest::kittest::Queryable as _;

#[test]
fn every_neuron_is_drawn_and_hovering_one_shows_it_on_the_boundary() {
    let mut harness = common::window();
    harness.run_steps(3);
    let app = harness.state();
    for (column, neurons) in [(0, 2), (1, 4), (2, 1)] {
        for neuron in 0..neurons {
            assert!(
                app.neuron_position(column, neuron).is_some(),
                "{column}/{neuron}"
            );
        }
        assert!(app.neuron_position(column, neurons).is_none());
    }
    let hidden = app.neuron_position(1, 2).unwrap();
    assert!(app.hovered_neuron().is_none());

    harness.hover_at(hidden);
    harness.run_steps(2);
    assert_eq!(harness.state().hovered_neuron(), Some((1, 2)));
    harness.get_by_label("Showing hidden layer 1, neuron 3: its activation over the plane");

    let far = harness.state().boundary_rect().center();
    harness.hover_at(far);
    harness.run_steps(2);
    assert!(harness.state().hovered_neuron().is_none());
    harness.get_by_label("orange: class 0");
}
