//! Weights files: a trained network together with the experiment that made it.
//!
//! Two formats, one set of rules:
//!
//! - **JSON** (`.json` and any other extension): a format tag, a version, each layer's
//!   weights in the tutorial's orientation (`W1` is `inputs × hidden`), its biases and
//!   activation, the epoch reached and the whole [`Experiment`]. Numbers are written in their
//!   shortest exact form, so loading reproduces the outputs bit for bit.
//! - **NumPy** (`.npz`): arrays `W1, b1, W2, b2, …` shaped exactly as the tutorial's network
//!   attributes (biases `1 × n`, float64) and `config`, the same metadata as JSON text.
//!
//! `docs/weights-format.md` describes both with examples. Loading is defensive: a file over
//! [`MAX_FILE_BYTES`], more than [`MAX_PARAMETERS`] numbers, shapes that do not chain,
//! non-finite numbers, unknown tags, newer versions and damaged archives are all refused with a
//! one-line [`WeightsError`] that names the file. Saving is atomic: a failed save leaves any
//! earlier file intact.
//!
//! ```
//! use nn_playground::{experiment::Experiment, weights};
//!
//! let mut trainer = Experiment::default().trainer().unwrap();
//! trainer.run(100).unwrap();
//! let file = weights::WeightsFile {
//!     experiment: Experiment::default(),
//!     network: trainer.network().clone(),
//!     epoch: trainer.epoch(),
//! };
//! let dir = tempfile::tempdir().unwrap();
//! for name in ["xor.json", "xor.npz"] {
//!     let path = dir.path().join(name);
//!     weights::save(&path, &file).unwrap();
//!     assert_eq!(weights::load(&path).unwrap(), file);
//! }
//! ```

mod assume;
mod atomic;
mod error;
pub mod experiment_file;
mod export;
mod header;
mod json;
mod limits;
mod npy_header;
mod npz;
pub mod onnx;
mod onnx_proto;
pub mod python_script;
pub mod safetensors;
pub mod settings_file;
mod validate;

use std::path::Path;

pub use assume::Assume;
pub use atomic::write_atomic;
pub use error::{Fault, WeightsError};
pub use export::{ExportError, ExportFormat, export, export_bytes};
pub use header::{FORMAT_TAG, FORMAT_VERSION};
pub use limits::{MAX_CONFIG_BYTES, MAX_FILE_BYTES, MAX_NPY_HEADER_BYTES, MAX_PARAMETERS};
pub use npz::CONFIG_MEMBER;

use crate::{experiment::Experiment, nn::Network};

/// The largest epoch count a file may record: 2⁵³, the largest whole number every JSON reader
/// (and NumPy's float64) holds exactly. Leaves room to train on without overflow.
pub const MAX_EPOCH: u64 = 1 << 53;

/// A network, the experiment that trained it and the epoch it reached.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightsFile {
    /// The full training configuration.
    pub experiment: Experiment,
    /// The trained network.
    pub network: Network,
    /// Epochs trained.
    pub epoch: u64,
}

/// The two ways a weights file is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Versioned JSON, the default.
    Json,
    /// A NumPy `.npz` archive.
    Npz,
}

impl Format {
    /// The format [`save`] writes to `path`: `.npz` (any case) for NumPy, JSON otherwise.
    pub fn for_path(path: &Path) -> Self {
        let is_npz = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("npz"));
        if is_npz { Self::Npz } else { Self::Json }
    }

    /// The format of file content: a zip archive is `.npz`; otherwise the extension decides,
    /// and anything not `.npz` is read as JSON.
    pub fn detect(path: &Path, bytes: &[u8]) -> Self {
        let zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
        if zip { Self::Npz } else { Self::for_path(path) }
    }

    /// A human name: `JSON` or `NumPy .npz`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "JSON",
            Self::Npz => "NumPy .npz",
        }
    }
}

/// Encodes `file` in `format`, after checking it would load again.
pub fn to_bytes(file: &WeightsFile, format: Format) -> Result<Vec<u8>, Fault> {
    validate::check_saveable(file)?;
    match format {
        Format::Json => json::encode(file),
        Format::Npz => npz::encode(file),
    }
}

/// Decodes and checks file content; `path` names the file in errors and its extension helps
/// detect the format. Never panics, whatever the bytes.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<(WeightsFile, Format), WeightsError> {
    from_bytes_assuming(path, bytes, &Assume::default()).map(|l| (l.file, l.format))
}

/// A weights file as read, with what had to be assumed about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The checked file.
    pub file: WeightsFile,
    /// The format it was in.
    pub format: Format,
    /// For an `.npz` of bare arrays, the sentence saying what was assumed; `None` when the
    /// file said everything itself.
    pub assumed: Option<String>,
}

/// Like [`from_bytes`], reading an `.npz` of bare arrays as `assume` says.
pub fn from_bytes_assuming(
    path: &Path,
    bytes: &[u8],
    assume: &Assume,
) -> Result<Loaded, WeightsError> {
    let format = Format::detect(path, bytes);
    let raw = match format {
        Format::Json => json::decode(bytes).map(|raw| (raw, false)),
        Format::Npz => npz::decode(bytes, assume),
    };
    raw.and_then(|(raw, assumed)| Ok((validate::weights_file_from(raw)?, assumed)))
        .map(|(file, assumed)| Loaded {
            file,
            format,
            assumed: assumed.then(|| assume.note()),
        })
        .map_err(|fault| WeightsError::Content {
            path: path.to_owned(),
            fault,
        })
}

/// Decodes and checks JSON weights (the member of an experiment file), whatever `path` is
/// called.
pub(crate) fn from_json_bytes(path: &Path, bytes: &[u8]) -> Result<WeightsFile, WeightsError> {
    json::decode(bytes)
        .and_then(validate::weights_file_from)
        .map_err(|fault| WeightsError::Content {
            path: path.to_owned(),
            fault,
        })
}

/// Writes `file` to `path`: NumPy `.npz` when the extension is `.npz`, JSON otherwise.
///
/// Atomic: the bytes go to a temporary file in the same folder, which is synced and then
/// renamed over `path`. On any error nothing at `path` changes.
pub fn save(path: &Path, file: &WeightsFile) -> Result<(), WeightsError> {
    write_encoded(path, to_bytes(file, Format::for_path(path)))
}

/// Writes already encoded bytes atomically, or reports why they could not be encoded; the
/// errors name `path`.
pub(crate) fn write_encoded(
    path: &Path,
    bytes: Result<Vec<u8>, Fault>,
) -> Result<(), WeightsError> {
    let bytes = bytes.map_err(|fault| WeightsError::Unsaveable {
        path: path.to_owned(),
        fault,
    })?;
    atomic::write_atomic(path, &bytes).map_err(|source| WeightsError::Save {
        path: path.to_owned(),
        source,
    })
}

/// Reads a weights file from `path`, detecting its format by content.
pub fn load(path: &Path) -> Result<WeightsFile, WeightsError> {
    load_with_format(path).map(|(file, _)| file)
}

/// Reads a weights file and says which format it was in.
pub fn load_with_format(path: &Path) -> Result<(WeightsFile, Format), WeightsError> {
    let bytes = limits::read_bounded(path)?;
    from_bytes(path, &bytes)
}

/// Reads a weights file, reading an `.npz` of bare arrays as `assume` says.
pub fn load_assuming(path: &Path, assume: &Assume) -> Result<Loaded, WeightsError> {
    let bytes = limits::read_bounded(path)?;
    from_bytes_assuming(path, &bytes, assume)
}
