//! The JSON format: a tag, a version, the layers in the tutorial's orientation, the epoch and
//! the whole experiment. `serde_json` (with `float_roundtrip`) writes every `f64` in its
//! shortest exact form and reads it back bit for bit.

use std::{cell::Cell, fmt, marker::PhantomData};

use ndarray::{Array1, Array2};
use serde::{
    Deserialize, Deserializer,
    de::{self, DeserializeOwned, SeqAccess, Visitor},
};

use super::{
    FORMAT_TAG, FORMAT_VERSION, Fault, MAX_PARAMETERS, WeightsFile,
    header::{Header, quote},
    validate::{RawFile, RawLayer, check_counts},
};
use crate::{
    data::source::tame_message,
    experiment::Experiment,
    nn::{Activation, LayerFunction, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_WIDTH, OutputHead},
};

#[derive(Deserialize)]
struct FileIn {
    epoch: Option<u64>,
    layers: Option<Capped<LayerIn, LayerCap>>,
    experiment: Option<Experiment>,
}

#[derive(Deserialize)]
struct LayerIn {
    weights: Option<Capped<Numbers, RowCap>>,
    bias: Option<Numbers>,
    activation: Option<String>,
}

/// The most entries a [`Capped`] list holds, and what they are called in the error.
trait Cap {
    const MAX: usize;
    const WHAT: &'static str;
}

/// Layers: the hidden ones and the output.
struct LayerCap;
impl Cap for LayerCap {
    const MAX: usize = MAX_HIDDEN_LAYERS + 1;
    const WHAT: &'static str = "layers";
}

/// Rows of a weight matrix: one per input of the layer.
struct RowCap;
impl Cap for RowCap {
    const MAX: usize = MAX_WIDTH;
    const WHAT: &'static str = "rows in a weight matrix";
}

/// A list refused as soon as it passes `C::MAX` entries. Without it, three bytes of `[],`
/// would cost a whole empty list in memory, and a 64 MiB file could take gigabytes.
struct Capped<T, C>(Vec<T>, PhantomData<C>);

impl<'de, T: Deserialize<'de>, C: Cap> Deserialize<'de> for Capped<T, C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CappedVisitor<T, C>(PhantomData<(T, C)>);
        impl<'de, T: Deserialize<'de>, C: Cap> Visitor<'de> for CappedVisitor<T, C> {
            type Value = Capped<T, C>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list of at most {} {}", C::MAX, C::WHAT)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == C::MAX {
                        return Err(de::Error::custom(format_args!(
                            "more than {} {}",
                            C::MAX,
                            C::WHAT
                        )));
                    }
                    items.push(item);
                }
                Ok(Capped(items, PhantomData))
            }
        }
        deserializer.deserialize_seq(CappedVisitor(PhantomData))
    }
}

thread_local! {
    /// Numbers read so far by the current [`decode`] on this thread. Lets [`Numbers`] stop a
    /// file of ten million zeros before it is all in memory.
    static NUMBERS_READ: Cell<u64> = const { Cell::new(0) };
}

/// A list of numbers that counts against [`MAX_PARAMETERS`] as it is read.
struct Numbers(Vec<f64>);

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumbersVisitor;
        impl<'de> Visitor<'de> for NumbersVisitor {
            type Value = Numbers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Numbers, A::Error> {
                let mut numbers = Vec::new();
                while let Some(x) = seq.next_element::<f64>()? {
                    let read = NUMBERS_READ.get() + 1;
                    NUMBERS_READ.set(read);
                    if read > MAX_PARAMETERS as u64 {
                        return Err(de::Error::custom("too many parameters"));
                    }
                    numbers.push(x);
                }
                Ok(Numbers(numbers))
            }
        }
        deserializer.deserialize_seq(NumbersVisitor)
    }
}

/// Parses JSON into `T`, mapping errors to faults. Each call counts parameters afresh.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Fault> {
    NUMBERS_READ.set(0);
    serde_json::from_slice(bytes).map_err(|e| fault_from_json(&e, bytes))
}

