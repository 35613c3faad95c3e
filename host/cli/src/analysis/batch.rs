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
use std::io::{self, Read};
use std::path::PathBuf;
use std::str::FromStr;

use echri_sdk::model::{Capability, Case, EndUseCategory, Outcome, PartyKind, RiskFact};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use echri_runtime::Slot;

use crate::analysis::compare;
use crate::input::case_file::{self, Format, MAX_CASE_FILE_BYTES};
use crate::input::corpus::{Input, read_line};

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
    /// The case's items: control code and capabilities, in case order.
    /// Empty in records written before the field existed.
    #[serde(default)]
    pub items: Vec<RecordItem>,
    /// The kinds of the case's `end-user` parties, in party order, each
    /// once. Empty in records written before the field existed.
    #[serde(default)]
    pub end_users: Vec<PartyKind>,
    /// The end-use category. `None` in records written before the field
    /// existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_use: Option<EndUseCategory>,
    /// The stipulated facts, in case order.
    #[serde(default)]
    pub facts: Vec<RiskFact>,
    /// Each jurisdiction's outcome (evaluated jurisdictions only).
    pub outcomes: BTreeMap<String, Outcome>,
    /// Each evaluated jurisdiction's decisive rule ids, in the module's order.
    pub decisive: BTreeMap<String, Vec<String>>,
    /// Why a module has no outcome, by jurisdiction (or, for a module that
    /// failed to load, by its file or crate name). Absent when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, String>,
    /// `sha256:` of the canonical case (as a compare decision record has
    /// it). `None` in records written before the field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_digest: Option<String>,
    /// The modules the case was evaluated under (reference, jurisdiction,
    /// version, contract, digest, signer), in load order: written by
    /// `echri batch` into every JSON record; empty when read from older
    /// records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<compare::ModuleRecord>,
    /// Steps on the outcome scale between the least and the most
    /// restrictive outcome.
    pub spread: u8,
    /// Whether every evaluated jurisdiction reached the same outcome.
    pub unanimous: bool,
}

/// One item of a case, as a record carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordItem {
    /// Its control code (`5A001.j`, `EAR99`, `ML10`, ...).
    pub control_code: String,
    /// Its capabilities.
    #[serde(default)]
    pub capabilities: Vec<Capability>,
}

/// The case attributes a record carries: items, end-user kinds, end-use
/// category and facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributes {
    /// See [`Record::items`].
    pub items: Vec<RecordItem>,
    /// See [`Record::end_users`].
    pub end_users: Vec<PartyKind>,
    /// See [`Record::end_use`].
    pub end_use: EndUseCategory,
    /// See [`Record::facts`].
    pub facts: Vec<RiskFact>,
}

impl Attributes {
    /// The attributes of `case`.
    pub fn of(case: &Case) -> Attributes {
        let mut end_users: Vec<PartyKind> = Vec::new();
        for p in case.end_users() {
            if !end_users.contains(&p.kind) {
                end_users.push(p.kind);
            }
        }
        Attributes {
            items: case
                .items
                .iter()
                .map(|i| RecordItem {
                    control_code: i.control_code.as_str().to_owned(),
                    capabilities: i.capabilities.clone(),
                })
                .collect(),
            end_users,
            end_use: case.end_use.category,
            facts: case.facts.clone(),
        }
    }
}

impl Record {
    /// Evaluates `case` under every slot.
    pub fn evaluate(slots: &[Slot], case: &Case, line: u64, file: Option<String>) -> Record {
        Record::of(&compare::compare_slots(slots, case), line, file)
    }

