//! The network diagram: input features, each layer and the output, neurons drawn as live
//! thumbnails of their activation over the plane, links coloured by sign and as thick as the
//! weight is large. Hovering a link shows its weight; hovering a neuron names it and the app
//! shows its map large on the boundary view.

use egui::{Color32, Pos2, Rect, Sense, Stroke, TextureHandle, TextureOptions, Vec2, pos2, vec2};

use super::{
    diagram_mark::Mark,
    gradient_view::{Gradients, delta_text},
    input_column::{InputRow, input_column_ui, input_rows, row_centres},
    palette::{THUMB_FRAME, gradient_colour, link_colour, shade_colour},
};
use crate::{data::Features, nn::Network, view::neuron_maps::NeuronMaps};

/// The largest thumbnail side, in points.
const MAX_THUMB: f32 = 30.0;
/// How close (in points) the pointer must come to a link to hover it.
const LINK_HOVER: f32 = 3.0;
/// Above this many links (six layers of 64 have about 25,000) the faintest are left out.
const DENSE_LINKS: usize = 4096;
/// In a dense diagram, links whose weight is under this share of the largest are not drawn:
/// they would be a third of a point wide at a third of their colour, a haze over the rest.
const FAINT_SHARE: f64 = 0.1;

/// The room kept on the diagram's left for the input rows' labels (`sin(x1)` is the widest),
/// in points.
const INPUT_LABELS: f32 = 40.0;

/// A neuron of the diagram: `(column, neuron)`, column 0 being the inputs.
pub type NeuronId = (usize, usize);

/// The thumbnails, all in one texture (an atlas) re-uploaded when the maps change: one
/// upload and one draw call whatever the network's size, where a texture per neuron cost six
/// layers of 64 almost 400 of each every frame.
#[derive(Default)]
pub struct NetworkView {
    atlas: Option<TextureHandle>,
    /// Neurons per column of the last maps: the atlas holds them column after column.
    widths: Vec<usize>,
    /// Where each map sits in the atlas.
    tiles: Tiles,
    /// The atlas's pixels, kept between uploads so re-colouring does not allocate.
    pixels: Vec<Color32>,
    /// Pixels a thumbnail was drawn across last frame (0 before the first): tiles are no finer
    /// than that, so six layers of 64 (thumbnails a few pixels wide) colour and upload a few
    /// thousand pixels, not a quarter of a million.
    thumb_pixels: usize,
    /// Where each neuron was drawn last frame, by column.
    centres: Vec<Vec<Pos2>>,
    /// The thumbnails' side last frame, in points.
    thumb: f32,
    /// The link under the pointer last frame.
    hovered_link: Option<Mark>,
    /// The gradient view's gradients: links are coloured by them instead of the weights.
    gradients: Option<Gradients>,
    /// The link or neuron clicked last frame, to type its weight or bias.
    clicked: Option<Mark>,
    /// The extra input feature clicked last frame, to switch on or off.
    toggled: Option<usize>,
    /// The side of the biases' squares last frame, `None` when thumbnails were too small for
    /// them.
    bias_side: Option<f32>,
}

/// The atlas's grid of tiles: `per_row` tiles a row, each a map of `side × side` pixels with
/// a one-pixel border repeating its edge, so smoothing never blends in a neighbour's colours.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Tiles {
    per_row: usize,
    rows: usize,
    side: usize,
}

impl Tiles {
    /// A near-square grid of `count` tiles of maps `side` pixels wide.
    fn new(count: usize, side: usize) -> Self {
        let per_row = (count as f64).sqrt().ceil().max(1.0) as usize;
        Self {
            per_row,
            rows: count.div_ceil(per_row).max(1),
            side,
        }
    }

    /// A tile's side, border included.
    fn pitch(self) -> usize {
        self.side + 2
    }

    /// The atlas's size in pixels, `[width, height]`.
    fn size(self) -> [usize; 2] {
        [self.per_row * self.pitch(), self.rows * self.pitch()]
    }

    /// The top-left pixel of tile `index`'s map (inside its border).
    fn origin(self, index: usize) -> [usize; 2] {
        let pitch = self.pitch();
        [
            (index % self.per_row) * pitch + 1,
            (index / self.per_row) * pitch + 1,
        ]
    }

