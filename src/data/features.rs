//! Input features: the plane's `x1, x2`, plus optional `x1², x2², x1·x2, sin(x1), sin(x2)`
//! (TensorFlow Playground's feature toggles). The same transform feeds the datasets, the
//! boundary grid and the neuron maps, so the network always sees one kind of input.

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use super::Dataset;

/// Which extra features follow `x1, x2` (in this order when on). All off by default: the
/// tutorial's two inputs.
///
/// ```
/// use nn_playground::data::Features;
/// let features = Features { x1_x2: true, sin_x1: true, ..Features::default() };
/// assert_eq!(features.count(), 4);
/// let mut row = [0.0; 4];
/// features.expand(2.0, 3.0, &mut row);
/// assert_eq!(row, [2.0, 3.0, 6.0, 2f64.sin()]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Features {
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

impl Features {
    /// The toggles' names, in feature order after `x1, x2`.
    pub const EXTRA_NAMES: [&'static str; 5] = ["x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"];

    /// The toggles in [`Self::EXTRA_NAMES`] order.
    pub fn toggles(&self) -> [bool; 5] {
        [
            self.x1_squared,
            self.x2_squared,
            self.x1_x2,
            self.sin_x1,
            self.sin_x2,
        ]
    }

    /// The toggles, to change in [`Self::EXTRA_NAMES`] order.
    pub fn toggles_mut(&mut self) -> [&mut bool; 5] {
        [
            &mut self.x1_squared,
            &mut self.x2_squared,
            &mut self.x1_x2,
            &mut self.sin_x1,
            &mut self.sin_x2,
        ]
    }

    /// Extra features on top of `x1, x2`.
    pub fn extra(&self) -> usize {
        self.toggles().iter().filter(|&&on| on).count()
    }

    /// Features in all: 2 plus the extras.
    pub fn count(&self) -> usize {
        2 + self.extra()
    }

    /// The names of every feature, in order.
    pub fn names(&self) -> Vec<&'static str> {
        let extras = Self::EXTRA_NAMES
            .into_iter()
            .zip(self.toggles())
            .filter_map(|(name, on)| on.then_some(name));
        ["x1", "x2"].into_iter().chain(extras).collect()
    }

    /// Writes the features of the point `(x1, x2)` into `out[..self.count()]`.
    #[inline]
    pub fn expand(&self, x1: f64, x2: f64, out: &mut [f64]) {
        out[0] = x1;
        out[1] = x2;
        let values = [x1 * x1, x2 * x2, x1 * x2, x1.sin(), x2.sin()];
        let mut k = 2;
        for (value, on) in values.into_iter().zip(self.toggles()) {
            if on {
                out[k] = value;
                k += 1;
            }
        }
    }

    /// `data` with its first two columns expanded to these features (unchanged when none
    /// is on).
    pub fn apply(&self, data: &Dataset) -> Dataset {
        if self.extra() == 0 {
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
        Dataset::new(inputs, Array1::from(data.label_slice().to_vec()))
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
}
