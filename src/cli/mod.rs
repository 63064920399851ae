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

/// What stops a command part-way: bad input, or an I/O error on its streams.
pub(crate) enum Failure {
    /// Reading or writing stdin/stdout failed.
    Io(std::io::Error),
    /// A bad value, file or row, with its one-line reason.
    BadInput(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

/// The exit status for a command's result: a closed pipe (`| head`) is the reader's choice and
/// counts as success; any other failure prints its one-line reason and exits 2.
pub(crate) fn exit_status(result: Result<ExitCode, Failure>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => bad_input(format!("cannot read or write: {e}")),
        Err(Failure::BadInput(message)) => bad_input(message),
    }
}

/// Prints `error: {message}` on one line of stderr and returns [`EXIT_BAD_INPUT`].
pub fn bad_input(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_BAD_INPUT)
}
