//! Experiment files through the window: a painted, trained run saved and reopened from the
//! command line comes back as it was, data and loss curve included.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui_kittest::kittest::Queryable as _;
use nn_playground::{data::DatasetKind, weights::experiment_file};

#[test]
fn a_saved_experiment_opens_from_the_command_line_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-run.json");
    let mut source = common::window();
    source.run_steps(4);
    let rect = source.state().boundary_rect();
    common::click_at(
        &mut source,
        rect.center() + egui::vec2(rect.width() * 0.3, rect.height() * 0.3),
        egui::PointerButton::Primary,
        egui::Modifiers::NONE,
    );
    source.run_steps(3);
    source.get_by_label("Pause").click();
    source.run_steps(1);
    common::file_menu_with_path(&mut source, "Save experiment…", &path);
    let saved = source.state();
    assert!(!saved.status().is_error, "{:?}", saved.status());
    assert!(experiment_file::is_experiment(
        &std::fs::read(&path).unwrap()
    ));

    let mut harness = common::window_with_file(&path);
    harness.run_steps(2);
    let app = harness.state();
    let saved = source.state();
    assert!(!app.status().is_error, "{:?}", app.status());
    assert!(!app.is_running());
    assert_eq!(app.trainer().epoch(), saved.trainer().epoch());
    assert_eq!(app.trainer().network(), saved.trainer().network());
    assert_eq!(
        app.settings().experiment,
        saved.session().experiment().clone()
    );
    assert!(matches!(
        &app.settings().experiment.data.kind,
        DatasetKind::Points { points } if points.len() == 5
    ));
    assert_eq!(app.session().train_curve(), saved.session().train_curve());
    assert!(
        app.session().train_curve().len() > 2,
        "the history came back"
    );
}
