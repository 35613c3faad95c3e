//! `echri align RESULTS`: agreement between jurisdictions over batch
//! records (or over cases it evaluates itself with `--cases`).

use std::collections::HashMap;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use echri::analysis::align::Aligner;
use echri::analysis::batch::{self, Record};
use echri::input::corpus::Input;
use echri::render::{csv, json, markdown, table, text};

use super::batch::{Run, Sink};
use super::{Exit, GlobalArgs, LimitArgs, Outcome, RulesArgs, usage, warn};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AlignFormat {
    /// Tables for people.
    Table,
    /// JSON (schema `echri.align/1`, docs/json.md).
    Json,
    /// One CSV row per pair of jurisdictions.
    Csv,
    /// Markdown tables.
    Markdown,
}

/// `echri align`.
#[derive(Args, Debug)]
pub(crate) struct AlignArgs {
    /// Results of `echri batch` (JSON Lines), `-` for standard input.
    #[arg(required_unless_present = "cases", conflicts_with = "cases")]
    results: Option<PathBuf>,
    /// Evaluate these cases first (as `echri batch` reads them: a JSON
    /// Lines file, `-`, or a directory) instead of reading results.
    #[arg(long, value_name = "FILE|DIR")]
    cases: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Table)]
    format: AlignFormat,
    /// Evaluation threads with `--cases` (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

impl Sink for Aligner {
    fn header(&mut self, _: &[String]) -> io::Result<()> {
        Ok(())
    }
    fn record(&mut self, r: &Record) -> io::Result<()> {
        self.add(r);
        Ok(())
    }
}

pub(crate) fn run(global: GlobalArgs, args: AlignArgs) -> Outcome {
    let mut aligner = Aligner::new();
    let clean = if let Some(cases) = &args.cases {
        let input = Input::from_arg(cases);
        let run = Run {
            global,
            input: &input,
            rules: &args.rules,
            limits: &args.limits,
            threads: super::threads(args.threads),
            shard: None,
            chunk: batch::CHUNK,
            progress: false,
        };
        let summary = super::batch::evaluate(&run, &mut aligner)?;
        if !global.quiet {
            eprintln!("echri align: {summary}");
        }
        summary.clean()
    } else {
        let path = args.results.as_deref().unwrap_or(Path::new("-"));
        read_results(global, path, &mut aligner)?
    };
    let report = aligner.finish();
    let text = match args.format {
        AlignFormat::Table => table::align(&report, text::width()),
        AlignFormat::Json => json::align(&report),
        AlignFormat::Csv => csv::align(&report),
        AlignFormat::Markdown => markdown::align(&report),
    };
    super::print(&text)?;
    Ok(if clean { Exit::Ok } else { Exit::Partial })
}

/// Whether a JSON line is a case rather than a batch record.
fn looks_like_a_case(line: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema: Option<serde::de::IgnoredAny>,
        items: Option<serde::de::IgnoredAny>,
        as_of: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Probe>(line)
        .is_ok_and(|p| p.schema.is_none() && p.items.is_some() && p.as_of.is_some())
}

/// Reads batch records into `aligner`. Bad lines are said on stderr and
/// skipped; a record whose case id was already seen is skipped and counted.
/// Returns whether every line was a new, valid record. Case input instead of
/// records is one usage error with a hint.
fn read_results(
    global: GlobalArgs,
    path: &Path,
    aligner: &mut Aligner,
) -> Result<bool, super::Failure> {
    let stdin = path.as_os_str() == "-";
    let (name, reader): (String, Box<dyn BufRead>) = if stdin {
        (
            "<stdin>".to_owned(),
            Box::new(io::BufReader::new(io::stdin().lock())),
        )
    } else {
        let f = std::fs::File::open(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        (
            path.display().to_string(),
            Box::new(io::BufReader::with_capacity(1 << 16, f)),
        )
    };
    let mut bad = 0u64;
    // Case id -> the line it was first seen on.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut duplicates = 0u64;
    let mut first_duplicate: Option<(String, usize, usize)> = None;
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.with_context(|| format!("cannot read `{name}`"))?;
        let n = i + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(&line) {
            Ok(r) if r.schema == batch::BATCH_SCHEMA => {
                if let Some(&first) = seen.get(&r.id) {
                    duplicates += 1;
                    first_duplicate.get_or_insert((r.id.clone(), first, n));
                    continue;
                }
                seen.insert(r.id.clone(), n);
                aligner.add(&r);
            }
            Ok(r) => {
                bad += 1;
                eprintln!(
                    "echri: bad record: {name}:{n}: schema `{}`, expected `{}`",
                    r.schema,
                    batch::BATCH_SCHEMA
                );
            }
            Err(_) if bad == 0 && seen.is_empty() && looks_like_a_case(&line) => {
                let hint = if stdin {
                    "-".to_owned()
                } else {
                    path.display().to_string()
                };
                return Err(usage(anyhow::anyhow!(
                    "{name}:{n} is a case, not a batch record: `echri align` reads the output of \
                     `echri batch`; did you mean `echri align --cases {hint}`?"
                )));
            }
            Err(e) => {
                bad += 1;
                eprintln!("echri: bad record: {name}:{n}: {e}");
            }
        }
    }
    if let Some((id, first, again)) = first_duplicate {
        warn(
            global,
            format_args!(
                "{duplicates} record(s) repeat a case id already read and were skipped \
                 (first: `{}` on line {again}, seen on line {first})",
                text::safe(&id)
            ),
        );
    }
    Ok(bad == 0 && duplicates == 0)
}
