//! The field an experiment line is pasted into (Classroom → Paste experiment line…). Modal, as
//! the path dialog is: Enter opens the line, Escape cancels, and a line that does not read
//! keeps the field open with the reason and the text as pasted.

/// What the user did with the field.
#[derive(Debug, PartialEq)]
pub enum LineOutcome {
    /// Read this text as an experiment line.
    Open(String),
    /// Never mind: the field closes.
    Cancel,
}

/// The modal field for an experiment line.
#[derive(Debug, Default)]
pub struct LinePrompt {
    text: String,
    /// Focus goes to the field on the first frame, and again after an error.
    focused: bool,
    /// Why the last line did not read, shown until the next try.
    error: Option<String>,
}

/// The field's label, by which tests find it.
pub const LINE_FIELD_LABEL: &str = "experiment line";

impl LinePrompt {
    /// The last line did not read: stay open and say why.
    pub fn failed(&mut self, reason: String) {
        self.error = Some(reason);
        self.focused = false;
    }

    /// Draws the field; returns what the user decided, if anything.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<LineOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("line dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Open an experiment line");
            ui.label("Paste a line copied with Classroom → Copy experiment line:");
            let label = ui.label(LINE_FIELD_LABEL);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .hint_text("nn-playground --dataset spiral --hidden 8,8")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !std::mem::replace(&mut self.focused, true) {
                field.request_focus();
            }
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("Open").clicked() || entered {
                    outcome = Some(LineOutcome::Open(self.text.clone()));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(LineOutcome::Cancel);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(LineOutcome::Cancel);
        }
        outcome
    }
}
