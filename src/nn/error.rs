//! Errors of the network core.

use thiserror::Error;

/// Why a network configuration or a set of layers cannot make a network.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NetworkError {
    /// No layer at all: not even the output layer.
    #[error("the network has no layers")]
    NoLayers,
    /// More hidden layers than [`super::MAX_HIDDEN_LAYERS`].
    #[error("{found} hidden layers is too many (at most {max})")]
    TooManyLayers {
        /// Layers asked for.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// A hidden layer of width 0 or over [`super::MAX_WIDTH`].
    #[error("hidden layer {layer} has {found} neurons; it must have 1 to {max}")]
    BadWidth {
        /// 1-based index of the hidden layer.
        layer: usize,
        /// Width asked for.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// The input width is 0 or over [`super::MAX_WIDTH`].
    #[error("the network has {found} inputs; it must have 1 to {max}")]
    BadInputs {
        /// Inputs asked for.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// A layer's inputs do not match the previous layer's outputs.
    #[error("layer {layer} takes {found} inputs but the layer before it gives {expected}")]
    ShapesDoNotChain {
        /// 1-based layer index.
        layer: usize,
        /// Outputs of the previous layer (or the input width).
        expected: usize,
        /// Inputs of this layer.
        found: usize,
    },
    /// The output layer does not fit a sigmoid head: not one neuron, or not affine.
    #[error("the output layer must be one sigmoid neuron, found {found} {activation} neurons")]
    BadOutput {
        /// Width of the last layer.
        found: usize,
        /// Its activation's name.
        activation: &'static str,
    },
    /// A softmax output layer with fewer than 3 or more than [`super::MAX_CLASSES`] neurons.
    #[error("a softmax output layer must have 3 to {max} neurons (one per class), found {found}")]
    BadSoftmaxOutput {
        /// Width of the last layer.
        found: usize,
        /// The most classes.
        max: usize,
    },
    /// A class count outside 2 to [`super::MAX_CLASSES`].
    #[error("a network tells 2 to {max} classes apart, not {found}")]
    BadClasses {
        /// Classes asked for.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// Activations neither one for every hidden layer nor one per layer.
    #[error(
        "{found} activations for {layers} hidden layers: give one for every layer or one per layer"
    )]
    ActivationCount {
        /// Activations given.
        found: usize,
        /// Hidden layers.
        layers: usize,
    },
    /// A weight or bias is NaN or infinite.
    #[error("layer {layer} holds a non-finite number")]
    NonFinite {
        /// 1-based layer index.
        layer: usize,
    },
}
