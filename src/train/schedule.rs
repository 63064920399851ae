//! Learning-rate schedules: how the step size changes as training goes on.

use serde::{Deserialize, Serialize};

use super::TrainError;

/// The share of the base rate a cosine schedule ends at.
pub const COSINE_FLOOR: f64 = 0.01;

/// The learning rate as a function of the epoch, relative to the configured base rate.
///
/// ```
/// use nn_playground::train::Schedule;
/// let step = Schedule::Step { every: 100, factor: 0.5 };
/// assert_eq!(step.rate(0.4, 250), 0.1);
/// let cosine = Schedule::Cosine { period: 1000 };
/// assert_eq!(cosine.rate(1.0, 0), 1.0);
/// assert!((cosine.rate(1.0, 1000) - 0.01).abs() < 1e-15);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Schedule {
    /// The base rate throughout (the tutorial's).
    #[default]
    Constant,
    /// Step decay: the rate is multiplied by `factor` every `every` epochs.
    Step {
        /// Epochs between two decays, at least 1.
        every: u64,
        /// Multiplier per decay, in (0, 1].
        factor: f64,
    },
    /// Cosine annealing (Loshchilov & Hutter, 2017, without restarts): from the base rate down
    /// to [`COSINE_FLOOR`] of it along half a cosine over `period` epochs, then held there.
    Cosine {
        /// Epochs of the descent, at least 1.
        period: u64,
    },
}

impl Schedule {
    /// The name used on the command line and in the UI.
    pub fn name(self) -> &'static str {
        match self {
            Self::Constant => "constant",
            Self::Step { .. } => "step",
            Self::Cosine { .. } => "cosine",
        }
    }

    /// The schedule as [`Self::from_spec`] reads it: `constant`, `step:EVERY:FACTOR` or
    /// `cosine:PERIOD`.
    pub fn spec(self) -> String {
        match self {
            Self::Constant => "constant".to_owned(),
            Self::Step { every, factor } => format!("step:{every}:{factor}"),
            Self::Cosine { period } => format!("cosine:{period}"),
        }
    }

    /// Parses `constant`, `step:EVERY:FACTOR` or `cosine:PERIOD`.
    pub fn from_spec(spec: &str) -> Option<Self> {
        let mut parts = spec.split(':');
        let schedule = match parts.next()? {
            "constant" => Self::Constant,
            "step" => Self::Step {
                every: parts.next()?.parse().ok()?,
                factor: parts.next()?.parse().ok()?,
            },
            "cosine" => Self::Cosine {
                period: parts.next()?.parse().ok()?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(schedule)
    }

    /// Checks the parameters.
    pub fn check(self) -> Result<(), TrainError> {
        match self {
            Self::Step { every, factor } if every == 0 || !(factor > 0.0 && factor <= 1.0) => {
                Err(TrainError::BadSchedule(format!(
                    "step decay needs every ≥ 1 and a factor in (0, 1], got every {every}, factor {factor}"
                )))
            }
            Self::Cosine { period: 0 } => Err(TrainError::BadSchedule(
                "a cosine schedule needs a period of at least 1 epoch".into(),
            )),
            _ => Ok(()),
        }
    }

    /// The learning rate at `epoch` for base rate `base`.
    #[inline]
    pub fn rate(self, base: f64, epoch: u64) -> f64 {
        match self {
            Self::Constant => base,
            Self::Step { every, factor } => {
                let decays = (epoch / every.max(1)).min(i32::MAX as u64) as i32;
                base * factor.powi(decays)
            }
            Self::Cosine { period } => {
                let t = (epoch as f64 / period.max(1) as f64).min(1.0);
                let cosine = 0.5 * (1.0 + (std::f64::consts::PI * t).cos());
                base * (COSINE_FLOOR + (1.0 - COSINE_FLOOR) * cosine)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_follow_their_formulas() {
        assert_eq!(Schedule::Constant.rate(0.5, 123_456), 0.5);
        let step = Schedule::Step {
            every: 10,
            factor: 0.1,
        };
        assert_eq!(step.rate(1.0, 9), 1.0);
        assert!((step.rate(1.0, 10) - 0.1).abs() < 1e-15);
        assert!((step.rate(1.0, 25) - 0.01).abs() < 1e-15);
        assert_eq!(step.rate(1.0, u64::MAX), 0.0, "decays to zero, never NaN");
        let cosine = Schedule::Cosine { period: 100 };
        assert!((cosine.rate(2.0, 50) - 2.0 * (0.01 + 0.99 * 0.5)).abs() < 1e-12);
        assert_eq!(cosine.rate(2.0, 100), cosine.rate(2.0, 10_000));
    }

    #[test]
    fn specs_parse_and_bad_ones_are_refused() {
        assert_eq!(Schedule::from_spec("constant"), Some(Schedule::Constant));
        assert_eq!(
            Schedule::from_spec("step:100:0.5"),
            Some(Schedule::Step {
                every: 100,
                factor: 0.5
            })
        );
        assert_eq!(
            Schedule::from_spec("cosine:2000"),
            Some(Schedule::Cosine { period: 2000 })
        );
        for bad in ["", "step:100", "cosine:x", "cosine:10:2", "linear"] {
            assert_eq!(Schedule::from_spec(bad), None, "{bad}");
        }
        assert_eq!(
            Schedule::Step {
                every: 0,
                factor: 0.5
            }
            .check()
            .unwrap_err()
            .to_string(),
            "bad learning-rate schedule: step decay needs every ≥ 1 and a factor in (0, 1], got every 0, factor 0.5"
        );
        assert!(Schedule::Cosine { period: 0 }.check().is_err());
    }
}
