//! Gradients of the objective with respect to every weight and bias, and the backward pass.

use ndarray::{ArrayView2, ShapeBuilder as _};

use super::{
    Activation, Dropout, Layer, Loss, Network, Workspace,
    columns::{LANES, dot, sum},
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
    backprop_loaded(network, ws, targets, rows, loss, l2, grads, dropout)
}

/// [`backprop_with`] on the batch already in the workspace's input buffer (for the trainer,
/// which gathers mini-batches straight into it).
#[allow(clippy::too_many_arguments)]
pub(crate) fn backprop_loaded(
    network: &Network,
    ws: &mut Workspace,
    targets: &[f64],
    rows: usize,
    loss: Loss,
    l2: f64,
    grads: &mut Gradients,
    mut dropout: Option<Dropout<'_>>,
) -> f64 {
    let dropping = dropout.is_some();
    ws.forward_loaded(network, rows, dropout.as_mut());
    let stride = ws.capacity();
    let layers = network.layers();
    let last = layers.len() - 1;
    let inv_rows = 1.0 / rows as f64;

    let outputs = network.outputs();
    let probs = &ws.activations[last];
    let delta = &mut ws.deltas[last];
    let loss_sum = if outputs > 1 {
        softmax_cross_entropy_columns(
            &ws.logits, probs, targets, outputs, stride, rows, inv_rows, delta,
        )
    } else {
        loss.batch(
            &ws.logits[..rows],
            &probs[..rows],
            &targets[..rows],
            inv_rows,
            &mut delta[..rows],
        )
    };

    for l in (0..=last).rev() {
        let layer = &layers[l];
        // What this layer saw (after dropout, in a dropout pass) ...
        let x: &[f64] = match (l, dropping) {
            (0, _) => &ws.input,
            (_, true) => &ws.dropped[l - 1],
            (_, false) => &ws.activations[l - 1],
        };
        let (deltas_before, deltas_rest) = ws.deltas.split_at_mut(l);
        let delta = &deltas_rest[0];
        layer_gradient(layer, x, delta, stride, rows, l2, &mut grads.layers[l]);
        if l > 0 {
            // ... and the raw activations the previous layer's derivative is taken at.
            let prev_delta = &mut deltas_before[l - 1];
            back_propagate(
                layer,
                layers[l - 1].activation(),
                &ws.activations[l - 1],
                delta,
                stride,
                rows,
                prev_delta,
            );
            if dropping {
                let masks = ws.masks[l - 1].chunks_exact(stride);
                for (d, m) in prev_delta.chunks_exact_mut(stride).zip(masks) {
                    for (d, &m) in d[..rows].iter_mut().zip(&m[..rows]) {
                        *d *= m;
                    }
                }
            }
        }
    }
    loss_sum * inv_rows
}

/// `δ_prev = (W · δ) ⊙ act'(a)`: the gradient at the previous layer's pre-activation, given
/// `a`, that layer's outputs (this layer's inputs). The derivative's `match` sits outside the
/// loops.
fn back_propagate(
    layer: &Layer,
    prev_act: Activation,
    a: &[f64],
    delta: &[f64],
    stride: usize,
    rows: usize,
    prev_delta: &mut [f64],
) {
    // One arm per activation, each a closure of its own type: the kernel is compiled once per
    // derivative, with it inlined.
    use Activation::{LeakyRelu, Linear, Relu, Sigmoid, Softmax, Tanh};
    let (x, d, p) = (a, delta, prev_delta);
    match prev_act {
        Sigmoid => back_propagate_with(layer, x, d, stride, rows, p, |a| {
            Sigmoid.derivative_from_output(a)
        }),
        Tanh => back_propagate_with(layer, x, d, stride, rows, p, |a| {
            Tanh.derivative_from_output(a)
        }),
        Relu => back_propagate_with(layer, x, d, stride, rows, p, |a| {
            Relu.derivative_from_output(a)
        }),
        LeakyRelu => back_propagate_with(layer, x, d, stride, rows, p, |a| {
            LeakyRelu.derivative_from_output(a)
        }),
        Linear | Softmax => back_propagate_with(layer, x, d, stride, rows, p, |_| 1.0),
    }
}

/// [`back_propagate`] with the derivative (as a function of the output) given: [`LANES`]
/// samples at a time, each sum running over this layer's neurons in order.
#[inline(always)]
fn back_propagate_with(
    layer: &Layer,
    a: &[f64],
    delta: &[f64],
    stride: usize,
    rows: usize,
    prev_delta: &mut [f64],
    derivative: impl Fn(f64) -> f64,
) {
    let (n_in, n_out) = (layer.inputs(), layer.outputs());
    let w = layer.weight_slice();
    let full = rows - rows % LANES;
    for i in 0..n_in {
        let row = i * stride..i * stride + rows;
        let (p_i, a_i) = (&mut prev_delta[row.clone()], &a[row]);
        let mut r = 0;
        while r < full {
            let mut acc = [0.0; LANES];
            for j in 0..n_out {
                let (w_ji, at) = (w[j * n_in + i], j * stride + r);
                for (s, &d) in acc.iter_mut().zip(&delta[at..at + LANES]) {
                    *s += w_ji * d;
                }
            }
            let outs = p_i[r..r + LANES].iter_mut().zip(&a_i[r..r + LANES]);
            for ((p, &a), s) in outs.zip(acc) {
                *p = s * derivative(a);
            }
            r += LANES;
        }
        for r in full..rows {
            let terms = (0..n_out).map(|j| w[j * n_in + i] * delta[j * stride + r]);
            p_i[r] = terms.fold(0.0, |s, t| s + t) * derivative(a_i[r]);
        }
    }
}

/// `∂/∂W = xᵀ·δ + l2·W` and `∂/∂b = Σ_samples δ` for one layer: one dot product along the
/// batch per weight.
fn layer_gradient(
    layer: &Layer,
    x: &[f64],
    delta: &[f64],
    stride: usize,
    rows: usize,
    l2: f64,
    grad: &mut LayerGradient,
) {
    let n_in = layer.inputs();
    let (g_w, g_b) = grad.params.split_at_mut(n_in * layer.outputs());
    let w = layer.weight_slice();
    for (j, g_bj) in g_b.iter_mut().enumerate() {
        let d_j = &delta[j * stride..j * stride + rows];
        *g_bj = sum(d_j);
        let neuron = j * n_in..(j + 1) * n_in;
        for (i, (g, &w)) in g_w[neuron.clone()].iter_mut().zip(&w[neuron]).enumerate() {
            *g = dot(&x[i * stride..i * stride + rows], d_j) + l2 * w;
        }
    }
}
