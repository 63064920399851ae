//! Generators for the classic 2-D sets of TensorFlow Playground, written afresh, two more of
//! the kind (two moons, a checkerboard, points above or below a curve), and two multiclass sets
//! (three spirals, `K` Gaussian blobs) whose labels are class indices.
//!
//! Every generator places points in roughly `[-5, 5]²`, takes a point count and a noise level
//! (the standard deviation of Gaussian jitter, as a fraction of 2.5 units, so noise 1 blurs
//! points by half the set's radius) and draws everything from the given RNG.

use std::f64::consts::{PI, TAU};

use ndarray::{Array1, Array2};
use rand::{Rng, RngExt as _};

use super::{Curve, Dataset};
use crate::nn::standard_normal;

/// Jitter standard deviation per unit of noise.
const NOISE_SCALE: f64 = 2.5;
/// Half the side of the square the sets live in.
const RADIUS: f64 = 5.0;

fn build(points: Vec<([f64; 2], f64)>) -> Dataset {
    let n = points.len();
    let mut inputs = Array2::zeros((n, 2));
    let mut labels = Array1::zeros(n);
    for (i, ([x, y], label)) in points.into_iter().enumerate() {
        inputs[[i, 0]] = x;
        inputs[[i, 1]] = y;
        labels[i] = label;
    }
    Dataset::new(inputs, labels).expect("rows and labels have the same count by construction")
}

fn jitter(rng: &mut impl Rng, noise: f64) -> f64 {
    noise * NOISE_SCALE * standard_normal(rng)
}

/// Four noisy quadrants: points uniform in `[-5, 5]²` (kept 0.3 away from the axes), class 1
/// where the signs of `x1` and `x2` differ, as in XOR.
pub fn xor_clusters(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    let gap = 0.3;
    let coord = |rng: &mut _| {
        let v = rng_uniform(rng, gap, RADIUS);
        if rng_bool(rng) { v } else { -v }
    };
    build(
        (0..points)
            .map(|_| {
                let (x, y) = (coord(rng), coord(rng));
                let label = if (x < 0.0) != (y < 0.0) { 1.0 } else { 0.0 };
                ([x + jitter(rng, noise), y + jitter(rng, noise)], label)
            })
            .collect(),
    )
}

/// A disc of class 1 (radius up to 2.5) inside a ring of class 0 (radius 3.5 to 5).
pub fn circle(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    build(
        (0..points)
            .map(|i| {
                let inner = i % 2 == 0;
                let r = if inner {
                    rng_uniform(rng, 0.0, 0.5 * RADIUS)
                } else {
                    rng_uniform(rng, 0.7 * RADIUS, RADIUS)
                };
                let angle = rng_uniform(rng, 0.0, TAU);
                let (x, y) = (r * angle.cos(), r * angle.sin());
                (
                    [x + jitter(rng, noise), y + jitter(rng, noise)],
                    if inner { 1.0 } else { 0.0 },
                )
            })
            .collect(),
    )
}

/// Two round clouds: class 1 around `(2, 2)`, class 0 around `(-2, -2)`; their spread grows
/// with the noise (standard deviation `0.5 + 2.5 × noise`).
pub fn gaussians(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    let spread = 0.5 + NOISE_SCALE * noise;
    build(
        (0..points)
            .map(|i| {
                let (centre, label) = if i % 2 == 0 { (2.0, 1.0) } else { (-2.0, 0.0) };
                (
                    [
                        centre + spread * standard_normal(rng),
                        centre + spread * standard_normal(rng),
                    ],
                    label,
                )
            })
            .collect(),
    )
}

/// Two interleaved spiral arms, each turning 1.75 times from the centre out to radius 5;
/// class 1 on one arm, class 0 on the other.
pub fn spiral(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    let per_arm = points.div_ceil(2).max(1);
    build(
        (0..points)
            .map(|i| {
                let arm = i % 2;
                let t = (i / 2) as f64 / per_arm as f64;
                let r = t * RADIUS;
                let angle = 1.75 * TAU * t + PI * arm as f64;
                (
                    [
                        r * angle.sin() + jitter(rng, noise),
                        r * angle.cos() + jitter(rng, noise),
                    ],
                    if arm == 0 { 1.0 } else { 0.0 },
                )
            })
            .collect(),
    )
}

