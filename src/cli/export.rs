//! `nn-playground export --weights FILE --format onnx --out PATH`: a saved network written for
//! other tools. Prints one line saying what was written (for safetensors, then a short PyTorch
//! loader); a bad file or path exits 2 with a one-line reason and leaves nothing at `--out`.

use std::process::ExitCode;

use super::{ExportArgs, bad_input, open_file};
use crate::weights::{self, ExportFormat};

/// Runs `export`: 0 after writing `--out`, or 2 with a one-line reason.
pub fn run_export(args: &ExportArgs) -> ExitCode {
    let file = match open_file(&args.weights, &args.assume) {
        Ok(opened) => opened.run.into_weights(),
        Err(e) => return bad_input(e),
    };
    match weights::export(&args.out, &file, args.format) {
        Ok(()) => {
            println!(
                "wrote {} of {} (epoch {}) to {}",
                args.format.what(),
                args.weights.display(),
                file.epoch,
                args.out.display()
            );
            if args.format == ExportFormat::Safetensors {
                print!(
                    "\n{}",
                    weights::safetensors::loader(&file, &args.out.display().to_string())
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => bad_input(e),
    }
}
