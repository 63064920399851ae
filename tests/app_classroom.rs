//! The Classroom menu through the window: the experiment copied as one line, a line pasted
//! (in its field or with Ctrl+V on the window) restoring the run and its lesson, and controls
//! hidden and shown again. Everything is done as a person does it: menus, ticks, typing, keys.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use egui::{Event, Key};
use egui_kittest::{
    Harness,
    kittest::{NodeT as _, Queryable as _},
};
use nn_playground::{
    app::App,
    data::DatasetKind,
    nn::{Activation, Optimizer},
};

/// The spiral's suggested run, hiding two controls, with discretized output: a teacher's line.
const LESSON: &str = "nn-playground --dataset spiral --hidden 8,8 --activation tanh \
                      --loss cross_entropy --optimizer adam --lr 0.01 --batch-size 10 \
                      --hide learning-rate,activation --discretize";

/// Whether the panel shows a control labelled `label` (a slider, a list, a tick: not the text
/// of the readouts, which name the learning rate too).
fn shows(harness: &Harness<'static, App>, label: &str) -> bool {
    harness
        .query_all_by_label(label)
        .any(|node| node.accesskit_node().role() != egui::accesskit::Role::Label)
}

/// Clicks Classroom → `item` and returns the text the window put on the clipboard meanwhile.
fn classroom(harness: &mut Harness<'static, App>, item: &str) -> Option<String> {
    harness.get_by_label("Classroom").click();
    harness.run_steps(2);
    harness.get_by_label(item).click();
    let mut copied = None;
    for _ in 0..3 {
        harness.run_steps(1);
        for command in &harness.output().platform_output.commands {
            if let egui::OutputCommand::CopyText(text) = command {
                copied = Some(text.clone());
            }
        }
    }
    copied
}

/// Classroom → Paste experiment line…, then `text` typed into its field and Enter.
fn paste_in_field(harness: &mut Harness<'static, App>, text: &str) {
    classroom(harness, "Paste experiment line…");
    harness.get_by_label("experiment line").type_text(text);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

#[test]
fn copying_the_line_puts_the_run_on_the_clipboard_and_in_the_status_line() {
    let mut harness = common::paused_window();
    common::choose(&mut harness, "dataset", "spiral");
    common::click(&mut harness, "Use suggested settings for spiral");
    harness.run_steps(2);
    let copied = classroom(&mut harness, "Copy experiment line").expect("text was copied");
    assert_eq!(
        copied,
        "nn-playground --dataset spiral --hidden 8,8 --activation tanh --init xavier \
         --loss cross_entropy --optimizer adam --lr 0.01 --batch-size 10"
    );
    let (status, is_error) = common::status(&harness);
    assert!(!is_error);
    assert_eq!(status, format!("Copied the experiment line: {copied}"));
}

#[test]
fn a_pasted_line_restores_the_run_and_its_lesson() {
    let mut harness = common::paused_window();
    paste_in_field(&mut harness, LESSON);
    assert!(
        harness.query_by_label("experiment line").is_none(),
        "the field closed"
    );
    let settings = harness.state().settings();
    let experiment = &settings.experiment;
    assert_eq!(experiment.data.kind, DatasetKind::Spiral);
    assert_eq!(experiment.network.hidden, [8, 8]);
    assert_eq!(experiment.network.activations, [Activation::Tanh]);
    assert_eq!(experiment.training.optimizer, Optimizer::Adam);
    assert_eq!(experiment.training.learning_rate, 0.01);
    assert!(settings.discretize);
    // The run is the line's, from fresh weights.
    assert_eq!(harness.state().session().experiment(), experiment);
    // The hidden controls are gone from the panel; the others stay.
    assert!(!shows(&harness, "learning rate"));
    assert!(!shows(&harness, "activation"));
    assert!(shows(&harness, "optimizer"));
    assert!(shows(&harness, "discretize output"));
    let (status, is_error) = common::status(&harness);
    assert!(!is_error, "{status}");
    assert_eq!(
        status,
        "Opened the experiment line: fresh weights from seed 0, epoch 0. 2 controls are \
         hidden for this lesson (Classroom menu)."
    );
    // Copying it again gives the same line back.
    let copied = classroom(&mut harness, "Copy experiment line").unwrap();
    assert_eq!(
        copied.split_whitespace().collect::<Vec<_>>(),
        LESSON.split_whitespace().collect::<Vec<_>>()
    );
}

#[test]
fn ctrl_v_on_the_window_pastes_a_line() {
    let mut harness = common::paused_window();
    harness.event(Event::Paste(format!("{LESSON}\n")));
    harness.run_steps(3);
    let settings = harness.state().settings();
    assert_eq!(settings.experiment.data.kind, DatasetKind::Spiral);
    assert!(!shows(&harness, "learning rate"));
    // Text that is no line says so and changes nothing.
    harness.event(Event::Paste("hello".into()));
    harness.run_steps(2);
    let (status, is_error) = common::status(&harness);
    assert!(is_error);
    assert_eq!(
        status,
        "Not an experiment line: an experiment line starts with nn-playground (e.g. \
         nn-playground --dataset spiral)."
    );
    assert_eq!(
        harness.state().settings().experiment.data.kind,
        DatasetKind::Spiral
    );
}

#[test]
fn a_bad_line_keeps_the_field_open_with_the_reason_and_changes_nothing() {
    let mut harness = common::paused_window();
    let before = harness.state().settings().clone();
    paste_in_field(&mut harness, "nn-playground --dataset spiral --lr fast");
    assert!(
        harness.query_by_label("experiment line").is_some(),
        "the field stays"
    );
    harness.get_by_label("invalid value 'fast' for '--lr <LR>': invalid float literal");
    assert_eq!(harness.state().settings(), &before);
    // A line that reads but cannot be built (a CSV that is not there) is refused as well.
    harness.get_by_label("experiment line").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("experiment line")
        .type_text("nn-playground --dataset /nonexistent/points.csv");
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(shows(&harness, "experiment line"));
    assert_eq!(harness.state().settings(), &before);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!shows(&harness, "experiment line"));
    assert_eq!(harness.state().settings(), &before);
}

