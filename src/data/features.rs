//! Input features: the plane's `x1, x2`, plus optional `x1², x2², x1·x2, sin(x1), sin(x2)`
//! (TensorFlow Playground's feature toggles). The same transform feeds the datasets, the
//! boundary grid and the neuron maps, so the network always sees one kind of input.

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use super::Dataset;

/// Which features feed the network, in [`Features::NAMES`] order: the plane's `x1, x2` (on by
/// default: the tutorial's two inputs) and the extras, off by default. Any of them may be off,
/// as in TensorFlow Playground, as long as one is on ([`Features::check`]).
///
/// ```
/// use nn_playground::data::Features;
/// let features = Features { x1_x2: true, sin_x1: true, ..Features::default() };
/// assert_eq!(features.count(), 4);
/// let mut row = [0.0; 4];
/// features.expand(2.0, 3.0, &mut row);
/// assert_eq!(row, [2.0, 3.0, 6.0, 2f64.sin()]);
/// let only_x2 = Features { x1: false, ..Features::default() };
/// assert_eq!(only_x2.names(), ["x2"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Features {
    /// Feed `x1`. Files written before it could be switched off leave it out: on.
    pub x1: bool,
    /// Feed `x2`.
    pub x2: bool,
    /// Add `x1²`.
    pub x1_squared: bool,
    /// Add `x2²`.
    pub x2_squared: bool,
    /// Add `x1·x2`.
    pub x1_x2: bool,
    /// Add `sin(x1)`.
    pub sin_x1: bool,
    /// Add `sin(x2)`.
    pub sin_x2: bool,
}

impl Default for Features {
    fn default() -> Self {
        Self {
            x1: true,
            x2: true,
            x1_squared: false,
            x2_squared: false,
            x1_x2: false,
            sin_x1: false,
            sin_x2: false,
        }
    }
}

/// Why a choice of features cannot feed a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no input feature is on: switch on x1, x2 or another")]
pub struct NoFeatures;

impl Features {
    /// Every feature's name, in order (the order of the network's inputs).
    pub const NAMES: [&'static str; 7] =
        ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"];

    /// The toggles in [`Self::NAMES`] order.
    pub fn toggles(&self) -> [bool; 7] {
        [
            self.x1,
            self.x2,
            self.x1_squared,
            self.x2_squared,
            self.x1_x2,
            self.sin_x1,
            self.sin_x2,
        ]
    }

    /// The toggles, to change in [`Self::NAMES`] order.
    pub fn toggles_mut(&mut self) -> [&mut bool; 7] {
        [
            &mut self.x1,
            &mut self.x2,
            &mut self.x1_squared,
            &mut self.x2_squared,
            &mut self.x1_x2,
            &mut self.sin_x1,
            &mut self.sin_x2,
        ]
    }

    /// Just `x1, x2`, the plane as it is: the data need no expanding.
    pub fn is_plain(&self) -> bool {
        *self == Self::default()
    }

    /// How many features feed the network.
    pub fn count(&self) -> usize {
        self.toggles().iter().filter(|&&on| on).count()
    }

    /// Refuses a choice with no feature on.
    pub fn check(&self) -> Result<(), NoFeatures> {
        if self.count() == 0 {
            Err(NoFeatures)
        } else {
            Ok(())
        }
    }

    /// The names of the features that feed the network, in order.
    pub fn names(&self) -> Vec<&'static str> {
        Self::NAMES
            .into_iter()
            .zip(self.toggles())
            .filter_map(|(name, on)| on.then_some(name))
            .collect()
    }

    /// Writes the features of the point `(x1, x2)` into `out[..self.count()]`.
    #[inline]
    pub fn expand(&self, x1: f64, x2: f64, out: &mut [f64]) {
        if self.is_plain() {
            out[0] = x1;
            out[1] = x2;
            return;
        }
        let values = [x1, x2, x1 * x1, x2 * x2, x1 * x2, x1.sin(), x2.sin()];
        let mut k = 0;
        for (value, on) in values.into_iter().zip(self.toggles()) {
            if on {
                out[k] = value;
                k += 1;
            }
        }
    }

