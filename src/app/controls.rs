//! The left panel: run buttons, training knobs (live), network and data (rebuild).

use egui::{ComboBox, Slider};

use super::{Command, Settings, bindings::hint, state::MAX_STEPS_PER_SECOND};
use crate::{
    data::DatasetKind,
    experiment::MAX_EPOCHS,
    lesson::Control,
    nn::{Activation, Init, LayerEdit, Loss, MAX_DROPOUT, NetworkConfig, Optimizer},
    suggested::Suggestion,
    train::{Metric, Schedule, StopAt},
    view::session::PointEdit,
};

/// The longest epoch count the slider offers.
pub const MAX_EPOCH_SLIDER: u64 = 10_000_000;
/// The most epochs per frame.
pub const MAX_EPOCHS_PER_FRAME: u64 = 100_000;
/// Widest hidden layer the slider and the diagram's + offer.
pub(super) const MAX_HIDDEN_SIZE: usize = 64;
/// Most hidden layers the slider and the diagram's + offer.
pub(super) const MAX_LAYERS: usize = 6;

/// What hidden layer `layer`'s (from 0) activation choice is called.
fn layer_activation_label(layer: usize) -> String {
    format!("layer {} activation", layer + 1)
}

/// Draws every control. Buttons record commands; sliders edit `settings` directly and the app
/// compares the experiment afterwards to decide between a live change and a rebuild.
pub fn controls_ui(
    ui: &mut egui::Ui,
    settings: &mut Settings,
    running: bool,
    commands: &mut Vec<Command>,
) {
    let hidden = settings.hidden.clone();
    let shows = |control: Control| !hidden.contains(&control);
    egui::ScrollArea::vertical().show(ui, |ui| {
        run_ui(ui, settings, running, &shows, commands);
        ui.separator();
        training_ui(ui, settings, &shows);
        ui.separator();
        network_ui(ui, settings, &shows, commands);
        ui.separator();
        data_ui(ui, settings, &shows, commands);
        if !hidden.is_empty() {
            ui.separator();
            ui.weak(format!(
                "{} for this lesson (Classroom menu).",
                crate::lesson::hidden_count(&hidden)
            ));
        }
    });
}

/// Whether the panel shows a control: the lesson's choice ([`Settings::shows`]).
type Shows<'a> = dyn Fn(Control) -> bool + 'a;

fn run_ui(
    ui: &mut egui::Ui,
    settings: &mut Settings,
    running: bool,
    shows: &Shows,
    commands: &mut Vec<Command>,
) {
    ui.heading("Run");
    if shows(Control::RunButtons) {
        run_buttons_ui(ui, running, commands);
    }
    if shows(Control::EpochsPerFrame) {
        ui.add(
            Slider::new(&mut settings.epochs_per_frame, 1..=MAX_EPOCHS_PER_FRAME)
                .logarithmic(true)
                .text("epochs per frame"),
        );
    }
    if shows(Control::EpochCount) {
        ui.add_enabled(
            !settings.until_stopped,
            Slider::new(
                &mut settings.experiment.epochs,
                1..=MAX_EPOCH_SLIDER.min(MAX_EPOCHS),
            )
            .logarithmic(true)
            .text("epoch count"),
        );
    }
    ui.horizontal(|ui| {
        if shows(Control::EpochCount) {
            ui.checkbox(&mut settings.until_stopped, "until stopped");
        }
        if shows(Control::SlowMotion) {
            ui.checkbox(&mut settings.slow_motion, "slow motion")
                .on_hover_text(
                    "While playing, a few mini-batches a second instead of epochs a frame",
                );
        }
    });
    if settings.slow_motion && shows(Control::SlowMotion) {
        ui.add(
            Slider::new(&mut settings.steps_per_second, 1.0..=MAX_STEPS_PER_SECOND)
                .logarithmic(true)
                .max_decimals(1)
                .text("steps per second"),
        );
    }
    if shows(Control::StopTarget) {
        stop_target_ui(ui, &mut settings.experiment.training.stop_at);
    }
}

