//! Settings that persist between launches.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::experiment::Experiment;

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
    /// Plot `log10(loss)`.
    pub log_scale: bool,
    /// Draw the hard 0.5 contour over the boundary.
    pub show_contour: bool,
    /// The last weights file opened or saved: the dialogs start in its folder.
    pub last_file: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            experiment: Experiment::default(),
            epochs_per_frame: DEFAULT_EPOCHS_PER_FRAME,
            until_stopped: false,
            log_scale: false,
            show_contour: true,
            last_file: None,
        }
    }
}

impl Settings {
    /// The settings stored by the last launch; defaults when there are none or they do not
    /// parse (a corrupt or outdated settings file).
    pub fn restore(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default()
    }

    /// Stores the settings for the next launch.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, self);
    }
}
