//! The neural network core: layers, activations, losses, initialisation, backpropagation and
//! optimisers. Pure Rust on `ndarray`; nothing here knows about the UI.
//!
//! The pieces follow the tutorial's network (2-4-1, sigmoid, MSE, plain gradient descent) and
//! generalise it: any number of hidden layers, five activations, cross-entropy, momentum and
//! Adam, three initialisations, and a softmax output for 3 to [`MAX_CLASSES`] classes.
//!
//! The output is the network's [`OutputHead`]: one sigmoid neuron for two classes (the
//! tutorial's network, unchanged), or `K` softmax neurons for `K ≥ 3` classes. The head owns
//! what happens after the output layer's affine map (probabilities, loss, the gradient at the
//! logits, the predicted class); [`NetworkConfig::head`] chooses it from the class count and
//! [`Network::head`] reads it back.
//!
//! Where things live: the activations' formulas and their one dispatch in `activation.rs`, the
//! heads in `head.rs`, the batch layout and its reductions in `columns.rs`, the passes in
//! `workspace.rs` (forward), `gradients.rs` and `backward.rs` (backward). The passes are held to
//! a plain sample-by-sample reference in `tests/reference_backprop.rs`.

pub(crate) mod activation;
mod backward;
mod columns;
mod dropout;
mod error;
pub mod exp;
mod finite_difference;
mod gradients;
mod head;
mod init;
mod layer;
mod loss;
pub(crate) mod names;
mod network;
mod optimizer;
mod penalty;
mod softmax;
mod workspace;

pub use activation::{Activation, LEAKY_SLOPE, sigmoid, tanh};
pub use dropout::{Dropout, MAX_DROPOUT};
pub use error::NetworkError;
pub use finite_difference::central_difference;
pub(crate) use gradients::backprop_loaded;
pub use gradients::{Gradients, LayerGradient, backprop, backprop_with};
pub use head::OutputHead;
pub use init::{Init, standard_normal};
pub use layer::Layer;
pub use loss::{Loss, softplus};
pub use network::{LayerEdit, LayerFunction, MAX_HIDDEN_LAYERS, MAX_WIDTH, Network, NetworkConfig};
pub use optimizer::{
    ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MAX_STEP, MOMENTUM, Optimizer, OptimizerState,
};
pub use penalty::Penalty;
pub use softmax::{MAX_CLASSES, argmax, class_of, log_sum_exp, softmax_rows};
pub use workspace::Workspace;
