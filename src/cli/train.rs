//! `nn-playground train`: the tutorial's experiment on the command line, and many more.

use std::{
    collections::BTreeMap,
    io::{self, Write},
    process::ExitCode,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        mpsc,
    },
    thread,
    time::Instant,
};

use serde_json::json;

use super::{EXIT_DIVERGED, Failure, TrainArgs, bad_input, exit_status};
use crate::{
    experiment::Experiment,
    train::{Evaluation, TrainError, Trainer},
    weights::{self, Assume, WeightsFile, experiment_file},
};

/// Training-set rows the predictions table prints before it abbreviates.
const MAX_TABLE_ROWS: usize = 20;

/// Runs `train` and returns the exit status: 0, [`EXIT_DIVERGED`] when a single run diverged,
/// or 2 with a one-line message on bad input.
pub fn run_train(args: &TrainArgs) -> ExitCode {
    let (experiment, loaded) = match configure(args) {
        Ok(setup) => setup,
        Err(message) => return bad_input(message),
    };
    let mut out = io::stdout().lock();
    exit_status(train_all(args, &experiment, loaded.as_ref(), &mut out))
}

/// The experiment the options describe, on top of the loaded file's or the tutorial's.
fn configure(args: &TrainArgs) -> Result<(Experiment, Option<WeightsFile>), String> {
    let mut assumed = false;
    let options = &args.experiment;
    let loaded = match &args.load {
        Some(path) => {
            // For an .npz of bare arrays, --activation and --dataset say what it holds.
            let wanted = Assume {
                activations: options.activation.clone(),
                dataset: options.dataset.clone(),
            };
            let opened = experiment_file::open(path, &wanted).map_err(|e| e.to_string())?;
            if let Some(note) = &opened.assumed {
                eprintln!("note: {}: {note}", path.display());
                assumed = true;
            }
            Some(opened.run.into_weights())
        }
        None => None,
    };
    if loaded.is_some() {
        for (given, flag) in [
            (options.hidden.is_some(), "--hidden"),
            (options.activation.is_some() && !assumed, "--activation"),
            (options.init.is_some(), "--init"),
            (options.features.is_some(), "--features"),
        ] {
            if given {
                return Err(format!(
                    "{flag} cannot change the shape of a network loaded with --load"
                ));
            }
        }
    }
    let mut exp = loaded
        .as_ref()
        .map_or_else(Experiment::default, |f| f.experiment.clone());
    options.apply(&mut exp, loaded.is_none())?;
    exp.check().map_err(|e| e.to_string())?;
    if args.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    if args.threads == Some(0) {
        return Err("--threads must be at least 1".into());
    }
    if args.runs > 1 && (args.save.is_some() || args.load.is_some()) {
        return Err("--save and --load work with a single run, not with --runs".into());
    }
    exp.seed
        .checked_add(args.runs - 1)
        .ok_or("--seed plus --runs overflows the seed range")?;
    Ok((exp, loaded))
}

/// What one run produced.
struct RunOutcome {
    seed: u64,
    trainer: Trainer,
    /// Epochs trained in this run (a loaded network starts at its file's epoch).
    trained: u64,
    diverged: Option<u64>,
    seconds: f64,
}

impl RunOutcome {
    fn train(&self) -> Evaluation {
        self.trainer.train_evaluation()
    }
}

fn train_all(
    args: &TrainArgs,
    base: &Experiment,
    loaded: Option<&WeightsFile>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let verbose = args.runs == 1 && !args.json;
    let mut outcomes = Vec::with_capacity(args.runs.min(100_000) as usize);
    let threads = args
        .threads
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from));
    if args.runs == 1 {
        let log_every = if verbose { args.log_every } else { 0 };
        let outcome = run_seed(base, loaded, base.seed, log_every, out)?;
        if args.json {
            writeln!(out, "{}", run_json(&outcome))?;
        } else {
            print_predictions(&outcome.trainer, out)?;
            print_summary(&outcome, out)?;
        }
        outcomes.push(outcome);
    } else {
        let run = |i| run_seed(base, loaded, base.seed + i, 0, &mut io::sink());
        in_parallel(args.runs, threads, run, &mut |outcome: RunOutcome| {
            if args.json {
                writeln!(out, "{}", run_json(&outcome))?;
            } else {
                print_run_line(&outcome, out)?;
            }
            outcomes.push(outcome);
            Ok(())
        })?;
    }
    if args.runs > 1 && !args.json {
        print_aggregate(&outcomes, out)?;
    }
    if let (Some(path), Some(outcome)) = (&args.save, outcomes.first()) {
        let file = WeightsFile {
            experiment: base.clone(),
            network: outcome.trainer.network().clone(),
            epoch: outcome.trainer.epoch(),
        };
        weights::save(path, &file).map_err(|e| Failure::BadInput(e.to_string()))?;
        if !args.json {
            writeln!(out, "Saved weights to {}", path.display())?;
        }
    }
    let diverged = outcomes.iter().any(|o| o.diverged.is_some());
    Ok(if args.runs == 1 && diverged {
        ExitCode::from(EXIT_DIVERGED)
    } else {
        ExitCode::SUCCESS
    })
}

