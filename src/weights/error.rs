//! Why a weights file could not be read or written.

use std::path::PathBuf;

use thiserror::Error;

use crate::{experiment::ExperimentError, nn::NetworkError};

/// Why a weights file could not be read or written.
///
/// Every message is one line that starts with the file's path and says what is wrong with it;
/// text taken from the file is quoted and escaped so it cannot break the line.
#[derive(Debug, Error)]
pub enum WeightsError {
    /// The OS refused to read the file.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The path names a directory, not a file.
    #[error("{}: is a directory, not a weights file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The path names a FIFO, a device or a socket: refused before reading, so it never blocks.
    #[error("{}: is a {kind}, not a regular file", path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is: "FIFO", "character device", …
        kind: &'static str,
    },
    /// The file could not be written; any earlier file at the path is intact.
    #[error("{}: cannot save: {source}", path.display())]
    Save {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file is larger than [`super::MAX_FILE_BYTES`].
    #[error("{}: the file is {size} bytes; weights files are limited to {max} bytes", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size (or the bytes read before giving up).
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The file's content is not a valid weights file.
    #[error("{}: {fault}", path.display())]
    Content {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        fault: Fault,
    },
    /// The network cannot be saved as it is (nothing was written; an earlier file is intact).
    #[error("{}: cannot save: {fault}", path.display())]
    Unsaveable {
        /// The file.
        path: PathBuf,
        /// What is wrong with the network or its experiment.
        fault: Fault,
    },
}

impl WeightsError {
    /// The content fault, if the file was read but rejected.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Self::Content { fault, .. } | Self::Unsaveable { fault, .. } => Some(fault),
            _ => None,
        }
    }
}

/// What is wrong with the content of a weights file (or with a network about to be saved).
#[derive(Debug, Error)]
pub enum Fault {
    /// Neither JSON nor an `.npz` archive, or JSON with a syntax error.
    #[error("not a weights file: {reason}")]
    NotWeights {
        /// What the parser said.
        reason: String,
    },
    /// The format tag is not [`super::FORMAT_TAG`].
    #[error("unknown format tag {found}; expected \"{expected}\"")]
    UnknownFormat {
        /// The tag found, as JSON text.
        found: String,
        /// The tag this program writes.
        expected: &'static str,
    },
    /// The format version is newer than this program reads.
    #[error(
        "format version {found} is newer than this program reads (version {supported}); update nn-playground"
    )]
    NewerVersion {
        /// The version found.
        found: u64,
        /// The newest version this program reads.
        supported: u64,
    },
    /// A required field is absent.
    #[error("missing field \"{field}\"")]
    MissingField {
        /// Where the field belongs, e.g. `layers[0].bias`.
        field: String,
    },
    /// A field holds a value of the wrong kind.
    #[error("invalid content: {reason}")]
    Invalid {
        /// What the parser said.
        reason: String,
    },
    /// A layer names an activation this program does not know.
    #[error(
        "layer {layer} has unknown activation {found} (expected sigmoid, tanh, relu, leaky_relu or linear)"
    )]
    UnknownActivation {
        /// 1-based layer index.
        layer: usize,
        /// The name found, quoted.
        found: String,
    },
    /// An array has the wrong shape.
    #[error("{array} has shape {found}; expected {expected}")]
    BadShape {
        /// The array, as the tutorial names it (`W1`, `b1`, …).
        array: String,
        /// The shape it should have.
        expected: String,
        /// The shape it has.
        found: String,
    },
    /// A weight or bias is NaN or infinite.
    #[error("{array}{index} is {value}; weights must be finite")]
    NonFinite {
        /// The array (`W1`, `b1`, …).
        array: String,
        /// Where in it, e.g. `[0, 3]`.
        index: String,
        /// The value.
        value: f64,
    },
    /// A JSON number too large for an `f64`.
    #[error("a number at line {line} column {column} is out of range; weights must be finite")]
    NumberOutOfRange {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// `NaN` or `Infinity` in JSON, which has no such numbers.
    #[error("{literal} at line {line} column {column}; weights must be finite")]
    NonFiniteLiteral {
        /// The literal found.
        literal: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The network's input width differs from the dataset's feature count.
    #[error("the network takes {found} inputs but the {dataset} dataset has {expected} features")]
    InputWidth {
        /// Inputs of the first layer.
        found: usize,
        /// Features of the dataset.
        expected: usize,
        /// The dataset's name.
        dataset: String,
    },
    /// More trainable numbers than [`super::MAX_PARAMETERS`].
    #[error("at least {found} parameters; the limit is {max}")]
    TooManyParameters {
        /// Parameters counted before giving up.
        found: u64,
        /// The limit.
        max: usize,
    },
    /// An `.npy` header declares more elements than the limit allows.
    #[error("array {member} declares {elements} elements; the limit is {max}")]
    ArrayTooLarge {
        /// The archive member.
        member: String,
        /// Elements its header declares.
        elements: u128,
        /// Elements still allowed when it was read.
        max: usize,
    },
    /// A compressed archive member inflates past its declared size.
    #[error("archive member {member} inflates past {max} bytes")]
    Inflates {
        /// The archive member.
        member: String,
        /// The most bytes it may hold.
        max: u64,
    },
    /// An `.npz` archive is damaged or holds the wrong arrays.
    #[error("bad .npz archive: {reason}")]
    Npz {
        /// What is wrong.
        reason: String,
    },
    /// The layers do not make a valid network.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// The stored experiment is invalid.
    #[error("invalid experiment: {0}")]
    Experiment(#[from] ExperimentError),
    /// The layers disagree with the stored experiment's network configuration.
    #[error("the layers do not match the experiment: {reason}")]
    Mismatch {
        /// What differs.
        reason: String,
    },
}
