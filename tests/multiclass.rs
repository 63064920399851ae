//! Multiclass behaviour through the public API: softmax networks train on the three-class
//! sets, accuracy is the argmax, the confusion matrix adds up, and what a multiclass network
//! cannot do (MSE, labels beyond its classes, softmax on a hidden layer) is refused with a
//! typed error before any training. The boundary grid gives every cell's class, and weights
//! files keep softmax networks exactly.

#![allow(
    clippy::unwrap_used,
    reason = "helpers in test files fail loudly on purpose"
)]

use std::path::Path;

use ndarray::{Array1, Array2};
use nn_playground::{
    data::{DataSpec, DatasetKind, Domain},
    experiment::{Experiment, ExperimentError},
    nn::{Activation, Layer, Loss, Network, Optimizer, OutputHead},
    train::{Evaluation, TrainError},
    view::boundary::BoundaryGrid,
    weights::{self, Format, WeightsFile},
};

fn multiclass(kind: DatasetKind, classes: usize) -> Experiment {
    let mut exp = Experiment {
        data: DataSpec {
            kind,
            points: 300,
            noise: 0.05,
            test_ratio: 0.2,
            seed: 5,
            ..DataSpec::default()
        },
        ..Experiment::default()
    };
    exp.network.hidden = vec![16, 16];
    exp.network.set_activation(Activation::Tanh);
    exp.network.classes = classes;
    exp.training.loss = Loss::CrossEntropy;
    exp.training.optimizer = Optimizer::Adam;
    exp.training.learning_rate = 0.02;
    exp.training.batch_size = Some(20);
    exp
}

/// The confusion matrix agrees with the evaluation's counts and with the data's labels.
fn check_confusion(eval: &Evaluation, labels: &[f64], classes: usize) {
    let m = eval.confusion;
    assert_eq!(m.classes(), classes);
    assert_eq!(m.total(), eval.total);
    assert_eq!(m.correct(), eval.correct);
    for class in 0..classes {
        let expected = labels.iter().filter(|&&y| y == class as f64).count();
        assert_eq!(
            m.row(class).iter().sum::<usize>(),
            expected,
            "class {class}"
        );
    }
}

/// Trains `exp` for `epochs` and checks what every run must show: the loss fell to under a
/// quarter and the confusion matrices add up. Returns the train and test accuracy.
fn learned(exp: &Experiment, classes: usize, epochs: u64) -> (f64, f64) {
    let mut trainer = exp.trainer().unwrap();
    assert_eq!(trainer.network().outputs(), classes);
    let before = trainer.train_evaluation();
    trainer.run(epochs).unwrap();
    let train = trainer.train_evaluation();
    let test = trainer.test_evaluation().unwrap();
    assert!(
        train.loss < before.loss / 4.0,
        "{:?}: {before:?} → {train:?}",
        exp.data.kind
    );
    check_confusion(&train, trainer.data().train.label_slice(), classes);
    check_confusion(&test, trainer.data().test.label_slice(), classes);
    (train.accuracy, test.accuracy)
}

#[test]
fn three_spirals_and_blobs_are_learned() {
    let (train, test) = learned(&multiclass(DatasetKind::Blobs { classes: 5 }, 5), 5, 100);
    assert!(
        train > 0.95 && test > 0.9,
        "blobs: train {train}, test {test}"
    );

    // Spirals are the hard one: 240 training points over three arms of 1.75 turns overfit, so
    // the test bar is well above chance (1/3) but not high. A single run's accuracy swings by
    // a few points with the last bits of its arithmetic, so the bar is on the median of three
    // datasets.
    let runs: Vec<(f64, f64)> = (5..8)
        .map(|seed| {
            let mut exp = multiclass(DatasetKind::ThreeSpirals, 3);
            exp.data.seed = seed;
            learned(&exp, 3, 2000)
        })
        .collect();
    let median = |pick: fn(&(f64, f64)) -> f64| {
        let mut values: Vec<f64> = runs.iter().map(pick).collect();
        values.sort_by(f64::total_cmp);
        values[1]
    };
    let (train, test) = (median(|r| r.0), median(|r| r.1));
    assert!(
        train > 0.9,
        "spirals: median train accuracy {train} ({runs:?})"
    );
    assert!(
        test > 0.6,
        "spirals: median test accuracy {test} ({runs:?})"
    );
}

