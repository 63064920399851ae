//! A part of the network diagram the Explain window points at: a neuron or a link, lit up over
//! the diagram when the pointer rests on one of its numbers.

use egui::{Color32, Stroke};

use super::{
    gradient_view::delta_text,
    network_view::{NetworkView, NeuronId},
};
use crate::view::explain::Phase;

/// The colour that lights up what a hovered number belongs to.
pub const MARK: Color32 = Color32::from_rgb(230, 40, 140);

/// A neuron or a link of the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A neuron: `(column, neuron)`, column 0 being the inputs.
    Neuron(NeuronId),
    /// The link of layer `layer` (from 0) from its input `from` to its neuron `to`: the weight
    /// `W{layer + 1}[from, to]`.
    Link {
        /// The layer, from 0 at the input side.
        layer: usize,
        /// The input it comes from (a neuron of column `layer`).
        from: usize,
        /// The neuron it goes to (of column `layer + 1`).
        to: usize,
    },
}

/// Columns taller than this get no δ written beside their neurons (they would overlap).
const MAX_DELTA_ROWS: usize = 12;

impl NetworkView {
    /// Writes each neuron's mean δ under it, in the gradient view.
    pub fn deltas_ui(&self, ui: &egui::Ui) {
        let Some(gradients) = self.gradients() else {
            return;
        };
        let painter = ui.painter();
        let font = egui::FontId::proportional(9.0);
        for column in 1..self.columns() {
            // Written under each neuron only where the rows leave room (else on hover).
            let gap = match (self.centre((column, 0)), self.centre((column, 1))) {
                (Some(a), Some(b)) => b.y - a.y - self.thumb(),
                _ => f32::INFINITY,
            };
            if self.neurons(column) > MAX_DELTA_ROWS || gap < 11.0 {
                continue;
            }
            for k in 0..self.neurons(column) {
                if let (Some(centre), Some(delta)) =
                    (self.centre((column, k)), gradients.delta(column - 1, k))
                {
                    painter.text(
                        centre + egui::vec2(0.0, self.thumb() / 2.0 + 1.0),
                        egui::Align2::CENTER_TOP,
                        delta_text(delta),
                        font.clone(),
                        ui.visuals().text_color(),
                    );
                }
            }
        }
    }

    /// Shows over the diagram drawn last which part of a training step is at work: an arrow
    /// from the inputs to the output for the forward pass, the output lit for the loss, an
    /// arrow back for the backward pass, every link lit for the update.
    pub fn phase_ui(&self, ui: &egui::Ui, phase: Phase) {
        let columns = self.columns();
        let (Some(first), Some(last)) = (
            self.centre((0, 0)),
            self.centre((columns.saturating_sub(1), 0)),
        ) else {
            return;
        };
        let bottom = (0..columns)
            .filter_map(|c| self.centre((c, self.neurons(c).saturating_sub(1))))
            .map(|p| p.y)
            .fold(first.y, f32::max)
            + self.thumb() / 2.0
            + 10.0;
        let (left, right) = (egui::pos2(first.x, bottom), egui::pos2(last.x, bottom));
        let painter = ui.painter();
        let stroke = Stroke::new(2.0, MARK);
        let font = egui::FontId::proportional(12.0);
        let say = |at: egui::Pos2, text: &str| {
            painter.text(at, egui::Align2::CENTER_TOP, text, font.clone(), MARK);
        };
        let middle = egui::pos2((left.x + right.x) / 2.0, bottom + 4.0);
        match phase {
            Phase::Forward => {
                painter.arrow(left, right - left, stroke);
                say(middle, "forward: z = a·W + b, a = f(z)");
            }
            Phase::Loss => {
                for k in 0..self.neurons(columns - 1) {
                    self.mark_ui(ui, Mark::Neuron((columns - 1, k)));
                }
                say(middle, "loss: the output against the label");
            }
            Phase::Backward => {
                painter.arrow(right, left - right, stroke);
                say(middle, "backward: dz, dW, db");
            }
            Phase::Update => {
                for layer in 0..columns - 1 {
                    for from in 0..self.neurons(layer) {
                        for to in 0..self.neurons(layer + 1) {
                            if let Some((a, b)) = self.link_ends(layer, from, to) {
                                painter.line_segment([a, b], Stroke::new(1.0, MARK));
                            }
                        }
                    }
                }
                say(middle, "update: W ← W − η·dW");
            }
        }
    }

    /// Lights `mark` up over the diagram drawn last.
    pub fn mark_ui(&self, ui: &egui::Ui, mark: Mark) {
        let painter = ui.painter();
        match mark {
            Mark::Neuron(id) => {
                if let Some(centre) = self.centre(id) {
                    let cell =
                        egui::Rect::from_center_size(centre, egui::Vec2::splat(self.thumb()));
                    painter.rect_stroke(
                        cell.expand(3.0),
                        3.0,
                        Stroke::new(3.0, MARK),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            Mark::Link { layer, from, to } => {
                if let Some((a, b)) = self.link_ends(layer, from, to) {
                    painter.line_segment([a, b], Stroke::new(4.0, MARK));
                }
            }
        }
    }
}
