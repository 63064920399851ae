//! Three classes in the window: choosing a three-class dataset sizes the output layer to it,
//! switches to cross-entropy, and the boundary, its key and the confusion matrices show every
//! class.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use egui_kittest::kittest::Queryable as _;
use nn_playground::{data::DatasetKind, nn::Loss};

#[test]
fn a_three_class_dataset_trains_a_softmax_network_with_a_three_colour_key() {
    let mut harness = common::window();
    harness.run_steps(2);
    common::choose(&mut harness, "dataset", "three-spirals");
    harness.run_steps(1);
    let app = harness.state();
    assert_eq!(
        app.settings().experiment.data.kind,
        DatasetKind::ThreeSpirals
    );
    assert_eq!(app.session().grid().classes(), 3, "{:?}", app.status());
    assert_eq!(app.trainer().network().classes(), 3);
    assert_eq!(app.settings().experiment.training.loss, Loss::CrossEntropy);
    let epoch = app.trainer().epoch();
    harness.run_steps(3);
    assert!(harness.state().trainer().epoch() > epoch, "it trains");
    harness.get_by_label("green: class 2");
    harness.get_by_label("orange: class 0");
    harness.get_by_label("train: rows true, columns predicted");
    harness.get_by_label("test: rows true, columns predicted");
}
