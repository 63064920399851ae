//! `nn-playground predict --weights FILE X1 X2`: a saved network's output for given inputs,
//! or for each `x1,x2` row of CSV on stdin. A two-class network prints the probability of
//! class 1; a multiclass one prints every class's probability, separated by commas. A network
//! trained with extra input features (`x1²`, `sin(x1)`, …) takes `x1 x2` too: the features are
//! computed as in training. An output that is not a finite number (finite inputs can overflow
//! through large weights) is an error: exit status 1 and a one-line reason.

use std::{
    io::{self, BufRead, Write},
    process::ExitCode,
};

use super::{Failure, PredictArgs, bad_input, exit_status, open_file};
use crate::{data::Features, nn::Network};

/// Runs `predict`: 0 with one output per line on stdout, or 2 with a one-line reason on a bad
/// file or a bad input row.
pub fn run_predict(args: &PredictArgs) -> ExitCode {
    let (network, features) = match open_file(&args.weights, &args.assume) {
        Ok(opened) => {
            let file = opened.run.into_weights();
            (file.network, file.experiment.data.features)
        }
        Err(e) => return bad_input(e),
    };
    let mut out = io::stdout().lock();
    let result = if args.inputs.is_empty() {
        predict_rows(&network, &features, io::stdin().lock(), &mut out)
    } else {
        let row = with_features(&features, &args.inputs);
        check_row(&network, &row)
            .map_err(Failure::BadInput)
            .and_then(|()| {
                let line = output_line(&network, &row).map_err(Failure::NotFinite)?;
                Ok(writeln!(out, "{line}")?)
            })
    };
    exit_status(result.map(|()| ExitCode::SUCCESS))
}

/// The network's output for one checked row: `p` for two classes, `p0,p1,...` for more; or
/// why it is not a number (finite weights and inputs can still overflow on the way).
fn output_line(network: &Network, row: &[f64]) -> Result<String, String> {
    let outputs = if network.is_multiclass() {
        let input = ndarray::Array2::from_shape_vec((1, row.len()), row.to_vec());
        input
            .map(|x| network.predict(&x).to_vec())
            .unwrap_or_default()
    } else {
        vec![network.predict_one(row)]
    };
    if let Some(bad) = outputs.iter().find(|p| !p.is_finite()) {
        let inputs: Vec<String> = row.iter().map(|x| format!("{x:e}")).collect();
        return Err(format!(
            "the network's output for {} is {bad}, not a number: values overflow inside the network",
            inputs.join(",")
        ));
    }
    let parts: Vec<String> = outputs.iter().map(f64::to_string).collect();
    Ok(parts.join(","))
}

/// `row` expanded to the training's input features when it gives just `x1, x2` and the
/// network was trained on extra features; otherwise `row` as given.
fn with_features(features: &Features, row: &[f64]) -> Vec<f64> {
    if let [x1, x2] = *row
        && features.extra() > 0
    {
        let mut expanded = vec![0.0; features.count()];
        features.expand(x1, x2, &mut expanded);
        return expanded;
    }
    row.to_vec()
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
    features: &Features,
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
        let row = with_features(features, &row);
        check_row(network, &row)
            .map_err(|e| Failure::BadInput(format!("stdin line {}: {e}", index + 1)))?;
        let line = output_line(network, &row)
            .map_err(|e| Failure::NotFinite(format!("stdin line {}: {e}", index + 1)))?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_inputs_are_expanded_only_for_feature_networks() {
        let features = Features {
            x1_squared: true,
            ..Features::default()
        };
        assert_eq!(with_features(&features, &[3.0, 1.0]), vec![3.0, 1.0, 9.0]);
        assert_eq!(
            with_features(&features, &[3.0, 1.0, 9.0]),
            vec![3.0, 1.0, 9.0]
        );
        assert_eq!(
            with_features(&Features::default(), &[3.0, 1.0]),
            vec![3.0, 1.0]
        );
    }
}
