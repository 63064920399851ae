//! Try it by hand: a click on a link of the diagram (or on a neuron, for its bias) opens a
//! small window to type the weight's new value, which the training thread sets (TensorFlow
//! Playground's weight editing). A learner can solve XOR by hand, then press Play.

use super::{Command, diagram_mark::Mark, network_view::neuron_name};
use crate::{nn::Network, view::session::ParameterEdit};

/// The open editor: which weight or bias, and the text typed so far.
#[derive(Debug)]
pub struct WeightEditor {
    mark: Mark,
    text: String,
    /// Whether the field has had the keyboard yet (it takes it once, when the editor opens).
    focused: bool,
}

/// What `mark` names as a parameter: `(layer, from, to)`, `from` `None` for a bias. An input
/// neuron has no bias.
fn parameter_of(mark: Mark) -> Option<(usize, Option<usize>, usize)> {
    match mark {
        Mark::Link { layer, from, to } => Some((layer, Some(from), to)),
        Mark::Neuron((column, neuron)) if column > 0 => Some((column - 1, None, neuron)),
        Mark::Neuron(_) => None,
    }
}

/// The parameter's name as the Explain panel writes it: `W1[0,1]`, `b2[0]`.
fn parameter_name((layer, from, to): (usize, Option<usize>, usize)) -> String {
    match from {
        Some(from) => format!("W{}[{from},{to}]", layer + 1),
        None => format!("b{}[{to}]", layer + 1),
    }
}

/// The parameter's value in `network`.
fn value_of(network: &Network, (layer, from, to): (usize, Option<usize>, usize)) -> Option<f64> {
    let layer = network.layers().get(layer)?;
    match from {
        Some(from) => layer.weights().get((from, to)).copied(),
        None => layer.bias().get(to).copied(),
    }
}

impl WeightEditor {
    /// An editor for what `mark` names in `network`, its field holding the value now; `None`
    /// for an input neuron (it has no bias).
    pub fn new(mark: Mark, network: &Network) -> Option<Self> {
        let value = value_of(network, parameter_of(mark)?)?;
        Some(Self {
            mark,
            text: value.to_string(),
            focused: false,
        })
    }

    /// Draws the editor; returns whether it stays open. Set (or Enter) records the edit.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        network: &Network,
        inputs: &[&str],
        commands: &mut Vec<Command>,
    ) -> bool {
        let Some(parameter) = parameter_of(self.mark) else {
            return false;
        };
        let (layer, from, to) = parameter;
        let columns = network.layers().len() + 1;
        let what = match from {
            Some(from) => format!(
                "the weight from {} to {}",
                neuron_name((layer, from), columns, inputs),
                neuron_name((layer + 1, to), columns, inputs)
            ),
            None => format!(
                "the bias of {}",
                neuron_name((layer + 1, to), columns, inputs)
            ),
        };
        let mut open = true;
        let mut done = false;
        egui::Window::new("Set by hand")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                ui.label(format!("{}: {what}", parameter_name(parameter)));
                ui.horizontal(|ui| {
                    let label = ui.label("new value");
                    let field = ui
                        .text_edit_singleline(&mut self.text)
                        .labelled_by(label.id);
                    if !self.focused {
                        field.request_focus();
                        self.focused = true;
                    }
                    let entered =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Set").clicked() || entered {
                        match self.text.trim().parse::<f64>() {
                            Ok(value) => {
                                commands.push(Command::SetParameter(ParameterEdit {
                                    layer,
                                    from,
                                    to,
                                    value,
                                }));
                                done = true;
                            }
                            Err(_) => commands.push(Command::Refuse(format!(
                                "Not a number: \"{}\". Type a weight such as 2.5 or -1e-3.",
                                self.text.trim()
                            ))),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
                ui.weak("Training goes on from there: Space plays.");
            });
        open && !done
    }
}

/// The name the status line gives an edit: `W1[0,1]`.
pub fn edit_name(edit: &ParameterEdit) -> String {
    parameter_name((edit.layer, edit.from, edit.to))
}
