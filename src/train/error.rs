//! Errors of training.

use thiserror::Error;

/// Why training cannot start or had to stop.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TrainError {
    /// The learning rate is not in `(0, MAX_LEARNING_RATE]`.
    #[error("learning rate must be a positive number up to 1e9, got {0}")]
    BadLearningRate(f64),
    /// The L2 coefficient is negative or not finite.
    #[error("L2 decay must be 0 or more, got {0}")]
    BadL2(f64),
    /// The L1 coefficient is negative or not finite.
    #[error("L1 rate must be 0 or more, got {0}")]
    BadL1(f64),
    /// A learning-rate schedule with parameters out of range.
    #[error("bad learning-rate schedule: {0}")]
    BadSchedule(String),
    /// A dropout rate outside `[0, 0.9]`.
    #[error("dropout must be between 0 and 0.9, got {0}")]
    BadDropout(f64),
    /// A stop target out of range (`METRIC:VALUE` as given).
    #[error("bad stop target '{0}' (a loss must be 0 or more, an accuracy above 0 and at most 1)")]
    BadStopTarget(String),
    /// A batch size of zero.
    #[error("batch size must be at least 1")]
    BadBatchSize,
    /// The training set is empty.
    #[error("the training set has no points")]
    NoData,
    /// A hand-typed weight or bias that is not a finite number, or names no parameter.
    #[error("{0}")]
    BadWeight(String),
    /// The data's width does not match the network's inputs.
    #[error("the network takes {expected} inputs but the data has {found} features")]
    InputMismatch {
        /// Network inputs.
        expected: usize,
        /// Data features.
        found: usize,
    },
    /// A loss other than cross-entropy on a multiclass (softmax) network.
    #[error("{loss} needs two classes; a network with {classes} classes trains on cross_entropy")]
    LossNeedsTwoClasses {
        /// The loss asked for.
        loss: &'static str,
        /// The network's classes.
        classes: usize,
    },
    /// A label is not a class index the network has an output for.
    #[error(
        "a point has label {label}, but the network tells {classes} classes apart \
         (labels 0 to {max})",
        max = classes - 1
    )]
    LabelOutOfRange {
        /// The label found.
        label: f64,
        /// The network's classes.
        classes: usize,
    },
    /// The loss or a weight became NaN or infinite, or one update moved a weight by more than
    /// [`crate::nn::MAX_STEP`].
    #[error(
        "training diverged at epoch {epoch}: the loss or a weight blew up; \
         try a smaller learning rate"
    )]
    Diverged {
        /// The epoch whose update produced the non-finite number.
        epoch: u64,
    },
}
