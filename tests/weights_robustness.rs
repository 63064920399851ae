//! Property tests: loading never panics, whatever the bytes. Covers exact round trips of
//! random valid files, truncated, bit-flipped and random bytes, and well-formed files (JSON and
//! `.npz`) with wrong shapes, activations and values. Whatever loads must be a valid network.
//!
//! The default run uses proptest's default case count per property (256). The long run:
//! `PROPTEST_CASES=20000 cargo test --test weights_robustness -- --nocapture`
//! (six properties, so 120,000 cases; each prints how many it ran).

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

use std::{
    cell::Cell,
    io::Cursor,
    path::Path,
    sync::atomic::{AtomicU64, Ordering},
};

use ndarray::{Array1, Array2};
use ndarray_npy::NpzWriter;
use nn_playground::{
    experiment::Experiment,
    nn::{Activation, Layer, Network, NetworkConfig, OutputHead},
    weights::{self, Format, MAX_PARAMETERS, WeightsFile},
};
use proptest::{
    prelude::*,
    test_runner::{Config, TestRunner},
};
use serde_json::json;

/// Runs `test` on `strategy` under proptest's configuration (`PROPTEST_CASES` sets the count)
/// and reports how many cases ran.
fn check<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let cases = AtomicU64::new(0);
    LOADED.set(0);
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |value| {
        cases.fetch_add(1, Ordering::Relaxed);
        test(value)
    });
    eprintln!(
        "{name}: {} cases, {} files loaded",
        cases.load(Ordering::Relaxed),
        LOADED.get()
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        -4.0..4.0f64,
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
    ]
}

fn activation() -> impl Strategy<Value = Activation> {
    proptest::sample::select(Activation::ALL.to_vec())
}

/// A random valid file: 1 to 3 hidden layers of 1 to 6 neurons, any finite weights.
fn valid_file() -> impl Strategy<Value = WeightsFile> {
    (
        proptest::collection::vec(1usize..=6, 1..=3),
        activation(),
        0..=weights::MAX_EPOCH,
        any::<u64>(),
    )
        .prop_flat_map(|(hidden, act, epoch, seed)| {
            let mut widths = vec![2];
            widths.extend(&hidden);
            widths.push(1);
            let sizes: Vec<(usize, usize)> = widths.windows(2).map(|w| (w[0], w[1])).collect();
            let arrays: Vec<_> = sizes
                .iter()
                .map(|&(i, o)| {
                    (
                        proptest::collection::vec(weight(), i * o),
                        proptest::collection::vec(weight(), o),
                    )
                })
                .collect();
            (Just((hidden, act, epoch, seed, sizes)), arrays)
        })
        .prop_map(|((hidden, act, epoch, seed, sizes), arrays)| {
            let last = sizes.len() - 1;
            let layers = sizes
                .iter()
                .zip(arrays)
                .enumerate()
                .map(|(k, (&(i, o), (w, b)))| {
                    let a = if k == last { Activation::Linear } else { act };
                    Layer::new(
                        Array2::from_shape_vec((i, o), w).unwrap(),
                        Array1::from(b),
                        a,
                    )
                    .unwrap()
                })
                .collect();
            WeightsFile {
                experiment: Experiment {
                    network: NetworkConfig {
                        hidden,
                        activations: vec![act],
                        ..NetworkConfig::default()
                    },
                    seed,
                    ..Experiment::default()
                },
                network: Network::from_layers(layers, OutputHead::Sigmoid).unwrap(),
                epoch,
            }
        })
}

fn bits(network: &Network) -> Vec<u64> {
    network
        .layers()
        .iter()
        .flat_map(|l| l.weight_slice().iter().chain(l.bias_slice()))
        .map(|x| x.to_bits())
        .collect()
}

thread_local! {
    /// Files that loaded in the current property, to show the valid path was exercised too.
    static LOADED: Cell<u64> = const { Cell::new(0) };
}