    /// The record of a comparison (of the case on `line`, from `file`).
    pub fn of(c: &compare::Comparison, line: u64, file: Option<String>) -> Record {
        let case = &c.case;
        let mut outcomes = BTreeMap::new();
        let mut decisive = BTreeMap::new();
        let mut errors = BTreeMap::new();
        for r in &c.results {
            let who = match &r.jurisdiction {
                Some(j) => j.clone(),
                None => match &r.origin {
                    echri_runtime::Origin::Builtin(n) | echri_runtime::Origin::File(n) => n.clone(),
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
        let attributes = Attributes::of(case);
        Record {
            schema: BATCH_SCHEMA.to_owned(),
            line,
            file,
            id: case.id.clone(),
            as_of: case.as_of.to_string(),
            destination: case.destination.code().to_owned(),
            items: attributes.items,
            end_users: attributes.end_users,
            end_use: Some(attributes.end_use),
            facts: attributes.facts,
            outcomes,
            decisive,
            errors,
            case_digest: Some(compare::canonical_case(case).1),
            modules: Vec::new(),
            spread: c.alignment.spread,
            unanimous: c.alignment.unanimous,
        }
    }

    /// The record as one line of JSON (without the newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("records always serialise")
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
    Line {
        line: u64,
        text: Result<String, String>,
    },
    File {
        pos: u64,
        path: PathBuf,
    },
}

/// The outcome of one unit of input.
enum Done<T> {
    Record(T),
    Bad(String),
}

/// What a run makes of one case: a [`Record`] for `echri batch`, or
/// anything else that evaluates the case (e.g. with its counterfactual
/// twins, [`crate::analysis::sensitivity`]).
pub trait Evaluated: Send {
    /// Evaluations that produced an assessment, and module errors (failed
    /// evaluations, and failed modules once per case).
    fn counts(&self) -> (u64, u64);
}

impl Evaluated for Record {
    fn counts(&self) -> (u64, u64) {
        (self.outcomes.len() as u64, self.errors.len() as u64)
    }
}

/// How a run evaluates one case: the slots, the case, its line (or
/// position) and its file (directory input).
pub type EvalFn<'a, T> = dyn Fn(&[Slot], &Case, u64, Option<String>) -> T + Sync + 'a;

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
    run_with(
        input,
        pool,
        slots,
        shard,
        chunk,
        &Record::evaluate,
        on_record,
        on_bad,
        on_progress,
    )
}

/// [`run`] with another evaluation per case: `eval` makes each case's
/// result (in parallel), `on_record` gets them in input order.
#[allow(clippy::too_many_arguments, reason = "the callbacks are the interface")]
pub fn run_with<T: Evaluated>(
    input: &Input,
    pool: &rayon::ThreadPool,
    slots: &[Slot],
    shard: Option<Shard>,
    chunk: usize,
    eval: &EvalFn<'_, T>,
    on_record: &mut dyn FnMut(&T) -> io::Result<()>,
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
    let mut process =
        |items: &mut Vec<Item>, summary: &mut Summary, bytes: u64| -> Result<(), BatchError> {
            let results: Vec<Done<T>> = pool.install(|| {
                items
                    .par_iter()
                    .map(|item| evaluate_item(item, slots, &name, eval))
                    .collect()
            });
            items.clear();
            for d in results {
                match d {
                    Done::Record(r) => {
                        let (evaluations, errors) = r.counts();
                        summary.cases += 1;
                        summary.evaluations += evaluations;
                        summary.module_errors += errors;
                        if errors == 0 {
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
                    Err(format!(
                        "{name}:{line}: the line is longer than {MAX_CASE_FILE_BYTES} bytes"
                    ))
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

fn evaluate_item<T>(item: &Item, slots: &[Slot], name: &str, eval: &EvalFn<'_, T>) -> Done<T> {
    match item {
        Item::Line { line, text } => {
            let text = match text {
                Ok(t) => t,
                Err(msg) => return Done::Bad(msg.clone()),
            };
            match case_file::parse_case(text, Format::Json, name) {
                Ok(case) => Done::Record(eval(slots, &case, *line, None)),
                Err(mut invalid) => {
                    // The text is one line: its position is the input's line.
                    invalid.line = Some(*line as usize);
                    Done::Bad(invalid.to_string())
                }
            }
        }
        Item::File { pos, path } => match case_file::read_case_file(path) {
            Ok(case) => Done::Record(eval(slots, &case, *pos, Some(path.display().to_string()))),
            Err(e) => Done::Bad(format!("{:#}", anyhow::Error::from(e))),
        },
    }
}

/// The jurisdictions of the loaded modules.
pub fn jurisdictions(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .filter_map(|s| match s {
            Slot::Loaded(m) => Some(m.name().to_owned()),
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
}