/// Play (or Pause), Step, Batch, Phase and Reset.
fn run_buttons_ui(ui: &mut egui::Ui, running: bool, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let play = if running { "Pause" } else { "Play" };
        if ui
            .button(play)
            .on_hover_text(hint(&Command::TogglePlay))
            .clicked()
        {
            commands.push(Command::TogglePlay);
        }
        if ui
            .button("Step")
            .on_hover_text(hint(&Command::Step))
            .clicked()
        {
            commands.push(Command::Step);
        }
        if ui
            .button("Batch")
            .on_hover_text(hint(&Command::StepBatch))
            .clicked()
        {
            commands.push(Command::StepBatch);
        }
        if ui
            .button("Phase")
            .on_hover_text(hint(&Command::StepPhase))
            .clicked()
        {
            commands.push(Command::StepPhase);
        }
        if ui
            .button("Reset")
            .on_hover_text(hint(&Command::Reset))
            .clicked()
        {
            commands.push(Command::Reset);
        }
    });
}

/// "Stop at a target": a tick, then the metric and its value. A new metric starts from a
/// value worth reaching (a loss of 0.01, every point right).
fn stop_target_ui(ui: &mut egui::Ui, stop_at: &mut Option<StopAt>) {
    let starting = |metric: Metric| StopAt {
        metric,
        value: if metric.is_loss() { 0.01 } else { 1.0 },
    };
    let mut stopping = stop_at.is_some();
    if ui
        .checkbox(&mut stopping, "stop at a target")
        .on_hover_text("Pause once the run reaches a loss or an accuracy")
        .changed()
    {
        *stop_at = stopping.then(|| starting(Metric::Accuracy));
    }
    let Some(stop) = stop_at else {
        return;
    };
    ui.horizontal(|ui| {
        ComboBox::from_label("stop target")
            .selected_text(stop.metric.choice())
            .show_ui(ui, |ui| {
                for metric in Metric::ALL {
                    if ui
                        .selectable_label(stop.metric == metric, metric.choice())
                        .clicked()
                        && stop.metric != metric
                    {
                        *stop = starting(metric);
                    }
                }
            });
        let range = if stop.metric.is_loss() {
            0.0..=1e6
        } else {
            0.001..=1.0
        };
        let label = ui.label("target value");
        ui.add(
            egui::DragValue::new(&mut stop.value)
                .range(range)
                .speed(0.001)
                .max_decimals(6),
        )
        .labelled_by(label.id)
        .on_hover_text(if stop.metric.is_loss() {
            "Pause once the loss is at most this"
        } else {
            "Pause once this share of the points (0 to 1) is right"
        });
    });
}

fn training_ui(ui: &mut egui::Ui, settings: &mut Settings, shows: &Shows) {
    ui.heading("Training (live)");
    let training = &mut settings.experiment.training;
    if shows(Control::LearningRate) {
        ui.add(
            Slider::new(&mut training.learning_rate, 1e-4..=10.0)
                .logarithmic(true)
                .text("learning rate"),
        );
    }
    if shows(Control::LrSchedule) {
        schedule_ui(ui, &mut training.schedule, settings.experiment.epochs);
    }
    if shows(Control::Optimizer) {
        ComboBox::from_label("optimizer")
            .selected_text(training.optimizer.name())
            .show_ui(ui, |ui| {
                for o in Optimizer::ALL {
                    ui.selectable_value(&mut training.optimizer, o, o.name());
                }
            });
    }
    if shows(Control::Loss) {
        ComboBox::from_label("loss")
            .selected_text(training.loss.name())
            .show_ui(ui, |ui| {
                for l in Loss::ALL {
                    ui.selectable_value(&mut training.loss, l, l.name());
                }
            });
    }
    if shows(Control::L2) {
        ui.add(
            Slider::new(&mut training.l2, 0.0..=1.0)
                .logarithmic(true)
                .smallest_positive(1e-5)
                .text("L2"),
        );
    }
    if shows(Control::L1) {
        ui.add(
            Slider::new(&mut training.l1, 0.0..=1.0)
                .logarithmic(true)
                .smallest_positive(1e-5)
                .text("L1"),
        );
    }
    if shows(Control::Dropout) {
        ui.add(Slider::new(&mut training.dropout, 0.0..=MAX_DROPOUT).text("dropout"));
    }
    if shows(Control::BatchSize) {
        batch_ui(ui, &mut training.batch_size);
    }
}

