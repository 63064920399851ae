//! Scratch buffers for the forward and backward passes, sized once and reused.

use super::{Dropout, Network, activation::sigmoid, softmax::softmax_rows};

/// Buffers for up to `capacity` rows through one network shape.
///
/// Sized once ([`Self::new`]) for a network and a batch size; every pass after that writes into
/// the same memory, so a training epoch allocates nothing.
#[derive(Clone, Debug)]
pub struct Workspace {
    capacity: usize,
    /// `activations[l]` holds layer `l`'s outputs, `capacity × width(l)`, row-major. For the
    /// output layer these are the probabilities.
    pub(crate) activations: Vec<Vec<f64>>,
    /// The output layer's pre-activations (logits): one per row for a sigmoid output, `K` per
    /// row for a softmax over `K` classes.
    pub(crate) logits: Vec<f64>,
    /// Width of the output layer (1 or `K`).
    outputs: usize,
    /// Dropout masks of the hidden layers (0, or `1 / (1 - rate)`), like `activations`.
    pub(crate) masks: Vec<Vec<f64>>,
    /// Hidden activations after dropout: what the next layer sees in a dropout pass.
    pub(crate) dropped: Vec<Vec<f64>>,
    /// `deltas[l]`: the objective's gradient with respect to layer `l`'s pre-activation.
    pub(crate) deltas: Vec<Vec<f64>>,
}

impl Workspace {
    /// Buffers for `capacity` rows through networks shaped like `network`.
    pub fn new(network: &Network, capacity: usize) -> Self {
        let widths = network.layers().iter().map(|l| l.outputs());
        let buffers: Vec<Vec<f64>> = widths.map(|w| vec![0.0; w * capacity]).collect();
        let outputs = network.outputs();
        let hidden = buffers[..buffers.len().saturating_sub(1)].to_vec();
        Self {
            capacity,
            masks: hidden.clone(),
            dropped: hidden,
            deltas: buffers.clone(),
            activations: buffers,
            logits: vec![0.0; capacity * outputs],
            outputs,
        }
    }

    /// The most rows one pass can take.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether these buffers fit `network` (same layer widths).
    pub fn fits(&self, network: &Network) -> bool {
        self.activations.len() == network.layers().len()
            && self
                .activations
                .iter()
                .zip(network.layers())
                .all(|(a, l)| a.len() == l.outputs() * self.capacity)
            && self.outputs == network.outputs()
    }

    /// Runs `rows` rows of `input` (row-major, `rows × network.inputs()`) through the network
    /// and returns the probabilities of class 1, one per row; for a softmax output, the `K`
    /// class probabilities of each row (`rows × K`, row-major).
    ///
    /// # Panics
    /// If `rows` exceeds the capacity or the buffers do not fit the network: both are bugs in
    /// the caller.
    pub fn forward(&mut self, network: &Network, input: &[f64], rows: usize) -> &[f64] {
        self.forward_with(network, input, rows, None)
    }

    /// [`Self::forward`] for training: with `dropout`, each hidden layer's activations are
    /// masked before the next layer sees them (`dropped`), while `activations` keep the raw
    /// values the backward pass differentiates.
    pub fn forward_with(
        &mut self,
        network: &Network,
        input: &[f64],
        rows: usize,
        mut dropout: Option<&mut Dropout<'_>>,
    ) -> &[f64] {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        let layers = network.layers();
        let last = layers.len() - 1;
        for (l, layer) in layers.iter().enumerate() {
            let (before, rest) = self.activations.split_at_mut(l);
            let x = match (l, dropout.is_some()) {
                (0, _) => input,
                (_, true) => &self.dropped[l - 1][..],
                (_, false) => &before[l - 1][..],
            };
            let out = &mut rest[0];
            if l == last && self.outputs > 1 {
                // Keep the logits: cross-entropy is computed stably (log-sum-exp) from them.
                let n = rows * self.outputs;
                layer.affine(x, rows, &mut self.logits);
                out[..n].copy_from_slice(&self.logits[..n]);
                softmax_rows(&mut out[..n], self.outputs);
            } else if l == last {
                // Keep the logit: cross-entropy is computed stably from it.
                layer.affine(x, rows, &mut self.logits);
                for (p, &z) in out.iter_mut().zip(&self.logits).take(rows) {
                    *p = sigmoid(z);
                }
            } else {
                layer.forward(x, rows, out);
                if let Some(dropout) = dropout.as_deref_mut() {
                    let n = rows * layer.outputs();
                    dropout.apply(
                        &out[..n],
                        &mut self.masks[l][..n],
                        &mut self.dropped[l][..n],
                    );
                }
            }
        }
        &self.activations[last][..rows * self.outputs]
    }

    /// The last forward pass's logits and probabilities, for its first `rows` rows (`K` of
    /// each per row for a softmax output).
    pub fn output(&self, rows: usize) -> (&[f64], &[f64]) {
        let n = rows * self.outputs;
        let probs = self.activations.last().map_or(&[][..], |a| &a[..n]);
        (&self.logits[..n], probs)
    }

    /// Width of the output layer these buffers were sized for: 1, or `K` for a softmax.
    pub fn outputs(&self) -> usize {
        self.outputs
    }
}
