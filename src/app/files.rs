//! File dialogs and writes that never leave a half-written file behind.

use std::{
    io::{self, Write as _},
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

/// A sibling of `path` to write first; it keeps the extension, which may choose the format.
fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".partial-{}-{name}", std::process::id()))
}

/// Writes `bytes` to a temporary sibling of `path`, then renames it over `path`: readers see
/// the old file or the whole new one, never half of it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_sibling(path);
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Saves a weights file through a temporary sibling and a rename. The error names the file.
pub fn save_weights(path: &Path, file: &crate::weights::WeightsFile) -> Result<(), String> {
    let temp = temp_sibling(path);
    if let Err(e) = crate::weights::save(&temp, file) {
        let _ = std::fs::remove_file(&temp);
        return Err(e
            .to_string()
            .replace(&temp.display().to_string(), &path.display().to_string()));
    }
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("{}: {e}", path.display())
    })
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
    fn atomic_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.csv");
        assert!(write_atomically(&path, b"x").is_err());
        assert!(!path.exists());
    }

    #[test]
    fn png_has_the_signature() {
        let bytes = encode_png(2, 1, &[255; 8]).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
    }
}
