//! The desktop window: a thin egui shell over the training thread ([`run`](crate::run)) and the
//! snapshots of the run it publishes ([`Snapshot`](crate::view::snapshot::Snapshot)).
//!
//! This is the only module that imports egui, eframe, egui_plot or rfd. It draws, dispatches
//! clicks as [`Command`]s and does no maths: every number it shows comes from the core.
//!
//! Layout: a menu bar on top, the controls on the left, the decision boundary and the loss plot
//! in the middle with the readouts under them, and a status line at the bottom.
//!
//! By job: `app` holds the state, `actions` what each [`Command`] does and says, `input` turns
//! keys and drops into commands through the one table in `bindings`, `layout` places the
//! panels, `palette` holds every colour.

mod actions;
#[expect(
    clippy::module_inception,
    reason = "the app's state lives in app::app, beside its actions, input and layout"
)]
mod app;
mod bindings;
mod boundary_png;
mod boundary_view;
mod classroom;
mod command;
mod controls;
mod diagram_mark;
mod explain_panel;
mod export;
mod files;
mod fonts;
mod gradient_view;
mod grid_steps;
mod hidden_space_view;
mod icon;
mod input;
mod input_column;
mod layer_buttons;
mod layout;
mod line_prompt;
mod loss_plot;
mod menu;
mod network_view;
mod palette;
mod path_prompt;
mod point_cloud;
mod rates;
mod readouts;
mod state;
mod status;
mod suggest;
mod trace;
mod weight_editor;

use std::path::PathBuf;

use crate::weights::{ExportFormat, settings_file};

pub use app::{App, Launch};
pub use boundary_png::EXPORT_SIDE;
pub use boundary_view::boundary_rgba;
pub use command::{Command, FileAction};
pub use files::write_atomically;
pub use loss_plot::significant;
pub use palette::colour_from_output;
pub use state::Settings;
pub use status::Status;

/// The application's name: window title and storage folder.
pub const APP_NAME: &str = "nn-playground";

/// The window's options: title, icon, default and minimum size, glow renderer.
pub fn native_options() -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        .with_app_id(APP_NAME)
        .with_inner_size([1200.0, 760.0])
        .with_min_inner_size([900.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon::icon_data() {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        // The app installs its own on-demand fallback (`fonts.rs`), also in tests.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// Opens the window and blocks until it closes. `file` is a weights file to open at start,
/// `run` the run the command line's options describe.
///
/// eframe reads its settings file with a plain open before the app exists, which would block
/// forever on a FIFO there. So the file is checked first; one that is not a regular file of a
/// sane size is left unread, eframe is given a settings file that keeps nothing, and the
/// window says why.
pub fn run_window(
    file: Option<PathBuf>,
    run: Option<crate::cli::line::RunLine>,
) -> Result<(), eframe::Error> {
    let mut options = native_options();
    let settings_file =
        eframe::storage_dir(APP_NAME).map(|dir| dir.join(settings_file::SETTINGS_FILE_NAME));
    let mut launch = Launch {
        file,
        settings_file: settings_file.clone(),
        notice: None,
        pacing: crate::run::Pacing::Live,
        run,
    };
    if let Some(reason) = settings_file.as_deref().and_then(settings_file::check_file) {
        options.persistence_path = Some(PathBuf::from(NO_SETTINGS_FILE));
        launch.settings_file = None;
        launch.notice = Some(format!(
            "{}; settings are not kept this session",
            state::capitalised(&reason)
        ));
    }
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(move |cc| Ok(Box::new(App::launch(cc, launch)))),
    )
}

/// A settings file that reads as empty and keeps nothing written to it.
const NO_SETTINGS_FILE: &str = if cfg!(windows) { "NUL" } else { "/dev/null" };
