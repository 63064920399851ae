//! A one-slot mailbox for snapshots: the worker puts the newest in (replacing one the window
//! has not taken yet), the window takes it out. Neither ever waits for the other.

use std::sync::{
    Arc, Mutex, PoisonError,
    atomic::{AtomicBool, Ordering},
};

use crate::view::snapshot::Snapshot;

/// The latest published snapshot, tagged with the run it belongs to.
#[derive(Debug)]
pub(super) struct Mailbox {
    slot: Mutex<Option<(u64, Arc<Snapshot>)>>,
    /// Whether the window has taken the last snapshot (so a new one is worth making).
    wanted: AtomicBool,
}

impl Default for Mailbox {
    fn default() -> Self {
        Self {
            slot: Mutex::new(None),
            wanted: AtomicBool::new(true),
        }
    }
}

impl Mailbox {
    /// Puts `snapshot` of run `run` in, replacing any the window has not taken.
    pub(super) fn put(&self, run: u64, snapshot: Arc<Snapshot>) {
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = Some((run, snapshot));
        self.wanted.store(false, Ordering::Release);
    }

    /// Takes the snapshot out, if one came since the last take.
    pub(super) fn take(&self) -> Option<(u64, Arc<Snapshot>)> {
        let taken = self
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if taken.is_some() {
            self.wanted.store(true, Ordering::Release);
        }
        taken
    }

    /// Whether the window took the last snapshot: the worker publishes after a chunk only
    /// then, so it makes at most one snapshot per window frame.
    pub(super) fn is_wanted(&self) -> bool {
        self.wanted.load(Ordering::Acquire)
    }
}
