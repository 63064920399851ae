//! The hidden layers' activation functions: each one's formula and derivative as a zero-sized
//! type, and the one `match` that picks among them.
//!
//! Adding an activation takes this file only: a variant with its name in the table, a formula
//! type, and an arm in [`with_formula!`], whose `match` is exhaustive, so the compiler points
//! at anything left out. Every pass (forward, backward, the plain forms for the diagram) goes
//! through that one `match`, outside its loops, so each copy of a loop has its formula inlined.

use serde::{Deserialize, Serialize};

use super::exp::logistic;

/// Slope of [`Activation::LeakyRelu`] for negative inputs.
pub const LEAKY_SLOPE: f64 = 0.01;

/// A hidden layer's non-linearity. (The output layer's is the network's
/// [`OutputHead`](super::OutputHead).)
///
/// Every derivative here can be written in terms of the activation's *output* alone
/// (for the rectifiers, `a > 0` exactly when `z > 0`), so the backward pass only needs the
/// activations the forward pass stored.
///
/// ```
/// use nn_playground::nn::Activation;
/// assert_eq!(Activation::Sigmoid.apply(0.0), 0.5);
/// assert_eq!(Activation::Relu.apply(-3.0), 0.0);
/// assert_eq!(Activation::from_name("leaky-relu"), Some(Activation::LeakyRelu));
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
}

super::names::name_table!(Activation {
    Sigmoid => "sigmoid",
    Tanh => "tanh",
    Relu => "relu",
    LeakyRelu => "leaky_relu",
    Linear => "linear",
});

/// One activation's formulas. Implemented by a zero-sized type per activation, so code generic
/// over it is compiled once per activation with the formula inlined.
pub(crate) trait Formula {
    /// The activation of pre-activation `z`.
    fn apply(z: f64) -> f64;
    /// `da/dz`, written in terms of the output `a = apply(z)`.
    fn derivative_from_output(a: f64) -> f64;
}

/// The formula types, one per [`Activation`].
pub(crate) mod formula {
    use super::{Formula, LEAKY_SLOPE, sigmoid, tanh};

    /// [`super::Activation::Sigmoid`].
    pub(crate) struct Sigmoid;
    /// [`super::Activation::Tanh`].
    pub(crate) struct Tanh;
    /// [`super::Activation::Relu`].
    pub(crate) struct Relu;
    /// [`super::Activation::LeakyRelu`].
    pub(crate) struct LeakyRelu;
    /// [`super::Activation::Linear`].
    pub(crate) struct Linear;

    impl Formula for Sigmoid {
        #[inline(always)]
        fn apply(z: f64) -> f64 {
            sigmoid(z)
        }
        #[inline(always)]
        fn derivative_from_output(a: f64) -> f64 {
            a * (1.0 - a)
        }
    }

    impl Formula for Tanh {
        #[inline(always)]
        fn apply(z: f64) -> f64 {
            tanh(z)
        }
        #[inline(always)]
        fn derivative_from_output(a: f64) -> f64 {
            1.0 - a * a
        }
    }

    impl Formula for Relu {
        #[inline(always)]
        fn apply(z: f64) -> f64 {
            z.max(0.0)
        }
        #[inline(always)]
        fn derivative_from_output(a: f64) -> f64 {
            if a > 0.0 { 1.0 } else { 0.0 }
        }
    }

    impl Formula for LeakyRelu {
        #[inline(always)]
        fn apply(z: f64) -> f64 {
            if z > 0.0 { z } else { LEAKY_SLOPE * z }
        }
        #[inline(always)]
        fn derivative_from_output(a: f64) -> f64 {
            if a > 0.0 { 1.0 } else { LEAKY_SLOPE }
        }
    }

    impl Formula for Linear {
        #[inline(always)]
        fn apply(z: f64) -> f64 {
            z
        }
        #[inline(always)]
        fn derivative_from_output(_: f64) -> f64 {
            1.0
        }
    }
}

