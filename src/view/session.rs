//! One live run as the window shows it: the trainer, the boundary grid and the loss curves,
//! advanced together one frame at a time.
//!
//! This is the window's per-frame work without any drawing, so the frame benchmark measures
//! exactly what the app does. It holds no UI types.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use crate::{
    data::{Dataset, DatasetKind, Domain, PointSet, Split},
    experiment::{Experiment, ExperimentError},
    nn::Loss,
    train::{TrainConfig, TrainError, Trainer},
    view::boundary::BoundaryGrid,
    view::explain::Phase,
    view::explained::{ExplainTarget, Explained, LIVE_EXPLAIN_WORK, PhaseStep},
    view::neuron_maps::{NEURON_MAP_RESOLUTION, NeuronMaps},
    view::snapshot::{Snapshot, TrainerState},
    view::spread::{OneLane, Spread},
    weights::{WeightsFile, experiment_file::ExperimentFile},
};

/// Cells per side of the decision-boundary grid the window shows.
pub const BOUNDARY_RESOLUTION: usize = 200;

/// Network parameters per boundary cell budgeted each frame, for each lane the session's
/// [`Spread`] lends it: a frame computes about `GRID_BUDGET × lanes / parameters` of the
/// grid's cells, about 4 ms of work a lane. On two cores that is every cell for networks up to
/// six layers of 8 (393 parameters); a bigger network is shown on a coarser grid of that many
/// cells while it trains (see [`Session::refresh_frame_view`]).
pub const GRID_BUDGET: usize = 200;

/// Cells per side of the coarsest boundary a frame shows, however big the network.
pub const MIN_COARSE_SIDE: usize = 16;

/// A change to the hand-made points, as a click on the boundary view asks for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointEdit {
    /// Add a point of class `label` at `(x1, x2)`.
    Add {
        /// First input.
        x1: f64,
        /// Second input.
        x2: f64,
        /// Class, 0 to 5.
        label: u8,
    },
    /// Remove the point nearest to `(x1, x2)`.
    RemoveNearest {
        /// First input.
        x1: f64,
        /// Second input.
        x2: f64,
    },
    /// Remove every point.
    Clear,
}

/// One weight or bias typed by hand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParameterEdit {
    /// The layer, from 0 at the input side.
    pub layer: usize,
    /// The input the weight comes from, or `None` for the neuron's bias.
    pub from: Option<usize>,
    /// The neuron.
    pub to: usize,
    /// The new value.
    pub value: f64,
}

/// What a [`Session::edit_points`] left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointsEdited {
    /// Points in all, training and test.
    pub points: usize,
    /// Of them, held out for testing.
    pub test_points: usize,
    /// The class count the output grew to (fresh weights), when the edit brought a new class.
    pub grew_to: Option<usize>,
}

/// A number naming one state of a run's points, never reused within a process, so a view can
/// tell whether the points it drew are still the points.
fn next_data_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A trainer plus everything the window draws from it, refreshed after each frame's epochs.
///
/// ```
/// use nn_playground::{experiment::Experiment, view::session::Session};
/// let mut session = Session::new(Experiment::default(), 50).unwrap();
/// session.advance(10).unwrap();
/// assert_eq!(session.trainer().epoch(), 10);
/// assert_eq!(session.grid().values().len(), 50 * 50);
/// assert!(!session.train_curve().is_empty());
/// ```
#[derive(Debug)]
pub struct Session {
    experiment: Experiment,
    trainer: Trainer,
    grid: BoundaryGrid,
    maps: NeuronMaps,
    domain: Domain,
    train_curve: Vec<[f64; 2]>,
    test_curve: Vec<[f64; 2]>,
    /// Shown instead of the trainer's data once every hand-made point is removed (the trainer
    /// cannot hold an empty set, so it keeps its last one, unused, until a point is added).
    no_points: Option<Split>,
    /// Names the current points (see [`Self::data_version`]).
    data_version: u64,
    /// A shared copy of the points shown, for snapshots (the trainer owns its own).
    shown: Arc<Split>,
    /// A shared copy of the trainer's points: [`Self::shown`], unless no points are left.
    trained_on: Arc<Split>,
    /// The coarser boundary a frame computed, for a network too big for the whole grid each
    /// frame, that [`Self::grid`] is interpolated from; `None` once every cell is computed.
    coarse: Option<BoundaryGrid>,
    /// Whether the views were never computed (see [`Self::new_unviewed`]).
    views_pending: bool,
    /// What the Explain window follows, if it is open.
    explain_target: Option<ExplainTarget>,
    /// Its explanation, refreshed with the views.
    explained: Option<Arc<Explained>>,
    /// The training step being shown phase by phase, if one is.
    phase: Option<PhaseStep>,
    /// What the boundary grid's refreshes may share their cells out over.
    spread: &'static dyn Spread,
}

