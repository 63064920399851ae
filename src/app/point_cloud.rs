//! The data points drawn into one texture, redrawn only when the points, the region or the
//! size on screen change.
//!
//! One plot marker per point costs egui a tessellated circle per point on every frame (and a
//! nearest-point search on every mouse move): with 200,000 imported points that was seconds
//! of CPU per frame even while paused. A texture costs one quad per frame whatever the count.

use egui::{Color32, ColorImage, TextureHandle, TextureId, TextureOptions};

use super::palette::POINT_OUTLINE;
use crate::data::{Domain, Split};

/// The largest texture side, in pixels: enough for the boundary view on a large screen.
const MAX_SIDE: usize = 2048;

/// What a texture was drawn from; a new one is drawn when any of it changes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drawn {
    data: u64,
    show_test: bool,
    domain: Domain,
    side: usize,
    radius: f32,
}

/// The points layer of the boundary view.
#[derive(Default)]
pub struct PointCloud {
    texture: Option<TextureHandle>,
    drawn: Option<Drawn>,
}

impl PointCloud {
    /// The texture (its id) of `data`'s points over `domain`, `side` pixels square: training points as
    /// discs, test points as diamonds (only with `show_test`), each in `colour(class)` with a
    /// dark rim. `data_version` names the points (it changes whenever they do), so an
    /// unchanged picture is not redrawn.
    #[expect(
        clippy::too_many_arguments,
        reason = "what the picture is drawn from, each part of the redraw check"
    )]
    pub fn texture(
        &mut self,
        ctx: &egui::Context,
        data: &Split,
        data_version: u64,
        show_test: bool,
        domain: Domain,
        side: usize,
        colour: impl Fn(usize) -> Color32,
    ) -> TextureId {
        let side = side.clamp(1, MAX_SIDE);
        let scale = side as f32 / 400.0;
        let wanted = Drawn {
            data: data_version,
            show_test,
            domain,
            side,
            radius: marker_radius(data.train.len() + data.test.len()) * scale.max(0.5),
        };
        let fresh = self.drawn != Some(wanted);
        if fresh {
            self.drawn = Some(wanted);
        }
        let image = || draw(data, show_test, domain, side, wanted.radius, &colour);
        match &mut self.texture {
            Some(texture) => {
                if fresh {
                    texture.set(image(), TextureOptions::LINEAR);
                }
                texture.id()
            }
            None => {
                let texture = ctx.load_texture("points", image(), TextureOptions::LINEAR);
                let id = texture.id();
                self.texture = Some(texture);
                id
            }
        }
    }
}

/// Marker radius in pixels of a 400-pixel view: the plot's usual 4 for a few hundred points,
/// shrinking for big clouds so their shape shows rather than a solid blot.
fn marker_radius(points: usize) -> f32 {
    match points {
        0..=1_000 => 4.0,
        1_001..=10_000 => 2.5,
        _ => 1.5,
    }
}

/// Draws every point into a transparent `side × side` image, training points first.
fn draw(
    data: &Split,
    show_test: bool,
    domain: Domain,
    side: usize,
    radius: f32,
    colour: &impl Fn(usize) -> Color32,
) -> ColorImage {
    let mut pixels = vec![Color32::TRANSPARENT; side * side];
    let rim = POINT_OUTLINE;
    let test = if show_test { 1 } else { 0 };
    for (set, diamond) in [(&data.train, false), (&data.test, true)]
        .into_iter()
        .take(1 + test)
    {
        for (x1, x2, class) in set.plane_points() {
            let col = ((x1 - domain.x[0]) / (domain.x[1] - domain.x[0])) as f32 * side as f32;
            let row = (1.0 - (x2 - domain.y[0]) / (domain.y[1] - domain.y[0])) as f32 * side as f32;
            if !(col.is_finite() && row.is_finite()) {
                continue;
            }
            let outer = radius + (radius * 0.4).max(1.0);
            stamp(&mut pixels, side, [col, row], outer, diamond, rim);
            stamp(
                &mut pixels,
                side,
                [col, row],
                radius,
                diamond,
                colour(class),
            );
        }
    }
    ColorImage::new([side, side], pixels)
}

/// Paints a disc (or a diamond) of `radius` pixels centred at `[col, row]`.
fn stamp(
    pixels: &mut [Color32],
    side: usize,
    [col, row]: [f32; 2],
    radius: f32,
    diamond: bool,
    colour: Color32,
) {
    let reach = radius.ceil() as i64;
    let (c0, r0) = (col.floor() as i64, row.floor() as i64);
    let side = side as i64;
    for r in (r0 - reach).max(0)..=(r0 + reach).min(side - 1) {
        for c in (c0 - reach).max(0)..=(c0 + reach).min(side - 1) {
            let dx = c as f32 + 0.5 - col;
            let dy = r as f32 + 0.5 - row;
            let inside = if diamond {
                dx.abs() + dy.abs() <= radius * 1.3
            } else {
                dx * dx + dy * dy <= radius * radius
            };
            if inside {
                pixels[(r * side + c) as usize] = colour;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    #[test]
    fn points_land_where_the_plot_puts_them_and_nothing_else_is_painted() {
        let data = Split {
            train: Dataset::xor(),
            test: Dataset::empty(2),
        };
        let domain = Domain {
            x: [0.0, 1.0],
            y: [0.0, 1.0],
        };
        let colour = |class: usize| {
            if class == 1 {
                Color32::RED
            } else {
                Color32::BLUE
            }
        };
        let image = draw(&data, true, domain, 100, 4.0, &colour);
        let at = |col: usize, row: usize| image.pixels[row * 100 + col];
        // XOR's (0, 1) is class 1, top left; (1, 0) class 1, bottom right; (0, 0) class 0.
        assert_eq!(at(1, 1), Color32::RED);
        assert_eq!(at(98, 98), Color32::RED);
        assert_eq!(at(1, 98), Color32::BLUE);
        assert_eq!(at(50, 50), Color32::TRANSPARENT);
        assert_eq!(at(5, 0), POINT_OUTLINE, "the rim");
    }
}
