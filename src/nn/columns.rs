//! The batch-innermost ("column") layout every pass works in, and its small reductions.
//!
//! A batch of `rows` samples through a layer of `width` neurons is stored neuron by neuron:
//! neuron `j`'s values for the whole batch sit together at `buf[j * stride..][..rows]`, where
//! `stride ≥ rows` is the buffer's capacity. Every inner loop of the forward and backward
//! passes then runs along the batch, over contiguous memory, in blocks of [`LANES`] numbers
//! that the compiler turns into straight-line vector code. On the tiny networks this app
//! trains (the tutorial's has 4 samples and 4 hidden neurons) that removes most of the
//! per-loop overhead a sample-major layout pays for its short rows.
//!
//! Sums along the batch are kept in [`LANES`] partial sums and combined at the end: a fixed
//! order, so results stay bit-for-bit reproducible.

/// Numbers per block of the batch-innermost loops.
pub const LANES: usize = 4;

/// `Σ a[r] · b[r]` over the shorter of the two, in [`LANES`] partial sums.
#[inline]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let full = n - n % LANES;
    let mut acc = [0.0; LANES];
    let mut r = 0;
    while r < full {
        let (x, y) = (&a[r..r + LANES], &b[r..r + LANES]);
        for ((s, &x), &y) in acc.iter_mut().zip(x).zip(y) {
            *s += x * y;
        }
        r += LANES;
    }
    let mut total = combine(acc);
    for (x, y) in a[full..].iter().zip(&b[full..]) {
        total += x * y;
    }
    total
}

/// `Σ a[r]`, in [`LANES`] partial sums.
#[inline]
pub fn sum(a: &[f64]) -> f64 {
    let full = a.len() - a.len() % LANES;
    let mut acc = [0.0; LANES];
    let mut r = 0;
    while r < full {
        for (s, &x) in acc.iter_mut().zip(&a[r..r + LANES]) {
            *s += x;
        }
        r += LANES;
    }
    let total = combine(acc);
    a[full..].iter().fold(total, |t, x| t + x)
}

/// The total of [`LANES`] partial sums, paired as two vector halves add: `(0 + 2) + (1 + 3)`.
#[inline(always)]
fn combine(acc: [f64; LANES]) -> f64 {
    (acc[0] + acc[2]) + (acc[1] + acc[3])
}

/// Copies `rows` samples of `width` numbers each, stored sample by sample in `samples`, into
/// the column layout of `columns` (`width` rows of `stride` numbers).
#[inline]
pub fn columns_from_samples(
    samples: &[f64],
    width: usize,
    rows: usize,
    columns: &mut [f64],
    stride: usize,
) {
    for (r, sample) in samples.chunks_exact(width).take(rows).enumerate() {
        for (k, &v) in sample.iter().enumerate() {
            columns[k * stride + r] = v;
        }
    }
}

/// The inverse of [`columns_from_samples`]: `rows` samples of `width` numbers each, written
/// sample by sample into `samples`.
#[inline]
pub fn samples_from_columns(
    columns: &[f64],
    stride: usize,
    width: usize,
    rows: usize,
    samples: &mut [f64],
) {
    for (r, sample) in samples.chunks_exact_mut(width).take(rows).enumerate() {
        for (k, v) in sample.iter_mut().enumerate() {
            *v = columns[k * stride + r];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reductions_match_plain_sums_for_every_tail_length() {
        for n in 0..11 {
            let a: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
            let b: Vec<f64> = (0..n).map(|i| 2.0 - i as f64).collect();
            let plain_dot: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert_eq!(dot(&a, &b), plain_dot, "{n}");
            assert_eq!(sum(&a), a.iter().sum::<f64>(), "{n}");
        }
    }

    #[test]
    fn layouts_round_trip() {
        let samples = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut columns = [0.0; 8];
        columns_from_samples(&samples, 2, 3, &mut columns, 4);
        assert_eq!(columns, [1.0, 3.0, 5.0, 0.0, 2.0, 4.0, 6.0, 0.0]);
        let mut back = [0.0; 6];
        samples_from_columns(&columns, 4, 2, 3, &mut back);
        assert_eq!(back, samples);
    }
}
