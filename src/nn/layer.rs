//! One fully connected layer.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ShapeBuilder as _};

use super::{
    Activation,
    activation::with_formula,
    columns::{Block, Columns, LANES},
};

/// A dense layer: `a = activation(x · W + b)`. The network's output layer is affine (its
/// activation [`Activation::Linear`]): the network's [`OutputHead`](super::OutputHead) turns
/// its logits into probabilities.
///
/// `W` is `inputs × outputs`, the tutorial's orientation (its `W1` is 2 × 4), and that is how
/// [`Self::new`] takes it and [`Self::weights`] shows it. Inside, every number of the layer
/// sits in one vector, neuron by neuron: neuron `j`'s incoming weights
/// (`W[0][j], W[1][j], ...`) together, then all the biases. The forward pass reads each
/// neuron's weights as one contiguous slice, and an optimiser updates the whole layer in one
/// loop.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    inputs: usize,
    outputs: usize,
    /// `outputs × inputs` weights (neuron-major), then `outputs` biases.
    params: Vec<f64>,
    activation: Activation,
}

impl Layer {
    /// A layer from its parts, or `None` when `bias` does not have one entry per column of
    /// `weights` (`inputs × outputs`, any memory layout).
    pub fn new(weights: Array2<f64>, bias: Array1<f64>, activation: Activation) -> Option<Self> {
        let (inputs, outputs) = weights.dim();
        if outputs != bias.len() {
            return None;
        }
        let mut params = Vec::with_capacity(weights.len() + outputs);
        params.extend(weights.t().iter());
        params.extend(bias.iter());
        Some(Self {
            inputs,
            outputs,
            params,
            activation,
        })
    }

    /// A layer of zeros with the given shape.
    pub fn zeros(inputs: usize, outputs: usize, activation: Activation) -> Self {
        Self {
            inputs,
            outputs,
            params: vec![0.0; (inputs + 1) * outputs],
            activation,
        }
    }

    /// Weights, `inputs × outputs` (a view: `W[i][j]` links input `i` to neuron `j`).
    pub fn weights(&self) -> ArrayView2<'_, f64> {
        let shape = (self.inputs, self.outputs).strides((1, self.inputs));
        ArrayView2::from_shape(shape, self.weight_slice())
            .expect("a layer holds exactly inputs × outputs weights")
    }

    /// Biases, one per output.
    pub fn bias(&self) -> ArrayView1<'_, f64> {
        ArrayView1::from(self.bias_slice())
    }

    /// The non-linearity applied to `x · W + b`.
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// Number of outputs (neurons).
    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// Number of trainable numbers: weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.params.len()
    }

    /// Every weight and bias, in the layer's storage order (see [`Layer`]).
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Mutable weights and biases, for optimisers (the shape cannot change through this).
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// The weights, neuron by neuron: `[j * inputs + i]` is `W[i][j]`.
    pub fn weight_slice(&self) -> &[f64] {
        &self.params[..self.inputs * self.outputs]
    }

    /// The biases as a slice.
    pub fn bias_slice(&self) -> &[f64] {
        &self.params[self.inputs * self.outputs..]
    }

    /// Overwrites this layer's numbers with `other`'s, which must have the same shape.
    /// Allocates nothing.
    pub fn copy_from(&mut self, other: &Self) {
        self.params.copy_from_slice(&other.params);
        self.activation = other.activation;
    }

    /// Whether every weight and bias is finite.
    pub fn is_finite(&self) -> bool {
        self.params.iter().all(|p| p.is_finite())
    }

    /// The layer's outputs for a batch in the column layout (see [`super::columns`]): input
    /// `i`'s values for the batch are `x.neuron(i)`, and neuron `j`'s outputs go to the blocks
    /// `out[j * x.stride..]`. `B` is the block count the pass is compiled for (0: any, see
    /// [`Columns::blocks`]).
    ///
    /// The activation is applied to each block while it is still in registers. Its `match`
    /// sits outside the loops, so each copy of the loops has its formula inlined.
    #[inline(always)]
    pub(crate) fn forward<const B: usize>(&self, x: Columns<'_>, out: &mut [Block]) {
        with_formula!(self.activation, F => self.affine_then::<B>(x, out, F::apply));
    }

    /// `out = x · W + b` for a batch in the column layout, like [`Self::forward`] without the
    /// activation: the output layer's logits.
    ///
    /// Each block of a neuron's pre-activations is built in registers: bias first, then each
    /// input's contribution in order, so every sample's sum runs in the same order whatever
    /// the batch size.
    ///
    /// # Panics
    /// If a buffer is shorter than its width times the stride.
    #[inline(always)]
    pub(crate) fn affine<const B: usize>(&self, x: Columns<'_>, out: &mut [Block]) {
        self.affine_then::<B>(x, out, |z| z);
    }

    /// [`Self::affine`] with `activation` applied to each result before it is stored.
    #[inline(always)]
    fn affine_then<const B: usize>(
        &self,
        x: Columns<'_>,
        out: &mut [Block],
        activation: impl Fn(f64) -> f64,
    ) {
        let (n_in, stride, blocks) = (self.inputs, x.stride, x.blocks::<B>());
        let (w, b) = self.params.split_at(n_in * self.outputs);
        for (j, &b_j) in b.iter().enumerate() {
            let w_j = &w[j * n_in..(j + 1) * n_in];
            let row = &mut out[j * stride..j * stride + blocks];
            let (grouped, rest) = row.as_chunks_mut::<GROUP>();
            for (g, group) in grouped.iter_mut().enumerate() {
                *group = neuron_blocks(w_j, b_j, x, g * GROUP, &activation);
            }
            let first = grouped.len() * GROUP;
            for (c, block) in rest.iter_mut().enumerate() {
                let [one] = neuron_blocks::<1>(w_j, b_j, x, first + c, &activation);
                *block = one;
            }
        }
    }

    /// The layer's outputs for samples stored one after the other (`input` is
    /// `rows × inputs`, `out` becomes `rows × outputs`): the plain form, for one-off uses and
    /// tests. Training and the boundary go through a [`super::Workspace`] instead. For the
    /// output layer these are logits ([`super::Network::forward_samples_at`] applies the head).
    pub fn forward_samples(&self, input: &[f64], rows: usize, out: &mut [f64]) {
        let (n_in, n_out) = (self.inputs, self.outputs);
        let (w, b) = self.params.split_at(n_in * n_out);
        for (x, z) in input
            .chunks_exact(n_in)
            .zip(out.chunks_exact_mut(n_out))
            .take(rows)
        {
            for ((z_j, w_j), &b_j) in z.iter_mut().zip(w.chunks_exact(n_in)).zip(b) {
                *z_j = x.iter().zip(w_j).fold(b_j, |acc, (xi, wi)| acc + wi * xi);
            }
        }
        self.activation.apply_in_place(&mut out[..rows * n_out]);
    }
}

