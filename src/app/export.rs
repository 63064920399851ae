//! File → Export ONNX…: the network written for other tools, atomically, through the core's
//! exporters.

use std::path::Path;

use super::{App, ExportFormat, Status};
use crate::weights;

impl App {
    /// Exports the run's network as `format` to `path`, saying in the status line what was
    /// written or why not.
    pub(super) fn export_network(&mut self, format: ExportFormat, path: &Path) {
        let file = self.session.weights_file();
        self.status = match weights::export(path, &file, format) {
            Ok(()) => Status::info(format!(
                "Exported {} of epoch {} to {}.",
                format.what(),
                file.epoch,
                path.display()
            )),
            // The error names the file and says "cannot export" or "cannot save".
            Err(e) => Status::error(e.to_string()),
        };
    }
}
