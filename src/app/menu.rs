//! The menu bar (File, Classroom, Help) and the About window. Shortcut texts come from the bindings table.

use super::{
    Command, ExportFormat, FileAction,
    bindings::{BINDINGS, GESTURES, keys_text, menu_shortcut},
    classroom::classroom_menu_ui,
};
use crate::lesson::Hidden;

/// The File menu's items, in order: label and command.
const FILE_ITEMS: [(&str, Command); 12] = [
    ("Open…", Command::Pick(FileAction::Open)),
    ("Save", Command::Save),
    ("Save weights as…", Command::Pick(FileAction::Save)),
    (
        "Save experiment…",
        Command::Pick(FileAction::SaveExperiment),
    ),
    ("Import points CSV…", Command::Pick(FileAction::ImportCsv)),
    ("Export points CSV…", Command::Pick(FileAction::ExportData)),
    ("Export loss CSV…", Command::Pick(FileAction::ExportCsv)),
    ("Export boundary PNG…", Command::Pick(FileAction::ExportPng)),
    (
        "Export ONNX…",
        Command::Pick(FileAction::Export(ExportFormat::Onnx)),
    ),
    (
        "Export safetensors…",
        Command::Pick(FileAction::Export(ExportFormat::Safetensors)),
    ),
    (
        "Export as Python…",
        Command::Pick(FileAction::Export(ExportFormat::Python)),
    ),
    ("Quit", Command::Quit),
];

/// A menu item showing its shortcut; records `command` when clicked.
fn item_ui(ui: &mut egui::Ui, text: &str, command: &Command, commands: &mut Vec<Command>) {
    let button = egui::Button::new(text).shortcut_text(menu_shortcut(command));
    if ui.add(button).clicked() {
        commands.push(command.clone());
    }
}

/// Label of the File menu's switch to the window's own path dialog.
pub const BUILTIN_DIALOG_LABEL: &str = "Type paths in the window";

/// Draws the menu bar, recording what was chosen; `builtin_dialog` is the File menu's switch
/// to the window's own path dialog.
pub fn menu_ui(
    ui: &mut egui::Ui,
    builtin_dialog: &mut bool,
    hidden: &mut Hidden,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for (text, command) in &FILE_ITEMS {
                item_ui(ui, text, command, commands);
            }
            ui.separator();
            ui.checkbox(builtin_dialog, BUILTIN_DIALOG_LABEL)
                .on_hover_text(
                    "Ask for file paths in the window instead of the desktop's file dialog",
                );
        });
        // Several controls are ticked in a row: the menu stays open until a click beside it.
        let stays_open = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new("Classroom")
            .config(stays_open)
            .ui(ui, |ui| classroom_menu_ui(ui, hidden, commands));
        ui.menu_button("Help", |ui| {
            item_ui(ui, "About and shortcuts", &Command::ToggleAbout, commands);
        });
    });
}

/// The About window with the shortcuts.
pub fn about_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About nn-playground")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label("Watch a small neural network learn.");
            ui.label("It starts from the NumPy tutorial: a 2-4-1 sigmoid network on XOR.");
            ui.add_space(6.0);
            egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
                for binding in BINDINGS {
                    ui.monospace(keys_text(binding));
                    ui.label(binding.what);
                    ui.end_row();
                }
                for (gesture, what) in GESTURES {
                    ui.monospace(gesture);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}