/// *Full batch*, and the batch size when it is off.
fn batch_ui(ui: &mut egui::Ui, batch_size: &mut Option<usize>) {
    let mut full_batch = batch_size.is_none();
    if ui.checkbox(&mut full_batch, "full batch").changed() {
        *batch_size = if full_batch { None } else { Some(32) };
    }
    if let Some(batch) = batch_size {
        ui.add(
            Slider::new(batch, 1..=1024)
                .logarithmic(true)
                .text("batch size"),
        );
    }
}

/// The learning-rate schedule and its parameters; a new choice starts from sensible values
/// (halving every quarter of the run, or a cosine over the whole run).
fn schedule_ui(ui: &mut egui::Ui, schedule: &mut Schedule, epochs: u64) {
    let run = epochs.clamp(4, 10_000_000);
    let choices = [
        Schedule::Constant,
        Schedule::Step {
            every: run / 4,
            factor: 0.5,
        },
        Schedule::Cosine { period: run },
    ];
    ComboBox::from_label("lr schedule")
        .selected_text(schedule.name())
        .show_ui(ui, |ui| {
            for choice in choices {
                if ui
                    .selectable_label(schedule.name() == choice.name(), choice.name())
                    .clicked()
                    && schedule.name() != choice.name()
                {
                    *schedule = choice;
                }
            }
        });
    match schedule {
        Schedule::Constant => {}
        Schedule::Step { every, factor } => {
            ui.add(
                Slider::new(every, 1..=10_000_000)
                    .logarithmic(true)
                    .text("decay every"),
            );
            ui.add(Slider::new(factor, 0.01..=1.0).text("decay factor"));
        }
        Schedule::Cosine { period } => {
            ui.add(
                Slider::new(period, 1..=10_000_000)
                    .logarithmic(true)
                    .text("cosine period"),
            );
        }
    }
}

fn network_ui(
    ui: &mut egui::Ui,
    settings: &mut Settings,
    shows: &Shows,
    commands: &mut Vec<Command>,
) {
    ui.heading("Network (rebuilds)");
    let network = &mut settings.experiment.network;
    if shows(Control::HiddenLayers) {
        shape_ui(ui, network);
    }
    if shows(Control::Activation) {
        activations_ui(ui, network);
    }
    if shows(Control::Init) {
        ComboBox::from_label("init")
            .selected_text(network.init.name())
            .show_ui(ui, |ui| {
                for i in Init::ALL {
                    ui.selectable_value(&mut network.init, i, i.name());
                }
            });
    }
    if shows(Control::Seed) {
        ui.horizontal(|ui| {
            let label = ui.label("seed");
            ui.add(egui::DragValue::new(&mut settings.experiment.seed))
                .labelled_by(label.id);
            if ui.button("New seed").clicked() {
                commands.push(Command::NewSeed);
            }
        });
    }
}

/// The number of hidden layers and their shared width.
fn shape_ui(ui: &mut egui::Ui, network: &mut NetworkConfig) {
    let mut layers = network.hidden.len().min(MAX_LAYERS);
    if ui
        .add(Slider::new(&mut layers, 0..=MAX_LAYERS).text("hidden layers"))
        .changed()
    {
        // Layers come and go at the end, the others keep their shape (as the +/− do).
        while network.hidden.len() < layers && network.edit(LayerEdit::AddLayer) {}
        while network.hidden.len() > layers && network.edit(LayerEdit::RemoveLayer) {}
    }
    // Without a hidden layer there is no width to set.
    if let Some(&first) = network.hidden.first() {
        let mut width = first.clamp(1, MAX_HIDDEN_SIZE);
        if ui
            .add(Slider::new(&mut width, 1..=MAX_HIDDEN_SIZE).text("hidden size"))
            .on_hover_text("Every hidden layer's width (the diagram's +/− set one layer's)")
            .changed()
        {
            network.hidden.iter_mut().for_each(|w| *w = width);
        }
    }
}

