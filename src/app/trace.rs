//! Timing lines on stderr for measuring the real window, when `NN_PLAYGROUND_TRACE` is set:
//! once a second the frames drawn, the epochs the counter moved and the window thread's own
//! time per frame (median and worst), and after Play, Pause, Step or Reset the epoch each of
//! the next few frames shows, so the frames until a command shows can be read off. Parts of a
//! frame timed with [`Trace::span`] get their own medians on the once-a-second line.

use std::time::{Duration, Instant};

/// Frames followed after a command.
const FOLLOW_FRAMES: u32 = 6;

/// What the trace has seen since its last line.
#[derive(Debug)]
pub struct Trace {
    enabled: bool,
    since: Instant,
    first_epoch: Option<u64>,
    frame_times: Vec<Duration>,
    /// Named parts of the frames since the last line, in the order first seen.
    spans: Vec<(&'static str, Vec<Duration>)>,
    /// The command being followed, when it was given, and frames left to follow.
    follow: Option<(&'static str, Instant, u32)>,
}

impl Default for Trace {
    fn default() -> Self {
        Self {
            enabled: std::env::var_os("NN_PLAYGROUND_TRACE").is_some(),
            since: Instant::now(),
            first_epoch: None,
            frame_times: Vec::new(),
            spans: Vec::new(),
            follow: None,
        }
    }
}

impl Trace {
    /// Notes that `command` was given (before it reaches the training thread).
    pub fn command(&mut self, command: &'static str, epoch: u64) {
        if self.enabled {
            eprintln!("trace: {command} at epoch {epoch}");
            self.follow = Some((command, Instant::now(), FOLLOW_FRAMES));
        }
    }

    /// Notes that the part of this frame called `name` took `took`.
    pub fn span(&mut self, name: &'static str, took: Duration) {
        if !self.enabled {
            return;
        }
        match self.spans.iter_mut().find(|(n, _)| *n == name) {
            Some((_, times)) => times.push(took),
            None => self.spans.push((name, vec![took])),
        }
    }

    /// Notes a frame that showed `epoch` and took `work` of the window thread's time.
    pub fn frame(&mut self, epoch: u64, work: Duration) {
        if !self.enabled {
            return;
        }
        if let Some((command, given, left)) = &mut self.follow {
            eprintln!(
                "trace: {command} +{:.1} ms: frame shows epoch {epoch}",
                given.elapsed().as_secs_f64() * 1e3
            );
            *left -= 1;
            if *left == 0 {
                self.follow = None;
            }
        }
        let first = *self.first_epoch.get_or_insert(epoch);
        self.frame_times.push(work);
        let seconds = self.since.elapsed().as_secs_f64();
        if seconds >= 1.0 {
            self.frame_times.sort();
            let median = self.frame_times[self.frame_times.len() / 2];
            let worst = self.frame_times[self.frame_times.len() - 1];
            eprintln!(
                "trace: {:.1} frames/s, {:.0} epochs/s, window thread {:.2} ms/frame (worst {:.2})",
                self.frame_times.len() as f64 / seconds,
                epoch.saturating_sub(first) as f64 / seconds,
                median.as_secs_f64() * 1e3,
                worst.as_secs_f64() * 1e3
            );
            for (name, times) in &mut self.spans {
                times.sort();
                let median = times.get(times.len() / 2).copied().unwrap_or_default();
                eprintln!("trace:   {name} {:.2} ms", median.as_secs_f64() * 1e3);
                times.clear();
            }
            self.frame_times.clear();
            self.first_epoch = Some(epoch);
            self.since = Instant::now();
        }
    }
}
