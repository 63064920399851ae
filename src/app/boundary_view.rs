//! The decision boundary: the network's output as a texture, the data points on top, axis ticks
//! from egui_plot.

use egui::{Color32, TextureHandle, TextureOptions};
use egui_plot::{AxisHints, Plot, PlotImage, PlotPoint, uniform_grid_spacer};

use super::{
    Command,
    explain_panel::PICK_RADIUS,
    grid_steps::grid_steps,
    palette::{
        CLASS_NAMES, CONTOUR, class_colour, colour_from_class, colour_from_output, map_colours,
    },
    point_cloud::PointCloud,
};
use crate::{
    nn::MAX_CLASSES,
    view::boundary::BoundaryGrid,
    view::{session::PointEdit, snapshot::Snapshot},
};

/// Whether cell `i` of a `n × n` grid lies on the 0.5 contour (its class differs from the
/// cell to its right or below).
fn on_contour(values: &[f64], n: usize, i: usize) -> bool {
    let class = values[i] >= 0.5;
    let (row, col) = (i / n, i % n);
    (col + 1 < n && (values[i + 1] >= 0.5) != class)
        || (row + 1 < n && (values[i + n] >= 0.5) != class)
}

/// Whether cell `i` of a multiclass grid lies where the winning class changes.
fn on_class_edge(grid: &BoundaryGrid, n: usize, i: usize) -> bool {
    let class = grid.class_at(i).0;
    let (row, col) = (i / n, i % n);
    (col + 1 < n && grid.class_at(i + 1).0 != class)
        || (row + 1 < n && grid.class_at(i + n).0 != class)
}

/// How the boundary is coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    /// Paint the hard 0.5 contour (the edges between classes).
    pub contour: bool,
    /// Hard class colours: each cell in the full colour of its predicted class, without
    /// shades of confidence.
    pub discretize: bool,
}

/// The grid's colours, top row first, with the contour painted when `look` asks for it and
/// hard class colours when it discretizes.
fn pixels(grid: &BoundaryGrid, look: Look, out: &mut Vec<Color32>) {
    let (values, n) = (grid.values(), grid.resolution());
    out.clear();
    if grid.classes() > 2 {
        let classes = grid.classes();
        out.extend((0..n * n).map(|i| {
            if look.contour && on_class_edge(grid, n, i) {
                CONTOUR
            } else {
                let (class, probability) = grid.class_at(i);
                let shade = if look.discretize { 1.0 } else { probability };
                colour_from_class(class, shade, classes)
            }
        }));
        return;
    }
    out.extend((0..values.len()).map(|i| {
        if look.contour && on_contour(values, n, i) {
            CONTOUR
        } else if look.discretize && values[i].is_finite() {
            colour_from_output(if values[i] >= 0.5 { 1.0 } else { 0.0 })
        } else {
            colour_from_output(values[i])
        }
    }));
}

/// The boundary as 8-bit RGBA, for PNG export: `(side, bytes)`.
pub fn boundary_rgba(grid: &BoundaryGrid, look: Look) -> (u32, Vec<u8>) {
    let mut colours = Vec::new();
    pixels(grid, look, &mut colours);
    let bytes = colours.iter().flat_map(|c| c.to_array()).collect();
    (grid.resolution() as u32, bytes)
}

/// The boundary texture, re-uploaded when the grid changes, and the class a left click
/// paints.
pub struct BoundaryView {
    texture: Option<TextureHandle>,
    colours: Vec<Color32>,
    paint_class: u8,
    points: PointCloud,
}

impl Default for BoundaryView {
    fn default() -> Self {
        Self {
            texture: None,
            colours: Vec::new(),
            // The tutorial's habit: left click class 1, right click class 0.
            paint_class: 1,
            points: PointCloud::default(),
        }
    }
}

impl BoundaryView {
    /// The class a left click adds.
    pub fn paint_class(&self) -> u8 {
        self.paint_class
    }

    /// Picks the class a left click adds (at most the last class, 5) and returns it.
    pub fn set_paint_class(&mut self, class: u8) -> u8 {
        self.paint_class = class.min(MAX_CLASSES as u8 - 1);
        self.paint_class
    }