/// Three interleaved spiral arms, like [`spiral`] but a third of a turn apart; the label is
/// the arm, 0, 1 or 2.
pub fn three_spirals(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    let per_arm = points.div_ceil(3).max(1);
    build(
        (0..points)
            .map(|i| {
                let arm = i % 3;
                let t = (i / 3) as f64 / per_arm as f64;
                let r = t * RADIUS;
                let angle = 1.75 * TAU * t + TAU * arm as f64 / 3.0;
                (
                    [
                        r * angle.sin() + jitter(rng, noise),
                        r * angle.cos() + jitter(rng, noise),
                    ],
                    arm as f64,
                )
            })
            .collect(),
    )
}

/// Two interleaved half moons: class 1 on the upper arc (radius 2.5 round `(-1.25, -0.625)`),
/// class 0 on the lower one, turned upside down and shifted right by its radius, as in
/// scikit-learn's `make_moons`. Points go to the moons in turn.
pub fn moons(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    let r = 0.5 * RADIUS;
    build(
        (0..points)
            .map(|i| {
                let upper = i % 2 == 0;
                let t = rng_uniform(rng, 0.0, PI);
                let (x, y) = if upper {
                    (r * t.cos() - 0.5 * r, r * t.sin() - 0.25 * r)
                } else {
                    (0.5 * r - r * t.cos(), 0.25 * r - r * t.sin())
                };
                (
                    [x + jitter(rng, noise), y + jitter(rng, noise)],
                    if upper { 1.0 } else { 0.0 },
                )
            })
            .collect(),
    )
}

/// Side of one checkerboard square: four squares to a side of `[-5, 5]`.
const SQUARE: f64 = 2.5;

/// A 4×4 checkerboard over `[-5, 5]²`: points uniform in the square, class 1 on the squares
/// whose row and column have the same parity (the one at the bottom left among them), then
/// jittered by the noise.
pub fn checkerboard(points: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    build(
        (0..points)
            .map(|_| {
                let (x, y) = (
                    rng_uniform(rng, -RADIUS, RADIUS),
                    rng_uniform(rng, -RADIUS, RADIUS),
                );
                let (column, row) = (square_of(x), square_of(y));
                let label = if (column + row) % 2 == 0 { 1.0 } else { 0.0 };
                ([x + jitter(rng, noise), y + jitter(rng, noise)], label)
            })
            .collect(),
    )
}

/// The checkerboard column (or row) of a coordinate in `[-5, 5]`, 0 to 3.
fn square_of(v: f64) -> usize {
    (((v + RADIUS) / SQUARE).floor() as usize).min(3)
}

/// Points uniform in `[-5, 5]²`, class 1 above the curve `x2 = f(x1)` and class 0 below it,
/// then jittered by the noise.
pub fn above_curve(points: usize, curve: Curve, noise: f64, rng: &mut impl Rng) -> Dataset {
    build(
        (0..points)
            .map(|_| {
                let (x, y) = (
                    rng_uniform(rng, -RADIUS, RADIUS),
                    rng_uniform(rng, -RADIUS, RADIUS),
                );
                let label = if y > curve.at(x) { 1.0 } else { 0.0 };
                ([x + jitter(rng, noise), y + jitter(rng, noise)], label)
            })
            .collect(),
    )
}

/// Distance of each blob's centre from the origin.
const BLOB_RING: f64 = 3.5;

/// `classes` round clouds with centres evenly spaced on a circle of radius 3.5 (class 0 at the
/// top, then anticlockwise); the label is the cloud's index. Their spread grows with the noise
/// as in [`gaussians`] (standard deviation `0.5 + 2.5 × noise`). Points go to the classes in
/// turn, so the counts differ by at most one.
pub fn blobs(points: usize, classes: usize, noise: f64, rng: &mut impl Rng) -> Dataset {
    let classes = classes.max(1);
    let spread = 0.5 + NOISE_SCALE * noise;
    build(
        (0..points)
            .map(|i| {
                let class = i % classes;
                let angle = PI / 2.0 + TAU * class as f64 / classes as f64;
                let (cx, cy) = (BLOB_RING * angle.cos(), BLOB_RING * angle.sin());
                (
                    [
                        cx + spread * standard_normal(rng),
                        cy + spread * standard_normal(rng),
                    ],
                    class as f64,
                )
            })
            .collect(),
    )
}

fn rng_uniform(rng: &mut impl Rng, low: f64, high: f64) -> f64 {
    low + (high - low) * rng.random::<f64>()
}