/// The non-finite literal (`NaN`, `Infinity`, `-Infinity`) at a syntax error, if that is what
/// stopped the parser. Python's `json.dump` writes these by default, so they deserve a clear
/// message rather than "expected value".
fn non_finite_literal(bytes: &[u8], line: usize, column: usize) -> Option<&'static str> {
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(line - 2)?
            .0
            + 1
    };
    // The parser stops on the literal's first letter, or just after a minus sign.
    let at = (line_start + column).checked_sub(2)?;
    let near = bytes.get(at..bytes.len().min(at + 10))?;
    ["-Infinity", "Infinity", "NaN"].into_iter().find(|lit| {
        let lit = lit.as_bytes();
        near.starts_with(lit) || near.get(1..).is_some_and(|rest| rest.starts_with(lit))
    })
}

/// The fault a `serde_json` error on `bytes` stands for.
fn fault_from_json(e: &serde_json::Error, bytes: &[u8]) -> Fault {
    let read = NUMBERS_READ.get();
    if e.is_data() && read > MAX_PARAMETERS as u64 {
        return Fault::TooManyParameters {
            found: read,
            max: MAX_PARAMETERS,
        };
    }
    // serde quotes what it could not read (a string, a variant) whole: cut it short.
    let text = tame_message(&e.to_string());
    if text.starts_with("number out of range") {
        return Fault::NumberOutOfRange {
            line: e.line(),
            column: e.column(),
        };
    }
    if e.is_syntax()
        && let Some(literal) = non_finite_literal(bytes, e.line(), e.column())
    {
        return Fault::NonFiniteLiteral {
            literal,
            line: e.line(),
            column: e.column(),
        };
    }
    if e.is_data() {
        Fault::Invalid { reason: text }
    } else {
        Fault::NotWeights {
            reason: format!("invalid JSON: {text}"),
        }
    }
}

/// Parses the tag and version of JSON text and checks them.
pub(crate) fn check_header(bytes: &[u8]) -> Result<(), Fault> {
    parse::<Header>(bytes)?.check()
}

/// What a file names for layer `layer` (the `last` one or not), or the fault naming it.
///
/// A head (`sigmoid`, `softmax`) is read as the network's head on the last layer, `softmax`
/// only where it can stand: on a multiclass output layer (3 to [`MAX_CLASSES`] neurons, which
/// the caller says through `softmax_fits`). Anywhere else `softmax` is reported like any
/// unknown name, with the list of activations such a layer may have, as files written before
/// multiclass networks existed were told. A hidden activation named on the last layer is read
/// as one, for the network's check to refuse with its name.
pub(crate) fn activation_from(
    name: &str,
    layer: usize,
    last: bool,
    softmax_fits: bool,
) -> Result<LayerFunction, Fault> {
    let head = OutputHead::ALL
        .into_iter()
        .filter(|&h| last && (h != OutputHead::Softmax || softmax_fits))
        .find(|h| h.name() == name)
        .map(LayerFunction::Head);
    let hidden = || {
        Activation::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .map(LayerFunction::Hidden)
    };
    head.or_else(hidden)
        .ok_or_else(|| Fault::UnknownActivation {
            layer,
            found: quote(name),
        })
}

/// A list of numbers on one line: `[0.5, -1.25]`. Each number is `serde_json`'s exact form.
fn number_list<'a>(numbers: impl IntoIterator<Item = &'a f64>) -> Result<String, Fault> {
    let texts: Result<Vec<String>, _> = numbers.into_iter().map(serde_json::to_string).collect();
    let texts = texts.map_err(|e| Fault::Invalid {
        reason: e.to_string(),
    })?;
    Ok(format!("[{}]", texts.join(", ")))
}

/// Writes `file` as indented JSON with each weight row on one line, so a file reads like the
/// matrices it holds. Assembled by hand for that layout; every value inside is `serde_json`'s.
pub(crate) fn encode(file: &WeightsFile) -> Result<Vec<u8>, Fault> {
    let invalid = |e: serde_json::Error| Fault::Invalid {
        reason: e.to_string(),
    };
    let mut layers = Vec::with_capacity(file.network.layers().len());
    for (layer, function) in file.network.layers().iter().zip(file.network.functions()) {
        let weights = layer.weights();
        let rows: Result<Vec<String>, Fault> = weights
            .rows()
            .into_iter()
            .map(|row| number_list(row).map(|r| format!("        {r}")))
            .collect();
        layers.push(format!(
            "    {{\n      \"weights\": [\n{}\n      ],\n      \"bias\": {},\n      \"activation\": \"{}\"\n    }}",
            rows?.join(",\n"),
            number_list(layer.bias_slice())?,
            function.name()
        ));
    }
    let experiment = serde_json::to_string_pretty(&file.experiment).map_err(invalid)?;
    let text = format!(
        "{{\n  \"format\": \"{FORMAT_TAG}\",\n  \"version\": {FORMAT_VERSION},\n  \"epoch\": {},\n  \"layers\": [\n{}\n  ],\n  \"experiment\": {}\n}}\n",
        file.epoch,
        layers.join(",\n"),
        experiment.replace('\n', "\n  ")
    );
    Ok(text.into_bytes())
}

