//! Softmax outputs and their cross-entropy: the multiclass counterpart of the sigmoid output
//! and binary cross-entropy.
//!
//! For logits `z` of one sample over `K` classes, `p_k = e^{z_k} / Σ_j e^{z_j}`. Both the
//! probabilities and the loss go through the log-sum-exp trick,
//! `lse(z) = m + ln Σ_j e^{z_j - m}` with `m = max_j z_j`, so no exponent ever exceeds 0 and
//! nothing overflows however large the logits grow. The cross-entropy of a sample with class
//! `y` is `-ln p_y = lse(z) - z_y`, and its gradient with respect to the logits is the famous
//! `p - onehot(y)`.

use super::{columns::LANES, exp::exp};

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
/// logits for the batch are `zs[k * stride..][..rows]`, and each sample is normalised over
/// its `classes` logits, [`LANES`] samples at a time. The arithmetic per sample is the same as
/// [`softmax_rows`]'s, so both give identical numbers.
#[inline]
pub fn softmax_columns(zs: &mut [f64], classes: usize, stride: usize, rows: usize) {
    let blocks = rows / LANES;
    for c in 0..blocks {
        softmax_samples::<LANES>(zs, classes, stride, c * LANES);
    }
    for r in blocks * LANES..rows {
        softmax_samples::<1>(zs, classes, stride, r);
    }
}

/// Softmax of the `N` samples from `first` on, in the column layout.
#[inline(always)]
fn softmax_samples<const N: usize>(zs: &mut [f64], classes: usize, stride: usize, first: usize) {
    let mut m = [f64::NEG_INFINITY; N];
    for z in zs.chunks_mut(stride).take(classes) {
        for (m, &z) in m.iter_mut().zip(&z[first..first + N]) {
            *m = m.max(z);
        }
    }
    let mut sum = [0.0; N];
    for z in zs.chunks_mut(stride).take(classes) {
        for ((s, z), &m) in sum.iter_mut().zip(&mut z[first..first + N]).zip(&m) {
            *z = exp(*z - m);
            *s += *z;
        }
    }
    let inv = sum.map(|s| 1.0 / s);
    for z in zs.chunks_mut(stride).take(classes) {
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
/// `logits` and `probs` (the softmax of `logits`) hold class `k`'s numbers for the batch at
/// `[k * stride..][..rows]`, `targets` one class index per sample. Writes
/// `(p - onehot(y)) × scale` into `deltas` (same layout) and returns the sum of the samples'
/// losses `lse(z) - z_y`. Allocates nothing.
#[inline]
#[allow(clippy::too_many_arguments)]
pub fn softmax_cross_entropy_columns(
    logits: &[f64],
    probs: &[f64],
    targets: &[f64],
    classes: usize,
    stride: usize,
    rows: usize,
    scale: f64,
    deltas: &mut [f64],
) -> f64 {
    for (d, p) in deltas
        .chunks_mut(stride)
        .zip(probs.chunks(stride))
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
            *zk = logits[k * stride + r];
        }
        let y = class_of(y, z.len());
        deltas[y * stride + r] -= scale;
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

    #[test]
    fn cross_entropy_is_minus_log_p_and_its_gradient_is_p_minus_onehot() {
        // Two samples over three classes, stored sample by sample ...
        let logits = [0.3, -1.2, 2.5, 0.0, 0.0, 0.0];
        let mut probs = logits;
        softmax_rows(&mut probs, 3);
        // ... and in the column layout, class by class (stride 2).
        let columns = |v: &[f64; 6]| [v[0], v[3], v[1], v[4], v[2], v[5]];
        let targets = [1.0, 2.0];
        let mut d = [0.0; 6];
        let (z, p) = (columns(&logits), columns(&probs));
        let sum = softmax_cross_entropy_columns(&z, &p, &targets, 3, 2, 2, 0.5, &mut d);
        let expected = -probs[1].ln() - probs[5].ln();
        assert!((sum - expected).abs() < 1e-12);
        // d[2 * k + r] is class k of sample r.
        assert_eq!(d[2], (probs[1] - 1.0) * 0.5);
        assert_eq!(d[0], probs[0] * 0.5);
        assert_eq!(d[5], (probs[5] - 1.0) * 0.5);
        // Finite differences of the first sample's loss against its logits.
        let loss = |z: &[f64]| log_sum_exp(z) - z[1];
        for k in 0..3 {
            let h = 1e-6;
            let mut plus = logits[..3].to_vec();
            let mut minus = plus.clone();
            plus[k] += h;
            minus[k] -= h;
            let numeric = (loss(&plus) - loss(&minus)) / (2.0 * h);
            assert!((numeric - 2.0 * d[2 * k]).abs() < 1e-8, "class {k}");
        }
    }

    #[test]
    fn softmax_columns_matches_softmax_rows() {
        let rows_form = {
            let mut z = [1.0, 2.0, 3.0, 1000.0, -1000.0, 1000.0];
            softmax_rows(&mut z, 3);
            z
        };
        let mut z = [1.0, 1000.0, 2.0, -1000.0, 3.0, 1000.0];
        softmax_columns(&mut z, 3, 2, 2);
        assert_eq!(
            z,
            [
                rows_form[0],
                rows_form[3],
                rows_form[1],
                rows_form[4],
                rows_form[2],
                rows_form[5]
            ]
        );
    }

    #[test]
    fn argmax_picks_the_first_largest() {
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), 1);
        assert_eq!(argmax(&[0.4, 0.2, 0.4]), 0);
        assert_eq!(class_of(2.0, 3), 2);
        assert_eq!(class_of(9.0, 3), 2);
    }
}
