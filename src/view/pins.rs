//! Pinned runs: keep a run's loss curve to compare the next runs against, each labelled by
//! what changed from the first pinned run ("lr 0.5->0.1, adam").

use crate::{experiment::Experiment, nn::Activation, train::LossHistory};

/// The most runs kept pinned; pinning one more drops the oldest after the first.
pub const MAX_PINS: usize = 8;

/// One pinned run: its settings and training-loss curve.
#[derive(Clone, Debug, PartialEq)]
pub struct PinnedRun {
    /// What the legend says.
    pub label: String,
    /// The run's settings when pinned.
    pub experiment: Experiment,
    /// `[epoch, train loss]` points (linear loss).
    pub curve: Vec<[f64; 2]>,
}

/// The pinned runs, each with its loss curve (the plot applies its own scale).
///
/// ```
/// use nn_playground::{view::pins::Pins, experiment::Experiment};
/// let mut trainer = Experiment::default().trainer().unwrap();
/// trainer.run(10).unwrap();
/// let mut pins = Pins::default();
/// pins.pin(&Experiment::default(), trainer.history());
/// let mut faster = Experiment::default();
/// faster.training.learning_rate = 1.0;
/// assert_eq!(pins.label_for(&faster), "lr 0.5->1");
/// pins.pin(&faster, trainer.history());
/// assert_eq!(pins.runs()[1].label, "pin 2: lr 0.5->1");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Pins {
    runs: Vec<PinnedRun>,
}

impl Pins {
    /// Pins a run: `experiment`'s settings and the training curve of `history`.
    pub fn pin(&mut self, experiment: &Experiment, history: &LossHistory) {
        if self.runs.len() == MAX_PINS {
            self.runs.remove(1);
        }
        let number = self.runs.len() + 1;
        let label = match self.runs.first() {
            None => "pin 1".to_owned(),
            Some(_) => format!("pin {number}: {}", self.label_for(experiment)),
        };
        let curve: Vec<[f64; 2]> = history.curve().map(|p| [p.epoch as f64, p.train]).collect();
        self.runs.push(PinnedRun {
            label,
            experiment: experiment.clone(),
            curve,
        });
    }

    /// Forgets every pinned run.
    pub fn clear(&mut self) {
        self.runs.clear();
    }

    /// The pinned runs, oldest first.
    pub fn runs(&self) -> &[PinnedRun] {
        &self.runs
    }

    /// Whether nothing is pinned.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// What `experiment` changes from the first pinned run ("" with nothing pinned).
    pub fn label_for(&self, experiment: &Experiment) -> String {
        self.runs
            .first()
            .map(|first| describe_change(&first.experiment, experiment))
            .unwrap_or_default()
    }
}

/// What changed from `from` to `to`, briefly: `"lr 0.5->0.1, adam, 2 layers of 8"`, or
/// `"same settings"`.
pub fn describe_change(from: &Experiment, to: &Experiment) -> String {
    let mut parts = Vec::new();
    let (a, b) = (&from.training, &to.training);
    if a.learning_rate != b.learning_rate {
        parts.push(format!("lr {}->{}", a.learning_rate, b.learning_rate));
    }
    if a.optimizer != b.optimizer {
        parts.push(b.optimizer.name().to_owned());
    }
    if a.loss != b.loss {
        parts.push(b.loss.name().to_owned());
    }
    if a.l2 != b.l2 {
        parts.push(format!("L2 {}->{}", a.l2, b.l2));
    }
    if a.l1 != b.l1 {
        parts.push(format!("L1 {}->{}", a.l1, b.l1));
    }
    if a.batch_size != b.batch_size {
        parts.push(match b.batch_size {
            Some(n) => format!("batch {n}"),
            None => "full batch".to_owned(),
        });
    }
    let (a, b) = (&from.network, &to.network);
    if a.hidden != b.hidden {
        let sizes: Vec<String> = b.hidden.iter().map(usize::to_string).collect();
        parts.push(format!("hidden {}", sizes.join("-")));
    }
    if a.activations != b.activations {
        parts.extend(Activation::list_name(&b.activations));
    }
    if a.init != b.init {
        parts.push(format!("{} init", b.init.name()));
    }
    let (a, b) = (&from.data, &to.data);
    if a.kind != b.kind {
        parts.push(b.kind.name());
    }
    if a.points != b.points && b.kind.is_generated() {
        parts.push(format!("{} points", b.points));
    }
    if a.noise != b.noise && b.kind.is_generated() {
        parts.push(format!("noise {}->{}", a.noise, b.noise));
    }
    if a.test_ratio != b.test_ratio {
        parts.push(format!("test {}->{}", a.test_ratio, b.test_ratio));
    }
    if from.seed != to.seed {
        parts.push(format!("seed {}", to.seed));
    }
    if parts.is_empty() {
        "same settings".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Optimizer;

    #[test]
    fn changes_are_listed_in_order_and_nothing_says_so() {
        let base = Experiment::default();
        assert_eq!(describe_change(&base, &base), "same settings");
        let mut other = base.clone();
        other.training.learning_rate = 0.1;
        other.training.optimizer = Optimizer::Adam;
        other.network.hidden = vec![8, 8];
        other.seed = 3;
        assert_eq!(
            describe_change(&base, &other),
            "lr 0.5->0.1, adam, hidden 8-8, seed 3"
        );
    }

    #[test]
    fn pins_keep_the_loss_curve_and_clear_forgets_them() {
        let mut trainer = Experiment::default().trainer().unwrap();
        trainer.run(5).unwrap();
        let mut pins = Pins::default();
        pins.pin(&Experiment::default(), trainer.history());
        pins.pin(&Experiment::default(), trainer.history());
        let first = trainer.history().curve().next().unwrap();
        assert_eq!(pins.runs()[1].curve[0], [first.epoch as f64, first.train]);
        assert_eq!(pins.runs()[1].label, "pin 2: same settings");
        pins.clear();
        assert!(pins.is_empty());
    }

    #[test]
    fn the_oldest_pin_after_the_first_makes_room() {
        let trainer = Experiment::default().trainer().unwrap();
        let mut pins = Pins::default();
        for _ in 0..MAX_PINS + 2 {
            pins.pin(&Experiment::default(), trainer.history());
        }
        assert_eq!(pins.runs().len(), MAX_PINS);
        assert_eq!(pins.runs()[0].label, "pin 1");
    }
}
