//! The eframe app: training in `logic`, drawing in `ui`, commands applied after drawing.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{
    Command, FileAction, Settings, Status,
    boundary_view::{BoundaryView, boundary_rgba},
    controls::controls_ui,
    files::{self, Picked},
    loss_plot::loss_plot_ui,
    menu::{about_ui, menu_ui},
    network_view::{NetworkView, NeuronId, neuron_name},
    path_prompt::{PathPrompt, PromptOutcome},
    readouts::{confusion_ui, predictions_ui, readouts_ui},
};
use crate::{
    compare::Pins,
    data::{DatasetKind, PointSet, read_csv},
    experiment::Experiment,
    session::{BOUNDARY_RESOLUTION, PointEdit, Session},
    train::{TrainError, Trainer},
    weights::experiment_file::{self, RunFile},
};

/// Width of the controls panel.
const CONTROLS_WIDTH: f32 = 290.0;
/// The most time one frame spends training, so a big network at 100000 epochs per frame
/// still leaves the window responsive (it then trains fewer epochs that frame).
const TRAINING_BUDGET: Duration = Duration::from_millis(50);
/// Height kept under the plots for the readouts.
const READOUTS_HEIGHT: f32 = 175.0;

/// The nn-playground window.
pub struct App {
    settings: Settings,
    session: Session,
    running: bool,
    status: Status,
    boundary: BoundaryView,
    view_changed: bool,
    commands: Vec<Command>,
    prompt: Option<PathPrompt>,
    about_open: bool,
    current_file: Option<PathBuf>,
    frame_start: Instant,
    frame_time: Duration,
    boundary_rect: egui::Rect,
    pins: Pins,
    network_view: NetworkView,
    /// The diagram's neuron under the pointer last frame: its map replaces the boundary.
    hovered_neuron: Option<NeuronId>,
    /// The neuron whose map the boundary texture shows, if not the output.
    shown_neuron: Option<NeuronId>,
}

