//! Scratch buffers for the forward and backward passes, sized once and reused.

use super::{Network, activation::sigmoid};

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
    /// The output neuron's pre-activation (logit), one per row.
    pub(crate) logits: Vec<f64>,
    /// `deltas[l]`: the objective's gradient with respect to layer `l`'s pre-activation.
    pub(crate) deltas: Vec<Vec<f64>>,
}

impl Workspace {
    /// Buffers for `capacity` rows through networks shaped like `network`.
    pub fn new(network: &Network, capacity: usize) -> Self {
        let widths = network.layers().iter().map(|l| l.outputs());
        let buffers: Vec<Vec<f64>> = widths.map(|w| vec![0.0; w * capacity]).collect();
        Self {
            capacity,
            deltas: buffers.clone(),
            activations: buffers,
            logits: vec![0.0; capacity],
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
    }

    /// Runs `rows` rows of `input` (row-major, `rows × network.inputs()`) through the network
    /// and returns the probabilities of class 1, one per row.
    ///
    /// # Panics
    /// If `rows` exceeds the capacity or the buffers do not fit the network: both are bugs in
    /// the caller.
    pub fn forward(&mut self, network: &Network, input: &[f64], rows: usize) -> &[f64] {
        assert!(rows <= self.capacity, "batch larger than the workspace");
        let layers = network.layers();
        let last = layers.len() - 1;
        for (l, layer) in layers.iter().enumerate() {
            let (before, rest) = self.activations.split_at_mut(l);
            let x = if l == 0 { input } else { &before[l - 1][..] };
            let out = &mut rest[0];
            if l == last {
                // Keep the logit: cross-entropy is computed stably from it.
                layer.affine(x, rows, &mut self.logits);
                for (p, &z) in out.iter_mut().zip(&self.logits).take(rows) {
                    *p = sigmoid(z);
                }
            } else {
                layer.forward(x, rows, out);
            }
        }
        &self.activations[last][..rows]
    }

    /// The last forward pass's logits and probabilities, for its first `rows` rows.
    pub fn output(&self, rows: usize) -> (&[f64], &[f64]) {
        let probs = self.activations.last().map_or(&[][..], |a| &a[..rows]);
        (&self.logits[..rows], probs)
    }
}
