//! Softmax outputs and their cross-entropy: the multiclass counterpart of the sigmoid output
//! and binary cross-entropy.
//!
//! For logits `z` of one sample over `K` classes, `p_k = e^{z_k} / Σ_j e^{z_j}`. Both the
//! probabilities and the loss go through the log-sum-exp trick,
//! `lse(z) = m + ln Σ_j e^{z_j - m}` with `m = max_j z_j`, so no exponent ever exceeds 0 and
//! nothing overflows however large the logits grow. The cross-entropy of a sample with class
//! `y` is `-ln p_y = lse(z) - z_y`, and its gradient with respect to the logits is the famous
//! `p - onehot(y)`.

use super::{
    columns::{Block, LANES},
    exp::exp,
};

/// The most classes a softmax output may have.
pub const MAX_CLASSES: usize = 6;

/// Numerically stable `ln Σ_j e^{z_j}` (log-sum-exp): `m + ln Σ_j e^{z_j - m}`, `m = max z`.
///
/// ```
/// use nn_playground::nn::log_sum_exp;
/// // e^1000 overflows, but the log-sum-exp of two equal logits is exactly that logit + ln 2.
/// let lse = log_sum_exp(&[1000.0, 1000.0]);
/// assert!((lse - (1000.0 + std::f64::consts::LN_2)).abs() < 1e-9);
/// ```
#[inline]
pub fn log_sum_exp(z: &[f64]) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        return m;
    }
    m + z.iter().map(|&zj| exp(zj - m)).sum::<f64>().ln()
}

/// Replaces each `width`-long row of `zs` by its softmax, in place (stable: the row's largest
/// logit is subtracted before exponentiating).
#[inline]
pub fn softmax_rows(zs: &mut [f64], width: usize) {
    for row in zs.chunks_exact_mut(width.max(1)) {
        let m = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut sum = 0.0;
        for z in row.iter_mut() {
            *z = exp(*z - m);
            sum += *z;
        }
        let inv = 1.0 / sum;
        for p in row.iter_mut() {
            *p *= inv;
        }
    }
}

/// [`softmax_rows`] for a batch in the column layout (see [`super::columns`]): class `k`'s
/// logits for the batch are the blocks `zs[k * stride..]`, and each of the first `rows`
/// samples is normalised over its `classes` logits, [`LANES`] samples at a time. The
/// arithmetic per sample is the same as [`softmax_rows`]'s, so both give identical numbers.
#[inline]
pub(crate) fn softmax_columns(zs: &mut [Block], classes: usize, stride: usize, rows: usize) {
    // Within this function the layout is walked number by number: `per_class` numbers per
    // class.
    let (zs, per_class) = (zs.as_flattened_mut(), stride * LANES);
    let blocks = rows / LANES;
    for c in 0..blocks {
        softmax_samples::<LANES>(zs, classes, per_class, c * LANES);
    }
    for r in blocks * LANES..rows {
        softmax_samples::<1>(zs, classes, per_class, r);
    }
}

/// Softmax of the `N` samples from `first` on, in the column layout flattened to numbers
/// (`per_class` numbers per class).
#[inline(always)]
fn softmax_samples<const N: usize>(zs: &mut [f64], classes: usize, per_class: usize, first: usize) {
    let mut m = [f64::NEG_INFINITY; N];
    for z in zs.chunks_mut(per_class).take(classes) {
        for (m, &z) in m.iter_mut().zip(&z[first..first + N]) {
            *m = m.max(z);
        }
    }
    let mut sum = [0.0; N];
    for z in zs.chunks_mut(per_class).take(classes) {
        for ((s, z), &m) in sum.iter_mut().zip(&mut z[first..first + N]).zip(&m) {
            *z = exp(*z - m);
            *s += *z;
        }
    }
    let inv = sum.map(|s| 1.0 / s);
    for z in zs.chunks_mut(per_class).take(classes) {
        for (p, &inv) in z[first..first + N].iter_mut().zip(&inv) {
            *p *= inv;
        }
    }
}

/// The class index a label stores (`0.0`, `1.0`, ...), clamped into `0..classes`.
///
/// Labels are checked when data meets a network (see the trainer), so the clamp only guards
/// the indexing against a bug.
#[inline]
pub fn class_of(label: f64, classes: usize) -> usize {
    (label.max(0.0) as usize).min(classes.saturating_sub(1))
}

