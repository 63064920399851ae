//! Datasets: the tutorial's XOR, generated 2-D sets (as in TensorFlow Playground), three-class
//! spirals and 3 to 6 Gaussian blobs, two moons, a checkerboard, points above or below a curve, points placed by hand, and CSV import/export. Labels are
//! class indices stored as `f64`: 0 and 1 for two classes, `0..K` for `K` classes.
//! [`source`] reads any file a user names without blocking or reading past a limit.

mod csv;
mod curve;
mod dataset;
mod error;
mod features;
pub mod generate;
mod points;
pub mod source;
mod spec;

pub use csv::{MAX_COORDINATE, MAX_CSV_BYTES, parse_csv, read_csv, to_csv};
pub use curve::Curve;
pub use dataset::{Dataset, Domain};
pub use error::DataError;
pub use features::{Features, NoFeatures};
pub use points::{LabelledPoint, PointSet};
pub use source::SourceError;
pub use spec::{DataSpec, DatasetKind, MAX_POINTS, Split};
