//! The training thread's loop: commands first, then a chunk of epochs while there is
//! something to train, then a snapshot when the window wants one.

use std::{
    sync::{
        Arc, OnceLock,
        mpsc::{Receiver, Sender, TryRecvError},
    },
    time::Instant,
};

use super::{
    ChunkSizer, Cores, LOCKSTEP_BUDGET, Pacing, RunCommand, RunEvent, StopReason, mailbox::Mailbox,
};
use crate::view::{explain::Phase, session::Session};

/// The repaint callback the window installs: called after each published snapshot.
pub(super) type Repaint = Arc<OnceLock<Box<dyn Fn() + Send + Sync>>>;

/// What travels from the handle to the worker.
pub(super) enum Message {
    /// A command of the window's.
    Command(RunCommand),
    /// Lockstep only: publish if anything changed, then answer with this number.
    Sync(u64),
    /// The run changes: snapshots from now on carry this number.
    RunNumber(u64),
}

/// The worker's state: the run and how far it may train.
pub(super) struct Worker {
    pub(super) session: Session,
    pub(super) pacing: Pacing,
    pub(super) mailbox: Arc<Mailbox>,
    pub(super) events: Sender<RunEvent>,
    pub(super) acks: Sender<u64>,
    pub(super) repaint: Repaint,
    pub(super) run: u64,
    pub(super) playing: bool,
    pub(super) generation: u64,
    pub(super) per_frame: u64,
    pub(super) target: Option<u64>,
    /// Epochs that may still train before the next frame.
    pub(super) allowance: u64,
    pub(super) sizer: ChunkSizer,
    /// Whether the run changed since the last snapshot.
    pub(super) dirty: bool,
    /// Whether epochs were trained since the views were last refreshed.
    pub(super) views_stale: bool,
    /// Events waiting for the snapshot that shows their outcome: sent right after it.
    pub(super) pending: Vec<RunEvent>,
    /// Slow motion: mini-batches per second while playing, instead of epochs per frame.
    pub(super) slow: Option<f64>,
    /// When slow motion last trained a mini-batch.
    pub(super) last_step: Option<Instant>,
}

