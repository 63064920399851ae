//! One published state of a run: everything the window draws and saves, copied from the
//! [`Session`](super::session::Session) at one moment, so that it never changes under the
//! reader. The training thread makes one after a chunk of epochs; the window reads the
//! latest while the next chunk trains.

use std::sync::Arc;

use crate::{
    data::{Domain, PointSet, Split, to_csv},
    experiment::Experiment,
    nn::{Activation, Network},
    train::{Evaluation, LossHistory, TrainConfig},
    view::boundary::BoundaryGrid,
    view::explained::{Explained, PhaseStep},
    view::neuron_maps::NeuronMaps,
    weights::{WeightsFile, experiment_file::ExperimentFile},
};

/// Training sets this small get a predictions table (the tutorial's four XOR points).
pub const MAX_TABLE_ROWS: usize = 16;

/// Work per epoch (training points × parameters) above which a run counts as heavy, so a
/// restored run of it waits for the user to press Play. A point-parameter costs about 3 ns
/// of forward and backward pass here (the tutorial's epoch, 4 points × 17, takes 0.2 µs), so
/// this is an epoch of about 1.5 ms.
pub const HEAVY_EPOCH_WORK: usize = 500_000;

/// The network's output for one training point, as the tutorial prints it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// The two inputs.
    pub input: [f64; 2],
    /// The label, 0 or 1.
    pub target: f64,
    /// The network's probability of class 1.
    pub output: f64,
}

/// The trainer as it stood when the snapshot was taken: what the readouts and files need of
/// it, with the same names as [`Trainer`](crate::train::Trainer)'s accessors.
#[derive(Clone, Debug)]
pub struct TrainerState {
    pub(super) network: Network,
    pub(super) config: TrainConfig,
    pub(super) epoch: u64,
    pub(super) history: LossHistory,
    pub(super) train_eval: Evaluation,
    pub(super) test_eval: Option<Evaluation>,
    pub(super) epochs_per_second: f64,
    pub(super) diverged_at: Option<u64>,
    pub(super) data: Arc<Split>,
}

impl TrainerState {
    /// The network's weights.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The hyper-parameters.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Epochs trained.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The loss history.
    pub fn history(&self) -> &LossHistory {
        &self.history
    }

    /// The network on the training set.
    pub fn train_evaluation(&self) -> Evaluation {
        self.train_eval
    }

    /// The network on the test set, when there is one.
    pub fn test_evaluation(&self) -> Option<Evaluation> {
        self.test_eval
    }

    /// Speed of the last chunk of epochs.
    pub fn epochs_per_second(&self) -> f64 {
        self.epochs_per_second
    }

    /// The epoch at which the last chunk diverged, until one succeeds.
    pub fn diverged_at(&self) -> Option<u64> {
        self.diverged_at
    }

    /// The data the trainer holds (see [`Snapshot::data`] for what the view shows).
    pub fn data(&self) -> &Split {
        &self.data
    }
}

/// A run at one moment, as the window shows it: its experiment, trainer state, boundary grid,
/// neuron maps, curves and points. Made by [`Session::snapshot`](super::session::Session::snapshot).
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub(super) experiment: Experiment,
    pub(super) trainer: TrainerState,
    pub(super) grid: BoundaryGrid,
    pub(super) grid_partial: bool,
    pub(super) maps: NeuronMaps,
    pub(super) domain: Domain,
    pub(super) train_curve: Vec<[f64; 2]>,
    pub(super) test_curve: Vec<[f64; 2]>,
    /// The points shown: the trainer's, or none after *Clear points*.
    pub(super) data: Arc<Split>,
    pub(super) has_data: bool,
    pub(super) data_version: u64,
    pub(super) explained: Option<Arc<Explained>>,
    pub(super) phase: Option<PhaseStep>,
}

impl Snapshot {
    /// The experiment this run follows (its training part tracks live changes).
    pub fn experiment(&self) -> &Experiment {
        &self.experiment
    }

    /// The trainer's state.
    pub fn trainer(&self) -> &TrainerState {
        &self.trainer
    }

    /// The decision-boundary grid.
    pub fn grid(&self) -> &BoundaryGrid {
        &self.grid
    }

    /// The Explain window's numbers, when it is open: of these weights, unless training a big
    /// network plays (then of the epoch it names, refreshed on pause).
    pub fn explained(&self) -> Option<&Explained> {
        self.explained.as_deref()
    }

    /// The training step being shown phase by phase, if one is.
    pub fn phase(&self) -> Option<&PhaseStep> {
        self.phase.as_ref()
    }

