//! The network's output over a grid covering the data: the decision-boundary picture.

use crate::{
    data::{Domain, Features},
    nn::{Network, Workspace, argmax},
    view::spread::{OneLane, Spread},
};

/// Grid points per forward pass.
const CHUNK: usize = 512;

/// The least work (cells times network parameters) worth a lane of its own: about a
/// millisecond. Less is done on the caller's thread, where a thread's start costs more than
/// it saves (the tutorial's whole grid is a third of this), and a second busy core would only
/// slow the window's thread beside it.
const LANE_WORK: usize = 2_000_000;

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
/// use nn_playground::{view::boundary::BoundaryGrid, experiment::Experiment};
/// let trainer = Experiment::default().trainer().unwrap();
/// let mut grid = BoundaryGrid::new(50);
/// let domain = trainer.data().train.domain([]);
/// grid.refresh(trainer.network(), domain, &Default::default());
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
    /// One per lane of the last refresh, sized for the last network.
    scratch: Vec<Scratch>,
}

/// What one lane of a refresh works in: its inputs and its forward pass's buffers.
#[derive(Clone, Debug)]
struct Scratch {
    inputs: Vec<f64>,
    workspace: Workspace,
}

/// Consecutive cells of the grid a lane refreshes, from cell `first`: their values and (for
/// a multiclass network) their probabilities, and that lane's scratch.
struct Part<'a> {
    first: usize,
    values: &'a mut [f64],
    probabilities: &'a mut [f64],
    scratch: &'a mut Scratch,
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
            scratch: Vec::new(),
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

    /// Recomputes every cell for `network` over `domain`: [`Self::refresh_cells`] over the
    /// whole grid. Allocates only when the network's shape changed since the last call.
    pub fn refresh(&mut self, network: &Network, domain: Domain, features: &Features) {
        let total = self.values.len();
        self.refresh_cells(network, domain, features, 0, total, &OneLane);
    }

    /// Recomputes only the cells `first..first + count` (cell `row * resolution + col`,
    /// clamped to the grid) and returns the index after the last one refreshed, wrapping to 0
    /// at the end. The cells are cut into one run of consecutive cells per lane of `spread`
    /// (runs of at least a chunk of 512 cells and about a millisecond of work), which may
    /// refresh them side by side; the numbers are the same for any spread, each cell computed
    /// on its own.
    ///
    /// Each cell's point is fed as [`fill_cell_inputs`] lays it out. This is the grid's only
    /// refresh path: a two-class and a multiclass output, a full and a partial refresh, one
    /// lane and several all come through here.
    pub fn refresh_cells(
        &mut self,
        network: &Network,
        domain: Domain,
        features: &Features,
        first: usize,
        count: usize,
        spread: &dyn Spread,
    ) -> usize {
        self.domain = domain;
        let (n, total) = (self.resolution, self.values.len());
        let first = first.min(total);
        let end = first.saturating_add(count).min(total);
        let cells = end - first;
        let work = cells.saturating_mul(network.parameter_count());
        let lanes = spread
            .lanes()
            .clamp(1, (cells / CHUNK).min(work / LANE_WORK).max(1));
        self.fit(network, lanes);
        let k = self.outputs;
        let values = &mut self.values[first..end];
        let probabilities = if k > 1 {
            &mut self.probabilities[first * k..end * k]
        } else {
            &mut []
        };
        let fill = |part: Part<'_>| part.fill(network, domain, features, n, k);
        if lanes == 1 {
            if let Some(scratch) = self.scratch.first_mut() {
                fill(Part {
                    first,
                    values,
                    probabilities,
                    scratch,
                });
            }
        } else {
            let per_lane = cells.div_ceil(lanes);
            let mut probabilities = probabilities;
            let mut jobs = Vec::with_capacity(lanes);
            for (lane, (values, scratch)) in values
                .chunks_mut(per_lane)
                .zip(&mut self.scratch)
                .enumerate()
            {
                let own = if k > 1 { values.len() * k } else { 0 };
                let (mine, rest) = std::mem::take(&mut probabilities).split_at_mut(own);
                probabilities = rest;
                let mut part = Some(Part {
                    first: first + lane * per_lane,
                    values,
                    probabilities: mine,
                    scratch,
                });
                jobs.push(move || {
                    // A spread runs each job once: the part moves out on that call.
                    if let Some(part) = part.take() {
                        fill(part);
                    }
                });
            }
            let mut jobs: Vec<&mut (dyn FnMut() + Send)> = jobs
                .iter_mut()
                .map(|job| job as &mut (dyn FnMut() + Send))
                .collect();
            spread.run(&mut jobs);
        }
        if end >= total { 0 } else { end }
    }

    /// Fills every cell from `coarse`, a grid of fewer cells over the same region, by
    /// bilinear interpolation between the centres of its cells (each class's probability
    /// in turn for a multiclass grid, the winning one then taken as the value). A big
    /// network's boundary computed on a coarse grid is so drawn as smoothly, and its 0.5
    /// contour as thinly, as a full one.
    pub fn interpolate_from(&mut self, coarse: &BoundaryGrid) {
        self.domain = coarse.domain;
        let k = coarse.outputs;
        self.set_outputs(k);
        let (n, c) = (self.resolution, coarse.resolution);
        // Where the centre of fine cell `i` falls among the coarse centres: the two
        // neighbours and the weight of the second.
        let between = |i: usize| {
            let at = ((i as f64 + 0.5) * c as f64 / n as f64 - 0.5).clamp(0.0, (c - 1) as f64);
            let low = at.floor() as usize;
            (low, (low + 1).min(c - 1), at - low as f64)
        };
        let source = coarse.probabilities();
        let channels = k.max(1);
        for row in 0..n {
            let (r0, r1, tr) = between(row);
            for col in 0..n {
                let (c0, c1, tc) = between(col);
                let corner = |r: usize, cc: usize, ch: usize| source[(r * c + cc) * channels + ch];
                let cell = row * n + col;
                let mut best: f64 = 0.0;
                for ch in 0..channels {
                    let top = corner(r0, c0, ch) * (1.0 - tc) + corner(r0, c1, ch) * tc;
                    let bottom = corner(r1, c0, ch) * (1.0 - tc) + corner(r1, c1, ch) * tc;
                    let p = top * (1.0 - tr) + bottom * tr;
                    if k > 1 {
                        self.probabilities[cell * k + ch] = p;
                    }
                    best = best.max(p);
                }
                self.values[cell] = best;
            }
        }
    }

    /// Sizes the probabilities for `k` outputs (none kept for one) when the last grid had
    /// another number, each class at chance until computed.
    fn set_outputs(&mut self, k: usize) {
        if self.outputs == k {
            return;
        }
        self.outputs = k;
        self.probabilities = if k > 1 {
            vec![1.0 / k as f64; self.values.len() * k]
        } else {
            Vec::new()
        };
    }

    /// Sizes the buffers for `network` and `lanes` lanes when either differs from the last
    /// refresh's.
    fn fit(&mut self, network: &Network, lanes: usize) {
        let width = network.inputs();
        let fits = |s: &Scratch| s.workspace.fits(network) && s.inputs.len() == CHUNK * width;
        self.set_outputs(network.outputs());
        if !self.scratch.iter().all(fits) {
            self.scratch.clear();
        }
        while self.scratch.len() < lanes {
            self.scratch.push(Scratch {
                inputs: vec![0.0; CHUNK * width],
                workspace: Workspace::new(network, CHUNK),
            });
        }
    }
}

