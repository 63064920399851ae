//! What the window asks to have explained (the whole batch, or one data point), and the
//! explanation the training thread computes for it with each snapshot: one place where the
//! numbers of the Explain window come from, computed from the same weights as the snapshot
//! that carries them.

use crate::{
    data::Split,
    train::Trainer,
    view::explain::{Explanation, Phase, Step},
};

/// Work (samples × parameters) up to which an explanation is refreshed with every snapshot
/// while training plays. The plain sample-by-sample passes take about 10 ns a
/// sample-parameter here, so this is about a millisecond per frame; a bigger one is
/// refreshed when training pauses or steps.
pub const LIVE_EXPLAIN_WORK: usize = 100_000;

/// What an explanation follows.
#[derive(Clone, Debug, PartialEq)]
pub enum ExplainTarget {
    /// Every training point as one batch: the gradient as the tutorial takes it, the mean
    /// over the `m` samples.
    Batch,
    /// One data point, as a batch of one.
    Point {
        /// Its inputs, input features included (`x1, x2` first).
        inputs: Vec<f64>,
        /// Its label.
        label: f64,
        /// Whether it is one of the test points (which training never sees).
        is_test: bool,
    },
    /// The mini-batch the next step of training takes (the step shown phase by phase).
    NextBatch {
        /// Its samples' inputs, sample after sample.
        inputs: Vec<f64>,
        /// Their labels.
        labels: Vec<f64>,
        /// Which mini-batch of the epoch it is, from 1.
        batch: usize,
        /// Mini-batches per epoch.
        batches: usize,
    },
}

impl ExplainTarget {
    /// The data point of `data` nearest to `(x1, x2)`, if one lies within `within` of it
    /// (Euclidean, in the plane's units), training points before test points at equal
    /// distance.
    pub fn nearest(data: &Split, x1: f64, x2: f64, within: f64) -> Option<Self> {
        // Distances in the plane, where the user clicked (not among the computed features).
        let mut best: Option<(f64, Self)> = None;
        for (set, is_test) in [(&data.train, false), (&data.test, true)] {
            let width = set.features().max(1);
            let rows = set.input_slice().chunks_exact(width);
            for ((row, &label), (px, py, _)) in rows.zip(set.label_slice()).zip(set.plane_points())
            {
                let (dx, dy) = (px - x1, py - x2);
                let distance = dx.hypot(dy);
                if distance <= within && best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    let point = Self::Point {
                        inputs: row.to_vec(),
                        label,
                        is_test,
                    };
                    best = Some((distance, point));
                }
            }
        }
        best.map(|(_, point)| point)
    }

    /// The point of `data` whose inputs are exactly `inputs`, to keep explaining it after a
    /// rebuild; `None` when the points or their features changed.
    pub fn same_point(data: &Split, inputs: &[f64]) -> Option<Self> {
        [(&data.train, false), (&data.test, true)]
            .into_iter()
            .find_map(|(set, is_test)| {
                let width = set.features().max(1);
                let rows = set.input_slice().chunks_exact(width);
                rows.zip(set.label_slice())
                    .find(|(row, _)| *row == inputs)
                    .map(|(row, &label)| Self::Point {
                        inputs: row.to_vec(),
                        label,
                        is_test,
                    })
            })
    }

    /// The number of samples the step averages over for `trainer`.
    pub fn samples(&self, trainer: &Trainer) -> usize {
        match self {
            Self::Batch => trainer.data().train.len(),
            Self::Point { .. } => 1,
            Self::NextBatch { labels, .. } => labels.len(),
        }
    }

    /// Its explanation, with the trainer's weights, optimiser state and the learning rate in
    /// force.
    pub fn explain(&self, trainer: &Trainer) -> Explanation {
        match self {
            Self::Batch => {
                let train = &trainer.data().train;
                explain_step(trainer, train.input_slice(), train.label_slice())
            }
            Self::Point { inputs, label, .. } => {
                explain_step(trainer, inputs, std::slice::from_ref(label))
            }
            Self::NextBatch { inputs, labels, .. } => explain_step(trainer, inputs, labels),
        }
    }
}

/// An explanation and what it is of.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// What it follows.
    pub target: ExplainTarget,
    /// The epoch whose weights it explains.
    pub epoch: u64,
    /// The numbers.
    pub explanation: Explanation,
}

impl Explained {
    /// `target` explained on `trainer` as it stands.
    pub fn new(target: ExplainTarget, trainer: &Trainer) -> Self {
        Self {
            explanation: target.explain(trainer),
            epoch: trainer.epoch(),
            target,
        }
    }
}

/// One training step shown phase by phase: the phase at work, and the step's numbers, taken
/// before its update (so its `W'` are the weights the update left).
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseStep {
    /// The phase shown.
    pub phase: Phase,
    /// The step's numbers ([`ExplainTarget::NextBatch`]).
    pub explained: std::sync::Arc<Explained>,
}

impl PhaseStep {
    /// The next phase after `phase`, or `None` after the update (the step is done).
    pub fn after(phase: Phase) -> Option<Phase> {
        match phase {
            Phase::Forward => Some(Phase::Loss),
            Phase::Loss => Some(Phase::Backward),
            Phase::Backward => Some(Phase::Update),
            Phase::Update => None,
        }
    }
}

/// The step `trainer`'s next update would take on `inputs` (its features, sample after
/// sample) and `targets`, at the learning rate its schedule has in force now. Dropout is left
/// out (see [`Explanation`]).
pub fn explain_step(trainer: &Trainer, inputs: &[f64], targets: &[f64]) -> Explanation {
    let config = trainer.config();
    let step = Step {
        inputs,
        targets,
        loss: config.loss,
        penalty: config.penalty(),
        learning_rate: config.schedule.rate(config.learning_rate, trainer.epoch()),
        optimizer: trainer.optimizer(),
    };
    Explanation::new(trainer.network(), step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Experiment;

    #[test]
    fn the_nearest_point_within_reach_is_taken() {
        let trainer = Experiment::default().trainer().unwrap();
        let data = trainer.data();
        let Some(ExplainTarget::Point { inputs, label, .. }) =
            ExplainTarget::nearest(data, 0.1, 0.9, 0.2)
        else {
            panic!("(0, 1) is within reach");
        };
        assert_eq!((inputs, label), (vec![0.0, 1.0], 1.0));
        assert!(ExplainTarget::nearest(data, 0.5, 0.5, 0.2).is_none());
    }

    #[test]
    fn a_point_is_a_batch_of_one() {
        let trainer = Experiment::default().trainer().unwrap();
        let target = ExplainTarget::nearest(trainer.data(), 1.0, 1.0, 0.01).unwrap();
        let explained = Explained::new(target, &trainer);
        assert_eq!(explained.explanation.samples(), 1);
        assert_eq!(explained.explanation.y, [0.0]);
        assert_eq!(ExplainTarget::Batch.explain(&trainer).samples(), 4);
    }
}
