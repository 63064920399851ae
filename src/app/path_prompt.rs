//! The app's own path field, for when no native file dialog can open.

use std::path::PathBuf;

use super::FileAction;

/// What the user did with the path field.
#[derive(Debug, PartialEq)]
pub enum PromptOutcome {
    /// Go ahead with this path.
    Confirm(FileAction, PathBuf),
    /// Never mind.
    Cancel,
}

/// A small window asking for a path for one file action.
#[derive(Debug)]
pub struct PathPrompt {
    action: FileAction,
    text: String,
    focused: bool,
}

impl PathPrompt {
    /// A prompt for `action`, prefilled with `suggestion`.
    pub fn new(action: FileAction, suggestion: PathBuf) -> Self {
        Self {
            action,
            text: suggestion.display().to_string(),
            focused: false,
        }
    }

    /// Draws the window; returns what the user decided, if anything.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<PromptOutcome> {
        let mut outcome = None;
        egui::Window::new(self.action.title())
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label("No file dialog is available here. Type the file's path:");
                let label = ui.label("path");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut self.text).desired_width(420.0))
                    .labelled_by(label.id);
                if !self.focused {
                    // Type straight away; Enter confirms.
                    field.request_focus();
                    self.focused = true;
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() || entered {
                        let path = PathBuf::from(self.text.trim());
                        outcome = Some(if path.as_os_str().is_empty() {
                            PromptOutcome::Cancel
                        } else {
                            PromptOutcome::Confirm(self.action, path)
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(PromptOutcome::Cancel);
                    }
                });
            });
        outcome
    }
}