/// Reads JSON bytes into an unchecked file.
pub(crate) fn decode(bytes: &[u8]) -> Result<RawFile, Fault> {
    let starts_like_json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    if !starts_like_json {
        return Err(Fault::NotWeights {
            reason: "neither a JSON object nor an .npz archive".into(),
        });
    }
    check_header(bytes)?;
    let file: FileIn = parse(bytes)?;
    let missing = |field: &str| Fault::MissingField {
        field: field.to_owned(),
    };
    let epoch = file.epoch.ok_or_else(|| missing("epoch"))?;
    let layers_in = file.layers.ok_or_else(|| missing("layers"))?.0;
    let experiment = file.experiment.ok_or_else(|| missing("experiment"))?;
    let parameters = layers_in
        .iter()
        .map(|l| {
            let weights: usize = l.weights.iter().flat_map(|w| &w.0).map(|r| r.0.len()).sum();
            (weights + l.bias.as_ref().map_or(0, |b| b.0.len())) as u64
        })
        .sum();
    check_counts(layers_in.len(), parameters)?;
    let mut layers = Vec::with_capacity(layers_in.len());
    let count = layers_in.len();
    for (i, layer) in layers_in.into_iter().enumerate() {
        let k = i + 1;
        let field = |name: &str| missing(&format!("layers[{i}].{name}"));
        let rows = layer.weights.ok_or_else(|| field("weights"))?;
        let bias = layer.bias.ok_or_else(|| field("bias"))?;
        let name = layer.activation.ok_or_else(|| field("activation"))?;
        let outputs = rows.0.first().map_or(0, |r| r.0.len());
        let activation = activation_from(&name, k, k == count, softmax_fits(k, count, outputs))?;
        layers.push(RawLayer {
            weights: matrix_from_rows(rows.0, k)?,
            bias: Array1::from(bias.0),
            activation,
        });
    }
    Ok(RawFile {
        experiment,
        epoch,
        layers,
    })
}

/// Whether layer `k` of `count`, with `outputs` neurons, may be a softmax: the last layer of a
/// multiclass network.
pub(crate) fn softmax_fits(k: usize, count: usize, outputs: usize) -> bool {
    k == count && (3..=MAX_CLASSES).contains(&outputs)
}

/// Stacks rows into a matrix, refusing ragged ones.
fn matrix_from_rows(rows: Vec<Numbers>, layer: usize) -> Result<Array2<f64>, Fault> {
    let cols = rows.first().map_or(0, |r| r.0.len());
    if let Some((r, row)) = rows.iter().enumerate().find(|(_, r)| r.0.len() != cols) {
        return Err(Fault::Invalid {
            reason: format!(
                "W{layer} is ragged: row {} has {} numbers, row 1 has {cols}",
                r + 1,
                row.0.len()
            ),
        });
    }
    let n_rows = rows.len();
    let flat: Vec<f64> = rows.into_iter().flat_map(|r| r.0).collect();
    Array2::from_shape_vec((n_rows, cols), flat).map_err(|e| Fault::Invalid {
        reason: format!("W{layer}: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> Option<&'static str> {
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        non_finite_literal(text.as_bytes(), e.line(), e.column())
    }

    #[test]
    fn non_finite_literals_are_recognised_where_the_parser_stops() {
        assert_eq!(literal("[1, NaN]"), Some("NaN"));
        assert_eq!(literal("[\n  1,\n  Infinity\n]"), Some("Infinity"));
        assert_eq!(literal("[-Infinity]"), Some("-Infinity"));
        assert_eq!(literal("[1, nope]"), None);
        for text in ["", "[", "[1,", "-", "\n\n"] {
            assert_eq!(literal(text), None, "{text:?}");
        }
    }
}
