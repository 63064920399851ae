//! The training thread keeps the numbers: a run trained on its own thread, in chunks that fall
//! wherever the machine's timing puts them, is bit-identical to the same run trained in one
//! call without threads; Pause holds; live changes land between chunks. And through the
//! window: the real window's pacing (live) keeps Space, the controls and the epoch honest.

use std::time::Duration;

use egui_kittest::{Harness, kittest::Queryable as _};
use nn_playground::{
    app::{App, Settings},
    data::DatasetKind,
    experiment::Experiment,
    nn::{Activation, Loss, Optimizer},
    run::{Pacing, RunCommand, RunEvent, RunHandle, StopReason},
    view::session::Session,
};

/// Adam with mini-batches of 10 on the spiral: every epoch shuffles, so a chunk boundary that
/// skipped or repeated anything would show.
fn spiral_adam() -> Experiment {
    let mut e = Experiment::default();
    e.data.kind = DatasetKind::Spiral;
    e.network.hidden = vec![8, 8];
    e.network.set_activation(Activation::Tanh);
    e.network.classes = 2;
    e.training.optimizer = Optimizer::Adam;
    e.training.learning_rate = 0.01;
    e.training.loss = Loss::CrossEntropy;
    e.training.batch_size = Some(10);
    e
}

/// Trains `epochs` epochs of `experiment` on the thread with `pacing`, sending frames with
/// pauses between them, until the thread says it reached the epoch count.
fn trained_on_thread(experiment: &Experiment, epochs: u64, pacing: Pacing) -> RunHandle {
    let session = Session::new(experiment.clone(), 20).expect("a valid experiment");
    let mut run = RunHandle::start(session, pacing);
    run.send(RunCommand::Pace {
        per_frame: 37,
        target: Some(epochs),
    });
    run.send(RunCommand::Play { generation: 1 });
    for frame in 0..100_000u64 {
        run.send(RunCommand::Frame);
        run.settle();
        if frame % 3 == 0 {
            std::thread::sleep(Duration::from_micros(200 * (frame % 5)));
        }
        let events = run.events();
        if events.iter().any(|e| {
            matches!(
                e,
                RunEvent::Stopped {
                    reason: StopReason::ReachedEpoch(_),
                    ..
                }
            )
        }) {
            run.settle();
            return run;
        }
    }
    panic!("the thread never reached epoch {epochs}");
}

