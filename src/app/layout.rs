//! Where everything is drawn: the menu on top, the status line at the bottom, the controls on
//! the left, the boundary, loss plot and diagram in the middle with the readouts under them.

use std::time::Instant;

use super::{
    App, Command,
    boundary_view::key_ui,
    controls::controls_ui,
    diagram_mark::Mark,
    gradient_view::{Gradients, layer_sizes_ui},
    layer_buttons::layer_buttons_ui,
    line_prompt::LineOutcome,
    menu::{about_ui, menu_ui},
    network_view::neuron_name,
    path_prompt::PromptOutcome,
    readouts::{confusion_ui, predictions_ui, readouts_ui},
    weight_editor::WeightEditor,
};
use crate::lesson::Control;

/// Width of the controls panel.
const CONTROLS_WIDTH: f32 = 290.0;
/// Height kept under the plots for the readouts.
const READOUTS_HEIGHT: f32 = 175.0;

impl App {
    /// Re-colours the boundary and diagram textures when the run or the hovered neuron changed.
    pub(super) fn refresh_textures(&mut self, ctx: &egui::Context) {
        let hovered_changed = self.hovered_neuron != self.shown_neuron;
        if self.view_changed || hovered_changed {
            let maps = self.session.neuron_maps();
            match self.hovered_neuron {
                Some((column, neuron)) => {
                    self.boundary
                        .show_map(ctx, maps.map(column, neuron), maps.resolution());
                }
                None => {
                    self.boundary
                        .update(ctx, self.session.grid(), self.settings.look());
                }
            }
            if self.view_changed {
                self.network_view.update(ctx, maps);
            }
            self.shown_neuron = self.hovered_neuron;
            self.view_changed = false;
        } else if self.network_view.wants_update(self.session.neuron_maps()) {
            self.network_view.update(ctx, self.session.neuron_maps());
        }
    }