/// Blocks of samples one pass of [`Layer::forward`]'s inner loop computes together: their
/// sums and activations are independent chains the processor overlaps, where one block at a
/// time waits on its own additions and division (a spiral epoch about a quarter faster, a
/// 6×8 boundary a fifth; four blocks were slower than two, spilling registers).
const GROUP: usize = 2;

/// `activation(b_j + Σ_i w_j[i] · x_i)` for the `N` blocks of samples from block `first`:
/// bias first, then each input's contribution in order, so every sample's sum runs in the
/// same order however its blocks are grouped.
#[inline(always)]
fn neuron_blocks<const N: usize>(
    w_j: &[f64],
    b_j: f64,
    x: Columns<'_>,
    first: usize,
    activation: &impl Fn(f64) -> f64,
) -> [Block; N] {
    let mut acc = [[b_j; LANES]; N];
    for (i, &w_ij) in w_j.iter().enumerate() {
        let start = i * x.stride + first;
        for (a, &x_ir) in acc
            .as_flattened_mut()
            .iter_mut()
            .zip(x.data[start..start + N].as_flattened())
        {
            *a += w_ij * x_ir;
        }
    }
    // A loop rather than `map`, which the compiler may leave out of line.
    for a in acc.as_flattened_mut() {
        *a = activation(*a);
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::columns::{blocks_for, columns_from_samples, samples_from_columns};

    fn layer(activation: Activation) -> Layer {
        let weights =
            Array2::from_shape_fn((3, 5), |(i, j)| (i as f64 - 1.0) * 0.3 + j as f64 * 0.1);
        let bias = Array1::from_shape_fn(5, |j| 0.2 - j as f64 * 0.05);
        Layer::new(weights, bias, activation).unwrap()
    }

    #[test]
    fn keeps_the_tutorial_orientation() {
        let l = layer(Activation::Linear);
        assert_eq!(l.weights().dim(), (3, 5));
        assert_eq!(l.weights()[[2, 1]], 0.3 + 0.1);
        assert_eq!(
            l.weight_slice()[3 + 2],
            l.weights()[[2, 1]],
            "neuron 1, input 2"
        );
        assert_eq!(l.bias()[4], 0.0);
        let again = Layer::new(l.weights().to_owned(), l.bias().to_owned(), l.activation());
        assert_eq!(again.as_ref(), Some(&l));
    }

    #[test]
    fn column_and_sample_forms_agree_for_every_batch_size() {
        for activation in Activation::ALL {
            let l = layer(activation);
            for rows in 1..11 {
                let (blocks, stride) = (blocks_for(rows), blocks_for(rows) + 1);
                let samples: Vec<f64> = (0..rows * 3).map(|v| (v as f64 * 0.37).sin()).collect();
                let mut expected = vec![0.0; rows * 5];
                l.forward_samples(&samples, rows, &mut expected);
                let mut x = vec![[0.0; LANES]; 3 * stride];
                columns_from_samples(&samples, 3, rows, &mut x, stride);
                let mut out = vec![[0.0; LANES]; 5 * stride];
                let columns = Columns {
                    data: &x,
                    stride,
                    blocks,
                };
                l.forward::<0>(columns, &mut out);
                let mut got = vec![0.0; rows * 5];
                samples_from_columns(&out, stride, 5, rows, &mut got);
                assert_eq!(got, expected, "{activation:?} {rows}");
            }
        }
    }
}
