//! The diagram's input column, as TensorFlow Playground draws it: every feature the network
//! can take, labelled, whether it is on or off. A feature that is on is an input neuron with
//! its thumbnail; one that is off is a shorter, empty row. A click on a feature's row switches
//! it on or off, as its tick under *Data* does (`x1` and `x2` too, as long as one feature
//! stays on).

use egui::{Pos2, Rect, Sense, Stroke, WidgetInfo, pos2, vec2};

use crate::data::Features;

/// The height of a row whose feature is off, as a share of a row whose feature is on.
const OFF_ROW: f32 = 0.6;
/// The labels' font size, in points.
const LABEL_SIZE: f32 = 10.0;
/// The gap between a label and its thumbnail, in points.
const LABEL_GAP: f32 = 3.0;

/// One row of the input column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputRow {
    /// The feature's name, as the Data ticks write it (`x1`, `x1^2`, …).
    pub name: &'static str,
    /// Its place among [`Features::NAMES`].
    pub index: usize,
    /// Whether the network takes this feature.
    pub on: bool,
}

impl InputRow {
    /// The row's height in units of an on row's.
    pub fn units(&self) -> f32 {
        if self.on { 1.0 } else { OFF_ROW }
    }
}

/// The input column's rows, top to bottom, in [`Features::NAMES`] order, on or off.
pub fn input_rows(features: Features) -> Vec<InputRow> {
    Features::NAMES
        .into_iter()
        .zip(features.toggles())
        .enumerate()
        .map(|(index, (name, on))| InputRow { name, index, on })
        .collect()
}

/// The rows' centres in a column at `x` spanning `top..top + height`, each row as tall as its
/// [`InputRow::units`] share.
pub fn row_centres(rows: &[InputRow], x: f32, top: f32, height: f32) -> Vec<Pos2> {
    let unit = height / rows.iter().map(InputRow::units).sum::<f32>().max(1.0);
    let mut y = top;
    rows.iter()
        .map(|row| {
            let centre = pos2(x, y + row.units() * unit / 2.0);
            y += row.units() * unit;
            centre
        })
        .collect()
}

/// Draws the rows' labels and the off rows' empty frames around thumbnails `thumb` points wide
/// centred at `centres`, and makes each row (label and thumbnail) clickable, with its hover
/// text. Returns the feature (its place in [`Features::NAMES`]) clicked this frame, to switch.
pub fn input_column_ui(
    ui: &mut egui::Ui,
    rows: &[InputRow],
    centres: &[Pos2],
    thumb: f32,
) -> Option<usize> {
    let painter = ui.painter();
    let font = egui::FontId::proportional(LABEL_SIZE);
    let visuals = ui.visuals().clone();
    let mut clicked = None;
    for (row, &centre) in rows.iter().zip(centres) {
        let colour = if row.on {
            visuals.text_color()
        } else {
            visuals.weak_text_color()
        };
        let right = pos2(centre.x - thumb / 2.0 - LABEL_GAP, centre.y);
        let label = painter.text(
            right,
            egui::Align2::RIGHT_CENTER,
            row.name,
            font.clone(),
            colour,
        );
        let cell = Rect::from_center_size(centre, vec2(thumb, thumb * OFF_ROW));
        if !row.on {
            let stroke = Stroke::new(1.0, visuals.weak_text_color());
            painter.rect_stroke(cell, 2.0, stroke, egui::StrokeKind::Inside);
        }
        let area = label.union(Rect::from_center_size(centre, vec2(thumb, thumb)));
        let name = format!("input {}", row.name);
        let response = ui.interact(
            area,
            ui.scope_id().with(("input row", row.index)),
            Sense::click(),
        );
        response.widget_info(|| WidgetInfo::selected(egui::Role::CheckBox, true, row.on, &name));
        let hint = if row.on {
            format!("{name} (shown large on the boundary)\nClick to switch it off (rebuilds)")
        } else {
            format!("{name}: off\nClick to feed it to the network (rebuilds)")
        };
        if response.on_hover_text_at_pointer(hint).clicked() {
            clicked = Some(row.index);
        }
    }
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_has_a_row_in_order_and_the_off_ones_are_shorter() {
        let features = Features {
            x1_x2: true,
            ..Features::default()
        };
        let rows = input_rows(features);
        let names: Vec<_> = rows.iter().map(|r| r.name).collect();
        assert_eq!(
            names,
            ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
        );
        let on: Vec<_> = rows.iter().filter(|r| r.on).map(|r| r.name).collect();
        assert_eq!(on, features.names(), "the on rows are the network's inputs");
        assert_eq!(rows[4].index, 4);
        assert_eq!(rows[0].index, 0);
        let centres = row_centres(&rows, 5.0, 10.0, 3.0 + 4.0 * OFF_ROW);
        let ys: Vec<f32> = centres.iter().map(|c| c.y).collect();
        // On rows a unit tall, off rows OFF_ROW (0.6): x1 at 0.5, x2 at 1.5, x1^2 at 2 + 0.3, ...
        let expected = [0.5, 1.5, 2.3, 2.9, 3.7, 4.5, 5.1];
        for (y, e) in ys.iter().zip(expected) {
            assert!((y - 10.0 - e).abs() < 1e-5, "{ys:?}");
        }
        assert!(centres.iter().all(|c| c.x == 5.0));
    }
}
