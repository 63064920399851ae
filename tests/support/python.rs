//! The Python the cross-checks run: `$NN_PLAYGROUND_PYTHON`, else `.venv/bin/python` in the
//! crate. A test needing Python fails (it never skips) when that Python lacks a module.

#![allow(dead_code, reason = "each test file including this uses part of it")]

use std::{
    path::{Path, PathBuf},
    process::Command,
};

/// The Python to run, checked to import every one of `modules`.
pub fn python(modules: &[&str]) -> PathBuf {
    let candidate = std::env::var_os("NN_PLAYGROUND_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    let works = Command::new(&candidate)
        .args(["-c", &format!("import {}", modules.join(", "))])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        works,
        "no Python with {} at {}: set NN_PLAYGROUND_PYTHON, or create the venv with \
         `python3 -m venv .venv && .venv/bin/pip install {}` in the crate folder \
         (scripts/test.sh does)",
        modules.join(", "),
        candidate.display(),
        modules.join(" ")
    );
    candidate
}

/// Runs `tests/python/{script}` with `args` and returns its stdout, failing the test with
/// its stderr when it fails.
pub fn run_script(modules: &[&str], script: &str, args: &[String]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(script);
    let out = Command::new(python(modules))
        .arg(path)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}
