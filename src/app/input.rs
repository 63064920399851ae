//! The keyboard, pasted text and dropped files, turned into commands. Which key does what is the bindings
//! table's business; this file only reads the input.

use super::{App, Command, FileAction, actions::is_csv, bindings::commands_from_keys};

impl App {
    /// Reads the bound keys, pasted experiment lines and dropped files of this frame into
    /// commands.
    pub(super) fn read_input(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        // A modal dialog owns the keyboard: no shortcut acts on the window beneath it.
        let modal = self.prompt.is_some() || self.line_prompt.is_some();
        ctx.input_mut(|i| {
            if !modal {
                self.commands.extend(commands_from_keys(i, typing));
            }
            // Ctrl+V on the window (not in a field) pastes an experiment line.
            if !modal && !typing {
                for event in &i.events {
                    if let egui::Event::Paste(text) = event {
                        self.commands.push(Command::PasteLine(text.clone()));
                    }
                }
            }
            for file in i.raw.dropped_files.drain(..) {
                let path = file.path();
                if !path.as_os_str().is_empty() {
                    let action = if is_csv(path) {
                        FileAction::ImportCsv
                    } else {
                        FileAction::Open
                    };
                    self.commands.push(Command::Run(action, path.to_owned()));
                }
            }
        });
    }
}
