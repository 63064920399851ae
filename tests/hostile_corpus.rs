//! A corpus of hostile and unlucky input (`tests/corpus/hostile/`, the NumPy archives made by
//! `make_npz.py` there), run through the real binary: `inspect`, `predict`, `train --load` and
//! `train --dataset`, each case with the exact message it must give and its exit status. Also
//! the inputs that cannot live in git (FIFOs, devices, files over the size limit), made here.
//! Nothing may hang: every run is killed after a timeout, which fails the test.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

use std::{
    io::Read as _,
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use ndarray::{Array1, Array2};
use nn_playground::{
    data::{DatasetKind, PointSet},
    experiment::Experiment,
    nn::{Activation, Layer, Network, OutputHead},
    weights::{
        self, WeightsFile,
        experiment_file::{self, ExperimentFile},
    },
};

/// Longer than any case takes; a run still going then is hung.
const TIMEOUT: Duration = Duration::from_secs(60);

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/hostile")
        .join(name)
        .display()
        .to_string()
}

/// What a run printed and its exit status.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the binary with `args`, stdin closed, and fails the test if it does not end in time.
fn nn(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            child.kill().ok();
            child.wait().ok();
            panic!("hung: nn-playground {}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    Run {
        code: status.code(),
        stdout,
        stderr,
    }
}

/// Asserts the exit status and that stderr is exactly `error: {message}`.
fn assert_error(run: &Run, code: i32, message: &str) {
    assert_eq!(run.stderr, format!("error: {message}\n"));
    assert_eq!(run.code, Some(code), "{}", run.stderr);
}

