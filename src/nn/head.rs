//! The output head: what turns the output layer's logits into the network's answer, and how
//! far that answer is from a label.
//!
//! The output layer itself is affine (`z = x · W + b`); the head owns everything after it: the
//! forward pass from logits to probabilities, the loss and its gradient at the logits (the
//! delta the backward pass starts from), the per-sample loss an evaluation reports and the
//! class a sample is predicted to be. Every question of the form "is this network
//! multiclass?" is a `match` on the head, so a new head (a linear output for regression is
//! the next) is one variant and the compiler lists every place that must answer for it.

use serde::{Deserialize, Serialize};

use super::{
    Loss,
    activation::sigmoid,
    columns::{Block, Columns, LANES},
    softmax::{
        MAX_CLASSES, argmax, class_of, log_sum_exp, softmax_columns, softmax_cross_entropy_columns,
        softmax_rows,
    },
};

/// How the network's logits become its answer.
///
/// ```
/// use nn_playground::nn::{Loss, OutputHead};
/// let head = OutputHead::for_classes(3);
/// assert_eq!((head, head.outputs(3)), (OutputHead::Softmax, 3));
/// assert!(!head.accepts(Loss::Mse));
/// assert_eq!(OutputHead::Sigmoid.predicted_class(&[0.7]), 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputHead {
    /// One sigmoid neuron, the probability of class 1 of two: the tutorial's output. Trains on
    /// MSE (the tutorial's) or binary cross-entropy.
    #[default]
    Sigmoid,
    /// One neuron per class, 3 to [`MAX_CLASSES`] of them, normalised by softmax. Trains on
    /// cross-entropy only: its gradient at the logits is `p - onehot(y)`.
    Softmax,
}

super::names::name_table!(OutputHead {
    Sigmoid => "sigmoid",
    Softmax => "softmax",
});

impl OutputHead {
    /// The head for `classes` classes: a sigmoid for two, a softmax for more.
    pub fn for_classes(classes: usize) -> Self {
        if classes <= 2 {
            Self::Sigmoid
        } else {
            Self::Softmax
        }
    }

    /// Output neurons for `classes` classes.
    pub fn outputs(self, classes: usize) -> usize {
        match self {
            Self::Sigmoid => 1,
            Self::Softmax => classes,
        }
    }

    /// The classes told apart by an output layer of `outputs` neurons.
    pub fn classes(self, outputs: usize) -> usize {
        match self {
            Self::Sigmoid => 2,
            Self::Softmax => outputs,
        }
    }

    /// Whether an output layer of `outputs` neurons fits this head.
    pub fn fits(self, outputs: usize) -> bool {
        match self {
            Self::Sigmoid => outputs == 1,
            Self::Softmax => (3..=MAX_CLASSES).contains(&outputs),
        }
    }

    /// Whether this head trains on `loss`: a softmax only on cross-entropy ("multiclass means
    /// cross-entropy"), a sigmoid on either.
    pub fn accepts(self, loss: Loss) -> bool {
        match self {
            Self::Sigmoid => true,
            Self::Softmax => loss == Loss::CrossEntropy,
        }
    }

    /// The loss to train on when `loss` was asked for: `loss` itself if this head accepts it,
    /// else cross-entropy (the loss every head accepts).
    pub fn fitting(self, loss: Loss) -> Loss {
        if self.accepts(loss) {
            loss
        } else {
            Loss::CrossEntropy
        }
    }

    /// Probabilities from logits for a batch in the column layout: `outputs` neurons of
    /// `logits.blocks` blocks each. Always inlined: the passes call it with a constant block
    /// count.
    #[inline(always)]
    pub(crate) fn forward<const B: usize>(
        self,
        logits: Columns<'_>,
        outputs: usize,
        probs: &mut [Block],
    ) {
        match self {
            Self::Sigmoid => {
                let blocks = logits.blocks::<B>();
                for (p, z) in probs[..blocks].iter_mut().zip(&logits.data[..blocks]) {
                    // A loop rather than `map`, which the compiler may leave out of line.
                    let mut block = *z;
                    for v in &mut block {
                        *v = sigmoid(*v);
                    }
                    *p = block;
                }
            }
            Self::Softmax => {
                let (stride, blocks) = (logits.stride, logits.blocks::<B>());
                let n = outputs * stride;
                probs[..n].copy_from_slice(&logits.data[..n]);
                // The padding's softmax too: finite, never read, and no tail to handle.
                softmax_columns(probs, outputs, stride, blocks * LANES);
            }
        }
    }

    /// Probabilities from logits for `outputs` neurons of samples stored one after the other,
    /// in place: the plain form of the passes' block-layout forward, for the diagram's maps.
    pub fn apply_to_samples(self, zs: &mut [f64], outputs: usize) {
        match self {
            Self::Sigmoid => zs.iter_mut().for_each(|z| *z = sigmoid(*z)),
            Self::Softmax => softmax_rows(zs, outputs),
        }
    }

