//! What a run will cost in memory, estimated from its configuration before anything is
//! allocated, and the budget it must fit.
//!
//! Every value the command line, a file or the settings can give is checked on its own, but
//! together they multiply: 100,000 spiral points through two layers of 1024 neurons need
//! gigabytes of pass buffers, and a failed allocation aborts the process. So the one place that
//! accepts a configuration, [`crate::experiment::Experiment::check`], also asks
//! [`Estimate::check`] whether the run fits [`MEMORY_BUDGET`], and refuses it with a message
//! saying what to shrink. The estimate follows how the buffers are sized
//! (`nn::Workspace`, `train::Trainer`, the boundary grid and neuron maps): each is counted
//! once, rounded up, so the estimate errs on the large side.

use thiserror::Error;

use crate::nn::MAX_CLASSES;

/// The most memory one run may need, in bytes (1 GiB): a quarter of a small laptop's memory,
/// well under what the window and the command line can count on.
pub const MEMORY_BUDGET: u64 = 1 << 30;

/// Samples an evaluation pass takes at a time (the trainer's evaluation workspace).
const EVAL_ROWS: u64 = 256;
/// Cells of the largest boundary grid a view draws (512 per side; the window uses 200).
pub const VIEW_GRID_CELLS: u64 = 512 * 512;
/// Grid points a boundary refresh sends through the network at once.
const VIEW_CHUNK_ROWS: u64 = 512;
/// Cells of one neuron's map in the network diagram (24 per side, rounded up).
const NEURON_MAP_CELLS: u64 = 32 * 32;
/// Copies of the data alive at once: as read or painted, generated, split, with features, and
/// the copies the window keeps of its experiment (measured: 1.5 million points took about 6).
const DATA_COPIES: u64 = 6;
/// Copies of the parameters a trainer keeps: the network, its saved copy, the gradients and
/// two optimiser states of two moments each.
const PARAMETER_COPIES: u64 = 7;

/// The shape of a run, as far as memory goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunShape {
    /// Input features per point.
    pub inputs: usize,
    /// Hidden layer widths.
    pub hidden: Vec<usize>,
    /// Output neurons: 1, or one per class.
    pub outputs: usize,
    /// Training points.
    pub train_rows: usize,
    /// Test points.
    pub test_rows: usize,
    /// Points per update.
    pub batch_rows: usize,
}

/// Bytes a run needs, by part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// The points, while built and kept.
    pub data: u64,
    /// Weights, gradients and optimiser state.
    pub parameters: u64,
    /// Buffers of one training pass over a batch.
    pub batch: u64,
    /// Evaluation, boundary grid and neuron maps.
    pub views: u64,
}

/// A run that would not fit [`MEMORY_BUDGET`].
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error(
    "this run would need about {} of memory ({}), over the limit of {}; use fewer points, narrower or fewer layers, or a smaller batch size",
    size_text(*.needed),
    .largest,
    size_text(*.budget)
)]
pub struct TooBig {
    /// Bytes the estimate came to.
    pub needed: u64,
    /// The budget.
    pub budget: u64,
    /// The largest part, in words.
    pub largest: String,
}

/// Bytes as a person reads them, in binary units as the budget is: `3.2 GiB`, `512.0 MiB`.
pub fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `a × b`, saturating: hostile values must not wrap round to something small.
fn mul(a: u64, b: u64) -> u64 {
    a.saturating_mul(b)
}

/// Bytes of `rows` samples (rounded up to whole blocks of four) of `values` f64 each.
fn pass_bytes(rows: u64, values: u64) -> u64 {
    mul(mul(rows.div_ceil(4).saturating_mul(4), values), 8)
}

