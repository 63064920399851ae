//! Points a person places by hand (or imports): a dataset held inline in the experiment, so a
//! saved experiment carries its own data.

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use super::{Dataset, Split};
use crate::nn::MAX_CLASSES;

/// One labelled point in the plane.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelledPoint {
    /// First input.
    pub x1: f64,
    /// Second input.
    pub x2: f64,
    /// Class, 0 to [`MAX_CLASSES`]` - 1`.
    pub label: u8,
    /// Whether the point is held out for testing (it came from a dataset's test set). Painted
    /// points train. Left out of files when false, so a list of training points reads as it
    /// always did.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
}

/// An editable list of labelled points, each in the training or the test set.
///
/// ```
/// use nn_playground::data::PointSet;
/// let mut set = PointSet::default();
/// set.add(0.0, 0.0, 1);
/// set.add(1.0, 1.0, 0);
/// set.add(2.0, 0.0, 4);
/// assert_eq!(set.classes(), 5);
/// assert_eq!(set.remove_nearest(0.9, 0.8).map(|p| p.label), Some(0));
/// assert_eq!(set.to_dataset().len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PointSet {
    points: Vec<LabelledPoint>,
}

impl PointSet {
    /// The points of `data` (their places in the plane), all training points.
    pub fn from_dataset(data: &Dataset) -> Self {
        let mut set = Self::default();
        set.extend_from(data, false);
        set
    }

    /// The points of both sets of `split`, the test points marked as such, so that
    /// [`Self::to_split`] gives the same split back.
    pub fn from_split(split: &Split) -> Self {
        let mut set = Self::default();
        set.extend_from(&split.train, false);
        set.extend_from(&split.test, true);
        set
    }

    /// Appends the points of `data` (their places in the plane), as test points when `test`.
    pub fn extend_from(&mut self, data: &Dataset, test: bool) {
        for ((x1, x2, _), &label) in data.plane_points().zip(data.label_slice()) {
            // Labels of a checked dataset are whole numbers below MAX_CLASSES; `as` saturates
            // anything else into range before `push` clamps it.
            self.push(point(x1, x2, label as u8), test);
        }
    }

    /// Adds a training point of class `label` (labels above the last class count as the last).
    pub fn add(&mut self, x1: f64, x2: f64, label: u8) {
        self.push(point(x1, x2, label), false);
    }

    fn push(&mut self, mut point: LabelledPoint, test: bool) {
        point.label = point.label.min(LAST_CLASS);
        point.test = test;
        self.points.push(point);
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

    /// The classes the labels call for: one more than the largest label, at least 2.
    pub fn classes(&self) -> usize {
        let largest = self.points.iter().map(|p| p.label).max().unwrap_or(0);
        (usize::from(largest) + 1).max(2)
    }

    /// Points held out for testing.
    pub fn test_len(&self) -> usize {
        self.points.iter().filter(|p| p.test).count()
    }

    /// Every point, training and test alike, as a two-feature dataset, in order.
    pub fn to_dataset(&self) -> Dataset {
        dataset_of(self.points.iter())
    }

    /// The training points and the test points, each a two-feature dataset in order.
    pub fn to_split(&self) -> Split {
        Split {
            train: dataset_of(self.points.iter().filter(|p| !p.test)),
            test: dataset_of(self.points.iter().filter(|p| p.test)),
        }
    }
}

/// The largest label a point can have.
const LAST_CLASS: u8 = MAX_CLASSES as u8 - 1;

fn point(x1: f64, x2: f64, label: u8) -> LabelledPoint {
    LabelledPoint {
        x1,
        x2,
        label,
        test: false,
    }
}

fn dataset_of<'a>(points: impl Iterator<Item = &'a LabelledPoint> + Clone) -> Dataset {
    let inputs: Vec<f64> = points.clone().flat_map(|p| [p.x1, p.x2]).collect();
    let labels: Vec<f64> = points.map(|p| f64::from(p.label)).collect();
    let inputs = Array2::from_shape_vec((labels.len(), 2), inputs)
        .unwrap_or_else(|_| unreachable!("two inputs per point by construction"));
    Dataset::new(inputs, Array1::from_vec(labels))
        .unwrap_or_else(|| unreachable!("one label per point by construction"))
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
    fn labels_up_to_the_last_class_are_kept() {
        let mut set = PointSet::default();
        for label in [0, 3, 5, 9] {
            set.add(0.0, f64::from(label), label);
        }
        let labels: Vec<u8> = set.points().iter().map(|p| p.label).collect();
        assert_eq!(labels, vec![0, 3, 5, 5], "9 is past the last class");
        assert_eq!(set.classes(), 6);
        let four = Dataset::new(
            Array2::from_shape_vec((4, 2), vec![0.0; 8]).unwrap(),
            Array1::from_vec(vec![0.0, 1.0, 2.0, 3.0]),
        )
        .unwrap();
        assert_eq!(PointSet::from_dataset(&four).classes(), 4);
        assert_eq!(PointSet::from_dataset(&four).to_dataset(), four);
        assert_eq!(PointSet::default().classes(), 2);
    }

    #[test]
    fn a_split_comes_back_as_it_went_in() {
        let train = Dataset::xor();
        let test = train.select(&[3, 0]);
        let split = Split { train, test };
        let mut set = PointSet::from_split(&split);
        assert_eq!((set.len(), set.test_len()), (6, 2));
        assert_eq!(set.to_split(), split);
        set.add(0.5, 0.5, 2);
        let again = set.to_split();
        assert_eq!(again.train.len(), 5, "a painted point trains");
        assert_eq!(again.test, split.test, "the test set is untouched");
    }

    #[test]
    fn remove_nearest_takes_the_closest_and_empty_gives_none() {
        let mut set = PointSet::default();
        set.add(0.0, 0.0, 0);
        set.add(2.0, 0.0, 1);
        set.add(5.0, 5.0, 2);
        let removed = set.remove_nearest(1.4, 0.1).unwrap();
        assert_eq!((removed.x1, removed.label), (2.0, 1));
        set.clear();
        assert!(set.remove_nearest(0.0, 0.0).is_none());
    }

    #[test]
    fn serialises_as_a_plain_list_marking_only_test_points() {
        let mut set = PointSet::default();
        set.add(0.5, -1.0, 1);
        let text = serde_json::to_string(&set).unwrap();
        assert_eq!(text, r#"[{"x1":0.5,"x2":-1.0,"label":1}]"#);
        assert_eq!(serde_json::from_str::<PointSet>(&text).unwrap(), set);
        let test = Split {
            train: Dataset::empty(2),
            test: set.to_dataset(),
        };
        let marked = PointSet::from_split(&test);
        let text = serde_json::to_string(&marked).unwrap();
        assert_eq!(text, r#"[{"x1":0.5,"x2":-1.0,"label":1,"test":true}]"#);
        assert_eq!(serde_json::from_str::<PointSet>(&text).unwrap(), marked);
    }
}
