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

/// Primitives (meshes, images, lines, text) among `shapes`, counting inside groups.
fn primitives(shapes: &[egui::epaint::ClippedShape]) -> usize {
    fn count(shape: &egui::Shape) -> usize {
        match shape {
            egui::Shape::Vec(inner) => inner.iter().map(count).sum(),
            _ => 1,
        }
    }
    shapes.iter().map(|s| count(&s.shape)).sum()
}

#[test]
fn six_layers_of_64_draw_their_links_as_one_mesh() {
    let mut settings = nn_playground::app::Settings::default();
    settings.experiment.network.hidden = vec![64; 6];
    let mut harness = egui_kittest::Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |_| nn_playground::app::App::from_settings(settings.clone()));
    harness.run_steps(3);
    harness.get_by_label("Pause").click();
    harness.run_steps(2);
    let network = harness.state().trainer().network().clone();
    let links: usize = network
        .layers()
        .iter()
        .map(|l| l.weight_slice().len())
        .sum();
    assert!(links > 20_000, "{links} links");
    let drawn = primitives(&harness.output().shapes);
    // 386 thumbnails and their frames, the panels' widgets and text: a few thousand at most,
    // where one shape per link would be over 20,000.
    assert!(drawn < 4_000, "{drawn} shapes for {links} links");
}
