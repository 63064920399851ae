//! The command line: `train` runs the tutorial's experiment (or any other) headless,
//! `inspect` describes a weights file and `predict` runs one; with no command, `main` opens
//! the window.

mod args;
mod inspect;
mod predict;
mod train;

use std::process::ExitCode;

pub use args::{Cli, Command, InspectArgs, PredictArgs, TrainArgs};
pub use inspect::run_inspect;
pub use predict::run_predict;
pub use train::run_train;

/// Exit status for bad input: a bad value, an unknown name, an unreadable file.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when training diverged.
pub const EXIT_DIVERGED: u8 = 1;

/// Runs a headless command and returns the process's exit status.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Train(args) => run_train(&args),
        Command::Inspect(args) => run_inspect(&args),
        Command::Predict(args) => run_predict(&args),
    }
}

/// Prints `error: {message}` on one line of stderr and returns [`EXIT_BAD_INPUT`].
pub fn bad_input(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_BAD_INPUT)
}
