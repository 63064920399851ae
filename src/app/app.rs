//! The eframe app: its state, training in `logic`, drawing in `ui`, commands applied after
//! drawing. What each command does is in `actions.rs`, how keys and drops become commands in
//! `input.rs`, where everything is drawn in `layout.rs`.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::{Duration, Instant},
};

use super::{
    Command, Settings, Status,
    actions::{SavedAs, fit_output_to_data, fresh_session, is_csv},
    boundary_view::BoundaryView,
    diagram_mark::Mark,
    explain_panel::ExplainPanel,
    loss_plot::LossPlot,
    network_view::{NetworkView, NeuronId},
    path_prompt::PathPrompt,
    rates::Rates,
};
use crate::{
    cli::line::RunLine,
    experiment::Experiment,
    run::{Pacing, RunCommand, RunHandle},
    view::explained::ExplainTarget,
    view::pins::Pins,
    view::session::{BOUNDARY_RESOLUTION, Session},
    view::snapshot::{Snapshot, TrainerState},
    weights::settings_file,
};

/// How the window starts: what [`App::launch`] needs beyond eframe's creation context.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// A file to open at start (weights, experiment, or a `.csv` to import).
    pub file: Option<PathBuf>,
    /// eframe's settings file: read when eframe's storage has no settings, and its folder
    /// checked for writing. `None` in tests, which keep no settings.
    pub settings_file: Option<PathBuf>,
    /// Something found wrong before the window opened (a settings file that is a FIFO, for
    /// one), for the status line.
    pub notice: Option<String>,
    /// How training keeps time with the frames: [`Pacing::Live`] in the real window,
    /// [`Pacing::Lockstep`] (the default) in tests.
    pub pacing: Pacing,
    /// The run the window's command line described (`nn-playground --dataset spiral …`).
    pub run: Option<RunLine>,
}

/// The nn-playground window. Everything the user does reaches it as a [`Command`]; the
/// accessors below only read what the window shows.
pub struct App {
    pub(super) settings: Settings,
    /// The latest state the training thread published: what the window draws and saves.
    pub(super) session: Arc<Snapshot>,
    /// The training thread.
    pub(super) run: RunHandle,
    /// The experiment the window last asked the thread to run (the snapshot may lag it).
    pub(super) requested: Experiment,
    /// Names the latest Play sent, so a stop of an earlier one is ignored.
    pub(super) play_generation: u64,
    /// The pace last sent to the thread: epochs per frame and the epoch target.
    pub(super) pace: Option<(u64, Option<u64>)>,
    /// The slow motion last sent to the thread (`Some(None)`: none).
    pub(super) slow: Option<Option<f64>>,
    /// What the thread was last asked to explain (`Some(None)`: nothing).
    pub(super) explaining: Option<Option<ExplainTarget>>,
    pub(super) running: bool,
    pub(super) status: Status,
    pub(super) boundary: BoundaryView,
    pub(super) view_changed: bool,
    pub(super) commands: Vec<Command>,
    pub(super) prompt: Option<PathPrompt>,
    /// The field an experiment line is pasted into, when open.
    pub(super) line_prompt: Option<super::line_prompt::LinePrompt>,
    pub(super) about_open: bool,
    /// The file Ctrl+S writes, and whether it is an experiment file or a weights file.
    pub(super) current_file: Option<(PathBuf, SavedAs)>,
    pub(super) frame_start: Instant,
    pub(super) frame_time: Duration,
    /// Epochs and frames per second as the user sees them.
    pub(super) rates: Rates,
    pub(super) boundary_rect: egui::Rect,
    pub(super) pins: Pins,
    pub(super) network_view: NetworkView,
    /// Whether the loss plot follows the run, and the curve point under the pointer.
    pub(super) loss_plot: LossPlot,
    /// The diagram's neuron under the pointer last frame: its map replaces the boundary.
    pub(super) hovered_neuron: Option<NeuronId>,
    /// The diagram's height last frame (`None` before the first), kept while a neuron is
    /// hovered: the boundary's key then reads differently and may wrap, which must not move the
    /// neuron under the pointer.
    pub(super) diagram_height: Option<f32>,
    /// The neuron whose map the boundary texture shows, if not the output.
    pub(super) shown_neuron: Option<NeuronId>,
    /// Timing lines for measuring the real window (`NN_PLAYGROUND_TRACE`).
    pub(super) trace: super::trace::Trace,
    /// The Explain window.
    pub(super) explain: ExplainPanel,
    /// The Hidden space window.
    pub(super) hidden_space: super::hidden_space_view::HiddenSpaceView,
    /// The window typing a weight or bias by hand, when open.
    pub(super) weight_editor: Option<super::weight_editor::WeightEditor>,
}

