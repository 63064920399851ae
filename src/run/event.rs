//! What the training thread tells the window, besides the snapshots it publishes.

use crate::{
    data::DatasetKind,
    experiment::Experiment,
    train::{StopAt, TrainConfig, TrainError},
    view::session::PointsEdited,
    view::{explain::Phase, session::ParameterEdit},
};

/// Why training stopped by itself.
#[derive(Clone, Debug, PartialEq)]
pub enum StopReason {
    /// The run reached the epoch count.
    ReachedEpoch(u64),
    /// The run met its stop target at `epoch`.
    ReachedTarget {
        /// The target that was met.
        target: StopAt,
        /// The epoch that met it.
        epoch: u64,
    },
    /// Training failed (diverged, or no points to train on); the weights are the last good
    /// ones.
    Failed(TrainError),
}

/// One outcome the window turns into its status line and controls.
#[derive(Clone, Debug)]
pub enum RunEvent {
    /// Training stopped by itself during the play named `generation`.
    Stopped {
        /// The [`RunCommand::Play`](super::RunCommand::Play) it ends.
        generation: u64,
        /// What stopped it.
        reason: StopReason,
    },
    /// A [`RunCommand::Step`](super::RunCommand::Step) trained to this epoch, or failed.
    Stepped(Result<u64, TrainError>),
    /// A [`RunCommand::StepBatch`](super::RunCommand::StepBatch) trained one mini-batch, or
    /// failed: the epoch under way, and the mini-batches trained of it and per epoch.
    SteppedBatch(Result<(u64, usize, usize), TrainError>),
    /// A [`RunCommand::SetParameter`](super::RunCommand::SetParameter) was carried out, or
    /// refused.
    ParameterSet(Result<ParameterEdit, TrainError>),
    /// A [`RunCommand::StepPhase`](super::RunCommand::StepPhase) showed this phase, or failed.
    PhaseStepped(Result<Phase, TrainError>),
    /// A [`RunCommand::EditPoints`](super::RunCommand::EditPoints) was carried out: what the
    /// points were before, and what they became with the run's new experiment, or why not.
    PointsEdited {
        /// The dataset before the edit.
        before: DatasetKind,
        /// The edit's outcome and the experiment after it, or the reason it was refused.
        result: Result<(PointsEdited, Box<Experiment>), String>,
    },
    /// A [`RunCommand::SetTraining`](super::RunCommand::SetTraining) was refused; the run
    /// keeps `training`.
    TrainingRefused {
        /// Why.
        error: TrainError,
        /// The hyper-parameters the run goes on with.
        training: Box<TrainConfig>,
    },
}
