//! The NumPy format: an `.npz` archive of `W1, b1, W2, b2, …` shaped as the tutorial's network
//! attributes (weights `inputs × outputs`, biases `1 × n`, all float64), plus `config`, a 1-D
//! uint8 array holding UTF-8 JSON with the tag, version, epoch, activations and experiment.
//!
//! In NumPy: `f = np.load(path); W1 = f["W1"]; config = json.loads(f["config"].tobytes())`.
//!
//! Reading never trusts a size it has not bounded: each member's `.npy` header is parsed first
//! and its declared element count checked, and the member is then inflated through
//! [`Read::take`] so a compressed member cannot grow past what its header declared.

use std::{
    collections::BTreeMap,
    io::{Cursor, Read as _},
};

use ndarray::{Array1, Array2, Axis};
use ndarray_npy::NpzWriter;
use serde::{Deserialize, Serialize};
use zip::ZipArchive;

use super::{
    FORMAT_TAG, FORMAT_VERSION, Fault, MAX_CONFIG_BYTES, MAX_PARAMETERS, WeightsFile,
    assume::{Assume, assumed_experiment},
    header::quote,
    json::{activation_from, check_header, parse, softmax_fits},
    npy_header::{NpyHeader, read_header},
    validate::{RawFile, RawLayer, check_counts, shape_text},
};
use crate::{
    experiment::Experiment,
    nn::{LayerFunction, MAX_HIDDEN_LAYERS},
};

/// The name of the member holding the JSON configuration.
pub const CONFIG_MEMBER: &str = "config";

/// The most members a weights archive may have: a weight and a bias per layer, and `config`.
const MAX_MEMBERS: usize = 2 * (MAX_HIDDEN_LAYERS + 1) + 1;

#[derive(Serialize)]
struct ConfigOut<'a> {
    format: &'static str,
    version: u64,
    epoch: u64,
    activations: Vec<&'static str>,
    experiment: &'a Experiment,
}

#[derive(Deserialize)]
struct ConfigIn {
    epoch: Option<u64>,
    activations: Option<Vec<String>>,
    experiment: Option<Experiment>,
}

fn npz_fault(reason: impl Into<String>) -> Fault {
    Fault::Npz {
        reason: reason.into(),
    }
}

/// Writes `file` as a compressed `.npz` archive.
pub(crate) fn encode(file: &WeightsFile) -> Result<Vec<u8>, Fault> {
    let write = |e: ndarray_npy::WriteNpzError| npz_fault(e.to_string());
    let mut npz = NpzWriter::new_compressed(Cursor::new(Vec::new()));
    for (i, layer) in file.network.layers().iter().enumerate() {
        let k = i + 1;
        npz.add_array(format!("W{k}"), &layer.weights().as_standard_layout())
            .map_err(write)?;
        npz.add_array(format!("b{k}"), &layer.bias().view().insert_axis(Axis(0)))
            .map_err(write)?;
    }
    let config = ConfigOut {
        format: FORMAT_TAG,
        version: FORMAT_VERSION,
        epoch: file.epoch,
        activations: file.network.functions().map(LayerFunction::name).collect(),
        experiment: &file.experiment,
    };
    let text = serde_json::to_vec_pretty(&config).map_err(|e| Fault::Invalid {
        reason: e.to_string(),
    })?;
    npz.add_array(CONFIG_MEMBER, &Array1::from(text))
        .map_err(write)?;
    Ok(npz.finish().map_err(write)?.into_inner())
}

/// What an archive member is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Weights(usize),
    Bias(usize),
    Config,
}

impl Role {
    fn from_name(name: &str) -> Option<Self> {
        let stem = name.strip_suffix(".npy").unwrap_or(name);
        if stem == CONFIG_MEMBER {
            return Some(Self::Config);
        }
        let (kind, digits) = stem.split_at_checked(1)?;
        // `W01` is not `W1`: only canonical numbers, so two members cannot claim one slot.
        if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let k: usize = digits.parse().ok()?;
        match kind {
            "W" => Some(Self::Weights(k)),
            "b" => Some(Self::Bias(k)),
            _ => None,
        }
    }

