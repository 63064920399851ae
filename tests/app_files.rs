//! Files through the window's app: a bad file leaves the run alone and says why; a good file
//! sets the controls; saving and exporting write whole files.

mod common;

use egui_kittest::kittest::Queryable as _;
use nn_playground::{app::App, weights};

#[test]
fn a_bad_file_shows_its_error_and_keeps_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{ not json").unwrap();
    let mut harness = common::paused_window();
    let network = harness.state().trainer().network().clone();
    let epoch = harness.state().trainer().epoch();
    common::file_menu_with_path(&mut harness, "Open…", &path);
    let (text, is_error) = common::status(&harness);
    assert!(is_error && text.contains("broken.json"), "{text}");
    let app = harness.state();
    assert_eq!(app.trainer().network(), &network);
    assert_eq!(app.trainer().epoch(), epoch);
}

#[test]
fn a_missing_file_dropped_names_the_file() {
    let mut harness = common::paused_window();
    common::drop_file(&mut harness, "/no/such/weights.json".as_ref());
    let (text, is_error) = common::status(&harness);
    assert!(is_error && text.contains("/no/such/weights.json"), "{text}");
}

#[test]
fn saved_weights_open_with_their_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.json");
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Save weights as…", &path);
    common::assert_no_error(&harness);
    let saved = weights::load(&path).unwrap();

    let mut other = common::paused_window();
    let mut file = saved.clone();
    file.experiment
        .network
        .set_activation(nn_playground::nn::Activation::Sigmoid);
    file.experiment.training.learning_rate = 0.25;
    file.experiment.seed = 7;
    weights::save(&path, &file).unwrap();
    common::file_menu_with_path(&mut other, "Open…", &path);
    common::assert_no_error(&other);
    let app = other.state();
    assert_eq!(app.trainer().epoch(), saved.epoch);
    assert_eq!(app.trainer().network(), &saved.network);
    assert_eq!(app.settings().experiment.training.learning_rate, 0.25);
    assert_eq!(app.settings().experiment.seed, 7);
    assert!(!app.is_running(), "a loaded file waits for Play");
    assert!(app.path_dialog().is_none(), "the dialog closed");
}

#[test]
fn exports_write_csv_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    let csv = dir.path().join("loss.csv");
    let png = dir.path().join("boundary.png");
    common::file_menu_with_path(&mut harness, "Export loss CSV…", &csv);
    common::file_menu_with_path(&mut harness, "Export boundary PNG…", &png);
    common::assert_no_error(&harness);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("epoch,train_loss,test_loss\n0,"));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temp files left"
    );
}

#[test]
fn corrupt_settings_fall_back_to_defaults() {
    let mut settings = nn_playground::app::Settings::default();
    settings.experiment.training.learning_rate = -1.0;
    let app = App::from_settings(settings);
    assert_eq!(app.settings(), &nn_playground::app::Settings::default());
    assert!(app.status().is_error);
}

#[test]
fn settings_persist_and_a_corrupt_store_gives_defaults() {
    use nn_playground::app::Settings;
    let mut settings = Settings {
        epochs_per_frame: 123,
        log_scale: true,
        ..Settings::default()
    };
    settings.experiment.training.learning_rate = 0.05;
    let mut storage = common::MemoryStorage::default();
    settings.store(&mut storage);
    assert_eq!(Settings::restore(Some(&storage)), settings);

    eframe::Storage::set_string(&mut storage, eframe::APP_KEY, "(experiment: {broken".into());
    assert_eq!(Settings::restore(Some(&storage)), Settings::default());
    assert_eq!(Settings::restore(None), Settings::default());
}

#[test]
fn dropping_a_weights_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.json");
    let mut source = common::paused_window();
    common::file_menu_with_path(&mut source, "Save weights as…", &path);
    let saved = weights::load(&path).unwrap();

    let mut harness = common::paused_window();
    harness.get_by_label("Reset").click();
    harness.run_steps(1);
    common::drop_file(&mut harness, &path);
    common::assert_no_error(&harness);
    let app = harness.state();
    assert_eq!(app.trainer().epoch(), saved.epoch);
    assert_eq!(app.trainer().network(), &saved.network);
    assert_eq!(app.current_file(), Some(path.as_path()));
}
