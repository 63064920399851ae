//! Settings that persist between launches.

use std::{
    borrow::Cow,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::boundary_view::Look;
use crate::{
    cli::ViewArgs,
    data::{DataSpec, Dataset, DatasetKind, PointSet, Split},
    experiment::Experiment,
    lesson::{Control, Hidden},
    weights::settings_file::{self, Restored},
};

/// The most hand-made points the settings keep between launches. An imported CSV is kept as
/// its path whatever its size; points painted beyond this many are not written to the
/// settings file (written every 30 seconds and on quit), which would otherwise grow by about
/// 50 bytes a point. *Export points CSV…* or *Save experiment…* keeps them.
pub const MAX_INLINE_POINTS: usize = 5_000;

/// `text` with its first letter in capitals, to open a status line.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The fastest slow motion, in mini-batches per second (faster is one epoch per frame).
pub const MAX_STEPS_PER_SECOND: f64 = 30.0;

/// Default epochs per frame: XOR converges visibly over a few seconds at 60 frames a second.
pub const DEFAULT_EPOCHS_PER_FRAME: u64 = 10;

/// Everything the window remembers: the experiment and the view options. The live trainer and
/// textures are not persisted; they are rebuilt from these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Data, network, training, seed and epoch count.
    pub experiment: Experiment,
    /// Epochs trained per frame while running.
    pub epochs_per_frame: u64,
    /// Ignore the epoch count and train until paused.
    pub until_stopped: bool,
    /// Slow motion: while playing, train [`Self::steps_per_second`] mini-batches a second
    /// instead of epochs per frame.
    pub slow_motion: bool,
    /// Slow motion's pace, 1 to [`MAX_STEPS_PER_SECOND`].
    pub steps_per_second: f64,
    /// Plot `log10(loss)`.
    pub log_scale: bool,
    /// Draw the hard 0.5 contour over the boundary.
    pub show_contour: bool,
    /// Colour the boundary by the predicted class alone, without shades of confidence.
    pub discretize: bool,
    /// Draw the test points (diamonds) over the boundary.
    pub show_test: bool,
    /// Colour the diagram's links by the size of their gradient and write each neuron's δ.
    pub show_gradients: bool,
    /// The last file opened, saved, imported or exported: the dialogs start in its folder.
    pub last_file: Option<PathBuf>,
    /// Ask for paths in the window's own dialog, never the desktop's (File menu).
    pub builtin_file_dialog: bool,
    /// The controls a lesson hides (the Classroom menu, `--hide`).
    pub hidden: Hidden,
    /// The points painted last, kept when another dataset is picked so that the dataset list
    /// can go back to them.
    pub your_points: Option<PointSet>,
    /// How many painted points the last launch had to leave out (over
    /// [`MAX_INLINE_POINTS`]), so this launch can say so.
    pub points_left_out: Option<usize>,
    /// The dataset the current hand-made points started from: stored in their place when
    /// they are too many to keep. Not itself persisted.
    #[serde(skip)]
    pub painted_on: Option<DatasetKind>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            experiment: Experiment::default(),
            epochs_per_frame: DEFAULT_EPOCHS_PER_FRAME,
            until_stopped: false,
            slow_motion: false,
            steps_per_second: 2.0,
            log_scale: false,
            show_contour: true,
            discretize: false,
            show_test: true,
            show_gradients: false,
            last_file: None,
            builtin_file_dialog: false,
            hidden: Hidden::new(),
            your_points: None,
            points_left_out: None,
            painted_on: None,
        }
    }
}

