//! Activation functions and their derivatives: five for hidden layers, and softmax for a
//! multiclass output layer.

use serde::{Deserialize, Serialize};

use super::{
    exp::{exp, logistic},
    softmax::softmax_rows,
};

/// Slope of [`Activation::LeakyRelu`] for negative inputs.
pub const LEAKY_SLOPE: f64 = 0.01;

/// A layer's non-linearity.
///
/// The five in [`Self::ALL`] are for hidden layers (a binary network's output is a sigmoid).
/// [`Self::Softmax`] is only valid on the output layer of a multiclass network: it normalises a
/// whole row, so its per-element forms below are defined for that use only.
///
/// Every derivative here can be written in terms of the activation's *output* alone
/// (for the rectifiers, `a > 0` exactly when `z > 0`), so the backward pass only needs the
/// activations the forward pass stored.
///
/// ```
/// use nn_playground::nn::Activation;
/// assert_eq!(Activation::Sigmoid.apply(0.0), 0.5);
/// assert_eq!(Activation::Relu.apply(-3.0), 0.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// `1 / (1 + e^-z)`, the tutorial's choice.
    #[default]
    Sigmoid,
    /// Hyperbolic tangent.
    Tanh,
    /// `max(0, z)`.
    Relu,
    /// `z` for positive inputs, `0.01 z` otherwise.
    LeakyRelu,
    /// The identity.
    Linear,
    /// `e^{z_k} / Σ_j e^{z_j}` over a layer's outputs: the multiclass output layer only.
    ///
    /// Its loss (cross-entropy) supplies the gradient with respect to the logits directly
    /// (`p - onehot(y)`), so the chain rule never passes through it: its derivative forms
    /// below are the identity, and the backward pass never calls them for it.
    Softmax,
}

impl Activation {
    /// Every hidden-layer activation, in the order the UI lists them (softmax is not one).
    pub const ALL: [Self; 5] = [
        Self::Sigmoid,
        Self::Tanh,
        Self::Relu,
        Self::LeakyRelu,
        Self::Linear,
    ];

    /// The name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sigmoid => "sigmoid",
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::LeakyRelu => "leaky_relu",
            Self::Linear => "linear",
            Self::Softmax => "softmax",
        }
    }

    /// Parses a hidden activation's name as written by [`Self::name`] (a dash may stand for the
    /// underscore). `softmax` is not a hidden activation and gives `None`.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.replace('-', "_");
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The activation of pre-activation `z`. For [`Self::Softmax`] this is the softmax of a
    /// single logit, 1.
    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Self::Sigmoid => sigmoid(z),
            Self::Tanh => tanh(z),
            Self::Relu => z.max(0.0),
            Self::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Self::Linear => z,
            Self::Softmax => 1.0,
        }
    }

    /// Applies the activation to every element of `zs` in place ([`Self::Softmax`] takes all
    /// of `zs` as one row of logits; [`crate::nn::Layer::forward`] applies it row by row).
    ///
    /// The `match` sits outside the loop, so each arm is a plain loop the compiler can
    /// vectorise; a per-element `match` would block that.
    #[inline]
    pub fn apply_in_place(self, zs: &mut [f64]) {
        match self {
            Self::Sigmoid => zs.iter_mut().for_each(|z| *z = sigmoid(*z)),
            Self::Tanh => zs.iter_mut().for_each(|z| *z = tanh(*z)),
            Self::Relu => zs.iter_mut().for_each(|z| *z = z.max(0.0)),
            Self::LeakyRelu => zs.iter_mut().for_each(|z| {
                if *z <= 0.0 {
                    *z *= LEAKY_SLOPE;
                }
            }),
            Self::Linear => {}
            Self::Softmax => softmax_rows(zs, zs.len()),
        }
    }

    /// `da/dz`, written in terms of the output `a = apply(z)`.
    #[inline]
    pub fn derivative_from_output(self, a: f64) -> f64 {
        match self {
            Self::Sigmoid => a * (1.0 - a),
            Self::Tanh => 1.0 - a * a,
            Self::Relu => {
                if a > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Self::LeakyRelu => {
                if a > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Self::Linear | Self::Softmax => 1.0,
        }
    }
}

/// The logistic function `1 / (1 + e^-z)`, computed with one division
/// ([`super::exp::logistic`]); never NaN for finite or infinite input.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    logistic(z)
}

/// The hyperbolic tangent as `sign(z) · (1 - e^-2|z|) / (1 + e^-2|z|)`, which never overflows.
///
/// Built on the inlined [`exp`]; accurate to a few 1e-16 absolute (the relative error grows
/// only for |z| below 1e-8, where nothing here depends on it).
#[inline]
pub fn tanh(z: f64) -> f64 {
    let e = exp(-2.0 * z.abs());
    ((1.0 - e) / (1.0 + e)).copysign(z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences() {
        for act in Activation::ALL {
            for z in [-2.3, -0.4, 0.7, 1.9] {
                let h = 1e-6;
                let numeric = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let analytic = act.derivative_from_output(act.apply(z));
                assert!((numeric - analytic).abs() < 1e-8, "{act:?} at {z}");
            }
        }
    }

    #[test]
    fn slice_forms_agree_with_the_scalar_ones() {
        let zs = [-2.0, -0.3, 0.0, 0.4, 3.0];
        for act in Activation::ALL {
            let mut applied = zs;
            act.apply_in_place(&mut applied);
            for (z, a) in zs.iter().zip(applied) {
                assert_eq!(a, act.apply(*z), "{act:?}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(Activation::from_name(act.name()), Some(act));
        }
        assert_eq!(
            Activation::from_name("leaky-relu"),
            Some(Activation::LeakyRelu)
        );
        assert_eq!(Activation::from_name("softsign"), None);
    }

    #[test]
    fn tanh_matches_the_standard_library() {
        for i in -4000..=4000 {
            let z = i as f64 * 0.005;
            assert!(
                (tanh(z) - z.tanh()).abs() < 5e-16,
                "{z}: {}",
                tanh(z) - z.tanh()
            );
        }
        assert_eq!(tanh(1e6), 1.0);
        assert_eq!(tanh(-1e6), -1.0);
        assert!(tanh(f64::NAN).is_nan());
    }

    #[test]
    fn sigmoid_saturates_without_nan() {
        assert_eq!(sigmoid(-1e6), 0.0);
        assert_eq!(sigmoid(1e6), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
    }
}
