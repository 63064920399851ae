//! Training behaviour through the public API: determinism, divergence, bounded memory,
//! live hyper-parameter changes, mini-batches and CSV import errors.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use nn_playground::{
    data::{DataSpec, DatasetKind},
    experiment::Experiment,
    nn::{Activation, Loss, Optimizer},
    train::TrainError,
};

fn spiral_minibatch() -> Experiment {
    let mut exp = Experiment {
        data: DataSpec {
            kind: DatasetKind::Spiral,
            points: 250,
            noise: 0.1,
            test_ratio: 0.2,
            seed: 3,
            ..DataSpec::default()
        },
        ..Experiment::default()
    };
    exp.network.hidden = vec![8, 8];
    exp.network.set_activation(Activation::Tanh);
    exp.training.batch_size = Some(10);
    exp.training.optimizer = Optimizer::Adam;
    exp.training.learning_rate = 0.01;
    exp
}

#[test]
fn same_seed_and_config_give_bit_identical_runs() {
    for exp in [Experiment::default(), spiral_minibatch()] {
        let mut a = exp.trainer().unwrap();
        let mut b = exp.trainer().unwrap();
        a.run(300).unwrap();
        b.run(300).unwrap();
        assert_eq!(a.network(), b.network());
        assert_eq!(a.history(), b.history());
        let mut c = Experiment { seed: 1, ..exp }.trainer().unwrap();
        c.run(300).unwrap();
        assert_ne!(a.network(), c.network());
    }
}

#[test]
fn splitting_a_run_changes_nothing() {
    let exp = spiral_minibatch();
    let mut whole = exp.trainer().unwrap();
    whole.run(200).unwrap();
    let mut parts = exp.trainer().unwrap();
    for _ in 0..20 {
        parts.run(10).unwrap();
    }
    assert_eq!(whole.network(), parts.network());
}

#[test]
fn minibatch_training_learns_the_spiral() {
    let mut trainer = spiral_minibatch().trainer().unwrap();
    let before = trainer.train_evaluation().loss;
    trainer.run(300).unwrap();
    let after = trainer.train_evaluation();
    assert!(after.loss < 0.5 * before, "{before} -> {}", after.loss);
    assert!(after.accuracy > 0.8, "accuracy {}", after.accuracy);
    assert!(trainer.test_evaluation().unwrap().total == 50);
}

#[test]
fn a_huge_learning_rate_stops_training_at_once_and_keeps_the_last_good_weights() {
    let mut exp = Experiment::default();
    exp.training.learning_rate = 1e6;
    let mut trainer = exp.trainer().unwrap();
    let fresh = trainer.network().clone();
    let err = trainer.run(2000).unwrap_err();
    assert_eq!(err, TrainError::Diverged { epoch: 0 });
    assert_eq!(
        err.to_string(),
        "training diverged at epoch 0: the loss or a weight blew up; try a smaller learning rate"
    );
    assert_eq!(trainer.epoch(), 0);
    assert_eq!(trainer.network(), &fresh);
    assert_eq!(trainer.diverged_at(), Some(0));
    assert!(trainer.train_evaluation().loss.is_finite());
}

#[test]
fn divergence_after_progress_rolls_back_to_the_start_of_the_call() {
    let mut exp = Experiment::default();
    exp.network.set_activation(Activation::Linear);
    exp.training.loss = Loss::CrossEntropy;
    let mut trainer = exp.trainer().unwrap();
    trainer.run(50).unwrap();
    let good = trainer.network().clone();
    let mut config = trainer.config().clone();
    config.learning_rate = 1e5;
    trainer.set_config(config).unwrap();
    let Err(TrainError::Diverged { epoch }) = trainer.run(1000) else {
        panic!("expected divergence");
    };
    assert!(epoch >= 50);
    assert_eq!(trainer.epoch(), 50);
    assert_eq!(trainer.network(), &good);
    assert!(trainer.network().is_finite());
    assert!(trainer.history().curve().all(|p| p.train.is_finite()));
}

