//! The command line: `train` runs the tutorial's experiment (or any other) headless,
//! `inspect` describes a weights file, `predict` runs one, `explain` shows one training step
//! of it and `export` writes it for other tools; with no command, `main` opens the window.
//! The hidden `generate` writes the man pages and shell completions for the Debian package.

mod args;
mod explain;
mod export;
mod generate;
mod inspect;
pub mod line;
mod predict;
mod train;

use std::process::ExitCode;

pub use args::{
    AssumeArgs, Cli, Command, ExperimentArgs, ExplainArgs, ExportArgs, GenerateArgs, InspectArgs,
    Invocation, PredictArgs, TrainArgs, ViewArgs,
};
pub use explain::run_explain;
pub use export::run_export;
pub use generate::{run_generate, write_package_files};
pub use inspect::run_inspect;
pub use predict::run_predict;
pub use train::run_train;

/// Exit status for bad input: a bad value, an unknown name, an unreadable file.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when training diverged, or a network's output is not a finite number.
pub const EXIT_DIVERGED: u8 = 1;

/// Opens a weights or experiment file for a command; an `.npz` of bare arrays is read as
/// `assume` says, which the user is told on stderr. `--activation` and `--dataset` only
/// describe such an archive: with a file that says itself, they are refused.
pub(crate) fn open_file(
    path: &std::path::Path,
    assume: &AssumeArgs,
) -> Result<crate::weights::experiment_file::Opened, String> {
    let wanted = crate::weights::Assume {
        activations: assume.activation.clone(),
        dataset: assume.dataset.clone(),
    };
    let opened = crate::weights::experiment_file::open(path, &wanted).map_err(|e| e.to_string())?;
    match &opened.assumed {
        Some(note) => eprintln!("note: {}: {note}", path.display()),
        None if wanted != crate::weights::Assume::default() => {
            return Err(format!(
                "{}: --activation and --dataset describe an .npz of bare arrays; this {} says what it holds",
                path.display(),
                opened.kind
            ));
        }
        None => {}
    }
    Ok(opened)
}

/// Runs a headless command and returns the process's exit status.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Train(args) => run_train(&args),
        Command::Inspect(args) => run_inspect(&args),
        Command::Predict(args) => run_predict(&args),
        Command::Explain(args) => run_explain(&args),
        Command::Export(args) => run_export(&args),
    }
}

/// What stops a command part-way: bad input, or an I/O error on its streams.
pub(crate) enum Failure {
    /// Reading or writing stdin/stdout failed.
    Io(std::io::Error),
    /// A bad value, file or row, with its one-line reason.
    BadInput(String),
    /// A network's output was not a finite number: exits [`EXIT_DIVERGED`].
    NotFinite(String),
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
        Err(Failure::NotFinite(message)) => {
            eprintln!("error: {}", one_line(&message));
            ExitCode::from(EXIT_DIVERGED)
        }
    }
}

/// Prints `error: {message}` on one line of stderr and returns [`EXIT_BAD_INPUT`].
pub fn bad_input(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {}", one_line(&message.to_string()));
    ExitCode::from(EXIT_BAD_INPUT)
}

/// The longest message printed, in characters: longer ones can only be quoting a hostile
/// argument or file whole.
const MAX_MESSAGE_CHARS: usize = 400;

/// `message` as one line of at most [`MAX_MESSAGE_CHARS`] characters.
fn one_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    match line.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_owned(),
    }
}