fn trained_tutorial() -> (WeightsFile, ExperimentFile) {
    let mut trainer = Experiment::default().trainer().unwrap();
    trainer.run(2000).unwrap();
    let weights = WeightsFile {
        experiment: Experiment::default(),
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    };
    let run = ExperimentFile {
        weights: weights.clone(),
        history: trainer.history().clone(),
    };
    (weights, run)
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn csv_imports_keep_their_rows_and_name_file_and_line() {
    // A BOM with no header keeps its first row; blank lines before the header and quoted
    // fields are fine: all four XOR points train.
    for name in ["bom-no-header.csv", "blank-before-header.csv", "quoted.csv"] {
        let file = corpus(name);
        let run = nn(&[
            "train",
            "--dataset",
            &file,
            "--test-ratio",
            "0",
            "--epochs",
            "1",
            "--json",
        ]);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let mut inputs: Vec<String> = json["predictions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["input"].to_string())
            .collect();
        inputs.sort();
        assert_eq!(
            inputs,
            ["[0.0,0.0]", "[0.0,1.0]", "[1.0,0.0]", "[1.0,1.0]"],
            "{name}"
        );
    }
    let cases = [
        (
            "long-field.csv",
            format!("2: x1 is not a number: '{}…'", "z".repeat(60)),
        ),
        (
            "huge-coordinate.csv",
            "2: x1 is 1e308; coordinates must be within ±1e6".to_owned(),
        ),
        ("not-utf8.csv", "2: not UTF-8 text".to_owned()),
    ];
    for (name, message) in cases {
        let file = corpus(name);
        let run = nn(&["train", "--dataset", &file, "--epochs", "1"]);
        assert_error(&run, 2, &format!("{file}:{message}"));
    }
}

#[test]
fn fifos_devices_and_oversized_files_are_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    mkfifo(&fifo);
    let fifo_json = dir.path().join("pipe.json");
    mkfifo(&fifo_json);
    let (fifo, fifo_json) = (path_text(&fifo), path_text(&fifo_json));
    let run = nn(&["train", "--dataset", &fifo, "--epochs", "1"]);
    assert_error(&run, 2, &format!("{fifo}: is a FIFO, not a regular file"));
    for args in [
        vec!["inspect", fifo_json.as_str()],
        vec!["predict", "--weights", &fifo_json, "0", "1"],
        vec!["train", "--load", &fifo_json],
    ] {
        let run = nn(&args);
        assert_error(
            &run,
            2,
            &format!("{fifo_json}: is a FIFO, not a regular file"),
        );
    }
    let run = nn(&["inspect", "/dev/null"]);
    assert_error(
        &run,
        2,
        "/dev/null: is a character device, not a regular file",
    );
    // /dev/tty: refused as a device, or not openable at all where there is no terminal.
    let run = nn(&["inspect", "/dev/tty"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.starts_with("error: /dev/tty: "),
        "{}",
        run.stderr
    );

    // Paths inside files: a weights file and an experiment file whose data is a FIFO or a
    // terminal.
    let (weights, run_file) = trained_tutorial();
    for (name, data) in [
        ("fifo-data.json", fifo.as_str()),
        ("tty-data.json", "/dev/null"),
    ] {
        let mut file = weights.clone();
        file.experiment.data.kind = DatasetKind::Csv { path: data.into() };
        let path = dir.path().join(name);
        weights::save(&path, &file).unwrap();
        let run = nn(&["train", "--load", &path_text(&path), "--epochs", "1"]);
        let kind = if data == fifo {
            "FIFO"
        } else {
            "character device"
        };
        assert_error(&run, 2, &format!("{data}: is a {kind}, not a regular file"));
        let mut experiment = run_file.clone();
        experiment.weights = file;
        let path = dir.path().join(format!("exp-{name}"));
        experiment_file::save(&path, &experiment).unwrap();
        let run = nn(&["train", "--load", &path_text(&path), "--epochs", "1"]);
        assert_error(&run, 2, &format!("{data}: is a {kind}, not a regular file"));
    }

    // Over the limit: refused with the size, not cut to it.
    let big = dir.path().join("big.csv");
    let row = b"0.5,0.5,1\n";
    let rows = (64 << 20) / row.len() + 1;
    std::fs::write(&big, row.repeat(rows)).unwrap();
    let big_text = path_text(&big);
    let run = nn(&["train", "--dataset", &big_text, "--epochs", "1"]);
    assert_error(
        &run,
        2,
        &format!(
            "{big_text}: the file is {} bytes; the limit is 67108864 bytes",
            rows * row.len()
        ),
    );
}

#[test]
fn a_configuration_too_big_for_memory_is_refused_with_a_message() {
    let run = nn(&[
        "train",
        "--dataset",
        "spiral",
        "--points",
        "100000",
        "--hidden",
        "1024,1024",
    ]);
    assert_error(
        &run,
        2,
        "this run would need about 3.2 GiB of memory (the training pass buffers: 3.1 GiB), over \
         the limit of 1.0 GiB; use fewer points, narrower or fewer layers, or a smaller batch size",
    );
    // The same through a file: a weights file whose experiment asks for that much.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let (weights, _) = trained_tutorial();
    weights::save(&path, &weights).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["experiment"]["data"]["kind"] = "spiral".into();
    json["experiment"]["data"]["points"] = 100_000.into();
    json["experiment"]["network"]["hidden"] = serde_json::json!([1024, 1024]);
    std::fs::write(&path, json.to_string()).unwrap();
    let file = path_text(&path);
    let run = nn(&["inspect", &file]);
    assert_error(
        &run,
        2,
        &format!(
            "{file}: invalid experiment: this run would need about 3.2 GiB of memory (the \
             training pass buffers: 3.1 GiB), over the limit of 1.0 GiB; use fewer points, \
             narrower or fewer layers, or a smaller batch size"
        ),
    );
}

#[test]
fn finite_input_with_a_non_finite_output_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (weights, _) = trained_tutorial();
    let path = dir.path().join("tutorial.json");
    weights::save(&path, &weights).unwrap();
    let file = path_text(&path);
    let run = nn(&["predict", "--weights", &file, "1e308", "-1e308"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: the network's output for 1e308,-1e308 is NaN"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);

    // A relu network with weights at ±1e308: finite, but inside it inf - inf is NaN.
    let mut huge = weights.clone();
    huge.experiment.network.set_activation(Activation::Relu);
    let hidden = Layer::new(
        Array2::from_elem((2, 4), 1e308),
        Array1::zeros(4),
        Activation::Relu,
    )
    .unwrap();
    let output = Layer::new(
        Array2::from_shape_vec((4, 1), vec![1e308, -1e308, 1e308, -1e308]).unwrap(),
        Array1::zeros(1),
        Activation::Linear,
    )
    .unwrap();
    huge.network = Network::from_layers(vec![hidden, output], OutputHead::Sigmoid).unwrap();
    let path = dir.path().join("relu-huge.json");
    weights::save(&path, &huge).unwrap();
    let file = path_text(&path);
    let run = nn(&["predict", "--weights", &file, "1", "1"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: the network's output for 1e0,1e0 is "),
        "{}",
        run.stderr
    );
    let run = nn(&["train", "--load", &file, "--epochs", "10"]);
    assert!(!run.stdout.contains("NaN"), "{}", run.stdout);
}

#[test]
fn the_command_line_reads_experiment_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, run_file) = trained_tutorial();
    let path = dir.path().join("run.nnexp.json");
    experiment_file::save(&path, &run_file).unwrap();
    let file = path_text(&path);
    let run = nn(&["inspect", &file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("format: experiment file (nn-playground-experiment, version 1;")
    );
    assert!(run.stdout.contains("architecture: 2-4-1"));
    let run = nn(&["predict", "--weights", &file, "0", "1"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let p: f64 = run.stdout.trim().parse().unwrap();
    assert!(p > 0.5, "{p}");
    let run = nn(&[
        "train",
        "--load",
        &file,
        "--epochs",
        "10",
        "--log-every",
        "0",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Summary: 10 epochs"), "{}", run.stdout);
}

#[test]
fn points_at_absurd_coordinates_are_refused_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let (mut weights, _) = trained_tutorial();
    let mut points = PointSet::default();
    points.add(0.0, 0.0, 0);
    points.add(1.0, 1.0, 1);
    weights.experiment.data.kind = DatasetKind::Points { points };
    let path = dir.path().join("points.json");
    weights::save(&path, &weights).unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("\"x1\": 1.0", "\"x1\": 1e308", 1);
    std::fs::write(&path, text).unwrap();
    let file = path_text(&path);
    let run = nn(&["inspect", &file]);
    assert_error(
        &run,
        2,
        &format!(
            "{file}: invalid experiment: point coordinates must be finite and within ±1e6, got (1e308, 1e0)"
        ),
    );
}

/// The NumPy network's outputs on the XOR points, as `make_npz.py` wrote them.
fn numpy_outputs() -> Vec<(String, String, f64)> {
    std::fs::read_to_string(corpus("tutorial-outputs.txt"))
        .unwrap()
        .lines()
        .map(|line| {
            let parts: Vec<&str> = line.split(' ').collect();
            (parts[0].into(), parts[1].into(), parts[2].parse().unwrap())
        })
        .collect()
}

#[test]
fn bare_numpy_arrays_open_as_the_tutorials_network() {
    let note = "the file holds arrays only (no config): read as the tutorial's network, \
                sigmoid hidden layers on the xor data, at epoch 0";
    for name in [
        "tutorial.npz",
        "tutorial-compressed.npz",
        "python2-longs.npz",
    ] {
        let file = corpus(name);
        let run = nn(&["inspect", &file]);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        assert!(run.stdout.contains("architecture: 2-4-1"), "{}", run.stdout);
        assert!(
            run.stdout.contains(&format!("assumed: {note}")),
            "{}",
            run.stdout
        );
        assert_eq!(run.stderr, format!("note: {file}: {note}\n"));
        for (x1, x2, expected) in numpy_outputs() {
            let run = nn(&["predict", "--weights", &file, &x1, &x2]);
            assert_eq!(run.code, Some(0), "{}", run.stderr);
            let p: f64 = run.stdout.trim().parse().unwrap();
            assert!(
                (p - expected).abs() < 1e-12,
                "{name} {x1},{x2}: {p} vs NumPy {expected}"
            );
        }
    }
    let file = corpus("three-layers.npz");
    let run = nn(&["inspect", &file, "--activation", "tanh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("architecture: 2-5-3-1"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("activations: tanh, tanh, sigmoid"),
        "{}",
        run.stdout
    );
    let run = nn(&[
        "train",
        "--load",
        &file,
        "--activation",
        "tanh",
        "--dataset",
        "circle",
        "--epochs",
        "5",
        "--log-every",
        "0",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("tanh hidden layers on the circle data"),
        "{}",
        run.stderr
    );
    // On a file that says what it holds, the assumptions are refused rather than ignored.
    let dir = tempfile::tempdir().unwrap();
    let (weights, _) = trained_tutorial();
    let path = dir.path().join("w.npz");
    weights::save(&path, &weights).unwrap();
    let saved = path_text(&path);
    let run = nn(&["inspect", &saved, "--activation", "tanh"]);
    assert_error(
        &run,
        2,
        &format!(
            "{saved}: --activation and --dataset describe an .npz of bare arrays; this NumPy .npz says what it holds"
        ),
    );
}

#[test]
fn messages_quote_at_most_sixty_characters_of_a_hostile_value() {
    let dir = tempfile::tempdir().unwrap();
    let (weights, run_file) = trained_tutorial();
    let long = "q".repeat(1_000_000);
    let path = dir.path().join("w.json");
    weights::save(&path, &weights).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["layers"][0]["weights"][0][0] = long.clone().into();
    std::fs::write(&path, json.to_string()).unwrap();
    let file = path_text(&path);
    let run = nn(&["inspect", &file]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.starts_with(&format!(
            "error: {file}: invalid content: invalid type: string \"{}…\", expected f64",
            "q".repeat(60)
        )),
        "{}",
        &run.stderr[..run.stderr.len().min(300)]
    );
    // A variant name in an experiment file.
    let path = dir.path().join("run.json");
    experiment_file::save(&path, &run_file).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["weights"]["experiment"]["data"]["kind"] = format!("{long}\n").into();
    std::fs::write(&path, json.to_string()).unwrap();
    let run = nn(&["predict", "--weights", &path_text(&path), "0", "0"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stderr.lines().count(), 1, "{}", &run.stderr[..300]);
    assert!(run.stderr.len() < 400, "{}", &run.stderr[..400]);
    // A command-line value (the OS takes at most 128 KiB in one argument).
    let long = "q".repeat(100_000);
    let run = nn(&["train", "--dataset", &long]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.len() < 600, "{}", &run.stderr[..600]);
    let run = nn(&["train", "--lr", &long]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.len() < 600, "{}", &run.stderr[..600]);
}