#[test]
fn history_stays_bounded_over_ten_million_epochs() {
    let mut trainer = Experiment::default().trainer().unwrap();
    let capacity = trainer.history().capacity();
    for _ in 0..100 {
        trainer.run(100_000).unwrap();
        assert!(trainer.history().points().len() <= capacity);
    }
    assert_eq!(trainer.epoch(), 10_000_000);
    let history = trainer.history();
    assert!(history.points().len() >= capacity / 2);
    assert_eq!(history.points()[0].epoch, 0);
    assert_eq!(history.latest().unwrap().epoch, 10_000_000);
    // The curve keeps its shape: it starts near the initial loss and ends near the last.
    assert!(history.points()[0].train > 0.2);
    assert!(history.curve().last().unwrap().train < 0.01);
}

#[test]
fn learning_rate_and_optimizer_change_live_without_losing_the_epoch() {
    let mut trainer = Experiment::default().trainer().unwrap();
    trainer.run(500).unwrap();
    let weights = trainer.network().clone();
    let mut config = trainer.config().clone();
    config.learning_rate = 0.05;
    config.optimizer = Optimizer::Momentum;
    config.batch_size = Some(2);
    trainer.set_config(config.clone()).unwrap();
    assert_eq!(trainer.epoch(), 500);
    assert_eq!(trainer.network(), &weights);
    trainer.run(10).unwrap();
    assert_eq!(trainer.epoch(), 510);
    assert_eq!(trainer.config(), &config);
}

#[test]
fn bad_hyper_parameters_are_refused_with_a_reason() {
    let mut trainer = Experiment::default().trainer().unwrap();
    let mut config = trainer.config().clone();
    config.learning_rate = -1.0;
    assert_eq!(
        trainer.set_config(config).unwrap_err().to_string(),
        "learning rate must be a positive number up to 1e9, got -1"
    );
    assert_eq!(trainer.config().learning_rate, 0.5);
}

#[test]
fn csv_datasets_load_and_bad_rows_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n").unwrap();
    let mut exp = Experiment::default();
    exp.data.kind = DatasetKind::Csv { path: good };
    exp.data.test_ratio = 0.0;
    let trainer = exp.trainer().unwrap();
    assert_eq!(trainer.data().train.len(), 4);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "x1,x2,label\n0,0,0\n0,1,yes\n").unwrap();
    exp.data.kind = DatasetKind::Csv { path: bad.clone() };
    let message = exp.trainer().unwrap_err().to_string();
    assert_eq!(
        message,
        format!("{}:3: label must be 0 or 1, found 'yes'", bad.display())
    );
}

#[test]
fn a_schedule_sets_each_epochs_learning_rate() {
    use nn_playground::train::Schedule;
    // Halving every epoch is the same as changing the rate by hand between epochs.
    let mut scheduled_exp = Experiment::default();
    scheduled_exp.training.schedule = Schedule::Step {
        every: 1,
        factor: 0.5,
    };
    let mut scheduled = scheduled_exp.trainer().unwrap();
    scheduled.run(3).unwrap();
    let mut by_hand = Experiment::default().trainer().unwrap();
    for lr in [0.5, 0.25, 0.125] {
        let mut config = by_hand.config().clone();
        config.learning_rate = lr;
        by_hand.set_config(config).unwrap();
        by_hand.run(1).unwrap();
    }
    assert_eq!(scheduled.network(), by_hand.network());
    let mut constant = Experiment::default().trainer().unwrap();
    constant.run(3).unwrap();
    assert_ne!(scheduled.network(), constant.network());
}

#[test]
fn dropout_trains_reproducibly_and_bad_rates_are_refused() {
    let mut exp = spiral_minibatch();
    exp.training.dropout = 0.2;
    let mut a = exp.trainer().unwrap();
    let mut b = exp.trainer().unwrap();
    let before = a.train_evaluation().loss;
    a.run(200).unwrap();
    b.run(200).unwrap();
    assert_eq!(a.network(), b.network(), "same seed, same masks");
    assert!(a.train_evaluation().loss < 0.7 * before);
    let mut plain = spiral_minibatch().trainer().unwrap();
    plain.run(200).unwrap();
    assert_ne!(a.network(), plain.network());
    let mut config = a.config().clone();
    config.dropout = 0.95;
    assert_eq!(
        a.set_config(config).unwrap_err().to_string(),
        "dropout must be between 0 and 0.9, got 0.95"
    );
}
