//! Datasets: the tutorial's XOR, generated 2-D sets (as in TensorFlow Playground) and CSV
//! import/export, and points placed by hand.

mod csv;
mod dataset;
mod error;
mod features;
pub mod generate;
mod points;
mod spec;

pub use csv::{MAX_CSV_BYTES, parse_csv, read_csv, to_csv};
pub use dataset::{Dataset, Domain};
pub use error::DataError;
pub use features::Features;
pub use points::{LabelledPoint, PointSet};
pub use spec::{DataSpec, DatasetKind, MAX_POINTS, Split};
