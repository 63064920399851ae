//! The window thread's work per frame, now that training has its own thread: one kittest
//! frame of the real app (input, commands, taking the latest snapshot, laying out every
//! panel, the boundary texture upload when it changed) and the tessellation of what it drew
//! into triangles, everything but the GPU's drawing. Targets
//! (issue 12): ≤ 2 ms for the tutorial's network at 10 epochs per frame, ≤ 4 ms for six
//! layers of 64 on the spiral at 100,000 epochs per frame.
//!
//! The `cpu` group times the same bare frames by the window thread's own CPU time
//! ([`ThreadCpu`]): the figure the targets mean, whatever the training thread does meanwhile.
//!
//! Beside them, the views the training thread computes for each snapshot, so their cost can
//! be compared with a frame's, and one chunk of training as the thread runs it.

use std::{hint::black_box, time::Duration};

use criterion::{
    Criterion, criterion_group, criterion_main,
    measurement::{Measurement, ValueFormatter, WallTime},
};
use egui_kittest::Harness;
use nn_playground::{
    app::{App, Settings},
    data::DatasetKind,
    experiment::Experiment,
    nn::Activation,
    run::Pacing,
    view::neuron_maps::{NEURON_MAP_RESOLUTION, NeuronMaps},
    view::session::{BOUNDARY_RESOLUTION, Session},
};

/// The spiral with six hidden layers of `width` tanh neurons.
fn deep_spiral(width: usize) -> Experiment {
    let mut deep = Experiment::default();
    deep.data.kind = DatasetKind::Spiral;
    deep.network.hidden = vec![width; 6];
    deep.network.set_activation(Activation::Tanh);
    deep.training.learning_rate = 0.01;
    deep
}

/// The real window's app, training live on its own thread, in a 1280×800 harness.
fn window(experiment: Experiment, epochs_per_frame: u64) -> Harness<'static, App> {
    let settings = Settings {
        experiment,
        epochs_per_frame,
        until_stopped: true,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_| App::paced(settings.clone(), Pacing::Live));
    harness.run_steps(3);
    if !harness.state().is_running() {
        // A heavy run waits for Space at start.
        harness.key_press(egui::Key::Space);
        harness.run_steps(1);
    }
    harness
}

/// One frame as the window thread does it: the app's logic and UI, then tessellation.
fn frame(harness: &mut Harness<'static, App>) -> usize {
    harness.step();
    let shapes = harness.output().shapes.clone();
    let ppp = harness.output().pixels_per_point;
    harness.ctx.tessellate(shapes, ppp).len()
}

/// The app driven as eframe drives it, without kittest: a bare `egui::Context` with AccessKit
/// off (the real window builds its tree only for a screen reader), so a frame is the app's
/// logic and UI, egui's layout and the tessellation, nothing more.
struct Bare {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    time: f64,
    keys: Vec<egui::Event>,
}

impl Bare {
    /// The real window's app on `experiment` at `epochs_per_frame`, started (Space, for a
    /// heavy run that waits for it) and a few frames in.
    fn new(experiment: Experiment, epochs_per_frame: u64) -> Self {
        let settings = Settings {
            experiment,
            epochs_per_frame,
            until_stopped: true,
            ..Settings::default()
        };
        let mut bare = Self {
            ctx: egui::Context::default(),
            app: App::paced(settings, Pacing::Live),
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
            keys: Vec::new(),
        };
        for _ in 0..3 {
            bare.frame();
        }
        if !bare.app.is_running() {
            bare.keys.push(egui::Event::Key {
                key: egui::Key::Space,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
            bare.frame();
        }
        bare
    }

    /// One frame at 60 per second of the clock; returns the triangles' batch count.
    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            events: std::mem::take(&mut self.keys),
            ..Default::default()
        };
        let Self {
            ctx, app, frame, ..
        } = self;
        let output = ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui.ctx(), frame);
            eframe::App::ui(app, ui, frame);
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    }
}

/// Whole frames without kittest's AccessKit tree: what the real window's thread does.
fn bare_frames(c: &mut Criterion) {
    for (name, experiment, per_frame) in [
        (
            "tutorial 2-4-1, 10 epochs per frame",
            Experiment::default(),
            10,
        ),
        ("spiral 6x8, 10 epochs per frame", deep_spiral(8), 10),
        (
            "spiral 6x64, 100000 epochs per frame",
            deep_spiral(64),
            100_000,
        ),
    ] {
        let mut bare = Bare::new(experiment, per_frame);
        c.bench_function(&format!("bare frame: {name}"), |b| b.iter(|| bare.frame()));
    }
}

/// The calling thread's own CPU time, as criterion's measurement: the window thread's work
/// alone, whatever the training thread does on the other core (wall time on one core counts
/// the training thread's share too, and on two it hides the window's waits).
struct ThreadCpu;

/// Criterion's formatting of nanoseconds, borrowed for [`ThreadCpu`]'s figures.
static NANOSECONDS: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = cpu_time::ThreadTime;
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        cpu_time::ThreadTime::now()
    }

    fn end(&self, start: Self::Intermediate) -> Self::Value {
        start.elapsed()
    }

    fn add(&self, a: &Self::Value, b: &Self::Value) -> Self::Value {
        *a + *b
    }

    fn zero(&self) -> Self::Value {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Self::Value) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        NANOSECONDS.formatter()
    }
}

