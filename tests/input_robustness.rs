//! Property tests of the loaders a stranger's file reaches besides the weights loader
//! (`weights_robustness.rs`): the experiment-file loader, the CSV reader and the settings
//! restore. Whatever the bytes, they never panic, and whatever they accept is usable: finite,
//! bounded coordinates, valid labels, an experiment that passes its own check (memory budget
//! included).
//!
//! The default run uses proptest's default case count per property (256). The long run:
//! `PROPTEST_CASES=100000 cargo test --test input_robustness -- --nocapture`
//! (three properties, so 300,000 cases; each prints how many it ran and how many inputs it
//! accepted).

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

use std::{
    path::Path,
    sync::atomic::{AtomicU64, Ordering},
};

use nn_playground::{
    app::Settings,
    data::{DatasetKind, MAX_COORDINATE, PointSet, parse_csv},
    experiment::Experiment,
    weights::{
        WeightsFile,
        experiment_file::{self, ExperimentFile},
        settings_file::{Restored, settings_from_bytes},
    },
};
use proptest::{
    prelude::*,
    test_runner::{Config, TestRunner},
};

/// Runs `test` on `strategy` (`PROPTEST_CASES` sets the count) and reports the cases run and
/// the inputs accepted.
fn check<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> bool)
where
    S::Value: std::fmt::Debug,
{
    let cases = AtomicU64::new(0);
    let accepted = AtomicU64::new(0);
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |value| {
        cases.fetch_add(1, Ordering::Relaxed);
        if test(value) {
            accepted.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    eprintln!(
        "{name}: {} cases, {} accepted, no panic",
        cases.load(Ordering::Relaxed),
        accepted.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Damage done to a valid file: cut it, flip bits, overwrite a stretch, or splice in text
/// that hostile files are made of.
#[derive(Clone, Debug)]
enum Damage {
    Truncate(usize),
    Flip(Vec<(usize, u8)>),
    Overwrite(usize, Vec<u8>),
    Splice(usize, usize, &'static str),
}

const SPLICES: &[&str] = &[
    "1e308",
    "-1e308",
    "1e999",
    "NaN",
    "null",
    "[]",
    "{}",
    "\"\"",
    "18446744073709551616",
    "-1",
    "0",
    "1024",
    "100000",
    "[1024, 1024, 1024]",
    "\"/dev/tty\"",
    "{\"csv\": {\"path\": \"/dev/zero\"}}",
    "{\"points\": {\"points\": [{\"x1\": 1e308, \"x2\": -1e308, \"label\": 1}]}}",
    "\"softmax\"",
    "\u{feff}",
    "\"nn-playground-weights\"",
    "\"nn-playground-experiment\"",
    ",",
    "\"",
    "(",
    ")",
    "Some(",
    "None",
    "inf",
];

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8).prop_map(Damage::Flip),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(at, bytes)| Damage::Overwrite(at, bytes)),
        (
            any::<usize>(),
            0usize..12,
            proptest::sample::select(SPLICES.to_vec())
        )
            .prop_map(|(at, cut, text)| Damage::Splice(at, cut, text)),
    ]
}

fn apply(bytes: &[u8], damages: &[Damage]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for d in damages {
        let n = bytes.len().max(1);
        match d {
            Damage::Truncate(at) => bytes.truncate(at % n),
            Damage::Flip(flips) => {
                for (at, bit) in flips {
                    if let Some(b) = bytes.get_mut(at % n) {
                        *b ^= 1 << (bit % 8);
                    }
                }
            }
            Damage::Overwrite(at, new) => {
                for (i, &b) in new.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut((at + i) % n) {
                        *slot = b;
                    }
                }
            }
            Damage::Splice(at, cut, text) => {
                let at = at % n;
                let end = (at + cut).min(bytes.len());
                let at = at.min(bytes.len());
                bytes.splice(at..end, text.bytes());
            }
        }
    }
    bytes
}

/// Valid experiment files to damage: the tutorial after a few epochs, and painted points.
fn experiment_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for painted in [false, true] {
        let mut experiment = Experiment::default();
        if painted {
            let mut points = PointSet::default();
            points.add(-1.0, 0.5, 1);
            points.add(0.25, 2.0, 0);
            points.add(1.5, -0.75, 1);
            experiment.data.kind = DatasetKind::Points { points };
        }
        let mut trainer = experiment.trainer().unwrap();
        trainer.run(20).unwrap();
        let file = ExperimentFile {
            weights: WeightsFile {
                experiment,
                network: trainer.network().clone(),
                epoch: trainer.epoch(),
            },
            history: trainer.history().clone(),
        };
        seeds.push(experiment_file::to_bytes(&file).unwrap());
    }
    seeds
}

