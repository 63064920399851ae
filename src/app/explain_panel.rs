//! The Explain panel (a side panel on the right): one training step of the run, number by number, for a data point or
//! the whole batch: the forward pass layer by layer, the loss, the backward pass and the
//! update, with the tutorial's names. Every number is the core's
//! ([`Explained`](crate::view::explained::Explained), computed by the training thread with the
//! snapshot); this file only lays it out and links it to the diagram.
//!
//! Each number is a cell the accessibility tree names after its place (`dW1[0,3]`) and carries
//! at full precision, so tests (and screen readers) read exactly what the core computed.

use egui::{RichText, Sense};

use super::{
    Command,
    diagram_mark::{MARK, Mark},
    loss_plot::significant,
    network_view::neuron_name,
};
use crate::view::{
    explain::{Entry, Phase, Value},
    explained::{ExplainTarget, Explained},
    snapshot::Snapshot,
};

/// Rows of a matrix of samples shown (the rest are summed up in a line).
const MAX_ROWS: usize = 6;
/// Columns of a matrix shown.
const MAX_COLUMNS: usize = 16;
/// Significant digits a number is shown with (the accessibility tree has them all).
const DIGITS: usize = 4;
/// The panel's width at first, in points (it can be dragged wider).
const PANEL_WIDTH: f32 = 340.0;
/// How close (in points) a click must come to a data point to explain it.
pub const PICK_RADIUS: f32 = 12.0;

/// The Explain window's state: whether it is open, what it follows, and the number under the
/// pointer (whose neuron or link the diagram lights up).
#[derive(Debug)]
pub struct ExplainPanel {
    /// Whether the window is open (a left click on the boundary then explains a point).
    pub open: bool,
    /// What it follows.
    pub target: ExplainTarget,
    /// The diagram part of the number under the pointer last frame.
    pub hovered: Option<Mark>,
    /// The entries of the explanation drawn last, kept while the snapshot's is the same.
    entries: Option<(usize, Vec<Entry>)>,
}

impl Default for ExplainPanel {
    fn default() -> Self {
        Self {
            open: false,
            target: ExplainTarget::Batch,
            hovered: None,
            entries: None,
        }
    }
}

/// The diagram part number `(row, column)` of `entry` belongs to: a link for a weight, a
/// neuron for a pre-activation, an activation, a bias or their gradients, an input for `X`.
fn mark_of(entry: &Entry, row: usize, column: usize) -> Option<Mark> {
    let is_weight = entry.name.starts_with('W') || entry.name.starts_with("dW");
    match (entry.layer, &entry.value) {
        (None, Value::Matrix(_)) if entry.name == "X" => Some(Mark::Neuron((0, column))),
        (Some(k), Value::Matrix(_)) if is_weight => Some(Mark::Link {
            layer: k - 1,
            from: row,
            to: column,
        }),
        (Some(k), Value::Matrix(_) | Value::Vector(_)) => Some(Mark::Neuron((k, column))),
        _ => None,
    }
}

/// A phase's name, as the status line and the panel say it.
pub fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Forward => "the forward pass",
        Phase::Loss => "the loss",
        Phase::Backward => "the backward pass",
        Phase::Update => "the update",
    }
}

/// The heading of a phase in the window.
fn phase_title(phase: Phase) -> &'static str {
    match phase {
        Phase::Forward => "Forward pass: z = a·W + b, a = f(z), layer by layer",
        Phase::Loss => "Loss: how far the output is from the label",
        Phase::Backward => "Backward pass: dz at the output, then back through each layer",
        Phase::Update => "Update: w ← w − η·g, what the next step does",
    }
}

