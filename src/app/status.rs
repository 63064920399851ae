//! The status line's message.

/// One line telling the user what just happened; errors are shown in the error colour.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The message.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

impl Status {
    /// A neutral message.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
        }
    }

    /// A failure.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
        }
    }

    /// Draws the message on one line.
    pub fn ui(&self, ui: &mut egui::Ui) {
        let text = egui::RichText::new(&self.text);
        let text = if self.is_error {
            text.color(ui.visuals().error_fg_color)
        } else {
            text
        };
        ui.add(egui::Label::new(text).truncate());
    }
}
