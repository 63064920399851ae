//! `nn-playground train` end to end: the tutorial's output format, JSON, multi-run summaries,
//! exit codes and one-line messages for bad input.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use std::process::{Command, Output};

fn train(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .arg("train")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn defaults_print_the_tutorials_log_predictions_and_a_summary() {
    let out = train(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let epochs: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("Epoch "))
        .collect();
    assert_eq!(epochs.len(), 20, "{text}");
    assert!(epochs[0].starts_with("Epoch 0, Loss: 0.2"), "{}", epochs[0]);
    assert!(epochs[19].starts_with("Epoch 1900, Loss: "));
    let table = lines
        .iter()
        .position(|l| *l == "Predictions (training set):")
        .unwrap();
    assert_eq!(
        lines[table + 1].split_whitespace().collect::<Vec<_>>(),
        ["x1", "x2", "target", "output"]
    );
    let targets: Vec<&str> = lines[table + 2..table + 6]
        .iter()
        .map(|l| l.split_whitespace().nth(2).unwrap())
        .collect();
    assert_eq!(targets, ["0", "1", "1", "0"]);
    let summary = lines.last().unwrap();
    assert!(summary.starts_with("Summary: 2000 epochs"), "{summary}");
    assert!(summary.contains("train accuracy"), "{summary}");
}

#[test]
fn log_every_sets_the_log_interval() {
    let text = stdout(&train(&["--epochs", "50", "--log-every", "10"]));
    let epochs: Vec<&str> = text.lines().filter(|l| l.starts_with("Epoch ")).collect();
    assert_eq!(epochs.len(), 5);
    assert!(epochs[4].starts_with("Epoch 40, Loss: "));
}

#[test]
fn json_prints_one_object_per_run() {
    let out = train(&[
        "--dataset",
        "circle",
        "--points",
        "60",
        "--runs",
        "3",
        "--seed",
        "5",
        "--epochs",
        "100",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let runs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(runs.len(), 3);
    for (i, run) in runs.iter().enumerate() {
        assert_eq!(run["seed"], 5 + i as u64);
        assert_eq!(run["epochs"], 100);
        assert_eq!(run["diverged"], false);
        assert!(run["final_loss"].as_f64().unwrap() > 0.0);
        assert!(run["train_accuracy"].as_f64().is_some());
        assert!(run["test_accuracy"].as_f64().is_some());
        assert_eq!(run["predictions"].as_array().unwrap().len(), 30);
        assert!(run["predictions"][0]["output"].as_f64().is_some());
    }
}

#[test]
fn runs_summarise_how_often_xor_is_solved() {
    let out = train(&["--runs", "20", "--log-every", "0"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.iter().filter(|l| l.starts_with("seed ")).count(), 20);
    let solved = lines[lines.len() - 2];
    assert!(
        solved.starts_with("Solved (every training point right): "),
        "{solved}"
    );
    assert!(solved.contains("/20 runs"));
    assert!(lines[lines.len() - 1].starts_with("Final loss: median "));
}

/// `--runs` on several threads prints exactly what one thread prints (JSON less the timing),
/// in seed order, on a run where the seeds diverge, solve or fail.
#[test]
fn runs_on_several_threads_match_one_thread() {
    let text = |threads: &str, json: bool| {
        let mut args = vec![
            "--dataset",
            "spiral",
            "--points",
            "80",
            "--hidden",
            "6",
            "--activation",
            "tanh",
            "--batch-size",
            "10",
            "--epochs",
            "60",
            "--runs",
            "9",
            "--seed",
            "3",
            "--threads",
            threads,
        ];
        if json {
            args.push("--json");
        }
        let out = train(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let one = text("1", false);
    assert_eq!(one.lines().filter(|l| l.starts_with("seed ")).count(), 9);
    for threads in ["2", "3", "64"] {
        assert_eq!(text(threads, false), one, "{threads} threads");
    }
    let untimed = |text: String| -> Vec<serde_json::Value> {
        text.lines()
            .map(|l| {
                let mut run: serde_json::Value = serde_json::from_str(l).unwrap();
                run.as_object_mut().unwrap().remove("seconds").unwrap();
                run
            })
            .collect()
    };
    let one = untimed(text("1", true));
    let seeds: Vec<u64> = one.iter().map(|r| r["seed"].as_u64().unwrap()).collect();
    assert_eq!(seeds, (3..12).collect::<Vec<_>>());
    assert_eq!(untimed(text("2", true)), one);
    let losses: Vec<f64> = one
        .iter()
        .map(|r| r["final_loss"].as_f64().unwrap())
        .collect();
    assert!(
        losses.windows(2).any(|w| w[0] != w[1]),
        "distinct seeds: {losses:?}"
    );
}

#[test]
fn a_diverging_run_exits_1_and_says_where() {
    let out = train(&["--lr", "1e6"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "training diverged at epoch 0: the loss or a weight blew up; try a smaller learning rate"
    );
    assert!(stdout(&out).contains("DIVERGED at epoch 0"));
}

#[test]
fn bad_values_exit_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--lr", "-1"],
            "error: learning rate must be a positive number up to 1e9, got -1",
        ),
        (
            &["--hidden", "0,4"],
            "error: hidden layer 1 has 0 neurons; it must have 1 to 1024",
        ),
        (
            &["--hidden", "4,2000"],
            "error: hidden layer 2 has 2000 neurons; it must have 1 to 1024",
        ),
        (
            &["--epochs", "2000000000"],
            "error: epochs must be at most 1000000000, got 2000000000",
        ),
        (
            &["--noise", "3"],
            "error: noise must be between 0 and 1, got 3",
        ),
        (&["--runs", "0"], "error: --runs must be at least 1"),
        (
            &["--runs", "2", "--threads", "0"],
            "error: --threads must be at least 1",
        ),
        (
            &["--l1", "-0.1"],
            "error: L1 rate must be 0 or more, got -0.1",
        ),
        (
            &["--dropout", "1.5"],
            "error: dropout must be between 0 and 0.9, got 1.5",
        ),
        (
            &["--activation", "softsign"],
            "error: invalid value 'softsign' for '--activation <ACTIVATION>': unknown activation 'softsign' (expected sigmoid, tanh, relu, leaky_relu or linear)",
        ),
        (
            &["--optimizer", "rmsprop"],
            "error: invalid value 'rmsprop' for '--optimizer <OPTIMIZER>': unknown optimizer 'rmsprop' (expected sgd, momentum or adam)",
        ),
        (
            &["--dataset", "swiss-roll"],
            "error: invalid value 'swiss-roll' for '--dataset <DATASET>': unknown dataset 'swiss-roll' (expected xor, xor-clusters, circle, gaussians, spiral, moons, checkerboard, curve-sin, curve-cubic, curve-abs, curve-step, three-spirals, blobs-3 to blobs-6 or a .csv file)",
        ),
        (
            &["--epochs", "many"],
            "error: invalid value 'many' for '--epochs <EPOCHS>': invalid digit found in string",
        ),
    ];
    for (args, message) in cases {
        let out = train(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), format!("{message}\n"), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn unreadable_and_malformed_csv_files_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    let out = train(&["--dataset", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.starts_with(&format!("error: {}: ", missing.display())),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "0,0,0\n1,1\n").unwrap();
    let out = train(&["--dataset", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}:2: expected 3 columns (x1,x2,label), found 2\n",
            bad.display()
        )
    );
}

#[test]
fn saved_weights_load_back_and_predict_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("xor.json");
    let first = train(&["--save", file.to_str().unwrap(), "--json"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = train(&["--load", file.to_str().unwrap(), "--epochs", "0", "--json"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let a: serde_json::Value = serde_json::from_str(stdout(&first).trim()).unwrap();
    let b: serde_json::Value = serde_json::from_str(stdout(&again).trim()).unwrap();
    assert_eq!(a["predictions"], b["predictions"]);
    assert_eq!(b["epochs"], 2000);

    let out = train(&["--load", file.to_str().unwrap(), "--hidden", "8"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --hidden cannot change the shape of a network loaded with --load\n"
    );
}

#[test]
fn three_spirals_train_with_softmax_and_print_confusion_matrices() {
    let out = train(&[
        "--dataset",
        "three-spirals",
        "--loss",
        "cross_entropy",
        "--hidden",
        "16,16",
        "--activation",
        "tanh",
        "--optimizer",
        "adam",
        "--lr",
        "0.02",
        "--batch-size",
        "20",
        "--epochs",
        "300",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let summary = text
        .lines()
        .find(|l| l.starts_with("Summary: 300 epochs"))
        .unwrap();
    let accuracy: f64 = summary
        .split("train accuracy ")
        .nth(1)
        .and_then(|rest| rest.split('%').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(accuracy > 75.0, "{summary}");
    assert!(text.contains("Confusion matrix (train; rows: true class, columns: predicted):"));
    assert!(text.contains("Confusion matrix (test;"), "{text}");
    let header = text
        .lines()
        .skip_while(|l| !l.starts_with("Confusion matrix (train"))
        .nth(1)
        .unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["0", "1", "2"]
    );
}

#[test]
fn multiclass_defaults_to_cross_entropy_and_refuses_mse_in_one_line() {
    let out = train(&["--dataset", "blobs-4", "--epochs", "5", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(run["train_confusion"].as_array().unwrap().len(), 4);
    assert_eq!(run["predictions"][0]["output"].as_array().unwrap().len(), 4);

    let out = train(&["--dataset", "three-spirals", "--loss", "mse"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: mse needs two classes; a network with 3 classes trains on cross_entropy\n"
    );
}

#[test]
fn schedules_are_parsed_and_checked() {
    let out = train(&["--schedule", "cosine:1000", "--epochs", "10", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (args, message) in [
        (
            ["--schedule", "cosine:0"],
            "error: bad learning-rate schedule: a cosine schedule needs a period of at least 1 epoch\n",
        ),
        (
            ["--schedule", "linear"],
            "error: invalid value 'linear' for '--schedule <SCHEDULE>': unknown schedule 'linear' (expected constant, step:EVERY:FACTOR or cosine:PERIOD)\n",
        ),
    ] {
        let out = train(&args);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stderr(&out), message);
    }
}

/// The sum of |W| over every weight (not bias) of a saved JSON weights file, and how many of
/// the weights are within 0.01 of 0.
fn weight_magnitudes(file: &std::path::Path) -> (f64, usize) {
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let weights: Vec<f64> = saved["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["weights"].as_array().unwrap().clone())
        .flat_map(|row| row.as_array().unwrap().clone())
        .map(|w| w.as_f64().unwrap())
        .collect();
    let near_zero = weights.iter().filter(|w| w.abs() < 0.01).count();
    (weights.iter().map(|w| w.abs()).sum(), near_zero)
}

#[test]
fn l1_shrinks_the_weights_the_data_does_not_need_and_is_saved() {
    // XOR on a 2-8-1 tanh network needs few of its 24 weights: L1 drives most of the rest to
    // about 0, where without it none is that small.
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| {
        let file = dir.path().join(name);
        let mut args = vec![
            "--hidden",
            "8",
            "--activation",
            "tanh",
            "--optimizer",
            "adam",
        ];
        args.extend(["--lr", "0.01", "--epochs", "3000", "--json", "--save"]);
        args.push(file.to_str().unwrap());
        args.extend(extra);
        let out = train(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let summary: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        (file, summary)
    };
    let (plain, _) = run("plain.json", &[]);
    let (sparse, summary) = run("l1.json", &["--l1", "0.005"]);
    assert_eq!(summary["train_accuracy"], 1.0, "{summary}");
    let (plain_sum, plain_zeros) = weight_magnitudes(&plain);
    let (l1_sum, l1_zeros) = weight_magnitudes(&sparse);
    assert!(
        l1_sum < 0.5 * plain_sum,
        "sum |W|: {l1_sum} with L1, {plain_sum} without"
    );
    assert!(
        l1_zeros >= 8 && plain_zeros <= 1,
        "near 0: {l1_zeros} with L1, {plain_zeros} without"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sparse).unwrap()).unwrap();
    assert_eq!(saved["experiment"]["training"]["l1"], 0.005);
}

#[test]
fn features_feed_the_extra_inputs_and_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("circle.json");
    let out = train(&[
        "--dataset",
        "circle",
        "--features",
        "x1,x2,x1^2,x2^2",
        "--epochs",
        "10",
        "--save",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let inspect = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(["inspect", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = stdout(&inspect);
    assert!(text.contains("architecture: 4-4-1"), "{text}");
    assert!(text.contains("\"x1_squared\": true"), "{text}");
    assert!(text.contains("\"x1_x2\": false"), "{text}");
    // The list is what the network takes: without x1 and x2 it sees only their squares.
    let out = train(&["--dataset", "circle", "--features", "x1^2,x2^2", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert!(run["train_accuracy"].as_f64().unwrap() > 0.9, "{run}");
    let out = train(&["--features", "x3"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid value 'x3' for '--features <FEATURES>': unknown feature 'x3' \
         (expected x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2))\n"
    );
}

/// The window's own options (an experiment line) are checked before any window opens.
#[test]
fn window_options_are_checked_before_the_window_opens() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_nn-playground"))
            .args(args)
            .output()
            .unwrap()
    };
    let cases: [(&[&str], &str); 4] = [
        (
            &["--lr", "fast"],
            "error: invalid value 'fast' for '--lr <LR>': invalid float literal\n",
        ),
        (
            &["--hidden", "0,4"],
            "error: hidden layer 1 has 0 neurons; it must have 1 to 1024\n",
        ),
        (
            &["--dataset", "spiral", "run.json"],
            "error: give a file to open or the options of an experiment, not both\n",
        ),
        (
            &["--hide", "everything"],
            "error: invalid value 'everything' for '--hide <HIDE>': unknown control 'everything' \
             (expected run-buttons, epochs-per-frame, epoch-count, slow-motion, stop-target, \
             learning-rate, lr-schedule, optimizer, loss, l2, l1, dropout, batch-size, \
             hidden-layers, activation, init, seed, dataset, points, noise, test-share, \
             input-features)\n",
        ),
    ];
    for (args, message) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
    }
}
