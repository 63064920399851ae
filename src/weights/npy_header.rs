//! Reads the header of an `.npy` array: its dtype, memory order and shape.
//!
//! Parsed here, before `ndarray-npy` reads the data, so that an archive member declaring a
//! billion elements is refused before a byte is allocated for them. The header is a Python
//! dict literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }`.

use std::io::Read;

use super::MAX_NPY_HEADER_BYTES;

/// The first bytes of every `.npy` array.
const MAGIC: &[u8] = b"\x93NUMPY";

/// What an `.npy` header declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NpyHeader {
    /// The dtype, e.g. `<f8`.
    pub descr: String,
    /// Whether the data is column-major.
    pub fortran_order: bool,
    /// The shape; empty for a scalar.
    pub shape: Vec<u64>,
    /// Bytes from the start of the array to its data: magic, version, length and dict.
    pub len: usize,
}

impl NpyHeader {
    /// The element count the shape declares, saturating rather than overflowing.
    pub fn elements(&self) -> u128 {
        self.shape
            .iter()
            .fold(1u128, |n, &d| n.saturating_mul(u128::from(d)))
    }

    /// Bytes per element, from the dtype's trailing digits (`<f8` → 8).
    pub fn item_size(&self) -> Option<u64> {
        let digits = self.descr.trim_start_matches(|c: char| !c.is_ascii_digit());
        digits.parse().ok().filter(|&n| n > 0)
    }
}

/// Reads the header from the start of an array, reading at most the header's own bytes.
/// The returned bytes are exactly the header, for handing on with the data.
pub(crate) fn read_header(reader: &mut impl Read) -> Result<(NpyHeader, Vec<u8>), String> {
    let mut prefix = [0u8; 8];
    reader
        .read_exact(&mut prefix)
        .map_err(|e| format!("cannot read the .npy header: {e}"))?;
    if &prefix[..6] != MAGIC {
        return Err("not an .npy array (bad magic)".into());
    }
    let mut bytes = prefix.to_vec();
    let dict_len = match prefix[6] {
        1 => {
            let mut len = [0u8; 2];
            reader
                .read_exact(&mut len)
                .map_err(|e| format!("cannot read the .npy header: {e}"))?;
            bytes.extend_from_slice(&len);
            usize::from(u16::from_le_bytes(len))
        }
        2 | 3 => {
            let mut len = [0u8; 4];
            reader
                .read_exact(&mut len)
                .map_err(|e| format!("cannot read the .npy header: {e}"))?;
            bytes.extend_from_slice(&len);
            usize::try_from(u32::from_le_bytes(len)).unwrap_or(usize::MAX)
        }
        major => return Err(format!(".npy version {major} is not supported")),
    };
    if dict_len > MAX_NPY_HEADER_BYTES {
        return Err(format!(
            ".npy header of {dict_len} bytes is over the limit of {MAX_NPY_HEADER_BYTES}"
        ));
    }
    let start = bytes.len();
    bytes.resize(start + dict_len, 0);
    reader
        .read_exact(&mut bytes[start..])
        .map_err(|e| format!("cannot read the .npy header: {e}"))?;
    let text = std::str::from_utf8(&bytes[start..])
        .map_err(|_| "the .npy header is not text".to_owned())?;
    let mut header = parse_dict(text)?;
    header.len = bytes.len();
    Ok((header, bytes))
}

/// One token of the header's Python literal.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Punct(char),
    Str(String),
    Int(u64),
    Name(String),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            _ if c.is_whitespace() => {
                chars.next();
            }
            '{' | '}' | '(' | ')' | ',' | ':' => {
                out.push(Token::Punct(c));
                chars.next();
            }
            '\'' | '"' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some(ch) => s.push(ch),
                        None => return Err("unterminated string in the .npy header".into()),
                    }
                }
                out.push(Token::Str(s));
            }
            '0'..='9' => {
                let mut n: u64 = 0;
                while let Some(d) = chars.peek().and_then(|ch| ch.to_digit(10)) {
                    n = n
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(u64::from(d)))
                        .ok_or("a dimension in the .npy header is too large")?;
                    chars.next();
                }
                // Python 2 wrote shapes as `(2L, 4L)`.
                if chars.peek() == Some(&'L') {
                    chars.next();
                }
                out.push(Token::Int(n));
            }
            _ if c.is_ascii_alphabetic() => {
                let mut s = String::new();
                while let Some(&ch) = chars.peek().filter(|ch| ch.is_ascii_alphanumeric()) {
                    s.push(ch);
                    chars.next();
                }
                out.push(Token::Name(s));
            }
            _ => return Err(format!("unexpected {c:?} in the .npy header")),
        }
    }
    Ok(out)
}