impl App {
    /// The window's app, with the settings of the last launch (defaults in tests).
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        Self::with_file(cc, None)
    }

    /// Like [`Self::new`], then opens `file` if given: a weights or experiment file, or a
    /// `.csv` of points to import.
    pub fn with_file(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let mut app = Self::from_settings(Settings::restore(cc.storage));
        if let Some(path) = file {
            if is_csv(&path) {
                app.import_csv(&path);
            } else {
                app.open_file(&path);
            }
        }
        app
    }

    /// An app on `settings`, training from the start. Settings that do not make a valid
    /// experiment (e.g. a CSV file that has gone) fall back to the tutorial's.
    pub fn from_settings(mut settings: Settings) -> Self {
        let mut status = Status::info("Training the tutorial's network on XOR. Space pauses.");
        fit_output_to_data(&mut settings.experiment);
        let session = match Session::new(settings.experiment.clone(), BOUNDARY_RESOLUTION) {
            Ok(session) => session,
            Err(e) => {
                status = Status::error(format!("Saved settings ignored ({e}); back to defaults."));
                settings = Settings::default();
                fresh_session(&settings.experiment)
            }
        };
        let mut app = Self {
            settings,
            session,
            running: true,
            status,
            boundary: BoundaryView::default(),
            view_changed: true,
            commands: Vec::new(),
            prompt: None,
            about_open: false,
            current_file: None,
            frame_start: Instant::now(),
            frame_time: Duration::ZERO,
            boundary_rect: egui::Rect::NOTHING,
            pins: Pins::default(),
            network_view: NetworkView::default(),
            hovered_neuron: None,
            shown_neuron: None,
        };
        app.session.set_log_scale(app.settings.log_scale);
        app.pins.set_log_scale(app.settings.log_scale);
        app
    }

    /// The live trainer.
    pub fn trainer(&self) -> &Trainer {
        self.session.trainer()
    }

    /// The live run: trainer, boundary grid and curves.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The settings the controls edit.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The settings, to change as the controls would; the run follows at the end of the frame.
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// The status line's message.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Whether training runs each frame.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The weights file Save writes to: the last one opened or saved in this session.
    pub fn current_file(&self) -> Option<&Path> {
        self.current_file.as_deref()
    }

    /// Where the boundary view was last drawn, in screen points (for tests that click on it).
    pub fn boundary_rect(&self) -> egui::Rect {
        self.boundary_rect
    }

    /// The diagram's neuron under the pointer, whose map the boundary view shows.
    pub fn hovered_neuron(&self) -> Option<NeuronId> {
        self.hovered_neuron
    }

    /// Where the diagram drew neuron `(column, neuron)` last frame (column 0: the inputs).
    pub fn neuron_position(&self, column: usize, neuron: usize) -> Option<egui::Pos2> {
        self.network_view.centre((column, neuron))
    }

    /// The pinned runs the loss plot compares against.
    pub fn pins(&self) -> &Pins {
        &self.pins
    }

    /// Records a command, applied at the end of the next frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Opens a weights file or an experiment file (told apart by content): the controls take its configuration and training pauses. On any
    /// error the status line names the file and the reason, and the current run is untouched.
    pub fn open_file(&mut self, path: &Path) {
        let loaded = experiment_file::load_run(path)
            .map_err(|e| e.to_string())
            .and_then(|file| {
                match file {
                    RunFile::Weights(file) => Session::from_weights(file, BOUNDARY_RESOLUTION),
                    RunFile::Experiment(file) => {
                        Session::from_experiment_file(file, BOUNDARY_RESOLUTION)
                    }
                }
                .map_err(|e| format!("{}: {e}", path.display()))
            });
        match loaded {
            Ok(mut session) => {
                session.set_log_scale(self.settings.log_scale);
                self.settings.experiment = session.experiment().clone();
                self.settings.last_file = Some(path.to_owned());
                self.current_file = Some(path.to_owned());
                self.session = session;
                self.running = false;
                self.view_changed = true;
                self.status = Status::info(format!(
                    "Opened {} at epoch {}.",
                    path.display(),
                    self.session.trainer().epoch()
                ));
            }
            Err(reason) => self.status = Status::error(format!("Cannot open: {reason}")),
        }
    }

    /// Saves the weights to `path`; it becomes the file Ctrl+S saves to.
    pub fn save_file(&mut self, path: &Path) {
        match files::save_weights(path, &self.session.weights_file()) {
            Ok(()) => {
                self.settings.last_file = Some(path.to_owned());
                self.current_file = Some(path.to_owned());
                self.status = Status::info(format!(
                    "Saved epoch {} to {}.",
                    self.session.trainer().epoch(),
                    path.display()
                ));
            }
            Err(reason) => self.status = Status::error(format!("Cannot save: {reason}")),
        }
    }

    /// Adds, removes or clears hand-made points; the run keeps its network and goes on.
    pub fn edit_points(&mut self, edit: PointEdit) {
        match self.session.edit_points(edit) {
            Ok(count) => {
                self.settings.experiment.data = self.session.experiment().data.clone();
                self.view_changed = true;
                self.status = if count == 0 {
                    self.running = false;
                    Status::info(
                        "No points left. Click on the boundary: left for class 1, right for \
                         class 0.",
                    )
                } else {
                    Status::info(format!(
                        "{count} points; the network trains on them from epoch {}.",
                        self.session.trainer().epoch()
                    ))
                };
            }
            Err(e) => self.status = Status::error(format!("Cannot use those points: {e}")),
        }
    }

    /// Replaces the data with the points of a CSV file of `x1,x2,label` and starts afresh on
    /// them. An error names the file and the line; the run is then untouched.
    pub fn import_csv(&mut self, path: &Path) {
        match read_csv(path) {
            Ok(data) => {
                let points = PointSet::from_dataset(&data);
                let count = points.len();
                self.settings.experiment.data.kind = DatasetKind::Points { points };
                self.rebuild(&format!("Imported {count} points from {}", path.display()));
            }
            Err(e) => self.status = Status::error(format!("Cannot import: {e}")),
        }
    }

    /// Writes the run's points as CSV of `x1,x2,label` to `path`.
    pub fn export_points(&mut self, path: &Path) {
        let csv = self.session.data_csv();
        self.status = match files::write_atomically(path, csv.as_bytes()) {
            Ok(()) => Status::info(format!("Exported the points to {}.", path.display())),
            Err(e) => Status::error(format!("Cannot export to {}: {e}", path.display())),
        };
    }

    /// Saves the whole run (configuration, data, weights, loss history) to `path`.
    pub fn save_experiment(&mut self, path: &Path) {
        self.status = match experiment_file::save(path, &self.session.experiment_file()) {
            Ok(()) => {
                self.settings.last_file = Some(path.to_owned());
                Status::info(format!(
                    "Saved the experiment at epoch {} to {}.",
                    self.session.trainer().epoch(),
                    path.display()
                ))
            }
            Err(e) => Status::error(format!("Cannot save: {e}")),
        };
    }

    /// Writes the loss history as CSV to `path`.
    pub fn export_csv(&mut self, path: &Path) {
        let csv = self.session.loss_csv();
        self.status = match files::write_atomically(path, csv.as_bytes()) {
            Ok(()) => Status::info(format!("Exported the loss history to {}.", path.display())),
            Err(e) => Status::error(format!("Cannot export to {}: {e}", path.display())),
        };
    }

    /// Writes the decision boundary as PNG to `path`.
    pub fn export_png(&mut self, path: &Path) {
        let (side, rgba) = boundary_rgba(self.session.grid(), self.settings.show_contour);
        let written = files::encode_png(side, side, &rgba)
            .map_err(|e| e.to_string())
            .and_then(|bytes| files::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        self.status = match written {
            Ok(()) => Status::info(format!("Exported the boundary to {}.", path.display())),
            Err(e) => Status::error(format!("Cannot export to {}: {e}", path.display())),
        };
    }

    /// The epoch the run stops at, or `None` when it runs until stopped.
    fn target(&self) -> Option<u64> {
        (!self.settings.until_stopped).then_some(self.settings.experiment.epochs)
    }

    /// Trains one frame's worth of epochs.
    fn train_frame(&mut self) {
        let remaining = self.target().map_or(u64::MAX, |t| {
            t.saturating_sub(self.session.trainer().epoch())
        });
        if remaining == 0 {
            self.running = false;
            self.status = Status::info(format!(
                "Reached epoch {}. Raise the epoch count or tick \"until stopped\" to go on.",
                self.session.trainer().epoch()
            ));
            return;
        }
        let epochs = self.settings.epochs_per_frame.clamp(1, remaining);
        let result = self.session.advance_within(epochs, TRAINING_BUDGET);
        self.view_changed = true;
        self.report(result.map(|_| ()));
    }

    /// Turns a training result into the status line, pausing on failure.
    fn report(&mut self, result: Result<(), TrainError>) {
        match result {
            Ok(()) => {}
            Err(TrainError::Diverged { epoch }) => {
                self.running = false;
                self.status = Status::error(format!(
                    "Training diverged at epoch {epoch} (learning rate {}) and was paused, \
                     keeping the last good weights. Try a smaller learning rate.",
                    self.settings.experiment.training.learning_rate
                ));
            }
            Err(TrainError::NoData) => {
                self.running = false;
                self.status = Status::error(
                    "There are no points to train on. Click on the boundary: left for class 1, \
                     right for class 0.",
                );
            }
            Err(e) => {
                self.running = false;
                self.status = Status::error(format!("Training stopped: {e}"));
            }
        }
    }

    /// Builds a fresh run of the settings' experiment, saying `done` in the status line.
    /// Invalid settings go back to the run's.
    fn rebuild(&mut self, done: &str) {
        fit_output_to_data(&mut self.settings.experiment);
        match Session::new(self.settings.experiment.clone(), BOUNDARY_RESOLUTION) {
            Ok(mut session) => {
                session.set_log_scale(self.settings.log_scale);
                self.session = session;
                self.view_changed = true;
                self.status = Status::info(format!(
                    "{done}: fresh weights from seed {}, epoch 0.",
                    self.settings.experiment.seed
                ));
            }
            Err(e) => {
                self.settings.experiment = self.session.experiment().clone();
                self.status = Status::error(format!("Cannot build that network: {e}"));
            }
        }
    }

    /// Brings the run in line with what the controls changed: a rebuild for the network, the
    /// data or the seed; a live change for the training knobs.
    fn sync_settings(&mut self) {
        let wanted = &self.settings.experiment;
        let current = self.session.experiment();
        if wanted.data != current.data
            || wanted.network != current.network
            || wanted.seed != current.seed
        {
            self.rebuild("Rebuilt");
        } else if wanted.training != current.training {
            let config = wanted.training.clone();
            if let Err(e) = self.session.set_training(config) {
                self.settings.experiment.training = self.session.experiment().training.clone();
                self.status = Status::error(format!("Cannot use that setting: {e}"));
            }
        }
        if self.settings.experiment.epochs != self.session.experiment().epochs {
            self.session.set_epochs(self.settings.experiment.epochs);
        }
        if self.settings.log_scale != self.session.log_scale() {
            self.session.set_log_scale(self.settings.log_scale);
        }
        self.pins.set_log_scale(self.settings.log_scale);
    }

    /// Applies the recorded commands, in order.
    fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(ctx, command);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::TogglePlay => {
                self.running = !self.running;
                if self.running {
                    self.status = Status::info("Training.");
                } else {
                    self.status = Status::info("Paused.");
                }
            }
            Command::Step => {
                self.running = false;
                let result = self.session.advance(1);
                self.view_changed = true;
                self.report(result);
                if self.session.trainer().diverged_at().is_none() {
                    self.status = Status::info(format!(
                        "Stepped to epoch {}.",
                        self.session.trainer().epoch()
                    ));
                }
            }
            Command::Reset => self.rebuild("Reset"),
            Command::NewSeed => {
                self.settings.experiment.seed = self.settings.experiment.seed.wrapping_add(1);
                self.rebuild("New seed");
            }
            // Only a file of this session: after a restart Ctrl+S asks before overwriting.
            Command::Save => match self.current_file.clone() {
                Some(path) => self.save_file(&path),
                None => self.apply(ctx, Command::Pick(FileAction::Save)),
            },
            Command::Pick(action) => {
                match files::pick(action, self.settings.last_file.as_deref()) {
                    Picked::Path(path) => self.apply(ctx, Command::Run(action, path)),
                    Picked::Cancelled => {}
                    Picked::NoDialog => {
                        let near = self
                            .settings
                            .last_file
                            .as_deref()
                            .and_then(Path::parent)
                            .map(Path::to_owned)
                            .or_else(|| std::env::current_dir().ok())
                            .unwrap_or_default();
                        self.prompt =
                            Some(PathPrompt::new(action, near.join(action.default_name())));
                    }
                }
            }
            Command::Run(action, path) => match action {
                FileAction::Open => self.open_file(&path),
                FileAction::Save => self.save_file(&path),
                FileAction::ExportCsv => self.export_csv(&path),
                FileAction::ExportPng => self.export_png(&path),
                FileAction::SaveExperiment => self.save_experiment(&path),
                FileAction::ImportCsv => self.import_csv(&path),
                FileAction::ExportData => self.export_points(&path),
            },
            Command::EditPoints(edit) => self.edit_points(edit),
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
            Command::ToggleAbout => self.about_open = !self.about_open,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Reads the keyboard shortcuts and dropped files into commands.
    fn read_input(&mut self, ctx: &egui::Context) {
        let ctrl = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let ctrl_shift = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
        let typing = ctx.text_edit_focused();
        ctx.input_mut(|i| {
            // The longer combination first, so Ctrl+Shift+S is not also read as Ctrl+S.
            if i.consume_shortcut(&ctrl_shift) {
                self.commands.push(Command::Pick(FileAction::Save));
            }
            if i.consume_shortcut(&ctrl(Key::S)) {
                self.commands.push(Command::Save);
            }
            if i.consume_shortcut(&ctrl(Key::O)) {
                self.commands.push(Command::Pick(FileAction::Open));
            }
            if i.consume_shortcut(&ctrl(Key::Q)) {
                self.commands.push(Command::Quit);
            }
            if typing {
                return;
            }
            if i.consume_key(Modifiers::NONE, Key::Space) {
                self.commands.push(Command::TogglePlay);
            }
            if i.consume_key(Modifiers::NONE, Key::S)
                || i.consume_key(Modifiers::NONE, Key::ArrowRight)
            {
                self.commands.push(Command::Step);
            }
            if i.consume_key(Modifiers::NONE, Key::R) {
                self.commands.push(Command::Reset);
            }
            if i.consume_key(Modifiers::NONE, Key::F1) {
                self.commands.push(Command::ToggleAbout);
            }
            for file in i.raw.dropped_files.drain(..) {
                let path = file.path();
                if !path.as_os_str().is_empty() {
                    let action = if is_csv(path) {
                        FileAction::ImportCsv
                    } else {
                        FileAction::Open
                    };
                    self.commands.push(Command::Run(action, path.to_owned()));
                }
            }
        });
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let available = ui.available_size();
        let side = (available.x * 0.5 - 8.0)
            .min(available.y - READOUTS_HEIGHT)
            .max(200.0);
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_max_width(side);
                self.boundary_rect = self
                    .boundary
                    .ui(ui, &self.session, side, &mut self.commands);
                match self.shown_neuron {
                    Some(neuron) => {
                        let columns = self.session.neuron_maps().columns();
                        let inputs = self.session.experiment().data.features.names();
                        ui.strong(format!(
                            "Showing {}: its activation over the plane",
                            neuron_name(neuron, columns, &inputs)
                        ));
                    }
                    None => super::boundary_view::key_ui(ui, self.session.grid().classes()),
                }
            });
            ui.vertical(|ui| {
                let width = (ui.available_width()).max(200.0);
                let plot_height = (side * 0.5).max(140.0);
                loss_plot_ui(ui, &self.session, &self.pins, width, plot_height);
                ui.horizontal(|ui| {
                    if ui
                        .button("Pin run")
                        .on_hover_text("Keep this loss curve to compare the next runs with")
                        .clicked()
                    {
                        self.commands.push(Command::Pin);
                    }
                    if !self.pins.is_empty() && ui.button("Clear pins").clicked() {
                        self.commands.push(Command::ClearPins);
                    }
                    ui.checkbox(&mut self.settings.log_scale, "log scale");
                    if ui
                        .checkbox(&mut self.settings.show_contour, "show 0.5 boundary")
                        .changed()
                    {
                        self.view_changed = true;
                    }
                });
                let diagram = egui::vec2(width, (side - plot_height - 32.0).max(120.0));
                let inputs = self.session.experiment().data.features.names();
                self.hovered_neuron =
                    self.network_view
                        .ui(ui, self.session.trainer().network(), &inputs, diagram);
            });
        });
        ui.separator();
        ui.horizontal_top(|ui| {
            readouts_ui(ui, &self.session, self.target(), self.frame_time);
            ui.separator();
            predictions_ui(ui, &self.session);
            confusion_ui(ui, &self.session);
        });
    }
}

