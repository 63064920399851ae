//! How a view shares out its work without starting threads: the caller lends it a [`Spread`]
//! (the training thread lends the machine's cores, see `crate::run::Cores`), and the view
//! cuts its work into as many independent jobs as the spread has lanes.

use std::fmt::Debug;

/// Runs a view's independent jobs, one lane each, side by side or in turn.
///
/// Whatever the lanes, every job runs exactly once and `run` returns when all are done, so
/// a view's numbers never depend on the spread (each job writes only its own cells).
pub trait Spread: Debug + Sync {
    /// How many jobs it runs at once: the most a view should cut its work into.
    fn lanes(&self) -> usize;

    /// Runs each of `jobs` once and returns when every one has finished.
    fn run(&self, jobs: &mut [&mut (dyn FnMut() + Send)]);
}

/// One lane: the jobs run in turn on the caller's thread. What views use unless lent more.
///
/// ```
/// use nn_playground::view::spread::{OneLane, Spread};
/// let mut count = 0;
/// OneLane.run(&mut [&mut || count += 1]);
/// assert_eq!((OneLane.lanes(), count), (1, 1));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct OneLane;

impl Spread for OneLane {
    fn lanes(&self) -> usize {
        1
    }

    fn run(&self, jobs: &mut [&mut (dyn FnMut() + Send)]) {
        for job in jobs {
            job();
        }
    }
}
