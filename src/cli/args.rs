//! Command-line arguments (clap).

use std::{ffi::OsString, path::PathBuf};

use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use crate::{
    data::{DatasetKind, Features, source::shorten},
    lesson::Control,
    nn::{Activation, Init, Loss, Optimizer},
    train::{Metric, Schedule, StopAt},
    weights::ExportFormat,
};

/// nn-playground: watch a small neural network learn.
#[derive(Debug, Parser)]
#[command(
    name = "nn-playground",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; with none, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A weights file or an experiment file to open in the window (told apart by content).
    pub file: Option<PathBuf>,
    /// The experiment the window opens on, as `train` takes it.
    #[command(flatten)]
    pub experiment: ExperimentArgs,
    /// What the window shows of it.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// What the process was asked to do: the command line users see, or the hidden `generate`.
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per process and unpacked at once"
)]
#[derive(Debug)]
pub enum Invocation {
    /// The public command line.
    Cli(Cli),
    /// The packaging script's `generate`.
    Generate(GenerateArgs),
}

impl Invocation {
    /// Parses `args` (the program's name first) as [`Cli`] with the hidden `generate` added.
    /// `generate` is added here, outside [`Cli`], because clap_complete lists hidden
    /// subcommands: so the help, man pages and completions made from [`Cli`] never show it.
    ///
    /// ```
    /// use nn_playground::cli::Invocation;
    /// let parsed = Invocation::try_parse_from(["nn-playground", "generate", "out"]).unwrap();
    /// assert!(matches!(parsed, Invocation::Generate(_)));
    /// let parsed = Invocation::try_parse_from(["nn-playground", "train"]).unwrap();
    /// assert!(matches!(parsed, Invocation::Cli(_)));
    /// ```
    pub fn try_parse_from<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let matches = Cli::command()
            .subcommand(GenerateArgs::command())
            .try_get_matches_from(args)?;
        match matches.subcommand() {
            Some((GENERATE, generate)) => {
                GenerateArgs::from_arg_matches(generate).map(Self::Generate)
            }
            _ => Cli::from_arg_matches(&matches).map(Self::Cli),
        }
    }
}

/// The name of the hidden packaging command.
const GENERATE: &str = "generate";

/// Options of the hidden `generate`: writes the man pages and shell completions made from
/// [`Cli`] into a folder, for `scripts/package.sh`.
#[derive(Debug, Parser)]
#[command(name = GENERATE, hide = true)]
pub struct GenerateArgs {
    /// The folder to write into: `man/` gets a page for nn-playground and one per command,
    /// `completions/` the bash, zsh and fish scripts.
    pub out_dir: PathBuf,
}

/// The headless commands.
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once per process; boxing would only complicate clap"
)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Train a network and print its loss, predictions and a summary.
    Train(TrainArgs),
    /// Describe a weights file: format, version, architecture, parameters, config, epoch.
    Inspect(InspectArgs),
    /// Print a weights file's outputs for inputs given as arguments or as CSV rows on stdin.
    Predict(PredictArgs),
    /// Print one training step of a weights file's network, named as the tutorial names it:
    /// forward pass, loss, backward pass and update.
    Explain(ExplainArgs),
    /// Export a weights file's network for other tools: onnx (an ONNX model taking raw x1, x2),
    /// safetensors (a PyTorch nn.Sequential's state_dict; prints a loader) or python (a NumPy
    /// script that reruns a full-batch run and checks its final weights).
    Export(ExportArgs),
}

/// What to assume about an `.npz` holding only arrays (`W1, b1, W2, b2, …` as `np.savez`
/// writes them): the tutorial's sigmoid network on XOR unless these say otherwise.
#[derive(Debug, Default, Args)]
pub struct AssumeArgs {
    /// For an .npz of bare arrays only: the hidden activation it was trained with, one for
    /// every layer or one per layer, comma separated (default: the tutorial's sigmoid).
    #[arg(long, value_parser = parse_activation, value_delimiter = ',')]
    pub activation: Option<Vec<Activation>>,
    /// For an .npz of bare arrays only: the dataset it was trained on (default: xor).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Option<DatasetKind>,
}

/// Options of `inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The weights file (.json or .npz) or experiment file.
    pub file: PathBuf,
    /// What an .npz of bare arrays holds.
    #[command(flatten)]
    pub assume: AssumeArgs,
}

/// Options of `predict`.
#[derive(Debug, Args)]
pub struct PredictArgs {
    /// The weights file (.json or .npz) or experiment file.
    #[arg(long)]
    pub weights: PathBuf,
    /// What an .npz of bare arrays holds.
    #[command(flatten)]
    pub assume: AssumeArgs,
    /// One input row (X1 X2); with none, rows of `x1,x2` are read from stdin.
    #[arg(allow_negative_numbers = true)]
    pub inputs: Vec<f64>,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The weights file (.json or .npz) or experiment file.
    #[arg(long)]
    pub weights: PathBuf,
    /// What an .npz of bare arrays holds.
    #[command(flatten)]
    pub assume: AssumeArgs,
    /// What to write: onnx, safetensors or python.
    #[arg(long, value_parser = parse_export_format)]
    pub format: ExportFormat,
    /// The file to write (replaced atomically).
    #[arg(long)]
    pub out: PathBuf,
}

