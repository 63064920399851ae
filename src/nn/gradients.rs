//! Gradients of the objective with respect to every weight and bias, and the backward pass.

use ndarray::{ArrayView2, ShapeBuilder as _};

use super::{
    Dropout, Layer, Loss, Network, Penalty, Workspace,
    backward::{BackwardPass, Decay, L2Decay, NoDecay, layer_gradient},
    columns::{Columns, blocks_for},
};

/// One layer's gradient, stored like the layer's numbers (see [`Layer`]): weights neuron by
/// neuron, then the biases.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerGradient {
    inputs: usize,
    outputs: usize,
    params: Vec<f64>,
}

impl LayerGradient {
    /// Zeros shaped like `layer`.
    pub fn zeros_like(layer: &Layer) -> Self {
        Self {
            inputs: layer.inputs(),
            outputs: layer.outputs(),
            params: vec![0.0; layer.parameter_count()],
        }
    }

    /// `∂objective/∂W`, `inputs × outputs` like [`Layer::weights`].
    pub fn weights(&self) -> ArrayView2<'_, f64> {
        let shape = (self.inputs, self.outputs).strides((1, self.inputs));
        ArrayView2::from_shape(shape, &self.params[..self.inputs * self.outputs])
            .expect("a layer gradient holds exactly inputs × outputs weights")
    }

    /// `∂objective/∂b`.
    pub fn bias(&self) -> &[f64] {
        &self.params[self.inputs * self.outputs..]
    }

    /// Every number, in the layer's storage order ([`Layer::params`]).
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Every number, mutable; for optimiser state kept in this shape.
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }
}

/// A gradient for every layer of a network; also the shape of optimiser state.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    /// Per layer, input side first.
    pub layers: Vec<LayerGradient>,
}

impl Gradients {
    /// Zeros shaped like `network`.
    pub fn zeros_like(network: &Network) -> Self {
        Self {
            layers: network
                .layers()
                .iter()
                .map(LayerGradient::zeros_like)
                .collect(),
        }
    }

    /// Sets every entry to zero.
    pub fn fill_zero(&mut self) {
        for g in &mut self.layers {
            g.params.fill(0.0);
        }
    }

    /// Overwrites these numbers with `other`'s (same shape). Allocates nothing.
    pub fn copy_from(&mut self, other: &Self) {
        for (a, b) in self.layers.iter_mut().zip(&other.layers) {
            a.params.copy_from_slice(&b.params);
        }
    }
}

/// One batch's forward and backward pass.
///
/// The objective is `loss.objective_scale() × mean(loss) + l1 × Σ |W| + l2/2 × Σ W²` over
/// the batch (biases are not penalised; see [`Penalty`]). Fills `grads` with its gradient
/// (the subgradient 0 for `|W|` at a weight exactly 0) and returns the batch's mean
/// *reported* loss (the unscaled data loss, without the penalty), which is the loss before this
/// batch's update, as the tutorial prints it.
///
/// The network's [`OutputHead`](super::OutputHead) computes the loss and its gradient at the
/// logits: a softmax output (a multiclass network) always trains on cross-entropy, whatever
/// `loss` says (the trainer refuses anything else with a typed error before any training
/// starts), and its `targets` are class indices `0..K` as `f64`.
#[expect(
    clippy::too_many_arguments,
    reason = "the parts of one pass, as the tutorial names them"
)]
pub fn backprop(
    network: &Network,
    ws: &mut Workspace,
    input: &[f64],
    targets: &[f64],
    rows: usize,
    loss: Loss,
    penalty: Penalty,
    grads: &mut Gradients,
) -> f64 {
    backprop_with(
        network, ws, input, targets, rows, loss, penalty, grads, None,
    )
}

/// [`backprop`] with optional dropout on the hidden layers: the forward pass masks each hidden
/// layer's activations ([`Dropout`]) and the backward pass routes gradients through the same
/// masks, so the result is the exact gradient of the masked network's objective.
#[expect(
    clippy::too_many_arguments,
    reason = "the parts of one pass, as the tutorial names them"
)]
pub fn backprop_with(
    network: &Network,
    ws: &mut Workspace,
    input: &[f64],
    targets: &[f64],
    rows: usize,
    loss: Loss,
    penalty: Penalty,
    grads: &mut Gradients,
    dropout: Option<Dropout<'_>>,
) -> f64 {
    ws.load(input, rows);
    ws.load_targets(targets, rows);
    backprop_loaded(network, ws, rows, loss, penalty, grads, dropout)
}