    fn name(self) -> String {
        match self {
            Self::Weights(k) => format!("W{k}"),
            Self::Bias(k) => format!("b{k}"),
            Self::Config => CONFIG_MEMBER.into(),
        }
    }
}

/// An archive member located and its header read, its data not yet.
struct Member {
    index: usize,
    header: NpyHeader,
}

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Reads one member's `.npy` header, bounded.
fn read_member_header(
    archive: &mut Archive<'_>,
    index: usize,
    role: Role,
) -> Result<Member, Fault> {
    let name = role.name();
    let mut file = archive
        .by_index(index)
        .map_err(|e| npz_fault(format!("{name}: {e}")))?;
    let (header, _) = read_header(&mut file).map_err(|e| npz_fault(format!("{name}: {e}")))?;
    Ok(Member { index, header })
}

/// Inflates one member, at most the bytes its header declares, and parses it with
/// `ndarray-npy`.
fn read_member_bytes(
    archive: &mut Archive<'_>,
    member: &Member,
    role: Role,
) -> Result<Vec<u8>, Fault> {
    let name = role.name();
    let fail = |e: String| npz_fault(format!("{name}: {e}"));
    let item = member.header.item_size().unwrap_or(1);
    let declared = u64::try_from(member.header.elements())
        .ok()
        .and_then(|n| n.checked_mul(item))
        .and_then(|n| n.checked_add(member.header.len as u64))
        .ok_or_else(|| fail("declared size overflows".into()))?;
    let file = archive
        .by_index(member.index)
        .map_err(|e| fail(e.to_string()))?;
    // Grows as data actually arrives: a header's claim alone does not reserve memory.
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(1 << 20)).unwrap_or(0));
    file.take(declared + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > declared {
        return Err(Fault::Inflates {
            member: format!("{name}.npy"),
            max: declared,
        });
    }
    Ok(bytes)
}

/// The data of a member after its header: exactly `elements × item` bytes, or a fault.
fn member_data<'a>(
    bytes: &'a [u8],
    header: &NpyHeader,
    item: u64,
    role: Role,
) -> Result<&'a [u8], Fault> {
    let data = bytes.get(header.len..).unwrap_or(&[]);
    let wanted = u64::try_from(header.elements())
        .ok()
        .and_then(|n| n.checked_mul(item));
    if wanted != Some(data.len() as u64) {
        return Err(npz_fault(format!(
            "{} holds {} bytes of data; its header declares {} elements of {item} bytes",
            role.name(),
            data.len(),
            header.elements()
        )));
    }
    Ok(data)
}

/// A 2-D float64 array from a member's bytes, read by the header already parsed (one parser
/// for every header: NumPy's own `(2L, 4L)` shapes from Python 2 included), in either byte
/// order and memory order.
fn matrix_from_member(bytes: &[u8], header: &NpyHeader, role: Role) -> Result<Array2<f64>, Fault> {
    let shape_fault = || Fault::BadShape {
        array: role.name(),
        expected: "2-D".into(),
        found: shape_of(header),
    };
    let [rows, cols] = header.shape[..] else {
        return Err(shape_fault());
    };
    let rows = usize::try_from(rows).map_err(|_| shape_fault())?;
    let cols = usize::try_from(cols).map_err(|_| shape_fault())?;
    let data = member_data(bytes, header, 8, role)?;
    let big_endian = header.descr.starts_with('>');
    let values: Vec<f64> = data
        .chunks_exact(8)
        .map(|chunk| {
            let mut raw = [0u8; 8];
            raw.copy_from_slice(chunk);
            if big_endian {
                f64::from_be_bytes(raw)
            } else {
                f64::from_le_bytes(raw)
            }
        })
        .collect();
    let fault = |e: ndarray::ShapeError| npz_fault(format!("{}: {e}", role.name()));
    if header.fortran_order {
        Ok(Array2::from_shape_vec((cols, rows), values)
            .map_err(fault)?
            .reversed_axes()
            .as_standard_layout()
            .into_owned())
    } else {
        Array2::from_shape_vec((rows, cols), values).map_err(fault)
    }
}

