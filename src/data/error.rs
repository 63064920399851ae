//! Errors of dataset generation and import.

use std::path::PathBuf;

use thiserror::Error;

/// Why a dataset could not be made or read.
#[derive(Debug, Error)]
pub enum DataError {
    /// A CSV file could not be read at all.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A CSV file is larger than [`super::MAX_CSV_BYTES`].
    #[error("{path}: the file is {size} bytes; CSV imports are limited to {max} bytes")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// A line of a CSV file is malformed.
    #[error("{path}:{line}: {reason}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A CSV file holds no data rows.
    #[error("{path}: no data rows (expected lines of x1,x2,label)")]
    NoRows {
        /// The file.
        path: PathBuf,
    },
    /// A multiclass CSV file skips a class: its labels must run from 0 to the largest.
    #[error(
        "{path}: no point has label {missing}, but labels go up to {largest}; \
         classes must be numbered from 0 without gaps"
    )]
    MissingClass {
        /// The file.
        path: PathBuf,
        /// The first class no point has.
        missing: usize,
        /// The largest label.
        largest: usize,
    },
    /// A generator parameter is out of range.
    #[error("{name} must be {expected}, got {found}")]
    BadParameter {
        /// The parameter.
        name: &'static str,
        /// Its allowed range, in words.
        expected: &'static str,
        /// The value given.
        found: String,
    },
    /// A hand-made dataset has no points left.
    #[error("there are no points: click on the boundary to add some")]
    NoPoints,
}
