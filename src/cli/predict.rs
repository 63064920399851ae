//! `nn-playground predict --weights FILE X1 X2`: a saved network's output for given inputs,
//! or for each `x1,x2` row of CSV on stdin. A two-class network prints the probability of
//! class 1; a multiclass one prints every class's probability, separated by commas.

use std::{
    io::{self, BufRead, Write},
    process::ExitCode,
};

use super::{Failure, PredictArgs, bad_input, exit_status};
use crate::{nn::Network, weights};

/// Runs `predict`: 0 with one output per line on stdout, or 2 with a one-line reason on a bad
/// file or a bad input row.
pub fn run_predict(args: &PredictArgs) -> ExitCode {
    let network = match weights::load(&args.weights) {
        Ok(file) => file.network,
        Err(e) => return bad_input(e),
    };
    let mut out = io::stdout().lock();
    let result = if args.inputs.is_empty() {
        predict_rows(&network, io::stdin().lock(), &mut out)
    } else {
        check_row(&network, &args.inputs)
            .map_err(Failure::BadInput)
            .and_then(|()| Ok(writeln!(out, "{}", output_line(&network, &args.inputs))?))
    };
    exit_status(result.map(|()| ExitCode::SUCCESS))
}

/// The network's output for one checked row: `p` for two classes, `p0,p1,...` for more.
fn output_line(network: &Network, row: &[f64]) -> String {
    if !network.is_multiclass() {
        return network.predict_one(row).to_string();
    }
    let input = ndarray::Array2::from_shape_vec((1, row.len()), row.to_vec());
    let probabilities = input
        .map(|x| network.predict(&x).to_vec())
        .unwrap_or_default();
    let parts: Vec<String> = probabilities.iter().map(f64::to_string).collect();
    parts.join(",")
}

/// Checks one row of inputs: the network's width, finite numbers.
fn check_row(network: &Network, row: &[f64]) -> Result<(), String> {
    if row.len() != network.inputs() {
        return Err(format!(
            "the network takes {} inputs, got {}",
            network.inputs(),
            row.len()
        ));
    }
    if row.iter().any(|x| !x.is_finite()) {
        return Err("inputs must be finite numbers".into());
    }
    Ok(())
}

/// Predicts each CSV row of `input`. A first line that is not numeric is a header; blank
/// lines are skipped.
fn predict_rows(
    network: &Network,
    input: impl BufRead,
    out: &mut impl Write,
) -> Result<(), Failure> {
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parsed: Result<Vec<f64>, _> = line.split(',').map(|f| f.trim().parse()).collect();
        let row = match parsed {
            Ok(row) => row,
            Err(_) if index == 0 => continue,
            Err(_) => {
                return Err(Failure::BadInput(format!(
                    "stdin line {}: expected numbers separated by commas",
                    index + 1
                )));
            }
        };
        check_row(network, &row)
            .map_err(|e| Failure::BadInput(format!("stdin line {}: {e}", index + 1)))?;
        writeln!(out, "{}", output_line(network, &row))?;
    }
    Ok(())
}