    /// The texture coordinates of tile `index`'s map.
    fn uv(self, index: usize) -> Rect {
        let [w, h] = self.size();
        let [x, y] = self.origin(index);
        Rect::from_min_max(
            pos2(x as f32 / w as f32, y as f32 / h as f32),
            pos2(
                (x + self.side) as f32 / w as f32,
                (y + self.side) as f32 / h as f32,
            ),
        )
    }

    /// Writes tile `index` of `pixels`, `colours(row, col)` being pixel `(row, col)` of its
    /// `side × side` map (top row first), with the border repeating the map's edge pixels.
    fn paint(
        self,
        pixels: &mut [Color32],
        index: usize,
        colours: impl Fn(usize, usize) -> Color32,
    ) {
        let (n, width) = (self.side, self.size()[0]);
        let [x0, y0] = self.origin(index);
        for row in 0..n + 2 {
            let source_row = row.saturating_sub(1).min(n - 1);
            let line = &mut pixels[(y0 + row - 1) * width + x0 - 1..][..n + 2];
            for (col, pixel) in line.iter_mut().enumerate() {
                let source_col = col.saturating_sub(1).min(n - 1);
                *pixel = colours(source_row, source_col);
            }
        }
    }
}

/// The x of column `column`'s centre (of `columns`) in a diagram `width` wide from `left`: the
/// diagram and the +/− above it place their columns by it. The columns share the width left of
/// the input labels' margin ([`INPUT_LABELS`]).
pub(super) fn column_x(left: f32, width: f32, column: usize, columns: usize) -> f32 {
    let width = (width - INPUT_LABELS).max(0.0);
    left + INPUT_LABELS + width / columns as f32 * (column as f32 + 0.5)
}

/// What a column of the diagram is called.
fn column_name(column: usize, columns: usize) -> String {
    if column == 0 {
        "input".to_owned()
    } else if column + 1 == columns {
        "output".to_owned()
    } else {
        format!("hidden {column}")
    }
}

/// What a neuron is called, as the hover text and the boundary caption say it; `inputs` names
/// the input features.
pub fn neuron_name((column, neuron): NeuronId, columns: usize, inputs: &[&str]) -> String {
    if column == 0 {
        let name = inputs.get(neuron).copied().unwrap_or("?");
        format!("input {name}")
    } else if column + 1 == columns {
        "output".to_owned()
    } else {
        format!("hidden layer {column}, neuron {}", neuron + 1)
    }
}

impl NetworkView {
    /// Re-colours every thumbnail from `maps` into the atlas and uploads it, each map sampled
    /// at evenly spaced cells when the thumbnails are drawn smaller than its resolution.
    pub fn update(&mut self, ctx: &egui::Context, maps: &NeuronMaps) {
        let n = maps.resolution();
        let side = match self.thumb_pixels {
            0 => n,
            drawn => drawn.min(n),
        };
        self.widths = (0..maps.columns()).map(|c| maps.neurons(c)).collect();
        let tiles = Tiles::new(self.widths.iter().sum(), side);
        if tiles != self.tiles {
            self.tiles = tiles;
            let [w, h] = tiles.size();
            self.pixels = vec![Color32::TRANSPARENT; w * h];
        }
        let mut index = 0;
        for (c, &width) in self.widths.iter().enumerate() {
            for k in 0..width {
                let shades = maps.map(c, k);
                tiles.paint(&mut self.pixels, index, |row, col| {
                    shade_colour(shades[sample_cell(row, side, n) * n + sample_cell(col, side, n)])
                });
                index += 1;
            }
        }
        let image = egui::ColorImage::new(tiles.size(), self.pixels.clone());
        match &mut self.atlas {
            Some(atlas) => atlas.set(image, TextureOptions::LINEAR),
            None => {
                self.atlas = Some(ctx.load_texture("neuron maps", image, TextureOptions::LINEAR));
            }
        }
    }

