//! Experiment files: a whole run in one JSON file, the weights file plus the loss history.
//!
//! ```json
//! {
//!   "format": "nn-playground-experiment",
//!   "version": 1,
//!   "weights": { "format": "nn-playground-weights", "version": 1, "epoch": …, "layers": …,
//!                "experiment": … },
//!   "history": [ { "epoch": 0, "train": 0.25, "test": null }, … ]
//! }
//! ```
//!
//! The `weights` member is exactly a JSON weights file, checked by the same rules, and its
//! experiment holds the data, including hand-made points. The history is the loss curve as
//! plotted. Saving is atomic; loading never panics and names the file in every error.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{
    Assume, Fault, Format, WeightsError, WeightsFile, from_bytes_assuming, from_json_bytes,
    limits::read_bounded, to_bytes as weights_to_bytes,
};
use crate::{
    data::source::tame_message,
    train::{LossHistory, LossPoint},
};

/// The `format` tag of an experiment file.
pub const EXPERIMENT_TAG: &str = "nn-playground-experiment";
/// The newest experiment-file version this program reads and the one it writes.
pub const EXPERIMENT_VERSION: u64 = 1;

/// A run as saved: weights, configuration, data and loss history.
///
/// ```
/// use nn_playground::{experiment::Experiment, weights::{WeightsFile, experiment_file}};
/// let mut trainer = Experiment::default().trainer().unwrap();
/// trainer.run(20).unwrap();
/// let file = experiment_file::ExperimentFile {
///     weights: WeightsFile {
///         experiment: Experiment::default(),
///         network: trainer.network().clone(),
///         epoch: trainer.epoch(),
///     },
///     history: trainer.history().clone(),
/// };
/// let bytes = experiment_file::to_bytes(&file).unwrap();
/// assert!(experiment_file::is_experiment(&bytes));
/// let again = experiment_file::from_bytes("run.json".as_ref(), &bytes).unwrap();
/// assert_eq!(again.weights, file.weights);
/// assert!(again.history.curve().eq(file.history.curve()));
/// ```
#[derive(Clone, Debug)]
pub struct ExperimentFile {
    /// Network, experiment (with its data) and epoch.
    pub weights: WeightsFile,
    /// The loss history up to that epoch.
    pub history: LossHistory,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    weights: &'a serde_json::value::RawValue,
    history: Vec<LossPoint>,
}

/// An experiment file as read: the weights member is kept as the text it is (borrowed from
/// the file, no copy) and handed to the weights decoder, which parses it straight into typed
/// layers. Going through a generic JSON value and back would cost tens of times the file's size.
#[derive(Deserialize)]
struct FileIn<'a> {
    format: String,
    version: u64,
    #[serde(borrow)]
    weights: &'a serde_json::value::RawValue,
    history: Vec<LossPoint>,
}

#[derive(Deserialize)]
struct Tag {
    format: Option<String>,
}

/// Whether `bytes` are an experiment file (by its format tag, whatever the file is called).
pub fn is_experiment(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Tag>(bytes).is_ok_and(|t| t.format.as_deref() == Some(EXPERIMENT_TAG))
}

fn invalid(reason: impl ToString) -> Fault {
    Fault::Invalid {
        reason: tame_message(&reason.to_string()),
    }
}

/// Encodes `file` as JSON, after checking its weights would load again.
pub fn to_bytes(file: &ExperimentFile) -> Result<Vec<u8>, Fault> {
    let weights_bytes = weights_to_bytes(&file.weights, Format::Json)?;
    let weights_text = std::str::from_utf8(&weights_bytes).map_err(invalid)?;
    let weights: &serde_json::value::RawValue =
        serde_json::from_str(weights_text).map_err(invalid)?;
    let out = FileOut {
        format: EXPERIMENT_TAG,
        version: EXPERIMENT_VERSION,
        weights,
        history: file.history.curve().collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&out).map_err(invalid)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Decodes and checks an experiment file; `path` names it in errors.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<ExperimentFile, WeightsError> {
    let content = |fault| WeightsError::Content {
        path: path.to_owned(),
        fault,
    };
    let file: FileIn = serde_json::from_slice(bytes).map_err(|e| content(invalid(e)))?;
    if file.format != EXPERIMENT_TAG {
        return Err(content(Fault::UnknownFormat {
            found: format!("{:?}", file.format),
            expected: EXPERIMENT_TAG,
        }));
    }
    if file.version > EXPERIMENT_VERSION {
        return Err(content(invalid(format!(
            "experiment file version {} is newer than this program reads ({EXPERIMENT_VERSION})",
            file.version
        ))));
    }
    let weights = from_json_bytes(path, file.weights.get().as_bytes())?;
    let history = history_from(&file.history, weights.epoch).map_err(content)?;
    Ok(ExperimentFile { weights, history })
}

/// A history replaying `points`: finite losses at increasing epochs up to `epoch`.
fn history_from(points: &[LossPoint], epoch: u64) -> Result<LossHistory, Fault> {
    let mut history = LossHistory::default();
    let mut previous = None;
    for (i, point) in points.iter().enumerate() {
        let finite = point.train.is_finite() && point.test.is_none_or(f64::is_finite);
        if !finite {
            return Err(invalid(format!(
                "history[{i}] has a loss that is not finite"
            )));
        }
        if previous.is_some_and(|p| point.epoch <= p) || point.epoch > epoch {
            return Err(invalid(format!(
                "history[{i}] is at epoch {}; epochs must increase up to {epoch}",
                point.epoch
            )));
        }
        previous = Some(point.epoch);
        if history.wants(point.epoch) {
            history.push(*point);
        } else {
            history.set_latest(*point);
        }
    }
    Ok(history)
}

/// Writes `file` to `path` atomically: on any error nothing at `path` changes.
pub fn save(path: &Path, file: &ExperimentFile) -> Result<(), WeightsError> {
    super::write_encoded(path, to_bytes(file))
}

/// What a file given to the window holds.
#[derive(Clone, Debug)]
pub enum RunFile {
    /// A weights file (JSON or `.npz`).
    Weights(WeightsFile),
    /// An experiment file.
    Experiment(ExperimentFile),
}

impl RunFile {
    /// The weights inside, whichever kind of file it was.
    pub fn weights(&self) -> &WeightsFile {
        match self {
            Self::Weights(file) => file,
            Self::Experiment(file) => &file.weights,
        }
    }

    /// The weights inside, dropping an experiment file's history.
    pub fn into_weights(self) -> WeightsFile {
        match self {
            Self::Weights(file) => file,
            Self::Experiment(file) => file.weights,
        }
    }
}

/// A file opened by [`open`]: what it holds, what kind of file it was and what had to be
/// assumed about it.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The content.
    pub run: RunFile,
    /// The kind of file, for people: `JSON`, `NumPy .npz`, `experiment file`.
    pub kind: &'static str,
    /// What was assumed (an `.npz` of bare arrays), to tell the user.
    pub assumed: Option<String>,
}

