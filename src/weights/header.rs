//! The format tag and version every weights file carries, and their check.
//!
//! JSON files hold them at the top level; `.npz` archives hold them in their `config` text.
//! They are read in a first pass that ignores everything else, so an old program meeting a
//! newer file says "newer version" rather than tripping over a changed layout.

use std::fmt;

use serde::{
    Deserialize, Deserializer,
    de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor},
};

use super::Fault;
#[cfg(test)]
use crate::data::source::MAX_QUOTE_CHARS;
use crate::data::source::shorten;

/// The tag in the `format` field of every weights file.
pub const FORMAT_TAG: &str = "nn-playground-weights";

/// The format version this program writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

/// Quotes text from a file for an error message: shortened ([`shorten`]) and JSON-escaped,
/// so it stays on one line.
pub(crate) fn quote(text: &str) -> String {
    serde_json::Value::String(shorten(text).into_owned()).to_string()
}

/// A scalar read without keeping anything large: arrays and objects are skipped, not stored.
#[derive(Debug, PartialEq)]
enum Scalar {
    Text(String),
    Unsigned(u64),
    /// Anything else, described for an error message.
    Other(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Unsigned(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Other(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other("null".into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an array".into()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an object".into()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// The first pass over a file's JSON: only the tag and the version.
#[derive(Debug, Deserialize)]
pub(crate) struct Header {
    format: Option<Scalar>,
    version: Option<Scalar>,
}

impl Header {
    /// Checks the tag and the version.
    pub(crate) fn check(&self) -> Result<(), Fault> {
        match &self.format {
            None => {
                return Err(Fault::MissingField {
                    field: "format".into(),
                });
            }
            Some(Scalar::Text(tag)) if tag == FORMAT_TAG => {}
            Some(Scalar::Text(tag)) => {
                return Err(Fault::UnknownFormat {
                    found: quote(tag),
                    expected: FORMAT_TAG,
                });
            }
            Some(Scalar::Unsigned(n)) => {
                return Err(Fault::UnknownFormat {
                    found: n.to_string(),
                    expected: FORMAT_TAG,
                });
            }
            Some(Scalar::Other(text)) => {
                return Err(Fault::UnknownFormat {
                    found: text.clone(),
                    expected: FORMAT_TAG,
                });
            }
        }
        match &self.version {
            None => Err(Fault::MissingField {
                field: "version".into(),
            }),
            Some(Scalar::Unsigned(FORMAT_VERSION)) => Ok(()),
            Some(Scalar::Unsigned(found)) if *found > FORMAT_VERSION => Err(Fault::NewerVersion {
                found: *found,
                supported: FORMAT_VERSION,
            }),
            Some(Scalar::Unsigned(found)) => Err(Fault::Invalid {
                reason: format!("\"version\" must be {FORMAT_VERSION}, found {found}"),
            }),
            Some(Scalar::Text(text)) => Err(Fault::Invalid {
                reason: format!("\"version\" must be a number, found {}", quote(text)),
            }),
            Some(Scalar::Other(text)) => Err(Fault::Invalid {
                reason: format!("\"version\" must be a whole number, found {text}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str) -> Result<(), String> {
        let header: Header = serde_json::from_str(json).map_err(|e| e.to_string())?;
        header.check().map_err(|e| e.to_string())
    }

    #[test]
    fn tag_and_version_are_checked() {
        assert_eq!(
            check(r#"{"format": "nn-playground-weights", "version": 1, "x": [1, 2]}"#),
            Ok(())
        );
        assert_eq!(
            check(r#"{"version": 1}"#).unwrap_err(),
            "missing field \"format\""
        );
        assert_eq!(
            check(r#"{"format": "keras\n", "version": 1}"#).unwrap_err(),
            "unknown format tag \"keras\\n\"; expected \"nn-playground-weights\""
        );
        assert_eq!(
            check(r#"{"format": [1, 2], "version": 1}"#).unwrap_err(),
            "unknown format tag an array; expected \"nn-playground-weights\""
        );
        assert_eq!(
            check(r#"{"format": "nn-playground-weights", "version": 7}"#).unwrap_err(),
            "format version 7 is newer than this program reads (version 1); update nn-playground"
        );
        assert_eq!(
            check(r#"{"format": "nn-playground-weights", "version": 1.5}"#).unwrap_err(),
            "invalid content: \"version\" must be a whole number, found 1.5"
        );
    }

    #[test]
    fn quotes_are_short_and_on_one_line() {
        let long = "a".repeat(100);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), MAX_QUOTE_CHARS + 3);
        assert_eq!(quote("x\ny"), "\"x\\ny\"");
    }
}
