//! The hidden `generate`: man pages (clap_mangen) and shell completions (clap_complete) made
//! from the one clap definition, [`Cli`], for the Debian package (`scripts/package.sh`).

use std::{fs, io, path::Path, process::ExitCode};

use clap::CommandFactory as _;
use clap_complete::{Generator as _, Shell};

use super::{Cli, GenerateArgs, bad_input};

/// The name completed: the installed binary's.
const BIN_NAME: &str = "nn-playground";

/// The shells given a completion script (the ones Debian has vendor folders for).
const SHELLS: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

/// Runs `generate`: the files of [`write_package_files`] in `args.out_dir`.
pub fn run_generate(args: &GenerateArgs) -> ExitCode {
    match write_package_files(&args.out_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => bad_input(format!("{}: cannot write: {e}", args.out_dir.display())),
    }
}

/// Writes `dir/man/nn-playground.1` with one page per command beside it
/// (`nn-playground-train.1`, …), and `dir/completions/` with `nn-playground.bash`,
/// `_nn-playground` (zsh) and `nn-playground.fish`. Folders are created as needed.
pub fn write_package_files(dir: &Path) -> io::Result<()> {
    let man = dir.join("man");
    fs::create_dir_all(&man)?;
    clap_mangen::generate_to(Cli::command(), &man)?;
    let completions = dir.join("completions");
    fs::create_dir_all(&completions)?;
    for shell in SHELLS {
        // Into memory first: clap_complete panics when its writer fails.
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), BIN_NAME, &mut script);
        fs::write(completions.join(shell.file_name(BIN_NAME)), script)?;
    }
    Ok(())
}
