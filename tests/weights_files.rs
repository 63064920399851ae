//! Weights files through the public API: exact round trips in both formats, format detection,
//! the size limits, and saves that fail without losing the earlier file.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers unwrap: a panic is a failed test"
)]

use std::{fs, io::Write as _, path::Path};

use nn_playground::{
    data::{DataSpec, DatasetKind},
    experiment::Experiment,
    nn::{Activation, NetworkConfig},
    weights::{self, Format, MAX_FILE_BYTES, WeightsError, WeightsFile},
};

fn trained(experiment: Experiment, epochs: u64) -> WeightsFile {
    let mut trainer = experiment.trainer().unwrap();
    trainer.run(epochs).unwrap();
    WeightsFile {
        experiment,
        network: trainer.network().clone(),
        epoch: trainer.epoch(),
    }
}

fn spiral() -> Experiment {
    Experiment {
        data: DataSpec {
            kind: DatasetKind::Spiral,
            points: 100,
            ..DataSpec::default()
        },
        network: NetworkConfig {
            hidden: vec![8, 5],
            activations: vec![Activation::Tanh],
            ..NetworkConfig::default()
        },
        seed: 7,
        ..Experiment::default()
    }
}

#[test]
fn both_formats_reproduce_outputs_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    for file in [trained(Experiment::default(), 2000), trained(spiral(), 30)] {
        let data = file.experiment.data.build().unwrap();
        let expected = file.network.predict(data.train.inputs());
        for name in ["w.json", "w.npz", "w.weights"] {
            let path = dir.path().join(name);
            weights::save(&path, &file).unwrap();
            let (loaded, format) = weights::load_with_format(&path).unwrap();
            assert_eq!(format, Format::for_path(&path));
            assert_eq!(loaded, file, "{name}");
            let outputs = loaded.network.predict(data.train.inputs());
            let same = outputs
                .iter()
                .zip(&expected)
                .all(|(a, b)| a.to_bits() == b.to_bits());
            assert!(same, "{name}: outputs differ");
        }
    }
}

#[test]
fn awkward_numbers_survive_json_exactly() {
    let mut file = trained(Experiment::default(), 10);
    let awkward = [
        0.1,
        1.0 / 3.0,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        -f64::MAX,
        1.0715660391465826e-75,
        -0.0,
    ];
    let mut network = file.network.clone();
    // Rebuild the first layer with awkward values through the public constructor.
    let first = &network.layers()[0];
    let mut w = first.weights().to_owned();
    for (x, v) in w.iter_mut().zip(awkward.iter().cycle()) {
        *x = *v;
    }
    let layer =
        nn_playground::nn::Layer::new(w, first.bias().to_owned(), first.activation()).unwrap();
    let mut layers = network.layers().to_vec();
    layers[0] = layer;
    network = nn_playground::nn::Network::from_layers(layers, network.head()).unwrap();
    file.network = network;
    let bytes = weights::to_bytes(&file, Format::Json).unwrap();
    let (loaded, _) = weights::from_bytes(Path::new("a.json"), &bytes).unwrap();
    let bits = |f: &WeightsFile| -> Vec<u64> {
        f.network.layers()[0]
            .weight_slice()
            .iter()
            .map(|x| x.to_bits())
            .collect()
    };
    assert_eq!(bits(&loaded), bits(&file));
}

#[test]
fn content_decides_the_format_when_the_extension_lies() {
    let dir = tempfile::tempdir().unwrap();
    let file = trained(Experiment::default(), 5);
    let npz = dir.path().join("real.npz");
    weights::save(&npz, &file).unwrap();
    let renamed = dir.path().join("looks-like.json");
    fs::rename(&npz, &renamed).unwrap();
    let (loaded, format) = weights::load_with_format(&renamed).unwrap();
    assert_eq!((loaded, format), (file, Format::Npz));
}

#[test]
fn the_json_is_tagged_versioned_and_in_the_tutorials_orientation() {
    let file = trained(Experiment::default(), 5);
    let bytes = weights::to_bytes(&file, Format::Json).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["format"], "nn-playground-weights");
    assert_eq!(value["version"], 1);
    assert_eq!(value["epoch"], 5);
    let w1 = value["layers"][0]["weights"].as_array().unwrap();
    assert_eq!((w1.len(), w1[0].as_array().unwrap().len()), (2, 4));
    assert_eq!(value["layers"][0]["bias"].as_array().unwrap().len(), 4);
    assert_eq!(value["layers"][1]["activation"], "sigmoid");
    assert_eq!(value["experiment"]["seed"], 0);
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let f = fs::File::create(&path).unwrap();
    // Sparse: the size is there, the disk blocks are not.
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = weights::load(&path).unwrap_err();
    assert!(matches!(err, WeightsError::TooLarge { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the file is 67108865 bytes; weights files are limited to 67108864 bytes",
            path.display()
        )
    );
}

#[test]
fn missing_files_and_directories_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.json");
    let err = weights::load(&missing).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}: cannot read: ", missing.display())),
        "{err}"
    );
    let err = weights::load(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}: is a directory, not a weights file",
            dir.path().display()
        )
    );
}

fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn a_save_over_a_directory_fails_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("model.json");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside"), "keep").unwrap();
    let err = weights::save(&target, &trained(Experiment::default(), 1)).unwrap_err();
    assert!(matches!(err, WeightsError::Save { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot save: ", target.display()))
    );
    assert_eq!(fs::read_to_string(target.join("inside")).unwrap(), "keep");
    assert!(temporary_files(dir.path()).is_empty());
}

#[test]
fn a_save_into_a_missing_or_impossible_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let file = trained(Experiment::default(), 1);
    let missing_parent = dir.path().join("no/such/folder/w.json");
    assert!(matches!(
        weights::save(&missing_parent, &file),
        Err(WeightsError::Save { .. })
    ));
    // A regular file where a folder should be: even root cannot create below it.
    let plain = dir.path().join("plain");
    fs::write(&plain, "old").unwrap();
    assert!(weights::save(&plain.join("w.json"), &file).is_err());
    assert_eq!(fs::read_to_string(&plain).unwrap(), "old");
    // A name longer than the file system allows.
    let long = dir.path().join(format!("{}.json", "x".repeat(300)));
    assert!(weights::save(&long, &file).is_err());
    assert!(temporary_files(dir.path()).is_empty());
}

#[test]
fn an_unsaveable_network_leaves_the_earlier_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.json");
    let file = trained(Experiment::default(), 3);
    weights::save(&path, &file).unwrap();
    let before = fs::read(&path).unwrap();
    // A config that no longer matches the layers must not replace a good file.
    let mut bad = file.clone();
    bad.experiment.network.hidden = vec![9];
    let err = weights::save(&path, &bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: cannot save: the layers do not match the experiment: hidden widths [4] in the layers, [9] in the experiment",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(temporary_files(dir.path()).is_empty());
}

#[test]
fn saving_over_an_older_file_replaces_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.json");
    let mut old = fs::File::create(&path).unwrap();
    old.write_all(&vec![b' '; 1 << 20]).unwrap();
    drop(old);
    let file = trained(Experiment::default(), 3);
    weights::save(&path, &file).unwrap();
    assert_eq!(weights::load(&path).unwrap(), file);
}