    /// Draws the diagram of `network`, whose inputs are `features`, in `size`, returning the
    /// neuron under the pointer. The input column has a row for every feature, on or off
    /// ([`super::input_column`]).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        network: &Network,
        features: Features,
        size: Vec2,
    ) -> Option<NeuronId> {
        let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
        self.hovered_link = None;
        let columns = self.widths.len();
        let atlas = self.atlas.as_ref().map(TextureHandle::id)?;
        let rows = input_rows(features);
        if columns < 2
            || network.layers().len() + 1 != columns
            || self.widths[0] != features.count()
        {
            return None;
        }
        let names = features.names();
        let inputs = names.as_slice();
        let label_height = 14.0;
        let area = Rect::from_min_max(rect.min + vec2(0.0, label_height), rect.max);
        let column_gap = (area.width() - INPUT_LABELS) / columns as f32;
        let input_units: f32 = rows.iter().map(InputRow::units).sum();
        let tallest = self.widths[1..]
            .iter()
            .map(|&w| w as f32)
            .fold(input_units, f32::max);
        let thumb = MAX_THUMB
            .min(column_gap * 0.45)
            .min(area.height() / tallest * 0.85)
            .max(4.0);
        self.thumb_pixels = (thumb * ui.ctx().pixels_per_point()).ceil() as usize;
        let input_x = column_x(area.left(), area.width(), 0, columns);
        let row_centres = row_centres(&rows, input_x, area.top(), area.height());
        let input_centres = rows
            .iter()
            .zip(&row_centres)
            .filter_map(|(row, &centre)| row.on.then_some(centre))
            .collect();
        let centres: Vec<Vec<Pos2>> = std::iter::once(input_centres)
            .chain(self.widths.iter().enumerate().skip(1).map(|(c, &width)| {
                let x = column_x(area.left(), area.width(), c, columns);
                let row_gap = area.height() / width.max(1) as f32;
                (0..width)
                    .map(|k| pos2(x, area.top() + row_gap * (k as f32 + 0.5)))
                    .collect()
            }))
            .collect();
        self.centres.clone_from(&centres);
        self.thumb = thumb;
        let bias_side = bias_side(thumb);
        self.bias_side = bias_side;
        let painter = ui.painter_at(rect);
        // Read from the pointer, not the response: the input rows' click areas lie over it.
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|&p| rect.contains(p) && ui.rect_contains_pointer(rect));
        let mut hovered_link = None;
        let largest = network
            .layers()
            .iter()
            .flat_map(|l| l.weight_slice())
            .fold(0.0_f64, |m, w| m.max(w.abs()))
            .max(1e-12);
        let links: usize = network
            .layers()
            .iter()
            .map(|l| l.weight_slice().len())
            .sum();
        let faint = if links > DENSE_LINKS {
            FAINT_SHARE
        } else {
            0.0
        };
        // Every link and every thumbnail's frame go into one mesh, and every thumbnail into a
        // second one on the atlas: two shapes to tessellate whatever the network's size, where
        // a shape per link and a stroke and an image per neuron cost most of a 6×64 frame.
        let neurons: usize = self.widths.iter().sum();
        let mut mesh = egui::Mesh::default();
        mesh.reserve_vertices(4 * (links + neurons));
        mesh.reserve_triangles(2 * (links + neurons));
        for (k, layer) in network.layers().iter().enumerate() {
            for ((from, to), &weight) in layer.weights().indexed_iter() {
                let (share, colour) = match &self.gradients {
                    Some(g) => {
                        let share = g.share(k, from, to);
                        (f64::from(share), gradient_colour(share))
                    }
                    None => {
                        let share = weight.abs() / largest;
                        (share, link_colour(weight, share as f32))
                    }
                };
                if share < faint {
                    continue;
                }
                let (a, b) = (centres[k][from], centres[k + 1][to]);
                let a = a + vec2(thumb / 2.0, 0.0);
                let b = b - vec2(thumb / 2.0, 0.0);
                let width = 0.3 + 3.2 * share as f32;
                add_segment(&mut mesh, a, b, width, colour);
                if let Some(p) = pointer
                    && hovered_link.is_none()
                    && distance_to_segment(p, a, b) < LINK_HOVER.max(width / 2.0)
                {
                    hovered_link = Some((k, from, to, weight, a, b));
                }
            }
        }
        let mut thumbs = egui::Mesh::with_texture(atlas);
        thumbs.reserve_vertices(4 * neurons);
        thumbs.reserve_triangles(2 * neurons);
        // The biases' squares go over the thumbnails, so in a third mesh.
        let mut biases = egui::Mesh::default();
        let mut hovered_neuron = None;
        let mut hovered_bias = None;
        let mut tile = 0;
        for (c, column) in centres.iter().enumerate() {
            for (k, &centre) in column.iter().enumerate() {
                let cell = Rect::from_center_size(centre, Vec2::splat(thumb));
                // The frame is the cell one point larger, under the (opaque) thumbnail.
                mesh.add_colored_rect(cell.expand(1.0), THUMB_FRAME);
                thumbs.add_rect_with_uv(cell, self.tiles.uv(tile), Color32::WHITE);
                tile += 1;
                if let (Some(side), Some(layer)) = (bias_side, c.checked_sub(1)) {
                    let bias = network.layers()[layer].bias()[k];
                    let square = bias_square(cell, side);
                    let share = (bias.abs() / largest).min(1.0) as f32;
                    biases.add_colored_rect(square.expand(1.0), THUMB_FRAME);
                    biases.add_colored_rect(square, link_colour(bias, share));
                    if hovered_bias.is_none() && pointer.is_some_and(|p| square.contains(p)) {
                        hovered_bias = Some(((c, k), bias));
                    }
                }
                if hovered_neuron.is_none() && pointer.is_some_and(|p| cell.expand(2.0).contains(p))
                {
                    hovered_neuron = Some((c, k));
                }
            }
        }
        painter.add(egui::Shape::mesh(mesh));
        painter.add(egui::Shape::mesh(thumbs));
        painter.add(egui::Shape::mesh(biases));
        self.toggled = input_column_ui(ui, &rows, &row_centres, thumb);
        for c in 0..columns {
            let x = column_x(area.left(), area.width(), c, columns);
            painter.text(
                pos2(x, rect.top()),
                egui::Align2::CENTER_TOP,
                column_name(c, columns),
                egui::FontId::proportional(11.0),
                ui.visuals().weak_text_color(),
            );
        }
        if let Some((c, k)) = hovered_neuron {
            let cell = Rect::from_center_size(centres[c][k], Vec2::splat(thumb));
            let stroke = Stroke::new(2.0, ui.visuals().strong_text_color());
            painter.rect_stroke(cell, 2.0, stroke, egui::StrokeKind::Outside);
        }
        // Read from the pointer, not sensed: a clickable diagram would hold its hover text back.
        if pointer.is_some() && ui.input(|i| i.pointer.primary_clicked()) {
            self.clicked = hovered_bias
                .map(|(neuron, _)| neuron)
                .or(hovered_neuron)
                .map(Mark::Neuron)
                .or(hovered_link.map(|(layer, from, to, ..)| Mark::Link { layer, from, to }));
        }
        if let Some((neuron, bias)) = hovered_bias {
            response.on_hover_text_at_pointer(format!(
                "bias {bias:+.4}\n{}\n(click to type it)",
                neuron_name(neuron, columns, inputs)
            ));
        } else if let Some((0, _)) = hovered_neuron {
            // An input's row: its own hover text says it (see input_column).
        } else if let Some(neuron) = hovered_neuron {
            let delta = match (&self.gradients, neuron.0) {
                (Some(g), column) if column > 0 => g
                    .delta(column - 1, neuron.1)
                    .map_or(String::new(), |d| format!("\n{}", delta_text(d))),
                _ => String::new(),
            };
            response.on_hover_text_at_pointer(format!(
                "{}{delta}\n(shown large on the boundary)",
                neuron_name(neuron, columns, inputs)
            ));
        } else if let Some((k, from, to, weight, a, b)) = hovered_link {
            self.hovered_link = Some(Mark::Link { layer: k, from, to });
            painter.line_segment([a, b], Stroke::new(1.0, ui.visuals().strong_text_color()));
            let from_name = neuron_name((k, from), columns, inputs);
            let to_name = neuron_name((k + 1, to), columns, inputs);
            response
                .on_hover_text_at_pointer(format!("weight {weight:+.4}\n{from_name} -> {to_name}"));
        }
        hovered_neuron
    }
}

