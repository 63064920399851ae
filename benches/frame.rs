//! Criterion benchmark of one frame of the app (placeholder until the app lands).
fn main() {}
