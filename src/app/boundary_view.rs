//! The decision boundary: the network's output as a texture, the data points on top, axis ticks
//! from egui_plot.

use egui::{Color32, TextureHandle, TextureOptions};
use egui_plot::{AxisHints, MarkerShape, Plot, PlotImage, PlotPoint, Points};

use super::Command;
use crate::{
    boundary::BoundaryGrid,
    data::Dataset,
    session::{PointEdit, Session},
};

/// Colour of class 0 (output near 0).
pub const CLASS0: Color32 = Color32::from_rgb(232, 125, 30);
/// Colour of class 1 (output near 1).
pub const CLASS1: Color32 = Color32::from_rgb(20, 110, 190);
/// Colours of classes 2 to 5 in multiclass runs (classes 0 and 1 keep [`CLASS0`], [`CLASS1`]).
const MORE_CLASSES: [Color32; 4] = [
    Color32::from_rgb(40, 160, 70),
    Color32::from_rgb(150, 70, 180),
    Color32::from_rgb(200, 50, 60),
    Color32::from_rgb(30, 160, 160),
];
/// Names of the class colours, for the key.
const CLASS_NAMES: [&str; 6] = ["orange", "blue", "green", "purple", "red", "teal"];

/// The colour of class `class` (0 to 5).
pub fn class_colour(class: usize) -> Color32 {
    match class {
        0 => CLASS0,
        1 => CLASS1,
        k => MORE_CLASSES[(k - 2) % MORE_CLASSES.len()],
    }
}

/// The colour of a multiclass cell: white where the winning probability is no better than
/// chance (`1 / classes`), shading towards the winner's colour as it approaches 1.
pub fn colour_from_class(class: usize, probability: f64, classes: usize) -> Color32 {
    if !probability.is_finite() {
        return INVALID;
    }
    let chance = 1.0 / classes.max(2) as f64;
    let confidence = ((probability - chance) / (1.0 - chance)).clamp(0.0, 1.0) as f32;
    Color32::WHITE.lerp_to_gamma(class_colour(class), confidence.sqrt() * MAX_SHADE)
}

/// Colour of the hard 0.5 contour.
const CONTOUR: Color32 = Color32::from_rgb(40, 40, 40);
/// Colour of cells whose output is not a number (never expected: training rolls back).
const INVALID: Color32 = Color32::from_rgb(128, 128, 128);
/// How far the most confident cell goes from white towards its class colour.
const MAX_SHADE: f32 = 0.85;

/// The colour of a cell whose output (probability of class 1) is `output`: white at 0.5,
/// shading towards the class colour with confidence.
pub fn colour_from_output(output: f64) -> Color32 {
    if !output.is_finite() {
        return INVALID;
    }
    let confidence = ((output - 0.5).abs() * 2.0).min(1.0) as f32;
    let class = if output >= 0.5 { CLASS1 } else { CLASS0 };
    Color32::WHITE.lerp_to_gamma(class, confidence.sqrt() * MAX_SHADE)
}

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

/// The grid's colours, top row first, with the contour painted when `contour` is set.
fn pixels(grid: &BoundaryGrid, contour: bool, out: &mut Vec<Color32>) {
    let (values, n) = (grid.values(), grid.resolution());
    out.clear();
    if grid.classes() > 2 {
        let classes = grid.classes();
        out.extend((0..n * n).map(|i| {
            if contour && on_class_edge(grid, n, i) {
                CONTOUR
            } else {
                let (class, probability) = grid.class_at(i);
                colour_from_class(class, probability, classes)
            }
        }));
        return;
    }
    out.extend((0..values.len()).map(|i| {
        if contour && on_contour(values, n, i) {
            CONTOUR
        } else {
            colour_from_output(values[i])
        }
    }));
}

/// The boundary as 8-bit RGBA, for PNG export: `(side, bytes)`.
pub fn boundary_rgba(grid: &BoundaryGrid, contour: bool) -> (u32, Vec<u8>) {
    let mut colours = Vec::new();
    pixels(grid, contour, &mut colours);
    let bytes = colours.iter().flat_map(|c| c.to_array()).collect();
    (grid.resolution() as u32, bytes)
}

