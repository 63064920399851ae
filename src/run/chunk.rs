//! How many epochs one chunk of training holds, so that a chunk takes about [`CHUNK_TIME`]
//! whatever the network: the worker looks at its commands between chunks, so this bounds how
//! long Pause or a slider move waits.

use std::time::Duration;

/// The time one chunk of epochs aims for.
pub const CHUNK_TIME: Duration = Duration::from_millis(3);

/// The most epochs a chunk ever holds (the tutorial's epoch takes about 0.2 µs, so a 3 ms
/// chunk of it is about 15,000 epochs).
const MAX_CHUNK: u64 = 1 << 20;

/// Sizes chunks from the time the last one took.
///
/// ```
/// use std::time::Duration;
/// use nn_playground::run::ChunkSizer;
/// let mut sizer = ChunkSizer::default();
/// assert_eq!(sizer.epochs(), 1);
/// sizer.record(1, Duration::from_micros(1));
/// assert_eq!(sizer.epochs(), 2, "a fast chunk doubles");
/// sizer.record(100, Duration::from_millis(30));
/// assert_eq!(sizer.epochs(), 10, "a slow one shrinks to the time");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChunkSizer {
    epochs: u64,
}

impl Default for ChunkSizer {
    fn default() -> Self {
        Self { epochs: 1 }
    }
}

impl ChunkSizer {
    /// Epochs the next chunk should train.
    pub fn epochs(&self) -> u64 {
        self.epochs
    }

    /// Takes note that `epochs` epochs took `elapsed`: the next chunk is sized to
    /// [`CHUNK_TIME`] at that speed, growing at most twofold a chunk (one fast chunk says
    /// little) and never below one epoch.
    pub fn record(&mut self, epochs: u64, elapsed: Duration) {
        if epochs == 0 {
            return;
        }
        let per_epoch = elapsed.as_secs_f64() / epochs as f64;
        let fitting = if per_epoch > 0.0 {
            (CHUNK_TIME.as_secs_f64() / per_epoch) as u64
        } else {
            MAX_CHUNK
        };
        self.epochs = fitting.clamp(1, epochs.saturating_mul(2).min(MAX_CHUNK));
    }
}
