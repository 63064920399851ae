//! The Explain window through the window: a click on a data point (or *explain* in the XOR
//! table, or E) opens it, and every number it shows is the core's explanation of that point's
//! step (or the whole batch's) on the weights the window shows, to 1e-12; hovering a number
//! lights its neuron or link in the diagram, hovering a link lights its numbers in the window.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Key, Modifiers, PointerButton, Pos2};
use egui_kittest::{
    Harness,
    kittest::{NodeT as _, Queryable as _},
};
use nn_playground::{
    app::App,
    nn::OptimizerState,
    view::explain::{Explanation, Step, Value},
};

/// Where the boundary view draws the point `(x1, x2)`.
fn screen_of(harness: &Harness<'static, App>, x1: f64, x2: f64) -> Pos2 {
    let (rect, domain) = (
        harness.state().boundary_rect(),
        harness.state().session().domain(),
    );
    let u = ((x1 - domain.x[0]) / (domain.x[1] - domain.x[0])) as f32;
    let v = ((x2 - domain.y[0]) / (domain.y[1] - domain.y[0])) as f32;
    Pos2::new(
        rect.left() + u * rect.width(),
        rect.bottom() - v * rect.height(),
    )
}

/// The core's explanation of one step on `inputs`/`targets` with the weights the window shows
/// (the tutorial trains with plain SGD, whose update needs no running state).
fn core_explanation(
    harness: &Harness<'static, App>,
    inputs: &[f64],
    targets: &[f64],
) -> Explanation {
    let trainer = harness.state().trainer();
    let (network, config) = (trainer.network(), trainer.config());
    let optimizer = OptimizerState::new(config.optimizer, network);
    let step = Step {
        inputs,
        targets,
        loss: config.loss,
        penalty: config.penalty(),
        learning_rate: config.schedule.rate(config.learning_rate, trainer.epoch()),
        optimizer: &optimizer,
    };
    Explanation::new(network, step)
}

/// The number the Explain window shows under the name `name` (`dW1[0,3]`), at the precision
/// the accessibility tree holds it, and the text shown.
fn shown(harness: &Harness<'static, App>, name: &str) -> (f64, String) {
    let node = harness.get_by_role_and_label(egui::accesskit::Role::Cell, name);
    let ak = node.accesskit_node();
    (
        ak.numeric_value()
            .unwrap_or_else(|| panic!("{name} has no number")),
        ak.value().unwrap_or_default(),
    )
}

/// Asserts that the window shows every number of `expected`, each to 1e-12, and returns how
/// many it checked.
#[track_caller]
fn assert_window_shows(harness: &Harness<'static, App>, expected: &Explanation) -> usize {
    let mut checked = 0;
    for entry in expected.entries() {
        let mut check = |at: String, value: f64| {
            let name = format!("{}{at}", entry.name);
            let (number, text) = shown(harness, &name);
            assert!(
                (number - value).abs() <= 1e-12 * value.abs().max(1.0),
                "{name}: the window has {number}, the core {value}"
            );
            let read: f64 = text
                .parse()
                .unwrap_or_else(|_| panic!("{name} reads {text:?}"));
            assert!(
                (read - value).abs() <= 1e-3 * value.abs().max(1e-12),
                "{name} shows {text} for {value}"
            );
            checked += 1;
        };
        match &entry.value {
            Value::Scalar(v) => check(String::new(), *v),
            Value::Vector(values) => {
                for (j, v) in values.iter().enumerate() {
                    check(format!("[{j}]"), *v);
                }
            }
            Value::Matrix(rows) => {
                for (i, row) in rows.iter().enumerate() {
                    for (j, v) in row.iter().enumerate() {
                        check(format!("[{i},{j}]"), *v);
                    }
                }
            }
        }
    }
    checked
}

