//! File dialogs and writes that never leave a half-written file behind.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use super::FileAction;

/// A dialog that answers faster than this did not open: no desktop portal is running.
const NO_PORTAL_ANSWER: Duration = Duration::from_millis(300);

/// What the native file dialog gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose a file.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown (rfd answers "no file" at once without a portal).
    NoDialog,
}

/// Shows the native dialog for `action`, starting in the folder of `near` when given.
pub fn pick(action: FileAction, near: Option<&Path>) -> Picked {
    let mut dialog = rfd::FileDialog::new()
        .set_title(action.title())
        .add_filter(action.title(), action.extensions());
    if let Some(dir) = near.and_then(Path::parent).filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    let start = Instant::now();
    let chosen = match action {
        FileAction::Open | FileAction::ImportCsv => dialog.pick_file(),
        _ => dialog.set_file_name(action.default_name()).save_file(),
    };
    match chosen {
        Some(path) => Picked::Path(path),
        None if start.elapsed() < NO_PORTAL_ANSWER => Picked::NoDialog,
        None => Picked::Cancelled,
    }
}

/// Writes `bytes` atomically (temporary sibling, sync, rename): readers see the old file or the
/// whole new one, never half of it.
pub use crate::weights::write_atomic as write_atomically;

/// Saves a weights file (atomically, as every weights save is). The error names the file.
pub fn save_weights(path: &Path, file: &crate::weights::WeightsFile) -> Result<(), String> {
    crate::weights::save(path, file).map_err(|e| e.to_string())
}

/// Encodes 8-bit RGBA pixels as a PNG.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_the_signature() {
        let bytes = encode_png(2, 1, &[255; 8]).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
    }
}
