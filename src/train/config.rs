//! Training hyper-parameters: the knobs that may change while a network trains.

use serde::{Deserialize, Serialize};

use super::{Schedule, StopAt, TrainError};
use crate::nn::{Loss, MAX_DROPOUT, Optimizer, Penalty};

/// The largest learning rate accepted (anything larger only diverges faster).
pub const MAX_LEARNING_RATE: f64 = 1e9;

/// How to train. Every field may change between two epochs without restarting.
///
/// The default is the tutorial's: MSE, plain gradient descent at learning rate 0.5, full
/// batch, no weight penalty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainConfig {
    /// Step size, greater than 0: the base rate the schedule scales.
    pub learning_rate: f64,
    /// How the learning rate changes over the epochs.
    pub schedule: Schedule,
    /// What is minimised.
    pub loss: Loss,
    /// The update rule.
    pub optimizer: Optimizer,
    /// L2 weight decay coefficient λ (the objective gains λ/2 · Σ W²), 0 or more.
    pub l2: f64,
    /// L1 rate (the objective gains l1 · Σ |W|), 0 or more; 0 (off) in files from before it.
    pub l1: f64,
    /// Dropout rate of the hidden layers during training, 0 (off, the default) to 0.9.
    pub dropout: f64,
    /// Points per update; `None` trains on the whole set at once (the tutorial's full batch).
    pub batch_size: Option<usize>,
    /// A target that ends training once met (checked after every epoch); `None` trains the
    /// epochs asked for.
    pub stop_at: Option<StopAt>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            learning_rate: 0.5,
            schedule: Schedule::Constant,
            loss: Loss::Mse,
            optimizer: Optimizer::Sgd,
            l2: 0.0,
            l1: 0.0,
            dropout: 0.0,
            batch_size: None,
            stop_at: None,
        }
    }
}

impl TrainConfig {
    /// Checks learning rate, weight decay and batch size.
    pub fn check(&self) -> Result<(), TrainError> {
        let lr = self.learning_rate;
        if !(lr.is_finite() && lr > 0.0 && lr <= MAX_LEARNING_RATE) {
            return Err(TrainError::BadLearningRate(lr));
        }
        self.schedule.check()?;
        if !(self.l2.is_finite() && self.l2 >= 0.0) {
            return Err(TrainError::BadL2(self.l2));
        }
        if !(self.l1.is_finite() && self.l1 >= 0.0) {
            return Err(TrainError::BadL1(self.l1));
        }
        if !(0.0..=MAX_DROPOUT).contains(&self.dropout) {
            return Err(TrainError::BadDropout(self.dropout));
        }
        if let Some(stop) = self.stop_at {
            stop.check()?;
        }
        if self.batch_size == Some(0) {
            return Err(TrainError::BadBatchSize);
        }
        Ok(())
    }

    /// The weight penalty: L1 and L2 together.
    pub fn penalty(&self) -> Penalty {
        Penalty {
            l1: self.l1,
            l2: self.l2,
        }
    }

    /// The batch size for a training set of `n` points.
    pub fn rows_per_batch(&self, n: usize) -> usize {
        self.batch_size.map_or(n, |b| b.min(n)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_from_before_l1_reads_with_l1_off() {
        let old = r#"{"learning_rate": 0.5, "loss": "mse", "optimizer": "sgd", "l2": 0.01}"#;
        let config: TrainConfig = serde_json::from_str(old).unwrap();
        assert_eq!(config.penalty(), Penalty { l1: 0.0, l2: 0.01 });
    }

    #[test]
    fn a_negative_or_infinite_l1_is_refused() {
        for l1 in [-0.1, f64::INFINITY, f64::NAN] {
            let config = TrainConfig {
                l1,
                ..TrainConfig::default()
            };
            assert!(matches!(config.check(), Err(TrainError::BadL1(_))), "{l1}");
        }
    }
}
