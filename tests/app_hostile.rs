//! Hostile and unlucky input through the window, as a person meets it: files dropped on it
//! (a FIFO named like an experiment, an experiment whose data is a FIFO, NumPy arrays alone,
//! CSV files with a byte-order mark or absurd coordinates) and settings files left damaged,
//! empty, too big for memory or in a folder that cannot be written. Every case is checked by
//! what the status line says, found by its text, and nothing may hang.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

mod common;

use std::{
    path::{Path, PathBuf},
    process::Command as Process,
    sync::Arc,
};

use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::{App, Launch, Settings},
    data::{DatasetKind, PointSet},
    weights::{self, experiment_file},
};

/// A file dropped on the window, as the windowing backend reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("the app reads dropped files by path".into())
    }
}

fn drop_file(harness: &mut Harness<'static, App>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_owned())));
    harness.run_steps(2);
}

fn mkfifo(path: &Path) {
    assert!(Process::new("mkfifo").arg(path).status().unwrap().success());
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/hostile")
        .join(name)
}

/// Asserts the status line shows `text` (as a substring) and is an error or not.
fn assert_status(harness: &Harness<'static, App>, text: &str, is_error: bool) {
    harness.get_by_label_contains(text);
    let status = harness.state().status();
    assert_eq!(status.is_error, is_error, "{status:?}");
}

#[test]
fn dropping_a_fifo_named_like_an_experiment_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("run.nnexp.json");
    mkfifo(&fifo);
    let mut harness = common::paused_window();
    let before = harness.state().trainer().network().clone();
    drop_file(&mut harness, &fifo);
    assert_status(
        &harness,
        "run.nnexp.json: is a FIFO, not a regular file",
        true,
    );
    assert_eq!(
        harness.state().trainer().network(),
        &before,
        "the run is untouched"
    );
}

#[test]
fn an_experiment_whose_data_is_a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("points.csv");
    mkfifo(&fifo);
    let mut source = common::paused_window();
    let path = dir.path().join("run.json");
    common::file_menu_with_path(&mut source, "Save experiment…", &path);
    let mut file = experiment_file::load(&path).unwrap();
    file.weights.experiment.data.kind = DatasetKind::Csv { path: fifo.clone() };
    experiment_file::save(&path, &file).unwrap();
    let mut harness = common::paused_window();
    drop_file(&mut harness, &path);
    assert_status(&harness, "points.csv: is a FIFO, not a regular file", true);
}

#[test]
fn an_experiment_too_big_for_memory_is_refused_and_the_run_kept() {
    // 150,000 painted points through a layer of 1024 neurons, trained in one batch: gigabytes
    // of pass buffers. Refused by the memory estimate before anything is allocated.
    let dir = tempfile::tempdir().unwrap();
    let mut source = common::paused_window();
    let path = dir.path().join("many.json");
    common::file_menu_with_path(&mut source, "Save experiment…", &path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let point = serde_json::json!({"x1": 0.5, "x2": -0.5, "label": 1});
    json["weights"]["experiment"]["data"]["kind"] =
        serde_json::json!({"points": {"points": vec![point; 150_000]}});
    json["weights"]["experiment"]["network"]["hidden"] = serde_json::json!([1024]);
    std::fs::write(&path, json.to_string()).unwrap();
    let mut harness = common::paused_window();
    let before = harness.state().trainer().network().clone();
    drop_file(&mut harness, &path);
    assert_status(&harness, "this run would need about ", true);
    assert_status(&harness, "over the limit of 1.0 GiB", true);
    assert_eq!(harness.state().trainer().network(), &before);
}

#[test]
fn numpy_arrays_alone_open_as_the_tutorials_network_and_say_so() {
    let mut harness = common::paused_window();
    drop_file(&mut harness, &corpus("tutorial-compressed.npz"));
    assert_status(
        &harness,
        "the file holds arrays only (no config): read as the tutorial's network, sigmoid \
         hidden layers on the xor data, at epoch 0",
        false,
    );
    let network = harness.state().trainer().network().clone();
    let outputs = std::fs::read_to_string(corpus("tutorial-outputs.txt")).unwrap();
    for line in outputs.lines() {
        let v: Vec<f64> = line.split(' ').map(|x| x.parse().unwrap()).collect();
        let p = network.predict_one(&[v[0], v[1]]);
        assert!((p - v[2]).abs() < 1e-12, "{p} vs NumPy {}", v[2]);
    }
}

#[test]
fn csv_drops_keep_a_bom_first_row_and_refuse_absurd_coordinates() {
    let mut harness = common::paused_window();
    drop_file(&mut harness, &corpus("bom-no-header.csv"));
    assert_status(&harness, "Imported 4 points", false);
    let mut harness = common::paused_window();
    drop_file(&mut harness, &corpus("huge-coordinate.csv"));
    assert_status(
        &harness,
        "huge-coordinate.csv:2: x1 is 1e308; coordinates must be within ±1e6",
        true,
    );
    let mut harness = common::paused_window();
    drop_file(&mut harness, &corpus("long-field.csv"));
    let message = harness.state().status().text.clone();
    assert!(message.chars().count() < 300, "{message}");
}

/// The window launched on the settings file at `file`.
fn launched(file: &Path) -> Harness<'static, App> {
    let launch = Launch {
        settings_file: Some(file.to_owned()),
        ..Launch::default()
    };
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |cc| App::launch(cc, launch));
    harness.run_steps(2);
    harness
}

