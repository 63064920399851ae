//! The curves `y = f(x)` of the "above or below a curve" sets (and, later, of curve fitting),
//! with their names in one table.

use serde::{Deserialize, Serialize};

/// A curve `x2 = f(x1)` over the sets' square `[-5, 5]²`, scaled to stay inside it.
///
/// ```
/// use nn_playground::data::Curve;
/// assert_eq!(Curve::Abs.at(-3.0), 0.5);
/// assert_eq!(Curve::from_name("cubic"), Some(Curve::Cubic));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Curve {
    /// `2.5 sin(1.2 x)`: a wave of about two periods across the square.
    #[default]
    Sin,
    /// `x³ / 25`: from -5 to 5 across the square, flat in the middle.
    Cubic,
    /// `|x| - 2.5`: a V with its tip at `(0, -2.5)`.
    Abs,
    /// `-2.5` left of the `x2` axis, `2.5` from it on.
    Step,
}

crate::nn::names::name_table!(Curve {
    Sin => "sin",
    Cubic => "cubic",
    Abs => "abs",
    Step => "step",
});

impl Curve {
    /// `f(x)`.
    pub fn at(self, x: f64) -> f64 {
        match self {
            Self::Sin => 2.5 * (1.2 * x).sin(),
            Self::Cubic => x * x * x / 25.0,
            Self::Abs => x.abs() - 2.5,
            Self::Step => {
                if x < 0.0 {
                    -2.5
                } else {
                    2.5
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_stay_in_the_square_and_names_round_trip() {
        for curve in Curve::ALL {
            for i in -50..=50 {
                let y = curve.at(i as f64 / 10.0);
                assert!(y.abs() <= 5.0, "{curve:?} at {i}: {y}");
            }
            assert_eq!(Curve::from_name(curve.name()), Some(curve));
        }
        assert_eq!(Curve::names_list(), "sin, cubic, abs or step");
    }
}