impl Settings {
    /// The points the boundary view draws of `data`: all of them, or the training points
    /// alone when the test data is hidden.
    pub fn shown_points<'a>(&self, data: &'a Split) -> Cow<'a, Split> {
        if self.show_test || data.test.is_empty() {
            Cow::Borrowed(data)
        } else {
            Cow::Owned(Split {
                train: data.train.clone(),
                test: Dataset::empty(data.test.features()),
            })
        }
    }

    /// Whether the controls panel shows `control`.
    pub fn shows(&self, control: Control) -> bool {
        !self.hidden.contains(&control)
    }

    /// What an experiment line says of the window: hidden controls, discretized output,
    /// hidden test data.
    pub fn view_args(&self) -> ViewArgs {
        ViewArgs {
            hide: self.hidden.iter().copied().collect(),
            discretize: self.discretize,
            hide_test_data: !self.show_test,
        }
    }

    /// Takes what an experiment line says of the window.
    pub fn set_view(&mut self, view: &ViewArgs) {
        self.hidden = view.hide.iter().copied().collect();
        self.discretize = view.discretize;
        self.show_test = !view.hide_test_data;
    }

    /// How the boundary is coloured, as these settings ask.
    pub fn look(&self) -> Look {
        Look {
            contour: self.show_contour,
            discretize: self.discretize,
        }
    }

    /// The settings stored by the last launch; defaults when there are none or they do not
    /// parse (a corrupt or outdated settings file).
    pub fn restore(storage: Option<&dyn eframe::Storage>) -> Self {
        Self::restore_reporting(storage, None).0
    }

    /// The settings stored by the last launch, and when they could not be used, why (for the
    /// status line): eframe's storage first; without it (eframe could not read the file),
    /// the settings file at `file` itself, so a damaged, truncated or empty one is told apart
    /// from a first launch. The reading and checking are the core's
    /// ([`settings_file`](crate::weights::settings_file)).
    pub fn restore_reporting(
        storage: Option<&dyn eframe::Storage>,
        file: Option<&Path>,
    ) -> (Self, Option<String>) {
        if let Some(stored) = storage.and_then(|s| s.get_string(eframe::APP_KEY)) {
            return match settings_file::settings_from_value(&stored) {
                Ok(settings) => (settings, None),
                Err(detail) => (
                    Self::default(),
                    Some(format!("The saved settings do not parse ({detail})")),
                ),
            };
        }
        match file.map(settings_file::restore) {
            Some(Restored::Loaded(settings)) => (settings, None),
            Some(Restored::Refused(reason)) => (Self::default(), Some(capitalised(&reason))),
            Some(Restored::Missing) | None => (Self::default(), None),
        }
    }

    /// Stores the settings for the next launch, leaving out hand-made points beyond
    /// [`MAX_INLINE_POINTS`] (see [`Self::persisted`]).
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted());
    }

    /// The settings as they are written: as they are, unless they hold more than
    /// [`MAX_INLINE_POINTS`] hand-made points. Then the run's points give way to the dataset
    /// they were painted on (XOR when unknown), too many "your points" are dropped, and
    /// [`Self::points_left_out`] counts what was left out.
    pub fn persisted(&self) -> Cow<'_, Self> {
        let too_many = |p: &PointSet| p.len() > MAX_INLINE_POINTS;
        let current = match &self.experiment.data.kind {
            DatasetKind::Points { points } if too_many(points) => Some(points.len()),
            _ => None,
        };
        let yours = self.your_points.as_ref().filter(|p| too_many(p));
        let Some(left_out) = current.or(yours.map(PointSet::len)) else {
            return Cow::Borrowed(self);
        };
        let data = &self.experiment.data;
        let kind = match current {
            Some(_) => self.painted_on.clone().unwrap_or_default(),
            None => data.kind.clone(),
        };
        Cow::Owned(Self {
            experiment: Experiment {
                data: DataSpec {
                    kind,
                    features: data.features,
                    ..*data
                },
                network: self.experiment.network.clone(),
                training: self.experiment.training.clone(),
                ..self.experiment
            },
            your_points: self.your_points.clone().filter(|p| !too_many(p)),
            points_left_out: Some(left_out),
            painted_on: None,
            last_file: self.last_file.clone(),
            hidden: self.hidden.clone(),
            ..*self
        })
    }
}