impl ExplainPanel {
    /// Draws the window, if open. `link` is the diagram's link or neuron under the pointer,
    /// whose numbers are lit up here; `inputs` names the input features.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Snapshot,
        link: Option<Mark>,
        inputs: &[&str],
        commands: &mut Vec<Command>,
    ) {
        self.hovered = None;
        if !self.open {
            return;
        }
        egui::Panel::right("explain")
            .resizable(true)
            .default_size(PANEL_WIDTH)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Explain");
                    if ui
                        .button("Close")
                        .on_hover_text("E: close; a left click on the boundary paints again")
                        .clicked()
                    {
                        commands.push(Command::ToggleExplain);
                    }
                });
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.contents_ui(ui, session, link, inputs, commands)
                    });
            });
    }

    fn contents_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Snapshot,
        link: Option<Mark>,
        inputs: &[&str],
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let batch = matches!(self.target, ExplainTarget::Batch);
            if ui
                .selectable_label(batch, "whole batch")
                .on_hover_text("Every training point as one batch: the gradient is their mean")
                .clicked()
            {
                commands.push(Command::Explain(ExplainTarget::Batch));
            }
            ui.weak("or click a data point on the boundary");
        });
        let shown_phase = session.phase().map(|step| step.phase);
        let phase_explained = session.phase().map(|step| &*step.explained);
        let Some(explained) = phase_explained.or(session.explained()) else {
            ui.label("Working it out…");
            return;
        };
        if let Some(phase) = shown_phase {
            ui.colored_label(
                MARK,
                format!(
                    "Stepping phase by phase (P, or Phase): now {}.",
                    phase_name(phase)
                ),
            );
        }
        ui.label(describe(explained, session));
        let e = &explained.explanation;
        ui.weak(format!(
            "loss {} · {} · η = {}{}{}",
            e.loss_kind.name(),
            e.optimizer.name(),
            e.learning_rate,
            if e.l1 > 0.0 {
                format!(" · λ₁ = {}", e.l1)
            } else {
                String::new()
            },
            if e.l2 > 0.0 {
                format!(" · λ = {}", e.l2)
            } else {
                String::new()
            },
        ));
        let columns = e.layers.len() + 1;
        if let Some(Mark::Link { layer, from, to }) = link {
            link_ui(ui, explained, (layer, from, to), columns, inputs);
        }
        ui.separator();
        let key = std::ptr::from_ref(explained) as usize;
        if self.entries.as_ref().is_none_or(|(k, _)| *k != key) {
            self.entries = Some((key, e.entries()));
        }
        let Some((_, entries)) = &self.entries else {
            return;
        };
        code_ui(ui, entries, shown_phase);
        let mut hovered = None;
        for phase in [Phase::Forward, Phase::Loss, Phase::Backward, Phase::Update] {
            let mut title = RichText::new(phase_title(phase)).strong();
            if shown_phase == Some(phase) {
                title = RichText::new(format!("▶ {}", phase_title(phase)))
                    .strong()
                    .color(MARK);
            }
            egui::CollapsingHeader::new(title)
                .id_salt(phase_name(phase))
                .default_open(true)
                // Stepping phase by phase, the phase at work is the one open.
                .open(shown_phase.map(|shown| shown == phase))
                .show(ui, |ui| {
                    for entry in entries.iter().filter(|entry| entry.phase == phase) {
                        if let Some(mark) = entry_ui(ui, entry, link) {
                            hovered = Some(mark);
                        }
                    }
                });
        }
        self.hovered = hovered;
    }
}

/// The step as a short program, one line per computed quantity in the order a step runs
/// them (the formulas of the numbers below, numbered), the phase at work marked `▶` while
/// stepping phase by phase; resting on a line shows its variable's live array.
fn code_ui(ui: &mut egui::Ui, entries: &[Entry], shown_phase: Option<Phase>) {
    egui::CollapsingHeader::new(RichText::new("The step as code").strong())
        .id_salt("code")
        .default_open(false)
        .show(ui, |ui| {
            let mut line = 0;
            let mut phase = None;
            for entry in entries {
                let Some(formula) = &entry.formula else {
                    continue;
                };
                if phase != Some(entry.phase) {
                    phase = Some(entry.phase);
                    ui.label(RichText::new(format!("# {}", phase_name(entry.phase))).weak());
                }
                line += 1;
                let at_work = shown_phase == Some(entry.phase);
                let marker = if at_work { "▶" } else { " " };
                let mut text = RichText::new(format!("{marker}{line:>3}  {formula}")).monospace();
                if at_work {
                    text = text.color(MARK);
                }
                ui.add(egui::Label::new(text).sense(Sense::hover()))
                    .on_hover_ui(|ui| {
                        ui.label(RichText::new(value_text(entry)).monospace());
                    });
            }
        });
}