fn check_float64(role: Role, header: &NpyHeader) -> Result<(), Fault> {
    if header.descr == "<f8" || header.descr == ">f8" {
        Ok(())
    } else {
        Err(npz_fault(format!(
            "{} has dtype {}; expected float64 ('<f8')",
            role.name(),
            quote(&header.descr)
        )))
    }
}

/// Finds the members and sorts them by role; refuses unknown, repeated or too many members.
fn members_by_role(archive: &Archive<'_>) -> Result<BTreeMap<Role, usize>, Fault> {
    if archive.len() > MAX_MEMBERS {
        return Err(npz_fault(format!(
            "{} members; a weights archive has at most {MAX_MEMBERS}",
            archive.len()
        )));
    }
    let mut roles = BTreeMap::new();
    for index in 0..archive.len() {
        let name = archive.name_for_index(index).unwrap_or_default();
        let role = Role::from_name(name).ok_or_else(|| {
            npz_fault(format!(
                "unexpected member {} (a weights archive holds W1, b1, W2, b2, … and config)",
                quote(name)
            ))
        })?;
        if roles.insert(role, index).is_some() {
            return Err(npz_fault(format!("two members named {}", role.name())));
        }
    }
    Ok(roles)
}

/// Reads and checks the `config` member.
fn read_config(
    archive: &mut Archive<'_>,
    index: usize,
) -> Result<(u64, Vec<String>, Experiment), Fault> {
    let member = read_member_header(archive, index, Role::Config)?;
    let header = &member.header;
    if !matches!(header.descr.as_str(), "|u1" | "<u1" | ">u1") || header.shape.len() != 1 {
        return Err(npz_fault(format!(
            "config has dtype {} and shape {}; expected a 1-D uint8 array ('|u1') of JSON text",
            quote(&header.descr),
            shape_of(header)
        )));
    }
    if header.elements() > MAX_CONFIG_BYTES as u128 {
        return Err(Fault::ArrayTooLarge {
            member: "config.npy".into(),
            elements: header.elements(),
            max: MAX_CONFIG_BYTES,
        });
    }
    let bytes = read_member_bytes(archive, &member, Role::Config)?;
    let text = member_data(&bytes, header, 1, Role::Config)?.to_vec();
    // Tag and version faults read the same as in JSON; a syntax error is the config's.
    let config_fault = |fault| match fault {
        Fault::NotWeights { reason } => npz_fault(format!("config: {reason}")),
        other => other,
    };
    if !text.trim_ascii_start().starts_with(b"{") {
        return Err(npz_fault("config does not hold a JSON object"));
    }
    check_header(&text).map_err(config_fault)?;
    let config: ConfigIn = parse(&text).map_err(config_fault)?;
    let missing = |field: &str| Fault::MissingField {
        field: field.into(),
    };
    Ok((
        config.epoch.ok_or_else(|| missing("epoch"))?,
        config.activations.ok_or_else(|| missing("activations"))?,
        config.experiment.ok_or_else(|| missing("experiment"))?,
    ))
}

fn shape_of(header: &NpyHeader) -> String {
    let dims: Vec<usize> = header
        .shape
        .iter()
        .map(|&d| usize::try_from(d).unwrap_or(usize::MAX))
        .collect();
    shape_text(&dims)
}

