//! The Hidden space window (ConvNetJS's signature view): the data and a grid of the input
//! plane drawn in the coordinates of two neurons of a hidden layer, one pair after another, so
//! one sees the hidden layer fold the plane until XOR's classes can be told apart by a line.
//! The coordinates are the core's ([`HiddenSpace`]), worked out again only when the snapshot,
//! the layer or the pair changes.

use egui_plot::{Line, Plot, Points};

use super::palette::class_colour;
use crate::view::{
    hidden_space::{HiddenSpace, neuron_pairs},
    snapshot::Snapshot,
};

/// The window's state: open or not, the layer and pair shown, and their picture.
#[derive(Debug, Default)]
pub struct HiddenSpaceView {
    /// Whether the window is open.
    pub open: bool,
    /// The hidden layer shown, from 0.
    layer: usize,
    /// Which of the layer's pairs ([`neuron_pairs`]) is shown.
    pair: usize,
    /// The picture, and the snapshot, layer and pair it is of.
    shown: Option<((usize, usize, usize), HiddenSpace)>,
}

impl HiddenSpaceView {
    /// The picture drawn last, if the window is open and the network has a hidden layer.
    pub fn shown(&self) -> Option<&HiddenSpace> {
        self.open
            .then_some(self.shown.as_ref().map(|(_, space)| space))?
    }

    /// Draws the window, if open.
    pub fn ui(&mut self, ctx: &egui::Context, session: &Snapshot) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Hidden space")
            .open(&mut open)
            .default_size([380.0, 420.0])
            .default_pos(ctx.content_rect().left_top() + egui::vec2(300.0, 60.0))
            .show(ctx, |ui| self.contents_ui(ui, session));
        self.open = open;
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, session: &Snapshot) {
        let network = session.trainer().network();
        let hidden = network.layers().len().saturating_sub(1);
        if hidden == 0 {
            ui.label("This network has no hidden layer.");
            self.shown = None;
            return;
        }
        self.layer = self.layer.min(hidden - 1);
        let pairs = neuron_pairs(network.layers()[self.layer].outputs());
        self.pair %= pairs.len();
        ui.horizontal_wrapped(|ui| {
            for k in 0..hidden {
                if ui
                    .selectable_label(k == self.layer, format!("hidden {}", k + 1))
                    .clicked()
                {
                    self.layer = k;
                    self.pair = 0;
                }
            }
            if ui
                .button("next pair")
                .on_hover_text("The next two neurons of the layer")
                .clicked()
            {
                self.pair = (self.pair + 1) % pairs.len();
            }
        });
        let pairs = neuron_pairs(network.layers()[self.layer].outputs());
        let (i, j) = pairs[self.pair % pairs.len()];
        let key = (std::ptr::from_ref(session) as usize, self.layer, self.pair);
        if self.shown.as_ref().is_none_or(|(k, _)| *k != key) {
            let features = &session.experiment().data.features;
            self.shown = HiddenSpace::new(
                network,
                features,
                session.data(),
                session.domain(),
                self.layer,
                (i, j),
            )
            .map(|space| (key, space));
        }
        ui.label(format!(
            "Neurons {} and {} of hidden layer {} (pair {} of {}): the data and the input \
             plane's grid as this layer sees them.",
            i + 1,
            j + 1,
            self.layer + 1,
            self.pair % pairs.len() + 1,
            pairs.len()
        ));
        let Some((_, space)) = &self.shown else {
            return;
        };
        Plot::new("hidden space")
            .data_aspect(1.0)
            .allow_scroll(false)
            .x_axis_label(format!("neuron {}", i + 1))
            .y_axis_label(format!("neuron {}", j + 1))
            .show(ui, |plot| {
                for line in &space.grid {
                    plot.line(
                        Line::new("", line.clone())
                            .color(egui::Color32::from_gray(110))
                            .width(1.0),
                    );
                }
                let classes = space.points.iter().map(|p| p.class).max().unwrap_or(0) + 1;
                for class in 0..classes {
                    let points: Vec<[f64; 2]> = space
                        .points
                        .iter()
                        .filter(|p| p.class == class)
                        .map(|p| [p.u, p.v])
                        .collect();
                    plot.points(
                        Points::new(format!("class {class}"), points)
                            .color(class_colour(class))
                            .radius(4.0),
                    );
                }
            });
    }
}
