//! Big data in the window (issue 10, fault 5): a 200,000-point CSV is remembered by its path,
//! not its points; too many painted points are left out of the settings and the next launch
//! says so; a heavy restored run starts paused; and the points are drawn as one texture, so a
//! paused frame costs a handful of shapes whatever the count.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Event, Modifiers, PointerButton};
use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::{App, Settings},
    data::DatasetKind,
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

/// Writes `n` points of two classes on a spiral-ish cloud and returns the file.
fn big_csv(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut text = String::with_capacity(n * 24);
    text.push_str("x1,x2,label\n");
    for i in 0..n {
        let t = i as f64 * 0.001;
        let label = i % 2;
        let r = 0.5 + (i % 997) as f64 * 0.003;
        let sign = if label == 0 { 1.0 } else { -1.0 };
        text.push_str(&format!(
            "{:.4},{:.4},{label}\n",
            sign * r * t.cos(),
            sign * r * t.sin()
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// What eframe does on quit and every 30 seconds: the app writes its settings.
fn quit_into(harness: &mut Harness<'static, App>) -> common::MemoryStorage {
    let mut storage = common::MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

#[test]
fn a_200k_import_is_kept_by_path_and_painting_on_it_is_left_out_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_csv(dir.path(), 200_000);
    let mut harness = common::paused_window();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    harness.run_steps(2);
    let app = harness.state();
    assert!(!app.status().is_error, "{:?}", app.status());
    assert_eq!(app.session().data().train.len(), 100_000);
    let storage = quit_into(&mut harness);
    assert!(storage.bytes() < 10_000, "{} bytes", storage.bytes());
    let restored = Settings::restore(Some(&storage));
    assert_eq!(
        restored.experiment.data.kind,
        DatasetKind::Csv { path: path.clone() }
    );

    // One painted point makes 200,001 hand-made points: too many for the settings.
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
    let status = &harness.state().status().text;
    assert!(status.contains("200001 points"), "{status}");
    assert!(status.contains("not kept between launches"), "{status}");
    let storage = quit_into(&mut harness);
    assert!(storage.bytes() < 10_000, "{} bytes", storage.bytes());
    let restored = Settings::restore(Some(&storage));
    assert_eq!(
        restored.experiment.data.kind,
        DatasetKind::Csv { path: path.clone() },
        "the dataset they were painted on takes their place"
    );
    assert_eq!(restored.your_points, None);

    // The next launch: the CSV again, paused because it is heavy, and it says what it did.
    let mut next = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |_| App::from_settings(restored.clone()));
    next.run_steps(2);
    let app = next.state();
    assert!(!app.is_running(), "a heavy run waits for Play");
    let status = &app.status().text;
    assert!(status.starts_with("Restored your last run: "), "{status}");
    assert!(
        status.contains("big.csv (100000 train, 100000 test)"),
        "{status}"
    );
    assert!(
        status.contains("200001 painted points were too many"),
        "{status}"
    );
    assert!(status.contains("heavy"), "{status}");
    next.get_by_label("Play");
}

#[test]
fn a_paused_frame_over_200k_points_draws_a_handful_of_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_csv(dir.path(), 200_000);
    let mut harness = common::paused_window();
    let small = shapes_on_hover(&mut harness);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    harness.run_steps(2);
    assert_eq!(harness.state().session().data().test.len(), 100_000);
    let big = shapes_on_hover(&mut harness);
    // One marker (and its rim) per point would be 400,000 shapes more.
    assert!(
        big < small + 200,
        "{small} shapes for XOR, {big} for 200k points"
    );
}

/// Moves the pointer over the boundary and counts the shapes of the frame it causes.
fn shapes_on_hover(harness: &mut Harness<'static, App>) -> usize {
    let rect = harness.state().boundary_rect();
    harness.hover_at(rect.center() + egui::vec2(7.0, 3.0));
    harness.run_steps(1);
    harness.output().shapes.len()
}
