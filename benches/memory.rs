//! Resident memory of a long run: the window's frame loop (1000 epochs, boundary, curves) from
//! 10³ to 10⁷ epochs on the tutorial's network. The bounded history keeps growth under 10 MB.
//!
//! Run with `cargo bench --bench memory`; it prints both figures and fails above the limit.
//! Linux only (reads `VmRSS` from `/proc/self/status`).

use std::process::ExitCode;

use nn_playground::{
    experiment::Experiment,
    view::session::{BOUNDARY_RESOLUTION, Session},
};

/// The most the resident size may grow between 10³ and 10⁷ epochs.
const LIMIT_KB: u64 = 10 * 1024;

/// Resident set size in kB, or `None` where `/proc` is missing.
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; anything else (e.g. `cargo test --benches`) only checks
    // that this builds and runs briefly.
    let full = std::env::args().any(|a| a == "--bench");
    let total: u64 = if full { 10_000_000 } else { 100_000 };
    let Ok(mut session) = Session::new(Experiment::default(), BOUNDARY_RESOLUTION) else {
        eprintln!("the tutorial's experiment failed to build");
        return ExitCode::FAILURE;
    };
    if session.advance(1000).is_err() {
        eprintln!("training diverged");
        return ExitCode::FAILURE;
    }
    let Some(before) = rss_kb() else {
        eprintln!("no /proc/self/status: cannot measure");
        return ExitCode::SUCCESS;
    };
    while session.trainer().epoch() < total {
        if session.train(1000).is_err() {
            eprintln!("training diverged");
            return ExitCode::FAILURE;
        }
        session.refresh_frame_view();
    }
    let after = rss_kb().unwrap_or(before);
    let growth = after.saturating_sub(before);
    println!(
        "VmRSS after 1e3 epochs: {before} kB; after {total} epochs: {after} kB; growth {growth} kB \
         (history points: {})",
        session.trainer().history().points().len()
    );
    if growth > LIMIT_KB {
        eprintln!("resident size grew by more than {LIMIT_KB} kB");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