/// A quantity's numbers as text, rows on lines, for the code's hover.
fn value_text(entry: &Entry) -> String {
    let row = |values: &[f64]| {
        values
            .iter()
            .take(MAX_COLUMNS)
            .map(|&v| significant(v, DIGITS))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let body = match &entry.value {
        Value::Scalar(v) => significant(*v, DIGITS),
        Value::Vector(values) => row(values),
        Value::Matrix(rows) => rows
            .iter()
            .take(MAX_ROWS)
            .map(|r| row(r))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    format!("{} =\n{body}", entry.name)
}

/// What the explanation follows, in words.
fn describe(explained: &Explained, session: &Snapshot) -> String {
    let m = explained.explanation.samples();
    let when = format!("epoch {}", explained.epoch);
    let stale = if explained.epoch == session.trainer().epoch()
        || matches!(explained.target, ExplainTarget::NextBatch { .. })
    {
        String::new()
    } else {
        " (a big network: refreshed when training pauses)".to_owned()
    };
    match &explained.target {
        ExplainTarget::Batch => {
            let batch = session.trainer().config().batch_size;
            let note = match batch {
                Some(rows) if rows < m => {
                    format!("; the run itself steps on mini-batches of {rows}")
                }
                _ => String::new(),
            };
            format!("All {m} training points as one batch (m = {m}), at {when}{stale}{note}.")
        }
        ExplainTarget::NextBatch { batch, batches, .. } if *batches > 1 => format!(
            "The step's mini-batch {batch} of {batches} of {when} (m = {m}), its \
             gradients the batch mean."
        ),
        ExplainTarget::NextBatch { .. } => {
            format!("The step of {when} on all {m} training points (m = {m}).")
        }
        ExplainTarget::Point {
            inputs,
            label,
            is_test,
        } => {
            let set = if *is_test {
                ", a test point (training never sees it)"
            } else {
                ""
            };
            // The inputs are the plane's x1, x2 only for the plain features; otherwise they
            // are named, as the network takes them.
            let features = session.experiment().data.features;
            let point = match inputs[..] {
                [x1, x2] if features.is_plain() => format!("The point ({x1}, {x2})"),
                _ => {
                    let named: Vec<String> = features
                        .names()
                        .iter()
                        .zip(inputs)
                        .map(|(name, value)| format!("{name} = {value}"))
                        .collect();
                    format!("The point with inputs {}", named.join(", "))
                }
            };
            format!("{point}, label {label}{set}, as a batch of one (m = 1), at {when}{stale}.")
        }
    }
}

/// The numbers of one link of the diagram: its weight, gradient and next value.
fn link_ui(
    ui: &mut egui::Ui,
    explained: &Explained,
    (layer, from, to): (usize, usize, usize),
    columns: usize,
    inputs: &[&str],
) {
    let Some(step) = explained.explanation.layers.get(layer) else {
        return;
    };
    let at = |m: &[Vec<f64>]| m.get(from).and_then(|row| row.get(to)).copied();
    let (Some(w), Some(dw), Some(next)) = (at(&step.w), at(&step.dw), at(&step.w_next)) else {
        return;
    };
    let k = layer + 1;
    ui.colored_label(
        MARK,
        format!(
            "Link {} → {}: W{k}[{from},{to}] = {}, dW{k}[{from},{to}] = {}, W{k}'[{from},{to}] = {}",
            neuron_name((layer, from), columns, inputs),
            neuron_name((layer + 1, to), columns, inputs),
            significant(w, DIGITS),
            significant(dw, DIGITS),
            significant(next, DIGITS),
        ),
    );
}

/// One quantity: its formula (or name), then its numbers. Returns the diagram part of the
/// number under the pointer.
fn entry_ui(ui: &mut egui::Ui, entry: &Entry, link: Option<Mark>) -> Option<Mark> {
    let title = entry.formula.clone().unwrap_or_else(|| entry.name.clone());
    ui.label(RichText::new(title).monospace());
    let mut hovered = None;
    let mut cell = |ui: &mut egui::Ui, at: String, value: f64, mark: Option<Mark>| {
        let lit = mark.is_some() && mark == link;
        if number_ui(ui, &format!("{}{at}", entry.name), value, lit).hovered() {
            hovered = mark;
        }
    };
    ui.indent(&entry.name, |ui| match &entry.value {
        Value::Scalar(value) => {
            cell(ui, String::new(), *value, None);
        }
        Value::Vector(values) => {
            ui.horizontal_wrapped(|ui| {
                for (j, &value) in values.iter().enumerate().take(MAX_COLUMNS) {
                    cell(ui, format!("[{j}]"), value, mark_of(entry, 0, j));
                }
                more_ui(ui, values.len(), "more");
            });
        }
        Value::Matrix(rows) => {
            egui::Grid::new(&entry.name)
                .spacing([10.0, 2.0])
                .show(ui, |ui| {
                    for (i, row) in rows.iter().enumerate().take(MAX_ROWS) {
                        for (j, &value) in row.iter().enumerate().take(MAX_COLUMNS) {
                            cell(ui, format!("[{i},{j}]"), value, mark_of(entry, i, j));
                        }
                        more_ui(ui, row.len(), "more");
                        ui.end_row();
                    }
                });
            if rows.len() > MAX_ROWS {
                ui.weak(format!("… {} more rows", rows.len() - MAX_ROWS));
            }
        }
    });
    hovered
}

/// "… 3 more" after a row cut at [`MAX_COLUMNS`].
fn more_ui(ui: &mut egui::Ui, count: usize, what: &str) {
    if !what.is_empty() && count > MAX_COLUMNS {
        ui.weak(format!("… {} {what}", count - MAX_COLUMNS));
    }
}

/// One number, shown to [`DIGITS`] significant digits, lit up when `lit`; the accessibility
/// tree names it `name` and holds it at full precision.
pub fn number_ui(ui: &mut egui::Ui, name: &str, value: f64, lit: bool) -> egui::Response {
    let shown = significant(value, DIGITS);
    let mut text = RichText::new(&shown).monospace();
    if lit {
        text = text.background_color(MARK.gamma_multiply(0.35));
    }
    let response = ui.add(egui::Label::new(text).sense(Sense::hover()));
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Cell, true, name);
        info.current_text_value = Some(shown.clone());
        info.value = Some(value);
        info
    });
    if response.hovered() {
        ui.painter().rect_stroke(
            response.rect.expand(1.0),
            2.0,
            (1.0, MARK),
            egui::StrokeKind::Outside,
        );
    }
    response
}