impl NetworkView {
    /// Whether the atlas's tiles are coarser or finer than the thumbnails were last drawn (a
    /// resize, or the first frame), so it should be re-coloured even if the maps did not change.
    pub fn wants_update(&self, maps: &NeuronMaps) -> bool {
        self.atlas.is_some()
            && self.thumb_pixels > 0
            && self.tiles.side != self.thumb_pixels.min(maps.resolution())
    }

    /// Where neuron `id` was drawn last frame, in screen points.
    pub fn centre(&self, (column, neuron): NeuronId) -> Option<Pos2> {
        self.centres.get(column)?.get(neuron).copied()
    }

    /// How many columns the diagram drew last frame (inputs, hidden layers, output).
    pub fn columns(&self) -> usize {
        self.centres.len()
    }

    /// The neurons of column `column` drawn last frame.
    pub fn neurons(&self, column: usize) -> usize {
        self.centres.get(column).map_or(0, Vec::len)
    }

    /// The thumbnails' side last frame, in points.
    pub fn thumb(&self) -> f32 {
        self.thumb
    }

    /// Where the link of layer `layer` (from 0) from input `from` to neuron `to` was drawn
    /// last frame: its two ends, at the thumbnails' edges.
    pub fn link_ends(&self, layer: usize, from: usize, to: usize) -> Option<(Pos2, Pos2)> {
        let a = self.centre((layer, from))? + vec2(self.thumb / 2.0, 0.0);
        let b = self.centre((layer + 1, to))? - vec2(self.thumb / 2.0, 0.0);
        Some((a, b))
    }

