//! What an `.npz` of bare arrays is taken to be.
//!
//! The tutorial's reader trains in NumPy and saves with `np.savez(f, W1=W1, b1=b1, W2=W2,
//! b2=b2)`: weights and biases, nothing saying which activation or data they belong to. Such an
//! archive is read as the tutorial's network: sigmoid layers trained on XOR (with MSE at
//! learning rate 0.5), at epoch 0, unless the caller says otherwise (the command line's
//! `--activation` and `--dataset`). What was assumed is said to the user, never silently.

use super::Fault;
use crate::{
    data::DatasetKind,
    experiment::Experiment,
    nn::{Activation, MAX_CLASSES, OutputHead},
};

/// What to assume for a weights file that does not say; `None` keeps the tutorial's choice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assume {
    /// The hidden layers' activations: one for every layer or one per layer (the
    /// tutorial's: sigmoid).
    pub activations: Option<Vec<Activation>>,
    /// The data the network was trained on (the tutorial's: XOR).
    pub dataset: Option<DatasetKind>,
}

impl Assume {
    /// The sentence telling the user what was assumed for a file without its configuration.
    pub fn note(&self) -> String {
        let activation = self
            .activations
            .as_deref()
            .and_then(Activation::list_name)
            .unwrap_or_else(|| Activation::Sigmoid.name().to_owned());
        let dataset = self
            .dataset
            .as_ref()
            .map_or_else(|| "xor".to_owned(), DatasetKind::name);
        format!(
            "the file holds arrays only (no config): read as the tutorial's network, \
             {activation} hidden layers on the {dataset} data, at epoch 0"
        )
    }
}

/// The experiment and layer activations assumed for bare arrays: layers of `widths` (the
/// last is the output). One output neuron is the tutorial's sigmoid; 3 to
/// [`MAX_CLASSES`] make a softmax trained on cross-entropy.
pub(crate) fn assumed_experiment(
    assume: &Assume,
    widths: &[usize],
) -> Result<(Experiment, Vec<String>), Fault> {
    let (&outputs, hidden) = widths.split_last().ok_or_else(|| Fault::Npz {
        reason: "no arrays (a weights archive holds W1, b1, W2, b2, …)".into(),
    })?;
    let output = match outputs {
        1 => OutputHead::Sigmoid,
        3..=MAX_CLASSES => OutputHead::Softmax,
        _ => {
            return Err(Fault::Npz {
                reason: format!(
                    "W{} has {outputs} outputs; without a config, an output layer has 1 \
                     (two classes) or 3 to {MAX_CLASSES} (one per class)",
                    widths.len()
                ),
            });
        }
    };
    let mut experiment = Experiment::default();
    if let Some(kind) = &assume.dataset {
        experiment.data.kind = kind.clone();
    }
    experiment.network.hidden = hidden.to_vec();
    if let Some(assumed) = &assume.activations {
        experiment.network.set_activations(assumed);
    }
    experiment.network.check().map_err(|e| Fault::Npz {
        reason: e.to_string(),
    })?;
    experiment.network.classes = output.classes(outputs);
    experiment.training.loss = output.fitting(experiment.training.loss);
    let mut activations: Vec<String> = experiment
        .network
        .hidden_activations()
        .iter()
        .map(|a| a.name().to_owned())
        .collect();
    activations.push(output.name().to_owned());
    Ok((experiment, activations))
}