    /// Whether the boundary is the coarser one of a big network in training (the full grid
    /// follows on pause).
    pub fn is_grid_partial(&self) -> bool {
        self.grid_partial
    }

    /// Each neuron's activation over the boundary's region, for the network diagram.
    pub fn neuron_maps(&self) -> &NeuronMaps {
        &self.maps
    }

    /// The region the boundary covers.
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// Training loss as `[epoch, loss]` points.
    pub fn train_curve(&self) -> &[[f64; 2]] {
        &self.train_curve
    }

    /// Test loss as `[epoch, loss]` points; empty without a test set.
    pub fn test_curve(&self) -> &[[f64; 2]] {
        &self.test_curve
    }

    /// The points the run trains on and the view shows (empty after *Clear points*).
    pub fn data(&self) -> &Split {
        &self.data
    }

    /// Whether there is anything to train on (false once every hand-made point is removed).
    pub fn has_data(&self) -> bool {
        self.has_data
    }

    /// A number that changes whenever the points of [`Self::data`] do (and differs between
    /// runs), so the window redraws its picture of them only then.
    pub fn data_version(&self) -> u64 {
        self.data_version
    }

    /// Whether an epoch is heavy work (see [`HEAVY_EPOCH_WORK`]).
    pub fn is_heavy(&self) -> bool {
        self.data.train.len() * self.trainer.network.parameter_count() > HEAVY_EPOCH_WORK
    }

    /// One line naming the run as the controls set it: data, layer widths, activation,
    /// optimiser, learning rate, loss and epoch, e.g. `three-spirals (100 train, 100 test),
    /// 2-16-16-3 tanh, adam lr 0.02, cross_entropy, epoch 0`.
    pub fn describe(&self) -> String {
        let (e, network) = (&self.experiment, &self.trainer.network);
        let widths: Vec<String> = std::iter::once(network.inputs())
            .chain(network.layers().iter().map(|l| l.outputs()))
            .map(|w| w.to_string())
            .collect();
        let sizes = if self.data.test.is_empty() {
            format!("{} points", self.data.train.len())
        } else {
            format!(
                "{} train, {} test",
                self.data.train.len(),
                self.data.test.len()
            )
        };
        format!(
            "{} ({sizes}), {} {}, {} lr {}, {}, epoch {}",
            e.data.kind.name(),
            widths.join("-"),
            Activation::list_name(&network.hidden_activations())
                .unwrap_or_else(|| "no hidden".to_owned()),
            e.training.optimizer.name(),
            e.training.learning_rate,
            e.training.loss.name(),
            self.trainer.epoch
        )
    }

    /// The network's output on each training point, when there are at most
    /// [`MAX_TABLE_ROWS`] of them with two features (the tutorial's XOR table) and the
    /// network has two classes (a single probability per point is what the table shows).
    pub fn predictions(&self) -> Option<Vec<Prediction>> {
        let (train, network) = (&self.data.train, &self.trainer.network);
        if train.len() > MAX_TABLE_ROWS || !train.is_plane() || network.is_multiclass() {
            return None;
        }
        let rows = train.input_slice().chunks_exact(2).zip(train.label_slice());
        Some(
            rows.map(|(x, &target)| Prediction {
                input: [x[0], x[1]],
                target,
                output: network.predict_one(x),
            })
            .collect(),
        )
    }

    /// The loss history as CSV: `epoch,train_loss,test_loss` (test empty without a test set).
    pub fn loss_csv(&self) -> String {
        let mut text = String::from("epoch,train_loss,test_loss\n");
        for point in self.trainer.history.curve() {
            let test = point.test.map(|t| t.to_string()).unwrap_or_default();
            text.push_str(&format!("{},{},{}\n", point.epoch, point.train, test));
        }
        text
    }

    /// The run's points (training and test together) as CSV of `x1,x2,label`.
    pub fn data_csv(&self) -> String {
        to_csv(&PointSet::from_split(&self.data).to_dataset())
    }

    /// The run as an experiment file: weights, configuration, data and loss history.
    pub fn experiment_file(&self) -> ExperimentFile {
        ExperimentFile {
            weights: self.weights_file(),
            history: self.trainer.history.clone(),
        }
    }

    /// The run as a weights file: experiment, network and epoch.
    pub fn weights_file(&self) -> WeightsFile {
        WeightsFile {
            experiment: self.experiment.clone(),
            network: self.trainer.network.clone(),
            epoch: self.trainer.epoch,
        }
    }
}
