//! A corpus of bad weights files (`tests/corpus/weights/`, made by `make_corpus.py` there),
//! each with the exact one-line message it must produce. Guards the wording users see as much
//! as the rejection itself.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

use std::path::{Path, PathBuf};

use nn_playground::weights::{self, MAX_PARAMETERS};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/weights")
        .join(name)
}

/// Every file and the message after its `path: ` prefix.
const CASES: &[(&str, &str)] = &[
    // JSON
    (
        "not-json.json",
        "not a weights file: neither a JSON object nor an .npz archive",
    ),
    (
        "binary.json",
        "not a weights file: neither a JSON object nor an .npz archive",
    ),
    (
        "truncated.json",
        "not a weights file: invalid JSON: EOF while parsing a value at line 21 column 13",
    ),
    (
        "unknown-format.json",
        "unknown format tag \"keras\"; expected \"nn-playground-weights\"",
    ),
    (
        "newer-version.json",
        "format version 2 is newer than this program reads (version 1); update nn-playground",
    ),
    ("missing-format.json", "missing field \"format\""),
    ("missing-layers.json", "missing field \"layers\""),
    ("missing-bias.json", "missing field \"layers[1].bias\""),
    ("not-chaining.json", "W2 has shape (3, 1); expected (4, 1)"),
    (
        "wrong-input-width.json",
        "the network takes 3 inputs but the xor dataset has 2 features",
    ),
    (
        "ragged.json",
        "invalid content: W1 is ragged: row 2 has 3 numbers, row 1 has 4",
    ),
    ("short-bias.json", "b1 has shape (1, 3); expected (1, 4)"),
    (
        "out-of-range.json",
        "a number at line 11 column 15 is out of range; weights must be finite",
    ),
    (
        "nan.json",
        "NaN at line 11 column 11; weights must be finite",
    ),
    (
        "infinity.json",
        "-Infinity at line 32 column 12; weights must be finite",
    ),
    (
        "unknown-activation.json",
        "layer 1 has unknown activation \"softsign\" (expected sigmoid, tanh, relu, leaky_relu or linear)",
    ),
    (
        "relu-output.json",
        "the output layer must be one sigmoid neuron, found 1 relu neurons",
    ),
    (
        "hidden-mismatch.json",
        "the layers do not match the experiment: hidden widths [4] in the layers, [8] in the experiment",
    ),
    (
        "activation-mismatch.json",
        "the layers do not match the experiment: layer 1 is tanh but the experiment says sigmoid",
    ),
    (
        "bad-learning-rate.json",
        "invalid experiment: learning rate must be a positive number up to 1e9, got -1",
    ),
    (
        "string-weight.json",
        "invalid content: invalid type: string \"0.5\", expected f64 at line 9 column 15",
    ),
    (
        "negative-epoch.json",
        "invalid content: invalid value: integer `-1`, expected u64 at line 4 column 13",
    ),
    ("no-layers.json", "the network has no layers"),
    // NumPy
    (
        "truncated.npz",
        "not a weights file: not a readable .npz archive: invalid Zip archive: Could not find EOCD",
    ),
    (
        "random.npz",
        "not a weights file: not a readable .npz archive: invalid Zip archive: Could not find EOCD",
    ),
    ("missing-bias.npz", "bad .npz archive: missing array b2"),
    ("bias-1d.npz", "b1 has shape (4,); expected (1, 4)"),
    (
        "float32.npz",
        "bad .npz archive: W1 has dtype \"<f4\"; expected float64 ('<f8')",
    ),
    ("not-chaining.npz", "W2 has shape (3, 1); expected (4, 1)"),
    ("nan.npz", "W1[0, 1] is NaN; weights must be finite"),
    (
        "huge-header.npz",
        "array W1.npy declares 10000000000 elements; the limit is 10000000",
    ),
    (
        "inflates.npz",
        "archive member W1.npy inflates past 193 bytes",
    ),
    (
        "extra-member.npz",
        "bad .npz archive: unexpected member \"notes.npy\" (a weights archive holds W1, b1, W2, b2, … and config)",
    ),
    (
        "unknown-activation.npz",
        "layer 2 has unknown activation \"softmax\" (expected sigmoid, tanh, relu, leaky_relu or linear)",
    ),
    (
        "newer-version.npz",
        "format version 2 is newer than this program reads (version 1); update nn-playground",
    ),
    (
        "config-bad-epoch.npz",
        "invalid content: invalid type: string \"ten\", expected u64 at line 1 column 64",
    ),
    (
        "stray-array.npz",
        "bad .npz archive: array W3 is beyond the 2 layers the config's activations list",
    ),
    ("activation-count.npz", "bad .npz archive: missing array W3"),
    (
        "config-not-json.npz",
        "bad .npz archive: config does not hold a JSON object",
    ),
    (
        "config-float.npz",
        "bad .npz archive: config has dtype \"<f8\" and shape (2,); expected a 1-D uint8 array ('|u1') of JSON text",
    ),
    (
        "huge-config.npz",
        "array config.npy declares 2000000000 elements; the limit is 1048576",
    ),
    (
        "many-members.npz",
        "bad .npz archive: 40 members; a weights archive has at most 35",
    ),
    (
        "empty.npz",
        "bad .npz archive: no arrays (a weights archive holds W1, b1, W2, b2, …)",
    ),
];

