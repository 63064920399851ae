//! Runs the `nn-playground` binary the tests were built with.

#![allow(dead_code, reason = "each test file including this uses part of it")]

use std::{
    io::Write as _,
    process::{Command, Stdio},
};

/// Runs the binary with `args`, `stdin` piped in: success, stdout, stderr.
pub fn run(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nn-playground"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the rows");
    let out = child.wait_with_output().expect("the binary ends");
    (
        out.status.success(),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}
