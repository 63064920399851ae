//! A loss history whose memory does not grow with the number of epochs.

use serde::{Deserialize, Serialize};

/// The most points a history keeps by default.
pub const DEFAULT_CAPACITY: usize = 2048;

/// The loss at one epoch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossPoint {
    /// The epoch (0-based) whose pre-update loss this is.
    pub epoch: u64,
    /// Mean loss on the training set.
    pub train: f64,
    /// Mean loss on the test set, when there is one.
    pub test: Option<f64>,
}

/// Loss points at a regular stride of epochs, thinned as the run grows, plus the latest point.
///
/// It starts recording every epoch. When full, it drops every other point and doubles the
/// stride, so it always spans the whole run with between half and all of its capacity, at
/// evenly spaced epochs: the curve keeps its shape at 10 or 10⁹ epochs in the same memory.
///
/// ```
/// use nn_playground::train::{LossHistory, LossPoint};
/// let mut h = LossHistory::with_capacity(4);
/// for epoch in 0..100 {
///     if h.wants(epoch) {
///         h.push(LossPoint { epoch, train: 1.0 / (epoch + 1) as f64, test: None });
///     }
/// }
/// assert!(h.points().len() <= 4);
/// assert_eq!(h.points()[0].epoch, 0);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossHistory {
    points: Vec<LossPoint>,
    stride: u64,
    /// The first epoch [`Self::wants`]: a comparison per epoch instead of a division.
    next_wanted: u64,
    capacity: usize,
    latest: Option<LossPoint>,
}

impl Default for LossHistory {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl LossHistory {
    /// An empty history keeping at most `capacity` (at least 2) strided points.
    pub fn with_capacity(capacity: usize) -> Self {
        let capacity = capacity.max(2);
        Self {
            points: Vec::with_capacity(capacity),
            stride: 1,
            next_wanted: 0,
            capacity,
            latest: None,
        }
    }

    /// Whether the point of `epoch` should be [`push`](Self::push)ed.
    #[inline]
    pub fn wants(&self, epoch: u64) -> bool {
        epoch >= self.next_wanted && epoch.is_multiple_of(self.stride)
    }

    /// Records a point the history [`wants`](Self::wants); it becomes the latest point too.
    pub fn push(&mut self, point: LossPoint) {
        if self.points.len() == self.capacity {
            self.stride *= 2;
            let stride = self.stride;
            self.points.retain(|p| p.epoch.is_multiple_of(stride));
        }
        if point.epoch.is_multiple_of(self.stride) {
            self.points.push(point);
        }
        self.next_wanted = (point.epoch / self.stride + 1) * self.stride;
        self.latest = Some(point);
    }

    /// Records the most recent point without storing it among the strided ones.
    pub fn set_latest(&mut self, point: LossPoint) {
        self.latest = Some(point);
    }

    /// The strided points, oldest first.
    pub fn points(&self) -> &[LossPoint] {
        &self.points
    }

    /// The most recent point seen.
    pub fn latest(&self) -> Option<LossPoint> {
        self.latest
    }

    /// The strided points followed by the latest one when it is newer: what a plot draws.
    pub fn curve(&self) -> impl Iterator<Item = LossPoint> + '_ {
        let last_epoch = self.points.last().map(|p| p.epoch);
        let tail = self
            .latest
            .filter(|l| Some(l.epoch) != last_epoch && last_epoch.is_none_or(|e| l.epoch > e));
        self.points.iter().copied().chain(tail)
    }

    /// Epochs between stored points.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    /// The most points kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.points.clear();
        self.stride = 1;
        self.next_wanted = 0;
        self.latest = None;
    }

    /// Drops points after `epoch` (used when training rolls back after divergence).
    pub fn truncate_after(&mut self, epoch: u64) {
        self.points.retain(|p| p.epoch <= epoch);
        self.next_wanted = self.points.last().map_or(0, |p| p.epoch + self.stride);
        self.latest = self
            .latest
            .filter(|p| p.epoch <= epoch)
            .or(self.points.last().copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(h: &mut LossHistory, epochs: u64) {
        for epoch in 0..epochs {
            let point = LossPoint {
                epoch,
                train: epoch as f64,
                test: None,
            };
            if h.wants(epoch) {
                h.push(point);
            } else {
                h.set_latest(point);
            }
        }
    }

    #[test]
    fn stays_bounded_evenly_spaced_and_current() {
        let mut h = LossHistory::with_capacity(100);
        fill(&mut h, 1_000_003);
        let points = h.points();
        assert!(
            points.len() <= 100 && points.len() >= 50,
            "{}",
            points.len()
        );
        assert_eq!(points[0].epoch, 0);
        let stride = h.stride();
        assert!(points.windows(2).all(|w| w[1].epoch - w[0].epoch == stride));
        assert!(points.last().unwrap().epoch + stride > 1_000_002);
        assert_eq!(h.latest().unwrap().epoch, 1_000_002);
        assert_eq!(h.curve().last().unwrap().epoch, 1_000_002);
    }

    #[test]
    fn short_runs_keep_every_epoch() {
        let mut h = LossHistory::with_capacity(100);
        fill(&mut h, 60);
        assert_eq!(h.points().len(), 60);
        assert_eq!(h.curve().count(), 60);
    }
}