/// The hidden activation shared by every layer, and each layer's own once there are two.
fn activations_ui(ui: &mut egui::Ui, network: &mut NetworkConfig) {
    // Without a hidden layer there is no hidden activation: the output's is the loss's
    // (sigmoid or softmax).
    if !network.hidden.is_empty() {
        let shared = network.shared_activation();
        ComboBox::from_label("activation")
            .selected_text(shared.map_or("per layer", Activation::name))
            .show_ui(ui, |ui| {
                for a in Activation::ALL {
                    if ui.selectable_label(shared == Some(a), a.name()).clicked() {
                        network.set_activation(a);
                    }
                }
            });
    }
    // A layer's own activation once there are two to tell apart.
    if network.hidden.len() > 1 {
        for layer in 0..network.hidden.len() {
            let current = network.activation(layer);
            ComboBox::from_label(layer_activation_label(layer))
                .selected_text(current.name())
                .show_ui(ui, |ui| {
                    for a in Activation::ALL {
                        if ui.selectable_label(current == a, a.name()).clicked() {
                            network.set_layer_activation(layer, a);
                        }
                    }
                });
        }
    }
}

fn data_ui(ui: &mut egui::Ui, settings: &mut Settings, shows: &Shows, commands: &mut Vec<Command>) {
    ui.heading("Data (rebuilds)");
    if shows(Control::Dataset) {
        dataset_ui(ui, settings, commands);
    }
    let data = &mut settings.experiment.data;
    let generated = data.kind.is_generated();
    if shows(Control::Points) {
        ui.add_enabled(
            generated,
            Slider::new(&mut data.points, 10..=2000)
                .logarithmic(true)
                .text("points"),
        );
    }
    if shows(Control::Noise) {
        ui.add_enabled(
            generated,
            Slider::new(&mut data.noise, 0.0..=1.0).text("noise"),
        );
    }
    if shows(Control::TestShare) {
        ui.add_enabled(
            !matches!(data.kind, DatasetKind::Xor | DatasetKind::Points { .. }),
            Slider::new(&mut data.test_ratio, 0.0..=0.9).text("test share"),
        );
    }
    if shows(Control::InputFeatures) {
        ui.label("input features:");
        ui.horizontal_wrapped(|ui| {
            let names = crate::data::Features::NAMES;
            for (on, name) in data.features.toggles_mut().into_iter().zip(names) {
                ui.checkbox(on, name);
            }
        });
    }
    ui.horizontal(|ui| {
        if ui
            .button("Clear points")
            .on_hover_text("Remove every point, then click on the boundary to add your own")
            .clicked()
        {
            commands.push(Command::EditPoints(PointEdit::Clear));
        }
        ui.weak("or click on the boundary");
    });
}

/// The dataset list, its suggested settings and *Regenerate*.
fn dataset_ui(ui: &mut egui::Ui, settings: &mut Settings, commands: &mut Vec<Command>) {
    let data = &mut settings.experiment.data;
    let yours = settings.your_points.as_ref();
    // The list opens downwards: no taller than the room left below, so it scrolls inside the
    // window instead of running off its bottom.
    let room = ui.ctx().content_rect().bottom() - ui.cursor().top() - 48.0;
    ComboBox::from_label("dataset")
        .selected_text(data.kind.name())
        .height(room.max(60.0))
        .show_ui(ui, |ui| {
            // The points painted last stay here, first, when another dataset is
            // picked.
            if let Some(points) = yours {
                let current = matches!(data.kind, DatasetKind::Points { .. });
                let name = DatasetKind::points_name(points.len());
                if ui.selectable_label(current, name).clicked() && !current {
                    data.kind = DatasetKind::Points {
                        points: points.clone(),
                    };
                }
            }
            for kind in DatasetKind::named() {
                let name = kind.name();
                ui.selectable_value(&mut data.kind, kind, name);
            }
        });
    if let Some(suggestion) = Suggestion::for_dataset(&data.kind) {
        let name = data.kind.name();
        let applied = suggestion.is_applied(&settings.experiment);
        if ui
            .add_enabled(
                !applied,
                egui::Button::new(format!("Use suggested settings for {name}")),
            )
            .on_hover_text(suggestion.describe())
            .on_disabled_hover_text(format!("In use: {}", suggestion.describe()))
            .clicked()
        {
            commands.push(Command::UseSuggested);
        }
    }
    let data = &mut settings.experiment.data;
    let generated = data.kind.is_generated();
    if ui
        .add_enabled(generated, egui::Button::new("Regenerate"))
        .on_hover_text("New points of the same kind: the next data seed")
        .clicked()
    {
        commands.push(Command::Regenerate);
    }
}
