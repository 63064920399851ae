//! Taking the suggested settings for the current dataset.

use super::App;
use crate::suggested::Suggestion;

impl App {
    /// Sets the network and training to the dataset's suggestion and starts afresh; the status
    /// line says what was set.
    pub(super) fn use_suggested(&mut self) {
        let experiment = &mut self.settings.experiment;
        let Some(suggestion) = Suggestion::for_dataset(&experiment.data.kind) else {
            return;
        };
        suggestion.apply(experiment);
        let name = experiment.data.kind.name();
        self.rebuild(&format!(
            "Suggested settings for {name} ({})",
            suggestion.describe()
        ));
    }
}