/// Loads `bytes`; anything that loads must be a valid network that saves and loads again.
fn load_any(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok((file, format)) = weights::from_bytes(Path::new(name), bytes) else {
        return Ok(());
    };
    LOADED.set(LOADED.get() + 1);
    prop_assert!(file.network.is_finite());
    prop_assert_eq!(file.network.inputs(), 2);
    prop_assert!(file.network.parameter_count() <= MAX_PARAMETERS);
    let again = weights::to_bytes(&file, format).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (reloaded, _) = weights::from_bytes(Path::new(name), &again)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(bits(&reloaded.network), bits(&file.network));
    Ok(())
}

fn encoded(file: &WeightsFile, npz: bool) -> (Vec<u8>, &'static str) {
    if npz {
        (weights::to_bytes(file, Format::Npz).unwrap(), "f.npz")
    } else {
        (weights::to_bytes(file, Format::Json).unwrap(), "f.json")
    }
}

#[test]
fn valid_files_round_trip_bit_for_bit() {
    check(
        "round trip",
        (valid_file(), any::<bool>()),
        |(file, npz)| {
            let (bytes, name) = encoded(&file, npz);
            let (loaded, _) = weights::from_bytes(Path::new(name), &bytes)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(bits(&loaded.network), bits(&file.network));
            prop_assert_eq!(loaded, file);
            Ok(())
        },
    );
}

#[test]
fn truncated_files_never_panic() {
    check(
        "truncated",
        (
            valid_file(),
            any::<bool>(),
            any::<proptest::sample::Index>(),
        ),
        |(file, npz, cut)| {
            let (bytes, name) = encoded(&file, npz);
            load_any(name, &bytes[..cut.index(bytes.len())])
        },
    );
}

#[test]
fn bit_flipped_files_never_panic() {
    let flips = proptest::collection::vec((any::<proptest::sample::Index>(), 0u8..8), 1..8);
    check(
        "bit flips",
        (valid_file(), any::<bool>(), flips),
        |(file, npz, flips)| {
            let (mut bytes, name) = encoded(&file, npz);
            for (at, bit) in flips {
                let i = at.index(bytes.len());
                bytes[i] ^= 1 << bit;
            }
            load_any(name, &bytes)
        },
    );
}

#[test]
fn random_bytes_never_panic() {
    let prefix = proptest::sample::select(vec![&b""[..], b"{", b"PK\x03\x04", b"PK\x05\x06"]);
    check(
        "random bytes",
        (
            prefix,
            proptest::collection::vec(any::<u8>(), 0..2048),
            any::<bool>(),
        ),
        |(prefix, tail, npz)| {
            let bytes = [prefix, &tail].concat();
            load_any(if npz { "r.npz" } else { "r.json" }, &bytes)
        },
    );
}

/// An activation name: mostly real ones, sometimes not.
fn activation_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => activation().prop_map(|a| a.name().to_owned()),
        1 => "[a-z_]{0,12}",
    ]
}

/// A number as JSON text: ordinary, extreme, or out of `f64` range.
fn json_number() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => weight().prop_map(|x| format!("{x:?}")),
        1 => Just("1e999".to_owned()),
        1 => Just("-0".to_owned()),
    ]
}

/// One layer's shape as a file states it: `(rows, cols, bias length, activation)`.
type Shape = (usize, usize, usize, String);