impl App {
    /// The window's app, with the settings of the last launch (defaults in tests).
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        Self::with_file(cc, None)
    }

    /// Like [`Self::new`], then opens `file` if given: a weights or experiment file, or a
    /// `.csv` of points to import (as a drop of it would).
    pub fn with_file(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        Self::launch(
            cc,
            Launch {
                file,
                ..Launch::default()
            },
        )
    }

    /// The app as the real window starts it: settings restored from eframe's storage or,
    /// failing that, from the settings file, with anything wrong with them (a damaged file, a
    /// folder where settings cannot be saved) said once in the status line.
    pub fn launch(cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        super::fonts::install_fallback(&cc.egui_ctx);
        let settings_file = launch.settings_file.as_deref();
        let (settings, restore_problem) = Settings::restore_reporting(cc.storage, settings_file);
        let mut app = Self::paced(settings, launch.pacing);
        let unwritable = settings_file
            .and_then(Path::parent)
            .and_then(|folder| settings_file::check_writable(folder).err());
        let restore_problem = restore_problem.map(|p| format!("{p}; started from the defaults"));
        let problems: Vec<String> = [launch.notice, restore_problem, unwritable]
            .into_iter()
            .flatten()
            .collect();
        if !problems.is_empty() {
            let mut text = problems.join(". ");
            if app.status.is_error {
                text = format!("{}. {text}", app.status.text.trim_end_matches('.'));
            }
            app.status = Status::error(format!("{text}."));
        }
        if let Some(path) = launch.file {
            let action = if is_csv(&path) {
                super::FileAction::ImportCsv
            } else {
                super::FileAction::Open
            };
            // Applied in the first frame's logic, before anything is drawn.
            app.push(Command::Run(action, path));
        }
        if let Some(run) = launch.run {
            app.push(Command::UseLine(Box::new(run)));
        }
        app
    }

    /// An app on `settings`, training from the start in lockstep with its frames (as tests
    /// want it). Settings that do not make a valid experiment (e.g. a CSV file that has gone)
    /// fall back to the tutorial's.
    pub fn from_settings(settings: Settings) -> Self {
        Self::paced(settings, Pacing::Lockstep)
    }

    /// Like [`Self::from_settings`], with training keeping time as `pacing` says.
    pub fn paced(mut settings: Settings, pacing: Pacing) -> Self {
        let restored = settings != Settings::default();
        let left_out = settings.points_left_out.take();
        fit_output_to_data(&mut settings.experiment);
        let (session, mut status) =
            match Session::new(settings.experiment.clone(), BOUNDARY_RESOLUTION) {
                Ok(session) => {
                    let status = restored_status(&session.snapshot(), restored, left_out);
                    (session, status)
                }
                Err(e) => {
                    settings = Settings::default();
                    let status =
                        Status::error(format!("Saved settings ignored ({e}); back to defaults."));
                    (fresh_session(&settings.experiment), status)
                }
            };
        let snapshot = Arc::new(session.snapshot());
        let running = !snapshot.is_heavy();
        if !running && !status.is_error {
            status
                .text
                .push_str(" It is heavy, so it waits: Space trains.");
        } else if restored && !status.is_error {
            status.text.push_str(" Space pauses.");
        }
        let requested = session.experiment().clone();
        let mut app = Self {
            settings,
            session: snapshot,
            run: RunHandle::start(session, pacing),
            requested,
            play_generation: 0,
            pace: None,
            slow: None,
            explaining: None,
            running: false,
            status,
            boundary: BoundaryView::default(),
            view_changed: true,
            commands: Vec::new(),
            prompt: None,
            line_prompt: None,
            about_open: false,
            current_file: None,
            frame_start: Instant::now(),
            frame_time: Duration::ZERO,
            rates: Rates::default(),
            boundary_rect: egui::Rect::NOTHING,
            pins: Pins::default(),
            network_view: NetworkView::default(),
            loss_plot: LossPlot::default(),
            hovered_neuron: None,
            diagram_height: None,
            shown_neuron: None,
            trace: super::trace::Trace::default(),
            explain: ExplainPanel::default(),
            weight_editor: None,
            hidden_space: super::hidden_space_view::HiddenSpaceView::default(),
        };
        app.sync_pace();
        if running {
            app.play();
        }
        app.run.settle();
        app
    }

    /// The trainer as the training thread last published it.
    pub fn trainer(&self) -> &TrainerState {
        self.session.trainer()
    }

    /// The run as the training thread last published it: trainer, boundary grid and curves.
    pub fn session(&self) -> &Snapshot {
        &self.session
    }

    /// The settings the controls edit.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The status line's message.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Whether training runs each frame.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The file Save writes to: the last one opened or saved in this session.
    pub fn current_file(&self) -> Option<&Path> {
        self.current_file.as_ref().map(|(path, _)| path.as_path())
    }

    /// Whether the window's own path dialog is open, and for which action.
    pub fn path_dialog(&self) -> Option<super::FileAction> {
        self.prompt.as_ref().map(PathPrompt::action)
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

    /// Where the diagram drew the bias of neuron `(column, neuron)` (a hidden or output
    /// neuron) last frame: the centre of its square, if the thumbnails had room for one.
    pub fn bias_position(&self, column: usize, neuron: usize) -> Option<egui::Pos2> {
        self.network_view.bias_centre((column, neuron))
    }

    /// Whether the loss plot follows the run (the user has not panned or zoomed it away).
    pub fn is_plot_following(&self) -> bool {
        self.loss_plot.is_following()
    }

    /// The loss plot's y range last frame: losses, or their `log10` with "log scale" ticked.
    pub fn plot_y_range(&self) -> Option<[f64; 2]> {
        self.loss_plot.y_range()
    }

    /// The loss plot's curve point under the pointer, as its hover text shows it: the curve's
    /// name, the epoch and the loss.
    pub fn hovered_loss(&self) -> Option<&(String, f64, f64)> {
        self.loss_plot.hovered()
    }

    /// The Hidden space window's picture, when it is open.
    pub fn hidden_space(&self) -> Option<&crate::view::hidden_space::HiddenSpace> {
        self.hidden_space.shown()
    }

    /// Whether the Explain window is open.
    pub fn is_explaining(&self) -> bool {
        self.explain.open
    }

    /// What the diagram lights up for the Explain window's number under the pointer, named as
    /// the diagram's hover text names it: `hidden layer 1, neuron 3`, or a link as
    /// `input x2 -> hidden layer 1, neuron 3`.
    pub fn explain_lit(&self) -> Option<String> {
        let columns = self.session.trainer().network().layers().len() + 1;
        let inputs = self.session.experiment().data.features.names();
        let name = |id| super::network_view::neuron_name(id, columns, &inputs);
        self.explain.hovered.map(|mark| match mark {
            Mark::Neuron(id) => name(id),
            Mark::Link { layer, from, to } => {
                format!("{} -> {}", name((layer, from)), name((layer + 1, to)))
            }
        })
    }

    /// The pinned runs the loss plot compares against.
    pub fn pins(&self) -> &Pins {
        &self.pins
    }

    /// Records a command, applied in the next frame. The window's own input (menus, keys,
    /// clicks, drops) and the command line's file are the only callers.
    fn push(&mut self, command: Command) {
        self.commands.push(command);
    }
}