    /// The loss of a training batch and its gradient at the logits, in the column layout:
    /// writes `scale × ∂loss/∂z` of every live sample into `deltas` (zero for the padding) and
    /// returns the sum of the `rows` samples' losses. A softmax trains on cross-entropy
    /// whatever `loss` says (the experiment's check refuses anything else before training).
    #[expect(clippy::too_many_arguments, reason = "one batch's parts, passed apart")]
    #[inline(always)]
    pub(crate) fn loss_and_delta<const B: usize>(
        self,
        loss: Loss,
        logits: Columns<'_>,
        probs: &[Block],
        targets: &[Block],
        outputs: usize,
        rows: usize,
        scale: f64,
        deltas: &mut [Block],
    ) -> f64 {
        let (stride, blocks) = (logits.stride, logits.blocks::<B>());
        match self {
            Self::Sigmoid => {
                let batch = (&logits.data[..blocks], &probs[..blocks], &targets[..blocks]);
                loss.blocks(batch, rows, scale, &mut deltas[..blocks])
            }
            Self::Softmax => {
                let sum = softmax_cross_entropy_columns(
                    logits.data,
                    probs,
                    targets,
                    outputs,
                    stride,
                    rows,
                    scale,
                    deltas,
                );
                // Padding samples carry no gradient.
                for k in 0..outputs {
                    let neuron = &mut deltas[k * stride..k * stride + blocks];
                    neuron.as_flattened_mut()[rows..].fill(0.0);
                }
                sum
            }
        }
    }

    /// One sample's reported loss, from its logits `z` and probabilities `p` (one of each for
    /// a sigmoid, one per class for a softmax) and its label `y`: what evaluations average.
    #[inline]
    pub fn sample_loss(self, loss: Loss, z: &[f64], p: &[f64], y: f64) -> f64 {
        match self {
            Self::Sigmoid => loss.sample(z[0], p[0], y),
            Self::Softmax => log_sum_exp(z) - z[class_of(y, z.len())],
        }
    }

    /// One sample's gradient at the logits, in plain form (the passes compute the same in the
    /// column layout): writes `∂objective/∂z` for label `y` into `delta`, one entry per output,
    /// given the probabilities `p`. For a sigmoid it is [`Loss::logit_gradient`] (the
    /// tutorial's `(a - y) · a · (1 - a)` on MSE); a softmax trains on cross-entropy, whose
    /// gradient is `p - onehot(y)`.
    pub fn sample_logit_gradient(self, loss: Loss, p: &[f64], y: f64, delta: &mut [f64]) {
        match self {
            Self::Sigmoid => delta[0] = loss.logit_gradient(p[0], y),
            Self::Softmax => {
                let class = class_of(y, p.len());
                for (k, (d, &p)) in delta.iter_mut().zip(p).enumerate() {
                    *d = p - f64::from(u8::from(k == class));
                }
            }
        }
    }

    /// The class a sample with output `p` is predicted to be: class 1 from probability 0.5 on
    /// for a sigmoid, the most probable class for a softmax.
    #[inline]
    pub fn predicted_class(self, p: &[f64]) -> usize {
        match self {
            Self::Sigmoid => usize::from(p[0] >= 0.5),
            Self::Softmax => argmax(p),
        }
    }

    /// The class a label stands for, among `classes`: for a sigmoid, 1 from 0.5 on (labels
    /// are 0 or 1); for a softmax, the label as an index.
    #[inline]
    pub fn label_class(self, label: f64, classes: usize) -> usize {
        match self {
            Self::Sigmoid => usize::from(label >= 0.5),
            Self::Softmax => class_of(label, classes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_outputs_agree() {
        for classes in 2..=MAX_CLASSES {
            let head = OutputHead::for_classes(classes);
            let outputs = head.outputs(classes);
            assert!(head.fits(outputs), "{classes}");
            assert_eq!(head.classes(outputs), classes);
        }
        assert!(!OutputHead::Softmax.fits(2));
        assert!(!OutputHead::Sigmoid.fits(3));
    }

    #[test]
    fn multiclass_means_cross_entropy() {
        assert_eq!(OutputHead::Softmax.fitting(Loss::Mse), Loss::CrossEntropy);
        assert_eq!(OutputHead::Sigmoid.fitting(Loss::Mse), Loss::Mse);
        for loss in Loss::ALL {
            assert!(OutputHead::Sigmoid.accepts(loss));
        }
    }

    #[test]
    fn predicted_classes() {
        assert_eq!(OutputHead::Sigmoid.predicted_class(&[0.5]), 1);
        assert_eq!(OutputHead::Sigmoid.predicted_class(&[0.49]), 0);
        assert_eq!(OutputHead::Softmax.predicted_class(&[0.2, 0.5, 0.3]), 1);
        assert_eq!(OutputHead::Softmax.label_class(2.0, 3), 2);
        assert_eq!(OutputHead::Sigmoid.label_class(1.0, 2), 1);
    }
}
