//! # nn-playground
//!
//! Watch a small neural network learn. The crate is a pure core and a thin shell:
//!
//! - [`nn`]: the network, its gradients and optimisers (no UI).
//! - [`data`]: datasets: the tutorial's XOR, generated 2-D sets, CSV import.
//! - [`train`]: the trainer the window calls each frame, with a bounded loss history.
//! - [`experiment`]: one serialisable description of a whole run.
//! - [`lesson`]: which of the window's controls a lesson hides.
//! - [`memory`]: what a run needs in memory, checked against a budget before allocating.
//! - [`weights`]: weights files (JSON and NumPy `.npz`).
//! - [`view`]: one run as the window shows it, as plain data: the boundary grid, the neuron
//!   maps, pinned runs' curves, and the session that keeps them in step with the trainer.
//! - [`suggested`]: a starting configuration per dataset, offered in the window.
//! - [`cli`]: the headless command line.
//! - `app`: the desktop window (egui), a thin shell over [`view`]; only with the default
//!   `gui` feature, so the core builds without any UI crate.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod data;
pub mod experiment;
pub mod lesson;
pub mod memory;
pub mod nn;
pub mod run;
pub mod suggested;
pub mod train;
pub mod view;
pub mod weights;