impl Worker {
    /// Runs until the handle is dropped.
    pub(super) fn run(mut self, inbox: Receiver<Message>) {
        loop {
            let message = if self.playing && self.allowance > 0 {
                match inbox.try_recv() {
                    Ok(message) => Some(message),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            } else {
                match inbox.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return,
                }
            };
            match message {
                Some(message) => {
                    self.handle(message);
                    if self.dirty && !(self.playing && self.allowance > 0) {
                        self.publish();
                    }
                }
                None => {
                    self.train_chunk();
                    if self.mailbox.is_wanted() || self.allowance == 0 {
                        self.publish();
                    }
                }
            }
            self.flush_events();
        }
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Command(command) => self.apply(command),
            Message::Sync(token) => {
                if self.dirty {
                    self.publish();
                }
                self.flush_events();
                self.acks.send(token).ok();
            }
            Message::RunNumber(run) => self.run = run,
        }
    }

    fn apply(&mut self, command: RunCommand) {
        match command {
            RunCommand::Play { generation } => {
                self.session.end_phase();
                self.playing = true;
                self.generation = generation;
                self.allowance = 0;
            }
            RunCommand::Pause => self.pause(),
            RunCommand::Pace { per_frame, target } => {
                self.per_frame = per_frame.max(1);
                self.target = target;
            }
            RunCommand::Frame if self.playing && self.slow.is_some() => self.slow_step(),
            RunCommand::Frame if self.playing => match self.pacing {
                Pacing::Live => {
                    self.allowance = (self.allowance + self.per_frame).min(2 * self.per_frame);
                }
                Pacing::Lockstep => {
                    self.allowance = self.per_frame;
                    let start = Instant::now();
                    while self.playing && self.allowance > 0 && start.elapsed() < LOCKSTEP_BUDGET {
                        self.train_chunk();
                    }
                    self.allowance = 0;
                }
            },
            RunCommand::Frame => {}
            RunCommand::Step => {
                self.halt();
                let result = self.session.train(1);
                self.refresh_after_step();
                let epoch = self.session.trainer().epoch();
                self.pending.push(RunEvent::Stepped(result.map(|()| epoch)));
            }
            RunCommand::StepBatch => {
                self.halt();
                let result = self.session.step_batch();
                self.refresh_after_step();
                let trainer = self.session.trainer();
                let (done, batches) = trainer.batch_position();
                let epoch = trainer.epoch();
                self.pending.push(RunEvent::SteppedBatch(
                    result.map(|()| (epoch, done, batches)),
                ));
            }
            RunCommand::StepPhase => {
                self.halt();
                let result = self.session.step_phase();
                if matches!(result, Ok(Phase::Update)) {
                    // The update refreshed the views from the new weights.
                    self.views_stale = false;
                } else if self.views_stale || self.session.is_grid_partial() {
                    self.refresh_after_step();
                }
                self.dirty = true;
                self.pending.push(RunEvent::PhaseStepped(result));
            }
            RunCommand::SlowMotion(rate) => {
                self.slow = rate.filter(|r| *r > 0.0);
                self.last_step = None;
            }
            RunCommand::Replace(session) => {
                self.session = *session;
                self.session.set_spread(&Cores);
                if self.session.views_pending() {
                    self.session.refresh_view();
                }
                self.views_stale = false;
                self.allowance = 0;
                self.sizer = ChunkSizer::default();
                self.dirty = true;
            }
            RunCommand::EditPoints(edit) => {
                let before = self.session.experiment().data.kind.clone();
                let result = self
                    .session
                    .edit_points(edit)
                    .map(|edited| (edited, Box::new(self.session.experiment().clone())))
                    .map_err(|e| e.to_string());
                if matches!(&result, Ok((edited, _)) if edited.points == 0) {
                    self.pause();
                }
                self.dirty = true;
                self.pending.push(RunEvent::PointsEdited { before, result });
            }
            RunCommand::SetTraining(config) => {
                if let Err(error) = self.session.set_training(config) {
                    let training = Box::new(self.session.experiment().training.clone());
                    self.pending
                        .push(RunEvent::TrainingRefused { error, training });
                }
                self.dirty = true;
            }
            RunCommand::SetEpochs(epochs) => {
                self.session.set_epochs(epochs);
                self.dirty = true;
            }
            RunCommand::SetParameter(edit) => {
                let result = self.session.set_parameter(edit).map(|()| edit);
                self.dirty = true;
                self.pending.push(RunEvent::ParameterSet(result));
            }
            RunCommand::Explain(target) => {
                self.session.set_explain(target);
                self.dirty = true;
            }
        }
    }

    /// One chunk of epochs, at most the allowance and never past the target; stops the play
    /// (with an event) at the epoch count, the stop target or a failure.
    fn train_chunk(&mut self) {
        if let Some(reason) = self.reason_to_stop() {
            self.stop(reason);
            return;
        }
        let remaining = self.target.map_or(u64::MAX, |t| {
            t.saturating_sub(self.session.trainer().epoch())
        });
        let epochs = self
            .sizer
            .epochs()
            .min(self.allowance)
            .min(remaining)
            .max(1);
        let (before, start) = (self.session.trainer().epoch(), Instant::now());
        let result = self.session.train(epochs);
        let trained = self.session.trainer().epoch().saturating_sub(before);
        if trained == epochs {
            self.sizer.record(epochs, start.elapsed());
        }
        self.allowance = self.allowance.saturating_sub(epochs);
        self.dirty = true;
        self.views_stale = true;
        if let Err(error) = result {
            self.stop(StopReason::Failed(error));
        } else if let Some(reason) = self.reason_to_stop() {
            self.stop(reason);
        }
    }

    /// Slow motion's frame: one mini-batch when its time has come (every frame in lockstep,
    /// whose time is the frames'), stopping the play at the epoch count, the target or a
    /// failure.
    fn slow_step(&mut self) {
        let Some(rate) = self.slow else {
            return;
        };
        let due = match self.pacing {
            Pacing::Lockstep => true,
            Pacing::Live => self
                .last_step
                .is_none_or(|last| last.elapsed().as_secs_f64() >= 1.0 / rate),
        };
        if !due {
            return;
        }
        if let Some(reason) = self.reason_to_stop() {
            self.stop(reason);
            return;
        }
        self.last_step = Some(Instant::now());
        let result = self.session.step_batch();
        self.dirty = true;
        self.views_stale = true;
        if let Err(error) = result {
            self.stop(StopReason::Failed(error));
        } else if let Some(reason) = self.reason_to_stop() {
            self.stop(reason);
        }
    }

    /// Why the play must end now, if it must: the epoch count or the stop target is reached.
    fn reason_to_stop(&self) -> Option<StopReason> {
        let trainer = self.session.trainer();
        if self.target.is_some_and(|t| trainer.epoch() >= t) {
            return Some(StopReason::ReachedEpoch(trainer.epoch()));
        }
        let target = trainer.config().stop_at?;
        trainer
            .is_target_reached()
            .then_some(StopReason::ReachedTarget {
                target,
                epoch: trainer.epoch(),
            })
    }

    fn stop(&mut self, reason: StopReason) {
        self.pause();
        self.pending.push(RunEvent::Stopped {
            generation: self.generation,
            reason,
        });
    }

    /// Stops training and completes a boundary that was being refreshed in parts.
    ///
    /// The run as it stopped is published first, with the views as they stand, so the next
    /// frame already shows the final epoch; the completed views follow (for a big network a
    /// full refresh takes longer than a frame).
    fn pause(&mut self) {
        self.halt();
        if self.views_stale || self.session.is_grid_partial() {
            if self.dirty {
                self.put_snapshot();
            }
            self.session.refresh_view();
            self.views_stale = false;
            self.dirty = true;
        }
    }

    /// Stops playing, without the pause's view refresh: for a step that refreshes the views
    /// itself once it has trained.
    fn halt(&mut self) {
        self.playing = false;
        self.allowance = 0;
    }

    /// Brings every view up to date with the weights a step left, and marks the run for
    /// publishing.
    fn refresh_after_step(&mut self) {
        self.session.refresh_view();
        self.views_stale = false;
        self.dirty = true;
    }

    /// Sends the events held back for the snapshot that shows them.
    fn flush_events(&mut self) {
        for event in self.pending.drain(..) {
            self.events.send(event).ok();
        }
    }

    /// Refreshes the views from the current weights (in part, for a big network that is
    /// training) and puts a snapshot in the mailbox.
    fn publish(&mut self) {
        if self.views_stale {
            if self.playing {
                self.session.refresh_frame_view();
            } else {
                self.session.refresh_view();
            }
            self.views_stale = false;
        }
        self.put_snapshot();
    }

    /// Puts the run as it stands in the mailbox and asks the window to draw it.
    fn put_snapshot(&mut self) {
        self.mailbox
            .put(self.run, Arc::new(self.session.snapshot()));
        self.dirty = false;
        if let Some(repaint) = self.repaint.get() {
            repaint();
        }
    }
}