    /// `data` with its first two columns expanded to these features (unchanged for just
    /// `x1, x2`).
    pub fn apply(&self, data: &Dataset) -> Dataset {
        if self.is_plain() {
            return data.clone();
        }
        let (n, width, count) = (data.len(), data.features().max(1), self.count());
        let mut inputs = Array2::zeros((n, count));
        for (row, x) in inputs
            .rows_mut()
            .into_iter()
            .zip(data.input_slice().chunks_exact(width))
        {
            let x2 = x.get(1).copied().unwrap_or(0.0);
            let mut row = row;
            if let Some(out) = row.as_slice_mut() {
                self.expand(x[0], x2, out);
            }
        }
        let plane: Vec<f64> = data
            .plane_points()
            .flat_map(|(x1, x2, _)| [x1, x2])
            .collect();
        let plane = Array2::from_shape_vec((n, 2), plane)
            .unwrap_or_else(|_| unreachable!("two numbers per row by construction"));
        Dataset::new(inputs, Array1::from(data.label_slice().to_vec()))
            .and_then(|set| set.with_plane(plane))
            .unwrap_or_else(|| unreachable!("one label per row by construction"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_expands_every_row_in_order() {
        let features = Features {
            x1_squared: true,
            x2_squared: true,
            x1_x2: true,
            sin_x1: true,
            sin_x2: true,
            ..Features::default()
        };
        let data = features.apply(&Dataset::xor());
        assert_eq!(data.features(), 7);
        assert_eq!(
            data.inputs().row(3).to_vec(),
            vec![1.0, 1.0, 1.0, 1.0, 1.0, 1f64.sin(), 1f64.sin()]
        );
        assert_eq!(data.labels(), Dataset::xor().labels());
        assert_eq!(features.names()[4], "x1*x2");
    }

    #[test]
    fn no_extras_leave_the_data_alone() {
        assert_eq!(Features::default().apply(&Dataset::xor()), Dataset::xor());
        assert_eq!(Features::default().names(), vec!["x1", "x2"]);
    }

    #[test]
    fn x1_and_x2_can_be_left_out_but_not_everything() {
        let features = Features {
            x1: false,
            sin_x1: true,
            ..Features::default()
        };
        let data = features.apply(&Dataset::xor());
        assert_eq!(data.features(), 2);
        assert_eq!(data.inputs().row(2).to_vec(), vec![0.0, 1f64.sin()]);
        assert_eq!(features.names(), ["x2", "sin(x1)"]);
        let none = Features {
            x1: false,
            x2: false,
            ..Features::default()
        };
        assert_eq!(none.check(), Err(NoFeatures));
        assert_eq!(
            NoFeatures.to_string(),
            "no input feature is on: switch on x1, x2 or another"
        );
        // The points keep their place in the plane, whatever the network is fed: drawn,
        // exported and painted on where they are.
        let raw = Dataset::new(
            ndarray::array![[-2.0, 3.0], [0.5, -1.0]],
            ndarray::array![0.0, 1.0],
        )
        .unwrap();
        let fed = features.apply(&raw);
        assert_eq!(fed.inputs().row(0).to_vec(), vec![3.0, (-2f64).sin()]);
        let places: Vec<_> = fed.plane_points().collect();
        assert_eq!(places, raw.plane_points().collect::<Vec<_>>());
        assert_eq!(fed.domain([]), raw.domain([]));
        assert_eq!(fed.select(&[1]).plane_points().next(), Some((0.5, -1.0, 1)));
        assert!(raw.is_plane() && !fed.is_plane());
        // Files from before x1 and x2 could be switched off name only the extras.
        let old: Features = serde_json::from_str(r#"{"x1_squared": true}"#).unwrap();
        assert_eq!(old.names(), ["x1", "x2", "x1^2"]);
    }
}
