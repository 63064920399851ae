//! The window's end of the training thread.

use std::{
    sync::{
        Arc,
        mpsc::{self, Receiver, Sender},
    },
    thread::JoinHandle,
    time::Duration,
};

use super::{
    ChunkSizer, RunCommand, RunEvent,
    mailbox::Mailbox,
    worker::{Message, Repaint, Worker},
};
use crate::view::{session::Session, snapshot::Snapshot};

/// In [`Pacing::Lockstep`], the most time one frame's epochs may take (the rest of the
/// frame's epochs are dropped), as the window did before it had a thread.
pub const LOCKSTEP_BUDGET: Duration = Duration::from_millis(50);

/// How training keeps time with the window's frames.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pacing {
    /// The real window: the worker trains up to the frames' epochs in chunks of a few
    /// milliseconds, as fast as it can, and the window never waits for it.
    Live,
    /// Tests: every frame's epochs are trained, and every command carried out, before
    /// [`RunHandle::settle`] returns, so a test sees the same run on every machine.
    #[default]
    Lockstep,
}

/// The training thread of one window: send it commands, take its snapshots and events.
/// Dropping the handle stops the thread.
///
/// ```
/// use nn_playground::{
///     experiment::Experiment,
///     run::{Pacing, RunCommand, RunHandle},
///     view::session::Session,
/// };
/// let session = Session::new(Experiment::default(), 20).unwrap();
/// let mut run = RunHandle::start(session, Pacing::Lockstep);
/// run.send(RunCommand::Pace { per_frame: 10, target: None });
/// run.send(RunCommand::Play { generation: 1 });
/// run.send(RunCommand::Frame);
/// run.settle();
/// assert_eq!(run.latest().unwrap().trainer().epoch(), 10);
/// ```
pub struct RunHandle {
    outbox: Sender<Message>,
    mailbox: Arc<Mailbox>,
    events: Receiver<RunEvent>,
    acks: Receiver<u64>,
    repaint: Repaint,
    pacing: Pacing,
    /// The run (counting replacements) whose snapshots are current.
    run: u64,
    next_token: u64,
    thread: Option<JoinHandle<()>>,
}

impl RunHandle {
    /// Starts the thread on `session`, paused.
    pub fn start(mut session: Session, pacing: Pacing) -> Self {
        session.set_spread(&super::Cores);
        let (outbox, inbox) = mpsc::channel();
        let (event_tx, events) = mpsc::channel();
        let (ack_tx, acks) = mpsc::channel();
        let mailbox = Arc::new(Mailbox::default());
        let repaint = Repaint::default();
        let worker = Worker {
            session,
            pacing,
            mailbox: Arc::clone(&mailbox),
            events: event_tx,
            acks: ack_tx,
            repaint: Arc::clone(&repaint),
            run: 0,
            playing: false,
            generation: 0,
            per_frame: 1,
            target: None,
            allowance: 0,
            sizer: ChunkSizer::default(),
            dirty: false,
            views_stale: false,
            pending: Vec::new(),
            slow: None,
            last_step: None,
        };
        let thread = std::thread::Builder::new()
            .name("training".to_owned())
            .spawn(move || worker.run(inbox))
            .ok();
        Self {
            outbox,
            mailbox,
            events,
            acks,
            repaint,
            pacing,
            run: 0,
            next_token: 0,
            thread,
        }
    }

    /// How this run keeps time with the window.
    pub fn pacing(&self) -> Pacing {
        self.pacing
    }

    /// Sends `command`; it is carried out after those sent before it.
    pub fn send(&self, command: RunCommand) {
        self.outbox.send(Message::Command(command)).ok();
    }

    /// Carries on with another run: snapshots of the one before are never shown after this.
    pub fn replace(&mut self, session: Session) {
        self.run += 1;
        self.outbox.send(Message::RunNumber(self.run)).ok();
        self.send(RunCommand::Replace(Box::new(session)));
    }

    /// Installs what the worker calls after publishing a snapshot (the window's repaint),
    /// once; later calls are ignored.
    pub fn set_repaint(&self, repaint: impl Fn() + Send + Sync + 'static) {
        self.repaint.set(Box::new(repaint)).ok();
    }

    /// Whether a repaint callback is installed.
    pub fn has_repaint(&self) -> bool {
        self.repaint.get().is_some()
    }

    /// In [`Pacing::Lockstep`], waits until everything sent so far is done and published;
    /// in [`Pacing::Live`], returns at once.
    pub fn settle(&mut self) {
        if self.pacing == Pacing::Live {
            return;
        }
        self.next_token += 1;
        let token = self.next_token;
        if self.outbox.send(Message::Sync(token)).is_err() {
            return;
        }
        // A worker that has gone (it cannot, short of a bug) ends the wait with an error.
        while let Ok(answered) = self.acks.recv() {
            if answered == token {
                break;
            }
        }
    }

    /// The newest snapshot published since the last call, if any (of the current run).
    pub fn latest(&self) -> Option<Arc<Snapshot>> {
        self.mailbox
            .take()
            .filter(|(run, _)| *run == self.run)
            .map(|(_, snapshot)| snapshot)
    }

    /// The events sent since the last call, oldest first.
    pub fn events(&self) -> Vec<RunEvent> {
        self.events.try_iter().collect()
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        // Closing the channel ends the worker's loop after its current chunk.
        let (closed, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.outbox, closed));
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

impl std::fmt::Debug for RunHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunHandle")
            .field("pacing", &self.pacing)
            .field("run", &self.run)
            .finish_non_exhaustive()
    }
}
