//! One fully connected layer.

use ndarray::{Array1, Array2};

use super::{Activation, softmax::softmax_rows};

/// A dense layer: `a = activation(x · W + b)`.
///
/// `weights` has shape `inputs × outputs`, the tutorial's orientation (its `W1` is 2 × 4), and is
/// kept in standard (row-major) layout so the hot loops can walk it as a slice. The fields are
/// private to keep that layout an invariant.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    weights: Array2<f64>,
    bias: Array1<f64>,
    activation: Activation,
}

impl Layer {
    /// A layer from its parts, or `None` when `bias` does not have one entry per column of
    /// `weights`. Any memory layout is accepted and stored row-major.
    pub fn new(weights: Array2<f64>, bias: Array1<f64>, activation: Activation) -> Option<Self> {
        if weights.ncols() != bias.len() {
            return None;
        }
        Some(Self {
            weights: weights.as_standard_layout().into_owned(),
            bias: bias.as_standard_layout().into_owned(),
            activation,
        })
    }

    /// Weights, `inputs × outputs`.
    pub fn weights(&self) -> &Array2<f64> {
        &self.weights
    }

    /// Biases, one per output.
    pub fn bias(&self) -> &Array1<f64> {
        &self.bias
    }

    /// The non-linearity applied to `x · W + b`.
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// Overwrites this layer's numbers with `other`'s, which must have the same shape.
    /// Allocates nothing.
    pub fn copy_from(&mut self, other: &Self) {
        self.weights.assign(&other.weights);
        self.bias.assign(&other.bias);
        self.activation = other.activation;
    }

    /// A layer of zeros with the given shape.
    pub fn zeros(inputs: usize, outputs: usize, activation: Activation) -> Self {
        Self {
            weights: Array2::zeros((inputs, outputs)),
            bias: Array1::zeros(outputs),
            activation,
        }
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.weights.nrows()
    }

    /// Number of outputs (neurons).
    pub fn outputs(&self) -> usize {
        self.weights.ncols()
    }

    /// Number of trainable numbers: weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.weights.len() + self.bias.len()
    }

    /// The weights as a row-major slice (`[i * outputs + j]` is the link from input `i` to
    /// neuron `j`).
    pub fn weight_slice(&self) -> &[f64] {
        self.weights
            .as_slice()
            .expect("layer weights are always in standard layout")
    }

    /// The biases as a slice.
    pub fn bias_slice(&self) -> &[f64] {
        self.bias
            .as_slice()
            .expect("layer biases are always contiguous")
    }

    /// Mutable weights and biases as slices, for optimisers.
    pub fn slices_mut(&mut self) -> (&mut [f64], &mut [f64]) {
        (
            self.weights
                .as_slice_mut()
                .expect("layer weights are always in standard layout"),
            self.bias
                .as_slice_mut()
                .expect("layer biases are always contiguous"),
        )
    }

    /// Whether every weight and bias is finite.
    pub fn is_finite(&self) -> bool {
        self.weight_slice().iter().all(|w| w.is_finite())
            && self.bias_slice().iter().all(|b| b.is_finite())
    }

    /// `out[r] = activation(input[r] · W + b)` for `rows` rows stored row-major (softmax
    /// normalises each row).
    #[inline]
    pub fn forward(&self, input: &[f64], rows: usize, out: &mut [f64]) {
        self.affine(input, rows, out);
        let out = &mut out[..rows * self.outputs()];
        if self.activation == Activation::Softmax {
            softmax_rows(out, self.outputs());
        } else {
            self.activation.apply_in_place(out);
        }
    }

    /// `out[r] = input[r] · W + b` for `rows` rows stored row-major: no activation.
    ///
    /// Written as explicit loops over slices: on the tiny shapes this app trains, generic matrix
    /// calls cost more in overhead than the arithmetic itself. The sums run in the same order
    /// in both branches (bias first, then inputs in order).
    #[inline]
    pub fn affine(&self, input: &[f64], rows: usize, out: &mut [f64]) {
        let (n_in, n_out) = (self.inputs(), self.outputs());
        let (w, b) = (self.weight_slice(), self.bias_slice());
        let input = &input[..rows * n_in];
        let out = &mut out[..rows * n_out];
        if n_out == 1 {
            // A single neuron (every output layer): one dot product per row.
            for (x, z) in input.chunks_exact(n_in).zip(out.iter_mut()) {
                *z = x.iter().zip(w).fold(b[0], |acc, (xi, wi)| acc + xi * wi);
            }
            return;
        }
        let (w_first, w_rest) = w.split_at(n_out);
        for (x, z) in input.chunks_exact(n_in).zip(out.chunks_exact_mut(n_out)) {
            let (x_first, x_rest) = (x[0], &x[1..]);
            for ((zj, &bj), &wj) in z.iter_mut().zip(b).zip(w_first) {
                *zj = bj + x_first * wj;
            }
            for (&xi, w_row) in x_rest.iter().zip(w_rest.chunks_exact(n_out)) {
                for (zj, &wij) in z.iter_mut().zip(w_row) {
                    *zj += xi * wij;
                }
            }
        }
    }
}
