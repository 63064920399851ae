//! Weight initialisation schemes.

use rand::{Rng, RngExt as _};
use serde::{Deserialize, Serialize};

/// How a layer's weights are drawn; biases always start at zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Init {
    /// Standard normal, `N(0, 1)`: the tutorial's `np.random.randn`.
    #[default]
    Normal,
    /// Xavier/Glorot normal: `N(0, 2 / (fan_in + fan_out))`, suited to sigmoid and tanh.
    Xavier,
    /// He normal: `N(0, 2 / fan_in)`, suited to the rectifiers.
    He,
}

super::names::name_table!(Init {
    Normal => "normal",
    Xavier => "xavier",
    He => "he",
} aliases {
    "glorot" => Xavier,
});

impl Init {
    /// The standard deviation of the weights of a layer with these fan-in and fan-out.
    pub fn std_dev(self, fan_in: usize, fan_out: usize) -> f64 {
        match self {
            Self::Normal => 1.0,
            Self::Xavier => (2.0 / (fan_in + fan_out) as f64).sqrt(),
            Self::He => (2.0 / fan_in as f64).sqrt(),
        }
    }
}

/// One draw from the standard normal distribution (Box–Muller on two uniforms).
pub fn standard_normal(rng: &mut impl Rng) -> f64 {
    // `random::<f64>()` lies in [0, 1); 1 - u lies in (0, 1], so the log is finite.
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{SeedableRng as _, rngs::StdRng};

    #[test]
    fn standard_normal_has_unit_moments() {
        let mut rng = StdRng::seed_from_u64(7);
        let n = 200_000;
        let draws: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "variance {var}");
    }

    #[test]
    fn scales_follow_their_formulas() {
        assert_eq!(Init::Normal.std_dev(2, 4), 1.0);
        assert!((Init::Xavier.std_dev(2, 4) - (1.0f64 / 3.0).sqrt()).abs() < 1e-15);
        assert_eq!(Init::He.std_dev(8, 1), 0.5);
    }
}
