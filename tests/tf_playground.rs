//! The rows TensorFlow Playground has that the first waves lacked: a width and an activation
//! per hidden layer (the diagram's +/−, a layer's own activation, `--activation tanh,relu`),
//! carried by every file and by the window's settings, with old files still loading.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use std::process::{Command, Output};

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use nn_playground::{
    experiment::Experiment,
    nn::{Activation, LayerEdit, NetworkConfig},
    weights,
};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(stdout(out).trim()).unwrap()
}

use Activation::{Relu, Sigmoid, Tanh};

// ---- Per-layer shape: the core ----

#[test]
fn each_hidden_layer_gets_its_own_activation_in_the_network_built() {
    let mut config = NetworkConfig {
        hidden: vec![5, 3],
        ..NetworkConfig::default()
    };
    config.set_activations(&[Tanh, Relu]);
    config.check().unwrap();
    let network = config.init(
        2,
        &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(1),
    );
    assert_eq!(network.hidden_sizes(), [5, 3]);
    assert_eq!(network.hidden_activations(), [Tanh, Relu]);
    assert_eq!(
        network.layers()[2].activation(),
        Activation::Linear,
        "the output layer stays affine"
    );
    // One name still means every layer.
    config.set_activations(&[Tanh]);
    assert_eq!(config.hidden_activations(), [Tanh, Tanh]);
    // Another count is refused in one line that gives both counts.
    config.set_activations(&[Tanh, Relu, Relu]);
    let message = config.check().unwrap_err().to_string();
    assert_eq!(
        message,
        "3 activations for 2 hidden layers: give one for every layer or one per layer"
    );
}

#[test]
fn layer_edits_keep_each_layer_its_shape_and_stop_at_the_limits() {
    let mut config = NetworkConfig::default();
    assert!(config.edit(LayerEdit::AddLayer));
    assert_eq!(config.hidden, [4, 4], "a new layer as wide as the last");
    config.set_layer_activation(1, Relu);
    assert!(config.edit(LayerEdit::AddNeuron(0)));
    assert!(config.edit(LayerEdit::AddLayer));
    assert_eq!(config.hidden, [5, 4, 4]);
    assert_eq!(
        config.hidden_activations(),
        [Sigmoid, Relu, Relu],
        "a new layer takes the last one's activation"
    );
    assert!(config.edit(LayerEdit::RemoveLayer));
    assert_eq!(config.hidden_activations(), [Sigmoid, Relu]);
    // Never below one neuron, never a layer that is not there.
    let mut one = NetworkConfig {
        hidden: vec![1],
        ..NetworkConfig::default()
    };
    assert!(!one.edit(LayerEdit::RemoveNeuron(0)));
    assert!(!one.edit(LayerEdit::AddNeuron(1)));
    assert!(one.edit(LayerEdit::RemoveLayer));
    assert!(!one.edit(LayerEdit::RemoveLayer), "no layer left to remove");
    assert!(one.hidden.is_empty());
    // Two layers that come to agree are stored as one activation again.
    config.set_layer_activation(1, Sigmoid);
    assert_eq!(config.activations, [Sigmoid]);
}