/// The window a few frames into training, paused, with Explain opened by its tick box.
fn explaining_window() -> Harness<'static, App> {
    let mut harness = common::paused_window();
    common::click(&mut harness, "explain");
    harness.run_steps(3);
    assert!(harness.state().is_explaining());
    harness
}

#[test]
fn a_click_on_a_point_explains_its_step_with_the_cores_numbers() {
    let mut harness = explaining_window();
    let before = harness.state().trainer().data().train.len();
    let at = screen_of(&harness, 0.0, 1.0) + egui::vec2(4.0, 3.0);
    common::click_at(&mut harness, at, PointerButton::Primary, Modifiers::NONE);
    harness.run_steps(2);
    assert_eq!(
        harness.state().trainer().data().train.len(),
        before,
        "the click explained; it painted nothing"
    );
    harness.get_by_label_contains("The point (0, 1), label 1");
    let expected = core_explanation(&harness, &[0.0, 1.0], &[1.0]);
    // X, W1, b1, z1, a1, W2, b2, z2, a2, y, loss terms, loss, dz2, dW2, db2, dz1, dW1, db1,
    // W1', b1', W2', b2': every number of the tutorial's 2-4-1 step on one point.
    let checked = assert_window_shows(&harness, &expected);
    assert_eq!(
        checked,
        2 + 8 + 4 + 4 + 4 + 4 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 4 + 1 + 4 + 8 + 4 + 8 + 4 + 4 + 1
    );
    for formula in [
        "z1 = X·W1 + b1",
        "dz2 = (a2 - y) * a2·(1 - a2)",
        "dW1 = Xᵀ·dz1 / m",
    ] {
        harness.get_by_label(formula);
    }
}

#[test]
fn the_whole_batch_is_the_tutorials_mean_and_follows_each_step() {
    let mut harness = explaining_window();
    harness.get_by_label_contains("All 4 training points as one batch (m = 4)");
    let train = harness.state().trainer().data().train.clone();
    let expected = core_explanation(&harness, train.input_slice(), train.label_slice());
    assert_window_shows(&harness, &expected);
    let (before, _) = shown(&harness, "dW1[0,0]");
    common::click(&mut harness, "Step");
    harness.run_steps(2);
    let expected = core_explanation(&harness, train.input_slice(), train.label_slice());
    assert_window_shows(&harness, &expected);
    let (after, _) = shown(&harness, "dW1[0,0]");
    assert_ne!(before, after, "the numbers are live");
    // A point from the XOR table, then back to the batch.
    harness.get_by_label("explain (1, 1)").click();
    harness.run_steps(2);
    harness.get_by_label_contains("The point (1, 1), label 0");
    assert_window_shows(&harness, &core_explanation(&harness, &[1.0, 1.0], &[0.0]));
    harness.get_by_label("whole batch").click();
    harness.run_steps(2);
    assert_window_shows(&harness, &expected);
}