    /// Draws the whole window: panels, then the About window and the path field over them.
    pub(super) fn window_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            menu_ui(
                ui,
                &mut self.settings.builtin_file_dialog,
                &mut self.settings.hidden,
                &mut self.commands,
            );
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status.ui(ui));
        egui::Panel::left("controls")
            .resizable(false)
            .exact_size(CONTROLS_WIDTH)
            .show(ui, |ui| {
                controls_ui(ui, &mut self.settings, self.running, &mut self.commands);
            });
        let lit = self
            .network_view
            .hovered_link()
            .or(self.hovered_neuron.map(Mark::Neuron));
        let inputs = self.session.experiment().data.features.names();
        self.explain
            .ui(ui, &self.session, lit, &inputs, &mut self.commands);
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        about_ui(&ctx, &mut self.about_open);
        self.hidden_space.ui(&ctx, &self.session);
        if let Some(editor) = &mut self.weight_editor {
            let inputs = self.session.experiment().data.features.names();
            let network = self.session.trainer().network();
            if !editor.ui(&ctx, network, &inputs, &mut self.commands) {
                self.weight_editor = None;
            }
        }
        if let Some(prompt) = &mut self.prompt {
            match prompt.ui(&ctx) {
                // The dialog stays until the action says whether the path worked.
                Some(PromptOutcome::Confirm(action, path)) => {
                    self.commands.push(Command::Run(action, path));
                }
                Some(PromptOutcome::Cancel) => self.prompt = None,
                None => {}
            }
        }
        if let Some(prompt) = &mut self.line_prompt {
            match prompt.ui(&ctx) {
                // The field stays until the line is known to work.
                Some(LineOutcome::Open(text)) => self.commands.push(Command::PasteLine(text)),
                Some(LineOutcome::Cancel) => self.line_prompt = None,
                None => {}
            }
        }
    }

    /// The middle: boundary (or a hovered neuron's map) beside the loss plot and the diagram,
    /// the readouts below.
    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let available = ui.available_size();
        let side = (available.x * 0.5 - 8.0)
            .min(available.y - READOUTS_HEIGHT)
            .max(200.0);
        ui.horizontal_top(|ui| {
            let left = ui.vertical(|ui| {
                ui.set_max_width(side);
                let start = Instant::now();
                self.boundary_rect = self.boundary.ui(
                    ui,
                    &self.session,
                    side,
                    (self.settings.show_test, self.explain.open),
                    &mut self.commands,
                );
                match self.shown_neuron {
                    Some(neuron) => {
                        let columns = self.session.neuron_maps().columns();
                        let inputs = self.session.experiment().data.features.names();
                        ui.strong(format!(
                            "Showing {}: its activation over the plane",
                            neuron_name(neuron, columns, &inputs)
                        ));
                    }
                    None => key_ui(
                        ui,
                        self.session.grid().classes(),
                        (self.boundary.paint_class(), self.explain.open),
                        &mut self.commands,
                    ),
                }
                self.trace.span("boundary", start.elapsed());
            });
            // The boundary's column with its key: the right column ends where it does.
            let left_height = left.response.rect.height().max(side);
            ui.vertical(|ui| {
                let start = Instant::now();
                let top = ui.cursor().top();
                let width = (ui.available_width()).max(200.0);
                let plot_height = (side * 0.5).max(140.0);
                self.loss_plot.ui(
                    ui,
                    &self.session,
                    &self.pins,
                    self.settings.log_scale,
                    egui::vec2(width, plot_height),
                );
                ui.horizontal(|ui| {
                    self.loss_plot.follow_button_ui(ui);
                    if ui
                        .button("Pin run")
                        .on_hover_text("Keep this loss curve to compare the next runs with")
                        .clicked()
                    {
                        self.commands.push(Command::Pin);
                    }
                    if !self.pins.is_empty() && ui.button("Clear pins").clicked() {
                        self.commands.push(Command::ClearPins);
                    }
                    ui.checkbox(&mut self.settings.log_scale, "log scale");
                });
                // The boundary view's own toggles, a row of their own (two in a narrow window).
                ui.horizontal_wrapped(|ui| {
                    let contour = ui.checkbox(&mut self.settings.show_contour, "show 0.5 boundary");
                    ui.checkbox(&mut self.settings.show_gradients, "gradients")
                        .on_hover_text(
                            "G: links by the size of their gradient dW (log scale), each neuron's δ",
                        );
                    let hard = ui
                        .checkbox(&mut self.settings.discretize, "discretize output")
                        .on_hover_text("Each cell in its predicted class's full colour");
                    if contour.changed() || hard.changed() {
                        self.view_changed = true;
                    }
                    ui.checkbox(&mut self.settings.show_test, "show test data");
                    let mut hidden = self.hidden_space.open;
                    if ui
                        .checkbox(&mut hidden, "hidden space")
                        .on_hover_text("H: the data as a hidden layer sees it")
                        .changed()
                    {
                        self.commands.push(Command::ToggleHiddenSpace);
                    }
                    let mut explaining = self.explain.open;
                    if ui
                        .checkbox(&mut explaining, "explain")
                        .on_hover_text(
                            "E: one step's every number; a left click on a data point \
                             explains it",
                        )
                        .changed()
                    {
                        self.commands.push(Command::ToggleExplain);
                    }
                });
                self.trace.span("plot", start.elapsed());
                let start = Instant::now();
                if self.settings.shows(Control::HiddenLayers) {
                    layer_buttons_ui(
                        ui,
                        &self.settings.experiment.network,
                        width,
                        &mut self.commands,
                    );
                }
                // The diagram takes what the plot and the rows of buttons left of the boundary
                // column's height.
                let used = ui.cursor().top() - top;
                let gradients = self
                    .settings
                    .show_gradients
                    .then(|| {
                        let step = self.session.phase().map(|step| &*step.explained);
                        step.or(self.session.explained())
                    })
                    .flatten()
                    .map(|explained| Gradients::new(&explained.explanation));
                // The row of gradient sizes under the diagram: two lines for a deep network.
                let row = match &gradients {
                    Some(g) if g.layer_sizes().len() > 4 => 40.0,
                    Some(_) => 22.0,
                    None => 0.0,
                };
                let fits = (left_height - used - row).max(120.0);
                let height = match (self.hovered_neuron, self.diagram_height) {
                    (Some(_), Some(held)) => held,
                    _ => fits,
                };
                self.diagram_height = Some(height);
                let diagram = egui::vec2(width, height);
                self.network_view.set_gradients(gradients.clone());
                let features = self.session.experiment().data.features;
                self.hovered_neuron =
                    self.network_view
                        .ui(ui, self.session.trainer().network(), features, diagram);
                let toggled = self.network_view.take_toggled();
                if let Some(feature) =
                    toggled.filter(|_| self.settings.shows(Control::InputFeatures))
                {
                    let toggles = self.settings.experiment.data.features.toggles_mut();
                    if let Some(on) = toggles.into_iter().nth(feature) {
                        *on = !*on;
                    }
                }
                if let Some(step) = self.session.phase() {
                    self.network_view.phase_ui(ui, step.phase);
                }
                if let Some(mark) = self.network_view.take_clicked() {
                    self.weight_editor =
                        WeightEditor::new(mark, self.session.trainer().network());
                }
                self.network_view.deltas_ui(ui);
                if let Some(mark) = self.explain.hovered {
                    self.network_view.mark_ui(ui, mark);
                }
                if let Some(gradients) = &gradients {
                    layer_sizes_ui(ui, gradients);
                }
                self.trace.span("diagram", start.elapsed());
            });
        });
        ui.separator();
        let start = Instant::now();
        // In a small window (or with six classes) the readouts may be taller than the room
        // left: they scroll rather than run under the status line.
        egui::ScrollArea::vertical()
            .id_salt("readouts")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    // Grid cells are at least this wide: egui's default (40 points) put a
                    // six-class pair of confusion matrices past the default window's edge.
                    ui.spacing_mut().interact_size.x = 22.0;
                    readouts_ui(
                        ui,
                        &self.session,
                        self.target(),
                        &self.rates,
                        self.frame_time,
                    );
                    ui.separator();
                    predictions_ui(ui, &self.session, &mut self.commands);
                    confusion_ui(ui, &self.session);
                });
            });
        self.trace.span("readouts", start.elapsed());
    }
}
