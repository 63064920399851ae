//! The window's own path dialog, for when no desktop file dialog answers (no portal running)
//! or the user chose it in the File menu. It is modal: the window under it takes no clicks
//! and no shortcuts while it is open. Escape cancels, Enter confirms, and a file that cannot be
//! opened or written keeps it open with the reason and the path as typed.

use std::path::PathBuf;

use super::FileAction;

/// What the user did with the dialog.
#[derive(Debug, PartialEq)]
pub enum PromptOutcome {
    /// Go ahead with this path (the dialog waits to hear whether it worked).
    Confirm(FileAction, PathBuf),
    /// Never mind: the dialog closes.
    Cancel,
}

/// A modal dialog asking for a path for one file action.
#[derive(Debug)]
pub struct PathPrompt {
    action: FileAction,
    text: String,
    /// Focus goes to the field on the first frame, and again after an error.
    wants_focus: bool,
    /// Why the last path did not work, shown until the next try.
    error: Option<String>,
}

impl PathPrompt {
    /// A dialog for `action`, prefilled with `suggestion`.
    pub fn new(action: FileAction, suggestion: PathBuf) -> Self {
        Self {
            action,
            text: suggestion.display().to_string(),
            wants_focus: true,
            error: None,
        }
    }

    /// The action the dialog asks a path for.
    pub fn action(&self) -> FileAction {
        self.action
    }

    /// The last path did not work: stay open, say why, and let the user edit the path.
    pub fn failed(&mut self, reason: String) {
        self.error = Some(reason);
        self.wants_focus = true;
    }

    /// Draws the dialog; returns what the user decided, if anything.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<PromptOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("path dialog")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading(self.action.title());
            ui.label("Type the file's path (no desktop file dialog is in use):");
            let label = ui.label("path");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if std::mem::take(&mut self.wants_focus) {
                field.request_focus();
            }
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || entered {
                    let path = PathBuf::from(self.text.trim());
                    if path.as_os_str().is_empty() {
                        self.failed("Type a path first.".to_owned());
                    } else {
                        self.error = None;
                        outcome = Some(PromptOutcome::Confirm(self.action, path));
                    }
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PromptOutcome::Cancel);
                }
            });
        });
        // Escape (or a click beside the dialog) cancels.
        if outcome.is_none() && modal.should_close() {
            outcome = Some(PromptOutcome::Cancel);
        }
        outcome
    }
}