#[test]
fn multiclass_runs_are_bit_identical() {
    let exp = multiclass(DatasetKind::ThreeSpirals, 3);
    let (mut a, mut b) = (exp.trainer().unwrap(), exp.trainer().unwrap());
    a.run(20).unwrap();
    b.run(20).unwrap();
    assert_eq!(a.network(), b.network());
    assert_eq!(a.train_evaluation(), b.train_evaluation());
}

#[test]
fn binary_evaluations_carry_a_two_class_matrix() {
    let mut trainer = Experiment::default().trainer().unwrap();
    trainer.run(3000).unwrap();
    let eval = trainer.train_evaluation();
    assert!(eval.is_perfect(), "{eval:?}");
    check_confusion(&eval, trainer.data().train.label_slice(), 2);
    // XOR's points: two of class 0, two of class 1, all on the diagonal.
    assert_eq!(eval.confusion.row(0), &[2, 0]);
    assert_eq!(eval.confusion.row(1), &[0, 2]);
}

#[test]
fn mse_on_a_multiclass_network_is_refused() {
    let mut exp = multiclass(DatasetKind::ThreeSpirals, 3);
    exp.training.loss = Loss::Mse;
    let err = exp.trainer().unwrap_err();
    assert!(matches!(
        err,
        ExperimentError::Train(TrainError::LossNeedsTwoClasses { classes: 3, .. })
    ));
    assert_eq!(
        err.to_string(),
        "mse needs two classes; a network with 3 classes trains on cross_entropy"
    );
    // Switching a live multiclass trainer to MSE is refused too, and changes nothing.
    let mut trainer = multiclass(DatasetKind::ThreeSpirals, 3).trainer().unwrap();
    let mut config = trainer.config().clone();
    config.loss = Loss::Mse;
    assert!(matches!(
        trainer.set_config(config),
        Err(TrainError::LossNeedsTwoClasses { .. })
    ));
    assert_eq!(trainer.config().loss, Loss::CrossEntropy);
}

#[test]
fn labels_must_fit_the_network() {
    // Three-class data on the default two-class network.
    let mut exp = multiclass(DatasetKind::ThreeSpirals, 3);
    exp.network.classes = 2;
    exp.training.loss = Loss::Mse;
    let err = exp.trainer().unwrap_err();
    assert_eq!(
        err.to_string(),
        "a point has label 2, but the network tells 2 classes apart (labels 0 to 1)"
    );
    // Six classes of blobs on a four-class network.
    let mut exp = multiclass(DatasetKind::Blobs { classes: 6 }, 4);
    exp.data.points = 60;
    assert!(matches!(
        exp.trainer().unwrap_err(),
        ExperimentError::Train(TrainError::LabelOutOfRange { classes: 4, .. })
    ));
}

#[test]
fn softmax_layers_are_checked() {
    let layer = |i, o, a| Layer::new(Array2::zeros((i, o)), Array1::zeros(o), a).unwrap();
    let net = Network::from_layers(
        vec![
            layer(2, 4, Activation::Relu),
            layer(4, 3, Activation::Linear),
        ],
        OutputHead::Softmax,
    )
    .unwrap();
    assert_eq!((net.classes(), net.outputs()), (3, 3));
    assert!(net.is_multiclass());
    // Zero weights: every class equally likely.
    let p = net.predict(&ndarray::array![[0.5, -1.0]]);
    assert_eq!(p.to_vec(), vec![1.0 / 3.0; 3]);

    // The output layer is affine; a head does the rest.
    let err = Network::from_layers(
        vec![layer(2, 4, Activation::Relu), layer(4, 1, Activation::Tanh)],
        OutputHead::Sigmoid,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the output layer must be one sigmoid neuron, found 1 tanh neurons"
    );
    for width in [2, 7] {
        let err = Network::from_layers(
            vec![
                layer(2, 4, Activation::Tanh),
                layer(4, width, Activation::Linear),
            ],
            OutputHead::Softmax,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "a softmax output layer must have 3 to 6 neurons (one per class), found {width}"
            )
        );
    }
    let mut exp = Experiment::default();
    exp.network.classes = 7;
    assert_eq!(
        exp.check().unwrap_err().to_string(),
        "a network tells 2 to 6 classes apart, not 7"
    );
    // Softmax is an output head, not a hidden activation: an experiment cannot even say it.
    let text = r#"{"network": {"hidden": [4], "activation": "softmax", "classes": 3}}"#;
    assert!(serde_json::from_str::<Experiment>(text).is_err());
}

