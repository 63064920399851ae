//! Starts nn-playground: the window, or a headless command.

use std::process::ExitCode;

use clap::{Parser as _, error::ErrorKind};
use nn_playground::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            e.print().ok();
            return ExitCode::SUCCESS;
        }
        // clap's own message spans several lines; the first says what is wrong.
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            return cli::bad_input(first.trim_start_matches("error: "));
        }
    };
    match cli.command {
        Some(command) => cli::run(command),
        None => open_window(cli.file),
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<std::path::PathBuf>) -> ExitCode {
    match nn_playground::app::run_window(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A build without the `gui` feature has no window: it says so once, as bad input does.
#[cfg(not(feature = "gui"))]
fn open_window(_: Option<std::path::PathBuf>) -> ExitCode {
    cli::bad_input("this build has no window (built without the gui feature); try `train --help`")
}
