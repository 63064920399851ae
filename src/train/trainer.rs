//! The trainer: a network, its data and optimiser, advanced a number of epochs per call.

use std::time::Instant;

use rand::{rngs::StdRng, seq::SliceRandom as _};

use super::{ConfusionMatrix, LossHistory, LossPoint, TrainConfig, TrainError};
use crate::{
    data::{Dataset, Split},
    nn::{Dropout, Gradients, Loss, Network, OptimizerState, Workspace, backprop_loaded},
};

/// Rows per forward pass when evaluating whole datasets.
const EVAL_CHUNK: usize = 256;

/// Loss, accuracy and confusion matrix of the current network on one dataset.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Mean loss (as reported: the tutorial's MSE, or cross-entropy).
    pub loss: f64,
    /// Share of points classified right, 0 to 1: on the right side of 0.5 for two classes,
    /// the most probable class (argmax) for more.
    pub accuracy: f64,
    /// Points classified right.
    pub correct: usize,
    /// Points evaluated.
    pub total: usize,
    /// Points per (true class, predicted class).
    pub confusion: ConfusionMatrix,
}

impl Evaluation {
    /// Whether every point is classified right (and there is at least one).
    pub fn is_perfect(&self) -> bool {
        self.total > 0 && self.correct == self.total
    }
}

/// Trains one network on one dataset; what the window calls every frame and the CLI in a loop.
///
/// All buffers are sized when the trainer is made (or when the batch size changes), so an
/// epoch allocates nothing. Runs are deterministic: the same network, data, config and RNG give
/// bit-identical results.
///
/// ```
/// use nn_playground::experiment::Experiment;
/// let mut trainer = Experiment::default().trainer().unwrap();
/// trainer.run(100).unwrap();
/// assert_eq!(trainer.epoch(), 100);
/// assert!(trainer.history().points().len() >= 100);
/// ```
#[derive(Debug)]
pub struct Trainer {
    network: Network,
    optimizer: OptimizerState,
    config: TrainConfig,
    data: Split,
    rng: StdRng,
    epoch: u64,
    history: LossHistory,
    train_eval: Evaluation,
    test_eval: Option<Evaluation>,
    epochs_per_second: f64,
    diverged_at: Option<u64>,
    // Reused buffers.
    grads: Gradients,
    batch_ws: Workspace,
    eval_ws: Workspace,
    order: Vec<usize>,
    /// How far the epoch under way has come (mini-batches can be trained one at a time).
    progress: EpochProgress,
    // The state at the start of the current `run`, restored on divergence.
    saved_network: Network,
    saved_optimizer: OptimizerState,
    saved_progress: EpochProgress,
}

/// How far an epoch has come: whether it has begun (its mini-batch order drawn), the batches
/// trained of it, their losses summed (each batch's mean times its size) and whether every
/// update so far stayed finite.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct EpochProgress {
    begun: bool,
    batches: usize,
    loss_sum: f64,
    finite: bool,
}

impl Trainer {
    /// A trainer for `network` on `data`; `rng` shuffles mini-batches.
    pub fn new(
        network: Network,
        data: Split,
        config: TrainConfig,
        rng: StdRng,
    ) -> Result<Self, TrainError> {
        config.check()?;
        check_loss(&network, config.loss)?;
        check_data(&network, &data)?;
        let rows = config.rows_per_batch(data.train.len());
        let mut trainer = Self {
            optimizer: OptimizerState::new(config.optimizer, &network),
            grads: Gradients::zeros_like(&network),
            batch_ws: batch_workspace(&network, &data, rows),
            eval_ws: Workspace::new(&network, EVAL_CHUNK),
            order: (0..data.train.len()).collect(),
            saved_network: network.clone(),
            saved_optimizer: OptimizerState::new(config.optimizer, &network),
            progress: EpochProgress::default(),
            saved_progress: EpochProgress::default(),
            network,
            config,
            data,
            rng,
            epoch: 0,
            history: LossHistory::default(),
            train_eval: Evaluation::default(),
            test_eval: None,
            epochs_per_second: 0.0,
            diverged_at: None,
        };
        trainer.refresh_evaluation();
        Ok(trainer)
    }

