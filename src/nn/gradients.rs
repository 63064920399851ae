//! Gradients of the objective with respect to every weight and bias, and the backward pass.

use ndarray::{ArrayView2, ShapeBuilder as _};

use super::{
    Dropout, Layer, Loss, Network, Workspace,
    backward::{BackwardPass, layer_gradient},
    columns::{Block, LANES, blocks_for},
    softmax::softmax_cross_entropy_columns,
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
/// The objective is `loss.objective_scale() × mean(loss) + l2/2 × Σ W²` over the batch
/// (biases are not decayed). Fills `grads` with its gradient and returns the batch's mean
/// *reported* loss (the unscaled data loss, without the L2 term), which is the loss before this
/// batch's update, as the tutorial prints it.
///
/// A softmax output (a multiclass network) is always trained on cross-entropy, whatever `loss`
/// says: MSE on softmax is not offered, and the trainer rejects it with a typed error
/// ([`crate::train::TrainError::LossNeedsTwoClasses`]) before any training starts. `targets`
/// then hold class indices `0..K` as `f64`.
#[allow(clippy::too_many_arguments)]
pub fn backprop(
    network: &Network,
    ws: &mut Workspace,
    input: &[f64],
    targets: &[f64],
    rows: usize,
    loss: Loss,
    l2: f64,
    grads: &mut Gradients,
) -> f64 {
    backprop_with(network, ws, input, targets, rows, loss, l2, grads, None)
}

/// [`backprop`] with optional dropout on the hidden layers: the forward pass masks each hidden
/// layer's activations ([`Dropout`]) and the backward pass routes gradients through the same
/// masks, so the result is the exact gradient of the masked network's objective.
#[allow(clippy::too_many_arguments)]
pub fn backprop_with(
    network: &Network,
    ws: &mut Workspace,
    input: &[f64],
    targets: &[f64],
    rows: usize,
    loss: Loss,
    l2: f64,
    grads: &mut Gradients,
    dropout: Option<Dropout<'_>>,
) -> f64 {
    ws.load(input, rows);
    ws.load_targets(targets, rows);
    backprop_loaded(network, ws, rows, loss, l2, grads, dropout)
}

/// [`backprop_with`] on the batch already in the workspace's input and target buffers (for
/// the trainer, which gathers mini-batches straight into them).
pub(crate) fn backprop_loaded(
    network: &Network,
    ws: &mut Workspace,
    rows: usize,
    loss: Loss,
    l2: f64,
    grads: &mut Gradients,
    dropout: Option<Dropout<'_>>,
) -> f64 {
    // Batches of one or two blocks (up to 8 samples, the tutorial's 4 among them) get their
    // own copies of the passes, compiled for that block count: their loops along the batch
    // vanish. Larger batches share the general copy. Without weight decay (the default), the
    // copies leave out the `+ l2·w` of each weight's gradient altogether rather than add
    // zeros: a multiplication and an addition per weight, on the chain each epoch waits for.
    let decayed = move |data: f64, w: f64| data + l2 * w;
    let plain = |data: f64, _: f64| data;
    let (g, d) = (grads, dropout);
    match (blocks_for(rows), l2 == 0.0) {
        (1, true) => backprop_blocks(network, ws, rows, 1, loss, plain, g, d),
        (1, false) => backprop_blocks(network, ws, rows, 1, loss, decayed, g, d),
        (2, true) => backprop_blocks(network, ws, rows, 2, loss, plain, g, d),
        (2, false) => backprop_blocks(network, ws, rows, 2, loss, decayed, g, d),
        (blocks, true) => backprop_blocks(network, ws, rows, blocks, loss, plain, g, d),
        (blocks, false) => backprop_blocks(network, ws, rows, blocks, loss, decayed, g, d),
    }
}

/// [`backprop_loaded`] for a batch of `rows` samples in `blocks` blocks; inlined into each of
/// its call sites so that a constant `blocks` specialises it. `decay(data, w)` is a weight's
/// gradient from its data term `xᵀ·δ` and the weight: `data + l2·w`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn backprop_blocks(
    network: &Network,
    ws: &mut Workspace,
    rows: usize,
    blocks: usize,
    loss: Loss,
    decay: impl Fn(f64, f64) -> f64 + Copy,
    grads: &mut Gradients,
    mut dropout: Option<Dropout<'_>>,
) -> f64 {
    let dropping = dropout.is_some();
    ws.forward_blocks(network, rows, blocks, dropout.as_mut());
    let stride = ws.stride();
    let layers = network.layers();
    let last = layers.len() - 1;
    let inv_rows = 1.0 / rows as f64;

    let outputs = network.outputs();
    let (probs, delta) = (&ws.activations[last], &mut ws.deltas[last]);
    let loss_sum = if outputs > 1 {
        let (delta, flat_stride) = (delta.as_flattened_mut(), stride * LANES);
        let loss_sum = softmax_cross_entropy_columns(
            ws.logits.as_flattened(),
            probs.as_flattened(),
            ws.targets.as_flattened(),
            outputs,
            flat_stride,
            rows,
            inv_rows,
            delta,
        );
        // Padding samples carry no gradient.
        for k in 0..outputs {
            delta[k * flat_stride..][rows..blocks * LANES].fill(0.0);
        }
        loss_sum
    } else {
        let batch = (
            &ws.logits[..blocks],
            &probs[..blocks],
            &ws.targets[..blocks],
        );
        loss.blocks(batch, rows, inv_rows, &mut delta[..blocks])
    };

    for l in (0..=last).rev() {
        let layer = &layers[l];
        // What this layer saw (after dropout, in a dropout pass) ...
        let x: &[Block] = match (l, dropping) {
            (0, _) => &ws.input,
            (_, true) => &ws.dropped[l - 1],
            (_, false) => &ws.activations[l - 1],
        };
        let (deltas_before, deltas_rest) = ws.deltas.split_at_mut(l);
        let delta = &deltas_rest[0];
        let grad = &mut grads.layers[l];
        let Some(prev_delta) = deltas_before.last_mut() else {
            layer_gradient(layer, x, delta, stride, blocks, decay, grad);
            continue;
        };
        // ... and the raw activations the previous layer's derivative is taken at.
        let (a, prev_act) = (&ws.activations[l - 1], layers[l - 1].activation());
        let pass = BackwardPass {
            layer,
            x,
            a,
            delta,
            stride,
            blocks,
            decay,
        };
        pass.run(prev_act, grad, prev_delta);
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
