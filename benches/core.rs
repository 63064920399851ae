//! Core benchmarks (placeholder until the core benchmarks land).
fn main() {}