    /// The optimiser's running state: what the next update starts from.
    pub fn optimizer(&self) -> &OptimizerState {
        &self.optimizer
    }

    /// The network as trained so far.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The training and test sets.
    pub fn data(&self) -> &Split {
        &self.data
    }

    /// The hyper-parameters in force.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Epochs trained so far (the next epoch's 0-based index).
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Starts the epoch count at `epoch`, e.g. for a network loaded from a file.
    pub fn set_epoch(&mut self, epoch: u64) {
        self.epoch = epoch;
        self.history.clear();
        self.record_latest();
    }

    /// The loss history (bounded, see [`LossHistory`]).
    pub fn history(&self) -> &LossHistory {
        &self.history
    }

    /// The current network on the training set.
    pub fn train_evaluation(&self) -> Evaluation {
        self.train_eval
    }

    /// The current network on the test set, when there is one.
    pub fn test_evaluation(&self) -> Option<Evaluation> {
        self.test_eval
    }

    /// Speed of the last [`run`](Self::run).
    pub fn epochs_per_second(&self) -> f64 {
        self.epochs_per_second
    }

    /// The epoch at which the last run diverged, until a run succeeds.
    pub fn diverged_at(&self) -> Option<u64> {
        self.diverged_at
    }

    /// Changes hyper-parameters between epochs, keeping the weights and the epoch count.
    ///
    /// Switching optimiser starts its state from zero; a new batch size resizes the batch
    /// buffers (the only allocation, and only when it changes) and starts the epoch under way
    /// afresh.
    pub fn set_config(&mut self, config: TrainConfig) -> Result<(), TrainError> {
        config.check()?;
        check_loss(&self.network, config.loss)?;
        self.optimizer.set_kind(config.optimizer);
        let n = self.data.train.len();
        let rows = config.rows_per_batch(n);
        if rows != self.config.rows_per_batch(n) {
            self.resize_batch(rows);
            self.progress = EpochProgress::default();
        }
        if config.loss != self.config.loss {
            self.config = config;
            self.refresh_evaluation();
        } else {
            self.config = config;
        }
        Ok(())
    }

    /// Replaces the data, keeping the network (whose inputs must match). Resets nothing else.
    pub fn set_data(&mut self, data: Split) -> Result<(), TrainError> {
        check_data(&self.network, &data)?;
        self.data = data;
        self.order = (0..self.data.train.len()).collect();
        self.progress = EpochProgress::default();
        self.resize_batch(self.config.rows_per_batch(self.data.train.len()));
        self.refresh_evaluation();
        Ok(())
    }

    fn resize_batch(&mut self, rows: usize) {
        self.batch_ws = batch_workspace(&self.network, &self.data, rows);
    }

    /// Whether the configuration's stop target ([`TrainConfig::stop_at`]) is met by the
    /// current evaluations; never without a target.
    pub fn is_target_reached(&self) -> bool {
        self.config
            .stop_at
            .is_some_and(|stop| stop.is_reached(&self.train_eval, self.test_eval.as_ref()))
    }

