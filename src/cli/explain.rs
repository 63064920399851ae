//! `nn-playground explain --weights FILE [--point X1,X2] [--json]`: the numbers of one training
//! step of a saved network — its forward pass, loss, backward pass and update — named as the
//! tutorial names them (`z1, a1, z2, a2, dz2, dW2, db2, dz1, dW1, db1`; deeper networks go on
//! as `z3`, `dW3`, …). Without `--point` the step is the tutorial's: the whole training set as
//! one batch, gradients averaged over it. With `--point` it follows that one sample.

use std::{
    io::{self, Write},
    process::ExitCode,
};

use super::{ExplainArgs, Failure, bad_input, exit_status, open_file};
use crate::{
    data::Features,
    nn::Penalty,
    train::Trainer,
    view::explain::{Entry, Explanation, Phase, Value},
    view::explained::explain_step,
};

/// Rows of a matrix printed in the text form; `--json` has them all.
const MAX_TEXT_ROWS: usize = 8;

/// Runs `explain`: 0 with the step on stdout, or 2 with a one-line reason on a bad file, a bad
/// point or data that cannot be rebuilt.
pub fn run_explain(args: &ExplainArgs) -> ExitCode {
    let file = match open_file(&args.weights, &args.assume) {
        Ok(opened) => opened.run.into_weights(),
        Err(e) => return bad_input(e),
    };
    let features = file.experiment.data.features;
    let trainer = match file.experiment.trainer_from(file.network, file.epoch) {
        Ok(trainer) => trainer,
        Err(e) => return bad_input(format!("{}: {e}", args.weights.display())),
    };
    if trainer.config().dropout > 0.0 {
        eprintln!("note: dropout is left out: an explained step shows the network as it answers");
    }
    let samples = match args.point {
        Some(point) => match point_sample(&trainer, &features, point, args.label) {
            Ok(sample) => sample,
            Err(e) => return bad_input(e),
        },
        None => {
            let train = &trainer.data().train;
            (train.input_slice().to_vec(), train.label_slice().to_vec())
        }
    };
    let explained = explain(&trainer, &samples);
    let mut out = io::stdout().lock();
    let result = if args.json {
        write_json(&explained, &mut out)
    } else {
        write_text(&trainer, &explained, args.point, &mut out)
    };
    exit_status(result.map(|()| ExitCode::SUCCESS))
}

/// The step `trainer`'s next update would take on `(inputs, labels)`, at the learning rate in
/// force.
fn explain(trainer: &Trainer, (inputs, labels): &(Vec<f64>, Vec<f64>)) -> Explanation {
    explain_step(trainer, inputs, labels)
}

/// The inputs (with the run's input features) and label of `--point`: the label of the
/// training or test point there, else `--label`.
fn point_sample(
    trainer: &Trainer,
    features: &Features,
    [x1, x2]: [f64; 2],
    label: Option<usize>,
) -> Result<(Vec<f64>, Vec<f64>), String> {
    let data = trainer.data();
    let width = data.train.features();
    let classes = trainer.network().classes();
    let mut inputs = vec![0.0; width];
    features.expand(x1, x2, &mut inputs);
    let found = [&data.train, &data.test].into_iter().find_map(|set| {
        let rows = set.input_slice().chunks(width).zip(set.label_slice());
        rows.into_iter()
            .find(|(row, _)| row[0] == x1 && row[1] == x2)
            .map(|(_, &label)| label)
    });
    let label = match (label, found) {
        (Some(label), _) if label >= classes => {
            return Err(format!(
                "--label {label}: this network tells {classes} classes apart (0 to {})",
                classes - 1
            ));
        }
        (Some(label), _) => label as f64,
        (None, Some(label)) => label,
        (None, None) => {
            return Err(format!(
                "--point {x1},{x2} is not one of the run's points: give its class with --label"
            ));
        }
    };
    Ok((inputs, vec![label]))
}

