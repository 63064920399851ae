//! Scratch buffers for the forward and backward passes, sized once and reused.

use super::{
    Dropout, Network,
    columns::{Block, Columns, LANES, blocks_for, columns_from_samples, samples_from_columns},
};

/// Buffers for up to `capacity` samples through one network shape.
///
/// Sized once ([`Self::new`]) for a network and a batch size; every pass after that writes into
/// the same memory, so a training epoch allocates nothing. Inside, every buffer is in the
/// column layout of `nn/columns.rs`, `capacity` samples (rounded up to whole blocks) per
/// neuron; [`Self::forward`] takes and returns samples one after the other, as the rest of the
/// program stores them.
#[derive(Clone, Debug)]
pub struct Workspace {
    capacity: usize,
    /// Blocks per neuron in every buffer.
    stride: usize,
    /// Width of the input.
    inputs: usize,
    /// The batch's inputs, `inputs × stride` blocks.
    pub(crate) input: Vec<Block>,
    /// The batch's targets (labels, or class indices), `stride` blocks, for training passes.
    pub(crate) targets: Vec<Block>,
    /// `activations[l]` holds layer `l`'s outputs, `width(l) × stride` blocks. For the output
    /// layer these are the probabilities.
    pub(crate) activations: Vec<Vec<Block>>,
    /// The output layer's pre-activations (logits), `outputs × stride` blocks.
    pub(crate) logits: Vec<Block>,
    /// Width of the output layer (1 or `K`).
    outputs: usize,
    /// Dropout masks of the hidden layers (0, or `1 / (1 - rate)`), like `activations`.
    pub(crate) masks: Vec<Vec<Block>>,
    /// Hidden activations after dropout: what the next layer sees in a dropout pass.
    pub(crate) dropped: Vec<Vec<Block>>,
    /// `deltas[l]`: the objective's gradient with respect to layer `l`'s pre-activation.
    pub(crate) deltas: Vec<Vec<Block>>,
    /// A softmax output's probabilities and logits sample by sample, for [`Self::forward`]
    /// and [`Self::output`] (a single sigmoid output needs no reordering).
    sample_probs: Vec<f64>,
    sample_logits: Vec<f64>,
}

impl Workspace {
    /// Buffers for `capacity` samples through networks shaped like `network`.
    pub fn new(network: &Network, capacity: usize) -> Self {
        let capacity = capacity.max(1);
        let stride = blocks_for(capacity);
        let widths = network.layers().iter().map(|l| l.outputs());
        let buffers: Vec<Vec<Block>> = widths.map(|w| vec![[0.0; LANES]; w * stride]).collect();
        let outputs = network.outputs();
        let hidden = buffers[..buffers.len().saturating_sub(1)].to_vec();
        let reordered = if outputs > 1 { outputs * capacity } else { 0 };
        Self {
            capacity,
            stride,
            inputs: network.inputs(),
            input: vec![[0.0; LANES]; network.inputs() * stride],
            targets: vec![[0.0; LANES]; stride],
            masks: hidden.clone(),
            dropped: hidden,
            deltas: buffers.clone(),
            activations: buffers,
            logits: vec![[0.0; LANES]; outputs * stride],
            outputs,
            sample_probs: vec![0.0; reordered],
            sample_logits: vec![0.0; reordered],
        }
    }

    /// The most samples one pass can take.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Blocks per neuron in every buffer (see [`super::columns`]).
    pub(crate) fn stride(&self) -> usize {
        self.stride
    }