impl Session {
    /// A fresh run of `experiment` at epoch 0, with a `resolution`² boundary grid.
    pub fn new(experiment: Experiment, resolution: usize) -> Result<Self, ExperimentError> {
        let mut session = Self::new_unviewed(experiment, resolution)?;
        session.refresh_view();
        Ok(session)
    }

    /// Like [`Self::new`], but the views (boundary grid, neuron maps, curves) are left for
    /// [`Self::refresh_view`]: the window builds a run this way and its training thread
    /// computes them, since a big network's boundary takes a good part of a second.
    pub fn new_unviewed(
        experiment: Experiment,
        resolution: usize,
    ) -> Result<Self, ExperimentError> {
        let trainer = experiment.trainer()?;
        Ok(Self::with_trainer(experiment, trainer, resolution))
    }

    /// Whether the views still wait for their first [`Self::refresh_view`].
    pub fn views_pending(&self) -> bool {
        self.views_pending
    }

    /// A run continuing from a weights file: its network, epoch and configuration. The
    /// experiment's network shape is taken from the network itself, so it always matches.
    ///
    /// Its views are left for [`Self::refresh_view`], as [`Self::new_unviewed`] leaves them:
    /// the window opens a file at once and its training thread draws the big network's
    /// boundary.
    pub fn from_weights(file: WeightsFile, resolution: usize) -> Result<Self, ExperimentError> {
        let mut experiment = file.experiment;
        experiment.network.hidden = file.network.hidden_sizes();
        let activations = file.network.hidden_activations();
        if !activations.is_empty() {
            experiment.network.set_activations(&activations);
        }
        experiment.network.classes = file.network.classes();
        if matches!(&experiment.data.kind, DatasetKind::Points { points } if points.is_empty()) {
            // Saved right after *Clear points*: a trainer needs data, so it stands on the
            // tutorial's four points, unseen, until the first click adds one.
            let mut stand_in = experiment.clone();
            stand_in.data.kind = DatasetKind::Xor;
            let trainer = stand_in.trainer_from(file.network, file.epoch)?;
            let features = trainer.network().inputs();
            let mut session = Self::with_trainer(experiment, trainer, resolution);
            session.no_points = Some(Split {
                train: Dataset::empty(features),
                test: Dataset::empty(features),
            });
            session.share_data();
            return Ok(session);
        }
        let trainer = experiment.trainer_from(file.network, file.epoch)?;
        Ok(Self::with_trainer(experiment, trainer, resolution))
    }

    /// A run continuing from an experiment file: its network, epoch, configuration, data and
    /// loss history, as it was saved. Its views are left for [`Self::refresh_view`], as
    /// [`Self::from_weights`] leaves them.
    pub fn from_experiment_file(
        file: ExperimentFile,
        resolution: usize,
    ) -> Result<Self, ExperimentError> {
        let mut session = Self::from_weights(file.weights, resolution)?;
        session.trainer.restore_history(file.history);
        Ok(session)
    }

    fn with_trainer(experiment: Experiment, trainer: Trainer, resolution: usize) -> Self {
        let data = trainer.data();
        let domain = data.train.domain([&data.test]);
        let empty = Arc::new(Split {
            train: Dataset::empty(0),
            test: Dataset::empty(0),
        });
        let mut session = Self {
            experiment,
            trainer,
            grid: BoundaryGrid::new(resolution),
            maps: NeuronMaps::new(NEURON_MAP_RESOLUTION),
            domain,
            train_curve: Vec::new(),
            test_curve: Vec::new(),
            no_points: None,
            data_version: next_data_version(),
            trained_on: Arc::clone(&empty),
            shown: empty,
            coarse: None,
            views_pending: true,
            explain_target: None,
            explained: None,
            phase: None,
            spread: &OneLane,
        };
        session.share_data();
        session
    }