/// [`backprop_with`] on the batch already in the workspace's input and target buffers (for
/// the trainer, which gathers mini-batches straight into them).
pub(crate) fn backprop_loaded(
    network: &Network,
    ws: &mut Workspace,
    rows: usize,
    loss: Loss,
    penalty: Penalty,
    grads: &mut Gradients,
    dropout: Option<Dropout<'_>>,
) -> f64 {
    // One match per axis: the decay rule, then the block count. Each of the twelve
    // combinations is its own copy of the passes. L1 (alone or with L2) shares one rule:
    // it is rarer, and its sign costs more than the `l2·w` it would save.
    let (g, d) = (grads, dropout);
    let Penalty { l1, l2 } = penalty;
    if l1 != 0.0 {
        backprop_decayed(network, ws, rows, loss, penalty, g, d)
    } else if l2 != 0.0 {
        backprop_decayed(network, ws, rows, loss, L2Decay(l2), g, d)
    } else {
        backprop_decayed(network, ws, rows, loss, NoDecay, g, d)
    }
}

/// [`backprop_loaded`] with the decay rule chosen. Batches of one or two blocks (up to 8
/// samples, the tutorial's 4 among them) get their own copies of the passes, compiled for
/// that block count: their loops along the batch vanish. Larger batches share the general
/// copy (`B = 0`).
#[inline(always)]
fn backprop_decayed(
    network: &Network,
    ws: &mut Workspace,
    rows: usize,
    loss: Loss,
    decay: impl Decay,
    grads: &mut Gradients,
    dropout: Option<Dropout<'_>>,
) -> f64 {
    let (g, d) = (grads, dropout);
    match blocks_for(rows) {
        1 => backprop_blocks::<1>(network, ws, rows, loss, decay, g, d),
        2 => backprop_blocks::<2>(network, ws, rows, loss, decay, g, d),
        3 => backprop_blocks::<3>(network, ws, rows, loss, decay, g, d),
        _ => backprop_blocks::<0>(network, ws, rows, loss, decay, g, d),
    }
}

/// [`backprop_loaded`] for a batch of `rows` samples, compiled for `B` blocks (0: any) and one
/// decay rule; always inlined into its call sites.
#[inline(always)]
fn backprop_blocks<const B: usize>(
    network: &Network,
    ws: &mut Workspace,
    rows: usize,
    loss: Loss,
    decay: impl Decay,
    grads: &mut Gradients,
    mut dropout: Option<Dropout<'_>>,
) -> f64 {
    let dropping = dropout.is_some();
    ws.forward_blocks::<B>(network, rows, dropout.as_mut());
    let layers = network.layers();
    let last = layers.len() - 1;
    let inv_rows = 1.0 / rows as f64;
    // The shape every buffer of this pass has: `shape.with(buffer)` views one.
    let shape = Columns {
        data: &[],
        stride: ws.stride(),
        blocks: blocks_for(rows),
    };

    // The workspace's own count (a field), not the network's (a walk to its last layer).
    let outputs = ws.outputs();
    let (probs, delta) = (&ws.activations[last], &mut ws.deltas[last]);
    let (logits, targets) = (shape.with(&ws.logits), &ws.targets);
    let head = network.head();
    let loss_sum =
        head.loss_and_delta::<B>(loss, logits, probs, targets, outputs, rows, inv_rows, delta);

    for l in (0..=last).rev() {
        let layer = &layers[l];
        // What this layer saw (after dropout, in a dropout pass) ...
        let x = shape.with(match (l, dropping) {
            (0, _) => &ws.input,
            (_, true) => &ws.dropped[l - 1],
            (_, false) => &ws.activations[l - 1],
        });
        let (deltas_before, deltas_rest) = ws.deltas.split_at_mut(l);
        let delta = shape.with(&deltas_rest[0]);
        let grad = &mut grads.layers[l];
        let Some(prev_delta) = deltas_before.last_mut() else {
            layer_gradient::<B>(layer, x, delta, decay, grad);
            continue;
        };
        // ... and the raw activations the previous layer's derivative is taken at.
        let (a, prev_act) = (
            shape.with(&ws.activations[l - 1]),
            layers[l - 1].activation(),
        );
        let pass = BackwardPass {
            layer,
            x,
            a,
            delta,
            decay,
        };
        pass.run::<B>(prev_act, grad, prev_delta);
        if dropping {
            let masks = &ws.masks[l - 1];
            for (d, m) in prev_delta.iter_mut().zip(masks) {
                for (d, &m) in d.iter_mut().zip(m) {
                    *d *= m;
                }
            }
        }
    }
    loss_sum * inv_rows
}