/// A settings file as eframe writes it.
fn settings_file(settings: &Settings) -> String {
    let inner = ron::to_string(settings).unwrap();
    let map = std::collections::HashMap::from([("app".to_owned(), inner)]);
    ron::to_string(&map).unwrap()
}

#[test]
fn damaged_settings_files_are_reported_not_silently_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.ron");
    let mut good = Settings::default();
    good.experiment.training.learning_rate = 0.25;
    let text = settings_file(&good);
    std::fs::write(&path, &text).unwrap();
    let harness = launched(&path);
    assert_eq!(harness.state().settings(), &good);
    assert!(!harness.state().status().is_error);

    for (content, says) in [
        (
            "".to_owned(),
            "app.ron: is empty; started from the defaults.",
        ),
        ("garbage \u{0} here".to_owned(), "app.ron: is damaged ("),
        (text[..text.len() / 2].to_owned(), "app.ron: is damaged ("),
        (
            r#"{"app": "(experiment: broken"}"#.to_owned(),
            "app.ron: holds settings that do not parse (",
        ),
    ] {
        std::fs::write(&path, content).unwrap();
        let harness = launched(&path);
        assert_status(&harness, says, true);
        assert_eq!(harness.state().settings(), &Settings::default());
    }
    // A FIFO as the settings file: refused, never read.
    std::fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let harness = launched(&path);
    assert_status(&harness, "app.ron: is a FIFO, not a regular file", true);
}

#[test]
fn settings_too_big_for_memory_or_absurd_are_refused_at_launch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.ron");
    let mut huge = Settings::default();
    huge.experiment.data.kind = DatasetKind::Spiral;
    huge.experiment.data.points = 100_000;
    huge.experiment.network.hidden = vec![1024, 1024];
    std::fs::write(&path, settings_file(&huge)).unwrap();
    let harness = launched(&path);
    assert_status(
        &harness,
        "Saved settings ignored (this run would need about 3.2 GiB of memory",
        true,
    );
    assert_eq!(harness.state().settings(), &Settings::default());

    let mut absurd = Settings::default();
    let mut points = PointSet::default();
    points.add(1e308, -1e308, 1);
    points.add(0.0, 0.0, 0);
    absurd.experiment.data.kind = DatasetKind::Points { points };
    std::fs::write(&path, settings_file(&absurd)).unwrap();
    let harness = launched(&path);
    assert_status(
        &harness,
        "point coordinates must be finite and within ±1e6, got (1e308, -1e308)",
        true,
    );

    let fifo = dir.path().join("data.csv");
    mkfifo(&fifo);
    let mut piped = Settings::default();
    piped.experiment.data.kind = DatasetKind::Csv { path: fifo };
    std::fs::write(&path, settings_file(&piped)).unwrap();
    let harness = launched(&path);
    assert_status(&harness, "data.csv: is a FIFO, not a regular file", true);
}

#[test]
fn a_settings_folder_that_cannot_be_written_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: not writable even for root.
    let blocker = dir.path().join("nn-playground");
    std::fs::write(&blocker, "not a folder").unwrap();
    let harness = launched(&blocker.join("app.ron"));
    assert_status(&harness, "Settings cannot be saved in", true);
    assert_eq!(harness.state().settings(), &Settings::default());
    // And a file saved by the window still saves and loads: only the settings are affected.
    let path = dir.path().join("w.json");
    let mut harness = harness;
    common::file_menu_with_path(&mut harness, "Save weights as…", &path);
    weights::load(&path).unwrap();
}