fn rng_bool(rng: &mut impl Rng) -> bool {
    rng.random::<bool>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{SeedableRng as _, rngs::StdRng};

    #[test]
    fn noiseless_sets_are_labelled_by_their_rule() {
        let mut rng = StdRng::seed_from_u64(1);
        let xor = xor_clusters(200, 0.0, &mut rng);
        for (row, &label) in xor.inputs().rows().into_iter().zip(xor.labels()) {
            assert_eq!(label == 1.0, row[0] * row[1] < 0.0);
        }
        let disc = circle(200, 0.0, &mut rng);
        for (row, &label) in disc.inputs().rows().into_iter().zip(disc.labels()) {
            let r = row[0].hypot(row[1]);
            assert_eq!(label == 1.0, r <= 2.5, "radius {r}");
        }
    }

    #[test]
    fn classes_are_balanced_and_counts_exact() {
        let mut rng = StdRng::seed_from_u64(2);
        for set in [
            circle(101, 0.1, &mut rng),
            gaussians(101, 0.1, &mut rng),
            spiral(101, 0.1, &mut rng),
        ] {
            assert_eq!(set.len(), 101);
            let ones = set.labels().iter().filter(|&&y| y == 1.0).count();
            assert_eq!(ones, 51);
        }
    }

    #[test]
    fn multiclass_sets_use_every_class_evenly() {
        let mut rng = StdRng::seed_from_u64(3);
        let spirals = three_spirals(100, 0.1, &mut rng);
        assert_eq!(spirals.classes(), 3);
        for k in 0..3 {
            let count = spirals.labels().iter().filter(|&&y| y == k as f64).count();
            assert_eq!(count, if k == 0 { 34 } else { 33 });
        }
        for classes in 3..=6 {
            let set = blobs(60, classes, 0.0, &mut rng);
            assert_eq!(set.classes(), classes);
            // Noiseless-ish blobs sit near their own centre, closer to it than to any other.
            for (row, &label) in set.inputs().rows().into_iter().zip(set.labels()) {
                let angle = PI / 2.0 + TAU * label / classes as f64;
                let d = (row[0] - BLOB_RING * angle.cos()).hypot(row[1] - BLOB_RING * angle.sin());
                assert!(d < 2.5, "class {label} point {d} from its centre");
            }
        }
    }

    #[test]
    fn new_two_class_sets_follow_their_rules_without_noise() {
        let mut rng = StdRng::seed_from_u64(4);
        let board = checkerboard(400, 0.0, &mut rng);
        for (row, &label) in board.inputs().rows().into_iter().zip(board.labels()) {
            let (c, r) = ((row[0] + 5.0) / 2.5, (row[1] + 5.0) / 2.5);
            let same = (c.floor() as i64 + r.floor() as i64) % 2 == 0;
            assert_eq!(label == 1.0, same, "({}, {})", row[0], row[1]);
            assert!(row[0].abs() <= 5.0 && row[1].abs() <= 5.0);
        }
        let ones = board.labels().iter().filter(|&&y| y == 1.0).count();
        assert!((150..250).contains(&ones), "about half: {ones}");
        for curve in Curve::ALL {
            let set = above_curve(300, curve, 0.0, &mut rng);
            for (row, &label) in set.inputs().rows().into_iter().zip(set.labels()) {
                assert_eq!(label == 1.0, row[1] > curve.at(row[0]), "{curve:?}");
            }
            let ones = set.labels().iter().filter(|&&y| y == 1.0).count();
            assert!((60..240).contains(&ones), "{curve:?}: {ones} above");
        }
        let moons = moons(101, 0.0, &mut rng);
        assert_eq!(moons.labels().iter().filter(|&&y| y == 1.0).count(), 51);
        for (row, &label) in moons.inputs().rows().into_iter().zip(moons.labels()) {
            // Each point lies on its own moon's circle, radius 2.5.
            let centre = if label == 1.0 {
                (-1.25, -0.625)
            } else {
                (1.25, 0.625)
            };
            let r = (row[0] - centre.0).hypot(row[1] - centre.1);
            assert!((r - 2.5).abs() < 1e-9, "{r}");
            // The upper moon is the upper half of its circle, the lower one the lower half.
            let side = if label == 1.0 { 1.0 } else { -1.0 };
            assert!(
                side * (row[1] - centre.1) >= -1e-12,
                "({}, {})",
                row[0],
                row[1]
            );
        }
    }

    #[test]
    fn same_seed_same_points() {
        let a = spiral(50, 0.2, &mut StdRng::seed_from_u64(9));
        let b = spiral(50, 0.2, &mut StdRng::seed_from_u64(9));
        let c = spiral(50, 0.2, &mut StdRng::seed_from_u64(10));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