    /// One frame's work: trains `epochs` epochs, then refreshes the boundary and the curves.
    ///
    /// On divergence the trainer has already rolled back to the frame's start, so the view is
    /// refreshed from finite weights and the error is returned.
    pub fn advance(&mut self, epochs: u64) -> Result<(), TrainError> {
        if !self.has_data() {
            return Err(TrainError::NoData);
        }
        let result = self.trainer.run(epochs);
        self.refresh_view();
        result
    }

    /// Trains `epochs` epochs and leaves the views as they were: the training thread's chunk
    /// of work, which refreshes the views once per published [`Snapshot`] instead. A step shown
    /// phase by phase ends.
    ///
    /// On divergence the trainer rolls back to the chunk's start and the error is returned.
    pub fn train(&mut self, epochs: u64) -> Result<(), TrainError> {
        if !self.has_data() {
            return Err(TrainError::NoData);
        }
        self.phase = None;
        self.trainer.run(epochs)
    }

    /// Trains one mini-batch (see [`Trainer::step_batch`]) and leaves the views as they were;
    /// a step shown phase by phase ends.
    pub fn step_batch(&mut self) -> Result<(), TrainError> {
        if !self.has_data() {
            return Err(TrainError::NoData);
        }
        self.phase = None;
        self.trainer.step_batch()
    }

    /// Shows the next phase of a training step: the next mini-batch's forward pass first (its
    /// numbers worked out now), then its loss, its backward pass, and its update, which is
    /// when the step is trained ([`Self::step_batch`]'s step, the same numbers). After the
    /// update, the next step's forward pass. Returns the phase now shown; the views are
    /// refreshed after an update.
    pub fn step_phase(&mut self) -> Result<Phase, TrainError> {
        if !self.has_data() {
            return Err(TrainError::NoData);
        }
        let next = self
            .phase
            .as_ref()
            .and_then(|step| PhaseStep::after(step.phase));
        match (next, self.phase.take()) {
            (Some(Phase::Update), Some(step)) => {
                self.trainer.step_batch()?;
                self.phase = Some(PhaseStep {
                    phase: Phase::Update,
                    ..step
                });
                let phase = self.phase.take();
                self.refresh_view();
                self.phase = phase;
                Ok(Phase::Update)
            }
            (Some(phase), Some(step)) => {
                self.phase = Some(PhaseStep { phase, ..step });
                Ok(phase)
            }
            _ => {
                let (inputs, labels) = self.trainer.next_batch();
                let (done, batches) = self.trainer.batch_position();
                let target = ExplainTarget::NextBatch {
                    inputs,
                    labels,
                    batch: done + 1,
                    batches,
                };
                self.phase = Some(PhaseStep {
                    phase: Phase::Forward,
                    explained: Arc::new(Explained::new(target, &self.trainer)),
                });
                Ok(Phase::Forward)
            }
        }
    }

    /// Sets one weight or bias by hand (see [`Trainer::set_parameter`]) and refreshes the
    /// views; a step shown phase by phase ends.
    pub fn set_parameter(&mut self, edit: ParameterEdit) -> Result<(), TrainError> {
        self.trainer
            .set_parameter(edit.layer, edit.from, edit.to, edit.value)?;
        self.phase = None;
        self.refresh_view();
        Ok(())
    }

    /// Ends a step shown phase by phase (one not yet at its update is left untrained).
    pub fn end_phase(&mut self) {
        self.phase = None;
    }

    /// The training step shown phase by phase, if one is.
    pub fn phase(&self) -> Option<&PhaseStep> {
        self.phase.as_ref()
    }

    /// Recomputes the boundary grid, the neuron maps and the loss curves from the current
    /// network.
    pub fn refresh_view(&mut self) {
        let (network, features) = (self.trainer.network(), &self.experiment.data.features);
        let total = self.grid.values().len();
        self.grid
            .refresh_cells(network, self.domain, features, 0, total, self.spread);
        self.coarse = None;
        self.views_pending = false;
        self.maps.refresh(network, self.domain, features);
        self.refresh_curves();
        self.refresh_explanation();
    }