/// The step as one JSON object: every quantity under its name, with its formula, and the
/// step's settings.
fn write_json(explained: &Explanation, out: &mut impl Write) -> Result<(), Failure> {
    let mut quantities = serde_json::Map::new();
    let mut formulas = serde_json::Map::new();
    for entry in explained.entries() {
        if let Some(formula) = &entry.formula {
            formulas.insert(entry.name.clone(), formula.clone().into());
        }
        let value = serde_json::to_value(&entry.value)
            .map_err(|e| Failure::BadInput(format!("cannot write JSON: {e}")))?;
        quantities.insert(entry.name, value);
    }
    let report = serde_json::json!({
        "samples": explained.samples(),
        "loss_function": explained.loss_kind.name(),
        "optimizer": explained.optimizer.name(),
        "learning_rate": explained.learning_rate,
        "l2": explained.l2,
        "l1": explained.l1,
        "quantities": quantities,
        "formulas": formulas,
    });
    writeln!(out, "{report}")?;
    Ok(())
}

/// The penalties of a step as the first line names them, with the symbols the formulas use:
/// `, L2 λ = 0.001`, `, L1 λ₁ = 0.01` or `, L1 λ₁ = 0.01, L2 λ₂ = 0.001`.
fn penalty_text(Penalty { l1, l2 }: Penalty) -> String {
    match (l1 > 0.0, l2 > 0.0) {
        (false, false) => String::new(),
        (false, true) => format!(", L2 λ = {l2}"),
        (true, false) => format!(", L1 λ₁ = {l1}"),
        (true, true) => format!(", L1 λ₁ = {l1}, L2 λ₂ = {l2}"),
    }
}

/// The step as text, phase by phase, each quantity with its formula and its numbers.
fn write_text(
    trainer: &Trainer,
    explained: &Explanation,
    point: Option<[f64; 2]>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let config = trainer.config();
    let what = match point {
        Some([x1, x2]) => format!("the point ({x1}, {x2}), label {}", explained.y[0]),
        None => format!("the {} training points as one batch", explained.samples()),
    };
    writeln!(
        out,
        "One step at epoch {} on {what} (m = {}): loss {}, {}, learning rate {}{}.",
        trainer.epoch(),
        explained.samples(),
        config.loss.name(),
        config.optimizer.name(),
        explained.learning_rate,
        penalty_text(config.penalty())
    )?;
    let mut phase = None;
    for entry in explained.entries() {
        if phase != Some(entry.phase) {
            phase = Some(entry.phase);
            writeln!(out, "\n{}", phase_title(entry.phase))?;
        }
        write_entry(&entry, out)?;
    }
    Ok(())
}

fn phase_title(phase: Phase) -> &'static str {
    match phase {
        Phase::Forward => "Forward pass",
        Phase::Loss => "Loss",
        Phase::Backward => "Backward pass",
        Phase::Update => "Update",
    }
}

/// One quantity: `name (shape) = formula`, then its numbers (a few rows of a big one).
fn write_entry(entry: &Entry, out: &mut impl Write) -> Result<(), Failure> {
    let body = entry
        .formula
        .as_deref()
        .and_then(|f| f.strip_prefix(&format!("{} = ", entry.name)));
    let heading = |shape: String| match body {
        Some(body) => format!("{} ({shape}) = {body}", entry.name),
        None => format!("{} ({shape})", entry.name),
    };
    match &entry.value {
        Value::Scalar(x) => {
            let body = body.map_or(String::new(), |b| format!(" = {b}"));
            writeln!(out, "{}{body} = {}", entry.name, number(*x))?;
        }
        Value::Vector(v) => {
            writeln!(out, "{}", heading(v.len().to_string()))?;
            writeln!(out, "  {}", row(v))?;
        }
        Value::Matrix(m) => {
            let columns = m.first().map_or(0, Vec::len);
            writeln!(out, "{}", heading(format!("{}×{columns}", m.len())))?;
            for r in m.iter().take(MAX_TEXT_ROWS) {
                writeln!(out, "  {}", row(r))?;
            }
            if m.len() > MAX_TEXT_ROWS {
                writeln!(
                    out,
                    "  … {} more rows (--json has them all)",
                    m.len() - MAX_TEXT_ROWS
                )?;
            }
        }
    }
    Ok(())
}

fn row(values: &[f64]) -> String {
    let parts: Vec<String> = values
        .iter()
        .map(|&x| format!("{:>11}", number(x)))
        .collect();
    format!("[{}]", parts.join(" "))
}

/// Six significant digits, small numbers in exponent form so they do not read as zero.
fn number(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-3 {
        format!("{x:.3e}")
    } else {
        format!("{x:.6}")
    }
}