/// The status line at launch: what the window restored (or the tutorial's run), and any
/// painted points the last launch could not keep.
fn restored_status(session: &Snapshot, restored: bool, left_out: Option<usize>) -> Status {
    let mut text = if restored {
        format!(
            "Restored your last run: {}, fresh weights from seed {}.",
            session.describe(),
            session.experiment().seed
        )
    } else {
        "Training the tutorial's network on XOR. Space pauses.".to_owned()
    };
    if let Some(count) = left_out {
        text.push_str(&format!(
            " Your {count} painted points were too many to keep between launches (over {}); \
             Export points CSV… keeps them.",
            super::state::MAX_INLINE_POINTS
        ));
    }
    Status::info(text)
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.frame_start = Instant::now();
        if !self.run.has_repaint() {
            let ctx = ctx.clone();
            self.run.set_repaint(move || ctx.request_repaint());
        }
        self.read_input(ctx);
        self.apply_commands(ctx);
        self.sync_pace();
        if self.running {
            self.run.send(RunCommand::Frame);
        }
        self.absorb();
        if self.running {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.rates
            .record(now, self.session.trainer().epoch(), self.running);
        let start = Instant::now();
        self.refresh_textures(&ctx);
        self.trace.span("textures", start.elapsed());
        self.window_ui(ui);
        self.sync_settings();
        self.apply_commands(&ctx);
        self.absorb();
        if self.view_changed {
            ctx.request_repaint();
        }
        self.frame_time = self.frame_start.elapsed();
        self.trace
            .frame(self.session.trainer().epoch(), self.frame_time);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.store(storage);
    }
}
