//! The loss plot: train and test loss against epoch, optionally on a log scale, with pinned
//! runs dashed behind. It follows the run (epoch 0 to the latest, every loss in view) until
//! the user pans or zooms; then a "Follow the run" button brings it back. Hovering shows the
//! nearest point of a curve, its loss in significant digits.

use std::ops::RangeInclusive;

use egui_plot::{
    AxisHints, GridMark, Legend, Line, MarkerShape, Plot, PlotPoint, Points, log_grid_spacer,
    uniform_grid_spacer,
};

use super::{
    grid_steps::grid_steps,
    palette::{PIN_COLOURS, TEST_LOSS, TRAIN_LOSS},
};
use crate::{view::pins::Pins, view::snapshot::Snapshot};

/// Label of the button that brings the plot back to the run.
pub const FOLLOW_LABEL: &str = "Follow the run";

/// The plot's own state: whether it follows the run, and what the pointer is over.
#[derive(Debug, Default)]
pub struct LossPlot {
    /// The user panned or zoomed: the plot keeps their view until they ask to follow again.
    panned: bool,
    /// The curve point under the pointer last frame: the curve's name, epoch and loss.
    hovered: Option<(String, f64, f64)>,
    /// The y range shown last frame.
    y_range: Option<[f64; 2]>,
}

/// One curve as plotted: its name and points `[epoch, y]`, `y` being the loss or its `log10`.
struct Curve {
    name: String,
    points: Vec<[f64; 2]>,
}

impl Curve {
    /// The curve of `[epoch, loss]` points, on the log scale when asked.
    fn new(name: String, points: &[[f64; 2]], log_scale: bool) -> Self {
        let points = points
            .iter()
            .map(|&[epoch, loss]| [epoch, y_from_loss(loss, log_scale)])
            .collect();
        Self { name, points }
    }
}

/// The training-loss line.
fn train_line(curve: &Curve) -> Line<'static> {
    Line::new(curve.name.clone(), curve.points.clone())
        .color(TRAIN_LOSS)
        .width(2.0)
}

/// The test-loss line.
fn test_line(curve: &Curve) -> Line<'static> {
    Line::new(curve.name.clone(), curve.points.clone())
        .color(TEST_LOSS)
        .width(2.0)
}

/// Pinned run `index`'s training-loss line, dashed.
fn pinned_line(curve: &Curve, index: usize) -> Line<'static> {
    Line::new(curve.name.clone(), curve.points.clone())
        .color(PIN_COLOURS[index % PIN_COLOURS.len()])
        .style(egui_plot::LineStyle::Dashed { length: 8.0 })
        .width(1.5)
}

/// `value` in `digits` significant digits, plainly between 0.001 and 10⁶, else in scientific
/// notation: `0.2513`, `3.142e-5`, `12500`.
pub fn significant(value: f64, digits: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    if (-3..6).contains(&magnitude) {
        let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
        format!("{value:.decimals$}")
    } else {
        format!("{value:.prec$e}", prec = digits.saturating_sub(1))
    }
}

/// A tick label with as many decimals as the tick spacing `step` needs, so neighbouring ticks
/// never read the same (and never all "0"); tiny spacings go scientific.
pub fn tick_text(value: f64, step: f64) -> String {
    if value.abs() < step * 1e-6 {
        return "0".to_owned();
    }
    if step >= 1.0 || !step.is_finite() || step <= 0.0 {
        return format!("{value:.0}");
    }
    let decimals = (-step.log10()).ceil().max(0.0) as usize;
    if decimals > 4 {
        let exponent = value.abs().log10().floor() as i32;
        let digits = (exponent - step.log10().floor() as i32).max(0) as usize;
        format!("{value:.digits$e}")
    } else {
        format!("{value:.decimals$}")
    }
}

