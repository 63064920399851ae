//! The machine's cores, lent to the views the training thread computes between chunks.

use std::{
    sync::{
        Mutex, OnceLock, PoisonError,
        atomic::{AtomicUsize, Ordering},
    },
    thread,
};

use crate::view::spread::Spread;

/// The most lanes [`Cores`] offers, whatever the machine: a view's jobs are a few
/// milliseconds each, and more threads than that only add start-up time.
const MAX_LANES: usize = 8;

/// A [`Spread`] over the machine's cores: the caller's thread and one thread started for the
/// call per further job (scoped, so they end with it) take the jobs in turn until none are
/// left. A thread the system refuses to start is done without: the others take its share.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cores;

impl Spread for Cores {
    fn lanes(&self) -> usize {
        static LANES: OnceLock<usize> = OnceLock::new();
        *LANES.get_or_init(|| {
            thread::available_parallelism()
                .map_or(1, usize::from)
                .clamp(1, MAX_LANES)
        })
    }

    fn run(&self, jobs: &mut [&mut (dyn FnMut() + Send)]) {
        if jobs.len() < 2 {
            jobs.iter_mut().for_each(|job| job());
            return;
        }
        let jobs: Vec<Mutex<&mut (dyn FnMut() + Send)>> =
            jobs.iter_mut().map(|job| Mutex::new(&mut **job)).collect();
        let next = AtomicUsize::new(0);
        // Each thread, this one included, takes the next job not yet taken until none are left.
        let take_jobs = || {
            while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                (job.lock().unwrap_or_else(PoisonError::into_inner))();
            }
        };
        thread::scope(|scope| {
            for _ in 1..jobs.len() {
                // A refused thread leaves its job to the others.
                let _ = thread::Builder::new().spawn_scoped(scope, take_jobs);
            }
            take_jobs();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_runs_once() {
        let mut counts = [0_u32; 5];
        {
            let mut jobs: Vec<_> = counts.iter_mut().map(|count| move || *count += 1).collect();
            let mut jobs: Vec<&mut (dyn FnMut() + Send)> =
                jobs.iter_mut().map(|job| job as _).collect();
            Cores.run(&mut jobs);
        }
        assert_eq!(counts, [1; 5]);
        assert!((1..=MAX_LANES).contains(&Cores.lanes()));
    }
}
