//! `nn-playground generate`, the hidden command the Debian package's man pages and completions
//! come from: run through the binary as `scripts/package.sh` runs it, so a page or script that
//! lost a command, or a hidden command that leaked into what users see, fails here rather than
//! in an installed package.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use std::{fs, path::Path, process::Command};

#[path = "support/cli.rs"]
mod cli;

/// Runs `nn-playground generate` into a fresh folder and returns the folder.
fn generate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, stderr) = cli::run(&["generate", dir.path().to_str().unwrap()], "");
    assert!(ok, "{stderr}");
    dir
}

/// Whether `text` has the word `word` (not only as the start of a longer word: "generated").
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_man_page_names_every_command_and_each_has_its_own_page() {
    let dir = generate();
    let page = read(dir.path(), "man/nn-playground.1");
    assert!(page.contains(".TH nn-playground 1"), "{page}");
    for command in ["train", "inspect", "predict", "explain", "export"] {
        assert!(
            page.contains(&format!("nn\\-playground\\-{command}(1)")),
            "the main page does not refer to {command}:\n{page}"
        );
        let own = read(dir.path(), &format!("man/nn-playground-{command}.1"));
        assert!(own.contains(".SH OPTIONS"), "{command}'s page: {own}");
    }
    let train = read(dir.path(), "man/nn-playground-train.1");
    assert!(train.contains("\\-\\-dataset"), "{train}");
    assert!(
        train.contains("three\\-spirals"),
        "the option help is in: {train}"
    );
}

#[test]
fn completions_are_written_for_bash_zsh_and_fish() {
    let dir = generate();
    for file in [
        "completions/nn-playground.bash",
        "completions/_nn-playground",
        "completions/nn-playground.fish",
    ] {
        let script = read(dir.path(), file);
        assert!(script.contains("train"), "{file}: {script}");
        assert!(
            script.contains("--dataset") || script.contains("-l dataset"),
            "{file}"
        );
    }
}

#[test]
fn generate_is_hidden_from_help_man_pages_and_completions() {
    let dir = generate();
    let mut files: Vec<_> = ["man", "completions"]
        .iter()
        .flat_map(|sub| fs::read_dir(dir.path().join(sub)).unwrap())
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 6 + 3, "{files:?}");
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            !has_word(&text, "generate"),
            "{} mentions generate",
            path.display()
        );
    }
    let (_, help, _) = cli::run(&["--help"], "");
    assert!(
        has_word(&help, "train") && !has_word(&help, "generate"),
        "{help}"
    );
}

#[test]
fn an_unwritable_folder_is_one_line_of_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "not a folder").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .arg("generate")
        .arg(&blocker)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: ") && stderr.contains("cannot write"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
