//! The menu bar (File, Help) and the About window.

use super::{Command, FileAction};

/// The keyboard shortcuts, as the About window lists them.
pub const SHORTCUTS: [(&str, &str); 12] = [
    ("Space", "play / pause"),
    ("S or →", "train one epoch"),
    ("R", "reset to the seed's weights"),
    ("Ctrl+O", "open weights"),
    ("Ctrl+S", "save weights"),
    ("Ctrl+Shift+S", "save weights as"),
    ("Ctrl+Q", "quit"),
    ("F1", "this window"),
    ("drop a file", "open it (a .csv imports its points)"),
    ("left click", "add a class 1 point"),
    ("right click", "add a class 0 point"),
    ("Shift+click", "remove the nearest point"),
];

/// Draws the menu bar, recording what was chosen.
pub fn menu_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let items = [
                (
                    "Open weights or experiment…",
                    "Ctrl+O",
                    Command::Pick(FileAction::Open),
                ),
                ("Save weights…", "Ctrl+S", Command::Save),
                (
                    "Save weights as…",
                    "Ctrl+Shift+S",
                    Command::Pick(FileAction::Save),
                ),
                (
                    "Import points CSV…",
                    "",
                    Command::Pick(FileAction::ImportCsv),
                ),
                (
                    "Export points CSV…",
                    "",
                    Command::Pick(FileAction::ExportData),
                ),
                ("Export loss CSV…", "", Command::Pick(FileAction::ExportCsv)),
                (
                    "Export boundary PNG…",
                    "",
                    Command::Pick(FileAction::ExportPng),
                ),
                ("Quit", "Ctrl+Q", Command::Quit),
            ];
            for (text, shortcut, command) in items {
                if ui
                    .add(egui::Button::new(text).shortcut_text(shortcut))
                    .clicked()
                {
                    commands.push(command);
                }
            }
        });
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("About and shortcuts").shortcut_text("F1"))
                .clicked()
            {
                commands.push(Command::ToggleAbout);
            }
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
                for (key, what) in SHORTCUTS {
                    ui.monospace(key);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}