/// Reads a weights file or an experiment file from `path`, telling them apart by content; an
/// `.npz` of bare arrays is read as `assume` says.
pub fn open(path: &Path, assume: &Assume) -> Result<Opened, WeightsError> {
    let bytes = read_bounded(path)?;
    if is_experiment(&bytes) {
        return from_bytes(path, &bytes).map(|file| Opened {
            run: RunFile::Experiment(file),
            kind: "experiment file",
            assumed: None,
        });
    }
    from_bytes_assuming(path, &bytes, assume).map(|loaded| Opened {
        run: RunFile::Weights(loaded.file),
        kind: loaded.format.name(),
        assumed: loaded.assumed,
    })
}

/// Reads a weights file or an experiment file from `path`, telling them apart by content.
pub fn load_run(path: &Path) -> Result<RunFile, WeightsError> {
    open(path, &Assume::default()).map(|opened| opened.run)
}

/// Reads an experiment file from `path`.
pub fn load(path: &Path) -> Result<ExperimentFile, WeightsError> {
    let bytes = read_bounded(path)?;
    from_bytes(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        data::{DatasetKind, PointSet},
        experiment::Experiment,
    };

    fn painted_run() -> ExperimentFile {
        let mut points = PointSet::default();
        points.add(-1.0, 0.5, 1);
        points.add(0.25, 2.0, 0);
        points.add(1.5, -0.75, 1);
        let mut experiment = Experiment::default();
        experiment.data.kind = DatasetKind::Points { points };
        experiment.training.learning_rate = 0.3;
        let mut trainer = experiment.trainer().unwrap();
        trainer.run(300).unwrap();
        ExperimentFile {
            weights: WeightsFile {
                experiment,
                network: trainer.network().clone(),
                epoch: trainer.epoch(),
            },
            history: trainer.history().clone(),
        }
    }

    #[test]
    fn a_painted_run_reopens_exactly() {
        let file = painted_run();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.json");
        save(&path, &file).unwrap();
        let again = load(&path).unwrap();
        assert_eq!(again.weights, file.weights, "network, epoch, data, config");
        let before: Vec<LossPoint> = file.history.curve().collect();
        let after: Vec<LossPoint> = again.history.curve().collect();
        assert_eq!(after, before);
        assert_eq!(after.len(), 301);
    }

    #[test]
    fn weights_files_are_not_experiments_and_faults_are_named() {
        let file = painted_run();
        let weights = weights_to_bytes(&file.weights, Format::Json).unwrap();
        assert!(!is_experiment(&weights));
        let path = Path::new("bad.json");
        let mut text = String::from_utf8(to_bytes(&file).unwrap()).unwrap();
        text = text.replacen("\"epoch\": 0,", "\"epoch\": 999999,", 1);
        let error = from_bytes(path, text.as_bytes()).unwrap_err().to_string();
        assert!(error.starts_with("bad.json: "), "{error}");
        assert!(error.contains("epochs must increase up to 300"), "{error}");
        let newer = String::from_utf8(to_bytes(&file).unwrap())
            .unwrap()
            .replacen("\"version\": 1", "\"version\": 9", 1);
        let error = from_bytes(path, newer.as_bytes()).unwrap_err().to_string();
        assert!(error.contains("newer"), "{error}");
    }
}
