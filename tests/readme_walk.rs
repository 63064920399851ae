//! The README, walked through the window: each action it describes, done as a person does it
//! (menus and buttons by their labels, keys, clicks and hovers on the views, dropped files,
//! the command line's file), and its result checked where a person would see it: on screen,
//! in the status line, or in the file written and opened again. The app is only read here,
//! never told what to do except through its input.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use egui::{Key, Modifiers, PointerButton, accesskit::Role};
use egui_kittest::{
    Harness,
    kittest::{By, NodeT as _, Queryable as _},
};
use nn_playground::{
    app::{App, EXPORT_SIDE},
    data::DatasetKind,
    experiment::Experiment,
    weights::{self, experiment_file},
};

/// Width of the controls panel, which scrolls (its rows below the fold are not cut off).
const CONTROLS: f32 = 290.0;

/// Every node with a label or a value right of the controls panel that lies (partly) outside
/// `size`: text cut off by the window's edge.
fn outside(harness: &Harness<'static, App>, size: [f32; 2]) -> Vec<String> {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    harness
        .root()
        .query_all(By::new())
        .filter(|node| {
            let n = node.accesskit_node();
            n.label().is_some() || n.value().is_some()
        })
        .filter(|node| {
            let rect = node.rect();
            rect.is_positive() && rect.min.x > CONTROLS && !window.expand(0.5).contains_rect(rect)
        })
        .map(|node| {
            let n = node.accesskit_node();
            format!("{:?} {:?} at {:?}", n.label(), n.value(), node.rect())
        })
        .collect()
}

#[test]
fn run_it_the_window_opens_on_the_tutorial_and_the_keys_work() {
    let mut harness = common::window();
    harness.run_steps(4);
    assert_eq!(harness.state().settings().experiment, Experiment::default());
    assert!(harness.state().is_running());
    harness.key_press(Key::Space);
    harness.run_steps(1);
    assert!(!harness.state().is_running(), "Space pauses");
    let epoch = harness.state().trainer().epoch();
    harness.key_press(Key::S);
    harness.run_steps(1);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(1);
    assert_eq!(harness.state().trainer().epoch(), epoch + 2, "S and → step");
    harness.key_press(Key::R);
    harness.run_steps(1);
    assert_eq!(harness.state().trainer().epoch(), 0, "R resets");
    // F1: the About window lists the keys from the bindings table.
    harness.key_press(Key::F1);
    harness.run_steps(3);
    harness.get_by_label("About nn-playground");
    harness.get_by_label("Ctrl+Shift+S");
    harness.get_by_label("S or →");
    harness.key_press(Key::F1);
    harness.run_steps(2);
    assert!(harness.query_by_label("About nn-playground").is_none());
}

#[test]
fn saved_weights_open_from_the_menu_the_keys_the_command_line_and_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spiral.json");
    let mut harness = common::paused_window();
    common::use_builtin_dialog(&mut harness);
    // Ctrl+Shift+S: save as.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(3);
    common::enter_path(&mut harness, &path);
    common::assert_no_error(&harness);
    let first = weights::load(&path).unwrap();
    // Step, then Ctrl+S overwrites the same file.
    harness.get_by_label("Step").click();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    let second = weights::load(&path).unwrap();
    assert_eq!(second.epoch, first.epoch + 1);

    let mut opened = common::window_with_file(&path);
    opened.run_steps(1);
    common::assert_no_error(&opened);
    assert_eq!(opened.state().trainer().network(), &second.network);

    let mut other = common::paused_window();
    common::use_builtin_dialog(&mut other);
    other.key_press_modifiers(Modifiers::COMMAND, Key::O);
    other.run_steps(3);
    common::enter_path(&mut other, &path);
    common::assert_no_error(&other);
    assert_eq!(other.state().trainer().epoch(), second.epoch);

    let mut dropped = common::paused_window();
    common::drop_file(&mut dropped, &path);
    common::assert_no_error(&dropped);
    assert_eq!(dropped.state().trainer().network(), &second.network);
}

