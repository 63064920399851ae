//! The network's output over a grid covering the data: the decision-boundary picture.

use crate::{
    data::{Domain, Features},
    nn::{Network, Workspace, argmax},
};

/// Grid points per forward pass.
const CHUNK: usize = 512;

/// Outputs of a network on a `resolution × resolution` grid, refreshed in place.
///
/// `values()[row * resolution + col]` is the probability of class 1 at the centre of that
/// cell; row 0 is the *top* (largest `x2`), so the values read like an image.
///
/// For a multiclass network of `K` classes, [`Self::probabilities`] holds the `K` class
/// probabilities of every cell, [`Self::class_at`] the winning class and its probability (for a
/// multi-colour picture), and `values()` that winning probability (the confidence). The
/// two-class path is unchanged: one probability per cell.
///
/// ```
/// use nn_playground::{boundary::BoundaryGrid, experiment::Experiment};
/// let trainer = Experiment::default().trainer().unwrap();
/// let mut grid = BoundaryGrid::new(50);
/// let domain = trainer.data().train.domain([]);
/// grid.refresh(trainer.network(), domain);
/// assert_eq!(grid.values().len(), 2500);
/// ```
#[derive(Clone, Debug)]
pub struct BoundaryGrid {
    resolution: usize,
    domain: Domain,
    values: Vec<f64>,
    /// `K` probabilities per cell for a multiclass network; empty for a two-class one.
    probabilities: Vec<f64>,
    /// Network outputs per cell: 1 or `K`.
    outputs: usize,
    inputs: Vec<f64>,
    workspace: Option<Workspace>,
}

impl BoundaryGrid {
    /// An empty grid of `resolution` (at least 1) cells per side.
    pub fn new(resolution: usize) -> Self {
        let resolution = resolution.max(1);
        Self {
            resolution,
            domain: Domain {
                x: [0.0, 1.0],
                y: [0.0, 1.0],
            },
            values: vec![0.5; resolution * resolution],
            probabilities: Vec::new(),
            outputs: 1,
            inputs: Vec::new(),
            workspace: None,
        }
    }

    /// Cells per side.
    pub fn resolution(&self) -> usize {
        self.resolution
    }

    /// The region the grid covers.
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// One number per cell, top row first: the probability of class 1 for a two-class
    /// network, the winning class's probability for a multiclass one.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The classes of the last network drawn: 2, or its softmax width.
    pub fn classes(&self) -> usize {
        self.outputs.max(2)
    }

    /// Every cell's class probabilities, [`Self::classes`] per cell, top row first, for a
    /// multiclass network; for a two-class network, the same as [`Self::values`] (one per
    /// cell, the probability of class 1).
    pub fn probabilities(&self) -> &[f64] {
        if self.outputs > 1 {
            &self.probabilities
        } else {
            &self.values
        }
    }

    /// The most probable class at cell `index` (`row * resolution + col`) and its probability;
    /// `(0, 0.5)` outside the grid. For two classes, class 1 wins at probability 0.5 or more.
    pub fn class_at(&self, index: usize) -> (usize, f64) {
        let k = self.outputs;
        if k > 1 {
            match self.probabilities.get(index * k..(index + 1) * k) {
                Some(p) => {
                    let best = argmax(p);
                    (best, p[best])
                }
                None => (0, 0.5),
            }
        } else {
            match self.values.get(index) {
                Some(&p) if p >= 0.5 => (1, p),
                Some(&p) => (0, 1.0 - p),
                None => (0, 0.5),
            }
        }
    }

    /// The input point at the centre of cell `(row, col)`.
    pub fn cell_centre(&self, row: usize, col: usize) -> [f64; 2] {
        let n = self.resolution as f64;
        [
            self.domain.x_at((col as f64 + 0.5) / n),
            self.domain.y_at(1.0 - (row as f64 + 0.5) / n),
        ]
    }