fn latest_network(run: &RunHandle) -> nn_playground::nn::Network {
    // The stop publishes a snapshot; wait for it in live pacing.
    for _ in 0..1000 {
        if let Some(snapshot) = run.latest() {
            return snapshot.trainer().network().clone();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no snapshot came");
}

#[test]
fn a_run_on_the_thread_is_bit_identical_to_one_call_without_threads() {
    let experiment = spiral_adam();
    let epochs = 600;
    let mut direct = experiment.trainer().unwrap();
    direct.run(epochs).unwrap();
    for pacing in [Pacing::Live, Pacing::Lockstep] {
        let run = trained_on_thread(&experiment, epochs, pacing);
        let network = latest_network(&run);
        assert_eq!(&network, direct.network(), "{pacing:?}: weights differ");
    }
}

#[test]
fn the_tutorial_on_the_thread_matches_the_tutorial_without_it() {
    let experiment = Experiment::default();
    let mut direct = experiment.trainer().unwrap();
    direct.run(2000).unwrap();
    let run = trained_on_thread(&experiment, 2000, Pacing::Live);
    assert_eq!(&latest_network(&run), direct.network());
}

#[test]
fn pause_holds_and_a_step_trains_exactly_one_epoch() {
    let mut big = spiral_adam();
    big.network.hidden = vec![64; 4];
    let session = Session::new(big, 20).unwrap();
    let run = RunHandle::start(session, Pacing::Live);
    run.send(RunCommand::Pace {
        per_frame: 100_000,
        target: None,
    });
    run.send(RunCommand::Play { generation: 1 });
    run.send(RunCommand::Frame);
    std::thread::sleep(Duration::from_millis(30));
    run.send(RunCommand::Pause);
    // Snapshots of chunks before the pause may come first; the pause's own is whole.
    let mut paused = next_snapshot(&run);
    while paused.is_grid_partial() {
        paused = next_snapshot(&run);
    }
    let paused_at = paused.trainer().epoch();
    assert!(paused_at > 0, "it trained before the pause");
    std::thread::sleep(Duration::from_millis(200));
    assert!(run.latest().is_none(), "nothing is published while paused");
    run.send(RunCommand::Step);
    let stepped = next_snapshot(&run);
    assert_eq!(stepped.trainer().epoch(), paused_at + 1);
    let events = run.events();
    assert!(
        matches!(events.last(), Some(RunEvent::Stepped(Ok(epoch))) if *epoch == paused_at + 1),
        "{events:?}"
    );
}

/// The next snapshot the thread publishes, waiting up to 20 s (a busy machine).
fn next_snapshot(run: &RunHandle) -> std::sync::Arc<nn_playground::view::snapshot::Snapshot> {
    for _ in 0..10_000 {
        if let Some(snapshot) = run.latest() {
            return snapshot;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no snapshot came");
}

#[test]
fn a_refused_live_change_says_why_and_the_run_keeps_its_settings() {
    let session = Session::new(Experiment::default(), 10).unwrap();
    let mut run = RunHandle::start(session, Pacing::Lockstep);
    let mut bad = Experiment::default().training;
    bad.learning_rate = -1.0;
    run.send(RunCommand::SetTraining(bad));
    run.settle();
    let events = run.events();
    let Some(RunEvent::TrainingRefused { error, training }) = events.first() else {
        panic!("expected a refusal, got {events:?}");
    };
    assert_eq!(
        error.to_string(),
        "learning rate must be a positive number up to 1e9, got -1"
    );
    assert_eq!(training.learning_rate, 0.5);
}

/// The window as the real one runs: training on its own thread, never waited for.
fn live_window(settings: Settings) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1200.0, 760.0])
        .build_eframe(move |_| App::paced(settings.clone(), Pacing::Live))
}

/// Runs frames for about `millis` milliseconds of wall time.
fn frames_for(harness: &mut Harness<'static, App>, millis: u64) {
    for _ in 0..millis / 10 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn in_the_live_window_space_stops_a_heavy_run_on_the_next_frames() {
    let mut experiment = spiral_adam();
    experiment.network.hidden = vec![64; 6];
    let settings = Settings {
        experiment,
        epochs_per_frame: 100_000,
        until_stopped: true,
        ..Settings::default()
    };
    let mut harness = live_window(settings);
    harness.run_steps(2);
    assert!(!harness.state().is_running(), "a heavy run waits at start");
    harness.key_press(egui::Key::Space);
    frames_for(&mut harness, 400);
    let trained = harness.state().trainer().epoch();
    assert!(trained > 0, "it trains while the window draws");
    harness.key_press(egui::Key::Space);
    harness.step();
    harness.get_by_label("Paused.");
    // The pause lands after the chunk under way; the thread then completes the picture
    // (a full boundary of six layers of 64 takes a while on a busy machine).
    for _ in 0..2000 {
        if !harness.state().session().is_grid_partial() {
            break;
        }
        frames_for(&mut harness, 10);
    }
    assert!(
        !harness.state().session().is_grid_partial(),
        "the picture is whole when paused"
    );
    let paused_at = harness.state().trainer().epoch();
    frames_for(&mut harness, 300);
    assert_eq!(
        harness.state().trainer().epoch(),
        paused_at,
        "no epoch trains once the pause has landed"
    );
}

#[test]
fn in_the_live_window_the_tutorial_runs_to_its_epoch_count_and_says_so() {
    let mut harness = live_window(Settings::default());
    // However busy the machine, the run gets there: wait up to a minute of frames.
    let start = std::time::Instant::now();
    while harness.state().is_running() && start.elapsed() < Duration::from_secs(60) {
        harness.step();
        std::thread::sleep(Duration::from_millis(1));
    }
    // The stop may have been taken in after the last frame was drawn: draw one more.
    harness.step();
    assert_eq!(harness.state().trainer().epoch(), 2000);
    harness.get_by_label(
        "Reached epoch 2000. Raise the epoch count or tick \"until stopped\" to go on.",
    );
    let mut direct = Experiment::default().trainer().unwrap();
    direct.run(2000).unwrap();
    assert_eq!(harness.state().trainer().network(), direct.network());
}

#[test]
fn mini_batch_steps_phases_and_slow_motion_are_bit_identical_to_whole_epochs() {
    let experiment = spiral_adam();
    let epochs = 3;
    let mut direct = experiment.trainer().unwrap();
    direct.run(epochs).unwrap();
    let session = Session::new(experiment, 20).unwrap();
    let mut run = RunHandle::start(session, Pacing::Lockstep);
    // Five mini-batches one by one, three more phase by phase (four phases each: the update
    // trains), a phase step left before its update (it trains nothing), then slow motion to
    // the epoch count.
    for _ in 0..5 {
        run.send(RunCommand::StepBatch);
    }
    for _ in 0..3 * 4 + 2 {
        run.send(RunCommand::StepPhase);
    }
    run.settle();
    let events = run.events();
    assert!(
        matches!(events[4], RunEvent::SteppedBatch(Ok((0, 5, _)))),
        "{:?}",
        events[4]
    );
    assert!(matches!(
        events.last(),
        Some(RunEvent::PhaseStepped(Ok(
            nn_playground::view::explain::Phase::Loss
        )))
    ));
    run.send(RunCommand::SlowMotion(Some(1.0)));
    run.send(RunCommand::Pace {
        per_frame: 1,
        target: Some(epochs),
    });
    run.send(RunCommand::Play { generation: 1 });
    for _ in 0..1000 {
        run.send(RunCommand::Frame);
        run.settle();
        if run
            .events()
            .iter()
            .any(|e| matches!(e, RunEvent::Stopped { .. }))
        {
            break;
        }
    }
    assert_eq!(&latest_network(&run), direct.network());
}