/// The bare frames again, timed by the window thread's own CPU time: the figure the targets
/// are stated in.
fn window_thread_cpu(c: &mut Criterion<ThreadCpu>) {
    for (name, experiment, per_frame) in [
        (
            "tutorial 2-4-1, 10 epochs per frame",
            Experiment::default(),
            10,
        ),
        (
            "spiral 6x64, 100000 epochs per frame",
            deep_spiral(64),
            100_000,
        ),
    ] {
        let mut bare = Bare::new(experiment, per_frame);
        c.bench_function(&format!("window thread cpu: {name}"), |b| {
            b.iter(|| bare.frame())
        });
    }
}

fn window_frames(c: &mut Criterion) {
    let mut tutorial = window(Experiment::default(), 10);
    c.bench_function("window frame: tutorial 2-4-1, 10 epochs per frame", |b| {
        b.iter(|| frame(&mut tutorial))
    });
    drop(tutorial);
    let mut deep8 = window(deep_spiral(8), 10);
    c.bench_function("window frame: spiral 6x8, 10 epochs per frame", |b| {
        b.iter(|| frame(&mut deep8))
    });
    drop(deep8);
    let mut deep64 = window(deep_spiral(64), 100_000);
    c.bench_function("window frame: spiral 6x64, 100000 epochs per frame", |b| {
        b.iter(|| frame(&mut deep64))
    });
    println!(
        "6x64 after the bench: epoch {}, running {}",
        deep64.state().trainer().epoch(),
        deep64.state().is_running()
    );
    drop(deep64);
    scatter_frames(c);
}

/// Writes `n` points of two classes (two interleaved spirals) as a CSV in `dir`.
fn big_csv(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut text = String::from("x1,x2,label\n");
    for i in 0..n {
        let (t, label) = (i as f64 * 0.001, i % 2);
        let r = (0.5 + (i % 997) as f64 * 0.003) * if label == 0 { 1.0 } else { -1.0 };
        text.push_str(&format!("{:.4},{:.4},{label}\n", r * t.cos(), r * t.sin()));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).expect("the bench can write its CSV");
    path
}

/// 200,000 imported points under the tutorial's network: a frame while training (the points'
/// texture kept), and a frame that draws the points afresh (the view's region changed, as
/// after an edit or a resize).
fn scatter_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut experiment = Experiment::default();
    experiment.data.kind = DatasetKind::Csv {
        path: big_csv(dir.path(), 200_000),
    };
    experiment.network.hidden = vec![4];
    let mut scatter = window(experiment, 10);
    c.bench_function(
        "window frame: 200k points, tutorial network training",
        |b| b.iter(|| frame(&mut scatter)),
    );
    let mut grow = false;
    c.bench_function(
        "window frame: 200k points drawn afresh (window resized)",
        |b| {
            b.iter(|| {
                grow = !grow;
                let height = if grow { 801.0 } else { 800.0 };
                scatter.set_size(egui::vec2(1280.0, height));
                frame(&mut scatter)
            })
        },
    );
}

fn thread_work(c: &mut Criterion) {
    let mut session = Session::new(Experiment::default(), BOUNDARY_RESOLUTION)
        .expect("the tutorial's experiment is valid");
    c.bench_function("thread: tutorial, 1000 epochs", |b| {
        b.iter(|| black_box(session.train(black_box(1000))))
    });
    c.bench_function(
        "thread: tutorial, full view (200x200 boundary, maps, curves)",
        |b| b.iter(|| session.refresh_view()),
    );
    c.bench_function("thread: tutorial, snapshot", |b| {
        b.iter(|| black_box(session.snapshot()))
    });
    let deep = deep_spiral(8);
    let trainer = deep.trainer().expect("a 6x8 spiral experiment is valid");
    let domain = trainer.data().train.domain([&trainer.data().test]);
    let mut maps = NeuronMaps::new(NEURON_MAP_RESOLUTION);
    let deep_features = deep.data.features;
    c.bench_function("thread: 6x8, neuron maps only (24x24 per neuron)", |b| {
        b.iter(|| maps.refresh(trainer.network(), black_box(domain), &deep_features))
    });
    let mut session =
        Session::new(deep, BOUNDARY_RESOLUTION).expect("a 6x8 spiral experiment is valid");
    c.bench_function("thread: 6x8 on spiral, full view (on pause)", |b| {
        b.iter(|| session.refresh_view())
    });
    c.bench_function(
        "thread: 6x8 on spiral, frame view (budgeted boundary)",
        |b| b.iter(|| session.refresh_frame_view()),
    );
    let mut session = Session::new(deep_spiral(64), BOUNDARY_RESOLUTION)
        .expect("a 6x64 spiral experiment is valid");
    c.bench_function(
        "thread: 6x64 on spiral, frame view (budgeted boundary)",
        |b| b.iter(|| session.refresh_frame_view()),
    );
    c.bench_function("thread: 6x64 on spiral, snapshot", |b| {
        b.iter(|| black_box(session.snapshot()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).sample_size(30);
    targets = bare_frames, window_frames, thread_work
}
criterion_group! {
    name = cpu;
    config = Criterion::default()
        .with_measurement(ThreadCpu)
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    targets = window_thread_cpu
}
criterion_main!(benches, cpu);
