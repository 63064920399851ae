//! Starts nn-playground: the window, or a headless command.

use std::process::ExitCode;

use clap::error::ErrorKind;
use nn_playground::cli::{
    self, Invocation, ViewArgs,
    line::{self, RunLine},
};

fn main() -> ExitCode {
    let cli = match Invocation::try_parse_from(std::env::args_os()) {
        Ok(Invocation::Cli(cli)) => cli,
        Ok(Invocation::Generate(args)) => return cli::run_generate(&args),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            e.print().ok();
            return ExitCode::SUCCESS;
        }
        // clap's own message spans several lines; the first says what is wrong.
        Err(e) => return cli::bad_input(line::clap_message(&e)),
    };
    if let Some(command) = cli.command {
        return cli::run(command);
    }
    // Options without a command open the window on that experiment (an experiment line).
    let run = if cli.experiment.is_empty() && cli.view == ViewArgs::default() {
        None
    } else if cli.file.is_some() {
        return cli::bad_input("give a file to open or the options of an experiment, not both");
    } else {
        match cli.experiment.experiment() {
            Ok(experiment) => Some(RunLine {
                experiment,
                view: cli.view,
            }),
            Err(message) => return cli::bad_input(message),
        }
    };
    open_window(cli.file, run)
}

#[cfg(feature = "gui")]
fn open_window(file: Option<std::path::PathBuf>, run: Option<RunLine>) -> ExitCode {
    match nn_playground::app::run_window(file, run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A build without the `gui` feature has no window: it says so once, as bad input does.
#[cfg(not(feature = "gui"))]
fn open_window(_: Option<std::path::PathBuf>, _: Option<RunLine>) -> ExitCode {
    cli::bad_input("this build has no window (built without the gui feature); try `train --help`")
}
