//! Stopping at a target: a loss low enough or an accuracy high enough, on the training or
//! the test set (TensorFlow Playground's issue 7).

use serde::{Deserialize, Serialize};

use super::{Evaluation, TrainError};
use crate::data::source::shorten;

/// What a target is measured on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// The training loss, at most the target.
    #[default]
    Loss,
    /// The training accuracy (0 to 1), at least the target.
    Accuracy,
    /// The test loss, at most the target.
    TestLoss,
    /// The test accuracy (0 to 1), at least the target.
    TestAccuracy,
}

crate::nn::names::name_table!(Metric {
    Loss => "loss",
    Accuracy => "accuracy",
    TestLoss => "test_loss",
    TestAccuracy => "test_accuracy",
});

impl Metric {
    /// Whether a smaller value is better (a loss), else a larger one (an accuracy).
    pub fn is_loss(self) -> bool {
        matches!(self, Self::Loss | Self::TestLoss)
    }

    /// What it measures, in words: `train loss`, `test accuracy`, ….
    pub fn label(self) -> &'static str {
        match self {
            Self::Loss => "train loss",
            Self::Accuracy => "train accuracy",
            Self::TestLoss => "test loss",
            Self::TestAccuracy => "test accuracy",
        }
    }

    /// The choice as a list of targets offers it: `train loss at most`, ….
    pub fn choice(self) -> String {
        let bound = if self.is_loss() {
            "at most"
        } else {
            "at least"
        };
        format!("{} {bound}", self.label())
    }

    /// How the target reads in a sentence: `train loss ≤ 0.01`, `test accuracy ≥ 95%`.
    pub fn describe(self, value: f64) -> String {
        if self.is_loss() {
            format!("{} ≤ {value}", self.label())
        } else {
            format!("{} ≥ {}%", self.label(), value * 100.0)
        }
    }
}

/// A target that ends training once met: checked after every epoch, so a run stops at the
/// first epoch that reaches it.
///
/// ```
/// use nn_playground::train::{Metric, StopAt};
/// let stop = StopAt::from_spec("accuracy:0.95").unwrap();
/// assert_eq!(stop, StopAt { metric: Metric::Accuracy, value: 0.95 });
/// assert_eq!(stop.spec(), "accuracy:0.95");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StopAt {
    /// What is measured.
    pub metric: Metric,
    /// The loss to reach or go below, or the accuracy (0 to 1) to reach or pass.
    pub value: f64,
}

impl StopAt {
    /// Parses `METRIC:VALUE`, as `--stop-at` takes it: `loss:0.01`, `accuracy:0.99`,
    /// `test-loss:0.05`, `test-accuracy:0.9`. The value is checked by [`Self::check`].
    pub fn from_spec(spec: &str) -> Option<Self> {
        let (metric, value) = spec.split_once(':')?;
        Some(Self {
            metric: Metric::from_name(metric.trim())?,
            value: value.trim().parse().ok()?,
        })
    }

    /// The spec [`Self::from_spec`] reads back.
    pub fn spec(self) -> String {
        format!("{}:{}", self.metric.name(), self.value)
    }

    /// A loss target must be finite and 0 or more, an accuracy target above 0 and at most 1.
    pub fn check(self) -> Result<(), TrainError> {
        let fits = if self.metric.is_loss() {
            self.value.is_finite() && self.value >= 0.0
        } else {
            self.value > 0.0 && self.value <= 1.0
        };
        if fits {
            Ok(())
        } else {
            Err(TrainError::BadStopTarget(
                shorten(&self.spec()).into_owned(),
            ))
        }
    }

    /// Whether `train` (and `test`, when there is a test set) meet the target. A test target
    /// is never met without a test set.
    pub fn is_reached(self, train: &Evaluation, test: Option<&Evaluation>) -> bool {
        let evaluation = match self.metric {
            Metric::Loss | Metric::Accuracy => Some(train),
            Metric::TestLoss | Metric::TestAccuracy => test,
        };
        let Some(e) = evaluation.filter(|e| e.total > 0) else {
            return false;
        };
        if self.metric.is_loss() {
            e.loss <= self.value
        } else {
            e.accuracy >= self.value
        }
    }

    /// How the target reads in a sentence (see [`Metric::describe`]).
    pub fn describe(self) -> String {
        self.metric.describe(self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evaluation(loss: f64, accuracy: f64) -> Evaluation {
        Evaluation {
            loss,
            accuracy,
            total: 10,
            ..Evaluation::default()
        }
    }

    #[test]
    fn specs_round_trip_and_bad_ones_are_refused() {
        for spec in [
            "loss:0.01",
            "accuracy:1",
            "test_loss:0.2",
            "test_accuracy:0.9",
        ] {
            let stop = StopAt::from_spec(spec).unwrap();
            assert_eq!(stop.spec(), spec);
            stop.check().unwrap();
        }
        assert_eq!(
            StopAt::from_spec("test-accuracy:0.5").map(|s| s.metric),
            Some(Metric::TestAccuracy)
        );
        for bad in ["loss", "loss:", "speed:3", "loss:abc", ""] {
            assert_eq!(StopAt::from_spec(bad), None, "{bad}");
        }
        for bad in [
            "accuracy:0",
            "accuracy:1.5",
            "loss:-1",
            "loss:nan",
            "loss:inf",
        ] {
            let err = StopAt::from_spec(bad).unwrap().check().unwrap_err();
            assert!(
                err.to_string().starts_with("bad stop target"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn losses_are_reached_from_above_and_accuracies_from_below() {
        let (train, test) = (evaluation(0.05, 0.9), evaluation(0.2, 0.8));
        let reached = |spec: &str, test: Option<&Evaluation>| {
            StopAt::from_spec(spec).unwrap().is_reached(&train, test)
        };
        assert!(reached("loss:0.05", None));
        assert!(!reached("loss:0.04", None));
        assert!(reached("accuracy:0.9", None));
        assert!(!reached("accuracy:0.95", None));
        assert!(reached("test_loss:0.2", Some(&test)));
        assert!(!reached("test_accuracy:0.85", Some(&test)));
        assert!(!reached("test_loss:10", None), "no test set, never reached");
        let none = Evaluation::default();
        assert!(
            !StopAt::from_spec("accuracy:0.1")
                .unwrap()
                .is_reached(&none, None)
        );
        assert_eq!(
            StopAt::from_spec("test_accuracy:0.95").unwrap().describe(),
            "test accuracy ≥ 95%"
        );
    }
}
