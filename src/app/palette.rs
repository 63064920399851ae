//! Every colour the window draws with, in one place: the class colours the boundary, its key,
//! the diagram's links and thumbnails share, and the loss plot's line colours.
//!
//! Both views import from here and not from each other.

use egui::Color32;

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
pub const CLASS_NAMES: [&str; 6] = ["orange", "blue", "green", "purple", "red", "teal"];

/// Colour of the hard 0.5 contour and of the edges between classes.
pub const CONTOUR: Color32 = Color32::from_rgb(40, 40, 40);
/// Colour of cells whose output is not a number (never expected: training rolls back).
pub const INVALID: Color32 = Color32::from_rgb(128, 128, 128);
/// The dark ring under each data point, so it stands out on its own class colour.
pub const POINT_OUTLINE: Color32 = Color32::from_gray(30);
/// The frame around a diagram thumbnail that is not hovered.
pub const THUMB_FRAME: Color32 = Color32::from_gray(90);
/// How far the most confident cell goes from white towards its class colour.
const MAX_SHADE: f32 = 0.85;

/// Colour of the training loss (the class 1 blue).
pub const TRAIN_LOSS: Color32 = CLASS1;
/// Colour of the test loss (the class 0 orange).
pub const TEST_LOSS: Color32 = CLASS0;
/// Colours of pinned curves, in pin order (cycled).
pub const PIN_COLOURS: [Color32; 6] = [
    Color32::from_rgb(120, 120, 120),
    Color32::from_rgb(160, 60, 160),
    Color32::from_rgb(40, 150, 80),
    Color32::from_rgb(200, 60, 60),
    Color32::from_rgb(150, 120, 30),
    Color32::from_rgb(30, 150, 160),
];

/// The colour of class `class` (0 to 5; larger classes cycle through 2 to 5).
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

/// Steps of [`shade_colour`]'s table over `[0, 1]`.
const SHADE_STEPS: usize = 4096;

/// [`colour_from_output`] read from a table of its values at [`SHADE_STEPS`] even steps: the
/// diagram colours a quarter of a million map cells a frame at six layers of 64, and the
/// square root and the gamma-space blend cost more than all the rest of its frame. The table's
/// colour is the exact one at the nearest step, within a few levels of 255 of the exact colour
/// next to 0.5 (where the square root is steepest) and within one elsewhere.
pub fn shade_colour(shade: f64) -> Color32 {
    static TABLE: std::sync::OnceLock<Vec<Color32>> = std::sync::OnceLock::new();
    if !shade.is_finite() {
        return INVALID;
    }
    let table = TABLE.get_or_init(|| {
        (0..=SHADE_STEPS)
            .map(|i| colour_from_output(i as f64 / SHADE_STEPS as f64))
            .collect()
    });
    table[(shade.clamp(0.0, 1.0) * SHADE_STEPS as f64).round() as usize]
}

/// The colours of one neuron's map (shades in `[0, 1]`), top row first.
pub fn map_colours(shades: &[f64]) -> Vec<Color32> {
    shades.iter().map(|&s| shade_colour(s)).collect()
}

/// The colour of a diagram link: its sign's class colour, fainter as the weight is smaller
/// than the largest (`share` in `[0, 1]`).
pub fn link_colour(weight: f64, share: f32) -> Color32 {
    let colour = if weight >= 0.0 { CLASS1 } else { CLASS0 };
    colour.gamma_multiply(0.35 + 0.65 * share)
}

/// The colour of a link in the gradient view, `share` (0 to 1) of the way from faint to full.
pub fn gradient_colour(share: f32) -> Color32 {
    GRADIENT.gamma_multiply(0.15 + 0.85 * share)
}

/// The gradient view's colour.
const GRADIENT: Color32 = Color32::from_rgb(150, 60, 210);

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
    fn the_shade_table_is_the_exact_colour_within_a_few_levels() {
        let channels = |c: Color32| c.to_array().map(i32::from);
        let mut worst = 0;
        for i in 0..=100_000 {
            let shade = i as f64 / 100_000.0;
            let (fast, exact) = (
                channels(shade_colour(shade)),
                channels(colour_from_output(shade)),
            );
            for (f, e) in fast.iter().zip(exact) {
                worst = worst.max((f - e).abs());
            }
        }
        assert!(worst <= 4, "the table is {worst} levels off");
        assert!(worst >= 1, "a table this coarse cannot be exact everywhere");
        assert_eq!(shade_colour(0.5), Color32::WHITE);
        assert_eq!(shade_colour(-3.0), colour_from_output(0.0));
        assert_eq!(shade_colour(f64::NAN), INVALID);
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