/// Softmax cross-entropy for a batch in the column layout (see [`super::columns`]).
///
/// `logits` and `probs` (the softmax of `logits`) hold class `k`'s numbers for the batch in
/// the blocks `[k * stride..]`, `targets` one class index per sample. Writes
/// `(p - onehot(y)) × scale` into `deltas` (same layout) for the first `rows` samples and
/// returns the sum of their losses `lse(z) - z_y`. Allocates nothing.
#[inline]
#[expect(clippy::too_many_arguments, reason = "one batch's parts, passed apart")]
pub(crate) fn softmax_cross_entropy_columns(
    logits: &[Block],
    probs: &[Block],
    targets: &[Block],
    classes: usize,
    stride: usize,
    rows: usize,
    scale: f64,
    deltas: &mut [Block],
) -> f64 {
    // Walked number by number: `per_class` numbers per class.
    let per_class = stride * LANES;
    let (logits, probs) = (logits.as_flattened(), probs.as_flattened());
    let (targets, deltas) = (targets.as_flattened(), deltas.as_flattened_mut());
    for (d, p) in deltas
        .chunks_mut(per_class)
        .zip(probs.chunks(per_class))
        .take(classes)
    {
        for (dk, &pk) in d[..rows].iter_mut().zip(&p[..rows]) {
            *dk = pk * scale;
        }
    }
    let mut sum = 0.0;
    let mut z = [0.0; MAX_CLASSES];
    let z = &mut z[..classes.min(MAX_CLASSES)];
    for (r, &y) in targets[..rows].iter().enumerate() {
        for (k, zk) in z.iter_mut().enumerate() {
            *zk = logits[k * per_class + r];
        }
        let y = class_of(y, z.len());
        deltas[y * per_class + r] -= scale;
        sum += log_sum_exp(z) - z[y];
    }
    sum
}

/// The index of the largest of `p` (the first on ties): a sample's predicted class.
#[inline]
pub fn argmax(p: &[f64]) -> usize {
    let mut best = 0;
    for (k, &v) in p.iter().enumerate() {
        if v > p[best] {
            best = k;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_rows_are_distributions_even_for_huge_logits() {
        let mut zs = [1.0, 2.0, 3.0, 1000.0, -1000.0, 1000.0];
        softmax_rows(&mut zs, 3);
        let first: f64 = zs[..3].iter().sum();
        assert!((first - 1.0).abs() < 1e-15);
        assert!((zs[2] - 3f64.exp() / (1f64.exp() + 2f64.exp() + 3f64.exp())).abs() < 1e-15);
        assert_eq!(&zs[3..], &[0.5, 0.0, 0.5]);
    }

    /// Samples stored one after the other, `classes` numbers each, in the column layout of
    /// one block per class.
    fn one_block_per_class(samples: &[f64], classes: usize) -> Vec<Block> {
        let mut out = vec![[0.0; LANES]; classes];
        for (r, sample) in samples.chunks_exact(classes).enumerate() {
            for (k, &v) in sample.iter().enumerate() {
                out[k][r] = v;
            }
        }
        out
    }

    #[test]
    fn cross_entropy_is_minus_log_p_and_its_gradient_is_p_minus_onehot() {
        // Two samples over three classes, stored sample by sample ...
        let logits = [0.3, -1.2, 2.5, 0.0, 0.0, 0.0];
        let mut probs = logits;
        softmax_rows(&mut probs, 3);
        // ... and in the column layout, class by class.
        let (z, p) = (
            one_block_per_class(&logits, 3),
            one_block_per_class(&probs, 3),
        );
        let targets = [[1.0, 2.0, 0.0, 0.0]];
        let mut d = vec![[0.0; LANES]; 3];
        let sum = softmax_cross_entropy_columns(&z, &p, &targets, 3, 1, 2, 0.5, &mut d);
        let expected = -probs[1].ln() - probs[5].ln();
        assert!((sum - expected).abs() < 1e-12);
        // d[k][r] is class k of sample r.
        assert_eq!(d[1][0], (probs[1] - 1.0) * 0.5);
        assert_eq!(d[0][0], probs[0] * 0.5);
        assert_eq!(d[2][1], (probs[5] - 1.0) * 0.5);
        // Finite differences of the first sample's loss against its logits.
        for k in 0..3 {
            let loss = |zk: f64| {
                let mut z = logits[..3].to_vec();
                z[k] = zk;
                log_sum_exp(&z) - z[1]
            };
            let numeric = crate::nn::central_difference(loss, logits[k], 1e-6);
            assert!((numeric - 2.0 * d[k][0]).abs() < 1e-8, "class {k}");
        }
    }

    #[test]
    fn softmax_columns_matches_softmax_rows() {
        let samples = [1.0, 2.0, 3.0, 1000.0, -1000.0, 1000.0];
        let mut rows_form = samples;
        softmax_rows(&mut rows_form, 3);
        let mut z = one_block_per_class(&samples, 3);
        softmax_columns(&mut z, 3, 1, 2);
        let expected = one_block_per_class(&rows_form, 3);
        for k in 0..3 {
            assert_eq!(z[k][..2], expected[k][..2], "class {k}");
        }
    }

    #[test]
    fn argmax_picks_the_first_largest() {
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), 1);
        assert_eq!(argmax(&[0.4, 0.2, 0.4]), 0);
        assert_eq!(class_of(2.0, 3), 2);
        assert_eq!(class_of(9.0, 3), 2);
    }
}
