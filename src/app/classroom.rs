//! The Classroom menu: the experiment as one line to copy, paste or open (the core's
//! [`line`](crate::cli::line)), and the controls a lesson hides ([`lesson`](crate::lesson)).

use super::{App, Command, Status, line_prompt::LinePrompt};
use crate::{
    cli::line::{self, RunLine},
    lesson::{Control, Hidden, hidden_count},
};

/// The label of the Classroom menu's tick that hides `control`.
pub fn hide_label(control: Control) -> String {
    format!("hide {}", control.label())
}

/// The Classroom menu's items.
pub fn classroom_menu_ui(ui: &mut egui::Ui, hidden: &mut Hidden, commands: &mut Vec<Command>) {
    if ui
        .button("Copy experiment line")
        .on_hover_text("The run as one line of text to paste in a chat or on a slide")
        .clicked()
    {
        commands.push(Command::CopyLine);
        ui.close();
    }
    if ui
        .button("Paste experiment line…")
        .on_hover_text("Restore a run from its line (Ctrl+V on the window does it too)")
        .clicked()
    {
        commands.push(Command::OpenLinePrompt);
        ui.close();
    }
    ui.separator();
    ui.label("Hide controls for a lesson (the line keeps them):");
    // Two columns, in the panel's order down each: the menu fits the smallest window.
    let rows = Control::ALL.len().div_ceil(2);
    egui::Grid::new("hidable controls").show(ui, |ui| {
        for row in 0..rows {
            for control in [row, row + rows]
                .into_iter()
                .filter_map(|k| Control::ALL.get(k))
            {
                let mut hide = hidden.contains(control);
                if ui.checkbox(&mut hide, hide_label(*control)).changed() {
                    if hide {
                        hidden.insert(*control);
                    } else {
                        hidden.remove(control);
                    }
                }
            }
            ui.end_row();
        }
    });
    if ui
        .add_enabled(!hidden.is_empty(), egui::Button::new("Show every control"))
        .clicked()
    {
        hidden.clear();
    }
}

impl App {
    /// Copies the experiment line to the clipboard and shows it in the status line.
    pub(super) fn copy_line(&mut self, ctx: &egui::Context) {
        match line::line(&self.settings.experiment, &self.settings.view_args()) {
            Ok(text) => {
                ctx.copy_text(text.clone());
                self.status = Status::info(format!("Copied the experiment line: {text}"));
            }
            Err(e) => self.status = Status::error(format!("No experiment line: {e}.")),
        }
    }

    /// Opens the field to paste a line into.
    pub(super) fn open_line_prompt(&mut self) {
        self.line_prompt = Some(LinePrompt::default());
    }

    /// Reads `text` as an experiment line and restores its run; a text that does not read is
    /// refused with the reason, in the open field or else the status line.
    pub(super) fn paste_line(&mut self, text: &str) {
        match line::parse(text) {
            Ok(run) => self.use_line(run),
            Err(reason) => match &mut self.line_prompt {
                Some(prompt) => prompt.failed(reason),
                None => {
                    self.status = Status::error(format!("Not an experiment line: {reason}."));
                }
            },
        }
    }

    /// Restores `run`: its experiment from fresh weights, and its view of the window. When the
    /// run cannot be built, nothing changes and the status line says why.
    pub(super) fn use_line(&mut self, run: RunLine) {
        let view = self.settings.view_args();
        self.settings.experiment = run.experiment;
        self.settings.set_view(&run.view);
        self.rebuild("Opened the experiment line");
        if self.status.is_error {
            self.settings.set_view(&view);
            if let Some(prompt) = &mut self.line_prompt {
                prompt.failed(self.status.text.clone());
            }
            return;
        }
        self.line_prompt = None;
        self.view_changed = true;
        if !self.settings.hidden.is_empty() {
            self.status.text.push_str(&format!(
                " {} for this lesson (Classroom menu).",
                hidden_count(&self.settings.hidden)
            ));
        }
    }
}
