//! Hot paths of the core (criterion): `cargo bench --bench core`.
//!
//! - `xor_epoch`: one epoch of the tutorial's experiment (2-4-1 sigmoid, MSE, SGD, full batch).
//! - `spiral_epoch`: one epoch of a 2-8-8-1 tanh network on a 250-point spiral, batch 10.
//! - `boundary_grid`: the tutorial network's outputs on a 200×200 grid, and a 6×8 and a
//!   6×16 tanh network's on the spiral (the sizes the window refreshes whole every frame), on
//!   one core and shared over the machine's (`run::Cores`, as the training thread does).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nn_playground::{
    data::{DataSpec, DatasetKind},
    experiment::Experiment,
    nn::Activation,
    run::Cores,
    view::{boundary::BoundaryGrid, spread::Spread},
};

fn xor_epoch(c: &mut Criterion) {
    let mut trainer = Experiment::default()
        .trainer()
        .expect("the default experiment is valid");
    c.bench_function("xor_epoch", |b| {
        b.iter(|| black_box(trainer.train_epoch()));
    });
}

fn spiral_epoch(c: &mut Criterion) {
    let mut exp = Experiment {
        data: DataSpec {
            kind: DatasetKind::Spiral,
            points: 250,
            noise: 0.1,
            test_ratio: 0.0,
            seed: 0,
            ..DataSpec::default()
        },
        ..Experiment::default()
    };
    exp.network.hidden = vec![8, 8];
    exp.network.set_activation(Activation::Tanh);
    exp.training.batch_size = Some(10);
    exp.training.learning_rate = 0.03;
    let mut trainer = exp.trainer().expect("the spiral experiment is valid");
    c.bench_function("spiral_epoch", |b| {
        b.iter(|| black_box(trainer.train_epoch()));
    });
}

fn boundary_grid(c: &mut Criterion) {
    let trainer = Experiment::default()
        .trainer()
        .expect("the default experiment is valid");
    let domain = trainer.data().train.domain([]);
    let mut grid = BoundaryGrid::new(200);
    c.bench_function("boundary_grid_200", |b| {
        b.iter(|| {
            grid.refresh(trainer.network(), domain, &Default::default());
            black_box(grid.values()[0])
        });
    });
}

fn deep_boundary_grid(c: &mut Criterion) {
    for width in [8, 16] {
        let mut exp = Experiment::default();
        exp.data.kind = DatasetKind::Spiral;
        exp.network.hidden = vec![width; 6];
        exp.network.set_activation(Activation::Tanh);
        let trainer = exp.trainer().expect("a deep spiral experiment is valid");
        let domain = trainer.data().train.domain([]);
        let mut grid = BoundaryGrid::new(200);
        c.bench_function(&format!("boundary_grid_200 6x{width} tanh"), |b| {
            b.iter(|| {
                grid.refresh(trainer.network(), domain, &exp.data.features);
                black_box(grid.values()[0])
            });
        });
        let name = format!("boundary_grid_200 6x{width} tanh, {} cores", Cores.lanes());
        c.bench_function(&name, |b| {
            b.iter(|| {
                let (features, cells) = (&exp.data.features, 200 * 200);
                grid.refresh_cells(trainer.network(), domain, features, 0, cells, &Cores);
                black_box(grid.values()[0])
            });
        });
    }
}

criterion_group!(
    benches,
    xor_epoch,
    spiral_epoch,
    boundary_grid,
    deep_boundary_grid
);
criterion_main!(benches);
