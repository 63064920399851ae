//! One frame of the window's work without drawing: train 1000 epochs, refresh the 200×200
//! decision boundary and prepare the loss curves, on the tutorial's network. This is
//! [`Session::advance_within`], the exact call the app makes each frame (its time budget never
//! binds at 1000 epochs, a single chunk). Target: ≤ 8 ms.

use std::{hint::black_box, time::Duration};

use criterion::{Criterion, criterion_group, criterion_main};
use nn_playground::{
    experiment::Experiment,
    session::{BOUNDARY_RESOLUTION, Session},
};

fn frame(c: &mut Criterion) {
    let mut session = Session::new(Experiment::default(), BOUNDARY_RESOLUTION)
        .expect("the tutorial's experiment is valid");
    c.bench_function("frame: 1000 epochs + 200x200 boundary + curves", |b| {
        b.iter(|| black_box(session.advance_within(black_box(1000), Duration::from_secs(1))))
    });
    let mut session = Session::new(Experiment::default(), BOUNDARY_RESOLUTION)
        .expect("the tutorial's experiment is valid");
    c.bench_function("boundary and curves only (200x200)", |b| {
        b.iter(|| session.refresh_view())
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