    /// Lends the views `spread` to share the boundary grid's cells out over (the training
    /// thread lends it the machine's cores); a new session has [`OneLane`]. The numbers are
    /// the same for any spread.
    pub fn set_spread(&mut self, spread: &'static dyn Spread) {
        self.spread = spread;
    }

    /// Follows `target` in the Explain window (`None`: the window is closed), explained at
    /// once and with every view refresh from now on.
    pub fn set_explain(&mut self, target: Option<ExplainTarget>) {
        self.explain_target = target;
        self.refresh_explanation();
    }

    /// What the Explain window follows.
    pub fn explain_target(&self) -> Option<&ExplainTarget> {
        self.explain_target.as_ref()
    }

    fn refresh_explanation(&mut self) {
        self.explained = self
            .explain_target
            .clone()
            .map(|target| Arc::new(Explained::new(target, &self.trainer)));
    }

    /// Whether the explanation is cheap enough to refresh with every frame while playing
    /// (see [`LIVE_EXPLAIN_WORK`]).
    fn is_explanation_cheap(&self) -> bool {
        self.explain_target.as_ref().is_some_and(|target| {
            target.samples(&self.trainer) * self.trainer.network().parameter_count()
                <= LIVE_EXPLAIN_WORK
        })
    }

    /// A frame's view refresh: the neuron maps and the curves in full, and the boundary on as
    /// many cells as [`GRID_BUDGET`] allows. Networks small enough get the whole grid; for a
    /// bigger one a coarser grid (at least [`MIN_COARSE_SIDE`] cells a side) is computed whole
    /// and the grid interpolated from it, so the picture is of one moment and follows the
    /// training, until [`Self::refresh_view`] (on pause) computes every cell again.
    pub fn refresh_frame_view(&mut self) {
        let (network, features) = (self.trainer.network(), &self.experiment.data.features);
        let (n, total) = (self.grid.resolution(), self.grid.values().len());
        let budget = GRID_BUDGET * self.spread.lanes();
        let cells = total.saturating_mul(budget) / network.parameter_count().max(1);
        if cells >= total {
            self.grid
                .refresh_cells(network, self.domain, features, 0, total, self.spread);
            self.coarse = None;
        } else {
            let side = cells.isqrt().clamp(MIN_COARSE_SIDE.min(n), n);
            let coarse = match self.coarse.take() {
                Some(grid) if grid.resolution() == side => grid,
                _ => BoundaryGrid::new(side),
            };
            let coarse = self.coarse.insert(coarse);
            coarse.refresh_cells(network, self.domain, features, 0, side * side, self.spread);
            self.grid.interpolate_from(coarse);
        }
        self.maps.refresh(network, self.domain, features);
        self.refresh_curves();
        if self.is_explanation_cheap() {
            self.refresh_explanation();
        }
    }

    /// The run as it stands, for the window to draw while training goes on: trainer state,
    /// views and points, copied (the points are shared, not copied).
    pub fn snapshot(&self) -> Snapshot {
        let t = &self.trainer;
        Snapshot {
            experiment: self.experiment.clone(),
            trainer: TrainerState {
                network: t.network().clone(),
                config: t.config().clone(),
                epoch: t.epoch(),
                history: t.history().clone(),
                train_eval: t.train_evaluation(),
                test_eval: t.test_evaluation(),
                epochs_per_second: t.epochs_per_second(),
                diverged_at: t.diverged_at(),
                data: Arc::clone(&self.trained_on),
            },
            grid: self.grid.clone(),
            grid_partial: self.is_grid_partial(),
            maps: self.maps.clone(),
            domain: self.domain,
            train_curve: self.train_curve.clone(),
            test_curve: self.test_curve.clone(),
            data: Arc::clone(&self.shown),
            has_data: self.has_data(),
            data_version: self.data_version,
            explained: self.explained.clone(),
            phase: self.phase.clone(),
        }
    }

    /// Refreshes the shared copy of the points shown, after they change.
    fn share_data(&mut self) {
        self.trained_on = Arc::new(self.trainer.data().clone());
        self.shown = match &self.no_points {
            Some(none) => Arc::new(none.clone()),
            None => Arc::clone(&self.trained_on),
        };
    }

