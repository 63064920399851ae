//! The loss plot: train and test loss against epoch, optionally on a log scale.

use egui_plot::{AxisHints, GridMark, HoverPosition, Legend, Line, Plot, Points};

use super::palette::{PIN_COLOURS, TEST_LOSS, TRAIN_LOSS};
use crate::{compare::Pins, session::Session};

/// The training-loss line, named `name`.
fn train_line(name: String, points: &[[f64; 2]]) -> Line<'static> {
    Line::new(name, points.to_vec())
        .color(TRAIN_LOSS)
        .width(2.0)
}

/// The test-loss line.
fn test_line(points: &[[f64; 2]]) -> Line<'static> {
    Line::new("test loss", points.to_vec())
        .color(TEST_LOSS)
        .width(2.0)
}

/// A pinned run's training-loss line, dashed.
fn pinned_line(name: &str, points: &[[f64; 2]], index: usize) -> Line<'static> {
    Line::new(name.to_owned(), points.to_vec())
        .color(PIN_COLOURS[index % PIN_COLOURS.len()])
        .style(egui_plot::LineStyle::Dashed { length: 8.0 })
        .width(1.5)
}

/// An epoch tick, short enough to fit at 10⁷: `2500`, `40k`, `3.5M`.
fn epoch_tick(mark: GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    let v = mark.value;
    if v.abs() >= 1e6 {
        format!("{}M", v / 1e6)
    } else if v.abs() >= 1e4 {
        format!("{}k", v / 1e3)
    } else {
        format!("{v}")
    }
}

/// The loss a plotted `y` stands for.
fn loss_from_y(y: f64, log_scale: bool) -> f64 {
    if log_scale { 10f64.powf(y) } else { y }
}

/// The hover text: which line, the epoch and the loss.
fn hover_text(position: &HoverPosition<'_>, log_scale: bool) -> Option<String> {
    match position {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => Some(format!(
            "{plot_name}\nepoch {:.0}\nloss {:.5}",
            position.x.max(0.0),
            loss_from_y(position.y, log_scale)
        )),
        HoverPosition::Elsewhere { position } => Some(format!(
            "epoch {:.0}\nloss {:.5}",
            position.x.max(0.0),
            loss_from_y(position.y, log_scale)
        )),
    }
}

/// Draws the plot `width × height`, with the pinned runs dashed behind the current one.
pub fn loss_plot_ui(ui: &mut egui::Ui, session: &Session, pins: &Pins, width: f32, height: f32) {
    let log_scale = session.log_scale();
    let mut plot = Plot::new("loss")
        .width(width)
        .height(height)
        .legend(Legend::default())
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("epoch")
                .formatter(epoch_tick)
                .label_spacing(40.0..=60.0),
        ])
        .y_axis_label(if log_scale { "loss (log)" } else { "loss" })
        .include_x(0.0)
        .label_formatter(move |position| hover_text(position, log_scale));
    if log_scale {
        plot = plot.y_axis_formatter(|mark, _| format!("{:.0e}", 10f64.powf(mark.value)));
    } else {
        plot = plot.include_y(0.0);
    }
    let train_name = if pins.is_empty() {
        "train loss".to_owned()
    } else {
        format!("now: {}", pins.label_for(session.experiment()))
    };
    plot.show(ui, |plot| {
        for (index, run) in pins.runs().iter().enumerate() {
            plot.line(pinned_line(&run.label, pins.plotted(index), index));
        }
        if let [only] = session.train_curve() {
            // A loaded file starts its history afresh: one point, which a line cannot show.
            plot.points(
                Points::new(train_name.clone(), vec![*only])
                    .color(TRAIN_LOSS)
                    .radius(4.0),
            );
        }
        plot.line(train_line(train_name, session.train_curve()));
        if !session.test_curve().is_empty() {
            plot.line(test_line(session.test_curve()));
        }
    });
}
