//! Your own data through the window: clicks on the boundary add and remove points, Clear
//! empties the set, and CSV import names the faulty line or replaces the data.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Modifiers, PointerButton, Pos2};
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::App,
    data::{DatasetKind, PointSet},
};

/// Presses and releases `button` at `pos` with `modifiers` held.
fn click(
    harness: &mut Harness<'static, App>,
    pos: Pos2,
    button: PointerButton,
    modifiers: Modifiers,
) {
    common::click_at(harness, pos, button, modifiers);
}

/// The hand-made points of the app's experiment, as `(x1, x2, label)`.
fn points(harness: &Harness<'static, App>) -> Vec<(f64, f64, u8)> {
    match &harness.state().settings().experiment.data.kind {
        DatasetKind::Points { points } => points
            .points()
            .iter()
            .map(|p| (p.x1, p.x2, p.label))
            .collect(),
        other => panic!("expected hand-made points, found {other:?}"),
    }
}

#[test]
fn left_click_adds_class_1_and_right_click_class_0_where_clicked() {
    let mut harness = common::paused_window();
    let epoch = harness.state().trainer().epoch();
    let network = harness.state().trainer().network().clone();
    let centre = harness.state().boundary_rect().center();
    click(
        &mut harness,
        centre,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    let after = points(&harness);
    assert_eq!(after.len(), 5, "XOR's four points plus the click");
    let (x1, x2, label) = after[4];
    assert!(
        (x1 - 0.5).abs() < 0.05 && (x2 - 0.5).abs() < 0.05,
        "{x1}, {x2}"
    );
    assert_eq!(label, 1);
    let corner = centre + egui::vec2(60.0, -60.0);
    click(
        &mut harness,
        corner,
        PointerButton::Secondary,
        Modifiers::NONE,
    );
    let after = points(&harness);
    assert_eq!(after.len(), 6);
    assert_eq!(after[5].2, 0);
    assert!(
        after[5].0 > 0.5 && after[5].1 > 0.5,
        "right and up of the centre"
    );
    let app = harness.state();
    assert_eq!(app.trainer().data().train.len(), 6, "the trainer has them");
    assert_eq!(app.trainer().epoch(), epoch, "no rebuild");
    assert_eq!(app.trainer().network(), &network);
}

#[test]
fn shift_click_removes_the_nearest_point_and_training_goes_on() {
    let mut harness = common::paused_window();
    let rect = harness.state().boundary_rect();
    // XOR's (1, 1) point is up and right of the centre (0.5, 0.5).
    let near_one_one = rect.center() + egui::vec2(rect.width() * 0.2, -rect.height() * 0.2);
    click(
        &mut harness,
        near_one_one,
        PointerButton::Primary,
        Modifiers::SHIFT,
    );
    let after = points(&harness);
    assert_eq!(after.len(), 3);
    assert!(!after.contains(&(1.0, 1.0, 0)), "{after:?}");
    let epoch = harness.state().trainer().epoch();
    harness.get_by_label("Play").click();
    harness.run_steps(3);
    assert!(harness.state().trainer().epoch() > epoch);
}

#[test]
fn clear_removes_every_point_and_pauses_until_one_is_added() {
    let mut harness = common::paused_window();
    common::click(&mut harness, "Clear points");
    harness.run_steps(2);
    assert!(points(&harness).is_empty());
    assert!(harness.state().session().data().train.is_empty());
    harness.get_by_label("Play").click();
    harness.run_steps(2);
    let app = harness.state();
    assert!(!app.is_running());
    assert!(
        app.status().text.contains("no points"),
        "{:?}",
        app.status()
    );
    let centre = app.boundary_rect().center();
    click(
        &mut harness,
        centre,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    assert_eq!(points(&harness).len(), 1);
    assert_eq!(harness.state().session().data().train.len(), 1);
}

#[test]
fn a_bad_csv_names_its_line_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "x1,x2,label\n0,0,0\n1,oops,1\n").unwrap();
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Import points CSV…", &path);
    harness.run_steps(1);
    let app = harness.state();
    assert!(app.status().is_error);
    assert!(
        app.status().text.contains("bad.csv:3: x2 is not a number"),
        "{}",
        app.status().text
    );
    assert_eq!(app.settings().experiment.data.kind, DatasetKind::Xor);
}

#[test]
fn an_imported_csv_becomes_the_data_and_exports_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.csv");
    std::fs::write(&path, "x1,x2,label\n0,0,0\n2,1,1\n-1,3,1\n").unwrap();
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Import points CSV…", &path);
    harness.run_steps(1);
    assert!(
        !harness.state().status().is_error,
        "{:?}",
        harness.state().status()
    );
    assert_eq!(
        imported(&harness, &path),
        vec![(-1.0, 3.0, 1), (0.0, 0.0, 0), (2.0, 1.0, 1)]
    );
    assert_eq!(
        harness.state().trainer().epoch(),
        0,
        "fresh weights on new data"
    );
    let out = dir.path().join("out.csv");
    common::file_menu_with_path(&mut harness, "Export points CSV…", &out);
    // Training points first, then the test points: the same points, in another order.
    let written = std::fs::read_to_string(&out).unwrap();
    let mut lines: Vec<&str> = written.lines().collect();
    lines[1..].sort_unstable();
    assert_eq!(lines, ["x1,x2,label", "-1,3,1", "0,0,0", "2,1,1"]);
}

#[test]
fn a_csv_given_on_the_command_line_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("given.csv");
    std::fs::write(&path, "1,1,1\n-1,-1,0\n").unwrap();
    let mut harness = common::window_with_file(&path);
    harness.run_steps(1);
    assert!(
        !harness.state().status().is_error,
        "{:?}",
        harness.state().status()
    );
    let path = std::env::current_dir()
        .unwrap()
        .join(dir.path().join("given.csv"));
    assert_eq!(
        imported(&harness, &path),
        vec![(-1.0, -1.0, 0), (1.0, 1.0, 1)]
    );
}

/// The data of a run on the CSV file `path` (the experiment keeps the path, not the points),
/// training and test points together, as sorted `(x1, x2, label)`.
fn imported(harness: &Harness<'static, App>, path: &std::path::Path) -> Vec<(f64, f64, u8)> {
    let app = harness.state();
    assert_eq!(
        app.settings().experiment.data.kind,
        DatasetKind::Csv {
            path: path.to_owned()
        }
    );
    let mut all: Vec<_> = PointSet::from_split(app.session().data())
        .points()
        .iter()
        .map(|p| (p.x1, p.x2, p.label))
        .collect();
    all.sort_by(|a, b| a.partial_cmp(b).unwrap());
    all
}
