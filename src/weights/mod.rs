//! Weights files: a trained network together with the experiment that made it.
//!
//! (Provisional JSON format; the versioned JSON and `.npz` formats replace it.)

use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{
    experiment::Experiment,
    nn::{Activation, Layer, Network, NetworkError},
};

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

/// Why a weights file could not be read or written.
#[derive(Debug, Error)]
pub enum WeightsError {
    /// The OS refused.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Not a weights file.
    #[error("{path}: not a weights file: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The layers do not make a network.
    #[error("{path}: {source}")]
    Network {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: NetworkError,
    },
}

#[derive(Serialize, Deserialize)]
struct LayerDto {
    weights: Vec<Vec<f64>>,
    bias: Vec<f64>,
    activation: Activation,
}

#[derive(Serialize, Deserialize)]
struct FileDto {
    experiment: Experiment,
    epoch: u64,
    layers: Vec<LayerDto>,
}

/// Writes `file` to `path`.
pub fn save(path: &Path, file: &WeightsFile) -> Result<(), WeightsError> {
    let dto = FileDto {
        experiment: file.experiment.clone(),
        epoch: file.epoch,
        layers: file
            .network
            .layers()
            .iter()
            .map(|l| LayerDto {
                weights: l.weights().rows().into_iter().map(|r| r.to_vec()).collect(),
                bias: l.bias().to_vec(),
                activation: l.activation(),
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&dto).map_err(|e| WeightsError::Format {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    std::fs::write(path, text).map_err(|source| WeightsError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Reads a weights file from `path`.
pub fn load(path: &Path) -> Result<WeightsFile, WeightsError> {
    let text = std::fs::read_to_string(path).map_err(|source| WeightsError::Io {
        path: path.to_owned(),
        source,
    })?;
    let format = |reason: String| WeightsError::Format {
        path: path.to_owned(),
        reason,
    };
    let dto: FileDto = serde_json::from_str(&text).map_err(|e| format(e.to_string()))?;
    let mut layers = Vec::new();
    for l in dto.layers {
        let rows = l.weights.len();
        let cols = l.weights.first().map_or(0, Vec::len);
        let flat: Vec<f64> = l.weights.into_iter().flatten().collect();
        let weights = Array2::from_shape_vec((rows, cols), flat)
            .map_err(|_| format("ragged weight matrix".into()))?;
        let layer = Layer::new(weights, Array1::from(l.bias), l.activation)
            .ok_or_else(|| format("bias length differs from the weight columns".into()))?;
        layers.push(layer);
    }
    let network = Network::from_layers(layers).map_err(|source| WeightsError::Network {
        path: path.to_owned(),
        source,
    })?;
    Ok(WeightsFile {
        experiment: dto.experiment,
        network,
        epoch: dto.epoch,
    })
}
