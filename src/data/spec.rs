//! A serialisable description of a dataset: which one, how many points, how noisy, how split.

use std::path::PathBuf;

use rand::{SeedableRng as _, rngs::StdRng};
use serde::{Deserialize, Serialize};

use super::{Curve, DataError, Dataset, Features, MAX_COORDINATE, PointSet, generate, read_csv};
use crate::nn::MAX_CLASSES;

/// Which points to train on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatasetKind {
    /// The tutorial's four XOR points (no noise, no test split).
    #[default]
    Xor,
    /// Noisy XOR quadrants.
    XorClusters,
    /// A disc inside a ring.
    Circle,
    /// Two Gaussian clouds.
    Gaussians,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two interleaved half moons.
    Moons,
    /// A 4×4 checkerboard.
    Checkerboard,
    /// Points above (class 1) or below (class 0) a curve `x2 = f(x1)`.
    AboveCurve {
        /// The curve.
        curve: Curve,
    },
    /// Three interleaved spiral arms: three classes.
    ThreeSpirals,
    /// `classes` Gaussian clouds on a circle, 3 to [`MAX_CLASSES`] classes.
    Blobs {
        /// How many clouds (and classes).
        classes: usize,
    },
    /// Points read from a CSV file of `x1,x2,label`.
    Csv {
        /// The file.
        path: PathBuf,
    },
    /// Points held inline: painted on the boundary view. Each point keeps the set it was in
    /// (points taken from a split dataset keep their split; painted points train), so adding
    /// a point never moves another between the sets.
    Points {
        /// The points.
        points: PointSet,
    },
}

impl DatasetKind {
    /// The generated multiclass kinds, in the order a UI would list them.
    pub const MULTICLASS: [Self; 5] = [
        Self::ThreeSpirals,
        Self::Blobs { classes: 3 },
        Self::Blobs { classes: 4 },
        Self::Blobs { classes: 5 },
        Self::Blobs { classes: 6 },
    ];

    /// The generated two-class kinds, in the order the UI lists them.
    pub const GENERATED: [Self; 11] = [
        Self::Xor,
        Self::XorClusters,
        Self::Circle,
        Self::Gaussians,
        Self::Spiral,
        Self::Moons,
        Self::Checkerboard,
        Self::AboveCurve { curve: Curve::Sin },
        Self::AboveCurve {
            curve: Curve::Cubic,
        },
        Self::AboveCurve { curve: Curve::Abs },
        Self::AboveCurve { curve: Curve::Step },
    ];

    /// Every kind that has a name of its own (all but files and painted points), in the order
    /// the UI lists them: what [`Self::from_name`] recognises.
    pub fn named() -> impl Iterator<Item = Self> {
        Self::GENERATED.into_iter().chain(Self::MULTICLASS)
    }

    /// The name used on the command line (a CSV is named by its path).
    pub fn name(&self) -> String {
        match self {
            Self::Xor => "xor".into(),
            Self::XorClusters => "xor-clusters".into(),
            Self::Circle => "circle".into(),
            Self::Gaussians => "gaussians".into(),
            Self::Spiral => "spiral".into(),
            Self::Moons => "moons".into(),
            Self::Checkerboard => "checkerboard".into(),
            Self::AboveCurve { curve } => format!("{CURVE_PREFIX}{}", curve.name()),
            Self::ThreeSpirals => "three-spirals".into(),
            Self::Blobs { classes } => format!("blobs-{classes}"),
            Self::Csv { path } => path.display().to_string(),
            Self::Points { points } => Self::points_name(points.len()),
        }
    }

    /// The name of `count` hand-made points, as the dataset list shows them.
    pub fn points_name(count: usize) -> String {
        format!("your points ({count})")
    }

    /// Parses a name as written by [`Self::name`] (also `three-gaussians` for `blobs-3`);
    /// anything ending in `.csv` is a file.
    pub fn from_name(name: &str) -> Option<Self> {
        if name.to_ascii_lowercase().ends_with(".csv") {
            return Some(Self::Csv { path: name.into() });
        }
        let name = name.replace('_', "-");
        if name == "three-gaussians" {
            return Some(Self::Blobs { classes: 3 });
        }
        Self::named().find(|k| k.name() == name)
    }

    /// The classes this kind's points fall in, when known without reading a file: 2 for the
    /// two-class sets, 3 for three spirals, `classes` for blobs, what the labels call for in
    /// painted points; `None` for a CSV file (see [`Dataset::classes`]).
    pub fn classes(&self) -> Option<usize> {
        match self {
            Self::ThreeSpirals => Some(3),
            Self::Blobs { classes } => Some(*classes),
            Self::Points { points } => Some(points.classes()),
            Self::Csv { .. } => None,
            Self::Xor
            | Self::XorClusters
            | Self::Circle
            | Self::Gaussians
            | Self::Spiral
            | Self::Moons
            | Self::Checkerboard
            | Self::AboveCurve { .. } => Some(2),
        }
    }