#[test]
fn your_own_data_clicks_clear_import_drop_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::paused_window();
    let rect = harness.state().boundary_rect();
    let train = |h: &Harness<'static, App>| h.state().session().data().train.len();
    assert_eq!(train(&harness), 4);
    common::click_at(
        &mut harness,
        rect.center(),
        PointerButton::Primary,
        Modifiers::NONE,
    );
    common::click_at(
        &mut harness,
        rect.center() + egui::vec2(30.0, 30.0),
        PointerButton::Secondary,
        Modifiers::NONE,
    );
    assert_eq!(
        train(&harness),
        6,
        "a left and a right click add two points"
    );
    common::click_at(
        &mut harness,
        rect.center() + egui::vec2(30.0, 30.0),
        PointerButton::Primary,
        Modifiers::SHIFT,
    );
    assert_eq!(train(&harness), 5, "Shift+click removes the nearest");
    common::click(&mut harness, "Clear points");
    harness.run_steps(2);
    assert_eq!(train(&harness), 0);

    let csv = dir.path().join("mine.csv");
    std::fs::write(&csv, "x1,x2,label\n0,0,0\n2,1,1\n-1,3,1\n1,1,0\n").unwrap();
    common::file_menu_with_path(&mut harness, "Import points CSV…", &csv);
    common::assert_no_error(&harness);
    let data = harness.state().session().data();
    assert_eq!(data.train.len() + data.test.len(), 4);

    let out = dir.path().join("out.csv");
    common::file_menu_with_path(&mut harness, "Export points CSV…", &out);
    common::assert_no_error(&harness);
    let mut lines: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines[1..].sort_unstable();
    assert_eq!(lines, ["x1,x2,label", "-1,3,1", "0,0,0", "1,1,0", "2,1,1"]);

    let mut dropped = common::paused_window();
    common::drop_file(&mut dropped, &out);
    common::assert_no_error(&dropped);
    let data = dropped.state().session().data();
    assert_eq!(
        data.train.len() + data.test.len(),
        4,
        "a dropped CSV imports"
    );
}

#[test]
fn compare_runs_pin_change_and_clear() {
    let mut harness = common::window();
    harness.run_steps(4);
    harness.get_by_label("Pin run").click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::Slider, "learning rate")
        .set_value_accesskit(0.1);
    harness.run_steps(1);
    harness.get_by_label("Reset").click();
    harness.run_steps(2);
    // The legend names the run by what changed.
    harness.get_by_label("now: lr 0.5->0.1");
    harness.get_by_label("Clear pins").click();
    harness.run_steps(1);
    assert!(harness.state().pins().is_empty());
}

#[test]
fn experiment_files_reopen_as_saved_from_the_command_line_open_and_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-run.nnexp.json");
    let mut source = common::window();
    source.run_steps(5);
    source.get_by_label("Pause").click();
    source.run_steps(1);
    common::file_menu_with_path(&mut source, "Save experiment…", &path);
    common::assert_no_error(&source);
    assert!(experiment_file::is_experiment(
        &std::fs::read(&path).unwrap()
    ));
    let curve = source.state().session().train_curve().to_vec();

    let mut ways = vec![common::window_with_file(&path)];
    let mut opened = common::paused_window();
    common::file_menu_with_path(&mut opened, "Open…", &path);
    ways.push(opened);
    let mut dropped = common::paused_window();
    common::drop_file(&mut dropped, &path);
    ways.push(dropped);
    for mut harness in ways {
        harness.run_steps(1);
        common::assert_no_error(&harness);
        let app = harness.state();
        assert_eq!(app.trainer().epoch(), source.state().trainer().epoch());
        assert_eq!(
            app.session().train_curve(),
            curve.as_slice(),
            "history back"
        );
    }
}

#[test]
fn inside_the_network_hover_a_neuron_and_a_link() {
    let mut harness = common::window();
    harness.run_steps(3);
    let neuron = harness.state().neuron_position(1, 0).unwrap();
    harness.hover_at(neuron);
    harness.run_steps(3);
    harness.get_by_label("Showing hidden layer 1, neuron 1: its activation over the plane");
    let input = harness.state().neuron_position(0, 0).unwrap();
    let output = harness.state().neuron_position(2, 0).unwrap();
    let hidden = harness.state().neuron_position(1, 3).unwrap();
    // Half way along the link from the last hidden neuron to the output.
    let _ = input;
    harness.hover_at(hidden + (output - hidden) * 0.5);
    harness.run_steps(3);
    harness.get_by_label_contains("hidden layer 1, neuron 4 -> output");
}