/// The run of `base` with `seed` (from `loaded`'s network when given), logged to `out`
/// every `log_every` epochs.
fn run_seed(
    base: &Experiment,
    loaded: Option<&WeightsFile>,
    seed: u64,
    log_every: u64,
    out: &mut impl Write,
) -> Result<RunOutcome, Failure> {
    let exp = Experiment {
        seed,
        ..base.clone()
    };
    let trainer = match loaded {
        Some(file) => exp.trainer_from(file.network.clone(), file.epoch),
        None => exp.trainer(),
    }
    .map_err(|e| Failure::BadInput(e.to_string()))?;
    train_one(trainer, seed, exp.epochs, log_every, out)
}

/// The most threads [`in_parallel`] starts, whatever `--threads` asks: more than the cores
/// only share them.
const MAX_THREADS: usize = 256;

/// Runs `job(0)` … `job(count - 1)` on up to `threads` threads and hands each result to
/// `report` in index order, as soon as it and every one before it are done: the same calls
/// in the same order as a loop on one thread, whatever the count. Each job depends on its
/// index alone (a run on its own seed), so its result does too.
///
/// The first failure (by index, from `job` or `report`) is returned once the results before
/// it are reported, and the threads take no new job after it. A thread the system refuses
/// to start is done without: the jobs go to the others (or to this thread, if none started).
fn in_parallel<T: Send>(
    count: u64,
    threads: usize,
    job: impl Fn(u64) -> Result<T, Failure> + Sync,
    report: &mut impl FnMut(T) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let most = usize::try_from(count)
        .unwrap_or(usize::MAX)
        .min(MAX_THREADS);
    let threads = threads.clamp(1, most.max(1));
    let sequential = |report: &mut dyn FnMut(T) -> Result<(), Failure>| {
        (0..count).try_for_each(|i| report(job(i)?))
    };
    if threads == 1 {
        return sequential(report);
    }
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let (sender, results) = mpsc::channel();
        let mut started = 0;
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, stop, job) = (&next, &stop, &job);
            let worker = move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    // The receiver is gone only once the reporting stopped: nothing to do.
                    if i >= count || sender.send((i, job(i))).is_err() {
                        break;
                    }
                }
            };
            if thread::Builder::new().spawn_scoped(scope, worker).is_ok() {
                started += 1;
            }
        }
        drop(sender);
        if started == 0 {
            return sequential(report);
        }
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        let outcome = results.iter().try_for_each(|(i, result)| {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                report(result?)?;
                due += 1;
            }
            Ok(())
        });
        // On a failure, the threads take no new job; the scope waits for the ones running.
        stop.store(true, Ordering::Relaxed);
        outcome
    })
}

