//! The batch-innermost ("column") layout every pass works in, and its small reductions.
//!
//! A batch of `rows` samples through a layer of `width` neurons is stored neuron by neuron,
//! in [`Block`]s of [`LANES`] samples: neuron `j`'s values for the whole batch are the blocks
//! `buf[j * stride..][..blocks_for(rows)]`, where `stride` is the buffer's capacity in blocks.
//! Every inner loop of the forward and backward passes then runs along the batch a block at a
//! time, and the compiler turns each block's arithmetic into straight-line vector code with
//! no bounds or tail checks inside. On the tiny networks this app trains (the tutorial's has
//! 4 samples and 4 hidden neurons) that removes most of the per-loop overhead a
//! sample-by-sample layout pays for its short rows.
//!
//! The last block of a batch is padded. Padding samples have zero inputs and, in a training
//! pass, zero loss gradients, so they add exactly nothing to any sum a gradient is made of;
//! their activations are those of a zero input, finite and never read. Sums along the batch
//! are kept in [`LANES`] partial sums and combined at the end: a fixed order, so results stay
//! bit-for-bit reproducible.

use std::ops::Range;

/// Samples per block.
pub const LANES: usize = 4;

/// One neuron's (or one input's) values for [`LANES`] consecutive samples.
pub type Block = [f64; LANES];

/// A buffer in the column layout, read-only: `data` holds each neuron's (or input's) values in
/// `stride` blocks, of which the first `blocks` hold the batch. The one way the passes are
/// handed a buffer, so `stride` always counts blocks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Columns<'a> {
    /// Every neuron's blocks, neuron after neuron.
    pub data: &'a [Block],
    /// Blocks per neuron.
    pub stride: usize,
    /// Blocks the batch takes (the rest of each neuron's `stride` is unused).
    pub blocks: usize,
}

impl<'a> Columns<'a> {
    /// The blocks a pass walks: `B` in a pass compiled for `B` blocks (the count is then a
    /// constant and the loops along the batch unroll away), the batch's own count for `B = 0`,
    /// the general pass.
    #[inline(always)]
    pub fn blocks<const B: usize>(&self) -> usize {
        debug_assert!(B == 0 || B == self.blocks, "a pass for {B} blocks");
        if B == 0 { self.blocks } else { B }
    }

    /// Where neuron `j`'s blocks for the batch lie: in this buffer, and in every buffer of
    /// the same pass (they share one shape). The passes index their other buffers with one
    /// view's ranges: the compiler then checks the bounds of one range once for all of them.
    #[inline(always)]
    pub fn range<const B: usize>(&self, j: usize) -> Range<usize> {
        let start = j * self.stride;
        start..start + self.blocks::<B>()
    }

    /// Another buffer of the same shape.
    #[inline(always)]
    pub fn with(self, data: &'a [Block]) -> Self {
        Self { data, ..self }
    }
}

/// Blocks that hold `rows` samples.
#[inline]
pub(crate) fn blocks_for(rows: usize) -> usize {
    rows.div_ceil(LANES)
}

/// `Σ a · b` over the shorter of the two, in [`LANES`] partial sums.
///
/// The partial sums start from the first block's products rather than from zero: one
/// addition fewer per lane, which is most of the work for a batch of one block.
#[inline]
pub(crate) fn dot(a: &[Block], b: &[Block]) -> f64 {
    let mut pairs = a.iter().zip(b);
    let Some((x, y)) = pairs.next() else {
        return 0.0;
    };
    let mut acc: Block = std::array::from_fn(|r| x[r] * y[r]);
    for (x, y) in pairs {
        for ((s, &x), &y) in acc.iter_mut().zip(x).zip(y) {
            *s += x * y;
        }
    }
    combine(acc)
}

/// `Σ a`, in [`LANES`] partial sums (starting from the first block, as in [`dot`]).
#[inline]
pub(crate) fn sum(a: &[Block]) -> f64 {
    let Some((&first, rest)) = a.split_first() else {
        return 0.0;
    };
    let mut acc = first;
    for x in rest {
        for (s, &x) in acc.iter_mut().zip(x) {
            *s += x;
        }
    }
    combine(acc)
}

/// The total of [`LANES`] partial sums, paired as two vector halves add: `(0 + 2) + (1 + 3)`.
#[inline(always)]
pub(crate) fn combine(acc: Block) -> f64 {
    (acc[0] + acc[2]) + (acc[1] + acc[3])
}

/// Copies `rows` samples of `width` numbers each, stored sample by sample in `samples`, into
/// the column layout of `columns` (`width` rows of `stride` blocks), zeroing the padding.
pub(crate) fn columns_from_samples(
    samples: &[f64],
    width: usize,
    rows: usize,
    columns: &mut [Block],
    stride: usize,
) {
    let padded = blocks_for(rows) * LANES;
    for k in 0..width {
        let column = columns[k * stride..(k + 1) * stride].as_flattened_mut();
        for (r, v) in column[..rows].iter_mut().enumerate() {
            *v = samples[r * width + k];
        }
        column[rows..padded].fill(0.0);
    }
}

/// The inverse of [`columns_from_samples`]: `rows` samples of `width` numbers each, written
/// sample by sample into `samples`.
pub(crate) fn samples_from_columns(
    columns: &[Block],
    stride: usize,
    width: usize,
    rows: usize,
    samples: &mut [f64],
) {
    for k in 0..width {
        let column = columns[k * stride..(k + 1) * stride].as_flattened();
        for (r, &v) in column[..rows].iter().enumerate() {
            samples[r * width + k] = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(values: &[f64]) -> Vec<Block> {
        let mut out = vec![[0.0; LANES]; blocks_for(values.len())];
        out.as_flattened_mut()[..values.len()].copy_from_slice(values);
        out
    }

    #[test]
    fn reductions_match_plain_sums_for_every_length() {
        for n in 0..11 {
            let a: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
            let b: Vec<f64> = (0..n).map(|i| 2.0 - i as f64).collect();
            let plain_dot: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert_eq!(dot(&blocks(&a), &blocks(&b)), plain_dot, "{n}");
            assert_eq!(sum(&blocks(&a)), a.iter().sum::<f64>(), "{n}");
        }
    }

    #[test]
    fn layouts_round_trip_and_padding_is_zero() {
        let samples = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut columns = [[9.0; LANES]; 4];
        columns_from_samples(&samples, 2, 3, &mut columns, 2);
        assert_eq!(columns[0], [1.0, 3.0, 5.0, 0.0]);
        assert_eq!(columns[2], [2.0, 4.0, 6.0, 0.0]);
        assert_eq!(
            columns[1], [9.0; LANES],
            "beyond the batch's blocks: untouched"
        );
        let mut back = [0.0; 6];
        samples_from_columns(&columns, 2, 2, 3, &mut back);
        assert_eq!(back, samples);
        assert_eq!(blocks_for(0), 0);
        assert_eq!(blocks_for(4), 1);
        assert_eq!(blocks_for(5), 2);
    }
}