    /// Recomputes every cell for `network` over `domain`. Allocates only when the network's
    /// shape changed since the last call. Networks with more than two inputs see zeros in the
    /// extra inputs.
    pub fn refresh(&mut self, network: &Network, domain: Domain) {
        self.domain = domain;
        let features = network.inputs();
        let ws = match &mut self.workspace {
            Some(ws) if ws.fits(network) && self.inputs.len() == CHUNK * features => ws,
            slot => {
                self.inputs = vec![0.0; CHUNK * features];
                self.outputs = network.outputs();
                let cells = self.resolution * self.resolution;
                self.probabilities = if self.outputs > 1 {
                    vec![0.0; cells * self.outputs]
                } else {
                    Vec::new()
                };
                slot.insert(Workspace::new(network, CHUNK))
            }
        };
        let k = self.outputs;
        let n = self.resolution;
        let total = n * n;
        let mut start = 0;
        while start < total {
            let rows = CHUNK.min(total - start);
            for (k, x) in self
                .inputs
                .chunks_exact_mut(features)
                .take(rows)
                .enumerate()
            {
                let cell = start + k;
                let (row, col) = (cell / n, cell % n);
                x[0] = domain.x_at((col as f64 + 0.5) / n as f64);
                if features > 1 {
                    x[1] = domain.y_at(1.0 - (row as f64 + 0.5) / n as f64);
                }
            }
            let out = ws.forward(network, &self.inputs, rows);
            if k > 1 {
                self.probabilities[start * k..(start + rows) * k].copy_from_slice(out);
                let confidence = self.values[start..start + rows].iter_mut();
                for (v, p) in confidence.zip(out.chunks_exact(k)) {
                    *v = p.iter().copied().fold(0.0, f64::max);
                }
            } else {
                self.values[start..start + rows].copy_from_slice(out);
            }
            start += rows;
        }
    }

    /// Recomputes only the cells `first..first + count` (cell `row * resolution + col`,
    /// clamped to the grid), feeding the network `features` of each cell's point when it takes
    /// that many inputs (else `x1, x2` and zeros, like [`Self::refresh`]), and returns the index after the last one refreshed, wrapping to 0
    /// at the end. Calling it with the returned index sweeps the grid over several frames,
    /// for networks too big to refresh every cell each frame.
    pub fn refresh_cells(
        &mut self,
        network: &Network,
        domain: Domain,
        features: &Features,
        first: usize,
        count: usize,
    ) -> usize {
        let expand = network.inputs() == features.count();
        self.domain = domain;
        let width = network.inputs();
        let ws = match &mut self.workspace {
            Some(ws) if ws.fits(network) && self.inputs.len() == CHUNK * width => ws,
            slot => {
                self.inputs = vec![0.0; CHUNK * width];
                slot.insert(Workspace::new(network, CHUNK))
            }
        };
        let n = self.resolution;
        let total = n * n;
        let first = first.min(total);
        let end = first.saturating_add(count).min(total);
        let mut start = first;
        while start < end {
            let rows = CHUNK.min(end - start);
            for (k, x) in self.inputs.chunks_exact_mut(width).take(rows).enumerate() {
                let cell = start + k;
                let (row, col) = (cell / n, cell % n);
                let x1 = domain.x_at((col as f64 + 0.5) / n as f64);
                let x2 = domain.y_at(1.0 - (row as f64 + 0.5) / n as f64);
                if expand {
                    features.expand(x1, x2, x);
                } else {
                    x[0] = x1;
                    if x.len() > 1 {
                        x[1] = x2;
                    }
                }
            }
            let out = ws.forward(network, &self.inputs, rows);
            self.values[start..start + rows].copy_from_slice(out);
            start += rows;
        }
        if end >= total { 0 } else { end }
    }
}

#[cfg(test)]
mod sweep_tests {
    use super::*;
    use crate::experiment::Experiment;

    #[test]
    fn a_sweep_in_parts_equals_a_full_refresh() {
        let mut trainer = Experiment::default().trainer().unwrap();
        trainer.run(30).unwrap();
        let domain = trainer.data().train.domain([]);
        let mut full = BoundaryGrid::new(30);
        full.refresh(trainer.network(), domain);
        let mut parts = BoundaryGrid::new(30);
        let mut next = 0;
        for _ in 0..4 {
            next = parts.refresh_cells(trainer.network(), domain, &Features::default(), next, 250);
        }
        assert_eq!(next, 0, "900 cells in four parts of 250 wrap to the start");
        assert_eq!(parts.values(), full.values());
    }
}
