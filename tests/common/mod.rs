//! Shared set-up for the window tests: the app in a harness of the window's default size, and
//! the things a person does to it (menus by their labels, the path dialog, clicks, keys,
//! dropped files). No helper here calls an app method that changes anything: every change
//! goes through the window's input, as a person's would.

#![allow(dead_code, reason = "each test file uses the helpers it needs")]
#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::{
    Harness,
    kittest::{By, Queryable as _},
};
use nn_playground::app::App;

/// The window's default size.
pub const WINDOW: [f32; 2] = [1200.0, 760.0];
/// The window's smallest size.
pub const SMALLEST: [f32; 2] = [900.0, 600.0];

/// The app as it opens (training the tutorial's experiment), in a harness of the window's size.
pub fn window() -> Harness<'static, App> {
    Harness::builder()
        .with_size(WINDOW)
        .build_eframe(|cc| App::new(cc))
}

/// The app as `nn-playground FILE` opens it.
pub fn window_with_file(path: &Path) -> Harness<'static, App> {
    let path = path.to_owned();
    Harness::builder()
        .with_size(WINDOW)
        .build_eframe(move |cc| App::with_file(cc, Some(path.clone())))
}

/// The app after a few frames of training, paused with its Pause button.
pub fn paused_window() -> Harness<'static, App> {
    let mut harness = window();
    harness.run_steps(3);
    harness.get_by_label("Pause").click();
    harness.run_steps(1);
    assert!(!harness.state().is_running());
    harness
}

/// Opens the menu `menu` in the menu bar and clicks its item `item` (found by its label; a
/// menu item's accessible label also holds its shortcut, as in "Save Ctrl+S").
pub fn menu(harness: &mut Harness<'static, App>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run_steps(2);
    let with_shortcut = format!("{item} ");
    let by = By::new().predicate(move |node| {
        node.label()
            .is_some_and(|label| label == item || label.starts_with(&with_shortcut))
    });
    harness.get(by).click();
    // A new window or dialog is laid out unseen on its first frame: give it a second.
    harness.run_steps(3);
}

/// Ticks File → "Type paths in the window", so file actions ask in the window's own dialog
/// (where no desktop portal runs, they do anyway; this makes it so everywhere), then closes
/// the menu.
pub fn use_builtin_dialog(harness: &mut Harness<'static, App>) {
    if harness.state().settings().builtin_file_dialog {
        return;
    }
    menu(harness, "File", "Type paths in the window");
    assert!(harness.state().settings().builtin_file_dialog);
    harness.key_press(Key::Escape);
    harness.run_steps(1);
}

/// Replaces the text of the open path dialog's field with `path`, as typed (select all, type).
pub fn type_path(harness: &mut Harness<'static, App>, path: &Path) {
    let field = harness.get_by_label("path");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("path")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
}

/// Types `path` into the open path dialog and presses Enter.
pub fn enter_path(harness: &mut Harness<'static, App>, path: &Path) {
    type_path(harness, path);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
}

/// File → `item`, then `path` typed into the window's path dialog and Enter.
pub fn file_menu_with_path(harness: &mut Harness<'static, App>, item: &str, path: &Path) {
    use_builtin_dialog(harness);
    menu(harness, "File", item);
    assert!(
        harness.state().path_dialog().is_some(),
        "{item} opened no path dialog"
    );
    enter_path(harness, path);
}

/// A file dropped on the window, as the windowing backend reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops the file at `path` on the window.
pub fn drop_file(harness: &mut Harness<'static, App>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    harness.run_steps(2);
}

/// Presses and releases `button` at `pos` with `modifiers` held, a frame for each.
pub fn click_at(
    harness: &mut Harness<'static, App>,
    pos: Pos2,
    button: PointerButton,
    modifiers: Modifiers,
) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers,
        });
        harness.run_steps(1);
    }
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(1);
}

/// The status line's text and whether it reports an error.
pub fn status(harness: &Harness<'static, App>) -> (String, bool) {
    let status = harness.state().status();
    (status.text.clone(), status.is_error)
}

/// Asserts the status line reports no error.
#[track_caller]
pub fn assert_no_error(harness: &Harness<'static, App>) {
    let (text, is_error) = status(harness);
    assert!(!is_error, "{text}");
}

/// Clicks the widget labelled `label`, brought into view first: the controls panel scrolls,
/// and a click lands only on what is on screen.
pub fn click(harness: &mut Harness<'static, App>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    // Scrolling is animated: let it settle.
    harness.run_steps(12);
    harness.get_by_label(label).click();
    harness.run_steps(1);
}

/// Picks `option` in the combo box labelled `combo`, as a person does: open it, click.
pub fn choose(harness: &mut Harness<'static, App>, combo: &str, option: &str) {
    // The data controls sit low in the scrolling panel: bring the combo box into view first.
    harness.get_by_label(combo).scroll_to_me();
    harness.run_steps(1);
    harness.get_by_label(combo).click();
    // The list is laid out unseen on its first frame.
    harness.run_steps(3);
    // A long list scrolls inside its popup: bring the option into view first.
    harness.get_by_label(option).scroll_to_me();
    // Scrolling is animated: let it settle.
    harness.run_steps(12);
    harness.get_by_label(option).click();
    harness.run_steps(2);
}

/// eframe's settings store in memory, as the window's settings file holds it.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl MemoryStorage {
    /// The stored text's length in bytes, over every key.
    pub fn bytes(&self) -> usize {
        self.0.values().map(String::len).sum()
    }
}

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}
