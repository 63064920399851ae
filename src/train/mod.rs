//! Training: hyper-parameters, the [`Trainer`] and its bounded [`LossHistory`].

mod config;
mod error;
mod history;
mod trainer;

pub use config::{MAX_LEARNING_RATE, TrainConfig};
pub use error::TrainError;
pub use history::{DEFAULT_CAPACITY, LossHistory, LossPoint};
pub use trainer::{Evaluation, Trainer};
