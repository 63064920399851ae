//! CSV import and export: lines of `x1,x2,label`.

use std::{fmt::Write as _, path::Path};

use ndarray::{Array1, Array2};

use super::{
    DataError, Dataset,
    source::{read_regular, shorten},
};
use crate::nn::MAX_CLASSES;

/// The largest CSV file imported, in bytes. A larger file (or one that grows past this while
/// it is read) is refused, never cut short.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The largest coordinate accepted, in absolute value. Far beyond any plotted data, and small
/// enough that the boundary grid, the view and the network's first layer stay finite.
pub const MAX_COORDINATE: f64 = 1e6;

/// Reads a dataset from a CSV file of `x1,x2,label` lines.
///
/// A first line that is not numeric is taken as a header; blank lines are skipped; labels are
/// classes 0 to 5 (0 and 1 for a two-class file) and a file with labels above 1 must use every
/// class from 0 up to its largest; every other fault names the file and the line. Anything
/// but a regular file (a FIFO, a device) is refused without blocking.
pub fn read_csv(path: &Path) -> Result<Dataset, DataError> {
    let bytes = read_regular(path, MAX_CSV_BYTES).map_err(|source| DataError::Source {
        path: path.to_owned(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| DataError::NotText {
        path: path.to_owned(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    })?;
    parse_csv(text, path)
}

/// A field from a file quoted for a message: at most [`super::source::MAX_QUOTE_CHARS`]
/// characters, escaped so it stays on one line.
fn quoted(field: &str) -> String {
    format!("'{}'", shorten(field).escape_debug())
}

/// A field without the double quotes a spreadsheet may put round it.
fn unquoted(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .map_or(field, str::trim)
}

/// Parses CSV text; `path` only names the source in error messages.
pub fn parse_csv(text: &str, path: &Path) -> Result<Dataset, DataError> {
    let fail = |line: usize, reason: String| DataError::Csv {
        path: path.to_owned(),
        line,
        reason,
    };
    // A byte-order mark (as Excel writes) is not part of the first field.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut coords = Vec::new();
    let mut labels = Vec::new();
    let mut first = true;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(unquoted).collect();
        // The header, if any, is the first line that is not blank.
        if std::mem::take(&mut first) && fields.iter().any(|f| f.parse::<f64>().is_err()) {
            if fields.len() != 3 {
                return Err(fail(
                    line_no,
                    format!(
                        "header has {} columns; expected 3 (x1,x2,label)",
                        fields.len()
                    ),
                ));
            }
            continue;
        }
        if fields.len() != 3 {
            return Err(fail(
                line_no,
                format!("expected 3 columns (x1,x2,label), found {}", fields.len()),
            ));
        }
        for (name, field) in ["x1", "x2"].iter().zip(&fields) {
            let value: f64 = field.parse().map_err(|_| {
                fail(
                    line_no,
                    format!("{name} is not a number: {}", quoted(field)),
                )
            })?;
            if !value.is_finite() {
                return Err(fail(
                    line_no,
                    format!("{name} is not finite: {}", quoted(field)),
                ));
            }
            if value.abs() > MAX_COORDINATE {
                return Err(fail(
                    line_no,
                    format!("{name} is {value:e}; coordinates must be within ±{MAX_COORDINATE:e}"),
                ));
            }
            coords.push(value);
        }
        let label = class_label(fields[2]).ok_or_else(|| {
            let other = fields[2];
            let multiclass = labels.iter().any(|&y| y > 1.0)
                || other
                    .parse::<f64>()
                    .is_ok_and(|v| v.fract() == 0.0 && v > 1.0);
            // A two-class file keeps the two-class wording.
            let expected = if multiclass {
                format!("a class from 0 to {}", MAX_CLASSES - 1)
            } else {
                "0 or 1".to_owned()
            };
            fail(
                line_no,
                format!("label must be {expected}, found {}", quoted(other)),
            )
        })?;
        labels.push(label);
    }
    if labels.is_empty() {
        return Err(DataError::NoRows {
            path: path.to_owned(),
        });
    }
    let largest = labels.iter().copied().fold(0.0, f64::max) as usize;
    if largest >= 2
        && let Some(missing) = (0..largest).find(|&k| !labels.contains(&(k as f64)))
    {
        return Err(DataError::MissingClass {
            path: path.to_owned(),
            missing,
            largest,
        });
    }
    let rows = labels.len();
    let inputs =
        Array2::from_shape_vec((rows, 2), coords).map_err(|e| fail(rows, e.to_string()))?;
    Dataset::new(inputs, Array1::from(labels)).ok_or_else(|| fail(rows, "one label per row".into()))
}

/// A label field as a class index `0..MAX_CLASSES` (`2` and `2.0` alike), or `None`.
fn class_label(field: &str) -> Option<f64> {
    let value: f64 = field.parse().ok()?;
    (value.fract() == 0.0 && (0.0..MAX_CLASSES as f64).contains(&value)).then_some(value)
}

/// The dataset as CSV text with a `x1,x2,label` header (first two features only).
pub fn to_csv(data: &Dataset) -> String {
    let mut out = String::from("x1,x2,label\n");
    for (row, label) in data.inputs().rows().into_iter().zip(data.labels()) {
        let _ = writeln!(out, "{},{},{}", row[0], row[1], *label as u8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Dataset, DataError> {
        parse_csv(text, Path::new("points.csv"))
    }

    #[test]
    fn header_is_optional() {
        let with = parse("x1,x2,label\n0,0,0\n1,0.5,1\n").unwrap();
        let without = parse("0,0,0\n1,0.5,1\n").unwrap();
        assert_eq!(with, without);
        assert_eq!(with.len(), 2);
        assert_eq!(with.inputs()[[1, 1]], 0.5);
    }

    #[test]
    fn errors_name_file_line_and_fault() {
        let cases = [
            (
                "0,0,0\n1,2\n",
                "points.csv:2: expected 3 columns (x1,x2,label), found 2",
            ),
            (
                "0,0,0\n1,2,1,4\n",
                "points.csv:2: expected 3 columns (x1,x2,label), found 4",
            ),
            (
                "x,y,c\n0,0,0\n\nabc,1,1\n",
                "points.csv:4: x1 is not a number: 'abc'",
            ),
            (
                "0,0,0.5\n",
                "points.csv:1: label must be 0 or 1, found '0.5'",
            ),
            (
                "0,0,0\n0,0,yes\n",
                "points.csv:2: label must be 0 or 1, found 'yes'",
            ),
            (
                "0,0,7\n",
                "points.csv:1: label must be a class from 0 to 5, found '7'",
            ),
            (
                "0,0,2\n1,1,x\n",
                "points.csv:2: label must be a class from 0 to 5, found 'x'",
            ),
            (
                "0,0,0\n0,0,2\n",
                "points.csv: no point has label 1, but labels go up to 2; \
                 classes must be numbered from 0 without gaps",
            ),
            ("0,inf,1\n", "points.csv:1: x2 is not finite: 'inf'"),
            (
                "x1,x2,label\n",
                "points.csv: no data rows (expected lines of x1,x2,label)",
            ),
            (
                "a,b\n",
                "points.csv:1: header has 2 columns; expected 3 (x1,x2,label)",
            ),
            (
                "\u{feff}x1,x2\n",
                "points.csv:1: header has 2 columns; expected 3 (x1,x2,label)",
            ),
            (
                "0,1e308,1\n",
                "points.csv:1: x2 is 1e308; coordinates must be within ±1e6",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(parse(text).unwrap_err().to_string(), message, "{text:?}");
        }
    }

    #[test]
    fn a_bom_without_header_keeps_the_first_row_and_blank_lines_come_before_the_header() {
        let plain = parse("0.5,0,1\n1,1,0\n").unwrap();
        assert_eq!(parse("\u{feff}0.5,0,1\n1,1,0\n").unwrap(), plain);
        assert_eq!(
            parse("\n  \r\nx1,x2,label\r\n0.5,0,1\r\n1,1,0\r\n").unwrap(),
            plain
        );
        assert_eq!(
            parse("\u{feff}\"x1\",\"x2\",\"label\"\n\"0.5\",\"0\",\"1\"\n1,1,0").unwrap(),
            plain
        );
    }

    #[test]
    fn a_long_field_is_quoted_short() {
        let field = "z".repeat(1_000_000);
        let message = parse(&format!("0,0,0\n{field},1,1\n"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            format!("points.csv:2: x1 is not a number: '{}…'", "z".repeat(60))
        );
        let message = parse("0,0,0\n1,1,\"\u{7}\n\"\n").unwrap_err().to_string();
        assert!(!message.contains('\u{7}'), "{message}");
    }

    #[test]
    fn labels_up_to_five_make_classes() {
        let data = parse("x1,x2,label\n0,0,0\n1,1,1\n2,2,2.0\n3,3,3\n4,4,4\n5,5,5\n").unwrap();
        assert_eq!(data.classes(), 6);
        assert_eq!(data.labels()[2], 2.0);
        assert_eq!(parse(&to_csv(&data)).unwrap(), data);
        // A two-class file with a single class stays a two-class file.
        assert_eq!(parse("0,0,1\n").unwrap().classes(), 2);
    }

    #[test]
    fn export_reads_back() {
        let data = Dataset::xor();
        assert_eq!(parse(&to_csv(&data)).unwrap(), data);
    }
}
