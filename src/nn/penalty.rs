//! Weight penalties: L1 and L2 regularisation, the terms the objective adds for the weights
//! (never the biases).

/// The weight penalty of an objective: `l1 · Σ |W| + l2/2 · Σ W²` over every weight.
///
/// Its gradient at a weight `w` is `l1 · sign(w) + l2 · w`. `|w|` has no derivative at 0; the
/// subgradient taken there is 0, so a weight sitting exactly at zero is left there by the
/// penalty (TensorFlow Playground does the same).
///
/// ```
/// use nn_playground::nn::Penalty;
/// let both = Penalty { l1: 0.1, l2: 0.5 };
/// assert_eq!(both.weight_gradient(2.0), 0.1 + 1.0);
/// assert_eq!(both.weight_gradient(-2.0), -0.1 - 1.0);
/// assert_eq!(both.weight_gradient(0.0), 0.0);
/// assert_eq!(both.value([2.0, -2.0]), 0.1 * 4.0 + 0.25 * 8.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Penalty {
    /// The L1 rate: the objective gains `l1 · Σ |W|`.
    pub l1: f64,
    /// The L2 rate λ: the objective gains `λ/2 · Σ W²`.
    pub l2: f64,
}

impl Penalty {
    /// No penalty at all.
    pub const NONE: Self = Self { l1: 0.0, l2: 0.0 };

    /// L2 alone, at rate `l2`.
    pub fn l2(l2: f64) -> Self {
        Self { l1: 0.0, l2 }
    }

    /// The penalty's gradient at weight `w`: `l1 · sign(w) + l2 · w`, with `sign(0) = 0`.
    #[inline(always)]
    pub fn weight_gradient(self, w: f64) -> f64 {
        self.l1 * sign(w) + self.l2 * w
    }

    /// The penalty's value over `weights`: `l1 · Σ |w| + l2/2 · Σ w²`.
    pub fn value(self, weights: impl IntoIterator<Item = f64>) -> f64 {
        weights
            .into_iter()
            .map(|w| self.l1 * w.abs() + 0.5 * self.l2 * w * w)
            .sum()
    }
}

/// `sign(w)` as the subgradient of `|w|` takes it: 1, -1, or 0 at 0 (where `f64::signum`
/// would say 1).
#[inline(always)]
fn sign(w: f64) -> f64 {
    if w > 0.0 {
        1.0
    } else if w < 0.0 {
        -1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subgradient_of_a_zero_weight_is_zero() {
        let l1 = Penalty { l1: 0.3, l2: 0.0 };
        assert_eq!(l1.weight_gradient(0.0), 0.0);
        assert_eq!(l1.weight_gradient(-0.0), 0.0);
        assert_eq!(l1.weight_gradient(1e-300), 0.3);
        assert_eq!(l1.weight_gradient(-1e-300), -0.3);
    }

    #[test]
    fn l2_alone_is_lambda_times_w() {
        assert_eq!(Penalty::l2(0.5).weight_gradient(3.0), 1.5);
        assert_eq!(Penalty::NONE.weight_gradient(3.0), 0.0);
    }
}