    /// Whether point count and noise apply (they do not to XOR's four points or a file).
    pub fn is_generated(&self) -> bool {
        !matches!(self, Self::Xor | Self::Csv { .. } | Self::Points { .. })
    }
}

/// What the names of the [`DatasetKind::AboveCurve`] sets start with: `curve-sin`, ….
const CURVE_PREFIX: &str = "curve-";

/// A dataset and how to split it. The same spec always gives the same points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataSpec {
    /// Which points.
    pub kind: DatasetKind,
    /// How many points a generator draws.
    pub points: usize,
    /// Jitter of generated points, 0 to 1.
    pub noise: f64,
    /// Share of points held out for testing, 0 to 0.9 (XOR's four points are never split).
    pub test_ratio: f64,
    /// Seed of the generator and the split.
    pub seed: u64,
    /// Extra input features computed from `x1, x2`.
    pub features: Features,
}

/// The most points a generator may draw.
pub const MAX_POINTS: usize = 100_000;

impl Default for DataSpec {
    fn default() -> Self {
        Self {
            kind: DatasetKind::Xor,
            points: 200,
            noise: 0.1,
            test_ratio: 0.5,
            seed: 0,
            features: Features::default(),
        }
    }
}

/// A training set and a test set (which may be empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Points the network learns from.
    pub train: Dataset,
    /// Points held out to measure generalisation.
    pub test: Dataset,
}

impl Split {
    /// The classes the labels of both sets call for (see [`Dataset::classes`]).
    pub fn classes(&self) -> usize {
        self.train.classes().max(self.test.classes())
    }
}

impl DataSpec {
    /// Checks point count, noise, split ratio, the number of blobs, and that inline points
    /// are finite with labels below [`MAX_CLASSES`].
    pub fn check(&self) -> Result<(), DataError> {
        self.features.check()?;
        if let DatasetKind::Points { points } = &self.kind {
            check_points(points)?;
        }
        if let DatasetKind::Blobs { classes } = self.kind
            && !(3..=MAX_CLASSES).contains(&classes)
        {
            return Err(DataError::BadParameter {
                name: "blobs",
                expected: "3 to 6",
                found: classes.to_string(),
            });
        }
        if !(1..=MAX_POINTS).contains(&self.points) {
            return Err(DataError::BadParameter {
                name: "points",
                expected: "1 to 100000",
                found: self.points.to_string(),
            });
        }
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(DataError::BadParameter {
                name: "noise",
                expected: "between 0 and 1",
                found: self.noise.to_string(),
            });
        }
        if !(0.0..=0.9).contains(&self.test_ratio) {
            return Err(DataError::BadParameter {
                name: "test ratio",
                expected: "between 0 and 0.9",
                found: self.test_ratio.to_string(),
            });
        }
        Ok(())
    }

    /// Generates (or reads) the points, splits them and computes the input features.
    pub fn build(&self) -> Result<Split, DataError> {
        let split = self.build_plane()?;
        Ok(Split {
            train: self.features.apply(&split.train),
            test: self.features.apply(&split.test),
        })
    }

    /// The points in the plane (`x1, x2` only), split.
    fn build_plane(&self) -> Result<Split, DataError> {
        self.check()?;
        let mut rng = StdRng::seed_from_u64(self.seed);
        let (n, noise) = (self.points, self.noise);
        let all = match &self.kind {
            DatasetKind::Xor => {
                let train = Dataset::xor();
                let test = Dataset::empty(train.features());
                return Ok(Split { train, test });
            }
            DatasetKind::XorClusters => generate::xor_clusters(n, noise, &mut rng),
            DatasetKind::Circle => generate::circle(n, noise, &mut rng),
            DatasetKind::Gaussians => generate::gaussians(n, noise, &mut rng),
            DatasetKind::Spiral => generate::spiral(n, noise, &mut rng),
            DatasetKind::Moons => generate::moons(n, noise, &mut rng),
            DatasetKind::Checkerboard => generate::checkerboard(n, noise, &mut rng),
            DatasetKind::AboveCurve { curve } => generate::above_curve(n, *curve, noise, &mut rng),
            DatasetKind::ThreeSpirals => generate::three_spirals(n, noise, &mut rng),
            DatasetKind::Blobs { classes } => generate::blobs(n, *classes, noise, &mut rng),
            DatasetKind::Csv { path } => read_csv(path)?,
            DatasetKind::Points { points } => {
                let split = points.to_split();
                if split.train.is_empty() {
                    return Err(DataError::NoPoints);
                }
                return Ok(split);
            }
        };
        let (train, test) = all.split(self.test_ratio, &mut rng);
        Ok(Split { train, test })
    }
}

