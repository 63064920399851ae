//! The training thread: the window sends [`RunCommand`]s, a worker thread trains the
//! [`Session`](crate::view::session::Session) in chunks of a few milliseconds and publishes a
//! [`Snapshot`](crate::view::snapshot::Snapshot) at most once per window frame, and the window
//! draws the latest one without ever waiting for it (see [`RunHandle`]).
//!
//! Chunking never changes the numbers: the trainer is deterministic and an epoch does not
//! depend on where a chunk boundary falls, so a run is bit-identical with or without the
//! thread. No egui here: the window hands the worker a repaint callback.

mod chunk;
mod command;
mod cores;
mod event;
mod handle;
mod mailbox;
mod worker;

pub use chunk::{CHUNK_TIME, ChunkSizer};
pub use command::RunCommand;
pub use cores::Cores;
pub use event::{RunEvent, StopReason};
pub use handle::{LOCKSTEP_BUDGET, Pacing, RunHandle};
