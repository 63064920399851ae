//! Pausing when the run meets its stop target, and saying so.

use super::{App, Status};

impl App {
    /// Pauses with a status line when the stop target (if any) is met; returns whether it
    /// did. Checked before and after each frame's training, so the window stops on the
    /// frame that reaches the target.
    pub(super) fn pause_at_target(&mut self) -> bool {
        let trainer = self.session.trainer();
        let Some(stop) = trainer
            .config()
            .stop_at
            .filter(|_| trainer.is_target_reached())
        else {
            return false;
        };
        self.running = false;
        self.status = Status::info(format!(
            "Reached the target ({}) at epoch {}. Change or untick \"stop at a target\" to go on.",
            stop.describe(),
            trainer.epoch()
        ));
        true
    }
}