    /// Whether these buffers fit `network` (same input and layer widths).
    pub fn fits(&self, network: &Network) -> bool {
        self.activations.len() == network.layers().len()
            && self.inputs == network.inputs()
            && self
                .activations
                .iter()
                .zip(network.layers())
                .all(|(a, l)| a.len() == l.outputs() * self.stride)
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
        self.forward_blocks::<0>(network, rows, None);
        if self.outputs > 1 {
            let (stride, k) = (self.stride, self.outputs);
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
        let probs = self
            .activations
            .last()
            .map_or(&[][..], |a| a.as_flattened());
        (&self.logits.as_flattened()[..n], &probs[..n])
    }

    /// Copies `rows` samples (one after the other) into the input buffer.
    pub(crate) fn load(&mut self, input: &[f64], rows: usize) {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        columns_from_samples(input, self.inputs, rows, &mut self.input, self.stride);
    }

    /// Copies `rows` targets into the target buffer, for a training pass on the batch
    /// [`Self::load`] loaded.
    pub(crate) fn load_targets(&mut self, targets: &[f64], rows: usize) {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        columns_from_samples(targets, 1, rows, &mut self.targets, self.stride);
    }

    /// Copies the samples `indices` of `samples` (one after the other, `inputs` numbers each)
    /// into the input buffer, and their `targets` into the target buffer, in that order: a
    /// shuffled mini-batch, gathered in one step.
    pub(crate) fn gather(&mut self, samples: &[f64], targets: &[f64], indices: &[usize]) {
        assert!(
            indices.len() <= self.capacity,
            "batch larger than the workspace"
        );
        let (width, stride) = (self.inputs, self.stride);
        for k in 0..width {
            let column = &mut self.input[k * stride..(k + 1) * stride];
            gather_column(column, samples, width, k, indices);
        }
        gather_column(&mut self.targets, targets, 1, 0, indices);
    }

    /// The forward pass on the first `rows` samples of the input buffer, in the column
    /// layout, compiled for `B` blocks (0: any count; see [`Columns::blocks`]). With
    /// `dropout` (training), each hidden layer's activations are masked before the next layer
    /// sees them (`dropped`), while `activations` keep the raw values the backward pass
    /// differentiates. The output layer's logits are kept in `logits`: the loss is computed
    /// stably from them.
    #[inline(always)]
    pub(crate) fn forward_blocks<const B: usize>(
        &mut self,
        network: &Network,
        rows: usize,
        mut dropout: Option<&mut Dropout<'_>>,
    ) {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        let stride = self.stride;
        let input = Columns {
            data: &self.input,
            stride,
            blocks: blocks_for(rows),
        };
        let blocks = input.blocks::<B>();
        let Some((output, hidden)) = network.layers().split_last() else {
            return;
        };
        // Each layer reads the previous one's outputs (`x`) and writes its own.
        let (hidden_out, output_out) = self.activations.split_at_mut(hidden.len());
        let buffers = hidden_out
            .iter_mut()
            .zip(&mut self.masks)
            .zip(&mut self.dropped);
        let mut x: &[Block] = input.data;
        for (layer, ((out, masks), dropped)) in hidden.iter().zip(buffers) {
            layer.forward::<B>(input.with(x), out);
            let Some(dropout) = dropout.as_deref_mut() else {
                x = out;
                continue;
            };
            // Masks for the live samples only: padding stays zero.
            for j in 0..layer.outputs() {
                let live = j * stride..j * stride + blocks;
                let a = &out[live.clone()].as_flattened()[..rows];
                let mask = &mut masks[live.clone()].as_flattened_mut()[..rows];
                let dropped = &mut dropped[live].as_flattened_mut()[..rows];
                dropout.apply(a, mask, dropped);
            }
            x = dropped;
        }
        output.affine::<B>(input.with(x), &mut self.logits);
        let logits = input.with(&self.logits);
        network
            .head()
            .forward::<B>(logits, self.outputs, &mut output_out[0]);
    }

    /// Width of the output layer these buffers were sized for: 1, or `K` for a softmax.
    pub fn outputs(&self) -> usize {
        self.outputs
    }
}

/// Fills `column` with number `k` of each sample `indices` of `values` (`width` numbers per
/// sample), zeroing the padding of its last block.
fn gather_column(column: &mut [Block], values: &[f64], width: usize, k: usize, indices: &[usize]) {
    let padded = blocks_for(indices.len()) * LANES;
    let column = column.as_flattened_mut();
    for (v, &i) in column.iter_mut().zip(indices) {
        *v = values[i * width + k];
    }
    column[indices.len()..padded].fill(0.0);
}
