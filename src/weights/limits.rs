//! The bounds a weights file must stay within, and a bounded file read.
//!
//! A weights file is user data from anywhere: every size is checked before memory is spent
//! on it, so a hostile file costs at most these amounts.

use std::path::Path;

use super::WeightsError;
use crate::data::{SourceError, source::read_regular};

/// The largest weights file read, in bytes (64 MiB), checked before reading it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most trainable numbers (weights and biases) a file may hold.
pub const MAX_PARAMETERS: usize = 10_000_000;

/// The largest `config` text inside an `.npz` archive, in bytes (1 MiB).
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// The largest `.npy` header accepted, in bytes. NumPy writes about 128.
pub const MAX_NPY_HEADER_BYTES: usize = 64 * 1024;

/// Reads `path` whole: a regular file of at most [`MAX_FILE_BYTES`], refused otherwise (a
/// FIFO or a device without blocking, a file that grows past the limit without cutting it).
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, WeightsError> {
    read_regular(path, MAX_FILE_BYTES).map_err(|e| {
        let path = path.to_owned();
        match e {
            SourceError::Io(source) => WeightsError::Io { path, source },
            SourceError::Directory => WeightsError::NotAFile { path },
            SourceError::NotRegular { kind } => WeightsError::NotRegular { path, kind },
            SourceError::TooLarge { size, max } => WeightsError::TooLarge { path, size, max },
        }
    })
}
