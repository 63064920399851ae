//! Readouts under the plots: epoch, losses, accuracy, speed, and the XOR predictions table.

use std::time::Duration;

use crate::{session::Session, train::ConfusionMatrix};

/// Draws the numbers; `target` is the epoch count (None: until stopped).
pub fn readouts_ui(
    ui: &mut egui::Ui,
    session: &Session,
    target: Option<u64>,
    frame_time: Duration,
) {
    let trainer = session.trainer();
    let train = trainer.train_evaluation();
    let test = trainer.test_evaluation();
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
            ui.monospace(format!("{:.6}", train.loss));
            ui.end_row();
            ui.label("test loss");
            ui.monospace(test.map_or_else(|| "no test set".into(), |t| format!("{:.6}", t.loss)));
            ui.end_row();
            ui.label("accuracy");
            ui.monospace(match test {
                Some(t) => format!(
                    "train {:.1}%  test {:.1}%",
                    train.accuracy * 100.0,
                    t.accuracy * 100.0
                ),
                None => format!("train {:.1}%", train.accuracy * 100.0),
            });
            ui.end_row();
            ui.label("epochs/s");
            ui.monospace(format!("{:.0}", trainer.epochs_per_second()));
            ui.end_row();
            ui.label("frame time");
            ui.monospace(format!("{:.2} ms", frame_time.as_secs_f64() * 1e3));
            ui.end_row();
        });
}

/// The tutorial's table: each training point, its target and the network's output.
pub fn predictions_ui(ui: &mut egui::Ui, session: &Session) {
    let Some(rows) = session.predictions() else {
        return;
    };
    egui::Grid::new("predictions")
        .num_columns(4)
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
                ui.end_row();
            }
        });
}

/// Confusion matrices of the training and test sets (rows: true class, columns: predicted),
/// shown when the predictions table is not (more than a handful of points).
pub fn confusion_ui(ui: &mut egui::Ui, session: &Session) {
    if session.predictions().is_some() {
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