/// Whether `path` names a CSV file (by its extension).
fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// A run of `experiment`, or of the tutorial's when that fails (it cannot).
fn fresh_session(experiment: &Experiment) -> Session {
    Session::new(experiment.clone(), BOUNDARY_RESOLUTION)
        .or_else(|_| Session::new(Experiment::default(), BOUNDARY_RESOLUTION))
        .unwrap_or_else(|e| unreachable!("the tutorial's experiment is valid: {e}"))
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.frame_start = Instant::now();
        self.read_input(ctx);
        self.apply_commands(ctx);
        if self.running {
            self.train_frame();
        }
        if self.running {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if !self.running && self.session.is_grid_partial() {
            // Training paused mid-sweep of a big network's boundary: finish the picture.
            self.session.refresh_view();
            self.view_changed = true;
        }
        let hovered_changed = self.hovered_neuron != self.shown_neuron;
        if self.view_changed || hovered_changed {
            let maps = self.session.neuron_maps();
            match self.hovered_neuron {
                Some((column, neuron)) => {
                    self.boundary
                        .show_map(&ctx, maps.map(column, neuron), maps.resolution());
                }
                None => {
                    self.boundary
                        .update(&ctx, self.session.grid(), self.settings.show_contour);
                }
            }
            if self.view_changed {
                self.network_view.update(&ctx, maps);
            }
            self.shown_neuron = self.hovered_neuron;
            self.view_changed = false;
        }
        egui::Panel::top("menu").show(ui, |ui| menu_ui(ui, &mut self.commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status.ui(ui));
        egui::Panel::left("controls")
            .resizable(false)
            .exact_size(CONTROLS_WIDTH)
            .show(ui, |ui| {
                controls_ui(ui, &mut self.settings, self.running, &mut self.commands);
            });
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        about_ui(&ctx, &mut self.about_open);
        if let Some(prompt) = &mut self.prompt {
            match prompt.ui(&ctx) {
                Some(PromptOutcome::Confirm(action, path)) => {
                    self.prompt = None;
                    self.commands.push(Command::Run(action, path));
                }
                Some(PromptOutcome::Cancel) => self.prompt = None,
                None => {}
            }
        }
        self.sync_settings();
        self.apply_commands(&ctx);
        if self.view_changed {
            ctx.request_repaint();
        }
        self.frame_time = self.frame_start.elapsed();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.store(storage);
    }
}

/// Sizes the output layer for the chosen data: one sigmoid neuron for two classes, a softmax
/// neuron per class otherwise. Multiclass networks train on cross-entropy, so MSE gives way.
/// A dataset that cannot be read is left for the rebuild to report.
fn fit_output_to_data(experiment: &mut Experiment) {
    if let Ok(classes) = experiment.fit_classes_to_data()
        && classes > 2
        && experiment.training.loss == crate::nn::Loss::Mse
    {
        experiment.training.loss = crate::nn::Loss::CrossEntropy;
    }
}
