//! A network with no hidden layer (`--hidden 0`, or *hidden layers* at 0 in the window): the
//! inputs feed the output neuron straight away, logistic regression. It trains, cannot solve
//! XOR (no straight line parts its classes), saves and loads back in both file formats, and
//! the diagram draws the inputs straight to the output.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use std::process::{Command, Output};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap()
}

#[test]
fn no_hidden_layer_trains_but_cannot_solve_xor_and_saves_and_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["linear.json", "linear.npz"] {
        let file = dir.path().join(name);
        let path = file.to_str().unwrap();
        let args = ["train", "--dataset", "xor-clusters", "--hidden", "0"];
        let trained = json(&run(&[&args[..], &["--json", "--save", path]].concat()));
        let accuracy = trained["train_accuracy"].as_f64().unwrap();
        assert!(
            (0.35..=0.65).contains(&accuracy),
            "a straight line cannot part XOR: accuracy {accuracy}"
        );
        let saved: serde_json::Value = if name.ends_with(".json") {
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap()
        } else {
            serde_json::Value::Null
        };
        if !saved.is_null() {
            assert_eq!(saved["layers"].as_array().unwrap().len(), 1, "{name}");
            assert_eq!(
                saved["experiment"]["network"]["hidden"],
                serde_json::json!([])
            );
        }
        let again = json(&run(&["train", "--load", path, "--epochs", "0", "--json"]));
        assert_eq!(again["predictions"], trained["predictions"], "{name}");
        let inspect = run(&["inspect", path]);
        let text = String::from_utf8_lossy(&inspect.stdout);
        assert_eq!(inspect.status.code(), Some(0), "{name}: {text}");
    }
}

#[test]
fn a_hidden_layer_solves_what_none_cannot() {
    // The control: the same data and training with one hidden layer gets XOR right.
    let args = [
        "train",
        "--dataset",
        "xor-clusters",
        "--hidden",
        "4",
        "--activation",
        "tanh",
    ];
    let out = json(&run(&[&args[..], &["--json"]].concat()));
    assert!(out["train_accuracy"].as_f64().unwrap() > 0.9, "{out}");
}

#[test]
fn the_window_goes_down_to_no_hidden_layer_and_draws_inputs_straight_to_the_output() {
    let mut harness = common::window();
    harness.run_steps(3);
    harness.get_by_label("activation");
    harness
        .get_by_role_and_label(Role::Slider, "hidden layers")
        .set_value_accesskit(0.0);
    harness.run_steps(4);
    common::assert_no_error(&harness);
    assert!(
        harness.query_by_label("activation").is_none()
            && harness.query_by_label("hidden size").is_none(),
        "no hidden layer: no width and no activation to choose"
    );
    let app = harness.state();
    assert!(app.settings().experiment.network.hidden.is_empty());
    assert_eq!(
        app.trainer().network().layers().len(),
        1,
        "inputs to output"
    );
    assert!(app.trainer().epoch() > 0, "it trains");
    // Two columns: the two inputs, then the output.
    for (column, neurons) in [(0, 2), (1, 1)] {
        for neuron in 0..neurons {
            assert!(
                app.neuron_position(column, neuron).is_some(),
                "{column}/{neuron}"
            );
        }
        assert!(app.neuron_position(column, neurons).is_none());
    }
    assert!(app.neuron_position(2, 0).is_none(), "no third column");
    let output = app.neuron_position(1, 0).unwrap();
    harness.hover_at(output);
    harness.run_steps(2);
    assert_eq!(harness.state().hovered_neuron(), Some((1, 0)));
    harness.get_by_label("Showing output: its activation over the plane");
}
