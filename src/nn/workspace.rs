//! Scratch buffers for the forward and backward passes, sized once and reused.

use super::{
    Dropout, Network,
    activation::sigmoid,
    columns::{columns_from_samples, samples_from_columns},
    softmax::softmax_columns,
};

/// Buffers for up to `capacity` samples through one network shape.
///
/// Sized once ([`Self::new`]) for a network and a batch size; every pass after that writes into
/// the same memory, so a training epoch allocates nothing. Inside, every buffer is in the
/// column layout of [`super::columns`] with a stride of `capacity`; [`Self::forward`] takes
/// and returns samples one after the other, as the rest of the program stores them.
#[derive(Clone, Debug)]
pub struct Workspace {
    capacity: usize,
    /// The batch's inputs, `inputs × capacity`.
    pub(crate) input: Vec<f64>,
    /// `activations[l]` holds layer `l`'s outputs, `width(l) × capacity`. For the output layer
    /// these are the probabilities.
    pub(crate) activations: Vec<Vec<f64>>,
    /// The output layer's pre-activations (logits), `outputs × capacity`.
    pub(crate) logits: Vec<f64>,
    /// Width of the output layer (1 or `K`).
    outputs: usize,
    /// Dropout masks of the hidden layers (0, or `1 / (1 - rate)`), like `activations`.
    pub(crate) masks: Vec<Vec<f64>>,
    /// Hidden activations after dropout: what the next layer sees in a dropout pass.
    pub(crate) dropped: Vec<Vec<f64>>,
    /// `deltas[l]`: the objective's gradient with respect to layer `l`'s pre-activation.
    pub(crate) deltas: Vec<Vec<f64>>,
    /// A softmax output's probabilities and logits sample by sample, for [`Self::forward`]
    /// and [`Self::output`] (a single sigmoid output needs no reordering).
    sample_probs: Vec<f64>,
    sample_logits: Vec<f64>,
}

impl Workspace {
    /// Buffers for `capacity` samples through networks shaped like `network`.
    pub fn new(network: &Network, capacity: usize) -> Self {
        let capacity = capacity.max(1);
        let widths = network.layers().iter().map(|l| l.outputs());
        let buffers: Vec<Vec<f64>> = widths.map(|w| vec![0.0; w * capacity]).collect();
        let outputs = network.outputs();
        let hidden = buffers[..buffers.len().saturating_sub(1)].to_vec();
        let reordered = if outputs > 1 { outputs * capacity } else { 0 };
        Self {
            capacity,
            input: vec![0.0; network.inputs() * capacity],
            masks: hidden.clone(),
            dropped: hidden,
            deltas: buffers.clone(),
            activations: buffers,
            logits: vec![0.0; capacity * outputs],
            outputs,
            sample_probs: vec![0.0; reordered],
            sample_logits: vec![0.0; reordered],
        }
    }

    /// The most samples one pass can take.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether these buffers fit `network` (same input and layer widths).
    pub fn fits(&self, network: &Network) -> bool {
        self.activations.len() == network.layers().len()
            && self.input.len() == network.inputs() * self.capacity
            && self
                .activations
                .iter()
                .zip(network.layers())
                .all(|(a, l)| a.len() == l.outputs() * self.capacity)
            && self.outputs == network.outputs()
    }

    /// Runs `rows` samples of `input` (one after the other, `rows × network.inputs()`)
    /// through the network and returns the probabilities of class 1, one per sample; for a
    /// softmax output, the `K` class probabilities of each sample (`rows × K`).
    ///
    /// # Panics
    /// If `rows` exceeds the capacity or the buffers do not fit the network: both are bugs in
    /// the caller.
    pub fn forward(&mut self, network: &Network, input: &[f64], rows: usize) -> &[f64] {
        self.load(input, rows);
        self.forward_loaded(network, rows, None);
        if self.outputs > 1 {
            let (stride, k) = (self.capacity, self.outputs);
            let probs = self.activations.last().map_or(&[][..], |a| &a[..]);
            samples_from_columns(probs, stride, k, rows, &mut self.sample_probs);
            samples_from_columns(&self.logits, stride, k, rows, &mut self.sample_logits);
        }
        self.output(rows).1
    }

    /// The last [`Self::forward`]'s logits and probabilities, for its first `rows` samples
    /// (`K` of each per sample for a softmax output).
    pub fn output(&self, rows: usize) -> (&[f64], &[f64]) {
        let n = rows * self.outputs;
        if self.outputs > 1 {
            return (&self.sample_logits[..n], &self.sample_probs[..n]);
        }
        let probs = self.activations.last().map_or(&[][..], |a| &a[..n]);
        (&self.logits[..n], probs)
    }

    /// Copies `rows` samples (one after the other) into the input buffer.
    pub(crate) fn load(&mut self, input: &[f64], rows: usize) {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        let width = self.input.len() / self.capacity.max(1);
        columns_from_samples(input, width, rows, &mut self.input, self.capacity);
    }

    /// The input buffer's column for feature `k` (`capacity` numbers), for callers that
    /// gather a batch straight into it.
    pub(crate) fn input_column_mut(&mut self, k: usize) -> &mut [f64] {
        let stride = self.capacity;
        &mut self.input[k * stride..(k + 1) * stride]
    }

    /// The forward pass on the first `rows` samples of the input buffer, in the column
    /// layout. With `dropout` (training), each hidden layer's activations are masked before
    /// the next layer sees them (`dropped`), while `activations` keep the raw values the
    /// backward pass differentiates. The output layer's logits are kept in `logits`: the
    /// cross-entropy is computed stably from them.
    pub(crate) fn forward_loaded(
        &mut self,
        network: &Network,
        rows: usize,
        mut dropout: Option<&mut Dropout<'_>>,
    ) {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        let stride = self.capacity;
        let layers = network.layers();
        let last = layers.len() - 1;
        for (l, layer) in layers.iter().enumerate() {
            let (before, rest) = self.activations.split_at_mut(l);
            let x = match (l, dropout.is_some()) {
                (0, _) => &self.input[..],
                (_, true) => &self.dropped[l - 1][..],
                (_, false) => &before[l - 1][..],
            };
            let out = &mut rest[0];
            if l < last {
                layer.forward(x, stride, rows, out);
                if let Some(dropout) = dropout.as_deref_mut() {
                    let neurons = out
                        .chunks(stride)
                        .zip(self.masks[l].chunks_mut(stride))
                        .zip(self.dropped[l].chunks_mut(stride));
                    for ((a, mask), dropped) in neurons {
                        dropout.apply(&a[..rows], &mut mask[..rows], &mut dropped[..rows]);
                    }
                }
            } else if self.outputs > 1 {
                layer.affine(x, stride, rows, &mut self.logits);
                out.copy_from_slice(&self.logits);
                softmax_columns(out, self.outputs, stride, rows);
            } else {
                layer.affine(x, stride, rows, &mut self.logits);
                for (p, &z) in out[..rows].iter_mut().zip(&self.logits) {
                    *p = sigmoid(z);
                }
            }
        }
    }

    /// Width of the output layer these buffers were sized for: 1, or `K` for a softmax.
    pub fn outputs(&self) -> usize {
        self.outputs
    }
}
