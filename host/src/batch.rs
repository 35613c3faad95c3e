//! Evaluating a corpus of cases: JSON Lines (a file or stdin) or a
//! directory of case files, every case under every loaded module, one compact
//! record per case.
//!
//! Memory stays constant however large the input: cases are read in chunks
//! of [`CHUNK`], each chunk is evaluated in parallel and its records are
//! handed on in input order before the next chunk is read. The records do
//! not depend on the number of threads.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use echri_sdk::model::{Case, Outcome};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::case_file::{self, Format, MAX_CASE_FILE_BYTES};
use crate::compare::{self, Slot};

/// Schema identifier of a batch record.
pub const BATCH_SCHEMA: &str = "echri.batch/1";

/// Cases read, evaluated and written per chunk.
pub const CHUNK: usize = 4096;

/// One case's result: what `echri batch` writes per case (schema in
/// `docs/json.md`). Maps are keyed by jurisdiction, in alphabetical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`BATCH_SCHEMA`].
    pub schema: String,
    /// The case's 1-based line in JSON Lines input, or its 1-based position
    /// in the sorted file list of a directory.
    pub line: u64,
    /// The case file, for directory input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The case's id.
    pub id: String,
    /// The case's date.
    pub as_of: String,
    /// The destination.
    pub destination: String,
    /// Each jurisdiction's outcome (evaluated jurisdictions only).
    pub outcomes: BTreeMap<String, Outcome>,
    /// Each evaluated jurisdiction's decisive rule ids, in the module's order.
    pub decisive: BTreeMap<String, Vec<String>>,
    /// Why a module has no outcome, by jurisdiction (or, for a module that
    /// failed to load, by its file or crate name). Absent when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, String>,
    /// Steps on the outcome scale between the least and the most
    /// restrictive outcome.
    pub spread: u8,
    /// Whether every evaluated jurisdiction reached the same outcome.
    pub unanimous: bool,
}

impl Record {
    /// Evaluates `case` under every slot.
    pub fn evaluate(slots: &[Slot], case: &Case, line: u64, file: Option<String>) -> Record {
        let c = compare::compare(slots, case);
        let mut outcomes = BTreeMap::new();
        let mut decisive = BTreeMap::new();
        let mut errors = BTreeMap::new();
        for r in &c.results {
            let who = match &r.jurisdiction {
                Some(j) => j.clone(),
                None => match &r.origin {
                    crate::module::Origin::Builtin(n) | crate::module::Origin::File(n) => n.clone(),
                },
            };
            match &r.result {
                Ok(a) => {
                    outcomes.insert(who.clone(), a.outcome);
                    decisive.insert(who, a.decisive().map(|f| f.rule_id.clone()).collect());
                }
                Err(e) => {
                    errors.insert(who, e.message().to_owned());
                }
            }
        }
        Record {
            schema: BATCH_SCHEMA.to_owned(),
            line,
            file,
            id: case.id.clone(),
            as_of: case.as_of.to_string(),
            destination: case.destination.code().to_owned(),
            outcomes,
            decisive,
            errors,
            spread: c.alignment.spread,
            unanimous: c.alignment.unanimous,
        }
    }

    /// The record as one line of JSON (without the newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("records always serialise")
    }
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

    /// The name used in messages.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::Lines(p) | Input::Dir(p) | Input::File(p) => p.display().to_string(),
        }
    }
}

/// A deterministic slice of the input: the cases whose 0-based input index
/// (blank lines not counted) modulo `count` is `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0..count`.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl Shard {
    /// Whether the case with 0-based input index `i` is in this shard.
    pub fn contains(self, i: u64) -> bool {
        i % self.count == self.index
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("invalid shard `{s}`, expected I/N with 0 <= I < N, e.g. `0/4`");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Cases read and valid (records written).
    pub cases: u64,
    /// Cases every module evaluated.
    pub evaluated: u64,
    /// Evaluations that produced an assessment.
    pub evaluations: u64,
    /// Per-case module errors (failed evaluations, and failed modules once
    /// per case).
    pub module_errors: u64,
    /// Lines or files that were not a valid case.
    pub bad: u64,
}

