//! What each [`Command`] does, and the status line's wording for it. Every action is private:
//! the window reaches them only through a command.

use std::{path::Path, sync::Arc};

use super::{
    App, Command, FileAction, Status,
    boundary_png::{EXPORT_SIDE, boundary_picture},
    boundary_view::boundary_rgba,
    files::{self, Picked},
    layer_buttons::edit_label,
    path_prompt::PathPrompt,
    state::{MAX_INLINE_POINTS, MAX_STEPS_PER_SECOND},
    weight_editor::edit_name,
};
use crate::{
    data::{DatasetKind, read_csv},
    experiment::Experiment,
    nn::LayerEdit,
    run::{RunCommand, RunEvent, StopReason},
    train::TrainError,
    view::explain::Phase,
    view::explained::ExplainTarget,
    view::session::{BOUNDARY_RESOLUTION, PointEdit, PointsEdited, Session},
    weights::{
        Assume,
        experiment_file::{self, RunFile},
    },
};

/// The kind of file Ctrl+S writes: the kind that was opened or saved last, so an experiment
/// file stays an experiment file, history and all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedAs {
    /// A weights file (JSON or `.npz`).
    Weights,
    /// An experiment file: configuration, data, weights and loss history.
    Experiment,
}

impl App {
    /// Applies the recorded commands, in order.
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(ctx, command);
        }
    }

    /// Carries out one command.
    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let epoch = self.session.trainer().epoch();
        match &command {
            Command::TogglePlay if self.running => self.trace.command("pause", epoch),
            Command::TogglePlay => self.trace.command("play", epoch),
            Command::Step => self.trace.command("step", epoch),
            Command::Reset => self.trace.command("reset", epoch),
            _ => {}
        }
        match command {
            Command::TogglePlay => {
                if self.running {
                    self.pause();
                    self.status = Status::info("Paused.");
                } else {
                    self.play();
                    self.status = Status::info("Training.");
                }
            }
            Command::Step => {
                self.running = false;
                self.run.send(RunCommand::Step);
            }
            Command::StepBatch => {
                self.running = false;
                self.run.send(RunCommand::StepBatch);
            }
            Command::StepPhase => {
                self.running = false;
                if !self.explain.open {
                    self.explain.open = true;
                    self.send_explain();
                }
                self.run.send(RunCommand::StepPhase);
            }
            Command::Reset => self.rebuild("Reset"),
            Command::NewSeed => {
                self.settings.experiment.seed = self.settings.experiment.seed.wrapping_add(1);
                self.rebuild("New seed");
            }
            Command::Regenerate => {
                let data = &mut self.settings.experiment.data;
                data.seed = data.seed.wrapping_add(1);
                let seed = data.seed;
                self.rebuild(&format!("New points (data seed {seed})"));
            }
            Command::UseSuggested => self.use_suggested(),
            // Only a file of this session: after a restart Ctrl+S asks before overwriting.
            Command::Save => match self.current_file.clone() {
                Some((path, SavedAs::Weights)) => self.run_file(FileAction::Save, &path),
                Some((path, SavedAs::Experiment)) => {
                    self.run_file(FileAction::SaveExperiment, &path);
                }
                None => self.apply(ctx, Command::Pick(FileAction::Save)),
            },
            Command::Pick(action) => self.pick(ctx, action),
            Command::Run(action, path) => self.run_file(action, &path),
            Command::EditPoints(edit) => self.edit_points(edit),
            Command::EditLayers(edit) => self.edit_layers(edit),
            Command::PaintClass(class) => {
                let class = self.boundary.set_paint_class(class);
                self.status = Status::info(format!(
                    "A left click on the boundary adds a class {class} point.",
                ));
            }
            Command::Pin => {
                self.pins
                    .pin(self.session.experiment(), self.session.trainer().history());
                self.status = Status::info(format!(
                    "Pinned this run's loss at epoch {}. Change a setting and Reset to compare.",
                    self.session.trainer().epoch()
                ));
            }
            Command::ClearPins => {
                self.pins.clear();
                self.status = Status::info("Cleared the pinned runs.");
            }
            Command::ToggleExplain => {
                self.explain.open = !self.explain.open;
                self.send_explain();
                if self.explain.open {
                    self.status = Status::info(
                        "Explain: one step's every number. A left click on a data point of the \
                         boundary follows that point; \"whole batch\" shows the batch mean.",
                    );
                }
            }
            Command::Explain(target) => self.explain_target(target),
            Command::ExplainNear { x1, x2, within } => {
                match ExplainTarget::nearest(self.session.data(), x1, x2, within) {
                    Some(target) => self.explain_target(target),
                    None => {
                        self.status = Status::info(
                            "No data point there: click on one to explain it (close Explain \
                             to paint points again).",
                        );
                    }
                }
            }
            Command::SetParameter(edit) => self.run.send(RunCommand::SetParameter(edit)),
            Command::Refuse(reason) => self.status = Status::error(reason),
            Command::ToggleHiddenSpace => self.hidden_space.open = !self.hidden_space.open,
            Command::ToggleGradients => {
                self.settings.show_gradients = !self.settings.show_gradients;
            }
            Command::ToggleAbout => self.about_open = !self.about_open,
            Command::CopyLine => self.copy_line(ctx),
            Command::OpenLinePrompt => self.open_line_prompt(),
            Command::PasteLine(text) => self.paste_line(&text),
            Command::UseLine(run) => self.use_line(*run),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Follows `target` in the Explain window, opening it.
    fn explain_target(&mut self, target: ExplainTarget) {
        self.explain.target = target;
        self.explain.open = true;
        self.send_explain();
    }

    /// What the thread is to explain: the Explain panel's target while the panel or the
    /// gradient view is shown, else nothing.
    fn wanted_explanation(&self) -> Option<ExplainTarget> {
        (self.explain.open || self.settings.show_gradients).then(|| self.explain.target.clone())
    }

    /// Tells the thread what to explain, when that changed.
    fn send_explain(&mut self) {
        let target = self.wanted_explanation();
        if self.explaining.as_ref() != Some(&target) {
            self.explaining = Some(target.clone());
            self.run.send(RunCommand::Explain(target));
        }
    }

    /// Carries out a file action on a known path. When the path came from the window's own
    /// dialog, the dialog closes if it worked and shows the error if not.
    fn run_file(&mut self, action: FileAction, path: &Path) {
        match action {
            FileAction::Open if is_csv(path) => self.import_csv(path),
            FileAction::Open => self.open_file(path),
            FileAction::Save => self.save_file(path),
            FileAction::ExportCsv => self.export_csv(path),
            FileAction::ExportPng => self.export_png(path),
            FileAction::SaveExperiment => self.save_experiment(path),
            FileAction::ImportCsv => self.import_csv(path),
            FileAction::ExportData => self.export_points(path),
            FileAction::Export(format) => self.export_network(format, path),
        }
        let worked = !self.status.is_error;
        if worked {
            self.settings.last_file = Some(path.to_owned());
        }
        if self.prompt.as_ref().is_some_and(|p| p.action() == action) {
            if worked {
                self.prompt = None;
            } else if let Some(prompt) = &mut self.prompt {
                prompt.failed(self.status.text.clone());
            }
        }
    }

    /// Asks for a path for `action`: the desktop's dialog, else (none answers, or the user
    /// chose so) the window's own, starting in the last file's folder.
    fn pick(&mut self, ctx: &egui::Context, action: FileAction) {
        let last = self.settings.last_file.as_deref();
        let picked = if self.settings.builtin_file_dialog {
            Picked::NoDialog
        } else {
            files::pick(action, last)
        };
        match picked {
            Picked::Path(path) => self.apply(ctx, Command::Run(action, path)),
            Picked::Cancelled => {}
            Picked::NoDialog => {
                let near = last
                    .and_then(Path::parent)
                    .filter(|dir| dir.is_dir())
                    .map(Path::to_owned)
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                self.prompt = Some(PathPrompt::new(action, near.join(action.default_name())));
            }
        }
    }

    /// Opens a weights file or an experiment file (told apart by content): the controls take
    /// its configuration and training pauses. On any error the status line names the file and
    /// the reason, and the current run is untouched.
    fn open_file(&mut self, path: &Path) {
        let mut assumed = None;
        let loaded = experiment_file::open(path, &Assume::default())
            .map_err(|e| e.to_string())
            .and_then(|opened| {
                assumed = opened.assumed;
                match opened.run {
                    RunFile::Weights(file) => Session::from_weights(file, BOUNDARY_RESOLUTION)
                        .map(|session| (session, SavedAs::Weights)),
                    RunFile::Experiment(file) => {
                        Session::from_experiment_file(file, BOUNDARY_RESOLUTION)
                            .map(|session| (session, SavedAs::Experiment))
                    }
                }
                .map_err(|e| format!("{}: {e}", path.display()))
            });
        match loaded {
            Ok((session, kind)) => {
                self.settings.experiment = session.experiment().clone();
                self.current_file = Some((path.to_owned(), kind));
                self.pause();
                let epoch = session.trainer().epoch();
                self.start(session);
                self.status = Status::info(match assumed {
                    // An .npz of bare arrays: say what was taken for granted.
                    Some(note) => format!("Opened {}: {note}.", path.display()),
                    None => format!("Opened {} at epoch {epoch}.", path.display()),
                });
            }
            Err(reason) => self.status = Status::error(format!("Cannot open: {reason}")),
        }
    }

    /// Saves the weights to `path`; it becomes the file Ctrl+S saves to, as weights.
    fn save_file(&mut self, path: &Path) {
        match files::save_weights(path, &self.session.weights_file()) {
            Ok(()) => {
                self.current_file = Some((path.to_owned(), SavedAs::Weights));
                self.status = Status::info(format!(
                    "Saved epoch {} to {}.",
                    self.session.trainer().epoch(),
                    path.display()
                ));
            }
            // The error already names the file and says "cannot save".
            Err(reason) => self.status = Status::error(reason),
        }
    }

    /// Adds, removes or clears hand-made points; the run keeps its network and goes on (or,
    /// for a class the network has no output for, starts afresh with one more). The status
    /// line follows when the thread has done it ([`Self::points_edited`]).
    fn edit_points(&mut self, edit: PointEdit) {
        self.run.send(RunCommand::EditPoints(edit));
    }

    /// What the thread did with an edit of the points: the controls take the new data, and
    /// the status line says what the run now trains on.
    fn points_edited(
        &mut self,
        before: DatasetKind,
        result: Result<(PointsEdited, Box<Experiment>), String>,
    ) {
        match result {
            Ok((edited, experiment)) => {
                if !matches!(before, DatasetKind::Points { .. }) {
                    self.settings.painted_on = Some(before);
                }
                self.settings.experiment = (*experiment).clone();
                self.requested = *experiment;
                if let DatasetKind::Points { points } = &self.settings.experiment.data.kind {
                    self.settings.your_points = Some(points.clone());
                }
                let epoch = self.session.trainer().epoch();
                let mut status = match edited {
                    PointsEdited { points: 0, .. } => {
                        self.running = false;
                        "No points left. Click on the boundary to add one.".to_owned()
                    }
                    PointsEdited {
                        grew_to: Some(classes),
                        ..
                    } => format!(
                        "A new class: the network now tells {classes} classes apart (softmax, \
                         cross-entropy) and starts from fresh weights, seed {}.",
                        self.settings.experiment.seed
                    ),
                    PointsEdited {
                        points,
                        test_points: 0,
                        ..
                    } => format!("{points} points; the network trains on them from epoch {epoch}."),
                    PointsEdited {
                        points,
                        test_points,
                        ..
                    } => format!(
                        "{points} points, {test_points} of them held out for testing; the \
                         network trains on the rest from epoch {epoch}."
                    ),
                };
                if edited.points > MAX_INLINE_POINTS {
                    status.push_str(&format!(
                        " Over {MAX_INLINE_POINTS} points are not kept between launches: \
                         Export points CSV… keeps them."
                    ));
                }
                self.status = Status::info(status);
            }
            Err(e) => self.status = Status::error(format!("Cannot use those points: {e}")),
        }
    }

    /// Makes a CSV file of `x1,x2,label` the data and starts afresh on it. The experiment
    /// keeps the file's path, not its points, so the window reads it as `train --dataset FILE`
    /// does: the same classes and the same test split. An error names the file and the line;
    /// the run is then untouched.
    fn import_csv(&mut self, path: &Path) {
        match read_csv(path) {
            Ok(data) => {
                let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
                let (count, classes) = (data.len(), data.classes());
                self.settings.experiment.data.kind = DatasetKind::Csv { path: path.clone() };
                self.rebuild(&format!(
                    "Imported {count} points of {classes} classes from {}",
                    path.display()
                ));
            }
            Err(e) => self.status = Status::error(format!("Cannot import: {e}")),
        }
    }

    /// Writes the run's points as CSV of `x1,x2,label` to `path`.
    fn export_points(&mut self, path: &Path) {
        let csv = self.session.data_csv();
        self.status = match files::write_atomically(path, csv.as_bytes()) {
            Ok(()) => Status::info(format!("Exported the points to {}.", path.display())),
            Err(e) => Status::error(format!("Cannot export to {}: {e}", path.display())),
        };
    }

    /// Saves the whole run (configuration, data, weights, loss history) to `path`; it becomes
    /// the file Ctrl+S saves to, as an experiment.
    fn save_experiment(&mut self, path: &Path) {
        self.status = match experiment_file::save(path, &self.session.experiment_file()) {
            Ok(()) => {
                self.current_file = Some((path.to_owned(), SavedAs::Experiment));
                Status::info(format!(
                    "Saved the experiment at epoch {} to {}.",
                    self.session.trainer().epoch(),
                    path.display()
                ))
            }
            // The error already names the file and says "cannot save".
            Err(e) => Status::error(e.to_string()),
        };
    }

    /// Writes the loss history as CSV to `path`.
    fn export_csv(&mut self, path: &Path) {
        let csv = self.session.loss_csv();
        self.status = match files::write_atomically(path, csv.as_bytes()) {
            Ok(()) => Status::info(format!("Exported the loss history to {}.", path.display())),
            Err(e) => Status::error(format!("Cannot export to {}: {e}", path.display())),
        };
    }

    /// Writes the decision boundary as the view shows it, points included, as an
    /// [`EXPORT_SIDE`]-pixel square PNG to `path`.
    fn export_png(&mut self, path: &Path) {
        let (grid_side, grid) = boundary_rgba(self.session.grid(), self.settings.look());
        let view_side = self.boundary_rect.width();
        let picture = boundary_picture(
            &grid,
            grid_side as usize,
            self.session.domain(),
            &self.settings.shown_points(self.session.data()),
            if view_side.is_finite() {
                view_side
            } else {
                0.0
            },
        );
        let side = EXPORT_SIDE as u32;
        let written = files::encode_png(side, side, &picture)
            .map_err(|e| e.to_string())
            .and_then(|bytes| files::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        self.status = match written {
            Ok(()) => Status::info(format!("Exported the boundary to {}.", path.display())),
            Err(e) => Status::error(format!("Cannot export to {}: {e}", path.display())),
        };
    }

    /// The epoch the run stops at, or `None` when it runs until stopped.
    pub(super) fn target(&self) -> Option<u64> {
        (!self.settings.until_stopped).then_some(self.settings.experiment.epochs)
    }

    /// Starts training: the thread trains as frames come.
    pub(super) fn play(&mut self) {
        self.running = true;
        self.play_generation += 1;
        self.run.send(RunCommand::Play {
            generation: self.play_generation,
        });
    }

    /// Stops training; the thread completes the views and publishes them.
    pub(super) fn pause(&mut self) {
        self.running = false;
        self.run.send(RunCommand::Pause);
    }

    /// Carries on with `session` (a rebuild or an opened file): the thread trains it from
    /// now on, playing if the window is. A session with its views computed shows at once;
    /// one without shows when the thread has computed them (the last run shows meanwhile).
    fn start(&mut self, mut session: Session) {
        self.requested = session.experiment().clone();
        if let ExplainTarget::Point { inputs, .. } = &self.explain.target {
            let kept = ExplainTarget::same_point(session.data(), inputs);
            self.explain.target = kept.unwrap_or(ExplainTarget::Batch);
        }
        let target = self.wanted_explanation();
        session.set_explain(target.clone());
        self.explaining = Some(target);
        if !session.views_pending() {
            self.session = Arc::new(session.snapshot());
            self.view_changed = true;
        }
        self.run.replace(session);
        if self.running {
            self.play();
        }
    }

    /// Tells the thread the epochs per frame, the epoch target, slow motion and what to
    /// explain, when they change.
    pub(super) fn sync_pace(&mut self) {
        let pace = (self.settings.epochs_per_frame.max(1), self.target());
        if self.pace != Some(pace) {
            self.pace = Some(pace);
            self.run.send(RunCommand::Pace {
                per_frame: pace.0,
                target: pace.1,
            });
        }
        let slow = self.settings.slow_motion.then_some(
            self.settings
                .steps_per_second
                .clamp(1.0, MAX_STEPS_PER_SECOND),
        );
        if self.slow != Some(slow) {
            self.slow = Some(slow);
            self.run.send(RunCommand::SlowMotion(slow));
        }
        self.send_explain();
    }

    /// Takes what the thread published since the last frame: the newest snapshot, and the
    /// outcomes of commands, into the status line. In lockstep (tests) it first waits for
    /// everything sent to be done.
    pub(super) fn absorb(&mut self) {
        self.run.settle();
        if let Some(snapshot) = self.run.latest() {
            self.session = snapshot;
            self.view_changed = true;
        }
        for event in self.run.events() {
            self.on_event(event);
        }
    }

    fn on_event(&mut self, event: RunEvent) {
        match event {
            RunEvent::Stopped { generation, reason } => {
                if generation != self.play_generation || !self.running {
                    return;
                }
                self.running = false;
                match reason {
                    StopReason::ReachedEpoch(epoch) => {
                        self.status = Status::info(format!(
                            "Reached epoch {epoch}. Raise the epoch count or tick \"until \
                             stopped\" to go on."
                        ));
                    }
                    StopReason::ReachedTarget { target, epoch } => {
                        self.status = Status::info(format!(
                            "Reached the target ({}) at epoch {epoch}. Change or untick \"stop \
                             at a target\" to go on.",
                            target.describe()
                        ));
                    }
                    StopReason::Failed(error) => self.report(error),
                }
            }
            RunEvent::Stepped(Ok(epoch)) => {
                self.status = Status::info(format!("Stepped to epoch {epoch}."));
            }
            RunEvent::Stepped(Err(error)) => self.report(error),
            RunEvent::SteppedBatch(Ok((epoch, done, batches))) => {
                self.status = Status::info(if done == 0 {
                    format!("Stepped one mini-batch: that ended the epoch, now at epoch {epoch}.")
                } else {
                    format!(
                        "Stepped one mini-batch: {done} of the {batches} of epoch {epoch} done."
                    )
                });
            }
            RunEvent::PhaseStepped(Ok(phase)) => {
                self.status = Status::info(match phase {
                    Phase::Forward => {
                        "Forward pass: each layer's z = a·W + b and a = f(z), \
                                       from the inputs to the output. P: the loss."
                    }
                    Phase::Loss => {
                        "Loss: each sample's output against its label. P: the \
                                    backward pass."
                    }
                    Phase::Backward => {
                        "Backward pass: dz from the output back to the inputs, \
                                        and each layer's dW and db. P: the update."
                    }
                    Phase::Update => {
                        "Update: every weight moved by −η·dW (the step is \
                                      trained). P: the next step's forward pass."
                    }
                });
            }
            RunEvent::ParameterSet(Ok(edit)) => {
                self.status = Status::info(format!(
                    "Set {} to {}: the output follows, and training goes on from there.",
                    edit_name(&edit),
                    edit.value
                ));
            }
            RunEvent::ParameterSet(Err(error)) => {
                self.status = Status::error(format!("Cannot set that: {error}"));
            }
            RunEvent::SteppedBatch(Err(error)) | RunEvent::PhaseStepped(Err(error)) => {
                self.report(error);
            }
            RunEvent::PointsEdited { before, result } => self.points_edited(before, result),
            RunEvent::TrainingRefused { error, training } => {
                self.settings.experiment.training = (*training).clone();
                self.requested.training = *training;
                self.status = Status::error(format!("Cannot use that setting: {error}"));
            }
        }
    }

    /// Says in the status line why training stopped (the thread has paused already).
    fn report(&mut self, error: TrainError) {
        self.running = false;
        self.status = Status::error(match error {
            TrainError::Diverged { epoch } => format!(
                "Training diverged at epoch {epoch} (learning rate {}) and was paused, keeping \
                 the last good weights. Try a smaller learning rate.",
                self.settings.experiment.training.learning_rate
            ),
            TrainError::NoData => "There are no points to train on. Click on the boundary: left \
                                   for class 1, right for class 0."
                .to_owned(),
            e => format!("Training stopped: {e}"),
        });
    }

    /// Builds a fresh run of the settings' experiment, saying `done` in the status line.
    /// Invalid settings go back to the run's.
    pub(super) fn rebuild(&mut self, done: &str) {
        fit_output_to_data(&mut self.settings.experiment);
        match Session::new_unviewed(self.settings.experiment.clone(), BOUNDARY_RESOLUTION) {
            Ok(session) => {
                self.start(session);
                self.status = Status::info(format!(
                    "{done}: fresh weights from seed {}, epoch 0.",
                    self.settings.experiment.seed
                ));
            }
            Err(e) => {
                self.settings.experiment = self.requested.clone();
                self.status = Status::error(format!("Cannot build that network: {e}"));
            }
        }
    }

    /// Applies the diagram's +/− to the network and rebuilds; at a limit, says so.
    fn edit_layers(&mut self, edit: LayerEdit) {
        let network = &mut self.settings.experiment.network;
        if !network.edit(edit) {
            self.status = Status::info(format!("Cannot {}: at the limit.", edit_label(edit)));
            return;
        }
        let done = match edit {
            LayerEdit::AddLayer | LayerEdit::RemoveLayer => {
                format!("{} hidden layers", network.hidden.len())
            }
            LayerEdit::AddNeuron(k) | LayerEdit::RemoveNeuron(k) => {
                format!("Hidden layer {}: {} neurons", k + 1, network.hidden[k])
            }
        };
        self.rebuild(&done);
    }

    /// Brings the run in line with what the controls changed: a rebuild for the network, the
    /// data or the seed; a live change for the training knobs.
    pub(super) fn sync_settings(&mut self) {
        let wanted = &self.settings.experiment;
        let current = &self.requested;
        if wanted.data != current.data
            || wanted.network != current.network
            || wanted.seed != current.seed
        {
            let left = match (&current.data.kind, &wanted.data.kind) {
                (DatasetKind::Points { .. }, DatasetKind::Points { .. }) => None,
                (DatasetKind::Points { points }, _) => Some(points.len()),
                _ => None,
            };
            match left {
                Some(count) => self.rebuild(&format!(
                    "Rebuilt (your {count} points stay in the dataset list as \"{}\")",
                    DatasetKind::points_name(count)
                )),
                None => self.rebuild("Rebuilt"),
            }
        } else if wanted.training != current.training {
            let config = wanted.training.clone();
            self.requested.training = config.clone();
            self.run.send(RunCommand::SetTraining(config));
        }
        if self.settings.experiment.epochs != self.requested.epochs {
            self.requested.epochs = self.settings.experiment.epochs;
            self.run.send(RunCommand::SetEpochs(self.requested.epochs));
        }
    }
}

/// Whether `path` names a CSV file (by its extension).
pub(super) fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// A run of `experiment`, or of the tutorial's when that fails (it cannot).
pub(super) fn fresh_session(experiment: &Experiment) -> Session {
    Session::new(experiment.clone(), BOUNDARY_RESOLUTION)
        .or_else(|_| Session::new(Experiment::default(), BOUNDARY_RESOLUTION))
        .unwrap_or_else(|e| unreachable!("the tutorial's experiment is valid: {e}"))
}

/// Sizes the output layer (and the loss) for the chosen data, as the experiment decides. A
/// dataset that cannot be read is left for the rebuild to report.
pub(super) fn fit_output_to_data(experiment: &mut Experiment) {
    experiment.fit_output_to_data().ok();
}
