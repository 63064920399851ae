//! Training epochs and boundary refreshes allocate nothing once their buffers exist: the
//! window trains thousands of epochs per frame, so a stray allocation per epoch would show.
//! Counted with a counting global allocator in this test binary only.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use nn_playground::{
    data::{DataSpec, DatasetKind},
    experiment::Experiment,
    nn::{Activation, Loss, Optimizer},
    view::boundary::BoundaryGrid,
};

fn spiral_minibatch_adam() -> Experiment {
    let mut exp = Experiment {
        data: DataSpec {
            kind: DatasetKind::Spiral,
            points: 250,
            noise: 0.1,
            test_ratio: 0.2,
            seed: 1,
            ..DataSpec::default()
        },
        ..Experiment::default()
    };
    exp.network.hidden = vec![8, 8];
    exp.network.set_activation(Activation::Relu);
    exp.training.loss = Loss::CrossEntropy;
    exp.training.optimizer = Optimizer::Adam;
    exp.training.learning_rate = 0.01;
    exp.training.batch_size = Some(10);
    exp.training.l2 = 0.001;
    exp.training.l1 = 0.0001;
    exp
}

#[test]
fn training_epochs_allocate_nothing() {
    for exp in [Experiment::default(), spiral_minibatch_adam()] {
        let mut trainer = exp.trainer().unwrap();
        trainer.run(10).unwrap();
        let counts = allocation_counter::measure(|| {
            trainer.run(3000).unwrap();
        });
        assert_eq!(counts.count_total, 0, "{counts:?}");
        assert_eq!(trainer.epoch(), 3010);
    }
}

#[test]
fn the_test_can_see_an_allocation() {
    let counts = allocation_counter::measure(|| {
        std::hint::black_box(vec![1.0_f64; 8]);
    });
    assert_eq!(counts.count_total, 1);
}

#[test]
fn boundary_refreshes_allocate_nothing_after_the_first() {
    let trainer = spiral_minibatch_adam().trainer().unwrap();
    let domain = trainer.data().train.domain([&trainer.data().test]);
    let mut grid = BoundaryGrid::new(200);
    grid.refresh(trainer.network(), domain, &Default::default());
    let counts = allocation_counter::measure(|| {
        for _ in 0..3 {
            grid.refresh(trainer.network(), domain, &Default::default());
        }
    });
    assert_eq!(counts.count_total, 0, "{counts:?}");
}
