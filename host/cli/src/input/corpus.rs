//! Corpora: where `echri batch` and `echri align` read cases from, and
//! bounded line reading for JSON Lines input.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use crate::input::case_file::{Format, MAX_CASE_FILE_BYTES};

/// An input that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read `{name}`")]
pub struct Unreadable {
    /// The input's name.
    pub name: String,
    /// The cause.
    #[source]
    pub source: io::Error,
}

/// Where the cases come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// JSON Lines on standard input (`-`).
    Stdin,
    /// A JSON Lines file.
    Lines(PathBuf),
    /// A directory of `.toml` and `.json` case files (not recursive).
    Dir(PathBuf),
    /// One case file (`.toml`, or `.json` holding a single case).
    File(PathBuf),
}

impl Input {
    /// `-` is stdin, a directory is a directory, a `.toml` or `.json` file
    /// is one case, anything else (e.g. `.jsonl`) a JSON Lines file.
    pub fn from_arg(arg: &Path) -> Input {
        if arg.as_os_str() == "-" {
            Input::Stdin
        } else if arg.is_dir() {
            Input::Dir(arg.to_owned())
        } else if Format::of_path(arg).is_some() {
            Input::File(arg.to_owned())
        } else {
            Input::Lines(arg.to_owned())
        }
    }

    /// Fails (naming the input) when it cannot be opened, before any work
    /// is done.
    pub fn check_readable(&self) -> Result<(), Unreadable> {
        let result = match self {
            Input::Lines(p) | Input::File(p) => std::fs::File::open(p).map(drop),
            Input::Dir(p) => std::fs::read_dir(p).map(drop),
            Input::Stdin => Ok(()),
        };
        result.map_err(|source| Unreadable {
            name: self.name(),
            source,
        })
    }

    /// The name used in messages.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::Lines(p) | Input::Dir(p) | Input::File(p) => p.display().to_string(),
        }
    }
}

/// Reads one line (up to and including `\n`) into `buf`, keeping at most
/// [`MAX_CASE_FILE_BYTES`] of it. Returns the bytes consumed and whether the
/// line was cut.
pub fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<(usize, bool)> {
    let limit = MAX_CASE_FILE_BYTES as usize;
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, too_long));
        }
        let (take, end) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !too_long {
            if buf.len() + take > limit + 1 {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        reader.consume(take);
        consumed += take;
        if end {
            return Ok((consumed, too_long));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_and_flagged() {
        let long = "x".repeat(MAX_CASE_FILE_BYTES as usize + 10);
        let text = format!("short\n{long}\nlast");
        let mut r = io::BufReader::with_capacity(64, text.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf).unwrap(), (6, false));
        assert_eq!(buf, b"short\n");
        buf.clear();
        let (n, cut) = read_line(&mut r, &mut buf).unwrap();
        assert_eq!((n, cut), (long.len() + 1, true));
        buf.clear();
        assert_eq!(read_line(&mut r, &mut buf).unwrap(), (4, false));
        assert_eq!(buf, b"last");
    }
}
