//! Dropout (Srivastava et al., 2014) for training passes.

use rand::{RngExt as _, rngs::StdRng};

/// The largest dropout rate accepted: beyond it too few neurons survive to learn.
pub const MAX_DROPOUT: f64 = 0.9;

/// Dropout for one training pass: every hidden activation is zeroed with probability `rate`
/// and the survivors are scaled by `1 / (1 - rate)` ("inverted" dropout), so the expected input
/// of each layer is unchanged and evaluation runs the plain network.
#[derive(Debug)]
pub struct Dropout<'a> {
    /// Probability of dropping each hidden activation, in `[0, MAX_DROPOUT]`.
    pub rate: f64,
    /// Where the masks come from (the trainer's seeded RNG, so runs stay reproducible).
    pub rng: &'a mut StdRng,
}

impl Dropout<'_> {
    /// Fills `mask` with 0 (dropped) or `1 / (1 - rate)` (kept) and writes
    /// `activations × mask` into `dropped`.
    pub fn apply(&mut self, activations: &[f64], mask: &mut [f64], dropped: &mut [f64]) {
        let keep = 1.0 / (1.0 - self.rate);
        for ((m, d), &a) in mask.iter_mut().zip(dropped.iter_mut()).zip(activations) {
            *m = if self.rng.random::<f64>() < self.rate {
                0.0
            } else {
                keep
            };
            *d = a * *m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng as _;

    #[test]
    fn drops_about_the_rate_and_keeps_the_mean() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut dropout = Dropout {
            rate: 0.3,
            rng: &mut rng,
        };
        let ones = vec![1.0; 100_000];
        let (mut mask, mut dropped) = (vec![0.0; ones.len()], vec![0.0; ones.len()]);
        dropout.apply(&ones, &mut mask, &mut dropped);
        let zeros = dropped.iter().filter(|&&d| d == 0.0).count() as f64 / 1e5;
        let mean = dropped.iter().sum::<f64>() / 1e5;
        assert!((zeros - 0.3).abs() < 0.01, "{zeros}");
        assert!((mean - 1.0).abs() < 0.02, "{mean}");
        assert!(
            dropped
                .iter()
                .all(|&d| d == 0.0 || (d - 1.0 / 0.7).abs() < 1e-15)
        );
    }
}