/// What an accepted experiment must satisfy to be safe to open.
fn usable(file: &ExperimentFile) -> bool {
    let experiment = &file.weights.experiment;
    assert!(file.weights.network.is_finite());
    experiment
        .check()
        .unwrap_or_else(|e| panic!("accepted an experiment its check refuses: {e}"));
    if let DatasetKind::Points { points } = &experiment.data.kind {
        for p in points.points() {
            assert!(p.x1.abs() <= MAX_COORDINATE && p.x2.abs() <= MAX_COORDINATE);
        }
    }
    assert!(file.history.curve().all(|p| p.train.is_finite()));
    true
}

#[test]
fn the_experiment_file_loader_never_panics() {
    let seeds = experiment_seeds();
    let count = seeds.len();
    check(
        "experiment files",
        (0..count, proptest::collection::vec(damage(), 0..4)),
        |(seed, damages)| {
            let bytes = apply(&seeds[seed], &damages);
            match experiment_file::from_bytes(Path::new("run.json"), &bytes) {
                Ok(file) => usable(&file),
                Err(e) => {
                    let message = e.to_string();
                    assert!(!message.contains('\n'), "{message}");
                    assert!(message.len() < 1000, "{message}");
                    false
                }
            }
        },
    );
}

/// A CSV field from the shapes hostile imports are made of.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        (-10.0..10.0f64).prop_map(|x| x.to_string()),
        proptest::sample::select(vec![
            "0",
            "1",
            "2",
            "5",
            "6",
            "-1",
            "0.5",
            "1e308",
            "-1e308",
            "1e6",
            "1000001",
            "nan",
            "inf",
            "-inf",
            "",
            " ",
            "x1",
            "label",
            "\"1\"",
            "\"",
            "\u{feff}0",
            "1,5",
            "0x10",
            "１",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,12}",
        ".{0,4}",
    ]
}

fn csv_text() -> impl Strategy<Value = String> {
    let row = (-10.0..10.0f64, -10.0..10.0f64, 0u8..3)
        .prop_map(|(x1, x2, label)| format!("{x1},{x2},{label}"));
    let line = prop_oneof![
        8 => row,
        2 => proptest::collection::vec(field(), 0..5).prop_map(|fields| fields.join(",")),
        1 => proptest::sample::select(vec!["", " ", "x1,x2,label", "\u{feff}"]).prop_map(str::to_owned),
    ];
    (
        any::<bool>(),
        proptest::collection::vec(line, 0..8),
        proptest::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(bom, lines, end)| {
            let body = lines.join(end);
            if bom { format!("\u{feff}{body}") } else { body }
        })
}

#[test]
fn the_csv_reader_never_panics() {
    check("csv imports", csv_text(), |text| {
        match parse_csv(&text, Path::new("points.csv")) {
            Ok(data) => {
                assert!(!data.is_empty());
                for &x in data.input_slice() {
                    assert!(x.is_finite() && x.abs() <= MAX_COORDINATE, "{x}");
                }
                for &y in data.label_slice() {
                    assert!(y.fract() == 0.0 && (0.0..6.0).contains(&y), "{y}");
                }
                true
            }
            Err(e) => {
                let message = e.to_string();
                assert!(!message.contains('\n'), "{message}");
                assert!(message.chars().count() < 200, "{message}");
                false
            }
        }
    });
}

/// Valid settings files as eframe writes them: a RON map whose `"app"` entry is the settings
/// as a RON string.
fn settings_seeds() -> Vec<Vec<u8>> {
    let mut painted = Settings::default();
    let mut points = PointSet::default();
    points.add(0.5, -0.5, 1);
    points.add(-0.5, 0.5, 0);
    painted.experiment.data.kind = DatasetKind::Points { points };
    let mut spiral = Settings::default();
    spiral.experiment.data.kind = DatasetKind::Spiral;
    spiral.experiment.network.hidden = vec![8, 8];
    [Settings::default(), painted, spiral]
        .iter()
        .map(|settings| {
            let inner = ron::to_string(settings).unwrap();
            let map = std::collections::HashMap::from([("app".to_owned(), inner)]);
            ron::to_string(&map).unwrap().into_bytes()
        })
        .collect()
}

#[test]
fn the_settings_restore_never_panics() {
    let seeds = settings_seeds();
    let count = seeds.len();
    check(
        "settings files",
        (0..count, proptest::collection::vec(damage(), 0..4)),
        |(seed, damages)| {
            let bytes = apply(&seeds[seed], &damages);
            match settings_from_bytes::<Settings>(&bytes) {
                Ok(Restored::Loaded(settings)) => {
                    // What the window does next: check the experiment (memory included)
                    // before building anything from it.
                    settings.experiment.check().is_ok()
                }
                Ok(_) => false,
                Err(message) => {
                    assert!(!message.contains('\n'), "{message}");
                    false
                }
            }
        },
    );
}
