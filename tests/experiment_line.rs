//! The experiment line, as properties: any experiment the window can make that has a line
//! reads back from it exactly (view options included), and no text, however hostile, makes the
//! reader panic or give more than one line of reason. `PROPTEST_CASES` sets the case count
//! (256 by default).

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use nn_playground::{
    cli::{ViewArgs, line},
    data::DatasetKind,
    experiment::Experiment,
    lesson::Control,
    nn::{Activation, Init, Loss, Optimizer},
    train::{Metric, Schedule, StopAt},
};
use proptest::{prelude::*, sample::select};

/// A small positive rate as sliders make them: any float, not only round ones.
fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 1e-5..1.0f64]
}

prop_compose! {
    fn experiment()(
        kind in select(DatasetKind::named().collect::<Vec<_>>()),
        points in 10usize..2000,
        noise in 0.0..1.0f64,
        test_ratio in 0.0..0.9f64,
        data_seed in any::<u64>(),
        features in proptest::array::uniform5(any::<bool>()),
        hidden in proptest::collection::vec(1usize..64, 0..6),
        activations in proptest::collection::vec(select(Activation::ALL.to_vec()), 1..6),
        init in select(Init::ALL.to_vec()),
        optimizer in select(Optimizer::ALL.to_vec()),
        mse in any::<bool>(),
        lr in 1e-4..10.0f64,
        schedule in prop_oneof![
            Just(Schedule::Constant),
            (1u64..10_000, 0.01..1.0f64).prop_map(|(every, factor)| Schedule::Step { every, factor }),
            (1u64..10_000).prop_map(|period| Schedule::Cosine { period }),
        ],
        l2 in rate(),
        l1 in rate(),
        dropout in 0.0..0.9f64,
        batch in proptest::option::of(1usize..1024),
        stop in proptest::option::of((select(Metric::ALL.to_vec()), 0.001..1.0f64)),
        seed in any::<u64>(),
        epochs in 1u64..10_000_000,
    ) -> Experiment {
        let mut e = Experiment::default();
        e.data.kind = kind;
        e.fit_output_to_data().unwrap();
        e.data.points = points;
        e.data.noise = noise;
        e.data.test_ratio = test_ratio;
        e.data.seed = data_seed;
        for (on, wanted) in e.data.features.toggles_mut().into_iter().zip(features) {
            *on = wanted;
        }
        e.network.activations = if hidden.is_empty() {
            Vec::new()
        } else {
            let mut each: Vec<Activation> = (0..hidden.len()).map(|k| activations[k % activations.len()]).collect();
            if activations.len() == 1 { each.truncate(1); }
            each
        };
        e.network.hidden = hidden;
        e.network.init = init;
        e.training.optimizer = optimizer;
        if mse && e.network.classes == 2 {
            e.training.loss = Loss::Mse;
        } else if e.network.classes == 2 {
            e.training.loss = Loss::CrossEntropy;
        }
        e.training.learning_rate = lr;
        e.training.schedule = schedule;
        e.training.l2 = l2;
        e.training.l1 = l1;
        e.training.dropout = dropout;
        e.training.batch_size = batch;
        e.training.stop_at = stop.map(|(metric, value)| StopAt { metric, value });
        e.seed = seed;
        e.epochs = epochs;
        e
    }
}

prop_compose! {
    fn view()(
        hide in proptest::collection::btree_set(select(Control::ALL.to_vec()), 0..6),
        discretize in any::<bool>(),
        hide_test_data in any::<bool>(),
    ) -> ViewArgs {
        ViewArgs { hide: hide.into_iter().collect(), discretize, hide_test_data }
    }
}

proptest! {
    #[test]
    fn every_experiment_reads_back_from_its_line(e in experiment(), v in view()) {
        prop_assume!(e.check().is_ok());
        let text = line::line(&e, &v).unwrap();
        prop_assert!(!text.contains('\n'));
        let back = line::parse(&text).unwrap();
        prop_assert_eq!(&line::canonical(&back.experiment), &line::canonical(&e), "{}", text);
        prop_assert_eq!(&back.view, &v, "{}", text);
    }

    #[test]
    fn any_text_is_read_or_refused_in_one_line(words in proptest::collection::vec(
        prop_oneof![
            Just("nn-playground".to_owned()),
            select(vec!["--dataset", "--lr", "--hidden", "--hide", "--features", "train", "'", "\"", "\\", "--epochs", "--schedule", "--stop-at"]).prop_map(str::to_owned),
            "\\PC{0,12}",
        ],
        0..12,
    )) {
        let text = words.join(" ");
        if let Err(reason) = line::parse(&text) {
            prop_assert!(!reason.contains('\n'), "{:?}: {}", text, reason);
            prop_assert!(!reason.is_empty());
        }
    }
}
