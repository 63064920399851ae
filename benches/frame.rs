//! One frame of the window's work without drawing: train 1000 epochs, refresh the 200×200
//! decision boundary and prepare the loss curves, on the tutorial's network. This is
//! [`Session::advance_within`], the exact call the app makes each frame (its time budget never
//! binds at 1000 epochs, a single chunk). Target: ≤ 8 ms.
//!
//! The view refresh includes the network diagram's neuron maps (24×24 per neuron); the last
//! case measures a frame on the diagram's worst case, 6 hidden layers of 8 neurons, on the
//! spiral (100 training points).

use std::{hint::black_box, time::Duration};

use criterion::{Criterion, criterion_group, criterion_main};
use nn_playground::{
    data::DatasetKind,
    experiment::Experiment,
    nn::Activation,
    view::neuron_maps::{NEURON_MAP_RESOLUTION, NeuronMaps},
    view::session::{BOUNDARY_RESOLUTION, Session},
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
    let mut deep = Experiment::default();
    deep.data.kind = DatasetKind::Spiral;
    deep.network.hidden = vec![8; 6];
    deep.network.activation = Activation::Tanh;
    deep.training.learning_rate = 0.01;
    let trainer = deep.trainer().expect("a 6x8 spiral experiment is valid");
    let domain = trainer.data().train.domain([&trainer.data().test]);
    let mut maps = NeuronMaps::new(NEURON_MAP_RESOLUTION);
    let deep_features = deep.data.features;
    c.bench_function("6x8 network: neuron maps only (24x24 per neuron)", |b| {
        b.iter(|| maps.refresh(trainer.network(), black_box(domain), &deep_features))
    });
    let mut session =
        Session::new(deep, BOUNDARY_RESOLUTION).expect("a 6x8 spiral experiment is valid");
    c.bench_function(
        "6x8 network on spiral: full view refresh (on pause: 200x200 boundary, maps, curves)",
        |b| b.iter(|| session.refresh_view()),
    );
    c.bench_function("6x8 network on spiral: 10 epochs + view + maps", |b| {
        b.iter(|| black_box(session.advance_within(black_box(10), Duration::from_secs(1))))
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