    fn refresh_curves(&mut self) {
        self.train_curve.clear();
        self.test_curve.clear();
        for point in self.trainer.history().curve() {
            let x = point.epoch as f64;
            self.train_curve.push([x, point.train]);
            if let Some(test) = point.test {
                self.test_curve.push([x, test]);
            }
        }
    }

    /// The experiment this run follows (its training part tracks live changes).
    pub fn experiment(&self) -> &Experiment {
        &self.experiment
    }

    /// The trainer.
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// Changes the hyper-parameters live, keeping weights and epoch.
    pub fn set_training(&mut self, config: TrainConfig) -> Result<(), TrainError> {
        self.trainer.set_config(config.clone())?;
        self.phase = None;
        self.experiment.training = config;
        self.refresh_curves();
        Ok(())
    }

    /// Sets the epoch count the run aims for (it does not change the network).
    pub fn set_epochs(&mut self, epochs: u64) {
        self.experiment.epochs = epochs;
    }

    /// The decision-boundary grid: computed cell by cell, or interpolated from the coarser
    /// grid a frame computed for a big network in training (see [`Self::is_grid_partial`]).
    pub fn grid(&self) -> &BoundaryGrid {
        &self.grid
    }

    /// Whether the boundary is interpolated from the coarser grid of a big network in
    /// training: call [`Self::refresh_view`] once training pauses for every cell computed.
    pub fn is_grid_partial(&self) -> bool {
        self.coarse.is_some()
    }

    /// Each neuron's activation over the boundary's region, for the network diagram.
    pub fn neuron_maps(&self) -> &NeuronMaps {
        &self.maps
    }

    /// The region the boundary covers.
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// Training loss as `[epoch, loss]` points.
    pub fn train_curve(&self) -> &[[f64; 2]] {
        &self.train_curve
    }

    /// Test loss as `[epoch, loss]` points; empty without a test set.
    pub fn test_curve(&self) -> &[[f64; 2]] {
        &self.test_curve
    }

    /// The points the run trains on and the view shows (empty after [`PointEdit::Clear`]).
    pub fn data(&self) -> &Split {
        self.no_points.as_ref().unwrap_or(self.trainer.data())
    }

    /// A number that changes whenever the points of [`Self::data`] do (and differs between
    /// runs), so the window redraws its picture of them only then.
    pub fn data_version(&self) -> u64 {
        self.data_version
    }

    /// Whether there is anything to train on (false once every hand-made point is removed).
    pub fn has_data(&self) -> bool {
        self.no_points.is_none()
    }

