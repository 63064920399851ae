//! # nn-playground
//!
//! Watch a small neural network learn. The crate is a pure core and a thin shell:
//!
//! - [`nn`]: the network, its gradients and optimisers (no UI).
//! - [`data`]: datasets: the tutorial's XOR, generated 2-D sets, CSV import.
//! - [`train`]: the trainer the window calls each frame, with a bounded loss history.
//! - [`experiment`]: one serialisable description of a whole run.
//! - [`memory`]: what a run needs in memory, checked against a budget before allocating.
//! - [`boundary`]: the network's output over a grid, for the decision-boundary view.
//! - [`neuron_maps`]: each neuron's activation over the plane, for the network diagram.
//! - [`weights`]: weights files (JSON and NumPy `.npz`).
//! - [`compare`]: pinned runs' loss curves and what changed between runs.
//! - [`session`]: one live run as the window shows it (trainer, boundary, curves).
//! - [`cli`]: the headless command line.
//! - `app`: the desktop window (egui), a thin shell over [`session`]; only with the default
//!   `gui` feature, so the core builds without any UI crate.

#[cfg(feature = "gui")]
pub mod app;
pub mod boundary;
pub mod cli;
pub mod compare;
pub mod data;
pub mod experiment;
pub mod memory;
pub mod neuron_maps;
pub mod nn;
pub mod session;
pub mod train;
pub mod weights;
