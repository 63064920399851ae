//! Painted points outlive a change of dataset (issue 10, fault 10): after painting, picking
//! another dataset keeps them as a "your points" entry of the dataset list, and picking that
//! entry brings them back.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Event, Modifiers, PointerButton};
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{app::App, data::DatasetKind};

/// Picks `name` in the combo box labelled `combo`, as a person does.
fn choose(harness: &mut Harness<'static, App>, combo: &str, name: &str) {
    harness.get_by_label(combo).scroll_to_me();
    harness.run_steps(1);
    harness.get_by_label(combo).click();
    harness.run_steps(2);
    harness.get_by_label(name).click();
    harness.run_steps(2);
}

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

    choose(&mut harness, "dataset", "spiral");
    let app = harness.state();
    assert_eq!(app.settings().experiment.data.kind, DatasetKind::Spiral);
    assert!(
        app.status()
            .text
            .contains("your 5 points stay in the dataset list"),
        "{:?}",
        app.status()
    );

    choose(&mut harness, "dataset", "your points (5)");
    let app = harness.state();
    assert_eq!(app.settings().experiment.data.kind, painted);
    assert_eq!(app.session().data().train.len(), 5);
    assert!(!app.status().is_error, "{:?}", app.status());
}