    /// Edits the hand-made points: the run goes on training on the edited data. A generated
    /// or imported dataset first becomes hand-made points, each keeping its class and the set
    /// (training or test) it was in; a painted point trains.
    ///
    /// The network, the epoch and the view's region are kept, unless the edit brings a class
    /// the network has no output for (a class 2 point on a two-class run): then the output
    /// grows to the new class count (softmax, cross-entropy) and the run starts afresh from
    /// the seed, which [`PointsEdited::grew_to`] reports.
    pub fn edit_points(&mut self, edit: PointEdit) -> Result<PointsEdited, ExperimentError> {
        self.phase = None;
        let mut points = match &self.experiment.data.kind {
            DatasetKind::Points { points } => points.clone(),
            _ => PointSet::from_split(self.data()),
        };
        match edit {
            PointEdit::Add { x1, x2, label } => points.add(x1, x2, label),
            PointEdit::RemoveNearest { x1, x2 } => {
                points.remove_nearest(x1, x2);
            }
            PointEdit::Clear => points.clear(),
        }
        let edited = PointsEdited {
            points: points.len(),
            test_points: points.test_len(),
            grew_to: (points.classes() > self.trainer.network().classes())
                .then_some(points.classes()),
        };
        let features = self.experiment.data.features;
        let plane = points.to_split();
        let split = Split {
            train: features.apply(&plane.train),
            test: features.apply(&plane.test),
        };
        let mut experiment = self.experiment.clone();
        experiment.data.kind = DatasetKind::Points { points };
        if split.train.is_empty() {
            // Nothing left to train on: the trainer keeps its last data, unused and unseen.
            self.no_points = Some(split);
            self.experiment = experiment;
        } else if let Some(classes) = edited.grew_to {
            experiment.network.classes = classes;
            if experiment.training.loss == Loss::Mse {
                experiment.training.loss = Loss::CrossEntropy;
            }
            let (domain, target, spread) = (self.domain, self.explain_target.take(), self.spread);
            *self = Self::new(experiment, self.grid.resolution())?;
            self.domain = domain;
            self.explain_target = target;
            self.spread = spread;
        } else {
            self.trainer.set_data(split)?;
            self.no_points = None;
            self.experiment = experiment;
        }
        self.data_version = next_data_version();
        self.share_data();
        self.refresh_view();
        Ok(edited)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_hold_the_history_loss_unscaled() {
        let mut session = Session::new(Experiment::default(), 10).unwrap();
        session.advance(5).unwrap();
        let history: Vec<[f64; 2]> = session
            .trainer()
            .history()
            .curve()
            .map(|p| [p.epoch as f64, p.train])
            .collect();
        assert_eq!(session.train_curve(), &history[..]);
    }

    #[test]
    fn xor_gets_a_four_row_table_and_csv_has_a_header() {
        let mut session = Session::new(Experiment::default(), 10).unwrap();
        session.advance(3).unwrap();
        let table = session.snapshot().predictions().unwrap();
        assert_eq!(table.len(), 4);
        assert_eq!(table[1].input, [0.0, 1.0]);
        assert_eq!(table[1].target, 1.0);
        let csv = session.snapshot().loss_csv();
        assert!(csv.starts_with("epoch,train_loss,test_loss\n0,"));
    }

    #[test]
    fn a_multiclass_session_draws_classes_and_reopens_from_its_weights() {
        let mut experiment = Experiment::default();
        experiment.data.kind = crate::data::DatasetKind::Blobs { classes: 4 };
        experiment.network.classes = 4;
        experiment.training.loss = crate::nn::Loss::CrossEntropy;
        let mut session = Session::new(experiment, 8).unwrap();
        session.advance(5).unwrap();
        assert_eq!(session.grid().classes(), 4);
        assert_eq!(session.grid().probabilities().len(), 8 * 8 * 4);
        assert!(session.snapshot().predictions().is_none());
        let mut again = Session::from_weights(session.snapshot().weights_file(), 8).unwrap();
        assert_eq!(again.trainer().network(), session.trainer().network());
        assert_eq!(again.experiment().network.classes, 4);
        assert!(
            again.views_pending(),
            "the training thread draws an opened file"
        );
        again.refresh_view();
        assert!(!again.views_pending());
        assert_eq!(again.grid().probabilities(), session.grid().probabilities());
    }

    #[test]
    fn a_big_network_trains_on_a_coarser_grid_of_one_moment_and_pauses_on_the_full_one() {
        let mut experiment = Experiment::default();
        experiment.network.hidden = vec![24; 6];
        let mut session = Session::new(experiment, 100).unwrap();
        let params = session.trainer().network().parameter_count();
        assert_eq!(params, 3097);
        let features = session.experiment().data.features;
        let drawn_on = |session: &Session, side| {
            let mut grid = BoundaryGrid::new(side);
            grid.refresh(session.trainer().network(), session.domain(), &features);
            grid
        };
        // What the window is shown: the coarse grid of `side` interpolated to the full one.
        let shown_from = |session: &Session, side| {
            assert_eq!(
                session.coarse.as_ref().map(BoundaryGrid::resolution),
                Some(side)
            );
            let mut shown = BoundaryGrid::new(100);
            shown.interpolate_from(&drawn_on(session, side));
            shown
        };
        // One lane: 10,000 · 200 / 3097 = 645 cells, a 25 × 25 grid, computed whole.
        session.train(1).unwrap();
        session.refresh_frame_view();
        assert!(session.is_grid_partial());
        assert_eq!(session.grid().values(), shown_from(&session, 25).values());
        assert_eq!(session.snapshot().grid().values(), session.grid().values());
        assert!(session.snapshot().is_grid_partial());
        // Each frame is of its own moment.
        session.train(1).unwrap();
        session.refresh_frame_view();
        assert_eq!(session.grid().values(), shown_from(&session, 25).values());
        // Lent two lanes, twice the cells: 1291, 35 a side.
        session.set_spread(&TwoLanes);
        session.refresh_frame_view();
        assert_eq!(session.grid().values(), shown_from(&session, 35).values());
        // On pause, the full grid.
        session.refresh_view();
        assert!(!session.is_grid_partial());
        assert_eq!(session.grid().values(), drawn_on(&session, 100).values());
        // However big the network, at least 16 a side.
        let mut wide = Experiment::default();
        wide.network.hidden = vec![64; 6];
        let mut wide = Session::new(wide, 100).unwrap();
        wide.refresh_frame_view();
        let side = wide.coarse.as_ref().map(BoundaryGrid::resolution);
        assert_eq!(side, Some(MIN_COARSE_SIDE));
    }

    #[test]
    fn on_two_lanes_six_layers_of_8_get_the_whole_boundary_every_frame() {
        let mut experiment = Experiment::default();
        experiment.network.hidden = vec![8; 6];
        let mut session = Session::new(experiment, BOUNDARY_RESOLUTION).unwrap();
        session.train(1).unwrap();
        session.refresh_frame_view();
        assert!(session.is_grid_partial(), "one lane: a coarser grid");
        assert_eq!(
            session.coarse.as_ref().map(BoundaryGrid::resolution),
            Some(142)
        );
        session.set_spread(&TwoLanes);
        session.refresh_frame_view();
        assert!(!session.is_grid_partial(), "two lanes: all of it");
    }

    /// Two lanes, run in turn.
    #[derive(Debug)]
    struct TwoLanes;

    impl Spread for TwoLanes {
        fn lanes(&self) -> usize {
            2
        }

        fn run(&self, jobs: &mut [&mut (dyn FnMut() + Send)]) {
            jobs.iter_mut().for_each(|job| job());
        }
    }

    #[test]
    fn extra_features_feed_the_network_grid_maps_and_files() {
        let mut experiment = Experiment::default();
        experiment.data.features.x1_x2 = true;
        experiment.data.features.sin_x2 = true;
        let mut session = Session::new(experiment, 5).unwrap();
        session.advance(30).unwrap();
        let network = session.trainer().network();
        assert_eq!(network.inputs(), 4);
        let [x1, x2] = session.grid().cell_centre(1, 3);
        let expected = network.predict_one(&[x1, x2, x1 * x2, x2.sin()]);
        assert!((session.grid().values()[5 + 3] - expected).abs() < 1e-12);
        let n = NEURON_MAP_RESOLUTION as f64;
        let domain = session.domain();
        let (x1, x2) = (domain.x_at(8.5 / n), domain.y_at(1.0 - 0.5 / n));
        let expected = network.predict_one(&[x1, x2, x1 * x2, x2.sin()]);
        assert!((session.neuron_maps().map(2, 0)[8] - expected).abs() < 1e-12);
        session
            .edit_points(PointEdit::Add {
                x1: 0.5,
                x2: 0.25,
                label: 1,
            })
            .unwrap();
        assert_eq!(
            session.data().train.inputs().row(4).to_vec(),
            vec![0.5, 0.25, 0.125, 0.25f64.sin()]
        );
        assert_eq!(
            session.snapshot().data_csv().lines().last(),
            Some("0.5,0.25,1")
        );
        let again = Session::from_weights(session.snapshot().weights_file(), 5).unwrap();
        assert_eq!(again.trainer().network(), session.trainer().network());
        assert_eq!(again.data(), session.data());
    }

    #[test]
    fn painting_keeps_the_network_and_the_region() {
        let mut session = Session::new(Experiment::default(), 10).unwrap();
        session.advance(20).unwrap();
        let network = session.trainer().network().clone();
        let domain = session.domain();
        let add = PointEdit::Add {
            x1: 0.5,
            x2: 0.5,
            label: 1,
        };
        assert_eq!(
            session.edit_points(add).unwrap().points,
            5,
            "XOR's four plus one"
        );
        assert_eq!(session.trainer().network(), &network);
        assert_eq!(session.trainer().epoch(), 20);
        assert_eq!(session.domain(), domain);
        assert_eq!(session.data().train.len(), 5);
        let remove = PointEdit::RemoveNearest { x1: 0.9, x2: 0.9 };
        assert_eq!(session.edit_points(remove).unwrap().points, 4);
        assert_eq!(session.data().train.inputs()[[3, 0]], 0.5, "(1,1) went");
        assert_eq!(session.edit_points(PointEdit::Clear).unwrap().points, 0);
        assert!(!session.has_data() && session.data().train.is_empty());
        assert!(matches!(session.advance(1), Err(TrainError::NoData)));
        session.edit_points(add).unwrap();
        assert!(session.has_data());
        session.advance(1).unwrap();
        assert_eq!(session.snapshot().data_csv(), "x1,x2,label\n0.5,0.5,1\n");
        session.edit_points(PointEdit::Clear).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.json");
        crate::weights::experiment_file::save(&path, &session.snapshot().experiment_file())
            .unwrap();
        let file = crate::weights::experiment_file::load(&path).unwrap();
        let reopened = Session::from_experiment_file(file, 10).unwrap();
        assert!(!reopened.has_data(), "an emptied run reopens empty");
        assert_eq!(reopened.trainer().network(), session.trainer().network());
    }

    #[test]
    fn painting_on_a_split_multiclass_set_keeps_classes_and_the_split() {
        let mut experiment = Experiment::default();
        experiment.data.kind = DatasetKind::Blobs { classes: 4 };
        experiment.data.test_ratio = 0.25;
        experiment.network.classes = 4;
        experiment.training.loss = Loss::CrossEntropy;
        let mut session = Session::new(experiment, 10).unwrap();
        session.advance(5).unwrap();
        let before = session.data().clone();
        let network = session.trainer().network().clone();
        let add = PointEdit::Add {
            x1: 0.0,
            x2: 0.0,
            label: 2,
        };
        let edited = session.edit_points(add).unwrap();
        assert_eq!(edited.points, 201);
        assert_eq!(edited.test_points, 50);
        assert_eq!(edited.grew_to, None);
        assert_eq!(session.data().test, before.test, "the test set is kept");
        assert_eq!(session.data().train.len(), before.train.len() + 1);
        assert_eq!(session.data().train.label_slice().last(), Some(&2.0));
        assert_eq!(session.trainer().network(), &network, "same weights");
        assert_eq!(session.trainer().epoch(), 5);
        assert!(session.trainer().test_evaluation().is_some());
        let again = Session::new(session.experiment().clone(), 10).unwrap();
        assert_eq!(
            again.data(),
            session.data(),
            "the experiment holds the split"
        );
    }

    #[test]
    fn a_new_class_grows_the_output_and_starts_afresh() {
        let mut session = Session::new(Experiment::default(), 10).unwrap();
        session.advance(20).unwrap();
        let domain = session.domain();
        let add = PointEdit::Add {
            x1: 0.5,
            x2: 0.5,
            label: 2,
        };
        let edited = session.edit_points(add).unwrap();
        assert_eq!(edited.grew_to, Some(3));
        assert_eq!(session.trainer().network().classes(), 3);
        assert_eq!(session.experiment().network.classes, 3);
        assert_eq!(session.experiment().training.loss, Loss::CrossEntropy);
        assert_eq!(session.trainer().epoch(), 0);
        assert_eq!(session.domain(), domain, "the view does not jump");
        assert_eq!(session.grid().classes(), 3);
        session.advance(3).unwrap();
        let version = session.data_version();
        session
            .edit_points(PointEdit::RemoveNearest { x1: 0.5, x2: 0.5 })
            .unwrap();
        assert_ne!(session.data_version(), version);
        assert_eq!(
            session.trainer().network().classes(),
            3,
            "classes never shrink"
        );
    }

    #[test]
    fn weights_round_trip_keeps_epoch_and_shape() {
        let mut session = Session::new(Experiment::default(), 10).unwrap();
        session.advance(7).unwrap();
        let again = Session::from_weights(session.snapshot().weights_file(), 10).unwrap();
        assert_eq!(again.trainer().epoch(), 7);
        assert_eq!(again.trainer().network(), session.trainer().network());
    }
}
