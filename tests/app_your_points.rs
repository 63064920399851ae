//! Painted points outlive a change of dataset (issue 10, fault 10): after painting, picking
//! another dataset keeps them as a "your points" entry of the dataset list, and picking that
//! entry brings them back.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Event, Modifiers, PointerButton};
use nn_playground::data::DatasetKind;

#[test]
fn painted_points_stay_in_the_dataset_list_after_switching_and_come_back() {
    let mut harness = common::paused_window();
    let centre = harness.state().boundary_rect().center();
    harness.hover_at(centre);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: centre,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    harness.run_steps(1);
    let painted = harness.state().settings().experiment.data.kind.clone();
    assert!(matches!(&painted, DatasetKind::Points { points } if points.len() == 5));

    common::choose(&mut harness, "dataset", "spiral");
    let app = harness.state();
    assert_eq!(app.settings().experiment.data.kind, DatasetKind::Spiral);
    assert!(
        app.status()
            .text
            .contains("your 5 points stay in the dataset list"),
        "{:?}",
        app.status()
    );

    common::choose(&mut harness, "dataset", "your points (5)");
    let app = harness.state();
    assert_eq!(app.settings().experiment.data.kind, painted);
    assert_eq!(app.session().data().train.len(), 5);
    assert!(!app.status().is_error, "{:?}", app.status());
}
