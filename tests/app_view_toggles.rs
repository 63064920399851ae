//! The boundary view's toggles and the suggested settings, through the window: *discretize
//! output* paints hard class colours, *show test data* hides the test points (in the view and
//! the exported picture alike), and *Use suggested settings for …* takes a configuration that
//! learns the dataset.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

mod common;

use std::{collections::HashMap, path::Path};

use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::App,
    nn::{Activation, Loss, Optimizer},
    suggested::Suggestion,
};

/// The exported boundary PNG, as RGB triples.
fn export(harness: &mut Harness<'static, App>, path: &Path) -> Vec<[u8; 3]> {
    common::file_menu_with_path(harness, "Export boundary PNG…", path);
    common::assert_no_error(harness);
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut rgba).unwrap();
    rgba.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect()
}

/// The share of pixels in the picture's two commonest colours.
fn two_colour_share(pixels: &[[u8; 3]]) -> f64 {
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for p in pixels {
        *counts.entry(*p).or_default() += 1;
    }
    let mut counts: Vec<usize> = counts.into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    counts.iter().take(2).sum::<usize>() as f64 / pixels.len() as f64
}

#[test]
fn discretize_output_paints_two_hard_colours() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    let soft = export(&mut harness, &dir.path().join("soft.png"));
    harness.get_by_label("discretize output").click();
    harness.run_steps(2);
    assert!(harness.state().settings().discretize);
    let hard = export(&mut harness, &dir.path().join("hard.png"));
    let (soft_share, hard_share) = (two_colour_share(&soft), two_colour_share(&hard));
    assert!(hard_share > 0.9, "hard colours: {hard_share}");
    assert!(soft_share < 0.5, "shades of confidence: {soft_share}");
}

#[test]
fn show_test_data_hides_and_shows_the_test_points() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::window();
    harness.run_steps(1);
    common::choose(&mut harness, "dataset", "checkerboard");
    harness.get_by_label("Pause").click();
    harness.run_steps(2);
    // Point rims are the darkest pixels of the picture.
    let dark = |pixels: &[[u8; 3]]| pixels.iter().filter(|p| p.iter().all(|&c| c < 70)).count();
    let all = dark(&export(&mut harness, &dir.path().join("all.png")));
    harness.get_by_label("show test data").click();
    harness.run_steps(2);
    assert!(!harness.state().settings().show_test);
    let train = dark(&export(&mut harness, &dir.path().join("train.png")));
    // Half the 200 points are test points (spread out, so few overlap).
    assert!(
        train * 10 < all * 7 && train * 10 > all * 3,
        "{train} of {all} rim pixels left"
    );
    harness.get_by_label("show test data").click();
    harness.run_steps(2);
    let again = dark(&export(&mut harness, &dir.path().join("again.png")));
    assert_eq!(again, all, "shown again");
}

#[test]
fn the_suggested_settings_are_offered_taken_and_learn_the_spiral() {
    let mut harness = common::window();
    harness.run_steps(1);
    assert!(
        harness
            .query_by_label_contains("Use suggested settings")
            .is_none(),
        "none for the tutorial's XOR"
    );
    common::choose(&mut harness, "dataset", "spiral");
    let before = harness.state().settings().experiment.clone();
    assert_eq!(
        before.network.shared_activation(),
        Some(Activation::Sigmoid),
        "never forced"
    );
    harness
        .get_by_label("Use suggested settings for spiral")
        .click();
    harness.run_steps(2);
    common::assert_no_error(&harness);
    let app = harness.state();
    let experiment = &app.session().experiment();
    assert_eq!(experiment.data, before.data, "the data stays");
    assert_eq!(experiment.network.hidden, vec![8, 8]);
    assert_eq!(
        experiment.network.shared_activation(),
        Some(Activation::Tanh)
    );
    assert_eq!(experiment.training.loss, Loss::CrossEntropy);
    assert_eq!(experiment.training.optimizer, Optimizer::Adam);
    assert_eq!(experiment.training.batch_size, Some(10));
    assert!(
        app.status()
            .text
            .starts_with("Suggested settings for spiral (hidden 8,8 tanh"),
        "{}",
        app.status().text
    );
    // Taken: the button is greyed out, so a second click changes nothing.
    let epoch = app.trainer().epoch();
    harness.run_steps(3);
    harness
        .get_by_label("Use suggested settings for spiral")
        .click();
    harness.run_steps(1);
    assert!(harness.state().trainer().epoch() > epoch, "no restart");
}

#[test]
fn every_suggestion_learns_its_dataset() {
    use nn_playground::{data::DatasetKind, experiment::Experiment};
    for kind in DatasetKind::named() {
        let Some(suggestion) = Suggestion::for_dataset(&kind) else {
            assert_eq!(kind, DatasetKind::Xor);
            continue;
        };
        let mut experiment = Experiment::default();
        experiment.data.kind = kind.clone();
        experiment.fit_output_to_data().unwrap();
        suggestion.apply(&mut experiment);
        assert!(suggestion.is_applied(&experiment));
        let mut trainer = experiment.trainer().unwrap();
        trainer.run(experiment.epochs).unwrap();
        let accuracy = trainer.train_evaluation().accuracy;
        assert!(accuracy >= 0.9, "{}: {accuracy}", kind.name());
    }
}
