//! What the window asks of the training thread.

use crate::{
    train::TrainConfig,
    view::explained::ExplainTarget,
    view::session::{ParameterEdit, PointEdit, Session},
};

/// One request to the run's thread, carried out in the order sent.
#[derive(Debug)]
pub enum RunCommand {
    /// Train as frames come ([`Self::Frame`]); `generation` names this play, so a
    /// [`RunEvent::Stopped`](super::RunEvent::Stopped) of an earlier one can be told apart.
    Play {
        /// Increases with every Play the window sends.
        generation: u64,
    },
    /// Stop training; the views are completed and published.
    Pause,
    /// How much to train: `per_frame` epochs for every frame, and no further than epoch
    /// `target` (`None`: until paused).
    Pace {
        /// Epochs per window frame.
        per_frame: u64,
        /// The epoch the run stops at.
        target: Option<u64>,
    },
    /// The window drew a frame: while playing, `per_frame` more epochs may train.
    Frame,
    /// Train exactly one epoch, then pause.
    Step,
    /// Train exactly one mini-batch, then pause.
    StepBatch,
    /// Pause and show the next phase of a training step (forward, loss, backward, update: the
    /// update trains it).
    StepPhase,
    /// While playing, train one mini-batch every `1 / rate` seconds instead of epochs per
    /// frame (`Some(rate)`, steps per second), or go back to epochs per frame (`None`).
    SlowMotion(Option<f64>),
    /// Carry on with another run (a rebuild, an opened file); playing or not stays as it was.
    Replace(Box<Session>),
    /// Add, remove or clear hand-made points.
    EditPoints(PointEdit),
    /// Change the hyper-parameters live.
    SetTraining(TrainConfig),
    /// Change the epoch count the experiment records.
    SetEpochs(u64),
    /// Set one weight or bias by hand.
    SetParameter(ParameterEdit),
    /// Explain `Some(target)` with every snapshot from now on, or stop (`None`).
    Explain(Option<ExplainTarget>),
}
