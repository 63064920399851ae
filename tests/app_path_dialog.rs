//! The window's own path dialog (used when no desktop portal answers, or when File → "Type
//! paths in the window" is ticked) and Save keeping the kind of file: driven through the menu
//! by its labels, keys and the dialog's field, results checked on disk and on screen.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::Key;
use egui_kittest::kittest::Queryable as _;
use nn_playground::{data::DatasetKind, weights::experiment_file};

#[test]
fn escape_cancels_the_dialog_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    common::use_builtin_dialog(&mut harness);
    common::menu(&mut harness, "File", "Save weights as…");
    assert!(harness.state().path_dialog().is_some());
    common::type_path(&mut harness, &dir.path().join("never.json"));
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().path_dialog().is_none(), "Escape closes it");
    assert!(harness.query_by_label("path").is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn keys_do_not_reach_the_window_under_the_dialog() {
    let mut harness = common::paused_window();
    let epoch = harness.state().trainer().epoch();
    assert!(epoch > 0);
    common::use_builtin_dialog(&mut harness);
    common::menu(&mut harness, "File", "Open…");
    // Click the dialog's heading, so the field loses the keyboard focus, then press the
    // window's shortcuts: reset, step, play.
    harness
        .get_by_label("Open weights, experiment or points")
        .click();
    harness.run_steps(1);
    for key in [Key::R, Key::S, Key::Space, Key::ArrowRight] {
        harness.key_press(key);
        harness.run_steps(1);
    }
    // And typed into the field.
    harness.get_by_label("path").focus();
    harness.run_steps(1);
    harness.get_by_label("path").type_text(" rs");
    harness.key_press(Key::R);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.trainer().epoch(), epoch, "no reset, no step");
    assert!(!app.is_running(), "no play");
    assert!(app.path_dialog().is_some(), "still open");
}

#[test]
fn an_error_keeps_the_dialog_open_with_the_reason_and_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("no-such-folder").join("run.json");
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Save weights as…", &bad);
    assert!(harness.state().path_dialog().is_some(), "the dialog stays");
    let shown = bad.display().to_string();
    // Said in the dialog and in the status line under it.
    let said = harness
        .get_all_by_label_contains(&format!("{shown}: cannot save"))
        .count();
    assert_eq!(said, 2);
    assert_eq!(
        harness.get_by_label("path").value().as_deref(),
        Some(shown.as_str()),
        "the path as typed"
    );
    // Fix the path and confirm again: saved, closed.
    let good = dir.path().join("run.json");
    common::enter_path(&mut harness, &good);
    common::assert_no_error(&harness);
    assert!(harness.state().path_dialog().is_none());
    assert!(good.is_file());
}

#[test]
fn a_save_error_says_cannot_save_once() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("missing").join("run.nnexp.json");
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Save experiment…", &bad);
    let (text, is_error) = common::status(&harness);
    assert!(is_error, "{text}");
    assert_eq!(
        text.to_lowercase().matches("cannot save").count(),
        1,
        "{text}"
    );
}

#[test]
fn the_dialog_starts_in_the_last_files_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Save weights as…", &dir.path().join("a.json"));
    common::assert_no_error(&harness);
    common::menu(&mut harness, "File", "Export loss CSV…");
    let suggested = harness.get_by_label("path").value().unwrap();
    assert_eq!(suggested, dir.path().join("loss.csv").display().to_string());
}

#[test]
fn open_takes_a_csv_of_points() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.csv");
    std::fs::write(&path, "x1,x2,label\n0,0,0\n2,1,1\n").unwrap();
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Open…", &path);
    common::assert_no_error(&harness);
    assert_eq!(
        harness.state().settings().experiment.data.kind,
        DatasetKind::Csv { path: path.clone() }
    );
    let data = harness.state().session().data();
    assert_eq!(data.train.len() + data.test.len(), 2);
}

#[test]
fn ctrl_s_after_opening_an_experiment_keeps_it_an_experiment_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.nnexp.json");
    let mut source = common::window();
    source.run_steps(6);
    source.get_by_label("Pause").click();
    source.run_steps(1);
    common::file_menu_with_path(&mut source, "Save experiment…", &path);
    common::assert_no_error(&source);
    let saved = experiment_file::load(&path).unwrap();

    let mut harness = common::window_with_file(&path);
    harness.run_steps(1);
    common::assert_no_error(&harness);
    harness.get_by_label("Step").click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    common::assert_no_error(&harness);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        experiment_file::is_experiment(&bytes),
        "still an experiment"
    );
    let again = experiment_file::load(&path).unwrap();
    assert_eq!(again.weights.epoch, saved.weights.epoch + 1);
    assert!(
        again.history.points().len() >= saved.history.points().len(),
        "the history is kept: {} then {}",
        saved.history.points().len(),
        again.history.points().len()
    );
}
