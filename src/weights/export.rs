//! Exports: a trained network in the formats other tools read. Each is written atomically,
//! like a weights file, and refused with a one-line [`ExportError`] before anything is written.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{WeightsFile, atomic::write_atomic, onnx, python_script, safetensors, validate};

/// A format a network can be exported to.
///
/// ```
/// use nn_playground::weights::ExportFormat;
/// assert_eq!(ExportFormat::from_name("onnx"), Some(ExportFormat::Onnx));
/// assert_eq!(ExportFormat::Onnx.extension(), "onnx");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// An ONNX model of the forward pass, input features included, in float64.
    Onnx,
    /// The weights as a PyTorch `nn.Sequential` state_dict names them, in safetensors.
    Safetensors,
    /// A NumPy script that reruns the run and checks it ends at the same weights.
    Python,
}

crate::nn::names::name_table!(ExportFormat {
    Onnx => "onnx",
    Safetensors => "safetensors",
    Python => "python",
});

impl ExportFormat {
    /// The file-name extension the format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Onnx => "onnx",
            Self::Safetensors => "safetensors",
            Self::Python => "py",
        }
    }

    /// What the file holds, for messages: `an ONNX model`.
    pub fn what(self) -> &'static str {
        match self {
            Self::Onnx => "an ONNX model",
            Self::Safetensors => "safetensors weights",
            Self::Python => "a Python script rerunning the run",
        }
    }
}

/// Why an export failed; nothing was written at the path.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The network or its experiment cannot be exported as it is.
    #[error("{}: cannot export: {reason}", path.display())]
    Content {
        /// The file asked for.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The file could not be written; any earlier file at the path is intact.
    #[error("{}: cannot save: {source}", path.display())]
    Save {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// The bytes of `file` exported as `format`, or why not.
pub fn export_bytes(file: &WeightsFile, format: ExportFormat) -> Result<Vec<u8>, String> {
    validate::check_saveable(file).map_err(|fault| fault.to_string())?;
    let experiment_json = serde_json::to_string(&file.experiment).map_err(|e| e.to_string())?;
    match format {
        ExportFormat::Onnx => Ok(onnx::encode(file, experiment_json)),
        ExportFormat::Safetensors => safetensors::encode(file, experiment_json),
        ExportFormat::Python => python_script::encode(file),
    }
}

/// Exports `file` as `format` to `path`, atomically: on any error nothing at `path` changes.
pub fn export(path: &Path, file: &WeightsFile, format: ExportFormat) -> Result<(), ExportError> {
    let bytes = export_bytes(file, format).map_err(|reason| ExportError::Content {
        path: path.to_owned(),
        reason,
    })?;
    write_atomic(path, &bytes).map_err(|source| ExportError::Save {
        path: path.to_owned(),
        source,
    })
}
