//! The speeds the user sees: epochs the counter moved and frames drawn, per second of the
//! window's clock over the last second.
//!
//! The trainer's own rate (epochs per second of compute inside one call) says how fast the
//! maths is, not how fast the run goes: the tutorial's network computes about a million epochs
//! a second while the window, at 10 epochs a frame, shows 600.

use std::collections::VecDeque;

/// How far back the rates look, in seconds.
const WINDOW_SECONDS: f64 = 1.0;
/// The most frames remembered (a 240 Hz screen's second), so memory stays bounded.
const MAX_SAMPLES: usize = 240;

/// Recent frames' times and epochs.
#[derive(Debug, Default)]
pub struct Rates {
    /// `(time in seconds, epoch)` of each recent frame, oldest first.
    samples: VecDeque<(f64, u64)>,
}

impl Rates {
    /// Notes a frame drawn at `time` (the window's clock, seconds) with the run at `epoch`.
    /// A paused run, or an epoch count that went back (a reset, a file opened), starts the
    /// measurement afresh.
    pub fn record(&mut self, time: f64, epoch: u64, running: bool) {
        let went_back = self
            .samples
            .back()
            .is_some_and(|&(t, e)| epoch < e || time < t);
        if !running || went_back {
            self.samples.clear();
        }
        if !running {
            return;
        }
        self.samples.push_back((time, epoch));
        while self.samples.len() > MAX_SAMPLES
            || self
                .samples
                .front()
                .is_some_and(|&(t, _)| time - t > WINDOW_SECONDS)
        {
            self.samples.pop_front();
        }
    }

    /// `(epochs per second, frames per second)` over the frames remembered; `None` until two
    /// frames of a running run have been seen.
    pub fn per_second(&self) -> Option<(f64, f64)> {
        let (&(t0, e0), &(t1, e1)) = (self.samples.front()?, self.samples.back()?);
        let seconds = t1 - t0;
        (seconds > 0.0).then(|| {
            let frames = (self.samples.len() - 1) as f64;
            ((e1 - e0) as f64 / seconds, frames / seconds)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_count_what_moved_over_the_last_second() {
        let mut rates = Rates::default();
        assert_eq!(rates.per_second(), None);
        for frame in 0..=120_u32 {
            rates.record(f64::from(frame) / 60.0, u64::from(frame) * 10, true);
        }
        let (epochs, frames) = rates.per_second().unwrap();
        assert!((epochs - 600.0).abs() < 1e-6, "{epochs}");
        assert!((frames - 60.0).abs() < 1e-6, "{frames}");
        assert_eq!(rates.samples.len(), 61, "one second of frames");
        rates.record(2.1, 5, true);
        assert_eq!(rates.per_second(), None, "a reset starts afresh");
        rates.record(2.2, 50, false);
        assert_eq!(rates.per_second(), None, "paused");
    }
}