impl Part<'_> {
    /// Computes this part's cells, a chunk at a time.
    fn fill(self, network: &Network, domain: Domain, features: &Features, n: usize, k: usize) {
        let width = network.inputs();
        let Scratch { inputs, workspace } = self.scratch;
        let values = self.values.chunks_mut(CHUNK);
        for (c, values) in values.enumerate() {
            let rows = values.len();
            let start = c * CHUNK;
            let inputs = &mut inputs[..rows * width];
            fill_cell_inputs(domain, n, features, width, self.first + start, inputs);
            let out = workspace.forward(network, inputs, rows);
            if k > 1 {
                self.probabilities[start * k..(start + rows) * k].copy_from_slice(out);
                for (v, p) in values.iter_mut().zip(out.chunks_exact(k)) {
                    *v = p.iter().copied().fold(0.0, f64::max);
                }
            } else {
                values.copy_from_slice(out);
            }
        }
    }
}

/// Writes the network inputs of consecutive cells of an `n × n` grid over `domain`, starting
/// at cell `first` (`row * n + col`, row 0 the top), `width` numbers per cell, for as many
/// cells as `inputs` holds.
///
/// Each cell's point is its centre `(x1, x2)`, expanded to `features` when the network takes
/// that many inputs (`width == features.count()`); otherwise (a network from a file that
/// takes fewer or more) it sees `x1, x2` and zeros. The boundary grid and the neuron maps both
/// lay out their inputs here, so the two pictures always agree.
pub fn fill_cell_inputs(
    domain: Domain,
    n: usize,
    features: &Features,
    width: usize,
    first: usize,
    inputs: &mut [f64],
) {
    let expand = width == features.count();
    let side = n.max(1) as f64;
    for (offset, x) in inputs.chunks_exact_mut(width.max(1)).enumerate() {
        let cell = first + offset;
        let (row, col) = (cell / n.max(1), cell % n.max(1));
        let x1 = domain.x_at((col as f64 + 0.5) / side);
        let x2 = domain.y_at(1.0 - (row as f64 + 0.5) / side);
        if expand && !features.is_plain() {
            features.expand(x1, x2, x);
        } else if expand {
            // Only x1, x2: skip computing the extras (two sines a cell) to throw them away.
            x[0] = x1;
            x[1] = x2;
        } else {
            x.fill(0.0);
            for (slot, value) in x.iter_mut().zip([x1, x2]) {
                *slot = value;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{data::DatasetKind, experiment::Experiment, nn::Loss};
    use std::sync::atomic::Ordering::Relaxed;

    /// A trained run of the default experiment, or of four blobs (softmax), with or without
    /// extra input features.
    fn trained(softmax: bool, features: bool) -> (crate::train::Trainer, Features) {
        trained_as(softmax, features, None)
    }

    /// [`trained`], with these hidden layers instead of the tutorial's when given.
    fn trained_as(
        softmax: bool,
        features: bool,
        hidden: Option<&[usize]>,
    ) -> (crate::train::Trainer, Features) {
        let mut experiment = Experiment::default();
        if let Some(hidden) = hidden {
            experiment.network.hidden = hidden.to_vec();
        }
        if softmax {
            experiment.data.kind = DatasetKind::Blobs { classes: 4 };
            experiment.network.classes = 4;
            experiment.training.loss = Loss::CrossEntropy;
        }
        if features {
            experiment.data.features.x1_squared = true;
            experiment.data.features.sin_x2 = true;
        }
        let mut trainer = experiment.trainer().unwrap();
        trainer.run(30).unwrap();
        (trainer, experiment.data.features)
    }

    /// What the network says at each cell's centre, asked one cell at a time: `K`
    /// probabilities per cell (1 for a sigmoid output).
    fn reference(grid: &BoundaryGrid, network: &Network, features: &Features) -> Vec<f64> {
        let n = grid.resolution();
        let mut out = Vec::new();
        for cell in 0..n * n {
            let [x1, x2] = grid.cell_centre(cell / n, cell % n);
            let mut x = vec![0.0; features.count()];
            features.expand(x1, x2, &mut x);
            let x = ndarray::Array2::from_shape_vec((1, x.len()), x).unwrap();
            out.extend(network.predict(&x));
        }
        out
    }

    #[test]
    fn full_and_partial_refreshes_match_the_network_for_every_output_and_features() {
        for softmax in [false, true] {
            for with_features in [false, true] {
                let case = format!("softmax {softmax}, features {with_features}");
                let (trainer, features) = trained(softmax, with_features);
                let network = trainer.network();
                let domain = trainer.data().train.domain([&trainer.data().test]);
                // 37² = 1369 cells: more than two chunks, and parts that end mid-chunk.
                let mut full = BoundaryGrid::new(37);
                full.refresh(network, domain, &features);
                let expected = reference(&full, network, &features);
                assert_eq!(full.probabilities().len(), expected.len(), "{case}");
                for (a, b) in full.probabilities().iter().zip(&expected) {
                    assert!((a - b).abs() < 1e-12, "{case}: {a} vs {b}");
                }
                let mut parts = BoundaryGrid::new(37);
                let mut next = 0;
                for _ in 0..3 {
                    next = parts.refresh_cells(network, domain, &features, next, 500, &OneLane);
                }
                assert_eq!(
                    next, 0,
                    "{case}: 1369 cells in parts of 500 wrap to the start"
                );
                assert_eq!(parts.values(), full.values(), "{case}");
                assert_eq!(parts.probabilities(), full.probabilities(), "{case}");
                assert_eq!(parts.classes(), network.classes(), "{case}");
            }
        }
    }

    /// Lanes that run their jobs last first, as threads might finish them, counting the jobs
    /// of their last call.
    #[derive(Debug)]
    struct Backwards(usize, std::sync::atomic::AtomicUsize);

    impl Spread for Backwards {
        fn lanes(&self) -> usize {
            self.0
        }

        fn run(&self, jobs: &mut [&mut (dyn FnMut() + Send)]) {
            assert!(
                jobs.len() <= self.0,
                "{} jobs, {} lanes",
                jobs.len(),
                self.0
            );
            self.1
                .store(jobs.len(), std::sync::atomic::Ordering::Relaxed);
            jobs.iter_mut().rev().for_each(|job| job());
        }
    }

    #[test]
    fn any_number_of_lanes_gives_the_same_cells() {
        for softmax in [false, true] {
            // Two layers of 64: enough work for three lanes on 2025 cells.
            let (trainer, features) = trained_as(softmax, true, Some(&[64, 64]));
            let network = trainer.network();
            let domain = trainer.data().train.domain([]);
            // 45² = 2025 cells: three lanes of 675, each ending mid-chunk.
            let mut one = BoundaryGrid::new(45);
            one.refresh(network, domain, &features);
            for (lanes, jobs, part_jobs) in [(2, 2, 2), (3, 3, 2), (7, 3, 2)] {
                let spread = Backwards(lanes, 0.into());
                let case = format!("{lanes} lanes, softmax {softmax}");
                let mut many = BoundaryGrid::new(45);
                let next = many.refresh_cells(network, domain, &features, 0, 2025, &spread);
                assert_eq!((next, spread.1.load(Relaxed)), (0, jobs), "{case}");
                assert_eq!(many.values(), one.values(), "{case}");
                assert_eq!(many.probabilities(), one.probabilities(), "{case}");
                // A part of the grid, in lanes, refreshes that part alone.
                let mut part = BoundaryGrid::new(45);
                let next = part.refresh_cells(network, domain, &features, 300, 1200, &spread);
                assert_eq!((next, spread.1.load(Relaxed)), (1500, part_jobs), "{case}");
                assert_eq!(part.values()[300..1500], one.values()[300..1500]);
                let untouched = part.values()[..300].iter().chain(&part.values()[1500..]);
                assert!(untouched.into_iter().all(|&v| v == 0.5), "{case}");
            }
            // Too little work for a second lane: the tutorial's network stays on one.
            let (small, _) = trained(softmax, true);
            let spread = Backwards(7, 0.into());
            let mut grid = BoundaryGrid::new(45);
            grid.refresh_cells(small.network(), domain, &features, 0, 2025, &spread);
            assert_eq!(spread.1.load(Relaxed), 0, "not lent a lane: {softmax}");
        }
    }

    #[test]
    fn a_fine_grid_interpolates_a_coarse_one_between_its_cell_centres() {
        for softmax in [false, true] {
            let (trainer, features) = trained(softmax, true);
            let network = trainer.network();
            let domain = trainer.data().train.domain([]);
            let mut coarse = BoundaryGrid::new(2);
            coarse.refresh(network, domain, &features);
            let mut fine = BoundaryGrid::new(8);
            fine.interpolate_from(&coarse);
            assert_eq!((fine.domain(), fine.classes()), (domain, coarse.classes()));
            let k = coarse.classes();
            let channels = if softmax { k } else { 1 };
            let p = |grid: &BoundaryGrid, cell: usize| {
                grid.probabilities()[cell * channels..(cell + 1) * channels].to_vec()
            };
            // Corners beyond the outer centres take the corner cell as it is.
            assert_eq!(p(&fine, 0), p(&coarse, 0), "softmax {softmax}");
            assert_eq!(p(&fine, 63), p(&coarse, 3));
            // Fine cell (4, 4) sits at coarse (0.625, 0.625), counted from the first
            // centre: 62.5% of the way to the second in each direction.
            let t = 0.625;
            for ch in 0..channels {
                let corner = |cell: usize| p(&coarse, cell)[ch];
                let top = corner(0) * (1.0 - t) + corner(1) * t;
                let bottom = corner(2) * (1.0 - t) + corner(3) * t;
                let expected = top * (1.0 - t) + bottom * t;
                assert!(
                    (p(&fine, 4 * 8 + 4)[ch] - expected).abs() < 1e-15,
                    "{softmax} {ch}"
                );
            }
            let winner = p(&fine, 36).iter().copied().fold(0.0, f64::max);
            assert_eq!(fine.values()[36], winner);
        }
    }

    #[test]
    fn a_part_refreshes_only_its_cells_and_a_new_shape_resizes_the_grid() {
        let (softmax, features) = trained(true, true);
        let domain = softmax.data().train.domain([]);
        let mut grid = BoundaryGrid::new(10);
        assert_eq!(
            grid.refresh_cells(softmax.network(), domain, &features, 95, 50, &OneLane),
            0
        );
        let chance = 1.0 / 4.0;
        assert!(grid.probabilities()[..95 * 4].iter().all(|&p| p == chance));
        assert!(grid.probabilities()[95 * 4..].iter().all(|&p| p != chance));
        assert_eq!(
            grid.refresh_cells(softmax.network(), domain, &features, 7, 3, &OneLane),
            10
        );
        let (sigmoid, plain) = trained(false, false);
        grid.refresh(sigmoid.network(), domain, &plain);
        assert_eq!(grid.classes(), 2);
        assert_eq!(grid.probabilities(), grid.values());
    }

    #[test]
    fn a_network_taking_other_inputs_than_the_features_sees_x1_x2_and_zeros() {
        let (trainer, _) = trained(false, true);
        let network = trainer.network();
        let domain = trainer.data().train.domain([]);
        let mut grid = BoundaryGrid::new(3);
        grid.refresh(network, domain, &Features::default());
        let [x1, x2] = grid.cell_centre(0, 2);
        let expected = network.predict_one(&[x1, x2, 0.0, 0.0]);
        assert!((grid.values()[2] - expected).abs() < 1e-12);
    }
}
