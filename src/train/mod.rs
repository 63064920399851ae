//! Training: hyper-parameters, the [`Trainer`], its bounded [`LossHistory`] and the
//! [`ConfusionMatrix`] each evaluation carries.

mod config;
mod confusion;
mod error;
mod history;
mod schedule;
mod trainer;

pub use config::{MAX_LEARNING_RATE, TrainConfig};
pub use confusion::ConfusionMatrix;
pub use error::TrainError;
pub use history::{DEFAULT_CAPACITY, LossHistory, LossPoint};
pub use schedule::{COSINE_FLOOR, Schedule};
pub use trainer::{Evaluation, Trainer};
