//! The gradient view: the diagram's links coloured by the size of their gradient `dW` (on a
//! log scale, so a gradient a thousand times smaller still shows, faintly) and each neuron's
//! δ written beside it, with each layer's gradient size in a row under the diagram. In a deep
//! sigmoid network the gradients shrink layer by layer towards the inputs: the vanishing
//! gradient, there to see.

use super::{explain_panel::number_ui, loss_plot::significant};
use crate::view::explain::Explanation;

/// Decades of gradient size the colours span: a gradient a thousand times smaller than the
/// largest is drawn as faint as a link gets (in a fresh six-layer sigmoid network the first
/// layer's are about fifty times smaller than the last's).
const DECADES: f64 = 3.0;

/// The gradients of one explained step, as the diagram draws them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gradients {
    /// Each layer's `dW`, inputs × neurons.
    dw: Vec<Vec<Vec<f64>>>,
    /// Each layer's mean δ per neuron (its `db`: the batch mean of `dz`).
    delta: Vec<Vec<f64>>,
    /// The largest `|dW|` of all.
    largest: f64,
}

impl Gradients {
    /// The gradients of `explanation`'s step.
    pub fn new(explanation: &Explanation) -> Self {
        let dw: Vec<Vec<Vec<f64>>> = explanation.layers.iter().map(|l| l.dw.clone()).collect();
        let largest = dw
            .iter()
            .flatten()
            .flatten()
            .fold(0.0_f64, |m, g| m.max(g.abs()));
        Self {
            dw,
            delta: explanation.layers.iter().map(|l| l.db.clone()).collect(),
            largest,
        }
    }

    /// How strongly to draw the link of layer `layer` (from 0) from `from` to `to`, 0 to 1:
    /// its `|dW|` against the largest, on a log scale over [`DECADES`] decades.
    pub fn share(&self, layer: usize, from: usize, to: usize) -> f32 {
        let g = self
            .dw
            .get(layer)
            .and_then(|m| m.get(from))
            .and_then(|row| row.get(to))
            .map_or(0.0, |g| g.abs());
        if g == 0.0 || self.largest == 0.0 {
            return 0.0;
        }
        (1.0 + (g / self.largest).log10() / DECADES).clamp(0.0, 1.0) as f32
    }

    /// The mean δ of neuron `neuron` of layer `layer` (from 0).
    pub fn delta(&self, layer: usize, neuron: usize) -> Option<f64> {
        self.delta.get(layer)?.get(neuron).copied()
    }

    /// Each layer's gradient size: the root mean square of its `dW`.
    pub fn layer_sizes(&self) -> Vec<f64> {
        self.dw
            .iter()
            .map(|m| {
                let (sum, count) = m
                    .iter()
                    .flatten()
                    .fold((0.0, 0usize), |(s, c), g| (s + g * g, c + 1));
                (sum / count.max(1) as f64).sqrt()
            })
            .collect()
    }
}

/// The row under the diagram: each layer's gradient size, `|dW1|` first (named so in the
/// accessibility tree, at full precision).
pub fn layer_sizes_ui(ui: &mut egui::Ui, gradients: &Gradients) {
    ui.horizontal_wrapped(|ui| {
        ui.weak("rms of dW:")
            .on_hover_text("Small near the inputs and large near the output: vanishing gradients");
        for (k, size) in gradients.layer_sizes().into_iter().enumerate() {
            // A layer's name and size wrap together.
            ui.horizontal(|ui| {
                ui.label(format!("W{}", k + 1));
                number_ui(ui, &format!("|dW{}|", k + 1), size, false);
            });
        }
    });
}

/// A δ as the diagram writes it beside its neuron.
pub fn delta_text(delta: f64) -> String {
    format!("δ {}", significant(delta, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Experiment;

    #[test]
    fn the_largest_gradient_is_drawn_full_and_a_thousandth_faintest() {
        let trainer = Experiment::default().trainer().unwrap();
        let explanation = crate::view::explained::ExplainTarget::Batch.explain(&trainer);
        let g = Gradients::new(&explanation);
        let shares: Vec<f32> = (0..2)
            .flat_map(|i| (0..4).map(move |j| (i, j)))
            .map(|(i, j)| g.share(0, i, j))
            .chain((0..4).map(|i| g.share(1, i, 0)))
            .collect();
        assert!(shares.contains(&1.0), "{shares:?}");
        assert!(shares.iter().all(|s| (0.0..=1.0).contains(s)));
        let one = Gradients {
            dw: vec![vec![vec![1.0, 10f64.powf(-DECADES / 2.0), 1e-7]]],
            delta: vec![],
            largest: 1.0,
        };
        assert_eq!(one.share(0, 0, 1), 0.5);
        assert_eq!(one.share(0, 0, 2), 0.0);
        assert_eq!(one.layer_sizes().len(), 1);
    }
}