#[test]
fn hiding_controls_in_the_menu_takes_them_out_of_the_panel_and_into_the_line() {
    let mut harness = common::paused_window();
    assert!(shows(&harness, "add a hidden layer"));
    harness.get_by_label("Classroom").click();
    harness.run_steps(2);
    harness.get_by_label("hide learning rate").click();
    harness.run_steps(1);
    harness.get_by_label("hide hidden layers").click();
    harness.run_steps(1);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!shows(&harness, "learning rate"));
    // Hidden layers go with the diagram's +/−.
    assert!(!shows(&harness, "hidden layers"));
    assert!(!shows(&harness, "add a hidden layer"));
    harness.get_by_label("2 controls are hidden for this lesson (Classroom menu).");
    let copied = classroom(&mut harness, "Copy experiment line").unwrap();
    assert_eq!(copied, "nn-playground --hide learning-rate,hidden-layers");
    classroom(&mut harness, "Show every control");
    assert!(shows(&harness, "learning rate"));
    assert!(shows(&harness, "add a hidden layer"));
    assert!(harness.state().settings().hidden.is_empty());
}

#[test]
fn the_readme_names_the_classroom_menu_and_the_menu_hides_every_control() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut harness = common::paused_window();
    harness.get_by_label("Classroom").click();
    harness.run_steps(2);
    for item in [
        "Copy experiment line",
        "Paste experiment line…",
        "Show every control",
    ] {
        assert!(readme.contains(item), "the README names {item}");
        harness.get_by_label(item);
    }
    for control in nn_playground::lesson::Control::ALL {
        harness.get_by_label(&format!("hide {}", control.label()));
    }
    for option in [
        "--hide learning-rate",
        "--discretize",
        "--hide-test-data",
        "--features",
    ] {
        assert!(readme.contains(option), "the README names {option}");
    }
}
