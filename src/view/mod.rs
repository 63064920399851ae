//! One run as the window shows it, as plain data: the decision boundary on a grid, each
//! neuron's map for the diagram, the pinned runs' curves, one training step's every number
//! (for `explain`), and the [`session::Session`] that keeps them in step with the trainer. No
//! egui and no threads of their own (a caller may lend some through [`spread::Spread`]): the
//! window (and its tests and benchmarks) read these, so what the user
//! sees is computed, and tested, without a screen.

pub mod boundary;
pub mod explain;
pub mod explained;
pub mod hidden_space;
pub mod neuron_maps;
pub mod pins;
pub mod session;
pub mod snapshot;
pub mod spread;