#[test]
fn e_opens_explain_and_closing_it_paints_again() {
    let mut harness = common::paused_window();
    harness.key_press(Key::E);
    harness.run_steps(2);
    assert!(harness.state().is_explaining());
    harness.get_by_label("whole batch");
    // No data point at the centre: nothing is painted, the status says why.
    let centre = harness.state().boundary_rect().center();
    common::click_at(
        &mut harness,
        centre,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    assert_eq!(harness.state().trainer().data().train.len(), 4);
    assert!(
        common::status(&harness)
            .0
            .starts_with("No data point there")
    );
    harness.key_press(Key::E);
    harness.run_steps(2);
    assert!(!harness.state().is_explaining());
    assert!(harness.query_by_label("whole batch").is_none());
    common::click_at(
        &mut harness,
        centre,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    assert_eq!(
        harness.state().trainer().data().train.len(),
        5,
        "a click paints again"
    );
}

#[test]
fn hovering_numbers_and_links_ties_the_window_to_the_diagram() {
    let mut harness = explaining_window();
    let cell = harness
        .get_by_role_and_label(egui::accesskit::Role::Cell, "W1[1,2]")
        .rect()
        .center();
    harness.hover_at(cell);
    harness.run_steps(2);
    assert_eq!(
        harness.state().explain_lit().as_deref(),
        Some("input x2 -> hidden layer 1, neuron 3")
    );
    let cell = harness
        .get_by_role_and_label(egui::accesskit::Role::Cell, "a1[0,3]")
        .rect()
        .center();
    harness.hover_at(cell);
    harness.run_steps(2);
    assert_eq!(
        harness.state().explain_lit().as_deref(),
        Some("hidden layer 1, neuron 4")
    );
    // The link from x1 to the second hidden neuron, hovered at its middle.
    let (a, b) = (
        harness.state().neuron_position(0, 0).unwrap(),
        harness.state().neuron_position(1, 1).unwrap(),
    );
    harness.hover_at(a + (b - a) * 0.5);
    harness.run_steps(2);
    let expected = core_explanation(
        &harness,
        harness.state().trainer().data().train.input_slice(),
        harness.state().trainer().data().train.label_slice(),
    );
    let w = expected.layers[0].w[0][1];
    let dw = expected.layers[0].dw[0][1];
    let line = harness.get_by_label_contains("Link input x1 → hidden layer 1, neuron 2");
    let text = line.accesskit_node().value().unwrap_or_default();
    let (w_text, dw_text) = (
        nn_playground::app::significant(w, 4),
        nn_playground::app::significant(dw, 4),
    );
    assert!(
        text.contains(&format!("W1[0,1] = {w_text}"))
            && text.contains(&format!("dW1[0,1] = {dw_text}")),
        "{text}"
    );
}

#[test]
fn next_phase_walks_forward_loss_backward_update_and_the_update_trains() {
    let mut harness = common::paused_window();
    let (epoch, before) = (
        harness.state().trainer().epoch(),
        harness.state().trainer().network().clone(),
    );
    let train = harness.state().trainer().data().train.clone();
    let expected = core_explanation(&harness, train.input_slice(), train.label_slice());
    let cell = |harness: &Harness<'static, App>, name: &str| {
        harness
            .query_by_role_and_label(egui::accesskit::Role::Cell, name)
            .is_some()
    };
    common::click(&mut harness, "Phase");
    harness.run_steps(2);
    assert!(harness.state().is_explaining(), "Next phase opens Explain");
    assert!(common::status(&harness).0.starts_with("Forward pass"));
    harness.get_by_label_contains("now the forward pass");
    assert!(cell(&harness, "z1[3,0]") && !cell(&harness, "dW1[0,0]"));
    assert_eq!(shown(&harness, "a2[3,0]").0, expected.layers[1].a[3][0]);
    harness.key_press(Key::P);
    harness.run_steps(2);
    assert!(common::status(&harness).0.starts_with("Loss"));
    assert!(cell(&harness, "loss") && !cell(&harness, "z1[3,0]"));
    common::click(&mut harness, "Phase");
    harness.run_steps(2);
    assert!(common::status(&harness).0.starts_with("Backward pass"));
    assert_eq!(
        harness.state().trainer().network(),
        &before,
        "nothing trained yet"
    );
    assert_eq!(harness.state().trainer().epoch(), epoch);
    let (dw, _) = shown(&harness, "dW1[1,2]");
    assert!((dw - expected.layers[0].dw[1][2]).abs() < 1e-12);
    common::click(&mut harness, "Phase");
    harness.run_steps(2);
    assert!(common::status(&harness).0.starts_with("Update"));
    // The update is trained: the weights are the W' the panel showed, and one epoch went by
    // (the tutorial's batch is the whole set).
    let app = harness.state();
    assert_eq!(app.trainer().epoch(), epoch + 1);
    for (layer, step) in app
        .trainer()
        .network()
        .layers()
        .iter()
        .zip(&expected.layers)
    {
        for ((i, j), w) in layer.weights().indexed_iter() {
            assert!(
                (w - step.w_next[i][j]).abs() < 1e-12,
                "W{}[{i},{j}]",
                step.number
            );
            let name = format!("W{}'[{i},{j}]", step.number);
            assert!((shown(&harness, &name).0 - w).abs() < 1e-12, "{name}");
        }
    }
    // The next press begins the next step on the new weights.
    common::click(&mut harness, "Phase");
    harness.run_steps(2);
    let after = core_explanation(&harness, train.input_slice(), train.label_slice());
    assert_eq!(shown(&harness, "z1[0,1]").0, after.layers[0].z[0][1]);
}

#[test]
fn step_batch_trains_one_mini_batch_and_four_make_the_epoch() {
    let mut harness = common::paused_window();
    common::choose(&mut harness, "dataset", "spiral");
    common::click(&mut harness, "full batch");
    harness.run_steps(2);
    if harness.state().is_running() {
        harness.get_by_label("Pause").click();
        harness.run_steps(2);
    }
    let experiment = harness.state().settings().experiment.clone();
    assert_eq!(experiment.training.batch_size, Some(32));
    let train = harness.state().trainer().data().train.len();
    let batches = train.div_ceil(32);
    let epoch = harness.state().trainer().epoch();
    assert_eq!(epoch, 0, "a fresh run on the spiral");
    common::click(&mut harness, "Batch");
    harness.run_steps(2);
    assert_eq!(
        common::status(&harness).0,
        format!("Stepped one mini-batch: 1 of the {batches} of epoch 0 done.")
    );
    assert_eq!(harness.state().trainer().epoch(), 0);
    for _ in 1..batches {
        harness.key_press(Key::B);
        harness.run_steps(2);
    }
    assert_eq!(harness.state().trainer().epoch(), 1);
    let mut direct = experiment.trainer().unwrap();
    direct.run(1).unwrap();
    assert_eq!(
        harness.state().trainer().network(),
        direct.network(),
        "batch by batch is bit-identical to a whole epoch"
    );
}

#[test]
fn slow_motion_trains_a_step_at_a_time() {
    let mut harness = common::paused_window();
    common::click(&mut harness, "slow motion");
    assert!(harness.state().settings().slow_motion);
    let epoch = harness.state().trainer().epoch();
    harness.get_by_label("Play").click();
    harness.run_steps(5);
    harness.get_by_label("Pause").click();
    harness.run_steps(1);
    let trained = harness.state().trainer().epoch() - epoch;
    // Lockstep tests take one step a frame (the real window takes steps per second); ten
    // epochs a frame would have trained 50 or more.
    assert!(
        (1..=7).contains(&trained),
        "{trained} epochs in five frames"
    );
}

#[test]
fn the_gradient_view_shows_gradients_vanish_in_six_sigmoid_layers() {
    let mut harness = common::paused_window();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Slider, "hidden layers")
        .set_value_accesskit(6.0);
    harness.run_steps(2);
    assert_eq!(harness.state().trainer().network().layers().len(), 7);
    common::click(&mut harness, "gradients");
    harness.run_steps(2);
    let train = harness.state().trainer().data().train.clone();
    let expected = core_explanation(&harness, train.input_slice(), train.label_slice());
    let sizes: Vec<f64> = (1..=7)
        .map(|k| shown(&harness, &format!("|dW{k}|")).0)
        .collect();
    for (size, layer) in sizes.iter().zip(&expected.layers) {
        let dw: Vec<f64> = layer.dw.iter().flatten().copied().collect();
        let rms = (dw.iter().map(|g| g * g).sum::<f64>() / dw.len() as f64).sqrt();
        assert!(
            (size - rms).abs() <= 1e-12 * rms.max(1e-300),
            "{size} {rms}"
        );
    }
    // Each sigmoid layer passes back at most a quarter of the gradient it gets: by the first
    // layer it is a fiftieth of the last's here.
    assert!(sizes[0] < sizes[6] / 20.0, "{sizes:?}");
    assert!(
        sizes.windows(2).filter(|w| w[0] < w[1]).count() >= 4,
        "{sizes:?}"
    );
    // G turns it off, and on again.
    let row = |harness: &Harness<'static, App>| {
        harness
            .query_by_role_and_label(egui::accesskit::Role::Cell, "|dW1|")
            .is_some()
    };
    harness.key_press(Key::G);
    harness.run_steps(2);
    assert!(!row(&harness) && !harness.state().settings().show_gradients);
    harness.key_press(Key::G);
    harness.run_steps(2);
    assert!(row(&harness));
}