/// The boundary texture, re-uploaded when the grid changes.
#[derive(Default)]
pub struct BoundaryView {
    texture: Option<TextureHandle>,
    colours: Vec<Color32>,
}

impl BoundaryView {
    /// Re-colours the texture from `grid`.
    pub fn update(&mut self, ctx: &egui::Context, grid: &BoundaryGrid, contour: bool) {
        pixels(grid, contour, &mut self.colours);
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
        let image = egui::ColorImage::new([n, n], super::network_view::map_colours(shades));
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture = Some(ctx.load_texture("boundary", image, TextureOptions::LINEAR))
            }
        }
    }

    /// Draws the boundary with the points, `side` points wide and high, and records a click
    /// as a point edit: left adds class 1, right class 0, Shift+click removes the nearest.
    /// Returns the area drawn on screen.
    pub fn ui(
        &self,
        ui: &mut egui::Ui,
        session: &Session,
        side: f32,
        commands: &mut Vec<Command>,
    ) -> egui::Rect {
        let domain = session.domain();
        let data = session.data();
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
                for (set, name, shape) in [
                    (&data.train, "train", MarkerShape::Circle),
                    (&data.test, "test", MarkerShape::Diamond),
                ] {
                    for class in 0..session.grid().classes() {
                        let colour = class_colour(class);
                        let class = class as f64;
                        let points = class_points(set, class);
                        if points.is_empty() {
                            continue;
                        }
                        plot.points(outline(points.clone(), shape));
                        plot.points(
                            Points::new(format!("{name}, class {class}"), points)
                                .shape(shape)
                                .radius(4.0)
                                .color(colour),
                        );
                    }
                }
            });
        let response = &shown.response;
        let shift = ui.input(|i| i.modifiers.shift);
        let clicked = response.clicked() || response.secondary_clicked();
        if let Some(pos) = response.interact_pointer_pos().filter(|_| clicked) {
            let at = shown.transform.value_from_position(pos);
            let edit = if shift {
                PointEdit::RemoveNearest { x1: at.x, x2: at.y }
            } else {
                let label = u8::from(response.clicked());
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

/// The key under the boundary: class colours and train/test markers.
pub fn key_ui(ui: &mut egui::Ui, classes: usize) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (class, name) in CLASS_NAMES.iter().enumerate().take(classes.max(2)) {
            ui.colored_label(class_colour(class), format!("{name}: class {class}"));
        }
        ui.label("· dots: train · diamonds: test");
        ui.weak("· click: add class 1, right click: class 0, Shift+click: remove");
    });
}

/// A dark marker under each point so it stands out on its own class colour.
fn outline(points: Vec<[f64; 2]>, shape: MarkerShape) -> Points<'static> {
    Points::new("", points)
        .shape(shape)
        .radius(5.5)
        .color(Color32::from_gray(30))
        .allow_hover(false)
}

/// The first two features of the points labelled `class`.
fn class_points(set: &Dataset, class: f64) -> Vec<[f64; 2]> {
    let features = set.features();
    set.input_slice()
        .chunks_exact(features)
        .zip(set.label_slice())
        .filter(|&(_, &label)| label == class)
        .map(|(x, _)| [x[0], x.get(1).copied().unwrap_or(0.0)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_is_white_and_extremes_are_the_class_colours_shaded() {
        assert_eq!(colour_from_output(0.5), Color32::WHITE);
        assert_ne!(colour_from_output(0.0), colour_from_output(1.0));
        assert_eq!(colour_from_output(f64::NAN), INVALID);
    }

    #[test]
    fn multiclass_cells_are_white_at_chance_and_coloured_by_winner() {
        assert_eq!(colour_from_class(2, 1.0 / 3.0, 3), Color32::WHITE);
        assert_ne!(colour_from_class(2, 0.9, 3), colour_from_class(1, 0.9, 3));
        assert_eq!(colour_from_class(0, f64::NAN, 3), INVALID);
        let classes: std::collections::HashSet<_> = (0..6).map(class_colour).collect();
        assert_eq!(classes.len(), 6);
    }
}
