//! The +/− above the diagram, where TensorFlow Playground has them: over the inputs, a hidden
//! layer more or fewer (at the end); over each hidden layer, a neuron more or fewer. They
//! record [`Command::EditLayers`]; the run rebuilds with the new shape.

use egui::{Button, Direction, Layout, Rect, Sense, UiBuilder, WidgetInfo, pos2, vec2};

use super::{
    Command,
    controls::{MAX_HIDDEN_SIZE, MAX_LAYERS},
    network_view::column_x,
};
use crate::nn::{LayerEdit, NetworkConfig};

/// The strip's height, in points.
const STRIP_HEIGHT: f32 = 20.0;
/// One button's size, in points.
const BUTTON: egui::Vec2 = vec2(20.0, 18.0);

/// What a button says to a screen reader and in its hover text: the words the +/− stand for.
pub fn edit_label(edit: LayerEdit) -> String {
    match edit {
        LayerEdit::AddLayer => "add a hidden layer".to_owned(),
        LayerEdit::RemoveLayer => "remove a hidden layer".to_owned(),
        LayerEdit::AddNeuron(k) => format!("add a neuron to hidden layer {}", k + 1),
        LayerEdit::RemoveNeuron(k) => format!("remove a neuron from hidden layer {}", k + 1),
    }
}

/// Draws the strip, `width` wide, over a diagram of `network`'s columns.
pub fn layer_buttons_ui(
    ui: &mut egui::Ui,
    network: &NetworkConfig,
    width: f32,
    commands: &mut Vec<Command>,
) {
    let (strip, _) = ui.allocate_exact_size(vec2(width, STRIP_HEIGHT), Sense::hover());
    let layers = network.hidden.len();
    let columns = layers + 2;
    let mut pair = |ui: &mut egui::Ui, column: usize, minus: (LayerEdit, bool), plus| {
        let x = column_x(strip.left(), strip.width(), column, columns);
        let halves = [(minus, -1.0), (plus, 1.0)];
        for ((edit, enabled), side) in halves {
            let centre = pos2(x + side * (BUTTON.x / 2.0 + 1.0), strip.center().y);
            let text = if side < 0.0 { "−" } else { "+" };
            let label = edit_label(edit);
            let cell = Rect::from_center_size(centre, BUTTON);
            // A child at the cell itself: one made at the cursor (add_enabled_ui) moves it down
            // a little for each button, which took the diagram's room under a deep network.
            let builder = UiBuilder::new()
                .max_rect(cell)
                .layout(Layout::centered_and_justified(Direction::TopDown));
            let response = ui
                .scope_builder(builder, |ui| {
                    ui.add_enabled(enabled, Button::new(text).small())
                })
                .inner;
            // Named by what it does, so each of the many +/− is told apart.
            response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, enabled, &label));
            if response.on_hover_text(&label).clicked() {
                commands.push(Command::EditLayers(edit));
            }
        }
    };
    pair(
        ui,
        0,
        (LayerEdit::RemoveLayer, layers > 0),
        (LayerEdit::AddLayer, layers < MAX_LAYERS),
    );
    for (k, &neurons) in network.hidden.iter().enumerate() {
        pair(
            ui,
            k + 1,
            (LayerEdit::RemoveNeuron(k), neurons > 1),
            (LayerEdit::AddNeuron(k), neurons < MAX_HIDDEN_SIZE),
        );
    }
}
