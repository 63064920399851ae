//! The bounds a weights file must stay within, and a bounded file read.
//!
//! A weights file is user data from anywhere: every size is checked before memory is spent
//! on it, so a hostile file costs at most these amounts.

use std::{fs::File, io::Read as _, path::Path};

use super::WeightsError;

/// The largest weights file read, in bytes (64 MiB), checked before reading it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most trainable numbers (weights and biases) a file may hold.
pub const MAX_PARAMETERS: usize = 10_000_000;

/// The largest `config` text inside an `.npz` archive, in bytes (1 MiB).
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// The largest `.npy` header accepted, in bytes. NumPy writes about 128.
pub const MAX_NPY_HEADER_BYTES: usize = 64 * 1024;

/// Reads `path` whole, refusing a file over [`MAX_FILE_BYTES`] before reading it.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, WeightsError> {
    let io = |source| WeightsError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(WeightsError::NotAFile {
            path: path.to_owned(),
        });
    }
    let too_large = |size| WeightsError::TooLarge {
        path: path.to_owned(),
        size,
        max: MAX_FILE_BYTES,
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    // `take` bounds the read even if the file grows after the size check (or is a pipe).
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
