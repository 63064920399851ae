//! The decision boundary as a picture to keep: the boundary's colours smoothed up to
//! [`EXPORT_SIDE`] pixels as the view's texture is, with the data points drawn on top in the
//! view's colours and shapes (train points round, test points diamonds).

use egui::Color32;

use super::palette::{POINT_OUTLINE, class_colour};
use crate::data::{Domain, Split};

/// The exported picture's width and height, in pixels.
pub const EXPORT_SIDE: usize = 800;
/// The points' radius and outline width on screen, in points (as the boundary view draws
/// them); they scale with the picture.
const POINT_RADIUS: f32 = 4.0;
const OUTLINE_RADIUS: f32 = 5.5;

/// A square RGBA picture being drawn.
struct Canvas {
    side: usize,
    rgba: Vec<u8>,
}

impl Canvas {
    /// Blends `colour` over pixel `(x, y)` with coverage `alpha` in `[0, 1]`.
    fn blend(&mut self, x: usize, y: usize, colour: Color32, alpha: f32) {
        let at = (y * self.side + x) * 4;
        let [r, g, b, _] = colour.to_array();
        for (channel, value) in self.rgba[at..at + 3].iter_mut().zip([r, g, b]) {
            let mixed = f32::from(*channel) * (1.0 - alpha) + f32::from(value) * alpha;
            *channel = mixed.round().clamp(0.0, 255.0) as u8;
        }
        self.rgba[at + 3] = 255;
    }

    /// Fills the marker of `shape` centred on `(cx, cy)` with radius `r` (pixels), with a
    /// one-pixel soft edge.
    fn marker(&mut self, cx: f32, cy: f32, r: f32, shape: Shape, colour: Color32) {
        let reach = r + 1.0;
        let last = (self.side - 1) as f32;
        let (x0, x1) = ((cx - reach).max(0.0), (cx + reach).min(last));
        let (y0, y1) = ((cy - reach).max(0.0), (cy + reach).min(last));
        if x0 > x1 || y0 > y1 {
            return;
        }
        for y in y0 as usize..=y1 as usize {
            for x in x0 as usize..=x1 as usize {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                // Distance inside the edge, in pixels: positive inside.
                let inside = match shape {
                    Shape::Circle => r - (dx * dx + dy * dy).sqrt(),
                    // |dx| + |dy| <= r, measured across the edge (a 45° line).
                    Shape::Diamond => (r - dx.abs() - dy.abs()) / std::f32::consts::SQRT_2,
                };
                let alpha = (inside + 0.5).clamp(0.0, 1.0);
                if alpha > 0.0 {
                    self.blend(x, y, colour, alpha);
                }
            }
        }
    }
}

/// The shape of a point's marker.
#[derive(Clone, Copy)]
enum Shape {
    Circle,
    Diamond,
}

/// The boundary picture: `grid` is the boundary's RGBA at `grid_side × grid_side` (top row
/// first), `domain` the plane it covers, `data` the points, `view_side` how wide the view was
/// drawn on screen (points), so the markers keep their size relative to the boundary.
/// Returns `EXPORT_SIDE × EXPORT_SIDE` RGBA bytes.
pub fn boundary_picture(
    grid: &[u8],
    grid_side: usize,
    domain: Domain,
    data: &Split,
    view_side: f32,
) -> Vec<u8> {
    let side = EXPORT_SIDE;
    let mut canvas = Canvas {
        side,
        rgba: smooth(grid, grid_side, side),
    };
    let scale = side as f32 / view_side.max(100.0);
    let place = |x1: f64, x2: f64| {
        let u = (x1 - domain.x[0]) / (domain.x[1] - domain.x[0]);
        let v = (domain.y[1] - x2) / (domain.y[1] - domain.y[0]);
        ((u * side as f64) as f32, (v * side as f64) as f32)
    };
    for (set, shape) in [(&data.train, Shape::Circle), (&data.test, Shape::Diamond)] {
        for (x1, x2, class) in set.plane_points() {
            let (cx, cy) = place(x1, x2);
            canvas.marker(cx, cy, OUTLINE_RADIUS * scale, shape, POINT_OUTLINE);
            canvas.marker(cx, cy, POINT_RADIUS * scale, shape, class_colour(class));
        }
    }
    canvas.rgba
}

/// Scales a `from × from` RGBA picture to `to × to` by bilinear interpolation between pixel
/// centres, as the view's texture sampling does.
fn smooth(rgba: &[u8], from: usize, to: usize) -> Vec<u8> {
    let mut out = vec![255; to * to * 4];
    if from == 0 || rgba.len() != from * from * 4 {
        return out;
    }
    let texel = |x: usize, y: usize, c: usize| f32::from(rgba[(y * from + x) * 4 + c]);
    let last = from - 1;
    for y in 0..to {
        let fy = ((y as f32 + 0.5) * from as f32 / to as f32 - 0.5).clamp(0.0, last as f32);
        let (y0, ty) = (fy.floor() as usize, fy.fract());
        let y1 = (y0 + 1).min(last);
        for x in 0..to {
            let fx = ((x as f32 + 0.5) * from as f32 / to as f32 - 0.5).clamp(0.0, last as f32);
            let (x0, tx) = (fx.floor() as usize, fx.fract());
            let x1 = (x0 + 1).min(last);
            for c in 0..4 {
                let top = texel(x0, y0, c) * (1.0 - tx) + texel(x1, y0, c) * tx;
                let bottom = texel(x0, y1, c) * (1.0 - tx) + texel(x1, y1, c) * tx;
                let value = top * (1.0 - ty) + bottom * ty;
                out[(y * to + x) * 4 + c] = value.round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoothing_keeps_a_flat_picture_flat_and_blends_between_texels() {
        let flat = [10, 20, 30, 255].repeat(4);
        assert!(
            smooth(&flat, 2, 8)
                .chunks(4)
                .all(|p| p == [10, 20, 30, 255])
        );
        let ramp = [0, 0, 0, 255, 200, 200, 200, 255];
        let two_by_one: Vec<u8> = ramp.iter().chain(&ramp).copied().collect();
        let out = smooth(&two_by_one, 2, 4);
        // Left edge clamps to the first texel, the middle is half way.
        assert_eq!(out[0], 0);
        assert!((out[4] as i32 - 50).abs() <= 1, "{}", out[4]);
        assert_eq!(out[3 * 4], 200);
    }
}