    /// Re-colours the texture from `grid`.
    pub fn update(&mut self, ctx: &egui::Context, grid: &BoundaryGrid, look: Look) {
        pixels(grid, look, &mut self.colours);
        let n = grid.resolution();
        let image = egui::ColorImage::new([n, n], std::mem::take(&mut self.colours));
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture = Some(ctx.load_texture("boundary", image, TextureOptions::LINEAR));
            }
        }
    }

    /// Shows one neuron's map (shades in `[0, 1]`, `n × n`, top row first) instead of the
    /// network's output.
    pub fn show_map(&mut self, ctx: &egui::Context, shades: &[f64], n: usize) {
        if shades.len() != n * n {
            return;
        }
        let image = egui::ColorImage::new([n, n], map_colours(shades));
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture = Some(ctx.load_texture("boundary", image, TextureOptions::LINEAR))
            }
        }
    }

    /// Draws the boundary with the points (the test points only with `show_test`), `side`
    /// points wide and high, and records a click as a point edit: left adds the picked class,
    /// right class 0, Shift+click removes the nearest. While `explaining`, a left click asks
    /// to explain the data point under it instead.
    /// Returns the area drawn on screen.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Snapshot,
        side: f32,
        (show_test, explaining): (bool, bool),
        commands: &mut Vec<Command>,
    ) -> egui::Rect {
        let domain = session.domain();
        let pixels = (side * ui.ctx().pixels_per_point()).round() as usize;
        let points = self.points.texture(
            ui.ctx(),
            session.data(),
            session.data_version(),
            show_test,
            domain,
            pixels,
            class_colour,
        );
        let centre = PlotPoint::new(
            (domain.x[0] + domain.x[1]) / 2.0,
            (domain.y[0] + domain.y[1]) / 2.0,
        );
        let size = [
            (domain.x[1] - domain.x[0]) as f32,
            (domain.y[1] - domain.y[0]) as f32,
        ];
        let shown = Plot::new("boundary")
            .width(side)
            .height(side)
            .show_x(false)
            .show_y(false)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_grid(false)
            .x_grid_spacer(uniform_grid_spacer(grid_steps))
            .y_grid_spacer(uniform_grid_spacer(grid_steps))
            .custom_x_axes(vec![
                AxisHints::new_x().label("x1").label_spacing(30.0..=45.0),
            ])
            .custom_y_axes(vec![
                AxisHints::new_y().label("x2").label_spacing(32.0..=48.0),
            ])
            .show(ui, |plot| {
                plot.set_plot_bounds_x(domain.x[0]..=domain.x[1]);
                plot.set_plot_bounds_y(domain.y[0]..=domain.y[1]);
                if let Some(texture) = &self.texture {
                    plot.image(PlotImage::new("", texture.id(), centre, size).allow_hover(false));
                }
                plot.image(PlotImage::new("points", points, centre, size).allow_hover(false));
            });
        let response = &shown.response;
        let shift = ui.input(|i| i.modifiers.shift);
        let clicked = response.clicked() || response.secondary_clicked();
        if let Some(pos) = response.interact_pointer_pos().filter(|_| clicked) {
            let at = shown.transform.value_from_position(pos);
            if explaining && response.clicked() && !shift {
                let per_point = (domain.x[1] - domain.x[0]) / f64::from(response.rect.width());
                commands.push(Command::ExplainNear {
                    x1: at.x,
                    x2: at.y,
                    within: f64::from(PICK_RADIUS) * per_point,
                });
                return response.rect;
            }
            let edit = if shift {
                PointEdit::RemoveNearest { x1: at.x, x2: at.y }
            } else {
                let label = if response.clicked() {
                    self.paint_class
                } else {
                    0
                };
                PointEdit::Add {
                    x1: at.x,
                    x2: at.y,
                    label,
                }
            };
            commands.push(Command::EditPoints(edit));
        }
        response.rect
    }
}

/// The key under the boundary (class colours, train/test markers) and the class picker: a
/// left click on the boundary paints the picked class, any of the six (a class the network
/// has no output for yet grows it).
pub fn key_ui(
    ui: &mut egui::Ui,
    classes: usize,
    (paint_class, explaining): (u8, bool),
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (class, name) in CLASS_NAMES.iter().enumerate().take(classes.max(2)) {
            ui.colored_label(class_colour(class), format!("{name}: class {class}"));
        }
        ui.label("· dots: train · diamonds: test");
    });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        // A grey mark for the picked class: the theme's blue would hide class 1's own colour.
        ui.visuals_mut().selection.bg_fill = egui::Color32::from_gray(75);
        ui.label("paint:");
        for class in 0..MAX_CLASSES as u8 {
            let text = egui::RichText::new(format!("class {class}"))
                .color(class_colour(usize::from(class)));
            let hint = if usize::from(class) < classes.max(2) {
                format!("Key {class}: a left click adds a class {class} point")
            } else {
                format!(
                    "Key {class}: a left click adds a class {class} point; the network grows \
                     to {} classes and starts afresh",
                    class + 1
                )
            };
            if ui
                .selectable_label(class == paint_class, text)
                .on_hover_text(hint)
                .clicked()
            {
                commands.push(Command::PaintClass(class));
            }
        }
        ui.weak("· right click: class 0 · Shift+click: remove");
    });
    if explaining {
        ui.colored_label(
            super::diagram_mark::MARK,
            "Explain is open: a left click on a data point explains it.",
        );
    }
}
