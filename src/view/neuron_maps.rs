//! Every neuron's activation over the input plane, at low resolution: the thumbnails of the
//! network diagram (TensorFlow Playground's), refreshed each frame without allocating.

use crate::{
    data::{Domain, Features},
    nn::Network,
    view::boundary::fill_cell_inputs,
};

/// Cells per side of a neuron's map.
pub const NEURON_MAP_RESOLUTION: usize = 24;

/// Each neuron's activation on a `resolution × resolution` grid over the data's region, as a
/// shade in `[0, 1]` ready to colour: 0.5 is zero (or, for sigmoid units, one half), towards 1
/// positive and towards 0 negative.
///
/// Columns follow the diagram: column 0 holds the input features, then one column per layer,
/// the last being the output. Maps are stored neuron by neuron, top row first (largest `x2`),
/// like [`crate::view::boundary::BoundaryGrid`].
///
/// ```
/// use nn_playground::{experiment::Experiment, view::neuron_maps::NeuronMaps};
/// let trainer = Experiment::default().trainer().unwrap();
/// let mut maps = NeuronMaps::new(8);
/// maps.refresh(trainer.network(), trainer.data().train.domain([]), &Default::default());
/// assert_eq!(maps.columns(), 3, "inputs, hidden, output");
/// assert_eq!(maps.neurons(1), 4);
/// assert_eq!(maps.map(1, 0).len(), 64);
/// ```
#[derive(Clone, Debug)]
pub struct NeuronMaps {
    resolution: usize,
    /// Neurons per column.
    widths: Vec<usize>,
    /// Per column, the raw values cell by cell (`cells × width`, row-major).
    raw: Vec<Vec<f64>>,
    /// Per column, the shades neuron by neuron (`width × cells`).
    shades: Vec<Vec<f64>>,
}

impl NeuronMaps {
    /// Empty maps of `resolution` (at least 1) cells per side.
    pub fn new(resolution: usize) -> Self {
        Self {
            resolution: resolution.max(1),
            widths: Vec::new(),
            raw: Vec::new(),
            shades: Vec::new(),
        }
    }

    /// Cells per side.
    pub fn resolution(&self) -> usize {
        self.resolution
    }

    /// Columns: the inputs, then each layer.
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// Neurons in `column` (0 when out of range).
    pub fn neurons(&self, column: usize) -> usize {
        self.widths.get(column).copied().unwrap_or(0)
    }

    /// The shades of neuron `neuron` in `column`, top row first (empty when out of range).
    pub fn map(&self, column: usize, neuron: usize) -> &[f64] {
        let cells = self.resolution * self.resolution;
        self.shades
            .get(column)
            .and_then(|s| s.get(neuron * cells..(neuron + 1) * cells))
            .unwrap_or(&[])
    }

    /// Recomputes every map for `network` over `domain`, each cell's inputs laid out by
    /// [`fill_cell_inputs`] as the boundary grid's are. Allocates only when
    /// the network's shape changed since the last call.
    pub fn refresh(&mut self, network: &Network, domain: Domain, features: &Features) {
        let n = self.resolution;
        let cells = n * n;
        let fits = self.widths.first() == Some(&network.inputs())
            && self.widths.len() == network.layers().len() + 1
            && self.widths[1..]
                .iter()
                .zip(network.layers())
                .all(|(&w, l)| w == l.outputs());
        if !fits {
            self.widths = std::iter::once(network.inputs())
                .chain(network.layers().iter().map(|l| l.outputs()))
                .collect();
            self.raw = self.widths.iter().map(|&w| vec![0.0; cells * w]).collect();
            self.shades = self.widths.iter().map(|&w| vec![0.0; cells * w]).collect();
        }
        if let Some(inputs) = self.raw.first_mut() {
            fill_cell_inputs(domain, n, features, network.inputs(), 0, inputs);
        }
        for k in 0..network.layers().len() {
            let (done, rest) = self.raw.split_at_mut(k + 1);
            network.forward_samples_at(k, &done[k], cells, &mut rest[0]);
        }
        let sigmoids = std::iter::once(false).chain(network.functions().map(|f| f.is_sigmoid()));
        for ((raw, shades), sigmoid) in self.raw.iter().zip(&mut self.shades).zip(sigmoids) {
            shade(raw, shades, cells, sigmoid);
        }
    }
}

/// Writes the shades of each neuron of `raw` (`cells × width`) into `shades` (`width ×
/// cells`): sigmoid outputs as they are, anything else scaled by the map's largest magnitude
/// around 0.5, so the sign shows and the pattern fills the range.
fn shade(raw: &[f64], shades: &mut [f64], cells: usize, sigmoid: bool) {
    let width = raw.len() / cells.max(1);
    for neuron in 0..width {
        let out = &mut shades[neuron * cells..(neuron + 1) * cells];
        let values = raw.iter().skip(neuron).step_by(width);
        if sigmoid {
            for (s, &v) in out.iter_mut().zip(values) {
                *s = v.clamp(0.0, 1.0);
            }
            continue;
        }
        let largest = values.clone().fold(
            0.0_f64,
            |m, &v| if v.is_finite() { m.max(v.abs()) } else { m },
        );
        let scale = if largest > 0.0 { 0.5 / largest } else { 0.0 };
        for (s, &v) in out.iter_mut().zip(values) {
            *s = (0.5 + v * scale).clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Experiment;

    #[test]
    fn the_output_map_is_the_networks_prediction() {
        let mut trainer = Experiment::default().trainer().unwrap();
        trainer.run(50).unwrap();
        let domain = trainer.data().train.domain([]);
        let mut maps = NeuronMaps::new(6);
        maps.refresh(trainer.network(), domain, &Features::default());
        let mut grid = crate::view::boundary::BoundaryGrid::new(6);
        grid.refresh(trainer.network(), domain, &Features::default());
        let output = maps.map(2, 0);
        for (a, b) in output.iter().zip(grid.values()) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
    }

    #[test]
    fn input_maps_run_left_to_right_and_bottom_to_top() {
        let trainer = Experiment::default().trainer().unwrap();
        let mut maps = NeuronMaps::new(4);
        let domain = Domain {
            x: [-2.0, 2.0],
            y: [-2.0, 2.0],
        };
        maps.refresh(trainer.network(), domain, &Features::default());
        let x1 = maps.map(0, 0);
        assert!(x1[0] < 0.5 && x1[3] > 0.5, "x1 grows to the right: {x1:?}");
        let x2 = maps.map(0, 1);
        assert!(x2[0] > 0.5 && x2[12] < 0.5, "row 0 is the top: {x2:?}");
        assert!(maps.map(5, 0).is_empty() && maps.map(1, 9).is_empty());
    }

    #[test]
    fn shades_keep_the_sign_and_stay_in_range() {
        let mut shades = vec![0.0; 4];
        // Two neurons, two cells: neuron 0 is (-2, 1), neuron 1 is (0, 0).
        shade(&[-2.0, 0.0, 1.0, 0.0], &mut shades, 2, false);
        assert_eq!(shades, vec![0.0, 0.75, 0.5, 0.5]);
    }
}