/// An epoch tick, short enough to fit at 10⁷: `2500`, `40k`, `3.5M`. Epochs are whole, so a
/// fractional tick (a short run zoomed in) gets no label.
fn epoch_tick(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let v = mark.value;
    if v < 0.0 || v.fract().abs() > 1e-9 {
        String::new()
    } else if v >= 1e6 {
        format!("{}M", v / 1e6)
    } else if v >= 1e4 {
        format!("{}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// A loss tick: on the log scale the loss `10^y` itself, else the value with the decimals the
/// spacing needs.
fn loss_tick(mark: GridMark, log_scale: bool) -> String {
    if log_scale {
        significant(10f64.powf(mark.value), 2)
    } else {
        tick_text(mark.value, mark.step_size)
    }
}

/// The loss a plotted `y` stands for.
fn loss_from_y(y: f64, log_scale: bool) -> f64 {
    if log_scale { 10f64.powf(y) } else { y }
}

/// Where `loss` is plotted: itself, or its `log10` on the log scale (floored at the smallest
/// positive number, so a zero loss stays finite). The curves themselves always hold the loss;
/// the scale is the plot's alone.
fn y_from_loss(loss: f64, log_scale: bool) -> f64 {
    if log_scale {
        loss.max(f64::MIN_POSITIVE).log10()
    } else {
        loss
    }
}

/// The view that shows every curve whole: epochs from 0 to just past the latest (at least 1,
/// so a single point sits at the left edge, never among negative epochs), losses from 0 (or
/// the smallest, on the log scale) to the largest with a little room.
fn follow_bounds(curves: &[Curve], log_scale: bool) -> ([f64; 2], [f64; 2]) {
    let points = curves.iter().flat_map(|c| c.points.iter());
    let (mut last, mut low, mut high) = (1.0_f64, f64::INFINITY, f64::NEG_INFINITY);
    for &[x, y] in points {
        if x.is_finite() && y.is_finite() {
            last = last.max(x);
            low = low.min(y);
            high = high.max(y);
        }
    }
    if !low.is_finite() {
        (low, high) = if log_scale { (-1.0, 0.0) } else { (0.0, 1.0) };
    }
    if !log_scale {
        low = low.min(0.0);
    }
    let span = (high - low).max(if log_scale {
        0.5
    } else {
        high.abs() * 0.1 + 1e-12
    });
    let margin = span * 0.05;
    // A little room on the right too, so the newest point (a loaded file's only one) is drawn
    // whole rather than cut by the edge.
    ([0.0, last * 1.02], [low - margin, high + margin])
}

impl LossPlot {
    /// Whether the plot follows the run (the user has not panned or zoomed it away).
    pub fn is_following(&self) -> bool {
        !self.panned
    }

    /// The curve point under the pointer: the curve's name, epoch and loss.
    pub fn hovered(&self) -> Option<&(String, f64, f64)> {
        self.hovered.as_ref()
    }

    /// Follow the run again.
    pub fn follow(&mut self) {
        self.panned = false;
    }

    /// The "Follow the run" button, shown only while the user has panned the plot away.
    pub fn follow_button_ui(&mut self, ui: &mut egui::Ui) {
        if self.panned
            && ui
                .button(FOLLOW_LABEL)
                .on_hover_text("Show the whole run again as it trains (or double-click the plot)")
                .clicked()
        {
            self.follow();
        }
    }

    /// The y range the plot showed last frame: losses, or their `log10` on the log scale.
    pub fn y_range(&self) -> Option<[f64; 2]> {
        self.y_range
    }

    /// Draws the plot `width × height`, with the pinned runs dashed behind the current one,
    /// losses on the log scale when `log_scale`.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Snapshot,
        pins: &Pins,
        log_scale: bool,
        size: egui::Vec2,
    ) {
        let train_name = if pins.is_empty() {
            "train loss".to_owned()
        } else {
            format!("now: {}", pins.label_for(session.experiment()))
        };
        let pinned = pins.runs().len();
        let mut curves: Vec<Curve> = pins
            .runs()
            .iter()
            .map(|run| Curve::new(run.label.clone(), &run.curve, log_scale))
            .collect();
        curves.push(Curve::new(train_name, session.train_curve(), log_scale));
        if !session.test_curve().is_empty() {
            curves.push(Curve::new(
                "test loss".to_owned(),
                session.test_curve(),
                log_scale,
            ));
        }
        let ([x0, x1], [y0, y1]) = follow_bounds(&curves, log_scale);
        let following = !self.panned;
        let plot = Plot::new("loss")
            .width(size.x)
            .height(size.y)
            .legend(Legend::default())
            .custom_x_axes(vec![
                AxisHints::new_x()
                    .label("epoch")
                    .formatter(epoch_tick)
                    .label_spacing(40.0..=60.0),
            ])
            .custom_y_axes(vec![
                AxisHints::new_y()
                    .label(if log_scale { "loss (log)" } else { "loss" })
                    .formatter(move |mark, _| loss_tick(mark, log_scale))
                    .label_spacing(24.0..=40.0),
            ])
            // Decades on the log scale; steps of 1, 2 or 5 on the linear one.
            .y_grid_spacer(if log_scale {
                log_grid_spacer(10)
            } else {
                uniform_grid_spacer(grid_steps)
            })
            // The nearest curve point is shown below instead of the cursor's coordinates.
            .show_x(false)
            .show_y(false)
            .allow_double_click_reset(false);
        let mut hovered = None;
        let marker = ui.visuals().strong_text_color();
        let shown = plot.show(ui, |plot| {
            if following {
                plot.set_plot_bounds_x(x0..=x1);
                plot.set_plot_bounds_y(y0..=y1);
            }
            for (index, curve) in curves[..pinned].iter().enumerate() {
                plot.line(pinned_line(curve, index));
            }
            let train = &curves[pinned];
            let test = curves.get(pinned + 1);
            // A loaded file starts its history afresh: one point, which a line cannot show.
            for (curve, colour) in [(Some(train), TRAIN_LOSS), (test, TEST_LOSS)] {
                if let Some(Curve { name, points, .. }) = curve
                    && let [only] = points[..]
                {
                    plot.points(
                        Points::new(name.clone(), vec![only])
                            .color(colour)
                            .radius(4.0),
                    );
                }
            }
            plot.line(train_line(train));
            if let Some(test) = test {
                plot.line(test_line(test));
            }
            // The pointer's position is known wherever it is: mark a point only over the plot.
            if plot.response().hovered()
                && let Some(pointer) = plot.pointer_coordinate()
            {
                let at = plot.screen_from_plot(pointer);
                hovered = nearest(&curves, |p| plot.screen_from_plot(p).distance(at));
                if let Some((_, [x, y])) = &hovered {
                    plot.points(
                        Points::new("", vec![[*x, *y]])
                            .shape(MarkerShape::Circle)
                            .radius(5.0)
                            .filled(false)
                            .color(marker)
                            .allow_hover(false),
                    );
                }
            }
        });
        let bounds = shown.transform.bounds();
        self.y_range = Some([bounds.min()[1], bounds.max()[1]]);
        let response = &shown.response;
        let moved = response.dragged()
            || (response.hovered()
                && ui
                    .input(|i| i.smooth_scroll_delta != egui::Vec2::ZERO || i.zoom_delta() != 1.0));
        if moved {
            self.panned = true;
        }
        if response.double_clicked() {
            self.follow();
        }
        self.hovered = hovered.map(|(name, [x, y])| (name, x, loss_from_y(y, log_scale)));
        if let Some((name, epoch, loss)) = &self.hovered {
            shown.response.clone().on_hover_text_at_pointer(format!(
                "{name}\nepoch {epoch:.0}\nloss {}",
                significant(*loss, 4)
            ));
        }
    }
}

/// The curve point nearest the pointer by `distance` (in screen points): over the plot, the
/// hover always names a real point of a curve.
fn nearest(curves: &[Curve], distance: impl Fn(PlotPoint) -> f32) -> Option<(String, [f64; 2])> {
    let mut best: Option<(f32, &Curve, [f64; 2])> = None;
    for curve in curves {
        for &[x, y] in &curve.points {
            let d = distance(PlotPoint::new(x, y));
            if best.is_none_or(|(b, _, _)| d < b) {
                best = Some((d, curve, [x, y]));
            }
        }
    }
    best.map(|(_, curve, point)| (curve.name.clone(), point))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_losses_keep_their_digits() {
        assert_eq!(significant(0.000_012_345, 4), "1.234e-5");
        assert_eq!(significant(0.251_34, 4), "0.2513");
        assert_eq!(significant(0.002_5, 2), "0.0025");
        assert_eq!(significant(12_500.0, 3), "12500");
        assert_eq!(significant(0.0, 4), "0");
    }

    #[test]
    fn ticks_differ_at_any_spacing() {
        for step in [0.5, 0.05, 0.002, 2e-5, 1e-7] {
            let texts: Vec<String> = (0..5).map(|k| tick_text(k as f64 * step, step)).collect();
            let distinct: std::collections::HashSet<_> = texts.iter().collect();
            assert_eq!(distinct.len(), 5, "step {step}: {texts:?}");
        }
        assert_eq!(tick_text(0.25, 0.05), "0.25");
        assert_eq!(tick_text(0.0, 0.05), "0");
    }

    #[test]
    fn one_point_sits_at_epoch_zero_without_negative_epochs() {
        let curves = [Curve::new("train".into(), &[[0.0, 0.3]], false)];
        let ([x0, x1], [y0, y1]) = follow_bounds(&curves, false);
        assert_eq!(x0, 0.0, "no negative epochs");
        assert!(
            (1.0..1.05).contains(&x1),
            "epoch 0 at the left edge: 0..{x1}"
        );
        let later = [Curve::new(
            "train".into(),
            &[[0.0, 0.3], [300.0, 0.1]],
            false,
        )];
        let ([_, x1], _) = follow_bounds(&later, false);
        assert!(
            x1 > 300.0 && x1 < 310.0,
            "the last epoch inside the edge: {x1}"
        );
        assert!(y0 <= 0.0 && y1 > 0.3, "{y0}..{y1}");
    }

    #[test]
    fn the_log_scale_plots_log10_and_keeps_a_zero_loss_finite() {
        let curve = Curve::new("train".into(), &[[0.0, 0.01], [1.0, 0.0]], true);
        assert_eq!(curve.points[0], [0.0, -2.0]);
        assert!(curve.points[1][1].is_finite());
        assert_eq!(
            Curve::new("t".into(), &[[0.0, 0.01]], false).points[0][1],
            0.01
        );
    }
}
