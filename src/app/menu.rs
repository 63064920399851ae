//! The menu bar (File, Help) and the About window. Shortcut texts come from the bindings table.

use super::{
    Command, FileAction,
    bindings::{BINDINGS, GESTURES, keys_text, menu_shortcut},
};

/// The File menu's items, in order: label and command.
const FILE_ITEMS: [(&str, Command); 8] = [
    (
        "Open weights or experiment…",
        Command::Pick(FileAction::Open),
    ),
    ("Save weights…", Command::Save),
    ("Save weights as…", Command::Pick(FileAction::Save)),
    ("Import points CSV…", Command::Pick(FileAction::ImportCsv)),
    ("Export points CSV…", Command::Pick(FileAction::ExportData)),
    ("Export loss CSV…", Command::Pick(FileAction::ExportCsv)),
    ("Export boundary PNG…", Command::Pick(FileAction::ExportPng)),
    ("Quit", Command::Quit),
];

/// A menu item showing its shortcut; records `command` when clicked.
fn item_ui(ui: &mut egui::Ui, text: &str, command: &Command, commands: &mut Vec<Command>) {
    let button = egui::Button::new(text).shortcut_text(menu_shortcut(command));
    if ui.add(button).clicked() {
        commands.push(command.clone());
    }
}

/// Draws the menu bar, recording what was chosen.
pub fn menu_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for (text, command) in &FILE_ITEMS {
                item_ui(ui, text, command, commands);
            }
        });
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
