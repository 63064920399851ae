//! A part of the network diagram the Explain window points at: a neuron or a link, lit up over
//! the diagram when the pointer rests on one of its numbers.

use egui::{Color32, Stroke};

use super::network_view::{NetworkView, NeuronId};

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

impl NetworkView {
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