/// Trains `epochs` epochs, printing `Epoch N, Loss: L` every `log_every` epochs.
fn train_one(
    mut trainer: Trainer,
    seed: u64,
    epochs: u64,
    log_every: u64,
    out: &mut impl Write,
) -> Result<RunOutcome, Failure> {
    let start = Instant::now();
    let first = trainer.epoch();
    let end = first + epochs;
    let mut diverged = None;
    while trainer.epoch() < end {
        let epoch = trainer.epoch();
        let logging = log_every > 0 && (epoch - first).is_multiple_of(log_every);
        let chunk = if logging {
            1
        } else if log_every > 0 {
            log_every - (epoch - first) % log_every
        } else {
            end - epoch
        };
        match trainer.run(chunk.min(end - epoch)) {
            Ok(()) => {}
            Err(TrainError::Diverged { epoch }) => {
                diverged = Some(epoch);
                let message = TrainError::Diverged { epoch }.to_string();
                eprintln!("{message}");
                break;
            }
            Err(e) => return Err(Failure::BadInput(e.to_string())),
        }
        if logging && let Some(point) = trainer.history().points().last() {
            writeln!(out, "Epoch {}, Loss: {:.4}", point.epoch, point.train)?;
        }
        if trainer.is_target_reached() {
            break;
        }
    }
    Ok(RunOutcome {
        seed,
        trained: trainer.epoch() - first,
        trainer,
        diverged,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Each training point's inputs, label and outputs (one probability, or one per class).
fn predictions(trainer: &Trainer) -> Vec<(Vec<f64>, f64, Vec<f64>)> {
    let data = &trainer.data().train;
    let outputs = trainer.network().predict(data.inputs());
    let width = trainer.network().outputs();
    data.inputs()
        .rows()
        .into_iter()
        .zip(data.labels())
        .zip(outputs.as_slice().unwrap_or(&[]).chunks_exact(width))
        .map(|((x, &y), p)| (x.to_vec(), y, p.to_vec()))
        .collect()
}

fn print_predictions(trainer: &Trainer, out: &mut impl Write) -> io::Result<()> {
    let rows = predictions(trainer);
    // Finite weights can still overflow to NaN on the way (a file with huge weights): a table
    // of NaN says nothing, so one line says what happened instead.
    if rows
        .iter()
        .any(|(_, _, p)| p.iter().any(|v| !v.is_finite()))
    {
        return writeln!(
            out,
            "Predictions (training set): not finite numbers; the values overflow inside the network"
        );
    }
    writeln!(out, "Predictions (training set):")?;
    let multiclass = trainer.network().is_multiclass();
    let last = if multiclass { "class (p)" } else { "output" };
    writeln!(out, "{:>9} {:>9} {:>7} {:>9}", "x1", "x2", "target", last)?;
    // The points where they lie in the plane (the inputs may be features computed from it).
    let plane = trainer.data().train.plane_points();
    for ((_, y, p), (x1, x2, _)) in rows.iter().zip(plane).take(MAX_TABLE_ROWS) {
        let output = if multiclass {
            let class = trainer.network().head().predicted_class(p);
            format!("{class} ({:.4})", p[class])
        } else {
            format!("{:.4}", p[0])
        };
        writeln!(out, "{:>9.4} {:>9.4} {:>7} {:>9}", x1, x2, *y as u8, output)?;
    }
    if rows.len() > MAX_TABLE_ROWS {
        writeln!(out, "… and {} more points", rows.len() - MAX_TABLE_ROWS)?;
    }
    Ok(())
}

/// A loss for the summary lines: four decimals, or words when it is not a number.
fn loss_text(loss: f64) -> String {
    if loss.is_finite() {
        format!("{loss:.4}")
    } else {
        "not finite".into()
    }
}

fn accuracy_text(e: &Evaluation) -> String {
    format!("{:.1}% ({}/{})", 100.0 * e.accuracy, e.correct, e.total)
}

fn print_summary(outcome: &RunOutcome, out: &mut impl Write) -> io::Result<()> {
    let t = &outcome.trainer;
    let speed = if outcome.seconds > 0.0 {
        outcome.trained as f64 / outcome.seconds
    } else {
        0.0
    };
    let mut line = format!(
        "Summary: {} epochs in {:.3} s ({:.0} epochs/s), final loss {}, train accuracy {}",
        outcome.trained,
        outcome.seconds,
        speed,
        loss_text(outcome.train().loss),
        accuracy_text(&outcome.train())
    );
    if let Some(test) = t.test_evaluation() {
        line += &format!(
            ", test loss {}, test accuracy {}",
            loss_text(test.loss),
            accuracy_text(&test)
        );
    }
    if let Some(epoch) = outcome.diverged {
        line += &format!(", DIVERGED at epoch {epoch}");
    }
    if let Some(stop) = t.config().stop_at.filter(|_| t.is_target_reached()) {
        line += &format!(", stopped at epoch {}: {}", t.epoch(), stop.describe());
    }
    writeln!(out, "{line}")?;
    if t.network().is_multiclass() {
        print_confusion("train", &outcome.train(), out)?;
        if let Some(test) = t.test_evaluation() {
            print_confusion("test", &test, out)?;
        }
    }
    Ok(())
}

/// The confusion matrix as a small table: a row per true class, a column per prediction.
fn print_confusion(set: &str, e: &Evaluation, out: &mut impl Write) -> io::Result<()> {
    let m = &e.confusion;
    writeln!(
        out,
        "Confusion matrix ({set}; rows: true class, columns: predicted):"
    )?;
    let header: String = (0..m.classes()).map(|k| format!("{k:>6}")).collect();
    writeln!(out, "{:>6}{header}", "")?;
    for actual in 0..m.classes() {
        let counts: String = m.row(actual).iter().map(|c| format!("{c:>6}")).collect();
        writeln!(out, "{actual:>6}{counts}")?;
    }
    Ok(())
}

fn print_run_line(outcome: &RunOutcome, out: &mut impl Write) -> io::Result<()> {
    let train = outcome.train();
    let status = match outcome.diverged {
        Some(epoch) => format!("diverged at epoch {epoch}"),
        None if train.is_perfect() => "all right".into(),
        None => "some wrong".into(),
    };
    writeln!(
        out,
        "seed {}: loss {}, train accuracy {} ({status})",
        outcome.seed,
        loss_text(train.loss),
        accuracy_text(&train)
    )
}

fn print_aggregate(outcomes: &[RunOutcome], out: &mut impl Write) -> io::Result<()> {
    let solved = outcomes
        .iter()
        .filter(|o| o.diverged.is_none() && o.train().is_perfect())
        .count();
    let diverged = outcomes.iter().filter(|o| o.diverged.is_some()).count();
    let mut losses: Vec<f64> = outcomes
        .iter()
        .filter(|o| o.diverged.is_none())
        .map(|o| o.train().loss)
        .collect();
    losses.sort_by(f64::total_cmp);
    let n = outcomes.len();
    writeln!(
        out,
        "Solved (every training point right): {solved}/{n} runs ({:.1}%), diverged: {diverged}",
        100.0 * solved as f64 / n as f64
    )?;
    if !losses.is_empty() {
        writeln!(
            out,
            "Final loss: median {:.4}, p10 {:.4}, p90 {:.4}",
            percentile(&losses, 0.5),
            percentile(&losses, 0.1),
            percentile(&losses, 0.9)
        )?;
    }
    Ok(())
}

/// Linear-interpolation percentile of sorted values (NumPy's default method).
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let position = q.clamp(0.0, 1.0) * last as f64;
    let (low, frac) = (position.floor() as usize, position.fract());
    let high = (low + 1).min(last);
    sorted[low] + frac * (sorted[high] - sorted[low])
}

fn finite_or_null(x: f64) -> serde_json::Value {
    if x.is_finite() { json!(x) } else { json!(null) }
}

fn run_json(outcome: &RunOutcome) -> serde_json::Value {
    let t = &outcome.trainer;
    let train = outcome.train();
    let multiclass = t.network().is_multiclass();
    let predictions: Vec<_> = predictions(t)
        .into_iter()
        .map(|(x, y, p)| {
            if multiclass {
                let predicted = t.network().head().predicted_class(&p);
                json!({ "input": x, "target": y, "output": p, "predicted": predicted })
            } else {
                json!({ "input": x, "target": y, "output": p[0] })
            }
        })
        .collect();
    let mut run = json!({
        "seed": outcome.seed,
        "epochs": t.epoch(),
        "trained_epochs": outcome.trained,
        "final_loss": finite_or_null(train.loss),
        "train_accuracy": train.accuracy,
        "solved": outcome.diverged.is_none() && train.is_perfect(),
        "diverged": outcome.diverged.is_some(),
        "diverged_at": outcome.diverged,
        "seconds": outcome.seconds,
        "predictions": predictions,
    });
    if t.config().stop_at.is_some() {
        run["stopped_at"] = json!(t.is_target_reached().then_some(t.epoch()));
    }
    if let Some(test) = t.test_evaluation() {
        run["test_loss"] = finite_or_null(test.loss);
        run["test_accuracy"] = json!(test.accuracy);
    }
    if multiclass {
        let matrix = |e: &Evaluation| -> Vec<Vec<usize>> {
            (0..e.confusion.classes())
                .map(|a| e.confusion.row(a).to_vec())
                .collect()
        };
        run["train_confusion"] = json!(matrix(&train));
        if let Some(test) = t.test_evaluation() {
            run["test_confusion"] = json!(matrix(&test));
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentile_interpolates_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.5), 2.5);
        assert!((percentile(&v, 0.1) - 1.3).abs() < 1e-12);
        assert_eq!(percentile(&v, 1.0), 4.0);
        assert!(percentile(&[], 0.5).is_nan());
    }
}