impl Summary {
    /// Whether anything went wrong.
    pub fn clean(&self) -> bool {
        self.module_errors == 0 && self.bad == 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} case(s), {} fully evaluated ({} evaluation(s)), {} module error(s), {} bad input(s)",
            self.cases, self.evaluated, self.evaluations, self.module_errors, self.bad
        )
    }
}

/// Why a run stopped early: the input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The input could not be opened or read.
    #[error("cannot read {name}")]
    Input {
        /// The input.
        name: String,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// The consumer of the records failed (e.g. the output could not be
    /// written).
    #[error("cannot write the results")]
    Output(#[source] io::Error),
}

/// One unit of input.
enum Item {
    Line { line: u64, text: Result<String, String> },
    File { pos: u64, path: PathBuf },
}

/// The outcome of one unit of input.
enum Done {
    Record(Record),
    Bad(String),
}

/// Reads `input`, evaluates every case of `shard` (all when `None`) under
/// `slots`, and hands each record to `on_record`
/// in input order; each bad line or file goes to `on_bad` (a located
/// message) and is skipped. `on_progress` gets the number of cases done
/// after each chunk and, for file input, the bytes read so far. Each chunk
/// is evaluated on `pool`.
#[allow(clippy::too_many_arguments, reason = "the callbacks are the interface")]
pub fn run(
    input: &Input,
    pool: &rayon::ThreadPool,
    slots: &[Slot],
    shard: Option<Shard>,
    chunk: usize,
    on_record: &mut dyn FnMut(&Record) -> io::Result<()>,
    on_bad: &mut dyn FnMut(&str),
    on_progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary, BatchError> {
    let chunk = chunk.max(1);
    let name = input.name();
    let input_err = |source| BatchError::Input {
        name: name.clone(),
        source,
    };
    let mut summary = Summary::default();
    let mut done_count = 0u64;
    let mut process = |items: &mut Vec<Item>, summary: &mut Summary, bytes: u64| -> Result<(), BatchError> {
        let results: Vec<Done> =
            pool.install(|| items.par_iter().map(|item| evaluate_item(item, slots, &name)).collect());
        items.clear();
        for d in results {
            match d {
                Done::Record(r) => {
                    summary.cases += 1;
                    summary.evaluations += r.outcomes.len() as u64;
                    summary.module_errors += r.errors.len() as u64;
                    if r.errors.is_empty() {
                        summary.evaluated += 1;
                    }
                    on_record(&r).map_err(BatchError::Output)?;
                }
                Done::Bad(msg) => {
                    summary.bad += 1;
                    on_bad(&msg);
                }
            }
            done_count += 1;
        }
        on_progress(done_count, bytes);
        Ok(())
    };

    let in_shard = |i: u64| shard.is_none_or(|s| s.contains(i));
    let mut items: Vec<Item> = Vec::with_capacity(chunk);
    // Case files (one, or a directory's), else JSON Lines.
    let files: Option<Vec<PathBuf>> = match input {
        Input::File(path) => Some(vec![path.clone()]),
        Input::Dir(dir) => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(input_err)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| Format::of_path(p).is_some() && p.is_file())
                .collect();
            files.sort();
            Some(files)
        }
        Input::Stdin | Input::Lines(_) => None,
    };
    match files {
        Some(files) => {
            for (i, path) in files.into_iter().enumerate() {
                let i = i as u64;
                if !in_shard(i) {
                    continue;
                }
                items.push(Item::File { pos: i + 1, path });
                if items.len() == chunk {
                    process(&mut items, &mut summary, 0)?;
                }
            }
        }
        None => {
            let reader: Box<dyn Read> = match input {
                Input::Lines(p) => Box::new(std::fs::File::open(p).map_err(input_err)?),
                _ => Box::new(io::stdin()),
            };
            let mut reader = io::BufReader::with_capacity(1 << 16, reader);
            let mut buf = Vec::new();
            let mut line = 0u64;
            let mut index = 0u64;
            let mut bytes = 0u64;
            loop {
                buf.clear();
                let (n, too_long) = read_line(&mut reader, &mut buf).map_err(input_err)?;
                if n == 0 {
                    break;
                }
                bytes += n as u64;
                line += 1;
                let blank = !too_long && buf.iter().all(u8::is_ascii_whitespace);
                if blank {
                    continue;
                }
                let i = index;
                index += 1;
                if !in_shard(i) {
                    continue;
                }
                let text = if too_long {
                    Err(format!("{name}:{line}: the line is longer than {MAX_CASE_FILE_BYTES} bytes"))
                } else {
                    String::from_utf8(std::mem::take(&mut buf))
                        .map_err(|_| format!("{name}:{line}: the line is not valid UTF-8"))
                };
                items.push(Item::Line { line, text });
                if items.len() == chunk {
                    process(&mut items, &mut summary, bytes)?;
                }
            }
            if !items.is_empty() {
                process(&mut items, &mut summary, bytes)?;
            }
            return Ok(summary);
        }
    }
    if !items.is_empty() {
        process(&mut items, &mut summary, 0)?;
    }
    Ok(summary)
}

