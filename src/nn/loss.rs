//! Loss functions for a single sigmoid output. A softmax output (multiclass) always uses
//! cross-entropy, computed in `softmax.rs`.

use serde::{Deserialize, Serialize};

use super::columns::{Block, LANES, combine};

/// How far the network's probability `p = sigmoid(z)` is from a 0/1 target.
///
/// ```
/// use nn_playground::nn::Loss;
/// // The tutorial's MSE: the mean of the squared errors.
/// assert_eq!(Loss::Mse.sample(0.0, 0.5, 1.0), 0.25);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Mean squared error, `mean((p - y)^2)`, exactly as the tutorial reports it.
    ///
    /// The tutorial's backward pass uses `(p - y) p (1 - p)` with no factor 2, which is the
    /// gradient of *half* the reported loss. We keep both faithfully: the loss we print is the
    /// tutorial's, and the objective we differentiate (see [`Self::objective_scale`]) is half
    /// of it, so learning rates mean what they mean in the tutorial.
    #[default]
    Mse,
    /// Binary cross-entropy, computed from the logit as `softplus(z) - y z`, which never takes
    /// the log of 0.
    CrossEntropy,
}

super::names::name_table!(Loss {
    Mse => "mse",
    CrossEntropy => "cross_entropy",
} aliases {
    "ce" => CrossEntropy,
    "bce" => CrossEntropy,
});

impl Loss {
    /// The loss of one sample, given its logit `z`, probability `p = sigmoid(z)` and target `y`.
    #[inline]
    pub fn sample(self, z: f64, p: f64, y: f64) -> f64 {
        match self {
            Self::Mse => (p - y) * (p - y),
            Self::CrossEntropy => softplus(z) - y * z,
        }
    }

    /// The derivative of one sample's *objective* with respect to its logit `z`.
    #[inline]
    pub fn logit_gradient(self, p: f64, y: f64) -> f64 {
        match self {
            Self::Mse => (p - y) * p * (1.0 - p),
            Self::CrossEntropy => p - y,
        }
    }

    /// For a batch in the column layout (`nn/columns.rs`): writes each sample's
    /// `logit_gradient × scale` into `deltas` and returns the sum of the samples' losses.
    /// Only the first `rows` samples count: the padding after them gets a zero gradient and
    /// adds nothing. One `match` for the batch, and a block at a time, so the arithmetic is
    /// vector code; the sum is kept in `LANES` partial sums, like the layout's `sum`.
    #[inline(always)]
    pub(crate) fn blocks(
        self,
        (logits, probs, targets): (&[Block], &[Block], &[Block]),
        rows: usize,
        scale: f64,
        deltas: &mut [Block],
    ) -> f64 {
        let batch = (logits, probs, targets);
        // Each arm fixes the loss, so its `sample` and `logit_gradient` inline to one formula.
        let per_sample =
            |loss: Self| move |z, p, y| (loss.logit_gradient(p, y) * scale, loss.sample(z, p, y));
        match self {
            Self::Mse => blocks_with(batch, rows, deltas, per_sample(Self::Mse)),
            Self::CrossEntropy => blocks_with(batch, rows, deltas, per_sample(Self::CrossEntropy)),
        }
    }

    /// The objective the optimiser follows is `objective_scale() * loss`.
    ///
    /// ½ for MSE (the tutorial's gradient), 1 for cross-entropy. Gradient checks compare against
    /// finite differences of this scaled loss.
    pub fn objective_scale(self) -> f64 {
        match self {
            Self::Mse => 0.5,
            Self::CrossEntropy => 1.0,
        }
    }
}

/// [`Loss::blocks`] with the loss given: `sample(z, p, y)` is a sample's scaled logit
/// gradient and its loss.
#[inline(always)]
fn blocks_with(
    (logits, probs, targets): (&[Block], &[Block], &[Block]),
    rows: usize,
    deltas: &mut [Block],
    sample: impl Fn(f64, f64, f64) -> (f64, f64),
) -> f64 {
    let mut sums = [0.0; LANES];
    let batch = logits.iter().zip(probs).zip(targets);
    for (c, (d, ((z, p), y))) in deltas.iter_mut().zip(batch).enumerate() {
        // Samples of this block that are in the batch (all of them but in the last block).
        let live = rows.saturating_sub(c * LANES);
        let (z, p, y) = (*z, *p, *y);
        let mut block = [0.0; LANES];
        for (r, (g, s)) in block.iter_mut().zip(&mut sums).enumerate() {
            let (gradient, loss) = sample(z[r], p[r], y[r]);
            let counts = r < live;
            *g = if counts { gradient } else { 0.0 };
            *s += if counts { loss } else { 0.0 };
        }
        *d = block;
    }
    combine(sums)
}

/// Numerically stable `ln(1 + e^z)`: `max(z, 0) + ln(1 + e^-|z|)`.
#[inline]
pub fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::activation::sigmoid;

    #[test]
    fn block_form_agrees_with_the_per_sample_one_and_skips_padding() {
        // Five samples in two blocks; the last three lanes are padding, with values that
        // would count if they were read.
        let logits = [[0.3, -1.2, 2.5, 0.1], [-0.7, 4.0, 4.0, 4.0]];
        let probs = logits.map(|b| b.map(sigmoid));
        let targets = [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 1.0]];
        let (flat_z, flat_p, flat_y) = (
            logits.as_flattened(),
            probs.as_flattened(),
            targets.as_flattened(),
        );
        for loss in Loss::ALL {
            let mut deltas = [[9.0; LANES]; 2];
            let batch = (&logits[..], &probs[..], &targets[..]);
            let sum = loss.blocks(batch, 5, 0.5, &mut deltas);
            let mut expected = 0.0;
            for r in 0..5 {
                expected += loss.sample(flat_z[r], flat_p[r], flat_y[r]);
                let gradient = loss.logit_gradient(flat_p[r], flat_y[r]) * 0.5;
                assert_eq!(deltas.as_flattened()[r], gradient, "{loss:?} {r}");
            }
            assert_eq!(deltas[1][1..], [0.0; 3], "padding carries no gradient");
            assert!(
                (sum - expected).abs() < 1e-15,
                "{loss:?}: {sum} vs {expected}"
            );
        }
    }

    #[test]
    fn softplus_is_stable_at_extremes() {
        assert_eq!(softplus(-1000.0), 0.0);
        assert_eq!(softplus(1000.0), 1000.0);
        assert!((softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-15);
    }

    #[test]
    fn cross_entropy_matches_the_textbook_formula() {
        for (z, y) in [(0.3, 1.0), (-1.2, 0.0), (2.5, 0.0)] {
            let p = sigmoid(z);
            let textbook = -(y * p.ln() + (1.0 - y) * (1.0 - p).ln());
            assert!((Loss::CrossEntropy.sample(z, p, y) - textbook).abs() < 1e-12);
        }
    }

    #[test]
    fn logit_gradients_match_finite_differences() {
        for loss in Loss::ALL {
            for (z, y) in [(0.3, 1.0), (-1.2, 0.0), (2.5, 0.0)] {
                let f = |z: f64| loss.objective_scale() * loss.sample(z, sigmoid(z), y);
                let numeric = crate::nn::central_difference(f, z, 1e-6);
                let analytic = loss.logit_gradient(sigmoid(z), y);
                assert!((numeric - analytic).abs() < 1e-8, "{loss:?} {z} {y}");
            }
        }
    }
}
