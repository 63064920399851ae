//! Shared set-up for the window tests: the app in a harness of the window's default size.

#![allow(dead_code, reason = "each test file uses the helpers it needs")]

use egui_kittest::Harness;
use nn_playground::app::{App, Command};

/// The window's default size.
pub const WINDOW: [f32; 2] = [1200.0, 760.0];

/// The app as it opens (training the tutorial's experiment), in a harness of the window's size.
pub fn window() -> Harness<'static, App> {
    Harness::builder()
        .with_size(WINDOW)
        .build_eframe(|cc| App::new(cc))
}

/// The app after a few frames of training, then paused through its Play/Pause command.
pub fn paused_window() -> Harness<'static, App> {
    let mut harness = window();
    harness.run_steps(3);
    harness.state_mut().push(Command::TogglePlay);
    harness.run_steps(1);
    assert!(!harness.state().is_running());
    harness
}

/// Carries out a file action on `path` through the app's command, and draws a frame.
pub fn run_file_action(
    harness: &mut Harness<'static, App>,
    action: nn_playground::app::FileAction,
    path: std::path::PathBuf,
) {
    harness.state_mut().push(Command::Run(action, path));
    harness.run_steps(1);
}
