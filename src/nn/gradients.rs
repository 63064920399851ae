//! Gradients of the objective with respect to every weight and bias, and the backward pass.

use super::{Activation, Dropout, Layer, Loss, Network, Workspace, softmax::softmax_cross_entropy};

/// One layer's gradient, laid out like the layer (weights row-major, `inputs × outputs`).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerGradient {
    /// `∂objective/∂W`, row-major.
    pub weights: Vec<f64>,
    /// `∂objective/∂b`.
    pub bias: Vec<f64>,
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
                .map(|l| LayerGradient {
                    weights: vec![0.0; l.weights().len()],
                    bias: vec![0.0; l.outputs()],
                })
                .collect(),
        }
    }

    /// Sets every entry to zero.
    pub fn fill_zero(&mut self) {
        for g in &mut self.layers {
            g.weights.fill(0.0);
            g.bias.fill(0.0);
        }
    }

    /// Overwrites these numbers with `other`'s (same shape). Allocates nothing.
    pub fn copy_from(&mut self, other: &Self) {
        for (a, b) in self.layers.iter_mut().zip(&other.layers) {
            a.weights.copy_from_slice(&b.weights);
            a.bias.copy_from_slice(&b.bias);
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
    mut dropout: Option<Dropout<'_>>,
) -> f64 {
    let dropping = dropout.is_some();
    ws.forward_with(network, input, rows, dropout.as_mut());
    let layers = network.layers();
    let last = layers.len() - 1;
    let inv_rows = 1.0 / rows as f64;

    let mut loss_sum = 0.0;
    let outputs = network.outputs();
    if outputs > 1 {
        let n = rows * outputs;
        let probs = &ws.activations[last][..n];
        let delta = &mut ws.deltas[last][..n];
        loss_sum += softmax_cross_entropy(
            &ws.logits[..n],
            probs,
            &targets[..rows],
            outputs,
            inv_rows,
            delta,
        );
    } else {
        let probs = &ws.activations[last][..rows];
        let delta = &mut ws.deltas[last][..rows];
        loss_sum += loss.batch(&ws.logits[..rows], probs, &targets[..rows], inv_rows, delta);
    }

    for l in (0..=last).rev() {
        let layer = &layers[l];
        let n_in = layer.inputs();
        // What this layer saw (after dropout, in a dropout pass) ...
        let x: &[f64] = match (l, dropping) {
            (0, _) => input,
            (_, true) => &ws.dropped[l - 1],
            (_, false) => &ws.activations[l - 1],
        };
        let (deltas_before, deltas_rest) = ws.deltas.split_at_mut(l);
        let delta = &deltas_rest[0];
        layer_gradient(layer, x, delta, rows, l2, &mut grads.layers[l]);
        if l > 0 {
            // ... and the raw activations the previous layer's derivative is taken at.
            let raw = &ws.activations[l - 1];
            let prev_delta = &mut deltas_before[l - 1][..rows * n_in];
            back_propagate(
                layer,
                layers[l - 1].activation(),
                raw,
                delta,
                rows,
                prev_delta,
            );
            if dropping {
                for (d, &m) in prev_delta.iter_mut().zip(&ws.masks[l - 1]) {
                    *d *= m;
                }
            }
        }
    }
    loss_sum * inv_rows
}

/// `δ_prev = (δ · Wᵀ) ⊙ act'(x)`: the gradient at the previous layer's pre-activation, given
/// `x`, that layer's outputs (this layer's inputs).
fn back_propagate(
    layer: &Layer,
    prev_act: Activation,
    x: &[f64],
    delta: &[f64],
    rows: usize,
    prev_delta: &mut [f64],
) {
    let (n_in, n_out) = (layer.inputs(), layer.outputs());
    let w = layer.weight_slice();
    let x = &x[..rows * n_in];
    if n_out == 1 {
        for (out_row, &d) in prev_delta.chunks_exact_mut(n_in).zip(&delta[..rows]) {
            for (o, &wi) in out_row.iter_mut().zip(w) {
                *o = d * wi;
            }
        }
        prev_act.scale_by_derivative(prev_delta, x);
        return;
    }
    for (out_row, d_row) in prev_delta
        .chunks_exact_mut(n_in)
        .zip(delta[..rows * n_out].chunks_exact(n_out))
    {
        for (o, w_row) in out_row.iter_mut().zip(w.chunks_exact(n_out)) {
            *o = d_row.iter().zip(w_row).map(|(d, w)| d * w).sum();
        }
    }
    prev_act.scale_by_derivative(prev_delta, x);
}

/// `∂/∂W = xᵀ·δ + l2·W` and `∂/∂b = Σ_rows δ` for one layer.
fn layer_gradient(
    layer: &Layer,
    x: &[f64],
    delta: &[f64],
    rows: usize,
    l2: f64,
    grad: &mut LayerGradient,
) {
    let (n_in, n_out) = (layer.inputs(), layer.outputs());
    let w = layer.weight_slice();
    if l2 == 0.0 {
        grad.weights.fill(0.0);
    } else {
        for (g, &wij) in grad.weights.iter_mut().zip(w) {
            *g = l2 * wij;
        }
    }
    let x = &x[..rows * n_in];
    if n_out == 1 {
        let d = &delta[..rows];
        grad.bias[0] = d.iter().sum();
        for (x_row, &dr) in x.chunks_exact(n_in).zip(d) {
            for (g, &xi) in grad.weights.iter_mut().zip(x_row) {
                *g += xi * dr;
            }
        }
        return;
    }
    // Σ over rows, written so each output row of the gradient is one pass with the input
    // value hoisted: with a handful of rows this beats generic outer-product loops.
    let delta = &delta[..rows * n_out];
    for (j, gb) in grad.bias.iter_mut().enumerate() {
        *gb = delta[j..].iter().step_by(n_out).sum();
    }
    for (i, g_row) in grad.weights.chunks_exact_mut(n_out).enumerate() {
        for (x_row, d_row) in x.chunks_exact(n_in).zip(delta.chunks_exact(n_out)) {
            let xi = x_row[i];
            for (g, &d) in g_row.iter_mut().zip(d_row) {
                *g += xi * d;
            }
        }
    }
}