impl RunShape {
    /// Widths of every layer, hidden then output.
    fn widths(&self) -> impl Iterator<Item = u64> + '_ {
        self.hidden
            .iter()
            .chain(std::iter::once(&self.outputs))
            .map(|&w| w as u64)
    }

    /// Weights and biases.
    pub fn parameters(&self) -> u64 {
        let mut previous = self.inputs as u64;
        let mut total = 0u64;
        for width in self.widths() {
            total = total.saturating_add(mul(previous.saturating_add(1), width));
            previous = width;
        }
        total
    }

    /// Values per sample in a workspace: input, target, activations and deltas of every
    /// layer, dropout masks and dropped activations of the hidden ones, logits and the
    /// reordered outputs.
    fn values_per_sample(&self) -> u64 {
        let all: u64 = self.widths().fold(0, u64::saturating_add);
        let hidden: u64 = self
            .hidden
            .iter()
            .map(|&w| w as u64)
            .fold(0, u64::saturating_add);
        let outputs = self.outputs as u64;
        (self.inputs as u64)
            .saturating_add(1)
            .saturating_add(mul(2, all))
            .saturating_add(mul(2, hidden))
            .saturating_add(mul(3, outputs))
    }

    /// What this run needs, part by part.
    pub fn estimate(&self) -> Estimate {
        let per_sample = self.values_per_sample();
        let rows = (self.train_rows as u64).saturating_add(self.test_rows as u64);
        let data = mul(
            DATA_COPIES,
            mul(rows, mul((self.inputs as u64).saturating_add(2), 8)),
        );
        let parameters = mul(mul(self.parameters(), 8), PARAMETER_COPIES);
        let batch = pass_bytes(self.batch_rows as u64, per_sample);
        let neurons: u64 = self.widths().fold(self.inputs as u64, u64::saturating_add);
        let grid_values = (self.inputs as u64).saturating_add(1 + MAX_CLASSES as u64);
        let views = pass_bytes(EVAL_ROWS, per_sample)
            .saturating_add(pass_bytes(VIEW_CHUNK_ROWS, per_sample))
            .saturating_add(mul(mul(VIEW_GRID_CELLS, grid_values), 8))
            .saturating_add(mul(mul(mul(NEURON_MAP_CELLS, neurons), 2), 8));
        Estimate {
            data,
            parameters,
            batch,
            views,
        }
    }
}

impl Estimate {
    /// All parts together.
    pub fn total(&self) -> u64 {
        self.data
            .saturating_add(self.parameters)
            .saturating_add(self.batch)
            .saturating_add(self.views)
    }

    /// Refuses an estimate over [`MEMORY_BUDGET`], naming its largest part.
    pub fn check(&self) -> Result<(), TooBig> {
        self.check_within(MEMORY_BUDGET)
    }

    /// Refuses an estimate over `budget` bytes, naming its largest part.
    pub fn check_within(&self, budget: u64) -> Result<(), TooBig> {
        let needed = self.total();
        if needed <= budget {
            return Ok(());
        }
        let parts = [
            (self.batch, "the training pass buffers"),
            (
                self.parameters,
                "the weights, gradients and optimiser state",
            ),
            (self.data, "the data"),
            (self.views, "the views"),
        ];
        let (bytes, what) = parts
            .into_iter()
            .max_by_key(|&(bytes, _)| bytes)
            .unwrap_or((needed, "the run"));
        Err(TooBig {
            needed,
            budget,
            largest: format!("{what}: {}", size_text(bytes)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(points: usize, hidden: &[usize], batch: usize) -> RunShape {
        RunShape {
            inputs: 2,
            hidden: hidden.to_vec(),
            outputs: 1,
            train_rows: points / 2,
            test_rows: points - points / 2,
            batch_rows: batch.min(points / 2),
        }
    }

    #[test]
    fn the_tutorial_is_small_and_a_huge_full_batch_is_refused() {
        let tutorial = shape(8, &[4], 8);
        assert_eq!(tutorial.parameters(), 17);
        assert!(tutorial.estimate().total() < 20 << 20, "views dominate");
        tutorial.estimate().check().unwrap();
        let huge = shape(100_000, &[1024, 1024], 100_000);
        let error = huge.estimate().check().unwrap_err();
        assert!(error.needed > 3_000_000_000, "{error}");
        assert_eq!(
            error.to_string(),
            "this run would need about 3.2 GiB of memory (the training pass buffers: 3.1 GiB), \
             over the limit of 1.0 GiB; use fewer points, narrower or fewer layers, or a smaller \
             batch size"
        );
        // The same network in batches of 10 fits.
        shape(100_000, &[1024, 1024], 10)
            .estimate()
            .check()
            .unwrap();
    }

    #[test]
    fn absurd_shapes_saturate_instead_of_wrapping() {
        let absurd = RunShape {
            inputs: usize::MAX,
            hidden: vec![usize::MAX; 3],
            outputs: usize::MAX,
            train_rows: usize::MAX,
            test_rows: usize::MAX,
            batch_rows: usize::MAX,
        };
        assert_eq!(absurd.estimate().total(), u64::MAX);
        assert!(absurd.estimate().check().is_err());
    }

    #[test]
    fn the_estimate_covers_what_the_trainer_allocates() {
        // A workspace for 1000 samples through 2-64-64-1: the estimate counts at least its
        // activations and deltas (2 × 129 values a sample).
        let s = shape(2000, &[64, 64], 1000);
        assert!(s.estimate().batch >= 1000 * 2 * 129 * 8);
    }
}
