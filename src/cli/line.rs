//! The experiment as one line of text, to paste in a chat or on a slide, as TensorFlow
//! Playground's address does: `nn-playground --dataset spiral --hidden 8,8 --activation tanh`.
//!
//! The line is the window's own command line, so it means the same in three places: run in a
//! shell it opens the window on that run; pasted into the window it restores it there; after
//! `train` it trains the same experiment headless. It names only what differs from the
//! tutorial's experiment, and it is written from the options' own definition
//! ([`ExperimentArgs`]): every value is rendered, then each one the experiment does not need is
//! dropped, checked by parsing the rest back.

use clap::{Args as _, FromArgMatches as _, Parser as _};
use thiserror::Error;

use super::{Cli, Command, ExperimentArgs, ViewArgs};
use crate::{
    data::{DatasetKind, Features},
    experiment::Experiment,
};

/// The longest line [`parse`] reads, in bytes: a long CSV path fits, a pasted page does not.
pub const MAX_LINE_BYTES: usize = 8192;

/// A run as a line describes it: the experiment and what the window shows of it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunLine {
    /// The experiment, from the tutorial's with the line's options applied.
    pub experiment: Experiment,
    /// The lesson's view: hidden controls, discretized output, test data.
    pub view: ViewArgs,
}

/// Why an experiment has no line.
#[derive(Debug, Error, PartialEq)]
pub enum LineError {
    /// Painted points live in the experiment itself, not in any option.
    #[error(
        "painted points do not fit in one line: save the experiment (File → Save experiment…) to share them"
    )]
    PaintedPoints,
    /// A CSV's path that is not UTF-8 cannot be written as text.
    #[error("the CSV file's path is not UTF-8 text, so it cannot be written in a line")]
    PathNotText,
    /// Something no option sets (e.g. an output layer grown by painting a class).
    #[error("this run has a setting no option sets, so no line gives it back")]
    NotExpressible,
}

impl ExperimentArgs {
    /// Sets on `experiment` what these options give. With `fit_output`, the output layer (and
    /// a multiclass loss) follows the dataset first, as for a new run; a `--loss mse` given for
    /// a multiclass dataset is then refused by [`Experiment::check`].
    pub fn apply(&self, experiment: &mut Experiment, fit_output: bool) -> Result<(), String> {
        fn set<T: Clone>(field: &mut T, value: &Option<T>) {
            if let Some(v) = value {
                *field = v.clone();
            }
        }
        let exp = experiment;
        set(&mut exp.data.kind, &self.dataset);
        if fit_output {
            exp.fit_output_to_data().map_err(|e| e.to_string())?;
        }
        set(&mut exp.data.points, &self.points);
        set(&mut exp.data.noise, &self.noise);
        set(&mut exp.data.test_ratio, &self.test_ratio);
        set(&mut exp.data.seed, &self.data_seed);
        if let Some(names) = &self.features {
            let on = |k: usize| names.iter().any(|n| n == Features::NAMES[k]);
            for (k, toggle) in exp.data.features.toggles_mut().into_iter().enumerate() {
                *toggle = on(k);
            }
        }
        if let Some(hidden) = &self.hidden {
            // `--hidden 0` asks for no hidden layer; a 0 in a list is a layer of no neurons,
            // refused by the network's check.
            exp.network.hidden = if hidden[..] == [0] {
                Vec::new()
            } else {
                hidden.clone()
            };
        }
        if let Some(activations) = &self.activation {
            // One name for every layer, or one per layer; another count is refused by the check.
            exp.network.set_activations(activations);
        }
        set(&mut exp.network.init, &self.init);
        set(&mut exp.training.loss, &self.loss);
        set(&mut exp.training.optimizer, &self.optimizer);
        set(&mut exp.training.learning_rate, &self.lr);
        set(&mut exp.training.schedule, &self.schedule);
        set(&mut exp.training.l2, &self.l2);
        set(&mut exp.training.l1, &self.l1);
        set(&mut exp.training.dropout, &self.dropout);
        if self.stop_at.is_some() {
            exp.training.stop_at = self.stop_at;
        }
        if self.batch_size.is_some() {
            exp.training.batch_size = self.batch_size;
        }
        set(&mut exp.seed, &self.seed);
        set(&mut exp.epochs, &self.epochs);
        Ok(())
    }