#[test]
fn old_experiments_with_one_activation_still_load_and_new_ones_round_trip() {
    // An experiment as files held it before per-layer activations.
    let old: Experiment =
        serde_json::from_str(r#"{"network": {"hidden": [6, 3], "activation": "tanh"}}"#).unwrap();
    assert_eq!(old.network.hidden_activations(), [Tanh, Tanh]);
    let none: Experiment = serde_json::from_str(r#"{"network": {"hidden": [2]}}"#).unwrap();
    assert_eq!(none.network.hidden_activations(), [Sigmoid], "the default");
    let mut new = Experiment::default();
    new.network.hidden = vec![6, 3];
    new.network.set_activations(&[Relu, Tanh]);
    let text = serde_json::to_string(&new).unwrap();
    assert!(text.contains(r#""activations":["relu","tanh"]"#), "{text}");
    assert_eq!(serde_json::from_str::<Experiment>(&text).unwrap(), new);
    let ron_text = ron::to_string(&new).unwrap();
    assert_eq!(ron::from_str::<Experiment>(&ron_text).unwrap(), new);
}

#[test]
fn the_window_settings_keep_per_layer_activations_and_read_the_old_single_one() {
    use nn_playground::app::Settings;
    let mut settings = Settings::default();
    settings.experiment.network.hidden = vec![8, 2];
    settings.experiment.network.set_activations(&[Tanh, Relu]);
    let mut storage = common::MemoryStorage::default();
    settings.store(&mut storage);
    assert_eq!(Settings::restore(Some(&storage)), settings);
    // The settings of a launch before per-layer activations: one name.
    let stored = eframe::Storage::get_string(&storage, eframe::APP_KEY).unwrap();
    assert!(stored.contains("activations:[tanh,relu]"), "{stored}");
    let old = stored.replace("activations:[tanh,relu]", "activation:tanh");
    eframe::Storage::set_string(&mut storage, eframe::APP_KEY, old);
    let restored = Settings::restore(Some(&storage));
    assert_eq!(
        restored.experiment.network.hidden_activations(),
        [Tanh, Tanh]
    );
}

// ---- Per-layer shape: the command line and the files ----

#[test]
fn train_takes_one_activation_per_layer_and_every_weights_format_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let shape = ["--hidden", "6,3", "--activation", "tanh,relu"];
    for name in ["shaped.json", "shaped.npz"] {
        let file = dir.path().join(name);
        let path = file.to_str().unwrap();
        let args = [
            &["train", "--epochs", "50", "--json"][..],
            &shape,
            &["--save", path],
        ];
        let trained = json(&run(&args.concat()));
        let loaded = weights::load(&file).unwrap();
        assert_eq!(loaded.network.hidden_sizes(), [6, 3], "{name}");
        assert_eq!(loaded.network.hidden_activations(), [Tanh, Relu], "{name}");
        assert_eq!(
            loaded.experiment.network.hidden_activations(),
            [Tanh, Relu],
            "{name}"
        );
        let inspect = stdout(&run(&["inspect", path]));
        assert!(
            inspect.contains("activations: tanh, relu, sigmoid"),
            "{name}: {inspect}"
        );
        let again = json(&run(&["train", "--load", path, "--epochs", "0", "--json"]));
        assert_eq!(again["predictions"], trained["predictions"], "{name}");
    }
}

#[test]
fn an_experiment_file_round_trips_per_layer_activations() {
    use nn_playground::weights::experiment_file::{self, ExperimentFile};
    let mut experiment = Experiment::default();
    experiment.network.hidden = vec![3, 5];
    experiment.network.set_activations(&[Relu, Tanh]);
    let mut trainer = experiment.trainer().unwrap();
    trainer.run(10).unwrap();
    let file = ExperimentFile {
        weights: weights::WeightsFile {
            experiment,
            network: trainer.network().clone(),
            epoch: trainer.epoch(),
        },
        history: trainer.history().clone(),
    };
    let bytes = experiment_file::to_bytes(&file).unwrap();
    let again = experiment_file::from_bytes("run.json".as_ref(), &bytes).unwrap();
    assert_eq!(again.weights, file.weights);
}

#[test]
fn a_file_whose_layers_disagree_with_its_experiment_is_refused_by_layer() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.json");
    let path = file.to_str().unwrap();
    let args = ["train", "--epochs", "1", "--hidden", "2,2"];
    stdout(&run(&[
        &args[..],
        &["--activation", "tanh,relu", "--save", path],
    ]
    .concat()));
    let text = std::fs::read_to_string(&file).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["experiment"]["network"]["activations"] = serde_json::json!(["relu", "relu"]);
    std::fs::write(&file, value.to_string()).unwrap();
    let out = run(&["inspect", path]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("layer 1 is tanh but the experiment says relu"),
        "{message}"
    );
}

#[test]
fn the_command_line_refuses_a_wrong_count_of_activations_in_one_line() {
    let out = run(&["train", "--hidden", "4,4", "--activation", "tanh,relu,relu"]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("3 activations for 2 hidden layers"),
        "{message}"
    );
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    // A file that says its activations takes no --activation.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bare.npz");
    let path = file.to_str().unwrap();
    stdout(&run(&[
        "train",
        "--epochs",
        "1",
        "--hidden",
        "3,2",
        "--activation",
        "tanh,relu",
        "--save",
        path,
    ]));
    let refused = run(&["inspect", path, "--activation", "tanh,relu"]);
    assert_eq!(refused.status.code(), Some(2));
}

// ---- Per-layer shape: the window ----

#[test]
fn the_diagrams_plus_and_minus_shape_each_layer_and_the_run_follows() {
    let mut harness = common::window();
    harness.run_steps(3);
    harness
        .get_by_label("add a neuron to hidden layer 1")
        .click();
    harness.run_steps(3);
    common::assert_no_error(&harness);
    assert_eq!(harness.state().settings().experiment.network.hidden, [5]);
    assert_eq!(harness.state().trainer().network().hidden_sizes(), [5]);
    assert!(
        harness.state().neuron_position(1, 4).is_some(),
        "the diagram draws the fifth neuron"
    );
    harness.get_by_label("add a hidden layer").click();
    harness.run_steps(3);
    harness
        .get_by_label("remove a neuron from hidden layer 2")
        .click();
    harness.run_steps(3);
    harness
        .get_by_label("remove a neuron from hidden layer 2")
        .click();
    harness.run_steps(3);
    common::assert_no_error(&harness);
    let app = harness.state();
    assert_eq!(app.trainer().network().hidden_sizes(), [5, 3]);
    assert!(app.neuron_position(2, 2).is_some());
    assert!(app.neuron_position(2, 3).is_none(), "layer 2 has three");
    assert!(app.status().text.contains("Hidden layer 2: 3 neurons"));
    // Layer 2's own activation, picked in the controls.
    common::choose(&mut harness, "layer 2 activation", "relu");
    harness.run_steps(3);
    common::assert_no_error(&harness);
    let network = harness.state().trainer().network();
    assert_eq!(network.hidden_activations(), [Sigmoid, Relu]);
    assert_eq!(
        harness
            .state()
            .settings()
            .experiment
            .network
            .shared_activation(),
        None
    );
    // Removing the layer takes its neurons and activation with it.
    harness.get_by_label("remove a hidden layer").click();
    harness.run_steps(3);
    let network = harness.state().trainer().network();
    assert_eq!(network.hidden_sizes(), [5]);
    assert_eq!(network.hidden_activations(), [Sigmoid]);
}

#[test]
fn one_activation_for_every_layer_still_works_from_the_controls() {
    let mut harness = common::window();
    harness.run_steps(3);
    harness.get_by_label("add a hidden layer").click();
    harness.run_steps(3);
    common::choose(&mut harness, "activation", "tanh");
    harness.run_steps(3);
    common::assert_no_error(&harness);
    assert_eq!(
        harness.state().trainer().network().hidden_activations(),
        [Tanh, Tanh]
    );
    harness.get_by_label("remove a hidden layer").click();
    harness.run_steps(2);
    harness.get_by_label("remove a hidden layer").click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .trainer()
            .network()
            .hidden_sizes()
            .is_empty()
    );
    // No hidden layer: no neuron to remove, no layer to take away.
    let minus = harness.get_by_label("remove a hidden layer");
    assert!(minus.accesskit_node().is_disabled());
}