/// Evaluates `$body` with the type name `$F` bound to the [`Formula`] of the activation
/// `$activation`: the one `match` over the activations. Put it outside a loop and each arm is
/// its own copy of the loop, with the formula inlined.
macro_rules! with_formula {
    ($activation:expr, $F:ident => $body:expr) => {{
        use $crate::nn::activation::{Activation as A, Formula as _, formula};
        match $activation {
            A::Sigmoid => {
                type $F = formula::Sigmoid;
                $body
            }
            A::Tanh => {
                type $F = formula::Tanh;
                $body
            }
            A::Relu => {
                type $F = formula::Relu;
                $body
            }
            A::LeakyRelu => {
                type $F = formula::LeakyRelu;
                $body
            }
            A::Linear => {
                type $F = formula::Linear;
                $body
            }
        }
    }};
}
pub(crate) use with_formula;

impl Activation {
    /// The activation of pre-activation `z`.
    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        with_formula!(self, F => F::apply(z))
    }

    /// Applies the activation to every element of `zs` in place.
    #[inline]
    pub fn apply_in_place(self, zs: &mut [f64]) {
        with_formula!(self, F => zs.iter_mut().for_each(|z| *z = F::apply(*z)));
    }

    /// `da/dz`, written in terms of the output `a = apply(z)`.
    #[inline]
    pub fn derivative_from_output(self, a: f64) -> f64 {
        with_formula!(self, F => F::derivative_from_output(a))
    }

    /// Hidden layers' activations named as the command line's `--activation` takes them: one
    /// name when every layer shares it, else one per layer, comma separated; `None` for no
    /// layer.
    ///
    /// ```
    /// use nn_playground::nn::Activation::{Relu, Tanh};
    /// use nn_playground::nn::Activation;
    /// assert_eq!(Activation::list_name(&[Tanh, Tanh]).as_deref(), Some("tanh"));
    /// assert_eq!(Activation::list_name(&[Tanh, Relu]).as_deref(), Some("tanh,relu"));
    /// assert_eq!(Activation::list_name(&[]), None);
    /// ```
    pub fn list_name(activations: &[Self]) -> Option<String> {
        match activations {
            [] => None,
            [first, rest @ ..] if rest.iter().all(|a| a == first) => Some(first.name().to_owned()),
            each => Some(each.iter().map(|a| a.name()).collect::<Vec<_>>().join(",")),
        }
    }
}

/// The logistic function `1 / (1 + e^-z)`, computed with one division
/// ([`super::exp::logistic`]); never NaN for finite or infinite input.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    logistic(z)
}

/// The hyperbolic tangent, `sign(z) · (1 - e^-2|z|) / (1 + e^-2|z|)` with one division
/// ([`super::exp::tanh`]): within a few ulps of the standard library, never overflowing.
#[inline]
pub fn tanh(z: f64) -> f64 {
    super::exp::tanh(z)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::central_difference;

    #[test]
    fn derivatives_match_finite_differences() {
        for act in Activation::ALL {
            for z in [-2.3, -0.4, 0.7, 1.9] {
                let numeric = central_difference(|z| act.apply(z), z, 1e-6);
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
    fn names_round_trip_and_match_the_files() {
        for act in Activation::ALL {
            assert_eq!(Activation::from_name(act.name()), Some(act));
            let json = serde_json::to_string(&act).unwrap_or_default();
            assert_eq!(
                json,
                format!("\"{}\"", act.name()),
                "serde and the table agree"
            );
        }
        assert_eq!(
            Activation::from_name("leaky-relu"),
            Some(Activation::LeakyRelu)
        );
        assert_eq!(Activation::from_name("softsign"), None);
        assert_eq!(
            Activation::from_name("softmax"),
            None,
            "an output head only"
        );
        assert_eq!(
            Activation::names_list(),
            "sigmoid, tanh, relu, leaky_relu or linear"
        );
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
