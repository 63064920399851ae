//! The newer datasets through the window: each is in the dataset list, and Regenerate draws
//! new points of the same kind (the next data seed) with the same settings.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use egui_kittest::kittest::Queryable as _;
use nn_playground::data::{Curve, DatasetKind};

#[test]
fn the_new_sets_are_in_the_list_and_regenerate_draws_new_points() {
    let mut harness = common::window();
    harness.run_steps(2);
    for (name, kind) in [
        ("moons", DatasetKind::Moons),
        ("checkerboard", DatasetKind::Checkerboard),
        ("curve-abs", DatasetKind::AboveCurve { curve: Curve::Abs }),
    ] {
        common::choose(&mut harness, "dataset", name);
        common::assert_no_error(&harness);
        let app = harness.state();
        assert_eq!(app.session().experiment().data.kind, kind, "{name}");
        assert_eq!(app.session().data().train.len(), 100, "{name}: half of 200");
    }
    harness.run_steps(10);
    let before = harness.state().session().data().clone();
    let trained = harness.state().trainer().epoch();
    let spec = harness.state().session().experiment().data.clone();
    harness.get_by_label("Regenerate").click();
    harness.run_steps(2);
    common::assert_no_error(&harness);
    let app = harness.state();
    let after = &app.session().experiment().data;
    assert_eq!(after.seed, spec.seed + 1, "the next data seed");
    assert_eq!(
        (&after.kind, after.points, after.noise),
        (&spec.kind, spec.points, spec.noise)
    );
    assert_ne!(app.session().data(), &before, "new points");
    assert_eq!(app.session().data().train.len(), before.train.len());
    assert!(
        app.status().text.contains("data seed 1"),
        "{}",
        app.status().text
    );
    assert!(app.trainer().epoch() < trained, "a fresh run");
}

#[test]
fn regenerate_is_greyed_out_for_the_tutorials_four_points() {
    let mut harness = common::window();
    harness.run_steps(2);
    harness.get_by_label("Regenerate").click();
    harness.run_steps(2);
    assert_eq!(harness.state().session().experiment().data.seed, 0);
}
