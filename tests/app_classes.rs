//! Classes survive the window (issue 10, fault 3): a CSV of four classes stays four classes,
//! split as the command line splits it, whether dropped or given on the command line; painting
//! on a multiclass set keeps every class and the test split; the class picker and the number
//! keys choose the class a click paints, any of the six.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::App,
    data::{DataSpec, DatasetKind, Split},
    nn::Loss,
};

/// A file dropped on the window, as the windowing backend reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Writes 40 points of four classes, one cloud per quadrant, and returns the file.
fn four_classes(dir: &std::path::Path) -> std::path::PathBuf {
    let mut text = String::from("x1,x2,label\n");
    for i in 0..40 {
        let label = i % 4;
        let (x, y) = [(1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)][label];
        let jitter = f64::from(i as u8) * 0.01;
        text.push_str(&format!("{},{},{label}\n", x + jitter, y - jitter));
    }
    let path = dir.join("four.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// The split `nn-playground train --dataset FILE` trains on, with the window's data settings.
fn as_the_cli_reads_it(harness: &Harness<'static, App>, path: &std::path::Path) -> Split {
    DataSpec {
        kind: DatasetKind::Csv {
            path: path.to_owned(),
        },
        ..harness.state().settings().experiment.data.clone()
    }
    .build()
    .unwrap()
}

/// Asserts the window trains a four-class softmax network on the file's own split.
fn assert_four_classes_as_the_cli(harness: &Harness<'static, App>, path: &std::path::Path) {
    let app = harness.state();
    assert!(!app.status().is_error, "{:?}", app.status());
    assert!(
        app.status().text.contains("of 4 classes"),
        "{:?}",
        app.status()
    );
    assert_eq!(app.trainer().network().classes(), 4);
    assert_eq!(app.settings().experiment.training.loss, Loss::CrossEntropy);
    let cli = as_the_cli_reads_it(harness, path);
    assert_eq!(app.session().data(), &cli);
    assert!(!cli.test.is_empty(), "the file is split");
    harness.get_by_label("purple: class 3");
    harness.get_by_label("test: rows true, columns predicted");
}

/// Presses and releases `button` at `pos`, a frame for each.
fn click(harness: &mut Harness<'static, App>, pos: Pos2, button: PointerButton) {
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    // The edit is applied at the end of the release's frame; the next one shows it.
    harness.run_steps(1);
}

/// The labels of the hand-made points that train, in order.
fn painted_labels(harness: &Harness<'static, App>) -> Vec<u8> {
    match &harness.state().settings().experiment.data.kind {
        DatasetKind::Points { points } => points
            .points()
            .iter()
            .filter(|p| !p.test)
            .map(|p| p.label)
            .collect(),
        other => panic!("expected hand-made points, found {other:?}"),
    }
}

#[test]
fn a_dropped_four_class_csv_stays_four_classes_split_as_the_cli_splits_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = four_classes(dir.path());
    let mut harness = common::paused_window();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    harness.run_steps(2);
    assert_four_classes_as_the_cli(&harness, &path);
}

#[test]
fn a_four_class_csv_imported_from_the_file_menu_stays_four_classes() {
    let dir = tempfile::tempdir().unwrap();
    let path = four_classes(dir.path());
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Import points CSV…", &path);
    harness.run_steps(1);
    assert_four_classes_as_the_cli(&harness, &path);
}

#[test]
fn a_four_class_csv_on_the_command_line_stays_four_classes() {
    let dir = tempfile::tempdir().unwrap();
    let path = four_classes(dir.path());
    let given = path.clone();
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |cc| App::with_file(cc, Some(given.clone())));
    harness.run_steps(2);
    assert_four_classes_as_the_cli(&harness, &path);
}

#[test]
fn painting_on_blobs_keeps_the_class_picked_and_the_test_split() {
    let mut harness = common::window();
    harness.run_steps(1);
    common::choose(&mut harness, "dataset", "blobs-4");
    harness.get_by_label("Pause").click();
    harness.run_steps(1);
    let before = harness.state().session().data().clone();
    assert!(!before.test.is_empty());
    harness.get_by_label("class 2").click();
    harness.run_steps(1);
    let centre = harness.state().boundary_rect().center();
    click(&mut harness, centre, PointerButton::Primary);
    let app = harness.state();
    assert!(!app.status().is_error, "{:?}", app.status());
    assert!(
        app.status().text.contains("held out for testing"),
        "{:?}",
        app.status()
    );
    assert_eq!(
        app.session().data().test,
        before.test,
        "the test set is kept"
    );
    assert_eq!(app.trainer().network().classes(), 4, "no class lost");
    let labels = painted_labels(&harness);
    assert_eq!(labels.len(), before.train.len() + 1);
    assert_eq!(labels.last(), Some(&2));
    let original: Vec<u8> = before
        .train
        .label_slice()
        .iter()
        .map(|&l| l as u8)
        .collect();
    assert_eq!(
        labels[..labels.len() - 1],
        original[..],
        "classes 2 and 3 stay"
    );
}

#[test]
fn number_keys_pick_the_class_and_a_new_class_grows_the_network() {
    let mut harness = common::paused_window();
    harness.key_press(Key::Num2);
    harness.run_steps(1);
    let centre = harness.state().boundary_rect().center();
    click(&mut harness, centre, PointerButton::Primary);
    assert_eq!(painted_labels(&harness), vec![0, 1, 1, 0, 2]);
    let app = harness.state();
    assert_eq!(app.trainer().network().classes(), 3);
    assert!(
        app.status().text.contains("3 classes"),
        "{:?}",
        app.status()
    );
    harness.get_by_label("green: class 2");
    harness.key_press(Key::Num5);
    harness.run_steps(1);
    click(
        &mut harness,
        centre + egui::vec2(30.0, 30.0),
        PointerButton::Primary,
    );
    // A right click still adds class 0, whatever is picked.
    click(
        &mut harness,
        centre - egui::vec2(30.0, 30.0),
        PointerButton::Secondary,
    );
    assert_eq!(painted_labels(&harness), vec![0, 1, 1, 0, 2, 5, 0]);
    assert_eq!(harness.state().trainer().network().classes(), 6);
    harness.get_by_label("teal: class 5");
}