/// Inline points come from files as well as clicks: each must be finite and of a class the
/// network can have.
fn check_points(points: &PointSet) -> Result<(), DataError> {
    for p in points.points() {
        // Bounded, not only finite: at 1e308 the view's scale and the network overflow.
        if !(p.x1.abs() <= MAX_COORDINATE && p.x2.abs() <= MAX_COORDINATE) {
            return Err(DataError::BadParameter {
                name: "point coordinates",
                expected: "finite and within ±1e6",
                found: format!("({:e}, {:e})", p.x1, p.x2),
            });
        }
        if usize::from(p.label) >= MAX_CLASSES {
            return Err(DataError::BadParameter {
                name: "point label",
                expected: "0 to 5",
                found: p.label.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_sizes_follow_the_ratio() {
        let spec = DataSpec {
            kind: DatasetKind::Spiral,
            points: 250,
            test_ratio: 0.2,
            ..DataSpec::default()
        };
        let split = spec.build().unwrap();
        assert_eq!((split.train.len(), split.test.len()), (200, 50));
        assert_eq!(spec.build().unwrap(), split, "same spec, same points");
    }

    #[test]
    fn xor_is_the_tutorials_four_points_unsplit() {
        let split = DataSpec::default().build().unwrap();
        assert_eq!(split.train, Dataset::xor());
        assert!(split.test.is_empty());
    }

    #[test]
    fn bad_parameters_are_named() {
        let spec = DataSpec {
            noise: 2.0,
            ..DataSpec::default()
        };
        assert_eq!(
            spec.check().unwrap_err().to_string(),
            "noise must be between 0 and 1, got 2"
        );
    }

    #[test]
    fn multiclass_kinds_build_with_their_class_count() {
        for kind in DatasetKind::MULTICLASS {
            let spec = DataSpec {
                kind: kind.clone(),
                ..DataSpec::default()
            };
            assert_eq!(Some(spec.build().unwrap().classes()), kind.classes());
        }
        let spec = DataSpec {
            kind: DatasetKind::Blobs { classes: 7 },
            ..DataSpec::default()
        };
        assert_eq!(
            spec.check().unwrap_err().to_string(),
            "blobs must be 3 to 6, got 7"
        );
    }

    #[test]
    fn points_train_whole_and_empty_points_are_refused() {
        let mut points = PointSet::default();
        points.add(0.0, 1.0, 1);
        points.add(1.0, 0.0, 0);
        let spec = DataSpec {
            kind: DatasetKind::Points { points },
            ..DataSpec::default()
        };
        let split = spec.build().unwrap();
        assert_eq!((split.train.len(), split.test.len()), (2, 0));
        let only_test = DataSpec {
            kind: DatasetKind::Points {
                points: PointSet::from_split(&Split {
                    train: Dataset::empty(2),
                    test: split.train.clone(),
                }),
            },
            ..DataSpec::default()
        };
        assert!(matches!(only_test.build(), Err(DataError::NoPoints)));
        let empty = DataSpec {
            kind: DatasetKind::Points {
                points: PointSet::default(),
            },
            ..DataSpec::default()
        };
        assert!(matches!(empty.build(), Err(DataError::NoPoints)));
    }

    #[test]
    fn painted_classes_count_and_bad_points_are_named() {
        let mut points = PointSet::default();
        points.add(0.0, 0.0, 0);
        points.add(1.0, 1.0, 3);
        let kind = DatasetKind::Points { points };
        assert_eq!(kind.classes(), Some(4));
        let spec = DataSpec {
            kind,
            ..DataSpec::default()
        };
        assert_eq!(spec.build().unwrap().classes(), 4);
        let hostile: PointSet =
            serde_json::from_str(r#"[{"x1":0,"x2":0,"label":9},{"x1":1,"x2":1,"label":1}]"#)
                .unwrap();
        let spec = DataSpec {
            kind: DatasetKind::Points { points: hostile },
            ..DataSpec::default()
        };
        assert_eq!(
            spec.check().unwrap_err().to_string(),
            "point label must be 0 to 5, got 9"
        );
        let mut far = PointSet::default();
        far.add(f64::INFINITY, 0.0, 1);
        let spec = DataSpec {
            kind: DatasetKind::Points { points: far },
            ..DataSpec::default()
        };
        assert_eq!(
            spec.check().unwrap_err().to_string(),
            "point coordinates must be finite and within ±1e6, got (inf, 0e0)"
        );
    }

    #[test]
    fn names_round_trip() {
        for kind in DatasetKind::named() {
            assert_eq!(DatasetKind::from_name(&kind.name()), Some(kind));
        }
        assert_eq!(
            DatasetKind::from_name("curve_abs"),
            Some(DatasetKind::AboveCurve { curve: Curve::Abs })
        );
        assert_eq!(DatasetKind::from_name("curve-tan"), None);
        assert_eq!(
            DatasetKind::from_name("three_gaussians"),
            Some(DatasetKind::Blobs { classes: 3 })
        );
        assert_eq!(DatasetKind::from_name("blobs-7"), None);
        assert_eq!(
            DatasetKind::from_name("my.CSV"),
            Some(DatasetKind::Csv {
                path: "my.CSV".into()
            })
        );
    }
}