#[test]
fn the_boundary_grid_gives_each_cell_its_class() {
    let classes = 4;
    let mut trainer = multiclass(DatasetKind::Blobs { classes }, classes)
        .trainer()
        .unwrap();
    trainer.run(100).unwrap();
    // A grid whose cell centres are -5, -4, ..., 5: blob k's centre (radius 3.5, class 0 at
    // the top, then anticlockwise) is near a cell centre.
    let n = 11;
    let domain = Domain {
        x: [-5.5, 5.5],
        y: [-5.5, 5.5],
    };
    let mut grid = BoundaryGrid::new(n);
    grid.refresh(trainer.network(), domain, &Default::default());
    assert_eq!(grid.classes(), classes);
    assert_eq!(grid.probabilities().len(), n * n * classes);
    for (cell, p) in grid.probabilities().chunks_exact(classes).enumerate() {
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let (class, confidence) = grid.class_at(cell);
        assert_eq!(confidence, grid.values()[cell]);
        assert!(p.iter().all(|&q| q <= confidence));
        assert_eq!(p[class], confidence);
    }
    // (row, col) of the cells at (0, 3.5), (-3.5, 0), (0, -3.5), (3.5, 0), rounded.
    for (class, (row, col)) in [(1, 5), (5, 1), (9, 5), (5, 9)].into_iter().enumerate() {
        assert_eq!(grid.class_at(row * n + col).0, class, "blob {class}");
    }
    // A two-class network's grid keeps one probability per cell.
    let binary = Experiment::default().trainer().unwrap();
    grid.refresh(binary.network(), domain, &Default::default());
    assert_eq!(grid.classes(), 2);
    assert_eq!(grid.probabilities(), grid.values());
    let p = grid.values()[0];
    assert_eq!(
        grid.class_at(0),
        if p >= 0.5 { (1, p) } else { (0, 1.0 - p) }
    );
}

#[test]
fn weights_files_keep_a_three_class_network_exactly() {
    let exp = multiclass(DatasetKind::ThreeSpirals, 3);
    let mut trainer = exp.trainer().unwrap();
    trainer.run(15).unwrap();
    let file = WeightsFile {
        experiment: exp,
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three.json");
    weights::save(&path, &file).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"activation\": \"softmax\""), "{text}");
    let loaded = weights::load(&path).unwrap();
    assert_eq!(loaded, file);
    assert_eq!(loaded.network.classes(), 3);
    // The bytes decode to the same file too (the JSON path of `from_bytes`).
    let bytes = weights::to_bytes(&file, Format::Json).unwrap();
    let (decoded, format) = weights::from_bytes(Path::new("x.json"), &bytes).unwrap();
    assert_eq!((&decoded, format), (&file, Format::Json));
    // And the NumPy archive, whose config lists the activations.
    let bytes = weights::to_bytes(&file, Format::Npz).unwrap();
    let (decoded, format) = weights::from_bytes(Path::new("x.npz"), &bytes).unwrap();
    assert_eq!((decoded, format), (file, Format::Npz));
}

#[test]
fn experiments_fit_their_classes_to_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("four.csv");
    std::fs::write(&csv, "x1,x2,label\n0,0,0\n1,0,1\n0,1,2\n1,1,3\n2,2,3\n").unwrap();
    let mut exp = Experiment::default();
    for (kind, classes) in [
        (DatasetKind::Spiral, 2),
        (DatasetKind::ThreeSpirals, 3),
        (DatasetKind::Blobs { classes: 6 }, 6),
        (DatasetKind::Csv { path: csv }, 4),
    ] {
        exp.data.kind = kind;
        exp.training.loss = Loss::Mse;
        assert_eq!(exp.fit_output_to_data().unwrap(), classes);
        assert_eq!(exp.network.classes, classes);
        // Multiclass means cross-entropy, decided here for the window and the command line.
        let expected = if classes > 2 {
            Loss::CrossEntropy
        } else {
            Loss::Mse
        };
        assert_eq!(exp.training.loss, expected, "{classes} classes");
        exp.check().unwrap();
    }
    let trainer = exp.trainer().unwrap();
    assert_eq!(trainer.network().outputs(), 4);
}
