//! Errors of dataset generation and import.

use std::path::PathBuf;

use thiserror::Error;

use super::SourceError;

/// Why a dataset could not be made or read.
#[derive(Debug, Error)]
pub enum DataError {
    /// A CSV file could not be read at all: missing, not a regular file, or larger than
    /// [`super::MAX_CSV_BYTES`].
    #[error("{}: {source}", path.display())]
    Source {
        /// The file.
        path: PathBuf,
        /// Why.
        source: SourceError,
    },
    /// A CSV file is not UTF-8 text.
    #[error("{}:{line}: not UTF-8 text", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
    },
    /// A line of a CSV file is malformed.
    #[error("{}:{line}: {reason}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A CSV file holds no data rows.
    #[error("{}: no data rows (expected lines of x1,x2,label)", path.display())]
    NoRows {
        /// The file.
        path: PathBuf,
    },
    /// A multiclass CSV file skips a class: its labels must run from 0 to the largest.
    #[error(
        "{}: no point has label {missing}, but labels go up to {largest}; \
         classes must be numbered from 0 without gaps",
        path.display()
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
    /// Every input feature is off.
    #[error(transparent)]
    NoFeatures(#[from] super::features::NoFeatures),
    /// A hand-made dataset has no points left.
    #[error("there are no points: click on the boundary to add some")]
    NoPoints,
}