#[test]
fn the_well_formed_originals_load() {
    for name in ["good.json", "good.npz"] {
        let file = weights::load(&corpus(name)).unwrap();
        assert_eq!(file.network.parameter_count(), 17, "{name}");
        assert_eq!(file.epoch, 10);
    }
}

#[test]
fn arrays_without_a_config_are_the_tutorials_network_and_say_so() {
    let loaded =
        weights::load_assuming(&corpus("missing-config.npz"), &weights::Assume::default()).unwrap();
    assert_eq!(loaded.file.network.parameter_count(), 17);
    assert_eq!(loaded.file.epoch, 0);
    assert_eq!(
        loaded.file.experiment.network,
        nn_playground::experiment::Experiment::default().network
    );
    assert_eq!(
        loaded.assumed.as_deref(),
        Some(
            "the file holds arrays only (no config): read as the tutorial's network, sigmoid \
             hidden layers on the xor data, at epoch 0"
        )
    );
}

#[test]
fn every_bad_file_gives_its_exact_message() {
    let mut wrong = Vec::new();
    for (name, message) in CASES {
        let path = corpus(name);
        let expected = format!("{}: {message}", path.display());
        match weights::load(&path) {
            Ok(_) => wrong.push(format!("{name}: loaded")),
            Err(e) if e.to_string() != expected => wrong.push(format!("{name}: {e}")),
            Err(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected results:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_corpus_file_is_in_the_table() {
    let mut files: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") || n.ends_with(".npz"))
        .filter(|n| !n.starts_with("good."))
        // Arrays alone now load, as the tutorial's network (tested above).
        .filter(|n| n != "missing-config.npz")
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn ten_million_and_one_zeros_are_refused_while_reading() {
    // Too big to commit (20 MB), so made here: one layer wide enough to pass the limit.
    let zeros = vec!["0"; MAX_PARAMETERS + 1].join(",");
    let text = format!(
        r#"{{"format": "nn-playground-weights", "version": 1, "epoch": 0, "experiment": {{}},
            "layers": [{{"weights": [[{zeros}]], "bias": [], "activation": "sigmoid"}}]}}"#
    );
    let err = weights::from_bytes(Path::new("big.json"), text.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "big.json: at least 10000001 parameters; the limit is 10000000"
    );
    // The count is per file: a later file's unrelated fault is not blamed on it.
    let err = weights::load(&corpus("config-bad-epoch.npz")).unwrap_err();
    assert!(err.to_string().contains("expected u64"), "{err}");
}

#[test]
fn endless_lists_are_cut_off_while_reading() {
    let file = |layers: &str| {
        format!(
            r#"{{"format": "nn-playground-weights", "version": 1, "epoch": 0, "experiment": {{}}, "layers": [{layers}]}}"#
        )
    };
    let load = |text: String| {
        weights::from_bytes(Path::new("l.json"), text.as_bytes())
            .unwrap_err()
            .to_string()
    };
    // A million empty layers would cost far more memory than their 3 bytes each.
    let layers = vec!["{}"; 1_000_000].join(",");
    assert_eq!(
        load(file(&layers)),
        "l.json: invalid content: more than 17 layers at line 1 column 145"
    );
    let rows = vec!["[]"; 1_000_000].join(",");
    let layer = format!(r#"{{"weights": [{rows}], "bias": [], "activation": "sigmoid"}}"#);
    assert_eq!(
        load(file(&layer)),
        "l.json: invalid content: more than 1024 rows in a weight matrix at line 1 column 3179"
    );
}
