//! Hidden space: the data drawn in the coordinates of two neurons of one hidden layer, as that
//! layer sees it (ConvNetJS's signature view). A grid of lines over the input plane is carried
//! along, so one sees the plane folded and stretched until, on XOR, the two classes fall on
//! either side of a straight line: what the output layer, a linear map and a sigmoid, needs.

use crate::{
    data::{Domain, Features, Split},
    nn::Network,
};

/// Lines per direction of [`HiddenSpace::grid`].
pub const GRID_LINES: usize = 11;
/// Points along each grid line.
const POINTS_PER_LINE: usize = 48;

/// One data point in hidden space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HiddenPoint {
    /// The first chosen neuron's activation.
    pub u: f64,
    /// The second chosen neuron's activation (0 for a layer of one neuron).
    pub v: f64,
    /// The point's class.
    pub class: usize,
    /// Whether it is held out for testing.
    pub is_test: bool,
}

/// Every pair of neurons `(i, j)`, `i < j`, of a layer `width` wide, in the order the view
/// cycles through them; a layer of one neuron has the one "pair" `(0, 0)`.
pub fn neuron_pairs(width: usize) -> Vec<(usize, usize)> {
    if width <= 1 {
        return vec![(0, 0)];
    }
    (0..width)
        .flat_map(|i| (i + 1..width).map(move |j| (i, j)))
        .collect()
}

/// The data and the input plane's grid, as hidden layer `layer` (0: the first) sees them
/// through neurons `pair`.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenSpace {
    /// The hidden layer, from 0.
    pub layer: usize,
    /// The two neurons whose activations are the coordinates.
    pub pair: (usize, usize),
    /// The training and test points.
    pub points: Vec<HiddenPoint>,
    /// [`GRID_LINES`] lines of constant `x2` then as many of constant `x1`, over the domain,
    /// each as the points it passes through in hidden space.
    pub grid: Vec<Vec<[f64; 2]>>,
}

impl HiddenSpace {
    /// The view of `network`'s hidden layer `layer` through neurons `pair`, or `None` when the
    /// network has no such hidden layer or neurons.
    pub fn new(
        network: &Network,
        features: &Features,
        data: &Split,
        domain: Domain,
        layer: usize,
        pair: (usize, usize),
    ) -> Option<Self> {
        let hidden = network.layers().len().checked_sub(1)?;
        let width = network.layers().get(layer)?.outputs();
        if layer >= hidden || pair.0 >= width || pair.1 >= width {
            return None;
        }
        let head = network.head();
        let classes = network.classes();
        let mut activations = Activations::new(network, layer);
        let mut points = Vec::with_capacity(data.train.len() + data.test.len());
        for (set, is_test) in [(&data.train, false), (&data.test, true)] {
            let rows = set.input_slice().chunks(set.features().max(1));
            for (row, &label) in rows.zip(set.label_slice()) {
                let (u, v) = activations.pair(row, pair);
                points.push(HiddenPoint {
                    u,
                    v,
                    class: head.label_class(label, classes),
                    is_test,
                });
            }
        }
        let mut row = vec![0.0; features.count()];
        let mut line = |at: &dyn Fn(f64) -> (f64, f64)| -> Vec<[f64; 2]> {
            (0..POINTS_PER_LINE)
                .map(|p| {
                    let (x1, x2) = at(p as f64 / (POINTS_PER_LINE - 1) as f64);
                    features.expand(x1, x2, &mut row);
                    let (u, v) = activations.pair(&row, pair);
                    [u, v]
                })
                .collect()
        };
        let mut grid = Vec::with_capacity(2 * GRID_LINES);
        for l in 0..GRID_LINES {
            let s = l as f64 / (GRID_LINES - 1) as f64;
            grid.push(line(&|t| (domain.x_at(t), domain.y_at(s))));
        }
        for l in 0..GRID_LINES {
            let s = l as f64 / (GRID_LINES - 1) as f64;
            grid.push(line(&|t| (domain.x_at(s), domain.y_at(t))));
        }
        Some(Self {
            layer,
            pair,
            points,
            grid,
        })
    }
}

/// A forward pass up to one hidden layer, one sample at a time, in buffers reused across
/// samples.
struct Activations<'a> {
    network: &'a Network,
    layer: usize,
    buffers: [Vec<f64>; 2],
}

impl<'a> Activations<'a> {
    fn new(network: &'a Network, layer: usize) -> Self {
        let widest = network.max_width().max(network.inputs());
        Self {
            network,
            layer,
            buffers: [vec![0.0; widest], vec![0.0; widest]],
        }
    }

    /// The activations of neurons `(i, j)` of the layer for one input row.
    fn pair(&mut self, row: &[f64], (i, j): (usize, usize)) -> (f64, f64) {
        let [input, output] = &mut self.buffers;
        input[..row.len()].copy_from_slice(row);
        for k in 0..=self.layer {
            let width = self.network.layers()[k].inputs();
            self.network
                .forward_samples_at(k, &input[..width], 1, output);
            std::mem::swap(input, output);
        }
        let v = if i == j { 0.0 } else { input[j] };
        (input[i], v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Experiment;

    #[test]
    fn pairs_cover_every_two_neurons_once() {
        assert_eq!(neuron_pairs(1), [(0, 0)]);
        assert_eq!(neuron_pairs(3), [(0, 1), (0, 2), (1, 2)]);
        assert_eq!(neuron_pairs(4).len(), 6);
    }

    #[test]
    fn a_point_sits_at_its_hidden_activations() {
        let experiment = Experiment::default();
        let trainer = experiment.trainer().unwrap();
        let (network, data) = (trainer.network(), trainer.data());
        let features = &experiment.data.features;
        let domain = data.train.domain([&data.test]);
        let space = HiddenSpace::new(network, features, data, domain, 0, (1, 3)).unwrap();
        assert_eq!(space.points.len(), 4);
        assert_eq!(space.grid.len(), 2 * GRID_LINES);
        // The point (0, 1): a1 = sigmoid(W1[1] + b1), written out.
        let layer = &network.layers()[0];
        let a = |j: usize| crate::nn::sigmoid(layer.weights()[[1, j]] + layer.bias()[j]);
        let p = space.points[1];
        assert!(
            (p.u - a(1)).abs() < 1e-15 && (p.v - a(3)).abs() < 1e-15,
            "{p:?}"
        );
        assert_eq!(p.class, 1);
        // No second hidden layer, no fifth neuron.
        assert!(HiddenSpace::new(network, features, data, domain, 1, (0, 1)).is_none());
        assert!(HiddenSpace::new(network, features, data, domain, 0, (0, 4)).is_none());
    }
}
