//! The confusion matrix: how many points of each true class went to each predicted class.

use crate::nn::MAX_CLASSES;

/// `K × K` counts, `count(actual, predicted)`, for `K` from 2 to [`MAX_CLASSES`].
///
/// Stored in a fixed array so it is `Copy` and filling one allocates nothing, which keeps the
/// trainer's evaluation allocation-free. For two classes, class 1 is "probability ≥ 0.5".
///
/// ```
/// use nn_playground::train::ConfusionMatrix;
/// let mut m = ConfusionMatrix::new(3);
/// m.record(0, 0);
/// m.record(2, 1);
/// assert_eq!(m.count(2, 1), 1);
/// assert_eq!((m.correct(), m.total()), (1, 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfusionMatrix {
    classes: usize,
    counts: [[usize; MAX_CLASSES]; MAX_CLASSES],
}

impl Default for ConfusionMatrix {
    fn default() -> Self {
        Self::new(2)
    }
}

impl ConfusionMatrix {
    /// Zero counts for `classes` classes (clamped to 2 to [`MAX_CLASSES`]).
    pub fn new(classes: usize) -> Self {
        Self {
            classes: classes.clamp(2, MAX_CLASSES),
            counts: [[0; MAX_CLASSES]; MAX_CLASSES],
        }
    }

    /// Number of classes `K`.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Counts one point of class `actual` predicted as `predicted` (both below `K`; anything
    /// larger is counted in the last class rather than panicking).
    pub fn record(&mut self, actual: usize, predicted: usize) {
        let last = self.classes - 1;
        self.counts[actual.min(last)][predicted.min(last)] += 1;
    }

    /// Points of class `actual` predicted as `predicted` (0 outside the matrix).
    pub fn count(&self, actual: usize, predicted: usize) -> usize {
        if actual < self.classes && predicted < self.classes {
            self.counts[actual][predicted]
        } else {
            0
        }
    }

    /// The counts of true class `actual`, one per predicted class (`K` long; empty outside).
    pub fn row(&self, actual: usize) -> &[usize] {
        self.counts
            .get(actual)
            .filter(|_| actual < self.classes)
            .map_or(&[][..], |row| &row[..self.classes])
    }

    /// Points counted.
    pub fn total(&self) -> usize {
        (0..self.classes)
            .map(|a| self.row(a).iter().sum::<usize>())
            .sum()
    }

    /// Points on the diagonal: predicted as their own class.
    pub fn correct(&self) -> usize {
        (0..self.classes).map(|k| self.counts[k][k]).sum()
    }

    /// Share of class `actual`'s points predicted right (its recall), or `None` without any.
    pub fn recall(&self, actual: usize) -> Option<f64> {
        let row_total: usize = self.row(actual).iter().sum();
        (row_total > 0).then(|| self.count(actual, actual) as f64 / row_total as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rows_and_recall() {
        let mut m = ConfusionMatrix::new(4);
        for (a, p) in [(0, 0), (0, 0), (0, 3), (3, 3), (1, 2)] {
            m.record(a, p);
        }
        assert_eq!(m.row(0), &[2, 0, 0, 1]);
        assert_eq!(m.row(4), &[] as &[usize]);
        assert_eq!(m.total(), 5);
        assert_eq!(m.correct(), 3);
        assert_eq!(m.recall(0), Some(2.0 / 3.0));
        assert_eq!(m.recall(2), None);
        assert_eq!(m.count(5, 5), 0);
    }

    #[test]
    fn class_counts_are_clamped() {
        assert_eq!(ConfusionMatrix::new(0).classes(), 2);
        assert_eq!(ConfusionMatrix::new(99).classes(), MAX_CLASSES);
    }
}
