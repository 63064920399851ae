//! The window's settings file, read and checked without the window.
//!
//! eframe keeps the settings in one RON file, a map from keys to RON strings (the window's
//! settings under [`SETTINGS_KEY`]). eframe itself reads it with a plain open, which blocks on
//! a FIFO, reads a file of any size and says nothing when it cannot parse it. So the window
//! asks [`check_file`] first whether eframe may read it at all, and restores its settings with
//! [`restore`], which reads the file as every user-named file is read ([`read_regular`]) and
//! reports a damaged, truncated or empty file in one line instead of silently starting from the
//! defaults. The settings struct itself belongs to the window; this module only needs it to
//! deserialise.

use std::{
    collections::HashMap,
    fs::{self, OpenOptions},
    path::{Path, PathBuf},
};

use serde::de::DeserializeOwned;

use super::MAX_FILE_BYTES;
use crate::data::source::{SourceError, open_regular, read_regular, shorten};

/// The key the window's settings are stored under (eframe's `APP_KEY`).
pub const SETTINGS_KEY: &str = "app";

/// The name of eframe's settings file inside its folder.
pub const SETTINGS_FILE_NAME: &str = "app.ron";

/// The deepest nesting parsed: far more than the settings have, few enough for any stack.
const MAX_DEPTH: usize = 64;

/// Whether an open failed because there is no such file (or no such folder): a first launch.
fn is_absent(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
    )
}

/// What restoring the settings found.
#[derive(Debug, PartialEq)]
pub enum Restored<T> {
    /// No settings file, or one without the window's settings: a first launch.
    Missing,
    /// The settings of the last launch.
    Loaded(T),
    /// A settings file that could not be used, and the one-line reason to show.
    Refused(String),
}

/// Why eframe must not read the settings file itself: a FIFO would block it, a device or a
/// huge file would flood it. `None` when the file is absent or a regular file within bounds.
pub fn check_file(path: &Path) -> Option<String> {
    let reason = match open_regular(path) {
        Ok((_, size)) if size > MAX_FILE_BYTES => SourceError::TooLarge {
            size,
            max: MAX_FILE_BYTES,
        },
        Ok(_) => return None,
        Err(SourceError::Io(e)) if is_absent(&e) => return None,
        Err(e) => e,
    };
    Some(format!("settings file {}: {reason}", path.display()))
}

/// The file's bytes, `None` when it does not exist, or the message saying why it cannot be
/// read.
fn read_regular_or_missing(path: &Path) -> Result<Option<Vec<u8>>, String> {
    match read_regular(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(SourceError::Io(e)) if is_absent(&e) => Ok(None),
        Err(e) => Err(format!("settings file {}: {e}", path.display())),
    }
}

/// Reads the settings stored under [`SETTINGS_KEY`] in the settings file at `path`.
pub fn restore<T: DeserializeOwned>(path: &Path) -> Restored<T> {
    match read_regular_or_missing(path) {
        Ok(None) => Restored::Missing,
        Ok(Some(bytes)) => settings_from_bytes(&bytes).unwrap_or_else(|reason| {
            Restored::Refused(format!("settings file {}: {reason}", path.display()))
        }),
        Err(message) => Restored::Refused(message),
    }
}

/// The settings in the bytes of a settings file, or why they cannot be used. Never panics,
/// whatever the bytes.
pub fn settings_from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<Restored<T>, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("is empty".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_owned())?;
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH);
    let map: HashMap<String, String> = options
        .from_str(text)
        .map_err(|e| format!("is damaged ({})", shorten(&e.to_string()).escape_debug()))?;
    let Some(stored) = map.get(SETTINGS_KEY) else {
        return Ok(Restored::Missing);
    };
    settings_from_value(stored)
        .map(Restored::Loaded)
        .map_err(|detail| format!("holds settings that do not parse ({detail})"))
}

/// The settings in the RON text stored under [`SETTINGS_KEY`], or what the parser said
/// (shortened, on one line) when they do not parse.
pub fn settings_from_value<T: DeserializeOwned>(stored: &str) -> Result<T, String> {
    ron::Options::default()
        .with_recursion_limit(MAX_DEPTH)
        .from_str(stored)
        .map_err(|e| shorten(&e.to_string()).escape_debug().to_string())
}

/// Whether settings can be written into `folder`: it is created if missing and a probe file
/// is made and removed in it. Returns the one-line reason when they cannot.
pub fn check_writable(folder: &Path) -> Result<(), String> {
    let fail = |e: std::io::Error| {
        format!(
            "Settings cannot be saved in {}: {e}; changes last until the window closes",
            folder.display()
        )
    };
    fs::create_dir_all(folder).map_err(fail)?;
    let probe: PathBuf = folder.join(format!(".write-probe-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(fail)?;
    fs::remove_file(&probe).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Small {
        n: u32,
    }

    fn restored(text: &str) -> Result<Restored<Small>, String> {
        settings_from_bytes(text.as_bytes())
    }

    #[test]
    fn good_missing_and_bad_settings_are_told_apart() {
        assert_eq!(
            restored(r#"{"app": "(n: 3)"}"#),
            Ok(Restored::Loaded(Small { n: 3 }))
        );
        assert_eq!(restored(r#"{"other": "x"}"#), Ok(Restored::Missing));
        assert_eq!(restored("  \n").unwrap_err(), "is empty");
        assert!(
            restored(r#"{"app": "(n: 3)""#)
                .unwrap_err()
                .starts_with("is damaged (")
        );
        assert!(
            restored(r#"{"app": "(n: -3)"}"#)
                .unwrap_err()
                .starts_with("holds settings that do not parse (")
        );
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(restored(&deep).is_err());
    }

    #[test]
    fn a_missing_file_is_a_first_launch_and_a_fifo_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            restore::<Small>(&dir.path().join("app.ron")),
            Restored::Missing
        );
        assert!(check_file(&dir.path().join("app.ron")).is_none());
        assert!(check_file(dir.path()).is_some());
        check_writable(&dir.path().join("new")).unwrap();
    }
}