    /// The link or neuron clicked since the last call, to type its weight or bias.
    pub fn take_clicked(&mut self) -> Option<Mark> {
        self.clicked.take()
    }

    /// The input feature (its place in [`Features::NAMES`]) clicked since the
    /// last call, to switch on or off.
    pub fn take_toggled(&mut self) -> Option<usize> {
        self.toggled.take()
    }

    /// Where the bias of neuron `id` (a hidden or output neuron) was drawn last frame: the
    /// centre of its square, `None` when the thumbnails were too small for one.
    pub fn bias_centre(&self, id: NeuronId) -> Option<Pos2> {
        let side = self.bias_side?;
        if id.0 == 0 {
            return None;
        }
        let cell = Rect::from_center_size(self.centre(id)?, Vec2::splat(self.thumb));
        Some(bias_square(cell, side).center())
    }

    /// Colours the links by `gradients` from the next frame on (`None`: by the weights).
    pub fn set_gradients(&mut self, gradients: Option<Gradients>) {
        self.gradients = gradients;
    }

    /// The gradients the links are coloured by, if the gradient view is on.
    pub fn gradients(&self) -> Option<&Gradients> {
        self.gradients.as_ref()
    }

    /// The link under the pointer last frame, if any (and no neuron was).
    pub fn hovered_link(&self) -> Option<Mark> {
        self.hovered_link
    }
}

/// Thumbnails smaller than this (in points) have no bias square: it would hide them.
const MIN_THUMB_FOR_BIAS: f32 = 12.0;

/// The side of the biases' squares next to thumbnails `thumb` points wide, `None` when they are
/// too small to carry one.
fn bias_side(thumb: f32) -> Option<f32> {
    (thumb >= MIN_THUMB_FOR_BIAS).then(|| (thumb * 0.3).min(8.0))
}

/// The square showing a neuron's bias, on the bottom left corner of its thumbnail `cell` (as
/// TensorFlow Playground draws it).
fn bias_square(cell: Rect, side: f32) -> Rect {
    Rect::from_center_size(
        cell.left_bottom() + vec2(side / 4.0, -side / 4.0),
        Vec2::splat(side),
    )
}

/// Adds the segment `a`–`b`, `width` points wide, to `mesh` as a quad. A segment thinner than
/// a point is drawn a point wide with its colour thinned to match, as egui's own lines are.
fn add_segment(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, colour: Color32) {
    let (width, colour) = if width < 1.0 {
        (1.0, colour.gamma_multiply(width))
    } else {
        (width, colour)
    };
    // One square root, not `normalized()`'s hypot: a tenth of a 6×64 frame went to hypot.
    let d = b - a;
    let length = (d.x * d.x + d.y * d.y).sqrt();
    if length == 0.0 {
        return;
    }
    let across = vec2(-d.y, d.x) * (width / 2.0 / length);
    let first = mesh.vertices.len() as u32;
    for corner in [a + across, a - across, b - across, b + across] {
        mesh.colored_vertex(corner, colour);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first, first + 2, first + 3);
}

