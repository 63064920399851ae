//! A labelled set of points.

use ndarray::{Array1, Array2, Axis};
use rand::{Rng, seq::SliceRandom as _};

/// Points (`n × features`, row-major) with a label each: 0 or 1 for two classes, or a class
/// index `0..K` (stored as `f64`) for `K` up to [`crate::nn::MAX_CLASSES`].
///
/// ```
/// use nn_playground::data::Dataset;
/// let xor = Dataset::xor();
/// assert_eq!(xor.len(), 4);
/// assert_eq!(xor.labels().to_vec(), vec![0.0, 1.0, 1.0, 0.0]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    inputs: Array2<f64>,
    labels: Array1<f64>,
    /// The points' `x1, x2` (`n × 2`) when the inputs are features computed from them
    /// ([`super::Features::apply`]): without `x1`, say, the inputs no longer hold the plane.
    /// `None` when the inputs' first two columns are `x1, x2`.
    plane: Option<Array2<f64>>,
}

/// The rectangle a dataset's points span, padded: what the boundary view shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Domain {
    /// Smallest and largest `x1`.
    pub x: [f64; 2],
    /// Smallest and largest `x2`.
    pub y: [f64; 2],
}

impl Domain {
    /// Maps `t ∈ [0, 1]` to the `x1` range.
    pub fn x_at(&self, t: f64) -> f64 {
        self.x[0] + t * (self.x[1] - self.x[0])
    }

    /// Maps `t ∈ [0, 1]` to the `x2` range.
    pub fn y_at(&self, t: f64) -> f64 {
        self.y[0] + t * (self.y[1] - self.y[0])
    }
}

impl Dataset {
    /// A dataset from its parts. Returns `None` when the row counts differ.
    pub fn new(inputs: Array2<f64>, labels: Array1<f64>) -> Option<Self> {
        (inputs.nrows() == labels.len()).then(|| Self {
            inputs: inputs.as_standard_layout().into_owned(),
            labels,
            plane: None,
        })
    }

    /// The same points with `plane` (`n × 2`) as their place in the plane, for inputs that are
    /// features computed from it. Returns `None` when the shape is not `n × 2`.
    pub fn with_plane(self, plane: Array2<f64>) -> Option<Self> {
        if plane.dim() != (self.len(), 2) {
            return None;
        }
        let mut set = self;
        set.plane = Some(plane);
        Some(set)
    }

    /// Whether the inputs are the plane itself: two columns, `x1, x2` (the tutorial's XOR
    /// table shows such points as they are).
    pub fn is_plane(&self) -> bool {
        self.plane.is_none() && self.features() == 2
    }

    /// Point `i`'s place in the plane.
    fn plane_at(&self, i: usize) -> (f64, f64) {
        match &self.plane {
            Some(plane) => (plane[[i, 0]], plane[[i, 1]]),
            None => {
                let row = self.inputs.row(i);
                (row[0], row.get(1).copied().unwrap_or(0.0))
            }
        }
    }

    /// The tutorial's four XOR points: `(0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0`.
    pub fn xor() -> Self {
        let inputs = ndarray::array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
        let labels = ndarray::array![0.0, 1.0, 1.0, 0.0];
        Self {
            inputs,
            labels,
            plane: None,
        }
    }

    /// A dataset with no points and `features` columns.
    pub fn empty(features: usize) -> Self {
        Self {
            inputs: Array2::zeros((0, features)),
            labels: Array1::zeros(0),
            plane: None,
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Number of input features (columns).
    pub fn features(&self) -> usize {
        self.inputs.ncols()
    }

    /// The points, `n × features`.
    pub fn inputs(&self) -> &Array2<f64> {
        &self.inputs
    }

    /// The labels: 0.0 or 1.0, or class indices `0.0, 1.0, 2.0, ...`.
    pub fn labels(&self) -> &Array1<f64> {
        &self.labels
    }

    /// The number of classes the labels call for: the largest label plus one, at least 2 (a
    /// set with only zeros, or no points, is still a two-class problem).
    pub fn classes(&self) -> usize {
        let largest = self.labels.iter().copied().fold(0.0, f64::max);
        (largest as usize).saturating_add(1).max(2)
    }

    /// The points as one row-major slice.
    pub fn input_slice(&self) -> &[f64] {
        self.inputs
            .as_slice()
            .expect("dataset inputs are always in standard layout")
    }

    /// The labels as a slice.
    pub fn label_slice(&self) -> &[f64] {
        self.labels
            .as_slice()
            .expect("dataset labels are always contiguous")
    }

    /// Each point where the plane shows it, with its class: `(x1, x2, class)`. For inputs
    /// computed from the plane (extra features, or `x1` left out) that is the plane the
    /// features came from; otherwise the first two inputs (x2 is 0 for a one-feature set). The
    /// boundary view, its PNG export, the points CSV and painting all place points here.
    pub fn plane_points(&self) -> impl Iterator<Item = (f64, f64, usize)> + '_ {
        (0..self.len()).map(|i| {
            let (x1, x2) = self.plane_at(i);
            (x1, x2, self.labels[i] as usize)
        })
    }

    /// Shuffles the points with `rng` and moves `round(ratio × n)` of them into a test set,
    /// keeping at least one training point. Returns `(train, test)`.
    pub fn split(&self, ratio: f64, rng: &mut impl Rng) -> (Self, Self) {
        let n = self.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(rng);
        let n_test = ((ratio.clamp(0.0, 1.0) * n as f64).round() as usize).min(n.saturating_sub(1));
        let (test_rows, train_rows) = order.split_at(n_test);
        (self.select(train_rows), self.select(test_rows))
    }

    /// The rows at `indices`, in that order.
    pub fn select(&self, indices: &[usize]) -> Self {
        Self {
            inputs: self.inputs.select(Axis(0), indices),
            labels: self.labels.select(Axis(0), indices),
            plane: self.plane.as_ref().map(|p| p.select(Axis(0), indices)),
        }
    }

    /// The bounding box of the points in the plane over `self` and `others`, padded by 10% on
    /// every side (and at least 0.5, so a single point still gets a view).
    pub fn domain<'a>(&'a self, others: impl IntoIterator<Item = &'a Self>) -> Domain {
        let mut x = [f64::INFINITY, f64::NEG_INFINITY];
        let mut y = [f64::INFINITY, f64::NEG_INFINITY];
        for set in std::iter::once(self).chain(others) {
            for (px, py, _) in set.plane_points() {
                x = [x[0].min(px), x[1].max(px)];
                y = [y[0].min(py), y[1].max(py)];
            }
        }
        if !x[0].is_finite() {
            return Domain {
                x: [-1.0, 1.0],
                y: [-1.0, 1.0],
            };
        }
        let pad = |r: [f64; 2]| {
            let p = ((r[1] - r[0]) * 0.1).max(0.5);
            [r[0] - p, r[1] + p]
        };
        Domain {
            x: pad(x),
            y: pad(y),
        }
    }
}