/// Reads an `.npz` archive into an unchecked file. An archive of arrays alone (`W1, b1, W2,
/// b2, …`, as `np.savez` writes the tutorial's network) is read as [`Assume`] says; the
/// returned flag tells that it was.
pub(crate) fn decode(bytes: &[u8], assume: &Assume) -> Result<(RawFile, bool), Fault> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| Fault::NotWeights {
        reason: format!("not a readable .npz archive: {e}"),
    })?;
    let roles = members_by_role(&archive)?;
    let (config, assumed) = match roles.get(&Role::Config) {
        Some(&index) => (Some(read_config(&mut archive, index)?), false),
        None => (None, true),
    };
    let layer_count = match &config {
        Some((_, activations, _)) => activations.len(),
        None => roles
            .keys()
            .filter_map(|r| match r {
                Role::Weights(k) | Role::Bias(k) => Some(*k),
                Role::Config => None,
            })
            .max()
            .ok_or_else(|| npz_fault("no arrays (a weights archive holds W1, b1, W2, b2, …)"))?,
    };
    if let Some(stray) = roles.keys().find(|r| match r {
        Role::Weights(k) | Role::Bias(k) => *k > layer_count,
        Role::Config => false,
    }) {
        return Err(npz_fault(format!(
            "array {} is beyond the {layer_count} layers the config's activations list",
            stray.name()
        )));
    }
    check_counts(layer_count, 0)?;

    // First every header, so sizes are known before any data is inflated.
    let mut members = Vec::with_capacity(layer_count);
    let mut parameters: u128 = 0;
    for k in 1..=layer_count {
        let mut pair = Vec::with_capacity(2);
        for role in [Role::Weights(k), Role::Bias(k)] {
            let index = *roles
                .get(&role)
                .ok_or_else(|| npz_fault(format!("missing array {}", role.name())))?;
            let member = read_member_header(&mut archive, index, role)?;
            check_float64(role, &member.header)?;
            let elements = member.header.elements();
            if elements > MAX_PARAMETERS as u128 {
                return Err(Fault::ArrayTooLarge {
                    member: format!("{}.npy", role.name()),
                    elements,
                    max: MAX_PARAMETERS,
                });
            }
            parameters += elements;
            pair.push(member);
        }
        let (w, b) = (&pair[0].header, &pair[1].header);
        let [_, cols] = w.shape[..] else {
            return Err(Fault::BadShape {
                array: format!("W{k}"),
                expected: "2-D (inputs, outputs)".into(),
                found: shape_of(w),
            });
        };
        if b.shape != [1, cols] {
            let cols = usize::try_from(cols).unwrap_or(usize::MAX);
            return Err(Fault::BadShape {
                array: format!("b{k}"),
                expected: shape_text(&[1, cols]),
                found: shape_of(b),
            });
        }
        members.push(pair);
    }
    check_counts(layer_count, u64::try_from(parameters).unwrap_or(u64::MAX))?;

    let widths: Vec<usize> = members
        .iter()
        .map(|pair| {
            let cols = pair[0].header.shape.get(1).copied().unwrap_or(0);
            usize::try_from(cols).unwrap_or(usize::MAX)
        })
        .collect();
    let (epoch, activations, experiment) = match config {
        Some(config) => config,
        None => {
            let (experiment, activations) = assumed_experiment(assume, &widths)?;
            (0, activations, experiment)
        }
    };
    let mut layers = Vec::with_capacity(layer_count);
    for (i, (pair, name)) in members.iter().zip(&activations).enumerate() {
        let k = i + 1;
        let bytes = read_member_bytes(&mut archive, &pair[0], Role::Weights(k))?;
        let weights = matrix_from_member(&bytes, &pair[0].header, Role::Weights(k))?;
        let fits = softmax_fits(k, layer_count, weights.ncols());
        let activation = activation_from(name, k, k == layer_count, fits)?;
        let bytes = read_member_bytes(&mut archive, &pair[1], Role::Bias(k))?;
        let bias = matrix_from_member(&bytes, &pair[1].header, Role::Bias(k))?;
        if bias.nrows() != 1 {
            return Err(npz_fault(format!(
                "b{k} has {} rows; expected 1",
                bias.nrows()
            )));
        }
        layers.push(RawLayer {
            weights,
            bias: bias.index_axis_move(Axis(0), 0),
            activation,
        });
    }
    Ok((
        RawFile {
            experiment,
            epoch,
            layers,
        },
        assumed,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_map_to_roles() {
        assert_eq!(Role::from_name("W1.npy"), Some(Role::Weights(1)));
        assert_eq!(Role::from_name("b12"), Some(Role::Bias(12)));
        assert_eq!(Role::from_name("config.npy"), Some(Role::Config));
        for name in ["W01.npy", "W.npy", "x1.npy", "W1x.npy", "", "W-1", "é1"] {
            assert_eq!(Role::from_name(name), None, "{name}");
        }
    }
}
