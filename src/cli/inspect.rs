//! `nn-playground inspect FILE`: what a weights file holds, without training anything.

use std::{
    io::{self, Write},
    process::ExitCode,
};

use super::{InspectArgs, bad_input, open_file};
use crate::{
    nn::LayerFunction,
    weights::{
        FORMAT_TAG, FORMAT_VERSION, WeightsFile,
        experiment_file::{EXPERIMENT_TAG, EXPERIMENT_VERSION, Opened, RunFile},
    },
};

/// Runs `inspect`: 0 with a description on stdout, or 2 with a one-line reason on a bad file.
pub fn run_inspect(args: &InspectArgs) -> ExitCode {
    let opened = match open_file(&args.file, &args.assume) {
        Ok(opened) => opened,
        Err(e) => return bad_input(e),
    };
    let mut out = io::stdout().lock();
    let name = args.file.display().to_string();
    match describe(&name, &opened, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => bad_input(format!("cannot write output: {e}")),
    }
}

/// The architecture as widths joined by dashes: `2-4-1`.
pub fn architecture(file: &WeightsFile) -> String {
    let network = &file.network;
    let mut widths = vec![network.inputs()];
    widths.extend(network.layers().iter().map(|l| l.outputs()));
    let parts: Vec<String> = widths.iter().map(usize::to_string).collect();
    parts.join("-")
}

fn describe(name: &str, opened: &Opened, out: &mut impl Write) -> io::Result<()> {
    let file = opened.run.weights();
    let activations: Vec<&str> = file.network.functions().map(LayerFunction::name).collect();
    let config = serde_json::to_string_pretty(&file.experiment).map_err(io::Error::other)?;
    writeln!(out, "file: {name}")?;
    match &opened.run {
        RunFile::Experiment(run) => writeln!(
            out,
            "format: experiment file ({EXPERIMENT_TAG}, version {EXPERIMENT_VERSION}; weights {FORMAT_TAG}, version {FORMAT_VERSION}; {} loss history points)",
            run.history.curve().count()
        )?,
        RunFile::Weights(_) => writeln!(
            out,
            "format: {} ({FORMAT_TAG}, version {FORMAT_VERSION})",
            opened.kind
        )?,
    }
    if let Some(note) = &opened.assumed {
        writeln!(out, "assumed: {note}")?;
    }
    writeln!(out, "architecture: {}", architecture(file))?;
    writeln!(out, "activations: {}", activations.join(", "))?;
    writeln!(out, "parameters: {}", file.network.parameter_count())?;
    writeln!(out, "epoch: {}", file.epoch)?;
    writeln!(out, "config: {config}")
}
