//! safetensors export: the network's numbers named as a PyTorch `nn.Sequential` state_dict
//! names them, so `model.load_state_dict(load_file(path))` fills the matching Sequential.
//!
//! Layer `k` (from 0) is module `2k` of the Sequential, a `Linear`, and its activation is
//! module `2k + 1` (parameter-free: `Sigmoid`, `Tanh`, `ReLU`, `LeakyReLU(0.01)`, `Identity`;
//! the head last, `Sigmoid` or `Softmax(dim=1)`). So the tensors are `0.weight` (`W1`
//! transposed: `[outputs, inputs]`, as `Linear.weight` is), `0.bias`, `2.weight`, `2.bias`, …,
//! all float64. The metadata holds the experiment as JSON (`experiment`), the epoch, the
//! input features in order (`features`) and the Sequential itself as Python (`sequential`).

use std::collections::HashMap;

use safetensors::tensor::{Dtype, TensorView};

use super::WeightsFile;
use crate::nn::{Activation, LEAKY_SLOPE, LayerFunction, OutputHead};

/// The PyTorch module, as Python source, applying `function`.
fn module(function: LayerFunction) -> String {
    match function {
        LayerFunction::Hidden(Activation::Sigmoid) | LayerFunction::Head(OutputHead::Sigmoid) => {
            "nn.Sigmoid()".to_owned()
        }
        LayerFunction::Hidden(Activation::Tanh) => "nn.Tanh()".to_owned(),
        LayerFunction::Hidden(Activation::Relu) => "nn.ReLU()".to_owned(),
        LayerFunction::Hidden(Activation::LeakyRelu) => format!("nn.LeakyReLU({LEAKY_SLOPE})"),
        LayerFunction::Hidden(Activation::Linear) => "nn.Identity()".to_owned(),
        LayerFunction::Head(OutputHead::Softmax) => "nn.Softmax(dim=1)".to_owned(),
    }
}

/// The `nn.Sequential` the tensors fill, as Python source (float64: call `.double()` on it).
pub fn sequential(file: &WeightsFile) -> String {
    let network = &file.network;
    let modules: Vec<String> = network
        .layers()
        .iter()
        .zip(network.functions())
        .flat_map(|(layer, function)| {
            [
                format!("nn.Linear({}, {})", layer.inputs(), layer.outputs()),
                module(function),
            ]
        })
        .collect();
    format!("nn.Sequential({})", modules.join(", "))
}

/// A short PyTorch loader for the file at `path`, to print beside the export.
pub fn loader(file: &WeightsFile, path: &str) -> String {
    let features = file.experiment.data.features.names().join(", ");
    format!(
        "import torch\n\
         from torch import nn\n\
         from safetensors.torch import load_file\n\
         \n\
         model = {}.double()\n\
         model.load_state_dict(load_file({path:?}))\n\
         # inputs, one row per point: {features}\n\
         print(model(torch.tensor([[0.0, 1.0]], dtype=torch.float64)))\n",
        sequential(file)
    )
}

/// Encodes `file` as safetensors; `experiment_json` goes into the metadata.
pub(super) fn encode(file: &WeightsFile, experiment_json: String) -> Result<Vec<u8>, String> {
    let network = &file.network;
    let mut bytes: Vec<(String, Vec<usize>, Vec<u8>)> = Vec::new();
    for (k, layer) in network.layers().iter().enumerate() {
        let (inputs, outputs) = (layer.inputs(), layer.outputs());
        // `weight_slice` is neuron-major, `[j * inputs + i]` = W[i][j]: Wᵀ row-major.
        bytes.push((
            format!("{}.weight", 2 * k),
            vec![outputs, inputs],
            little_endian(layer.weight_slice()),
        ));
        bytes.push((
            format!("{}.bias", 2 * k),
            vec![outputs],
            little_endian(layer.bias_slice()),
        ));
    }
    let mut views = Vec::with_capacity(bytes.len());
    for (name, shape, data) in &bytes {
        let view = TensorView::new(Dtype::F64, shape.clone(), data).map_err(|e| e.to_string())?;
        views.push((name.clone(), view));
    }
    let metadata = HashMap::from([
        ("format".to_owned(), "nn-playground".to_owned()),
        ("experiment".to_owned(), experiment_json),
        ("epoch".to_owned(), file.epoch.to_string()),
        (
            "features".to_owned(),
            file.experiment.data.features.names().join(","),
        ),
        ("sequential".to_owned(), sequential(file)),
    ]);
    safetensors::tensor::serialize(views, Some(metadata)).map_err(|e| e.to_string())
}

/// `values` as little-endian float64 bytes, safetensors' layout.
fn little_endian(values: &[f64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}
