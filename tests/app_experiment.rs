//! Experiment files through the window: a painted, trained run saved and reopened from the
//! command line comes back as it was, data and loss curve included.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui_kittest::Harness;
use nn_playground::{
    app::{App, Command},
    data::DatasetKind,
    session::PointEdit,
    weights::experiment_file,
};

#[test]
fn a_saved_experiment_opens_from_the_command_line_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-run.json");
    let mut source = common::window();
    source.run_steps(4);
    source.state_mut().push(Command::EditPoints(PointEdit::Add {
        x1: 1.25,
        x2: -0.25,
        label: 1,
    }));
    source.run_steps(4);
    source.state_mut().push(Command::TogglePlay);
    source.run_steps(1);
    common::run_file_action(
        &mut source,
        nn_playground::app::FileAction::SaveExperiment,
        path.clone(),
    );
    let saved = source.state();
    assert!(!saved.status().is_error, "{:?}", saved.status());
    assert!(experiment_file::is_experiment(
        &std::fs::read(&path).unwrap()
    ));

    let opened_path = path.clone();
    let mut harness = Harness::builder()
        .with_size([1200.0, 760.0])
        .build_eframe(move |cc| App::with_file(cc, Some(opened_path.clone())));
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
