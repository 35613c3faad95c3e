//! `echri align RESULTS`: agreement between jurisdictions over batch
//! records (or over cases it evaluates itself with `--cases`).

use std::collections::HashMap;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use echri::analysis::align::{AlignOptions, Aligner, ConvergenceSpec, Grouping};
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
    /// CSV: one table, chosen with `--table` (default: the pairs).
    Csv,
    /// Markdown tables.
    Markdown,
}

/// What `--by` groups the cases by.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
    /// The destination country.
    Destination,
    /// Each item's control code (a case with several items is in each
    /// code's group).
    Item,
    /// Each end-user party's kind (police, private, ...).
    EndUser,
    /// The end-use category.
    EndUse,
    /// Each stipulated fact; `(none)` for the cases without facts.
    Fact,
}

/// The tables `--table` picks.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AlignTable {
    /// Every pair of jurisdictions: agreement, kappa, distance, rules.
    Pairs,
    /// The agreement matrix.
    Matrix,
    /// Each jurisdiction's outcome distribution.
    Distribution,
    /// The most divergent cases (`--top`).
    Divergent,
    /// Per jurisdiction, the cases where it alone differs.
    Outliers,
    /// With `--by`: per group, each jurisdiction's agreement with the
    /// others and the cases where it stands apart.
    Groups,
    /// With `--by`: every pair's figures per group.
    GroupPairs,
    /// With `--convergence`: the convergence view.
    Convergence,
}

impl AlignTable {
    fn name(self) -> &'static str {
        match self {
            AlignTable::Pairs => "pairs",
            AlignTable::Matrix => "matrix",
            AlignTable::Distribution => "distribution",
            AlignTable::Divergent => "divergent",
            AlignTable::Outliers => "outliers",
            AlignTable::Groups => "groups",
            AlignTable::GroupPairs => "group-pairs",
            AlignTable::Convergence => "convergence",
        }
    }
}

const ALIGN_AFTER: &str = "\
Outliers: a jurisdiction stands apart on a case when every other jurisdiction
that evaluated it (at least two) reached one outcome and it reached another.

With --by, a case with several items (end users, facts) counts once in each
of their groups, so the groups' cases can add up to more than the corpus.

Convergence (--convergence A:B,C,...; without a value US:DK,FR,NL): A against
each of B, C, ... and against their consensus, the cases where every one of
them that evaluated the case reached the same outcome; per direction (agree,
A stricter, other stricter: a higher step on the outcome scale) the decisive
rules behind it.";

/// `echri align`.
#[derive(Args, Debug)]
#[command(after_help = ALIGN_AFTER)]
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
    /// Agreement figures per group of cases: by destination, control code,
    /// end-user kind, end-use category or fact. A case with several items
    /// (end users, facts) counts in each of its groups.
    #[arg(long, value_enum, value_name = "ATTRIBUTE")]
    by: Option<By>,
    /// How many of the most divergent cases to show.
    #[arg(long, value_name = "N", default_value_t = echri::analysis::align::TOP_CASES)]
    top: usize,
    /// The convergence view: A against each of B, C, ... and against their
    /// consensus (default US:DK,FR,NL, the US against the EU members).
    /// Without a value, give it after RESULTS.
    #[arg(long, value_name = "A:B,C,...", num_args = 0..=1,
          default_missing_value = "US:DK,FR,NL")]
    convergence: Option<ConvergenceSpec>,
    /// Only this table (table, Markdown and CSV; JSON holds every table).
    /// CSV defaults to `pairs`.
    #[arg(long, value_enum, value_name = "TABLE")]
    table: Option<AlignTable>,
    /// Evaluation threads with `--cases` (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

impl Sink for Aligner {
    fn record(&mut self, r: &Record) -> io::Result<()> {
        self.add(r);
        Ok(())
    }
}

pub(crate) fn run(global: GlobalArgs, args: AlignArgs) -> Outcome {
    let table = args.table.map(AlignTable::name);
    match (args.table, args.format) {
        (Some(_), AlignFormat::Json) => {
            return Err(usage(anyhow::anyhow!(
                "`--table` does not apply to `--format json`: the JSON holds every table"
            )));
        }
        (Some(AlignTable::Groups | AlignTable::GroupPairs), _) if args.by.is_none() => {
            return Err(usage(anyhow::anyhow!(
                "`--table {}` needs `--by`",
                table.unwrap_or_default()
            )));
        }
        (Some(AlignTable::Convergence), _) if args.convergence.is_none() => {
            return Err(usage(anyhow::anyhow!(
                "`--table convergence` needs `--convergence`"
            )));
        }
        _ => {}
    }
    let mut aligner = Aligner::with_options(AlignOptions {
        top: args.top,
        by: args.by.map(grouping),
        convergence: args.convergence.clone(),
    });
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
        read_results(global, path, &mut |r| aligner.add(r))?
    };
    let report = aligner.finish();
    let text = match args.format {
        AlignFormat::Table => table::align_only(&report, text::width(), table),
        AlignFormat::Json => json::align(&report),
        AlignFormat::Csv => csv::align_table(&report, table.unwrap_or("pairs"))
            .expect("the options were checked above"),
        AlignFormat::Markdown => markdown::align_only(&report, table),
    };
    super::print(&text)?;
    Ok(if clean { Exit::Ok } else { Exit::Partial })
}

/// The analysis's grouping for a `--by` value.
pub(crate) fn grouping(by: By) -> Grouping {
    match by {
        By::Destination => Grouping::Destination,
        By::Item => Grouping::Item,
        By::EndUser => Grouping::EndUser,
        By::EndUse => Grouping::EndUse,
        By::Fact => Grouping::Fact,
    }
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

/// Reads batch records, handing each to `on_record`. Bad lines are said on stderr and
/// skipped; a record whose case id was already seen is skipped and counted.
/// Returns whether every line was a new, valid record. Case input instead of
/// records is one usage error with a hint.
pub(crate) fn read_results(
    global: GlobalArgs,
    path: &Path,
    on_record: &mut dyn FnMut(&Record),
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
                on_record(&r);
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