/// Reads one line (up to and including `\n`) into `buf`, keeping at most
/// [`MAX_CASE_FILE_BYTES`] of it. Returns the bytes consumed and whether the
/// line was cut.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<(usize, bool)> {
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

fn evaluate_item(item: &Item, slots: &[Slot], name: &str) -> Done {
    match item {
        Item::Line { line, text } => {
            let text = match text {
                Ok(t) => t,
                Err(msg) => return Done::Bad(msg.clone()),
            };
            match case_file::parse_case(text, Format::Json, name) {
                Ok(case) => Done::Record(Record::evaluate(slots, &case, *line, None)),
                Err(mut invalid) => {
                    // The text is one line: its position is the input's line.
                    invalid.line = Some(*line as usize);
                    Done::Bad(invalid.to_string())
                }
            }
        }
        Item::File { pos, path } => match case_file::read_case_file(path) {
            Ok(case) => Done::Record(Record::evaluate(slots, &case, *pos, Some(path.display().to_string()))),
            Err(e) => {
                let e = anyhow::Error::from(e);
                Done::Bad(e.chain().map(ToString::to_string).collect::<Vec<_>>().join(": "))
            }
        },
    }
}

/// The output formats of `echri batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON record per line.
    Jsonl,
    /// One CSV row per case.
    Csv,
}

/// Writes records in one of the [`OutFormat`]s.
#[derive(Debug)]
pub struct RecordWriter<W: Write> {
    out: W,
    format: OutFormat,
    jurisdictions: Vec<String>,
    line: String,
}

impl<W: Write> RecordWriter<W> {
    /// A writer; for CSV, writes the header with one column per entry of
    /// `jurisdictions` (sorted here).
    pub fn new(mut out: W, format: OutFormat, jurisdictions: &[String]) -> io::Result<RecordWriter<W>> {
        let mut jurisdictions = jurisdictions.to_vec();
        jurisdictions.sort();
        if format == OutFormat::Csv {
            let mut header = String::from("line,id,destination,as_of");
            for j in &jurisdictions {
                header.push(',');
                header.push_str(&csv_field(j));
            }
            header.push_str(",spread\n");
            out.write_all(header.as_bytes())?;
        }
        Ok(RecordWriter {
            out,
            format,
            jurisdictions,
            line: String::new(),
        })
    }

    /// Writes one record.
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        self.line.clear();
        match self.format {
            OutFormat::Jsonl => {
                self.line.push_str(&r.to_json());
            }
            OutFormat::Csv => {
                use std::fmt::Write as _;
                let _ = write!(
                    self.line,
                    "{},{},{},{}",
                    r.line,
                    csv_field(&r.id),
                    csv_field(&r.destination),
                    r.as_of
                );
                for j in &self.jurisdictions {
                    self.line.push(',');
                    match r.outcomes.get(j) {
                        Some(o) => self.line.push_str(o.as_str()),
                        None if r.errors.contains_key(j) => self.line.push_str("error"),
                        None => {}
                    }
                }
                let _ = write!(self.line, ",{}", r.spread);
            }
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }

    /// Flushes and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A CSV field, quoted when it needs to be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The jurisdictions of the loaded modules.
pub fn jurisdictions(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .filter_map(|s| match s {
            Slot::Loaded(m) => Some(m.info().jurisdiction.clone()),
            Slot::Failed { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_partition() {
        let s: Shard = "1/3".parse().unwrap();
        assert_eq!(s, Shard { index: 1, count: 3 });
        assert!(s.contains(4) && !s.contains(3));
        for bad in ["3/3", "1", "a/2", "0/0", "-1/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

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

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