/// Replaces the text of the field labelled `label` with `text`, as typed, and presses Enter.
fn type_into(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

#[test]
fn a_weight_and_a_bias_typed_by_hand_change_the_output() {
    let mut harness = common::paused_window();
    let before = harness.state().session().predictions().unwrap();
    // Click the link from x1 to the second hidden neuron, at its middle.
    let (a, b) = (
        harness.state().neuron_position(0, 0).unwrap(),
        harness.state().neuron_position(1, 1).unwrap(),
    );
    common::click_at(
        &mut harness,
        a + (b - a) * 0.5,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    harness.get_by_label_contains("W1[0,1]: the weight from input x1 to hidden layer 1, neuron 2");
    type_into(&mut harness, "new value", "2.5");
    let network = harness.state().trainer().network().clone();
    assert_eq!(network.layers()[0].weights()[[0, 1]], 2.5);
    assert!(common::status(&harness).0.starts_with("Set W1[0,1] to 2.5"));
    assert!(
        harness.query_by_label("new value").is_none(),
        "the editor closed"
    );
    // The output neuron's bias, by a click on the output.
    let output = harness.state().neuron_position(2, 0).unwrap();
    common::click_at(
        &mut harness,
        output,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    harness.get_by_label_contains("b2[0]: the bias of output");
    type_into(&mut harness, "new value", "-3");
    let network = harness.state().trainer().network().clone();
    assert_eq!(network.layers()[1].bias()[0], -3.0);
    let after = harness.state().session().predictions().unwrap();
    for (row, (was, now)) in before.iter().zip(&after).enumerate() {
        assert_ne!(was.output, now.output, "row {row}");
        assert_eq!(now.output, network.predict_one(&now.input), "row {row}");
    }
    // Not a number: said, and nothing changes.
    common::click_at(
        &mut harness,
        output,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    type_into(&mut harness, "new value", "lots");
    assert_eq!(
        common::status(&harness),
        (
            "Not a number: \"lots\". Type a weight such as 2.5 or -1e-3.".to_owned(),
            true
        )
    );
    assert_eq!(harness.state().trainer().network(), &network);
}

#[test]
fn each_bias_is_drawn_with_its_value_on_hover_and_a_click_on_it_types_it() {
    let mut harness = common::paused_window();
    let network = harness.state().trainer().network().clone();
    assert!(
        harness.state().bias_position(0, 0).is_none(),
        "inputs have none"
    );
    for (column, neurons) in [(1, 4), (2, 1)] {
        for neuron in 0..neurons {
            let square = harness.state().bias_position(column, neuron).unwrap();
            harness.hover_at(square);
            // Past the tooltip's delay (half a second; a step is a quarter).
            harness.run_steps(4);
            let bias = network.layers()[column - 1].bias()[neuron];
            harness.get_by_label_contains(&format!("bias {bias:+.4}"));
        }
    }
    let square = harness.state().bias_position(1, 2).unwrap();
    common::click_at(
        &mut harness,
        square,
        PointerButton::Primary,
        Modifiers::NONE,
    );
    harness.get_by_label_contains("b1[2]: the bias of hidden layer 1, neuron 3");
    type_into(&mut harness, "new value", "0.75");
    assert_eq!(
        harness.state().trainer().network().layers()[0].bias()[2],
        0.75
    );
}

#[test]
fn hidden_space_draws_the_data_through_each_pair_of_hidden_neurons() {
    use nn_playground::view::hidden_space::HiddenSpace;
    let mut harness = common::paused_window();
    harness.key_press(Key::H);
    harness.run_steps(3);
    harness.get_by_label_contains("Neurons 1 and 2 of hidden layer 1 (pair 1 of 6)");
    let core = |harness: &Harness<'static, App>, pair| {
        let session = harness.state().session();
        HiddenSpace::new(
            session.trainer().network(),
            &session.experiment().data.features,
            session.data(),
            session.domain(),
            0,
            pair,
        )
        .unwrap()
    };
    assert_eq!(
        harness.state().hidden_space(),
        Some(&core(&harness, (0, 1)))
    );
    for _ in 0..4 {
        harness.get_by_label("next pair").click();
        harness.run_steps(2);
    }
    harness.get_by_label_contains("Neurons 2 and 4 of hidden layer 1 (pair 5 of 6)");
    assert_eq!(
        harness.state().hidden_space(),
        Some(&core(&harness, (1, 3)))
    );
    common::click(&mut harness, "hidden space");
    harness.run_steps(2);
    assert!(harness.state().hidden_space().is_none());
    assert!(harness.query_by_label("next pair").is_none());
}

#[test]
fn the_step_as_code_marks_the_phase_at_work_and_shows_arrays_on_hover() {
    let mut harness = common::paused_window();
    harness.key_press(Key::E);
    harness.run_steps(2);
    harness.get_by_label("The step as code").click();
    harness.run_steps(3);
    let line = "   1  z1 = X·W1 + b1";
    let at = harness.get_by_label(line).rect().center();
    harness.hover_at(at);
    // Tooltips wait for the pointer to rest.
    harness.run_steps(30);
    let train = harness.state().trainer().data().train.clone();
    let expected = core_explanation(&harness, train.input_slice(), train.label_slice());
    let first = nn_playground::app::significant(expected.layers[0].z[0][0], 4);
    harness.get_by_label_contains(&format!("z1 =\n{first}"));
    harness.key_press(Key::P);
    harness.run_steps(2);
    harness.get_by_label("▶  1  z1 = X·W1 + b1");
    harness.get_by_label("▶  2  a1 = sigmoid(z1)");
    assert!(
        harness
            .query_by_label("▶  5  loss_terms = each sample's loss")
            .is_none()
    );
    harness.key_press(Key::P);
    harness.run_steps(2);
    harness.get_by_label_contains("▶  6  loss = mean((a2 - y)²)");
}

/// Without x1 the network takes other inputs than the plane's: a click on a point still finds it
/// where it is drawn, and the panel names the inputs the network is fed.
#[test]
fn a_click_on_a_point_without_x1_finds_it_in_the_plane_and_names_its_inputs() {
    let mut harness = explaining_window();
    harness.get_by_label("input x1").click();
    harness.run_steps(2);
    harness.get_by_label("input sin(x1)").click();
    harness.run_steps(3);
    assert!(!harness.state().is_running());
    assert_eq!(harness.state().trainer().network().inputs(), 2);
    let at = screen_of(&harness, 1.0, 0.0) + egui::vec2(4.0, 3.0);
    common::click_at(&mut harness, at, PointerButton::Primary, Modifiers::NONE);
    harness.run_steps(2);
    harness.get_by_label_contains(&format!(
        "The point with inputs x2 = 0, sin(x1) = {}, label 1",
        1f64.sin()
    ));
    assert_window_shows(
        &harness,
        &core_explanation(&harness, &[0.0, 1f64.sin()], &[1.0]),
    );
}
