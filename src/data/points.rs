//! Points a person places by hand (or imports): a dataset held inline in the experiment, so a
//! saved experiment carries its own data.

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use super::Dataset;

/// One labelled point in the plane.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelledPoint {
    /// First input.
    pub x1: f64,
    /// Second input.
    pub x2: f64,
    /// Class, 0 or 1.
    pub label: u8,
}

/// An editable list of labelled points.
///
/// ```
/// use nn_playground::data::PointSet;
/// let mut set = PointSet::default();
/// set.add(0.0, 0.0, 1);
/// set.add(1.0, 1.0, 0);
/// assert_eq!(set.remove_nearest(0.9, 0.8).map(|p| p.label), Some(0));
/// assert_eq!(set.to_dataset().len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PointSet {
    points: Vec<LabelledPoint>,
}

impl PointSet {
    /// The points of `data` (its first two features; any non-zero label counts as class 1).
    pub fn from_dataset(data: &Dataset) -> Self {
        let mut set = Self::default();
        set.extend_from(data);
        set
    }

    /// Appends the points of `data`.
    pub fn extend_from(&mut self, data: &Dataset) {
        let features = data.features().max(1);
        for (x, &label) in data
            .input_slice()
            .chunks_exact(features)
            .zip(data.label_slice())
        {
            let x2 = x.get(1).copied().unwrap_or(0.0);
            self.add(x[0], x2, u8::from(label != 0.0));
        }
    }

    /// Adds a point of class `label` (0, or 1 for anything else).
    pub fn add(&mut self, x1: f64, x2: f64, label: u8) {
        self.points.push(LabelledPoint {
            x1,
            x2,
            label: label.min(1),
        });
    }

    /// Removes and returns the point nearest to `(x1, x2)` (Euclidean), if any.
    pub fn remove_nearest(&mut self, x1: f64, x2: f64) -> Option<LabelledPoint> {
        let distance = |p: &LabelledPoint| (p.x1 - x1).powi(2) + (p.x2 - x2).powi(2);
        let (index, _) = self
            .points
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| distance(a).total_cmp(&distance(b)))?;
        Some(self.points.remove(index))
    }

    /// Removes every point.
    pub fn clear(&mut self) {
        self.points.clear();
    }

    /// The points, in the order they were added.
    pub fn points(&self) -> &[LabelledPoint] {
        &self.points
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The points as a two-feature dataset, in order.
    pub fn to_dataset(&self) -> Dataset {
        let inputs = Array2::from_shape_fn((self.points.len(), 2), |(i, j)| {
            let p = &self.points[i];
            if j == 0 { p.x1 } else { p.x2 }
        });
        let labels = self.points.iter().map(|p| f64::from(p.label)).collect();
        Dataset::new(inputs, Array1::from_vec(labels))
            .unwrap_or_else(|| unreachable!("one label per point by construction"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_round_trip_keeps_order_and_labels() {
        let xor = Dataset::xor();
        let set = PointSet::from_dataset(&xor);
        assert_eq!(set.len(), 4);
        assert_eq!(set.to_dataset(), xor);
    }

    #[test]
    fn remove_nearest_takes_the_closest_and_empty_gives_none() {
        let mut set = PointSet::default();
        set.add(0.0, 0.0, 0);
        set.add(2.0, 0.0, 1);
        set.add(5.0, 5.0, 7);
        assert_eq!(set.points()[2].label, 1, "labels are 0 or 1");
        let removed = set.remove_nearest(1.4, 0.1).unwrap();
        assert_eq!((removed.x1, removed.label), (2.0, 1));
        set.clear();
        assert!(set.remove_nearest(0.0, 0.0).is_none());
    }

    #[test]
    fn serialises_as_a_plain_list() {
        let mut set = PointSet::default();
        set.add(0.5, -1.0, 1);
        let text = serde_json::to_string(&set).unwrap();
        assert_eq!(text, r#"[{"x1":0.5,"x2":-1.0,"label":1}]"#);
        assert_eq!(serde_json::from_str::<PointSet>(&text).unwrap(), set);
    }
}
