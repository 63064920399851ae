//! The backward step of one layer: its gradient and the gradient it passes to the layer
//! before it, in the column layout of [`super::columns`].

use super::{
    Activation, Layer, LayerGradient,
    columns::{Block, LANES, dot, sum},
};

/// `∂/∂W = decay(xᵀ·δ, W)` (that is `xᵀ·δ + l2·W`) and `∂/∂b = Σ_samples δ` for one layer:
/// one dot product along the batch per weight. For the first layer, which passes no gradient
/// on.
///
/// Like every kernel here, it indexes rows as `neuron * stride` rather than splitting buffers
/// with `chunks_exact(stride)`, which divides by `stride` each time a loop starts: some
/// fifteen divisions an XOR epoch, which measurably slowed it.
#[inline(always)]
pub(super) fn layer_gradient(
    layer: &Layer,
    x: &[Block],
    delta: &[Block],
    stride: usize,
    blocks: usize,
    decay: impl Fn(f64, f64) -> f64,
    grad: &mut LayerGradient,
) {
    let n_in = layer.inputs();
    let (g_w, g_b) = grad.params_mut().split_at_mut(n_in * layer.outputs());
    let w = layer.weight_slice();
    for (j, g_bj) in g_b.iter_mut().enumerate() {
        let d_j = &delta[j * stride..j * stride + blocks];
        *g_bj = sum(d_j);
        let neuron = j * n_in..(j + 1) * n_in;
        for (i, (g, &w)) in g_w[neuron.clone()].iter_mut().zip(&w[neuron]).enumerate() {
            *g = decay(dot(&x[i * stride..i * stride + blocks], d_j), w);
        }
    }
}

/// One layer's backward step when a layer comes before it: [`layer_gradient`] together with
/// `δ_prev = (W · δ) ⊙ act'(a)`, the gradient at the previous layer's pre-activation.
pub(super) struct BackwardPass<'a, D> {
    /// The layer the gradient is for.
    pub layer: &'a Layer,
    /// What the layer saw: the previous layer's outputs, after dropout in a dropout pass.
    pub x: &'a [Block],
    /// The previous layer's raw outputs, where its derivative is taken.
    pub a: &'a [Block],
    /// The gradient at this layer's pre-activation.
    pub delta: &'a [Block],
    /// Blocks per neuron in the buffers.
    pub stride: usize,
    /// Blocks the batch takes.
    pub blocks: usize,
    /// A weight's gradient from its data term `xᵀ·δ` and the weight: `data + l2·w`.
    pub decay: D,
}

impl<D: Fn(f64, f64) -> f64 + Copy> BackwardPass<'_, D> {
    /// Fills `grad` and `prev_delta`, the previous layer having activation `prev_act`. The
    /// `match` sits outside the loops: one arm per activation, each a closure of its own type,
    /// so each copy of the loops has its derivative inlined.
    #[inline(always)]
    pub fn run(&self, prev_act: Activation, grad: &mut LayerGradient, prev_delta: &mut [Block]) {
        use Activation::{LeakyRelu, Linear, Relu, Sigmoid, Softmax, Tanh};
        let (g, p) = (grad, prev_delta);
        match prev_act {
            Sigmoid => self.run_with(g, p, |a| Sigmoid.derivative_from_output(a)),
            Tanh => self.run_with(g, p, |a| Tanh.derivative_from_output(a)),
            Relu => self.run_with(g, p, |a| Relu.derivative_from_output(a)),
            LeakyRelu => self.run_with(g, p, |a| LeakyRelu.derivative_from_output(a)),
            Linear | Softmax => self.run_with(g, p, |_| 1.0),
        }
    }

    /// [`Self::run`] with the derivative (as a function of the output) given. The gradient
    /// and `W · δ` walk the same (neuron, input) pairs, so they share one loop; each input's
    /// sum runs over the neurons in order, and the last neuron applies the derivative.
    #[inline(always)]
    fn run_with(
        &self,
        grad: &mut LayerGradient,
        prev_delta: &mut [Block],
        derivative: impl Fn(f64) -> f64,
    ) {
        let Self {
            layer,
            x,
            a,
            delta,
            stride,
            blocks,
            decay,
        } = *self;
        let (n_in, n_out) = (layer.inputs(), layer.outputs());
        let (g_w, g_b) = grad.params_mut().split_at_mut(n_in * n_out);
        let w = layer.weight_slice();
        for (j, g_bj) in g_b.iter_mut().enumerate() {
            let d_j = &delta[j * stride..j * stride + blocks];
            *g_bj = sum(d_j);
            let (first, last) = (j == 0, j + 1 == n_out);
            let neuron = j * n_in..(j + 1) * n_in;
            for (i, (g, &w)) in g_w[neuron.clone()].iter_mut().zip(&w[neuron]).enumerate() {
                let row = i * stride..i * stride + blocks;
                *g = decay(dot(&x[row.clone()], d_j), w);
                let sums = prev_delta[row.clone()].iter_mut().zip(d_j).zip(&a[row]);
                for ((p, d), a) in sums {
                    // Whole blocks in and out: the loads come before the store, so the
                    // arithmetic vectorises although, as far as the compiler knows, `p` and
                    // `d` might overlap. The first neuron starts the sums (no pass zeroing
                    // them first: that would put a store and a reload on the critical path).
                    let (mut acc, d, a) = (if first { [0.0; LANES] } else { *p }, *d, *a);
                    for ((s, d), a) in acc.iter_mut().zip(d).zip(a) {
                        *s = if first { w * d } else { *s + w * d };
                        if last {
                            *s *= derivative(a);
                        }
                    }
                    *p = acc;
                }
            }
        }
    }
}
