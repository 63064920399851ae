//! A lesson's view of the window: which of its controls a teacher hides, as TensorFlow
//! Playground's "hidable controls" do. Plain data, so the experiment line
//! ([`cli::line`](crate::cli::line)) and the window's settings carry it alike.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// One control (or one small group of them) of the window's left panel.
///
/// ```
/// use nn_playground::lesson::Control;
/// assert_eq!(Control::from_name("learning-rate"), Some(Control::LearningRate));
/// assert_eq!(Control::LearningRate.label(), "learning rate");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Control {
    /// Play, Step, Batch, Phase and Reset.
    RunButtons,
    /// The epochs-per-frame slider.
    EpochsPerFrame,
    /// The epoch count and *until stopped*.
    EpochCount,
    /// *Slow motion* and its pace.
    SlowMotion,
    /// *Stop at a target*.
    StopTarget,
    /// The learning rate.
    LearningRate,
    /// The learning-rate schedule.
    LrSchedule,
    /// The optimiser.
    Optimizer,
    /// The loss.
    Loss,
    /// L2 regularisation.
    L2,
    /// L1 regularisation.
    L1,
    /// Dropout.
    Dropout,
    /// *Full batch* and the batch size.
    BatchSize,
    /// The number and widths of hidden layers: the sliders and the diagram's +/−.
    HiddenLayers,
    /// The hidden activations.
    Activation,
    /// The weight initialisation.
    Init,
    /// The seed and *New seed*.
    Seed,
    /// The dataset list, its suggested settings and *Regenerate*.
    Dataset,
    /// The points a generated dataset draws.
    Points,
    /// A generated dataset's noise.
    Noise,
    /// The test share.
    TestShare,
    /// The input feature ticks and the diagram's clickable inputs.
    InputFeatures,
}

impl Control {
    /// Every control, in the panel's order.
    pub const ALL: [Self; 22] = [
        Self::RunButtons,
        Self::EpochsPerFrame,
        Self::EpochCount,
        Self::SlowMotion,
        Self::StopTarget,
        Self::LearningRate,
        Self::LrSchedule,
        Self::Optimizer,
        Self::Loss,
        Self::L2,
        Self::L1,
        Self::Dropout,
        Self::BatchSize,
        Self::HiddenLayers,
        Self::Activation,
        Self::Init,
        Self::Seed,
        Self::Dataset,
        Self::Points,
        Self::Noise,
        Self::TestShare,
        Self::InputFeatures,
    ];

    /// The name on the command line and in the experiment line (`--hide learning-rate`).
    pub fn name(self) -> &'static str {
        self.words().0
    }

    /// What the window calls it (the Classroom menu's tick).
    pub fn label(self) -> &'static str {
        self.words().1
    }

    /// The name and the label, in one table so they cannot part.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Self::RunButtons => ("run-buttons", "run buttons"),
            Self::EpochsPerFrame => ("epochs-per-frame", "epochs per frame"),
            Self::EpochCount => ("epoch-count", "epoch count"),
            Self::SlowMotion => ("slow-motion", "slow motion"),
            Self::StopTarget => ("stop-target", "stop at a target"),
            Self::LearningRate => ("learning-rate", "learning rate"),
            Self::LrSchedule => ("lr-schedule", "lr schedule"),
            Self::Optimizer => ("optimizer", "optimizer"),
            Self::Loss => ("loss", "loss"),
            Self::L2 => ("l2", "L2"),
            Self::L1 => ("l1", "L1"),
            Self::Dropout => ("dropout", "dropout"),
            Self::BatchSize => ("batch-size", "batch size"),
            Self::HiddenLayers => ("hidden-layers", "hidden layers"),
            Self::Activation => ("activation", "activation"),
            Self::Init => ("init", "init"),
            Self::Seed => ("seed", "seed"),
            Self::Dataset => ("dataset", "dataset"),
            Self::Points => ("points", "points"),
            Self::Noise => ("noise", "noise"),
            Self::TestShare => ("test-share", "test share"),
            Self::InputFeatures => ("input-features", "input features"),
        }
    }

    /// The control called `name` (see [`Self::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Every name, comma separated, for messages.
    pub fn names_list() -> String {
        Self::ALL.map(Self::name).join(", ")
    }
}

/// The controls a lesson hides; empty by default (every control shown).
pub type Hidden = BTreeSet<Control>;

/// How many controls are hidden, as the window says it: `1 control is hidden`, `3 controls are
/// hidden`.
pub fn hidden_count(hidden: &Hidden) -> String {
    match hidden.len() {
        1 => "1 control is hidden".to_owned(),
        n => format!("{n} controls are hidden"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for control in Control::ALL {
            assert_eq!(Control::from_name(control.name()), Some(control));
        }
        let names: BTreeSet<_> = Control::ALL.map(Control::name).into();
        let labels: BTreeSet<_> = Control::ALL.map(Control::label).into();
        assert_eq!((names.len(), labels.len()), (22, 22));
        assert_eq!(Control::from_name("learning rate"), None);
    }

    #[test]
    fn serde_uses_the_command_line_names() {
        let json = serde_json::to_string(&Control::ALL).unwrap();
        let names: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(names, Control::ALL.map(|c| c.name().to_owned()));
    }
}