fn parse_dict(text: &str) -> Result<NpyHeader, String> {
    let tokens = tokens(text)?;
    let mut it = tokens.into_iter().peekable();
    let bad = |what: &str| format!("malformed .npy header: {what}");
    if it.next() != Some(Token::Punct('{')) {
        return Err(bad("expected '{'"));
    }
    let (mut descr, mut fortran_order, mut shape) = (None, None, None);
    loop {
        let key = match it.next() {
            Some(Token::Punct('}')) => break,
            Some(Token::Str(key)) => key,
            _ => return Err(bad("expected a key")),
        };
        if it.next() != Some(Token::Punct(':')) {
            return Err(bad("expected ':'"));
        }
        match (key.as_str(), it.next()) {
            ("descr", Some(Token::Str(s))) => descr = Some(s),
            ("fortran_order", Some(Token::Name(b))) if b == "True" || b == "False" => {
                fortran_order = Some(b == "True");
            }
            ("shape", Some(Token::Punct('('))) => {
                let mut dims = Vec::new();
                let mut after_number = false;
                loop {
                    match it.next() {
                        Some(Token::Punct(')')) => break,
                        Some(Token::Int(n)) if !after_number => dims.push(n),
                        Some(Token::Punct(',')) if after_number => {}
                        _ => return Err(bad("expected a shape of whole numbers")),
                    }
                    after_number = !after_number;
                }
                shape = Some(dims);
            }
            _ => return Err(bad(&format!("unexpected value for key {key:?}"))),
        }
        match it.next() {
            Some(Token::Punct(',')) => {}
            Some(Token::Punct('}')) => break,
            _ => return Err(bad("expected ',' or '}'")),
        }
    }
    if it.next().is_some() {
        return Err(bad("text after the closing '}'"));
    }
    Ok(NpyHeader {
        descr: descr.ok_or_else(|| bad("no 'descr'"))?,
        fortran_order: fortran_order.ok_or_else(|| bad("no 'fortran_order'"))?,
        shape: shape.ok_or_else(|| bad("no 'shape'"))?,
        len: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(dict: &str) -> Vec<u8> {
        let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
        bytes.extend_from_slice(&(dict.len() as u16).to_le_bytes());
        bytes.extend_from_slice(dict.as_bytes());
        bytes
    }

    #[test]
    fn reads_what_numpy_writes() {
        let bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }    \n");
        let (header, raw) = read_header(&mut bytes.as_slice()).unwrap();
        assert_eq!(header.descr, "<f8");
        assert!(!header.fortran_order);
        assert_eq!(header.shape, vec![2, 4]);
        assert_eq!(header.elements(), 8);
        assert_eq!(header.item_size(), Some(8));
        assert_eq!(raw, bytes);
        assert_eq!(header.len, bytes.len());
    }

    #[test]
    fn scalars_and_one_dimensional_shapes() {
        let bytes = npy("{'descr': '|u1', 'fortran_order': True, 'shape': (7,)}");
        let (header, _) = read_header(&mut bytes.as_slice()).unwrap();
        assert_eq!(header.shape, vec![7]);
        assert!(header.fortran_order);
        let bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': ()}");
        let (header, _) = read_header(&mut bytes.as_slice()).unwrap();
        assert_eq!(header.elements(), 1);
    }

    #[test]
    fn huge_shapes_saturate_instead_of_overflowing() {
        let dict = format!(
            "{{'descr': '<f8', 'fortran_order': False, 'shape': ({0}, {0}, {0}), }}",
            u64::MAX
        );
        let (header, _) = read_header(&mut npy(&dict).as_slice()).unwrap();
        assert!(header.elements() > u128::from(u64::MAX));
    }

    #[test]
    fn malformed_headers_are_errors() {
        for dict in [
            "",
            "{",
            "{'descr': '<f8'}",
            "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x",
            "{'descr: '<f8'}",
        ] {
            assert!(read_header(&mut npy(dict).as_slice()).is_err(), "{dict}");
        }
        assert!(read_header(&mut &b"\x93NUMPX\x01\x00"[..]).is_err());
        assert!(read_header(&mut &b"\x93NUMPY\x02\x00\xff\xff\xff\xff"[..]).is_err());
    }
}