/// Layers that chain, then zero to three perturbations (a dimension off by one, a layer
/// dropped or repeated, an activation renamed), with the experiment's hidden widths.
/// About half the files are valid and the rest are wrong in one or two small ways, which is
/// where a loader's mistakes hide.
fn shapes() -> impl Strategy<Value = (Vec<usize>, Activation, Vec<Shape>)> {
    let change = (
        0usize..6,
        any::<proptest::sample::Index>(),
        activation_name(),
    );
    (
        proptest::collection::vec(1usize..5, 1..4),
        activation(),
        proptest::collection::vec(change, 0..3),
    )
        .prop_map(|(hidden, act, changes)| {
            let mut widths = vec![2];
            widths.extend(&hidden);
            widths.push(1);
            let last = widths.len() - 2;
            let mut layers: Vec<Shape> = widths
                .windows(2)
                .enumerate()
                .map(|(k, w)| {
                    let a = if k == last { "sigmoid" } else { act.name() };
                    (w[0], w[1], w[1], a.to_owned())
                })
                .collect();
            for (kind, at, name) in changes {
                let i = at.index(layers.len());
                match kind {
                    0 => layers[i].0 = layers[i].0.saturating_sub(1),
                    1 => layers[i].1 += 1,
                    2 => layers[i].2 = layers[i].2.saturating_sub(1),
                    3 => layers[i].3 = name,
                    4 if layers.len() > 1 => {
                        layers.remove(i);
                    }
                    _ => layers.insert(i, layers[i].clone()),
                }
            }
            (hidden, act, layers)
        })
}

#[test]
fn well_formed_json_with_wrong_shapes_and_values_never_panics() {
    let strategy = (shapes(), json_number(), 0..weights::MAX_EPOCH + 2).prop_map(
        |((hidden, act, layers), odd, epoch)| {
            let layers: Vec<String> = layers
                .iter()
                .enumerate()
                .map(|(k, (rows, cols, bias, act))| {
                    let row = vec![if k == 0 { odd.clone() } else { "0.5".into() }; *cols];
                    let weights = vec![format!("[{}]", row.join(",")); *rows];
                    let bias = vec!["0.25"; *bias];
                    format!(
                        r#"{{"weights": [{}], "bias": [{}], "activation": {}}}"#,
                        weights.join(","),
                        bias.join(","),
                        json!(act)
                    )
                })
                .collect();
            let act = json!(act.name());
            format!(
                r#"{{"format": "nn-playground-weights", "version": 1, "epoch": {epoch},
                    "experiment": {{"network": {{"hidden": {}, "activation": {act}}}}},
                    "layers": [{}]}}"#,
                json!(hidden),
                layers.join(",")
            )
        },
    );
    check("wrong JSON", strategy, |text| {
        load_any("w.json", text.as_bytes())
    });
}

#[test]
fn well_formed_npz_with_wrong_shapes_and_values_never_panics() {
    let odd = prop_oneof![8 => weight(), 1 => Just(f64::NAN), 1 => Just(f64::INFINITY)];
    let rare = || proptest::bool::weighted(0.1);
    let strategy = (shapes(), odd, rare(), rare());
    check(
        "wrong npz",
        strategy,
        |((hidden, act, layers), odd, flat_bias, drop_one)| {
            let mut npz = NpzWriter::new(Cursor::new(Vec::new()));
            let mut activations = Vec::new();
            for (i, (rows, cols, bias, name)) in layers.iter().enumerate() {
                let k = i + 1;
                let w = Array2::from_elem((*rows, *cols), if k == 1 { odd } else { 0.5 });
                if !(drop_one && k == layers.len()) {
                    npz.add_array(format!("W{k}"), &w).unwrap();
                }
                if flat_bias {
                    npz.add_array(format!("b{k}"), &Array1::from_elem(*bias, 0.25))
                        .unwrap();
                } else {
                    npz.add_array(format!("b{k}"), &Array2::from_elem((1, *bias), 0.25))
                        .unwrap();
                }
                activations.push(name.clone());
            }
            let config = json!({
                "format": "nn-playground-weights",
                "version": 1,
                "epoch": 1,
                "activations": activations,
                "experiment": {"network": {"hidden": hidden, "activation": act.name()}},
            });
            npz.add_array("config", &Array1::from(config.to_string().into_bytes()))
                .unwrap();
            let bytes = npz.finish().unwrap().into_inner();
            load_any("w.npz", &bytes)
        },
    );
}
