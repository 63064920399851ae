//! Readouts under the plots: epoch, losses, accuracy, speed, and the XOR predictions table.

use std::time::Duration;

use super::{Command, rates::Rates};
use crate::{
    train::{ConfusionMatrix, Evaluation, Schedule},
    view::{explained::ExplainTarget, snapshot::Snapshot},
};

/// Draws the numbers; `target` is the epoch count (None: until stopped), `rates` what the
/// window achieved over the last second.
pub fn readouts_ui(
    ui: &mut egui::Ui,
    session: &Snapshot,
    target: Option<u64>,
    rates: &Rates,
    frame_time: Duration,
) {
    let trainer = session.trainer();
    // After *Clear points* the trainer's last evaluation is of points that are gone.
    let (train, test) = if session.has_data() {
        (Some(trainer.train_evaluation()), trainer.test_evaluation())
    } else {
        (None, None)
    };
    let loss = |e: Option<Evaluation>, none: &str| {
        e.map_or_else(|| none.to_owned(), |e| format!("{:.6}", e.loss))
    };
    egui::Grid::new("readouts")
        .num_columns(2)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            ui.label("epoch");
            ui.monospace(match target {
                Some(t) => format!("{} / {t}", trainer.epoch()),
                None => trainer.epoch().to_string(),
            });
            ui.end_row();
            ui.label("train loss");
            ui.monospace(loss(train, "no points"));
            ui.end_row();
            ui.label("test loss");
            ui.monospace(loss(test, "no test set"));
            ui.end_row();
            ui.label("accuracy");
            ui.monospace(match (train, test) {
                (Some(r), Some(t)) => format!(
                    "train {:.1}%  test {:.1}%",
                    r.accuracy * 100.0,
                    t.accuracy * 100.0
                ),
                (Some(r), None) => format!("train {:.1}%", r.accuracy * 100.0),
                (None, _) => "no points".to_owned(),
            });
            ui.end_row();
            ui.label("learning rate");
            let config = trainer.config();
            let now = config.schedule.rate(config.learning_rate, trainer.epoch());
            ui.monospace(match config.schedule {
                Schedule::Constant => format!("{now}"),
                schedule => format!(
                    "{} ({}, base {})",
                    significant(now),
                    schedule.name(),
                    config.learning_rate
                ),
            });
            ui.end_row();
            ui.label("speed");
            ui.monospace(match rates.per_second() {
                Some((epochs, frames)) => format!("{epochs:.0} epochs/s · {frames:.0} frames/s"),
                None => "paused".to_owned(),
            })
            .on_hover_text(format!(
                "What the epoch counter and the screen do. The training alone computes {:.0} \
                 epochs a second: raise epochs per frame to go faster.",
                trainer.epochs_per_second()
            ));
            ui.end_row();
            ui.label("frame time");
            ui.monospace(format!("{:.2} ms", frame_time.as_secs_f64() * 1e3));
            ui.end_row();
        });
}

/// `x` to three significant digits (`0.250`, `0.0125`, `3.14e-7`): enough to follow a
/// decaying rate without a column of zeros.
fn significant(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return x.to_string();
    }
    let magnitude = x.abs().log10().floor();
    if magnitude < -4.0 {
        return format!("{x:.2e}");
    }
    let decimals = (2.0 - magnitude).max(0.0) as usize;
    format!("{x:.decimals$}")
}

/// The tutorial's table: each training point, its target and the network's output, and a
/// button that explains the point's step.
pub fn predictions_ui(ui: &mut egui::Ui, session: &Snapshot, commands: &mut Vec<Command>) {
    let Some(rows) = session.predictions() else {
        return;
    };
    egui::Grid::new("predictions")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            for head in ["x1", "x2", "target", "output"] {
                ui.strong(head);
            }
            ui.end_row();
            for row in rows {
                ui.monospace(format!("{}", row.input[0]));
                ui.monospace(format!("{}", row.input[1]));
                ui.monospace(format!("{}", row.target));
                ui.monospace(format!("{:.4}", row.output));
                let [x1, x2] = row.input;
                let button = ui
                    .small_button("explain")
                    .on_hover_text("This point's training step, number by number");
                // Four buttons read "explain": the accessibility tree tells them apart.
                let name = format!("explain ({x1}, {x2})");
                button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                if button.clicked() {
                    commands.push(Command::Explain(ExplainTarget::Point {
                        inputs: row.input.to_vec(),
                        label: row.target,
                        is_test: false,
                    }));
                }
                ui.end_row();
            }
        });
}

/// Confusion matrices of the training and test sets (rows: true class, columns: predicted),
/// shown when the predictions table is not (more than a handful of points).
pub fn confusion_ui(ui: &mut egui::Ui, session: &Snapshot) {
    if session.predictions().is_some() || !session.has_data() {
        return;
    }
    let trainer = session.trainer();
    let train = trainer.train_evaluation().confusion;
    let test = trainer.test_evaluation().map(|e| e.confusion);
    for (name, matrix) in [("train", Some(train)), ("test", test)] {
        if let Some(matrix) = matrix {
            ui.vertical(|ui| matrix_ui(ui, name, &matrix));
            ui.separator();
        }
    }
}

fn matrix_ui(ui: &mut egui::Ui, name: &str, matrix: &ConfusionMatrix) {
    ui.strong(format!("{name}: rows true, columns predicted"));
    let k = matrix.classes();
    egui::Grid::new(format!("confusion {name}"))
        .num_columns(k + 1)
        .striped(true)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            ui.label("");
            for predicted in 0..k {
                ui.strong(predicted.to_string());
            }
            ui.end_row();
            for actual in 0..k {
                ui.strong(actual.to_string());
                for &count in matrix.row(actual) {
                    ui.monospace(count.to_string());
                }
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_read_to_three_significant_digits() {
        assert_eq!(super::significant(0.25), "0.250");
        assert_eq!(super::significant(0.0125), "0.0125");
        assert_eq!(super::significant(12.5), "12.5");
        assert_eq!(super::significant(3.14159e-7), "3.14e-7");
    }
}