/// The map cell (of `cells` a side) under the centre of pixel `pixel` of a tile `side` pixels
/// wide: every cell when the two are equal, evenly spaced ones when the tile is smaller.
fn sample_cell(pixel: usize, side: usize, cells: usize) -> usize {
    ((2 * pixel + 1) * cells / (2 * side)).min(cells - 1)
}

/// The distance from `p` to the segment `a`–`b`, in points.
fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(f32::EPSILON)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_distance_clamps_to_the_ends() {
        let (a, b) = (pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert_eq!(distance_to_segment(pos2(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(pos2(-4.0, 3.0), a, b), 5.0);
    }

    #[test]
    fn a_segment_is_one_quad_of_its_width() {
        let mut mesh = egui::Mesh::default();
        add_segment(
            &mut mesh,
            pos2(0.0, 0.0),
            pos2(10.0, 0.0),
            2.0,
            Color32::RED,
        );
        assert_eq!(mesh.vertices.len(), 4);
        assert_eq!(mesh.indices.len(), 6);
        let ys: Vec<f32> = mesh.vertices.iter().map(|v| v.pos.y).collect();
        assert_eq!(ys, vec![1.0, -1.0, -1.0, 1.0]);
        add_segment(
            &mut mesh,
            pos2(0.0, 0.0),
            pos2(0.0, 10.0),
            0.5,
            Color32::RED,
        );
        assert_eq!(
            mesh.vertices[4].pos.x, -0.5,
            "a thin link is drawn a point wide"
        );
        assert_eq!(mesh.vertices[4].color, Color32::RED.gamma_multiply(0.5));
    }

    #[test]
    fn atlas_tiles_hold_each_map_with_its_edges_repeated_around_it() {
        let tiles = Tiles::new(5, 2);
        assert_eq!((tiles.per_row, tiles.rows), (3, 2));
        assert_eq!(
            tiles.size(),
            [12, 8],
            "tiles of 2 pixels plus a border each side"
        );
        let mut pixels = vec![Color32::TRANSPARENT; 12 * 8];
        let map = [Color32::RED, Color32::GREEN, Color32::BLUE, Color32::WHITE];
        tiles.paint(&mut pixels, 4, |row, col| map[row * 2 + col]);
        // Tile 4 is the second of the second row: pixels 4..8 across, 4..8 down.
        let row = |y: usize| pixels[y * 12 + 4..y * 12 + 8].to_vec();
        let (r, g, b, w) = (Color32::RED, Color32::GREEN, Color32::BLUE, Color32::WHITE);
        assert_eq!(row(4), vec![r, r, g, g]);
        assert_eq!(row(5), vec![r, r, g, g]);
        assert_eq!(row(6), vec![b, b, w, w]);
        assert_eq!(row(7), vec![b, b, w, w]);
        assert!(pixels[..4 * 12].iter().all(|&p| p == Color32::TRANSPARENT));
        let uv = tiles.uv(4);
        assert_eq!(uv.min, pos2(5.0 / 12.0, 5.0 / 8.0));
        assert_eq!(uv.max, pos2(7.0 / 12.0, 7.0 / 8.0));
    }

    #[test]
    fn small_tiles_sample_evenly_spaced_cells() {
        let all: Vec<usize> = (0..24).map(|p| sample_cell(p, 24, 24)).collect();
        assert_eq!(all, (0..24).collect::<Vec<_>>());
        let four: Vec<usize> = (0..4).map(|p| sample_cell(p, 4, 24)).collect();
        assert_eq!(four, vec![3, 9, 15, 21]);
        assert_eq!(sample_cell(0, 1, 24), 12);
    }

    #[test]
    fn names_follow_the_columns() {
        let inputs = ["x1", "x2", "sin(x1)"];
        assert_eq!(neuron_name((0, 2), 4, &inputs), "input sin(x1)");
        assert_eq!(neuron_name((2, 0), 4, &inputs), "hidden layer 2, neuron 1");
        assert_eq!(neuron_name((3, 0), 4, &inputs), "output");
    }
}