/// Options of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The weights file (.json or .npz) or experiment file.
    #[arg(long)]
    pub weights: PathBuf,
    /// What an .npz of bare arrays holds.
    #[command(flatten)]
    pub assume: AssumeArgs,
    /// Follow one point, X1,X2 (e.g. `--point 0,1`), instead of the whole training set. A
    /// point of the run's data keeps its label; any other needs --label.
    #[arg(long, value_parser = parse_point, allow_hyphen_values = true)]
    pub point: Option<[f64; 2]>,
    /// The class of --point, when it is not one of the run's points.
    #[arg(long, requires = "point")]
    pub label: Option<usize>,
    /// Print one JSON object: every quantity under its name, with its formula.
    #[arg(long)]
    pub json: bool,
}

/// The options that describe an experiment, shared by `train` and the window (`nn-playground
/// --dataset spiral` opens it on the spiral): each one left out keeps the tutorial's value.
/// The experiment line ([`line`](super::line)) is written in them.
#[derive(Clone, Debug, Default, PartialEq, Args)]
pub struct ExperimentArgs {
    /// Dataset: xor, xor-clusters, circle, gaussians, spiral, moons, checkerboard, curve-sin,
    /// curve-cubic, curve-abs, curve-step (points above or below the curve), three-spirals,
    /// blobs-3 to blobs-6 (3 to 6 Gaussian clouds; three-gaussians is blobs-3), or a .csv file
    /// of x1,x2,label (labels 0 to 5).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Option<DatasetKind>,
    /// Points drawn by a generated dataset.
    #[arg(long)]
    pub points: Option<usize>,
    /// Noise of a generated dataset, 0 to 1.
    #[arg(long, allow_negative_numbers = true)]
    pub noise: Option<f64>,
    /// Seed of a generated dataset's points and of the test split (default 0): another seed
    /// draws other points of the same kind.
    #[arg(long)]
    pub data_seed: Option<u64>,
    /// Share of points held out for testing, 0 to 0.9 (the four XOR points are never split).
    #[arg(long, allow_negative_numbers = true)]
    pub test_ratio: Option<f64>,
    /// Hidden layer widths, comma separated: `8,8` is two layers of 8; `0` alone for no hidden
    /// layer (the inputs straight to the output: logistic regression).
    #[arg(long, value_delimiter = ',')]
    pub hidden: Option<Vec<usize>>,
    /// Hidden activation: sigmoid, tanh, relu, leaky_relu, linear. One for every hidden layer,
    /// or one per layer, comma separated (`--hidden 8,8 --activation tanh,relu`).
    #[arg(long, value_parser = parse_activation, value_delimiter = ',')]
    pub activation: Option<Vec<Activation>>,
    /// Loss: mse or cross_entropy.
    #[arg(long, value_parser = parse_loss)]
    pub loss: Option<Loss>,
    /// Optimizer: sgd, momentum, adam.
    #[arg(long, value_parser = parse_optimizer)]
    pub optimizer: Option<Optimizer>,
    /// Weight initialisation: normal, xavier, he.
    #[arg(long, value_parser = parse_init)]
    pub init: Option<Init>,
    /// Learning rate.
    #[arg(long, allow_negative_numbers = true)]
    pub lr: Option<f64>,
    /// Learning-rate schedule: constant, step:EVERY:FACTOR (e.g. step:500:0.5) or
    /// cosine:PERIOD (e.g. cosine:2000).
    #[arg(long, value_parser = parse_schedule)]
    pub schedule: Option<Schedule>,
    /// Epochs to train.
    #[arg(long)]
    pub epochs: Option<u64>,
    /// Points per update (default: the whole training set).
    #[arg(long)]
    pub batch_size: Option<usize>,
    /// L2 weight decay.
    #[arg(long, allow_negative_numbers = true)]
    pub l2: Option<f64>,
    /// L1 regularisation rate (adds RATE · Σ |W|; alone or with --l2).
    #[arg(long, value_name = "RATE", allow_negative_numbers = true)]
    pub l1: Option<f64>,
    /// Dropout rate of the hidden layers while training, 0 to 0.9.
    #[arg(long, allow_negative_numbers = true)]
    pub dropout: Option<f64>,
    /// Stop once a target is met, checked after every epoch: loss:X or test-loss:X (at most
    /// X), accuracy:A or test-accuracy:A (at least A, 0 to 1), e.g. accuracy:1.
    #[arg(long, value_parser = parse_stop_at)]
    pub stop_at: Option<StopAt>,
    /// Seed of the weights and the shuffle (with --runs, the first seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// The input features fed to the network, comma separated, from x1, x2, x1^2, x2^2, x1*x2,
    /// sin(x1), sin(x2) (default x1,x2; e.g. `--features 'x1,x2,x1^2,x2^2'`, or `x1^2,x2^2`
    /// alone).
    #[arg(long, value_parser = parse_feature, value_delimiter = ',')]
    pub features: Option<Vec<String>>,
}

