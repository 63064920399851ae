//! Turns layers read from a file into a checked [`WeightsFile`], and checks a file before it is
//! saved. Both formats share these rules, so they reject the same faults with the same words.

use ndarray::{Array1, Array2, ArrayBase, Data, Dimension, IntoDimension as _};

use super::{Fault, MAX_EPOCH, MAX_PARAMETERS, WeightsFile};
use crate::{
    experiment::Experiment,
    nn::{Activation, Layer, LayerFunction, MAX_HIDDEN_LAYERS, Network, NetworkError, OutputHead},
};

/// One layer as a file holds it, not yet checked.
#[derive(Clone, Debug)]
pub(crate) struct RawLayer {
    /// `inputs × outputs`, the tutorial's orientation.
    pub weights: Array2<f64>,
    /// One per output.
    pub bias: Array1<f64>,
    /// What the layer applies after its affine map, as the file names it.
    pub activation: LayerFunction,
}

/// A weights file's content, not yet checked.
#[derive(Clone, Debug)]
pub(crate) struct RawFile {
    /// The stored experiment.
    pub experiment: Experiment,
    /// Epochs trained.
    pub epoch: u64,
    /// The layers, input side first.
    pub layers: Vec<RawLayer>,
}

/// A shape as NumPy prints it: `(2, 4)`.
pub(crate) fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Rejects layer lists that are too long or hold too many numbers, before any other work.
pub(crate) fn check_counts(layers: usize, parameters: u64) -> Result<(), Fault> {
    if layers > MAX_HIDDEN_LAYERS + 1 {
        return Err(Fault::Network(NetworkError::TooManyLayers {
            found: layers.saturating_sub(1),
            max: MAX_HIDDEN_LAYERS,
        }));
    }
    if parameters > MAX_PARAMETERS as u64 {
        return Err(Fault::TooManyParameters {
            found: parameters,
            max: MAX_PARAMETERS,
        });
    }
    Ok(())
}

/// The first NaN or infinity in `array`, named as `name[i, j]`.
fn check_finite<S, D>(name: &str, array: &ArrayBase<S, D>) -> Result<(), Fault>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    match array.indexed_iter().find(|(_, v)| !v.is_finite()) {
        None => Ok(()),
        Some((index, &value)) => {
            let parts: Vec<String> = index
                .into_dimension()
                .slice()
                .iter()
                .map(usize::to_string)
                .collect();
            Err(Fault::NonFinite {
                array: name.to_owned(),
                index: format!("[{}]", parts.join(", ")),
                value,
            })
        }
    }
}

/// Checks the layers' shapes and numbers and builds the network.
fn network_from(layers: Vec<RawLayer>) -> Result<Network, Fault> {
    let parameters = layers
        .iter()
        .map(|l| (l.weights.len() + l.bias.len()) as u64)
        .sum();
    check_counts(layers.len(), parameters)?;
    let mut previous: Option<usize> = None;
    for (i, layer) in layers.iter().enumerate() {
        let k = i + 1;
        let (rows, cols) = layer.weights.dim();
        if let Some(expected) = previous
            && rows != expected
        {
            return Err(Fault::BadShape {
                array: format!("W{k}"),
                expected: shape_text(&[expected, cols]),
                found: shape_text(&[rows, cols]),
            });
        }
        if layer.bias.len() != cols {
            return Err(Fault::BadShape {
                array: format!("b{k}"),
                expected: shape_text(&[1, cols]),
                found: shape_text(&[1, layer.bias.len()]),
            });
        }
        check_finite(&format!("W{k}"), &layer.weights)?;
        check_finite(&format!("b{k}"), &layer.bias)?;
        previous = Some(cols);
    }
    // The head named on the last layer is the network's; a hidden activation there is refused
    // with its name. (A single layer is a network without hidden layers.)
    let head = match &layers[..] {
        [.., last] => match last.activation {
            LayerFunction::Head(head) => head,
            LayerFunction::Hidden(activation) => {
                return Err(Fault::Network(NetworkError::BadOutput {
                    found: last.weights.ncols(),
                    activation: activation.name(),
                }));
            }
        },
        _ => OutputHead::Sigmoid,
    };
    let mut built = Vec::with_capacity(layers.len());
    for (i, layer) in layers.into_iter().enumerate() {
        let activation = match layer.activation {
            LayerFunction::Hidden(activation) => activation,
            LayerFunction::Head(_) => Activation::Linear,
        };
        // The bias length was checked above, so `Layer::new` does not refuse; if it ever did,
        // the fault is still reported rather than panicking.
        let (cols, found) = (layer.weights.ncols(), layer.bias.len());
        let made =
            Layer::new(layer.weights, layer.bias, activation).ok_or_else(|| Fault::BadShape {
                array: format!("b{}", i + 1),
                expected: shape_text(&[1, cols]),
                found: shape_text(&[1, found]),
            })?;
        built.push(made);
    }
    Ok(Network::from_layers(built, head)?)
}

