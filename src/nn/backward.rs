//! The backward step of one layer: its gradient and the gradient it passes to the layer
//! before it, in the column layout of [`super::columns`].

use super::{
    Activation, Layer, LayerGradient, Penalty,
    activation::with_formula,
    columns::{Block, Columns, dot, sum},
};

/// How a weight's gradient is made from its data term `xᵀ·δ` and the weight itself. A type per
/// rule, so each copy of the passes is compiled for one: without decay the `+ l2·w` is left
/// out altogether rather than adding zeros (a multiplication and an addition per weight, on the
/// chain each epoch waits for).
pub(crate) trait Decay: Copy {
    /// The weight's gradient.
    fn gradient(self, data: f64, w: f64) -> f64;
}

/// No weight decay: the gradient is the data term.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NoDecay;

impl Decay for NoDecay {
    #[inline(always)]
    fn gradient(self, data: f64, _: f64) -> f64 {
        data
    }
}

/// L2 weight decay with coefficient λ (the objective gains λ/2 · Σ W²): `data + λ·w`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct L2Decay(pub f64);

impl Decay for L2Decay {
    #[inline(always)]
    fn gradient(self, data: f64, w: f64) -> f64 {
        data + self.0 * w
    }
}

/// L1 with or without L2 (see [`Penalty`]): `data + l1·sign(w) + l2·w`.
impl Decay for Penalty {
    #[inline(always)]
    fn gradient(self, data: f64, w: f64) -> f64 {
        data + self.weight_gradient(w)
    }
}

/// `∂/∂W = decay(xᵀ·δ, W)` and `∂/∂b = Σ_samples δ` for one layer: one dot product along the
/// batch per weight. For the first layer, which passes no gradient on. `B` is the block count
/// the pass is compiled for (0: any).
///
/// Like every kernel here, it indexes rows as `neuron * stride` rather than splitting buffers
/// with `chunks_exact(stride)`, which divides by `stride` each time a loop starts: some
/// fifteen divisions an XOR epoch, which measurably slowed it.
#[inline(always)]
pub(crate) fn layer_gradient<const B: usize>(
    layer: &Layer,
    x: Columns<'_>,
    delta: Columns<'_>,
    decay: impl Decay,
    grad: &mut LayerGradient,
) {
    let n_in = layer.inputs();
    let (g_w, g_b) = grad.params_mut().split_at_mut(n_in * layer.outputs());
    let w = layer.weight_slice();
    for (j, g_bj) in g_b.iter_mut().enumerate() {
        let d_j = &delta.data[x.range::<B>(j)];
        *g_bj = sum(d_j);
        let neuron = j * n_in..(j + 1) * n_in;
        for (i, (g, &w)) in g_w[neuron.clone()].iter_mut().zip(&w[neuron]).enumerate() {
            *g = decay.gradient(dot(&x.data[x.range::<B>(i)], d_j), w);
        }
    }
}

/// One layer's backward step when a layer comes before it: [`layer_gradient`] together with
/// `δ_prev = (W · δ) ⊙ act'(a)`, the gradient at the previous layer's pre-activation.
pub(crate) struct BackwardPass<'a, D> {
    /// The layer the gradient is for.
    pub layer: &'a Layer,
    /// What the layer saw: the previous layer's outputs, after dropout in a dropout pass.
    pub x: Columns<'a>,
    /// The previous layer's raw outputs, where its derivative is taken.
    pub a: Columns<'a>,
    /// The gradient at this layer's pre-activation.
    pub delta: Columns<'a>,
    /// How a weight's gradient is made.
    pub decay: D,
}

impl<D: Decay> BackwardPass<'_, D> {
    /// Fills `grad` and `prev_delta`, the previous layer having activation `prev_act`, in a
    /// pass compiled for `B` blocks (0: any). The `match` sits outside the loops, so each copy
    /// of the loops has its derivative inlined.
    #[inline(always)]
    pub fn run<const B: usize>(
        &self,
        prev_act: Activation,
        grad: &mut LayerGradient,
        prev_delta: &mut [Block],
    ) {
        with_formula!(prev_act, F => self.run_with::<B>(grad, prev_delta, F::derivative_from_output));
    }

    /// [`Self::run`] with the derivative (as a function of the output) given.
    ///
    /// First the gradient, one dot product along the batch per weight. Then `δ_prev` input by
    /// input and block by block: each block's sum over the neurons is built in registers, in
    /// neuron order (the first neuron's product starts it, so no pass zeroes it first), and
    /// the derivative applied before the one store. Accumulating into `δ_prev` neuron by
    /// neuron instead reloads and stores every block once per neuron, with a branch for the
    /// first and the last neuron inside the loop: on the spiral's 8-by-8 layer that was
    /// most of the backward pass's instructions.
    #[inline(always)]
    fn run_with<const B: usize>(
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
            decay,
        } = *self;
        let (n_in, n_out) = (layer.inputs(), layer.outputs());
        let (g_w, g_b) = grad.params_mut().split_at_mut(n_in * n_out);
        let w = layer.weight_slice();
        for (j, g_bj) in g_b.iter_mut().enumerate() {
            let d_j = &delta.data[x.range::<B>(j)];
            *g_bj = sum(d_j);
            let neuron = j * n_in..(j + 1) * n_in;
            for (i, (g, &w)) in g_w[neuron.clone()].iter_mut().zip(&w[neuron]).enumerate() {
                *g = decay.gradient(dot(&x.data[x.range::<B>(i)], d_j), w);
            }
        }
        for i in 0..n_in {
            let row = x.range::<B>(i);
            let outputs = prev_delta[row.clone()].iter_mut().zip(&a.data[row]);
            for (c, (p, a)) in outputs.enumerate() {
                let d0 = &delta.data[c];
                let w0 = w[i];
                let mut acc: Block = std::array::from_fn(|r| w0 * d0[r]);
                for j in 1..n_out {
                    let (w_ji, d) = (w[j * n_in + i], &delta.data[j * delta.stride + c]);
                    for (s, &d) in acc.iter_mut().zip(d) {
                        *s += w_ji * d;
                    }
                }
                for (s, &a) in acc.iter_mut().zip(a) {
                    *s *= derivative(a);
                }
                *p = acc;
            }
        }
    }
}
