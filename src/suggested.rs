//! Starting points per dataset: a network and training settings known to learn it, offered to
//! the user (never forced), as a teacher would suggest "tanh, cross-entropy and Adam on the
//! spiral".

use crate::{
    data::DatasetKind,
    experiment::Experiment,
    nn::{Activation, Init, Loss, Optimizer},
    train::Schedule,
};

/// A configuration that learns one dataset: what [`Suggestion::apply`] sets, leaving the data
/// itself (points, noise, split, seed) and the input features as they are.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Hidden layer widths.
    pub hidden: Vec<usize>,
    /// Hidden activation.
    pub activation: Activation,
    /// Weight initialisation.
    pub init: Init,
    /// The loss.
    pub loss: Loss,
    /// The update rule.
    pub optimizer: Optimizer,
    /// The learning rate (constant).
    pub learning_rate: f64,
    /// Points per update; `None` is the full batch.
    pub batch_size: Option<usize>,
    /// Epochs to train.
    pub epochs: u64,
}

impl Suggestion {
    /// The suggestion for `kind`: none for the tutorial's four XOR points (the tutorial is
    /// their starting point), a file or painted points.
    pub fn for_dataset(kind: &DatasetKind) -> Option<Self> {
        let tanh_adam = |hidden: &[usize], learning_rate: f64, epochs: u64| Self {
            hidden: hidden.to_vec(),
            activation: Activation::Tanh,
            init: Init::Xavier,
            loss: Loss::CrossEntropy,
            optimizer: Optimizer::Adam,
            learning_rate,
            batch_size: None,
            epochs,
        };
        Some(match kind {
            DatasetKind::Xor | DatasetKind::Csv { .. } | DatasetKind::Points { .. } => {
                return None;
            }
            DatasetKind::Gaussians => tanh_adam(&[2], 0.03, 300),
            DatasetKind::XorClusters => tanh_adam(&[4], 0.03, 500),
            DatasetKind::Circle => tanh_adam(&[6], 0.03, 500),
            DatasetKind::Moons => tanh_adam(&[8], 0.03, 600),
            DatasetKind::Blobs { .. } => tanh_adam(&[8], 0.03, 400),
            DatasetKind::AboveCurve { .. } => tanh_adam(&[8, 8], 0.03, 1000),
            DatasetKind::Checkerboard => tanh_adam(&[16, 16], 0.03, 1500),
            DatasetKind::Spiral => Self {
                batch_size: Some(10),
                ..tanh_adam(&[8, 8], 0.01, 2000)
            },
            DatasetKind::ThreeSpirals => Self {
                batch_size: Some(20),
                ..tanh_adam(&[16, 16], 0.02, 2000)
            },
        })
    }

    /// Sets the network and training of `experiment` to this suggestion (a constant rate,
    /// no dropout, L1 or L2), keeping its data and seed.
    pub fn apply(&self, experiment: &mut Experiment) {
        let (network, training) = (&mut experiment.network, &mut experiment.training);
        network.hidden.clone_from(&self.hidden);
        network.set_activation(self.activation);
        network.init = self.init;
        training.loss = self.loss;
        training.optimizer = self.optimizer;
        training.learning_rate = self.learning_rate;
        training.schedule = Schedule::Constant;
        training.batch_size = self.batch_size;
        training.l2 = 0.0;
        training.l1 = 0.0;
        training.dropout = 0.0;
        experiment.epochs = self.epochs;
    }

    /// Whether `experiment` already follows this suggestion.
    pub fn is_applied(&self, experiment: &Experiment) -> bool {
        let mut applied = experiment.clone();
        self.apply(&mut applied);
        applied == *experiment
    }

    /// The suggestion in one line: `2-8-8 tanh (xavier), cross_entropy, adam lr 0.01, batch
    /// 10, 2000 epochs`.
    pub fn describe(&self) -> String {
        let widths: Vec<String> = self.hidden.iter().map(usize::to_string).collect();
        let batch = self
            .batch_size
            .map_or_else(|| "full batch".to_owned(), |b| format!("batch {b}"));
        format!(
            "hidden {} {} ({}), {}, {} lr {}, {batch}, {} epochs",
            widths.join(","),
            self.activation.name(),
            self.init.name(),
            self.loss.name(),
            self.optimizer.name(),
            self.learning_rate,
            self.epochs
        )
    }
}