/// Checks what the layers must share with the experiment: input width, hidden widths and
/// activation, class count, and the experiment's own parameters.
fn check_against(network: &Network, experiment: &Experiment, epoch: u64) -> Result<(), Fault> {
    if epoch > MAX_EPOCH {
        return Err(Fault::Invalid {
            reason: format!("epoch {epoch} is over the limit of {MAX_EPOCH}"),
        });
    }
    // Every dataset is two-dimensional (x1, x2); the features say which of those and of
    // their functions the network takes.
    let features = experiment.data.features.count();
    if network.inputs() != features {
        return Err(Fault::InputWidth {
            found: network.inputs(),
            expected: features,
            dataset: experiment.data.kind.name(),
        });
    }
    experiment.check()?;
    let hidden = network.hidden_sizes();
    if hidden != experiment.network.hidden {
        return Err(Fault::Mismatch {
            reason: format!(
                "hidden widths {hidden:?} in the layers, {:?} in the experiment",
                experiment.network.hidden
            ),
        });
    }
    if network.classes() != experiment.network.classes {
        return Err(Fault::Mismatch {
            reason: format!(
                "the output layer tells {} classes apart, the experiment {}",
                network.classes(),
                experiment.network.classes
            ),
        });
    }
    let layers = network.layers();
    for (i, layer) in layers[..layers.len() - 1].iter().enumerate() {
        let expected = experiment.network.activation(i);
        if layer.activation() != expected {
            return Err(Fault::Mismatch {
                reason: format!(
                    "layer {} is {} but the experiment says {}",
                    i + 1,
                    layer.activation().name(),
                    expected.name()
                ),
            });
        }
    }
    Ok(())
}

/// Checks everything a file must satisfy and returns it as a [`WeightsFile`].
pub(crate) fn weights_file_from(raw: RawFile) -> Result<WeightsFile, Fault> {
    let network = network_from(raw.layers)?;
    check_against(&network, &raw.experiment, raw.epoch)?;
    Ok(WeightsFile {
        experiment: raw.experiment,
        network,
        epoch: raw.epoch,
    })
}

/// Checks that `file` would load again, before anything is written.
pub(crate) fn check_saveable(file: &WeightsFile) -> Result<(), Fault> {
    let layers = file
        .network
        .layers()
        .iter()
        .zip(file.network.functions())
        .map(|(l, activation)| RawLayer {
            weights: l.weights().to_owned(),
            bias: l.bias().to_owned(),
            activation,
        })
        .collect();
    let network = network_from(layers)?;
    check_against(&network, &file.experiment, file.epoch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tutorial() -> RawFile {
        RawFile {
            experiment: Experiment::default(),
            epoch: 3,
            layers: vec![
                RawLayer {
                    weights: Array2::from_elem((2, 4), 0.5),
                    bias: Array1::zeros(4),
                    activation: LayerFunction::Hidden(Activation::Sigmoid),
                },
                RawLayer {
                    weights: Array2::from_elem((4, 1), -0.5),
                    bias: Array1::zeros(1),
                    activation: LayerFunction::Head(OutputHead::Sigmoid),
                },
            ],
        }
    }

    fn fault(raw: RawFile) -> String {
        weights_file_from(raw).unwrap_err().to_string()
    }

    #[test]
    fn the_tutorial_network_passes() {
        let file = weights_file_from(tutorial()).unwrap();
        assert_eq!(file.network.parameter_count(), 17);
        check_saveable(&file).unwrap();
    }

    #[test]
    fn shapes_that_do_not_chain_name_the_array() {
        let mut raw = tutorial();
        raw.layers[1].weights = Array2::zeros((3, 1));
        assert_eq!(fault(raw), "W2 has shape (3, 1); expected (4, 1)");
    }

    #[test]
    fn a_short_bias_is_named() {
        let mut raw = tutorial();
        raw.layers[0].bias = Array1::zeros(3);
        assert_eq!(fault(raw), "b1 has shape (1, 3); expected (1, 4)");
    }

    #[test]
    fn non_finite_numbers_are_located() {
        let mut raw = tutorial();
        raw.layers[0].weights[[1, 2]] = f64::NAN;
        assert_eq!(fault(raw), "W1[1, 2] is NaN; weights must be finite");
        let mut raw = tutorial();
        raw.layers[1].bias[0] = f64::NEG_INFINITY;
        assert_eq!(fault(raw), "b2[0] is -inf; weights must be finite");
    }

    #[test]
    fn input_width_must_match_the_dataset() {
        let mut raw = tutorial();
        raw.layers[0].weights = Array2::zeros((3, 4));
        assert_eq!(
            fault(raw),
            "the network takes 3 inputs but the xor dataset has 2 features"
        );
    }

    #[test]
    fn hidden_layers_must_match_the_experiment() {
        let mut raw = tutorial();
        raw.experiment.network.hidden = vec![5];
        assert_eq!(
            fault(raw),
            "the layers do not match the experiment: hidden widths [4] in the layers, [5] in the experiment"
        );
        let mut raw = tutorial();
        raw.layers[0].activation = LayerFunction::Hidden(Activation::Tanh);
        assert_eq!(
            fault(raw),
            "the layers do not match the experiment: layer 1 is tanh but the experiment says sigmoid"
        );
    }

    #[test]
    fn a_softmax_output_must_match_the_experiments_classes() {
        let mut raw = tutorial();
        raw.layers[1] = RawLayer {
            weights: Array2::from_elem((4, 3), 0.1),
            bias: Array1::zeros(3),
            activation: LayerFunction::Head(OutputHead::Softmax),
        };
        assert_eq!(
            fault(raw.clone()),
            "the layers do not match the experiment: the output layer tells 3 classes apart, the experiment 2"
        );
        raw.experiment.network.classes = 3;
        raw.experiment.training.loss = crate::nn::Loss::CrossEntropy;
        let file = weights_file_from(raw).unwrap();
        assert_eq!(file.network.classes(), 3);
        check_saveable(&file).unwrap();
    }

    #[test]
    fn too_many_parameters_are_refused_before_building() {
        assert_eq!(
            check_counts(2, 10_000_001).unwrap_err().to_string(),
            "at least 10000001 parameters; the limit is 10000000"
        );
        assert!(check_counts(2, 10_000_000).is_ok());
    }
}