    /// The experiment these options describe: the tutorial's with them applied, checked.
    pub fn experiment(&self) -> Result<Experiment, String> {
        let mut experiment = Experiment::default();
        self.apply(&mut experiment, true)?;
        experiment.check().map_err(|e| e.to_string())?;
        Ok(experiment)
    }

    /// Whether no option is given.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The shortest line that gives back `experiment` (in [`canonical`] form) and `view`.
///
/// ```
/// use nn_playground::{cli::{ViewArgs, line}, data::DatasetKind, experiment::Experiment};
/// let mut experiment = Experiment::default();
/// assert_eq!(line::line(&experiment, &ViewArgs::default()).unwrap(), "nn-playground");
/// experiment.data.kind = DatasetKind::Spiral;
/// experiment.training.learning_rate = 0.03;
/// let text = line::line(&experiment, &ViewArgs::default()).unwrap();
/// assert_eq!(text, "nn-playground --dataset spiral --lr 0.03");
/// assert_eq!(line::parse(&text).unwrap().experiment, experiment);
/// ```
pub fn line(experiment: &Experiment, view: &ViewArgs) -> Result<String, LineError> {
    let wanted = canonical(experiment);
    let gives_it =
        |options: &[(&str, String)]| parse_options(options).is_ok_and(|e| canonical(&e) == wanted);
    let mut options = every_option(&wanted)?;
    if !gives_it(&options) {
        return Err(LineError::NotExpressible);
    }
    let mut k = 0;
    while k < options.len() {
        let mut fewer = options.clone();
        fewer.remove(k);
        if gives_it(&fewer) {
            options = fewer;
        } else {
            k += 1;
        }
    }
    let mut words = vec!["nn-playground".to_owned()];
    let mut flag = |id: &str, value: Option<String>| {
        words.push(format!("--{}", long_name(id)));
        words.extend(value.map(|v| quoted(&v)));
    };
    for (id, value) in options {
        flag(id, Some(value));
    }
    if !view.hide.is_empty() {
        let names: Vec<&str> = view.hide.iter().map(|c| c.name()).collect();
        flag("hide", Some(names.join(",")));
    }
    if view.discretize {
        flag("discretize", None);
    }
    if view.hide_test_data {
        flag("hide_test_data", None);
    }
    Ok(words.join(" "))
}

/// `experiment` with its network in [canonical](crate::nn::NetworkConfig::canonical) form:
/// what a line gives back.
pub fn canonical(experiment: &Experiment) -> Experiment {
    Experiment {
        network: experiment.network.canonical(),
        ..experiment.clone()
    }
}

/// Reads a line as [`line`] writes it (or as a shell would pass it: quotes and backslashes
/// work), or a `train` command of the same options. The error is one line saying what is
/// wrong, as the command line says it.
pub fn parse(text: &str) -> Result<RunLine, String> {
    if text.len() > MAX_LINE_BYTES {
        return Err(format!(
            "an experiment line is at most {MAX_LINE_BYTES} bytes; this text has {}",
            text.len()
        ));
    }
    let text = text.trim();
    if text.lines().count() > 1 {
        return Err("an experiment line is one line; this text has several".into());
    }
    let words = split_words(text)?;
    let program = words.first().map(String::as_str).unwrap_or_default();
    if std::path::Path::new(program).file_name() != Some("nn-playground".as_ref()) {
        return Err(
            "an experiment line starts with nn-playground (e.g. nn-playground --dataset spiral)"
                .into(),
        );
    }
    let cli = Cli::try_parse_from(&words).map_err(|e| clap_message(&e))?;
    let (options, view) = match cli.command {
        None if cli.file.is_some() => {
            return Err("an experiment line names no file; open files with File → Open".into());
        }
        None => (cli.experiment, cli.view),
        Some(Command::Train(train)) if train.load.is_some() => {
            return Err("an experiment line cannot load weights (--load)".into());
        }
        Some(Command::Train(train)) => (train.experiment, ViewArgs::default()),
        Some(_) => return Err("only nn-playground's options or `train` make a run".into()),
    };
    Ok(RunLine {
        experiment: options.experiment()?,
        view,
    })
}

/// The first line of a clap error, without its `error: `.
pub fn clap_message(error: &clap::Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments");
    first.trim_start_matches("error: ").to_owned()
}

/// Every option of `experiment` with its value, by clap id, in [`ExperimentArgs::apply`]'s
/// order.
fn every_option(experiment: &Experiment) -> Result<Vec<(&'static str, String)>, LineError> {
    let (data, network, training) = (&experiment.data, &experiment.network, &experiment.training);
    let dataset = match &data.kind {
        DatasetKind::Points { .. } => return Err(LineError::PaintedPoints),
        DatasetKind::Csv { path } => path.to_str().ok_or(LineError::PathNotText)?.to_owned(),
        kind => kind.name(),
    };
    let join = |items: Vec<String>| items.join(",");
    let mut options = vec![
        ("dataset", dataset),
        ("points", data.points.to_string()),
        ("noise", data.noise.to_string()),
        ("test_ratio", data.test_ratio.to_string()),
        ("data_seed", data.seed.to_string()),
    ];
    options.push(("features", data.features.names().join(",")));
    options.push(match network.hidden[..] {
        [] => ("hidden", "0".to_owned()),
        ref widths => (
            "hidden",
            join(widths.iter().map(usize::to_string).collect()),
        ),
    });
    let names = network.activations.iter().map(|a| a.name().to_owned());
    options.push(("activation", join(names.collect())));
    options.extend([
        ("init", network.init.name().to_owned()),
        ("loss", training.loss.name().to_owned()),
        ("optimizer", training.optimizer.name().to_owned()),
        ("lr", training.learning_rate.to_string()),
        ("schedule", training.schedule.spec()),
        ("l2", training.l2.to_string()),
        ("l1", training.l1.to_string()),
        ("dropout", training.dropout.to_string()),
    ]);
    if let Some(stop) = training.stop_at {
        options.push(("stop_at", stop.spec()));
    }
    if let Some(batch) = training.batch_size {
        options.push(("batch_size", batch.to_string()));
    }
    options.push(("seed", experiment.seed.to_string()));
    options.push(("epochs", experiment.epochs.to_string()));
    Ok(options)
}

/// The experiment `options` give, parsed as the command line parses them.
fn parse_options(options: &[(&str, String)]) -> Result<Experiment, String> {
    let mut words = vec!["line".to_owned()];
    for (id, value) in options {
        words.push(format!("--{}", long_name(id)));
        words.push(value.clone());
    }
    let command = ExperimentArgs::augment_args(clap::Command::new("line"));
    let matches = command
        .try_get_matches_from(words)
        .map_err(|e| clap_message(&e))?;
    let args = ExperimentArgs::from_arg_matches(&matches).map_err(|e| clap_message(&e))?;
    args.experiment()
}

/// The long flag of the option with clap id `id`, from its definition.
fn long_name(id: &str) -> String {
    let command = ViewArgs::augment_args(ExperimentArgs::augment_args(clap::Command::new("line")));
    command
        .get_arguments()
        .find(|arg| arg.get_id() == id)
        .and_then(|arg| arg.get_long())
        .map_or_else(|| id.replace('_', "-"), str::to_owned)
}

/// `word` as a shell reads it back: bare when it holds only safe characters, else in single
/// quotes (a `'` inside written `'\''`).
fn quoted(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_-.,:/+=@%".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Splits `text` into words as a POSIX shell does, for quotes and backslashes only: `'…'` is
/// literal, `"…"` takes `\"` and `\\`, a backslash outside quotes escapes the next character.
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => current.push(c),
                        None => return Err("a quote (') is not closed".into()),
                    }
                }
            }
            '"' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => current.push(c),
                            Some(c) => current.extend(['\\', c]),
                            None => return Err("a quote (\") is not closed".into()),
                        },
                        Some(c) => current.push(c),
                        None => return Err("a quote (\") is not closed".into()),
                    }
                }
            }
            '\\' => {
                if let Some(c) = chars.next() {
                    word.get_or_insert_with(String::new).push(c);
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        lesson::Control,
        nn::{Activation, Loss, Optimizer},
        train::{Metric, Schedule, StopAt},
    };

    fn round_trip(experiment: &Experiment, view: &ViewArgs) -> String {
        let text = line(experiment, view).unwrap();
        let back = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(&back.experiment, experiment, "{text}");
        assert_eq!(&back.view, view, "{text}");
        text
    }

    #[test]
    fn the_tutorial_is_the_bare_program_name() {
        assert_eq!(
            round_trip(&Experiment::default(), &ViewArgs::default()),
            "nn-playground"
        );
    }

    #[test]
    fn a_line_names_only_what_differs_and_reads_back() {
        let mut e = Experiment::default();
        e.data.kind = DatasetKind::Spiral;
        e.fit_output_to_data().unwrap();
        e.network.hidden = vec![8, 4];
        e.network.activations = vec![Activation::Tanh, Activation::Relu];
        e.training.loss = Loss::CrossEntropy;
        e.training.optimizer = Optimizer::Adam;
        e.training.learning_rate = 0.01;
        e.training.batch_size = Some(10);
        e.training.schedule = Schedule::Step {
            every: 500,
            factor: 0.5,
        };
        e.training.stop_at = Some(StopAt {
            metric: Metric::Accuracy,
            value: 1.0,
        });
        e.data.features.x1_squared = true;
        e.data.features.sin_x2 = true;
        e.data.noise = 0.25;
        e.seed = 7;
        let view = ViewArgs {
            hide: vec![Control::LearningRate, Control::Activation],
            discretize: true,
            hide_test_data: true,
        };
        assert_eq!(
            round_trip(&e, &view),
            "nn-playground --dataset spiral --noise 0.25 --features 'x1,x2,x1^2,sin(x2)' \
             --hidden 8,4 --activation tanh,relu --loss cross_entropy --optimizer adam \
             --lr 0.01 --schedule step:500:0.5 --stop-at accuracy:1 --batch-size 10 --seed 7 \
             --hide learning-rate,activation --discretize --hide-test-data"
        );
    }

    #[test]
    fn multiclass_no_hidden_layer_and_csv_paths_read_back() {
        let mut e = Experiment::default();
        e.data.kind = DatasetKind::Blobs { classes: 5 };
        e.fit_output_to_data().unwrap();
        e.network.hidden.clear();
        assert_eq!(
            round_trip(&e, &ViewArgs::default()),
            "nn-playground --dataset blobs-5 --hidden 0"
        );
        let mut e = Experiment::default();
        e.data.kind = DatasetKind::Circle;
        e.data.test_ratio = 0.3;
        e.epochs = 123_456;
        e.training.l1 = 1e-4;
        e.training.dropout = 0.2;
        round_trip(&e, &ViewArgs::default());
    }

    #[test]
    fn painted_points_have_no_line() {
        let mut e = Experiment::default();
        e.data.kind = DatasetKind::Points {
            points: crate::data::PointSet::default(),
        };
        assert_eq!(
            line(&e, &ViewArgs::default()),
            Err(LineError::PaintedPoints)
        );
    }

    #[test]
    fn words_split_as_a_shell_splits_them() {
        let words = split_words(r#"a 'b c' "d \"e\"" f\ g 'h'\''i'  "#).unwrap();
        assert_eq!(words, ["a", "b c", "d \"e\"", "f g", "h'i"]);
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(split_words(&quoted("it's")).unwrap(), ["it's"]);
        assert_eq!(
            split_words("a 'b").unwrap_err(),
            "a quote (') is not closed"
        );
    }

    #[test]
    fn bad_lines_say_what_is_wrong_in_one_line() {
        let cases = [
            ("", "an experiment line starts with nn-playground"),
            (
                "python --lr 1",
                "an experiment line starts with nn-playground",
            ),
            (
                "nn-playground --lr fast",
                "invalid value 'fast' for '--lr <LR>': invalid float literal",
            ),
            (
                "nn-playground --hide sliders",
                "invalid value 'sliders' for '--hide <HIDE>': unknown control 'sliders'",
            ),
            ("nn-playground --hidden 0,4", "hidden layer 1 has 0 neurons"),
            ("nn-playground run.json", "an experiment line names no file"),
            ("nn-playground train --load w.json", "cannot load weights"),
            (
                "nn-playground inspect w.json",
                "only nn-playground's options",
            ),
            ("nn-playground\n--lr 1", "is one line"),
        ];
        for (text, start) in cases {
            let message = parse(text).unwrap_err();
            assert!(message.contains(start), "{text:?}: {message}");
            assert!(!message.contains('\n'), "{text:?}: {message}");
        }
        let long = format!("nn-playground --dataset {}.csv", "a".repeat(MAX_LINE_BYTES));
        assert!(
            parse(&long)
                .unwrap_err()
                .starts_with("an experiment line is at most")
        );
    }

    #[test]
    fn a_train_command_reads_as_its_experiment() {
        let run = parse("nn-playground train --dataset moons --lr 0.1 --runs 5").unwrap();
        let mut e = Experiment::default();
        e.data.kind = DatasetKind::Moons;
        e.training.learning_rate = 0.1;
        assert_eq!(run.experiment, e);
    }
}