#[test]
fn input_features_and_schedules_change_the_run_from_the_controls() {
    let mut harness = common::window();
    harness.run_steps(3);
    harness.get_by_label("x1*x2").click();
    harness.run_steps(2);
    assert_eq!(harness.state().trainer().network().inputs(), 3);
    let epoch = harness.state().trainer().epoch();
    common::choose(&mut harness, "lr schedule", "step");
    harness
        .get_by_role_and_label(Role::Slider, "dropout")
        .set_value_accesskit(0.2);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.trainer().config().schedule.name(), "step");
    assert_eq!(app.trainer().config().dropout, 0.2);
    assert!(app.trainer().epoch() >= epoch, "live: no reset");
}

#[test]
fn six_classes_show_both_confusion_matrices_inside_the_default_window() {
    let mut harness = common::window();
    harness.run_steps(2);
    common::choose(&mut harness, "dataset", "blobs-6");
    harness.run_steps(4);
    assert_eq!(harness.state().trainer().network().classes(), 6);
    harness.get_by_label("train: rows true, columns predicted");
    harness.get_by_label("test: rows true, columns predicted");
    let cut = outside(&harness, common::WINDOW);
    assert!(cut.is_empty(), "cut off at the default size: {cut:#?}");
}

#[test]
fn at_the_smallest_size_nothing_runs_off_the_window_not_even_the_dataset_list() {
    let mut harness = Harness::builder()
        .with_size(common::SMALLEST)
        .build_eframe(|cc| App::new(cc));
    harness.run_steps(3);
    let cut = outside(&harness, common::SMALLEST);
    assert!(cut.is_empty(), "cut off at the smallest size: {cut:#?}");
    // Six classes: the key wraps and the confusion matrices are taller; the readouts scroll,
    // so the last row can be brought above the status line.
    common::choose(&mut harness, "dataset", "blobs-6");
    harness.run_steps(4);
    let status = harness
        .get_by_label(&harness.state().status().text.clone())
        .rect();
    harness.get_by_label("frame time").scroll_to_me();
    harness.run_steps(12);
    let last = harness.get_by_label("frame time").rect();
    assert!(
        last.bottom() <= status.top() + 0.5,
        "{last:?} under the status line {status:?}"
    );
    // Scroll the controls to the dataset list, open it: every entry can be brought into view
    // inside the window.
    harness.get_by_label("dataset").scroll_to_me();
    harness.run_steps(12);
    harness.get_by_label("dataset").click();
    harness.run_steps(3);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, common::SMALLEST.into());
    for option in ["xor", "circle", "spiral", "three-spirals", "blobs-6"] {
        harness.get_by_label(option).scroll_to_me();
        harness.run_steps(12);
        let rect = harness.get_by_label(option).rect();
        assert!(window.contains_rect(rect), "{option} at {rect:?}");
    }
}

/// The loss plot's rectangle on screen: the area of the node holding its legend.
fn plot_centre(harness: &Harness<'static, App>) -> egui::Pos2 {
    let legend = harness
        .get_by_role_and_label(Role::CheckBox, "train loss")
        .rect();
    // The legend sits in the plot's top right corner; the curves are below and left of it.
    legend.left_bottom() + egui::vec2(-60.0, 40.0)
}

#[test]
fn the_loss_plot_follows_the_run_until_panned_and_a_button_brings_it_back() {
    let mut harness = common::window();
    harness.run_steps(3);
    assert!(harness.state().is_plot_following());
    assert!(harness.query_by_label("Follow the run").is_none());
    let at = plot_centre(&harness);
    harness.hover_at(at);
    harness.run_steps(1);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -60.0),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run_steps(3);
    assert!(!harness.state().is_plot_following(), "a scroll pans away");
    harness.get_by_label("Follow the run").click();
    harness.run_steps(2);
    assert!(harness.state().is_plot_following());
    assert!(harness.query_by_label("Follow the run").is_none());
}

