//! One serialisable description of a whole run: data, network, training, seed and length.

use rand::{SeedableRng as _, rngs::StdRng};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{
    data::{DataError, DataSpec, DatasetKind, Split},
    memory::{RunShape, TooBig},
    nn::{Network, NetworkConfig, NetworkError},
    train::{TrainConfig, TrainError, Trainer},
};

/// The longest run the command line accepts.
pub const MAX_EPOCHS: u64 = 1_000_000_000;

/// Everything needed to reproduce a run bit for bit.
///
/// The default is the tutorial's experiment: XOR, 2-4-1 sigmoid, MSE, plain gradient descent
/// at learning rate 0.5 for 2000 epochs.
///
/// ```
/// use nn_playground::experiment::Experiment;
/// let mut a = Experiment::default().trainer().unwrap();
/// let mut b = Experiment::default().trainer().unwrap();
/// a.run(50).unwrap();
/// b.run(50).unwrap();
/// assert_eq!(a.network(), b.network());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Experiment {
    /// The dataset and its split.
    pub data: DataSpec,
    /// The network's shape.
    pub network: NetworkConfig,
    /// Hyper-parameters.
    pub training: TrainConfig,
    /// Seed of the initial weights and of the mini-batch shuffle.
    pub seed: u64,
    /// How many epochs to train.
    pub epochs: u64,
}

impl Default for Experiment {
    fn default() -> Self {
        Self {
            data: DataSpec::default(),
            network: NetworkConfig::default(),
            training: TrainConfig::default(),
            seed: 0,
            epochs: 2000,
        }
    }
}

/// Why an experiment cannot run.
#[derive(Debug, Error)]
pub enum ExperimentError {
    /// The data could not be made or read.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The network's shape is invalid.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// A hyper-parameter is invalid.
    #[error(transparent)]
    Train(#[from] TrainError),
    /// Too many epochs.
    #[error("epochs must be at most 1000000000, got {0}")]
    TooManyEpochs(u64),
    /// The run would not fit the memory budget.
    #[error(transparent)]
    TooBig(#[from] TooBig),
}

impl Experiment {
    /// Checks every part without building anything.
    pub fn check(&self) -> Result<(), ExperimentError> {
        self.data.check()?;
        self.network.check()?;
        self.training.check()?;
        // Multiclass means cross-entropy: the head says which losses it trains on.
        if !self.network.head().accepts(self.training.loss) {
            return Err(TrainError::LossNeedsTwoClasses {
                loss: self.training.loss.name(),
                classes: self.network.classes,
            }
            .into());
        }
        if self.epochs > MAX_EPOCHS {
            return Err(ExperimentError::TooManyEpochs(self.epochs));
        }
        if let Some((train, test)) = self.known_rows() {
            self.check_memory(train, test)?;
        }
        Ok(())
    }

    /// Training and test points, when known without reading a file: `None` for a CSV file,
    /// whose size [`Self::trainer`] checks once it is read.
    pub fn known_rows(&self) -> Option<(usize, usize)> {
        let data = &self.data;
        match &data.kind {
            DatasetKind::Xor => Some((4, 0)),
            DatasetKind::Points { points } => Some((points.len(), 0)),
            DatasetKind::Csv { .. } => None,
            _ => {
                let n = data.points;
                let ratio = data.test_ratio.clamp(0.0, 1.0);
                let test = ((ratio * n as f64).round() as usize).min(n.saturating_sub(1));
                Some((n - test, test))
            }
        }
    }

    /// The run's shape for the memory estimate, with `train` and `test` points.
    pub fn run_shape(&self, train: usize, test: usize) -> RunShape {
        let classes = self.network.classes;
        RunShape {
            inputs: self.data.features.count(),
            hidden: self.network.hidden.clone(),
            outputs: self.network.head().outputs(classes),
            train_rows: train,
            test_rows: test,
            batch_rows: self.training.rows_per_batch(train),
        }
    }

    /// Refuses a run with `train` and `test` points that would not fit the memory budget.
    pub fn check_memory(&self, train: usize, test: usize) -> Result<(), TooBig> {
        self.run_shape(train, test).estimate().check()
    }

    /// Builds the data, checked against the memory budget once its size is known.
    fn build_data(&self) -> Result<Split, ExperimentError> {
        let data = self.data.build()?;
        self.check_memory(data.train.len(), data.test.len())?;
        Ok(data)
    }

    /// Fits the output to the data: the network's class count becomes the dataset kind's,
    /// or for a CSV file the count its labels call for (the file is read), and the loss one
    /// the output head trains on (a multiclass network gives up MSE for cross-entropy; a loss
    /// set after this, as the command line's `--loss`, is [`Self::check`]ed instead). Returns
    /// the class count. The one place the window and the command line decide this.
    pub fn fit_output_to_data(&mut self) -> Result<usize, DataError> {
        let classes = match self.data.kind.classes() {
            Some(classes) => classes,
            None => self.data.build()?.classes(),
        };
        self.network.classes = classes;
        self.training.loss = self.network.head().fitting(self.training.loss);
        Ok(classes)
    }

    /// Builds the data, draws fresh weights from the seed and returns a trainer at epoch 0.
    pub fn trainer(&self) -> Result<Trainer, ExperimentError> {
        self.check()?;
        let data = self.build_data()?;
        let mut rng = StdRng::seed_from_u64(self.seed);
        let network = self.network.init(data.train.features(), &mut rng);
        Ok(Trainer::new(network, data, self.training.clone(), rng)?)
    }

    /// Builds the data and a trainer that starts from `network` at `epoch` (a loaded file).
    pub fn trainer_from(&self, network: Network, epoch: u64) -> Result<Trainer, ExperimentError> {
        self.check()?;
        let data = self.build_data()?;
        let rng = StdRng::seed_from_u64(self.seed);
        let mut trainer = Trainer::new(network, data, self.training.clone(), rng)?;
        trainer.set_epoch(epoch);
        Ok(trainer)
    }
}
