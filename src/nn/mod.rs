//! The neural network core: layers, activations, losses, initialisation, backpropagation and
//! optimisers. Pure Rust on `ndarray`; nothing here knows about the UI.
//!
//! The pieces follow the tutorial's network (2-4-1, sigmoid, MSE, plain gradient descent) and
//! generalise it: any number of hidden layers, five activations, cross-entropy, momentum and
//! Adam, three initialisations, and a softmax output for 3 to [`MAX_CLASSES`] classes.
//!
//! The output kind is carried by the last layer itself: one [`Activation::Sigmoid`] neuron
//! for two classes (the tutorial's network, unchanged), or `K` [`Activation::Softmax`] neurons
//! for `K ≥ 3` classes. [`NetworkConfig::classes`] chooses between them and
//! [`Network::classes`] reads it back, so files and copies need no extra field.

mod activation;
mod backward;
pub mod columns;
mod dropout;
mod error;
pub mod exp;
mod gradients;
mod init;
mod layer;
mod loss;
mod network;
mod optimizer;
mod softmax;
mod workspace;

pub use activation::{Activation, LEAKY_SLOPE, sigmoid, tanh};
pub use dropout::{Dropout, MAX_DROPOUT};
pub use error::NetworkError;
pub(crate) use gradients::backprop_loaded;
pub use gradients::{Gradients, LayerGradient, backprop, backprop_with};
pub use init::{Init, standard_normal};
pub use layer::Layer;
pub use loss::{Loss, softplus};
pub use network::{MAX_HIDDEN_LAYERS, MAX_WIDTH, Network, NetworkConfig};
pub use optimizer::{
    ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MAX_STEP, MOMENTUM, Optimizer, OptimizerState,
};
pub use softmax::{
    MAX_CLASSES, argmax, class_of, log_sum_exp, softmax_columns, softmax_cross_entropy_columns,
    softmax_rows,
};
pub use workspace::Workspace;
