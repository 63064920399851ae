//! `nn-playground predict --weights FILE X1 X2`: a saved network's output for given inputs,
//! or for each `x1,x2` row of CSV on stdin. A two-class network prints the probability of
//! class 1; a multiclass one prints every class's probability, separated by commas. A network
//! trained with extra input features (`x1²`, `sin(x1)`, …) takes `x1 x2` too: the features are
//! computed as in training. An output that is not a finite number (finite inputs can overflow
//! through large weights) is an error: exit status 1 and a one-line reason.

use std::{
    io::{self, BufRead, Read as _, Write},
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
        && !features.is_plain()
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

/// The longest line read from stdin, in bytes: rows are a few numbers, and a stream without
/// newlines must not be gathered whole into memory.
const MAX_LINE_BYTES: u64 = 64 * 1024;

/// Predicts each CSV row of `input`. The first line that is not blank, if it is not numeric,
/// is a header (a byte-order mark before it is dropped); blank lines are skipped. A line
/// longer than [`MAX_LINE_BYTES`] or not UTF-8 is refused with its number.
fn predict_rows(
    network: &Network,
    features: &Features,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut bytes = Vec::new();
    let mut first = true;
    for line_no in 1.. {
        bytes.clear();
        let read = (&mut input)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut bytes)?;
        if read == 0 {
            break;
        }
        let bad = |reason: String| Failure::BadInput(format!("stdin line {line_no}: {reason}"));
        if bytes.len() as u64 > MAX_LINE_BYTES {
            return Err(bad(format!("longer than {MAX_LINE_BYTES} bytes")));
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| bad("not UTF-8 text".into()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let line = text.trim();
        if line.is_empty() {
            continue;
        }
        let parsed: Result<Vec<f64>, _> = line.split(',').map(|f| f.trim().parse()).collect();
        let row = match parsed {
            Ok(row) => row,
            Err(_) if std::mem::take(&mut first) => continue,
            Err(_) => return Err(bad("expected numbers separated by commas".into())),
        };
        first = false;
        let row = with_features(features, &row);
        check_row(network, &row).map_err(bad)?;
        let line = output_line(network, &row)
            .map_err(|e| Failure::NotFinite(format!("stdin line {line_no}: {e}")))?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8]) -> Result<String, String> {
        let network = crate::experiment::Experiment::default()
            .trainer()
            .unwrap()
            .network()
            .clone();
        let mut out = Vec::new();
        match predict_rows(&network, &Features::default(), input, &mut out) {
            Ok(()) => Ok(String::from_utf8(out).unwrap()),
            Err(Failure::BadInput(m) | Failure::NotFinite(m)) => Err(m),
            Err(Failure::Io(e)) => Err(e.to_string()),
        }
    }

    #[test]
    fn stdin_rows_keep_a_bom_first_row_and_bound_their_lines() {
        let plain = rows(b"0,1\n1,1\n").unwrap();
        assert_eq!(plain.lines().count(), 2);
        assert_eq!(rows("\u{feff}0,1\n1,1\n".as_bytes()).unwrap(), plain);
        assert_eq!(rows(b"\n\nx1,x2\r\n0,1\r\n1,1").unwrap(), plain);
        assert_eq!(
            rows(b"0,1\nx1,x2\n").unwrap_err(),
            "stdin line 2: expected numbers separated by commas"
        );
        let endless = vec![b'1'; 1 << 20];
        assert_eq!(
            rows(&endless).unwrap_err(),
            "stdin line 1: longer than 65536 bytes"
        );
        assert_eq!(
            rows(b"0,1\n\xff,1\n").unwrap_err(),
            "stdin line 2: not UTF-8 text"
        );
    }

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