    /// Trains `epochs` epochs, then refreshes the evaluations and the speed. With a stop
    /// target, the evaluations are refreshed after every epoch and training stops at the first
    /// epoch that meets it (or trains nothing when the target is met already: see
    /// [`Self::is_target_reached`]).
    ///
    /// If the loss or a weight stops being finite, training stops at once: the network and the
    /// optimiser go back to their state at the start of this call (so nothing non-finite is ever
    /// shown), and the error says which epoch diverged.
    pub fn run(&mut self, epochs: u64) -> Result<(), TrainError> {
        let start = Instant::now();
        let start_epoch = self.epoch;
        self.save();
        let stop = self.config.stop_at;
        if self.is_target_reached() {
            return Ok(());
        }
        for _ in 0..epochs {
            let result = self.train_epoch();
            if result.is_ok() && stop.is_some() {
                self.refresh_evaluation();
                if self.is_target_reached() {
                    break;
                }
            }
            if let Err(err) = result {
                self.roll_back(start_epoch, &err);
                return Err(err);
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        let trained = self.epoch - start_epoch;
        if trained > 0 && seconds > 0.0 {
            self.epochs_per_second = trained as f64 / seconds;
        }
        self.diverged_at = None;
        self.refresh_evaluation();
        Ok(())
    }

    /// Sets one parameter by hand: the weight from input `from` to neuron `to` of layer
    /// `layer` (from 0), or that neuron's bias when `from` is `None`. Training goes on from
    /// there (the optimiser keeps its state); the evaluations are refreshed.
    pub fn set_parameter(
        &mut self,
        layer: usize,
        from: Option<usize>,
        to: usize,
        value: f64,
    ) -> Result<(), TrainError> {
        if !value.is_finite() {
            return Err(TrainError::BadWeight(format!(
                "a weight must be a finite number, got {value}"
            )));
        }
        let Some(l) = self.network.layers_mut().get_mut(layer) else {
            return Err(TrainError::BadWeight(format!(
                "there is no layer {}",
                layer + 1
            )));
        };
        let (inputs, outputs) = (l.inputs(), l.outputs());
        let index = match from {
            _ if to >= outputs => None,
            Some(i) if i < inputs => Some(to * inputs + i),
            Some(_) => None,
            None => Some(inputs * outputs + to),
        };
        let Some(index) = index else {
            return Err(TrainError::BadWeight(format!(
                "layer {} has {inputs} inputs and {outputs} neurons",
                layer + 1
            )));
        };
        l.params_mut()[index] = value;
        self.refresh_evaluation();
        Ok(())
    }

    /// Keeps the state a failed call goes back to.
    fn save(&mut self) {
        self.saved_network.copy_from(&self.network);
        self.saved_optimizer.copy_from(&self.optimizer);
        self.saved_progress = self.progress;
    }

    /// Goes back to the state [`Self::save`] kept, after `err` at some epoch after
    /// `start_epoch`.
    fn roll_back(&mut self, start_epoch: u64, err: &TrainError) {
        self.network.copy_from(&self.saved_network);
        self.optimizer.copy_from(&self.saved_optimizer);
        self.progress = self.saved_progress;
        self.epoch = start_epoch;
        self.history.truncate_after(start_epoch);
        self.diverged_at = match err {
            TrainError::Diverged { epoch } => Some(*epoch),
            _ => None,
        };
        self.refresh_evaluation();
    }

    /// Trains one epoch and returns its loss (the mean over the epoch's batches, each taken
    /// before its update, as the tutorial prints it). An epoch some of whose mini-batches were
    /// trained already ([`Self::step_batch`]) is finished.
    ///
    /// Unlike [`run`](Self::run) this does not roll back on divergence: it is the raw step,
    /// exposed for benchmarks.
    pub fn train_epoch(&mut self) -> Result<f64, TrainError> {
        loop {
            if let Some(ended) = self.train_batch() {
                return ended;
            }
        }
    }

    /// Trains one mini-batch (the whole training set when the batch takes it all) and then
    /// refreshes the evaluations: the smallest step of training. Epochs trained this way, batch
    /// by batch, are bit-identical to epochs trained whole. On divergence the network goes
    /// back to its state before the batch.
    pub fn step_batch(&mut self) -> Result<(), TrainError> {
        let start_epoch = self.epoch;
        self.save();
        let result = match self.train_batch() {
            Some(ended) => ended.map(|_| ()),
            None if !self.progress.finite => Err(TrainError::Diverged { epoch: self.epoch }),
            None => Ok(()),
        };
        if let Err(err) = &result {
            self.roll_back(start_epoch, err);
        } else {
            self.refresh_evaluation();
        }
        result
    }

    /// The mini-batches of the epoch under way trained so far, and how many an epoch has.
    pub fn batch_position(&self) -> (usize, usize) {
        let n = self.data.train.len();
        (
            self.progress.batches,
            n.div_ceil(self.config.rows_per_batch(n)),
        )
    }

    /// The samples the next mini-batch trains on: their inputs, sample after sample, and
    /// their labels. When that batch begins an epoch, the epoch's batch order is drawn now
    /// (as training would draw it then, so nothing changes).
    pub fn next_batch(&mut self) -> (Vec<f64>, Vec<f64>) {
        self.begin_epoch();
        let train = &self.data.train;
        let (n, width) = (train.len(), train.features());
        let rows = self.config.rows_per_batch(n);
        let start = self.progress.batches * rows;
        let batch = &self.order[start.min(n)..(start + rows).min(n)];
        let (xs, ys) = (train.input_slice(), train.label_slice());
        let inputs = batch
            .iter()
            .flat_map(|&i| &xs[i * width..(i + 1) * width])
            .copied()
            .collect();
        (inputs, batch.iter().map(|&i| ys[i]).collect())
    }

    /// Begins an epoch unless one is under way: draws its mini-batch order.
    fn begin_epoch(&mut self) {
        if self.progress.begun {
            return;
        }
        let n = self.data.train.len();
        if self.config.rows_per_batch(n) < n {
            self.order.shuffle(&mut self.rng);
        }
        self.progress = EpochProgress {
            begun: true,
            batches: 0,
            loss_sum: 0.0,
            finite: true,
        };
    }

    /// Trains the next mini-batch of the epoch under way, beginning one if need be. When the
    /// batch ends the epoch, returns the epoch's loss, or its divergence.
    fn train_batch(&mut self) -> Option<Result<f64, TrainError>> {
        self.begin_epoch();
        let n = self.data.train.len();
        let rows = self.config.rows_per_batch(n);
        let (loss, penalty, rate) = (self.config.loss, self.config.penalty(), self.config.dropout);
        let lr = self
            .config
            .schedule
            .rate(self.config.learning_rate, self.epoch);
        let dropout = (rate > 0.0).then_some(Dropout {
            rate,
            rng: &mut self.rng,
        });
        let ended = if rows >= n {
            // The whole training set sits in the workspace already (see `batch_workspace`).
            let loss_value = backprop_loaded(
                &self.network,
                &mut self.batch_ws,
                n,
                loss,
                penalty,
                &mut self.grads,
                dropout,
            );
            self.progress.finite &= self.optimizer.step(&mut self.network, &self.grads, lr);
            // One batch: the epoch's loss is the batch's.
            self.progress.loss_sum = loss_value;
            true
        } else {
            let start = self.progress.batches * rows;
            let batch = &self.order[start..(start + rows).min(n)];
            let (xs, ys) = (self.data.train.input_slice(), self.data.train.label_slice());
            self.batch_ws.gather(xs, ys, batch);
            let batch_loss = backprop_loaded(
                &self.network,
                &mut self.batch_ws,
                batch.len(),
                loss,
                penalty,
                &mut self.grads,
                dropout,
            );
            self.progress.loss_sum += batch_loss * batch.len() as f64;
            self.progress.finite &= self.optimizer.step(&mut self.network, &self.grads, lr);
            start + rows >= n
        };
        self.progress.batches += 1;
        if !ended {
            return None;
        }
        let progress = std::mem::take(&mut self.progress);
        let epoch_loss = if rows >= n {
            progress.loss_sum
        } else {
            progress.loss_sum / n as f64
        };
        if !(progress.finite && epoch_loss.is_finite()) {
            return Some(Err(TrainError::Diverged { epoch: self.epoch }));
        }
        if self.history.wants(self.epoch) {
            let test = self.evaluate_test_loss();
            self.history.push(LossPoint {
                epoch: self.epoch,
                train: epoch_loss,
                test,
            });
        }
        self.epoch += 1;
        Some(Ok(epoch_loss))
    }

    /// Loss and accuracy of the current network on `data`.
    pub fn evaluate(&mut self, data: &Dataset) -> Evaluation {
        evaluate(&self.network, &mut self.eval_ws, data, self.config.loss)
    }

    fn evaluate_test_loss(&mut self) -> Option<f64> {
        (!self.data.test.is_empty()).then(|| {
            evaluate(
                &self.network,
                &mut self.eval_ws,
                &self.data.test,
                self.config.loss,
            )
            .loss
        })
    }

    fn refresh_evaluation(&mut self) {
        let loss = self.config.loss;
        self.train_eval = evaluate(&self.network, &mut self.eval_ws, &self.data.train, loss);
        self.test_eval = (!self.data.test.is_empty())
            .then(|| evaluate(&self.network, &mut self.eval_ws, &self.data.test, loss));
        self.record_latest();
    }

    fn record_latest(&mut self) {
        self.history.set_latest(LossPoint {
            epoch: self.epoch,
            train: self.train_eval.loss,
            test: self.test_eval.map(|e| e.loss),
        });
    }

    /// Replaces the loss history, e.g. with the one a saved experiment recorded.
    pub fn restore_history(&mut self, history: LossHistory) {
        self.history = history;
    }
}

/// The training batches' workspace: for `rows` samples per batch, holding the whole training
/// set (inputs and targets) when one batch takes all of it, so full-batch epochs (the
/// tutorial's) never copy it. Mini-batches are gathered into it batch by batch instead.
fn batch_workspace(network: &Network, data: &Split, rows: usize) -> Workspace {
    let mut ws = Workspace::new(network, rows);
    let n = data.train.len();
    if rows >= n {
        ws.load(data.train.input_slice(), n);
        ws.load_targets(data.train.label_slice(), n);
    }
    ws
}

/// The loss must be one the network's head trains on (a softmax: cross-entropy only).
fn check_loss(network: &Network, loss: Loss) -> Result<(), TrainError> {
    if !network.head().accepts(loss) {
        return Err(TrainError::LossNeedsTwoClasses {
            loss: loss.name(),
            classes: network.classes(),
        });
    }
    Ok(())
}

fn check_data(network: &Network, data: &Split) -> Result<(), TrainError> {
    if data.train.is_empty() {
        return Err(TrainError::NoData);
    }
    let classes = network.classes();
    for set in [&data.train, &data.test] {
        if set.features() != network.inputs() {
            return Err(TrainError::InputMismatch {
                expected: network.inputs(),
                found: set.features(),
            });
        }
        // Labels are class indices: whole numbers below the network's class count.
        if let Some(&label) = set
            .label_slice()
            .iter()
            .find(|&&y| !(y >= 0.0 && y < classes as f64 && y.fract() == 0.0))
        {
            return Err(TrainError::LabelOutOfRange { label, classes });
        }
    }
    Ok(())
}

/// Loss, accuracy and confusion matrix of `network` on `data`, in chunks through `ws`. The
/// network's head scores each sample (a softmax with cross-entropy, whatever `loss`) and
/// predicts its class.
fn evaluate(network: &Network, ws: &mut Workspace, data: &Dataset, loss: Loss) -> Evaluation {
    let features = network.inputs();
    let chunk = ws.capacity();
    let (head, outputs, classes) = (network.head(), network.outputs(), network.classes());
    let mut confusion = ConfusionMatrix::new(classes);
    let (mut loss_sum, mut correct) = (0.0, 0);
    for (xs, ys) in data
        .input_slice()
        .chunks(chunk * features)
        .zip(data.label_slice().chunks(chunk))
    {
        ws.forward(network, xs, ys.len());
        let (logits, probs) = ws.output(ys.len());
        let samples = probs
            .chunks_exact(outputs)
            .zip(logits.chunks_exact(outputs));
        for ((p, z), &y) in samples.zip(ys) {
            let (actual, predicted) = (head.label_class(y, classes), head.predicted_class(p));
            loss_sum += head.sample_loss(loss, z, p, y);
            correct += usize::from(actual == predicted);
            confusion.record(actual, predicted);
        }
    }
    let total = data.len();
    Evaluation {
        loss: if total > 0 {
            loss_sum / total as f64
        } else {
            f64::NAN
        },
        accuracy: if total > 0 {
            correct as f64 / total as f64
        } else {
            0.0
        },
        correct,
        total,
        confusion,
    }
}
