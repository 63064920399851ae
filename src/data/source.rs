//! Reading a file named by someone else: the command line, a weights or experiment file, the
//! settings. Such a path may name a FIFO, a terminal or a device, and a plain `File::open` of a
//! FIFO blocks until a writer appears (forever, at every launch, if the path sits in the
//! settings). So every such read goes through [`read_regular`]: the file is opened without
//! blocking, its type is checked on the open handle (no race with a rename), and it is read
//! whole only if it is a regular file no larger than the caller's limit. A file that grows past
//! the limit while it is read is refused, never cut short.

use std::{
    fs::{File, OpenOptions},
    io::{self, Read as _},
    path::Path,
};

/// The longest piece of untrusted text (a file's field, a tag, a name) quoted in a message, in
/// characters: enough to recognise it, never a megabyte "one-line" message.
pub const MAX_QUOTE_CHARS: usize = 60;

/// `text` cut to [`MAX_QUOTE_CHARS`] characters, with `…` when something was cut. Callers
/// escape the result for their quoting style.
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTE_CHARS) {
        None => text.into(),
        Some((end, _)) => format!("{}…", &text[..end]).into(),
    }
}

/// A message that may quote untrusted text (a parser's error naming a string or a variant
/// from the file): every stretch between double quotes or backticks is [`shorten`]ed, and control
/// characters are escaped, so the message stays one short line whatever the file held.
pub fn tame_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_QUOTE_CHARS));
    let mut rest = message;
    while let Some(start) = rest.find(['"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        out.push_str(&escaped(&rest[..=start]));
        let inside = &rest[start + 1..];
        match inside.find(quote) {
            Some(end) => {
                out.push_str(&escaped(&shorten(&inside[..end])));
                out.push(quote);
                rest = &inside[end + 1..];
            }
            None => {
                out.push_str(&escaped(&shorten(inside)));
                return out;
            }
        }
    }
    out.push_str(&escaped(rest));
    out
}

/// `text` with control characters (a newline, a NUL) escaped.
fn escaped(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escape = c
                .is_control()
                .then(|| c.escape_default().collect::<String>());
            escape
                .unwrap_or_else(|| c.to_string())
                .chars()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Why a file named by the user could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The OS refused to open or read it.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// The path names a directory.
    #[error("is a directory, not a file")]
    Directory,
    /// The path names something other than a regular file (FIFO, socket, device).
    #[error("is a {kind}, not a regular file")]
    NotRegular {
        /// What it is, in words: "FIFO", "character device", …
        kind: &'static str,
    },
    /// The file holds more bytes than allowed (or grew past the limit while being read).
    #[error("the file is {size} bytes; the limit is {max} bytes")]
    TooLarge {
        /// Its size, or the bytes read before giving up.
        size: u64,
        /// The limit.
        max: u64,
    },
}

/// Opens `path` for reading without ever blocking: `O_NONBLOCK` makes opening a FIFO with no
/// writer return at once, and `O_NOCTTY` keeps a terminal from becoming ours.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// What a non-regular file type is called in a message.
fn kind_name(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_char_device() {
            return "character device";
        }
        if file_type.is_block_device() {
            return "block device";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    let _ = file_type;
    "special file"
}

/// Opens `path` and checks on the open handle that it is a regular file; returns it with its
/// size. Never blocks, whatever the path names.
pub fn open_regular(path: &Path) -> Result<(File, u64), SourceError> {
    let file = open_nonblocking(path)?;
    let metadata = file.metadata()?;
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return Err(SourceError::Directory);
    }
    if !file_type.is_file() {
        return Err(SourceError::NotRegular {
            kind: kind_name(file_type),
        });
    }
    Ok((file, metadata.len()))
}

/// Reads the regular file at `path` whole, refusing it if it is (or grows) larger than `max`
/// bytes. Memory spent is bounded by `max` whatever the file does while it is read.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, SourceError> {
    let (file, size) = open_regular(path)?;
    if size > max {
        return Err(SourceError::TooLarge { size, max });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // One byte past the limit tells a file that grew from one that is exactly at it.
    file.take(max + 1).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > max {
        return Err(SourceError::TooLarge { size: read, max });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_shortened_on_a_character_boundary() {
        assert_eq!(shorten("abc"), "abc");
        let long = "é".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), MAX_QUOTE_CHARS + 1);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn messages_quote_at_most_a_short_stretch_on_one_line() {
        let long = "x".repeat(10_000);
        let message = format!("invalid type: string \"{long}\", expected f64 at line 9 column 15");
        assert_eq!(
            tame_message(&message),
            format!(
                "invalid type: string \"{}…\", expected f64 at line 9 column 15",
                "x".repeat(60)
            )
        );
        assert_eq!(
            tame_message("unknown variant `a\nb`, expected `xor`"),
            "unknown variant `a\\nb`, expected `xor`"
        );
        assert_eq!(tame_message("plain"), "plain");
        assert!(tame_message(&format!("open \"{long}")).chars().count() < 100);
    }

    #[test]
    fn a_regular_file_is_read_and_a_directory_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, "0,0,1\n").unwrap();
        assert_eq!(read_regular(&path, 100).unwrap(), b"0,0,1\n");
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(SourceError::Directory)
        ));
        assert_eq!(
            read_regular(&path, 3).unwrap_err().to_string(),
            "the file is 6 bytes; the limit is 3 bytes"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        assert_eq!(
            read_regular(Path::new("/dev/null"), 100)
                .unwrap_err()
                .to_string(),
            "is a character device, not a regular file"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            read_regular(&fifo, 100).unwrap_err().to_string(),
            "is a FIFO, not a regular file"
        );
    }
}
