//! Training: hyper-parameters, the [`Trainer`], its bounded [`LossHistory`] and the
//! [`ConfusionMatrix`] each evaluation carries, and the target a run may stop at ([`StopAt`]).

mod config;
mod confusion;
mod error;
mod history;
mod schedule;
mod stop;
mod trainer;

pub use config::{MAX_LEARNING_RATE, TrainConfig};
pub use confusion::ConfusionMatrix;
pub use error::TrainError;
pub use history::{DEFAULT_CAPACITY, LossHistory, LossPoint};
pub use schedule::{COSINE_FLOOR, Schedule};
pub use stop::{Metric, StopAt};
pub use trainer::{Evaluation, Trainer};
