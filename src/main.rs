//! Starts nn-playground: the window, or a headless command.

use std::process::ExitCode;

use clap::{Parser as _, error::ErrorKind};
use nn_playground::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
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
        None => match nn_playground::app::run_window(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot open the window: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