#[test]
fn hovering_the_loss_plot_shows_the_nearest_point_of_a_curve_in_significant_digits() {
    let mut harness = common::window();
    harness.run_steps(20);
    harness.get_by_label("Pause").click();
    harness.run_steps(1);
    harness.hover_at(plot_centre(&harness));
    harness.run_steps(3);
    let (name, epoch, loss) = harness.state().hovered_loss().cloned().unwrap();
    assert_eq!(name, "train loss");
    let curve = harness.state().session().train_curve();
    assert!(
        curve.iter().any(|&[x, y]| x == epoch && y == loss),
        "({epoch}, {loss}) is a point of the curve, not the cursor"
    );
    let text = format!("loss {}", nn_playground::app::significant(loss, 4));
    harness.get_by_label_contains(&text);
}

#[test]
fn the_loss_plot_marks_no_point_while_the_pointer_is_elsewhere() {
    let mut harness = common::paused_window();
    harness.hover_at(plot_centre(&harness));
    harness.run_steps(2);
    assert!(harness.state().hovered_loss().is_some());
    harness.hover_at(harness.state().boundary_rect().center());
    harness.run_steps(2);
    assert_eq!(
        harness.state().hovered_loss(),
        None,
        "the pointer is on the boundary"
    );
}

#[test]
fn export_boundary_png_is_800_pixels_with_the_points_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("boundary.png");
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Export boundary PNG…", &path);
    common::assert_no_error(&harness);
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut rgba).unwrap();
    assert_eq!(
        (info.width, info.height),
        (EXPORT_SIDE as u32, EXPORT_SIDE as u32)
    );
    // Each XOR point is drawn in its class colour (blue for 1, orange for 0).
    let domain = harness.state().session().domain();
    for (x1, x2, blue) in [(0.0, 0.0, false), (0.0, 1.0, true), (1.0, 1.0, false)] {
        let u = (x1 - domain.x[0]) / (domain.x[1] - domain.x[0]);
        let v = (domain.y[1] - x2) / (domain.y[1] - domain.y[0]);
        let (px, py) = ((u * 800.0) as usize, (v * 800.0) as usize);
        let at = (py * 800 + px) * 4;
        let [r, _, b] = [rgba[at], rgba[at + 1], rgba[at + 2]];
        assert_eq!(
            b > r,
            blue,
            "point ({x1}, {x2}): rgb {:?}",
            &rgba[at..at + 3]
        );
        assert!(
            r.abs_diff(b) > 100,
            "a saturated class colour, not the boundary's tint"
        );
    }
}

#[test]
fn loss_csv_exports_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loss.csv");
    let mut harness = common::paused_window();
    common::file_menu_with_path(&mut harness, "Export loss CSV…", &path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("epoch,train_loss,test_loss\n0,"), "{text}");
}

#[test]
fn a_chinese_path_reads_in_the_status_line() {
    let mut harness = common::paused_window();
    let fonts = |h: &Harness<'static, App>| h.ctx.fonts(|f| f.discovered_fonts().len());
    assert_eq!(
        fonts(&harness),
        0,
        "no system font is looked for while text is Latin"
    );
    let path = std::path::Path::new("/tmp/没有这个文件夹/数据.json");
    common::drop_file(&mut harness, path);
    harness.run_steps(2);
    let (text, is_error) = common::status(&harness);
    assert!(
        is_error && text.contains("没有这个文件夹/数据.json"),
        "{text}"
    );
    let font = egui::FontId::proportional(14.0);
    assert!(
        harness
            .ctx
            .fonts_mut(|f| f.has_glyphs(&font, "没有这个文件夹数据")),
        "a system font with the glyphs is in use"
    );
    assert!(fonts(&harness) > 0);
}

#[test]
fn the_readme_names_the_menu_items_the_window_has() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut harness = common::paused_window();
    harness.get_by_label("File").click();
    harness.run_steps(3);
    for item in [
        "Save experiment…",
        "Import points CSV…",
        "Export points CSV…",
        "Export boundary PNG…",
        "Export loss CSV…",
        "Save weights as…",
        "Open…",
        "Type paths in the window",
    ] {
        assert!(readme.contains(item), "the README names {item}");
        let found = harness.root().query_all(By::new()).any(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(item))
        });
        assert!(found, "the File menu has {item}");
    }
}

#[test]
fn a_dataset_chosen_in_the_list_is_used() {
    let mut harness = common::window();
    harness.run_steps(2);
    common::choose(&mut harness, "dataset", "three-spirals");
    assert_eq!(
        harness.state().settings().experiment.data.kind,
        DatasetKind::ThreeSpirals
    );
}