/// The window's own options: what a lesson shows (`--hide`, `--discretize`,
/// `--hide-test-data`); the experiment line carries them too.
#[derive(Clone, Debug, Default, PartialEq, Args)]
pub struct ViewArgs {
    /// Controls the window hides, comma separated, e.g. `--hide learning-rate,activation`
    /// (names: see the Classroom menu or the error for a wrong one).
    #[arg(long, value_parser = parse_control, value_delimiter = ',')]
    pub hide: Vec<Control>,
    /// Colour the boundary by the predicted class alone.
    #[arg(long)]
    pub discretize: bool,
    /// Leave the test points out of the boundary view.
    #[arg(long)]
    pub hide_test_data: bool,
}

/// Options of `train`. Every option left out keeps the tutorial's value (or, with `--load`, the
/// loaded file's).
#[derive(Debug, Default, Args)]
pub struct TrainArgs {
    /// The experiment: data, network, training, seed and length.
    #[command(flatten)]
    pub experiment: ExperimentArgs,
    /// Print the loss every this many epochs (0: never).
    #[arg(long, default_value_t = 100)]
    pub log_every: u64,
    /// Repeat with seeds seed..seed+N-1 and summarise how often training succeeds.
    #[arg(long, default_value_t = 1)]
    pub runs: u64,
    /// Threads training the --runs at once (default: one per core). Results and output are
    /// the same for any count.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print one JSON object per run on stdout instead of text.
    #[arg(long)]
    pub json: bool,
    /// Save the trained weights to this file.
    #[arg(long)]
    pub save: Option<PathBuf>,
    /// Start from the weights (and configuration) in this file: a weights file or an
    /// experiment file. An .npz of bare arrays is the tutorial's network unless --activation
    /// and --dataset say otherwise.
    #[arg(long)]
    pub load: Option<PathBuf>,
}

fn parse_feature(s: &str) -> Result<String, String> {
    Features::NAMES
        .into_iter()
        .find(|name| *name == s)
        .map(str::to_owned)
        .ok_or_else(|| unknown("feature", s, &Features::NAMES.join(", ")))
}

fn parse_control(s: &str) -> Result<Control, String> {
    Control::from_name(s).ok_or_else(|| unknown("control", s, &Control::names_list()))
}

fn parse_point(s: &str) -> Result<[f64; 2], String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let bad = || format!("{:?} is not a point: write X1,X2, e.g. 0,1", shorten(s));
    match parts[..] {
        [x1, x2] => {
            let x1: f64 = x1.parse().map_err(|_| bad())?;
            let x2: f64 = x2.parse().map_err(|_| bad())?;
            if x1.is_finite() && x2.is_finite() {
                Ok([x1, x2])
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

fn parse_activation(s: &str) -> Result<Activation, String> {
    Activation::from_name(s).ok_or_else(|| unknown("activation", s, &Activation::names_list()))
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::from_name(s).ok_or_else(|| unknown("format", s, &ExportFormat::names_list()))
}

fn parse_loss(s: &str) -> Result<Loss, String> {
    Loss::from_name(s).ok_or_else(|| unknown("loss", s, &Loss::names_list()))
}

fn parse_optimizer(s: &str) -> Result<Optimizer, String> {
    Optimizer::from_name(s).ok_or_else(|| unknown("optimizer", s, &Optimizer::names_list()))
}

fn parse_schedule(s: &str) -> Result<Schedule, String> {
    Schedule::from_spec(s).ok_or_else(|| {
        format!(
            "unknown schedule '{}' (expected constant, step:EVERY:FACTOR or cosine:PERIOD)",
            shorten(s)
        )
    })
}

fn parse_stop_at(s: &str) -> Result<StopAt, String> {
    StopAt::from_spec(s).ok_or_else(|| {
        format!(
            "unknown stop target '{}' (expected METRIC:VALUE with METRIC {})",
            shorten(s),
            Metric::names_list()
        )
    })
}

fn parse_init(s: &str) -> Result<Init, String> {
    Init::from_name(s).ok_or_else(|| unknown("init", s, &Init::names_list()))
}

/// The message for a name that is not one of `expected` (the name table's sentence).
fn unknown(what: &str, found: &str, expected: &str) -> String {
    format!("unknown {what} '{}' (expected {expected})", shorten(found))
}

fn parse_dataset(s: &str) -> Result<DatasetKind, String> {
    DatasetKind::from_name(s).ok_or_else(|| {
        let named: Vec<String> = DatasetKind::GENERATED
            .iter()
            .chain(&DatasetKind::MULTICLASS[..1])
            .map(DatasetKind::name)
            .collect();
        format!(
            "unknown dataset '{}' (expected {}, blobs-3 to blobs-6 or a .csv file)",
            shorten(s),
            named.join(", ")
        )
    })
}
