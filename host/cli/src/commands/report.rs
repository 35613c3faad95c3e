//! `echri report RESULTS -o report.html`: one self-contained HTML file over
//! batch records: the agreement heatmaps, outcome distributions, divergence
//! drivers, outliers, convergence (and with `--sensitivity` the
//! sensitivity) charts, each with its table, and the most divergent cases,
//! with every jurisdiction's explanation and citations when the cases are
//! given (`--cases`).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context as _;
use clap::Args;
use echri::analysis::align::{AlignOptions, Aligner, ConvergenceSpec, TOP_CASES};
use echri::analysis::batch::{self, Evaluated, Record};
use echri::analysis::compare::{self, Comparison};
use echri::analysis::sensitivity::{SENSITIVITY_SCHEMA, SensitivityReport};
use echri::input::corpus::Input;
use echri::render::html::{self, CaseDetail, ReportInput};
use echri::render::text;

use super::align::{By, grouping, read_results};
use super::batch::{Run, Sink};
use super::{Exit, GlobalArgs, LimitArgs, Outcome, RulesArgs, usage, warn};

const REPORT_AFTER: &str = "\
The report is one HTML file with its styles and charts (SVG) inline: it
fetches nothing and runs no script, so it opens from a file on a machine
without a network. Every chart prints its figures and has a table behind it.

  echri generate examples/grid.toml > grid.jsonl
  echri batch grid.jsonl > records.jsonl
  echri sensitivity grid.jsonl --format json > sensitivity.json
  echri report records.jsonl --cases grid.jsonl --sensitivity sensitivity.json -o report.html

or in one pass, the cases evaluated here (no records needed):

  echri generate examples/grid.toml | echri report --cases - -o report.html

The heatmaps' numbers are those of `echri align --format json` on the same
records. The same records give the same bytes.

Exit status:
  0  report written, every record valid
  1  report written, but a record was bad or repeated, or a case of
     `--cases` could not be evaluated again (see stderr)
  2  usage error or unreadable input; nothing written";

/// `echri report`.
#[derive(Args, Debug)]
#[command(after_help = REPORT_AFTER)]
pub(crate) struct ReportArgs {
    /// Results of `echri batch` (JSON Lines), `-` for standard input.
    /// Without them, `--cases` are evaluated here.
    #[arg(required_unless_present = "cases")]
    results: Option<PathBuf>,
    /// Write the report to FILE instead of standard output (never over an
    /// input).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The cases the records were made from (as `echri batch` reads them):
    /// the most divergent are evaluated again, to show every
    /// jurisdiction's findings with their explanations and citations.
    /// Without RESULTS, every case is evaluated here (one pass; `-` reads
    /// standard input).
    #[arg(long, value_name = "FILE|DIR")]
    cases: Option<PathBuf>,
    /// A sensitivity report to chart (`echri sensitivity CASES --format
    /// json`).
    #[arg(long, value_name = "FILE")]
    sensitivity: Option<PathBuf>,
    /// How many of the most divergent cases to show.
    #[arg(long, value_name = "N", default_value_t = TOP_CASES)]
    top: usize,
    /// The convergence view: A against each of B, C, ... and their
    /// consensus.
    #[arg(long, value_name = "A:B,C,...", default_value = "US:DK,FR,NL")]
    convergence: ConvergenceSpec,
    /// Also agreement per group of cases (as `echri align --by`).
    #[arg(long, value_enum, value_name = "ATTRIBUTE")]
    by: Option<By>,
    /// Evaluation threads with `--cases` (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The records of the most divergent cases, chosen as [`Aligner`] chooses
/// them (largest spread, then input order), each with its comparison when
/// the cases were evaluated here.
struct TopRecords {
    top: usize,
    seen: u64,
    kept: BTreeMap<(Reverse<u8>, u64), (Record, Option<Comparison>)>,
}

impl TopRecords {
    fn add(&mut self, r: &Record, c: Option<&Comparison>) {
        let seq = self.seen;
        self.seen += 1;
        if r.spread == 0 || self.top == 0 {
            return;
        }
        let key = (Reverse(r.spread), seq);
        if self.kept.len() >= self.top && self.kept.last_key_value().is_some_and(|(k, _)| *k < key)
        {
            return;
        }
        self.kept.insert(key, (r.clone(), c.cloned()));
        if self.kept.len() > self.top {
            self.kept.pop_last();
        }
    }
}

/// Which comparisons may still be among the `top` most divergent, judged
/// by the evaluation threads as they go: once `top` cases of spread `s` or
/// more have been seen (anywhere in the input), no case of a smaller spread
/// can be among them. Counts only grow, so a case of the final top always
/// passed when it was seen.
struct Cutoff {
    top: u64,
    /// Cases seen, by spread.
    seen: [AtomicU64; 8],
}

impl Cutoff {
    /// Counts a case of `spread` and says whether to keep its comparison.
    fn keep(&self, spread: u8) -> bool {
        if spread == 0 || self.top == 0 {
            return false;
        }
        let s = usize::from(spread).min(7);
        self.seen[s].fetch_add(1, Ordering::Relaxed);
        let mut at_least = 0;
        for t in (s + 1..8).rev() {
            at_least += self.seen[t].load(Ordering::Relaxed);
        }
        // `top` cases strictly more divergent: this one cannot be among them.
        at_least < self.top
    }
}

/// A case evaluated here: its record, and its comparison when it may be
/// one of the most divergent.
struct Both {
    record: Record,
    comparison: Option<Comparison>,
}

impl Evaluated for Both {
    fn counts(&self) -> (u64, u64) {
        self.record.counts()
    }
}

/// Feeds the alignment and the most divergent cases.
struct Everything<'a> {
    aligner: &'a mut Aligner,
    top: &'a mut TopRecords,
}

impl Sink<Both> for Everything<'_> {
    fn record(&mut self, b: &Both) -> io::Result<()> {
        self.aligner.add(&b.record);
        self.top.add(&b.record, b.comparison.as_ref());
        Ok(())
    }
}

/// A case of `--cases` evaluated again, when it is one of those wanted.
struct Picked(Option<(u64, Comparison)>);

impl Evaluated for Picked {
    fn counts(&self) -> (u64, u64) {
        match &self.0 {
            Some((_, c)) => (c.alignment.evaluated as u64, c.alignment.failed as u64),
            None => (0, 0),
        }
    }
}

struct Collect(HashMap<u64, Comparison>);

impl Sink<Picked> for Collect {
    fn record(&mut self, p: &Picked) -> io::Result<()> {
        if let Some((line, c)) = &p.0 {
            self.0.insert(*line, c.clone());
        }
        Ok(())
    }
}

fn read_sensitivity(path: &Path) -> anyhow::Result<SensitivityReport> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut de = serde_json::Deserializer::from_str(&text);
    let report: SensitivityReport =
        serde_path_to_error::deserialize(&mut de).with_context(|| {
            format!(
                "`{}` is not a sensitivity report (`echri sensitivity --format json`)",
                path.display()
            )
        })?;
    if report.schema != SENSITIVITY_SCHEMA {
        anyhow::bail!(
            "`{}` has schema `{}`, expected `{SENSITIVITY_SCHEMA}`",
            path.display(),
            text::safe(&report.schema)
        );
    }
    Ok(report)
}

pub(crate) fn run(global: GlobalArgs, args: ReportArgs) -> Outcome {
    let mut inputs: Vec<&Path> = Vec::new();
    inputs.extend(args.results.as_deref());
    inputs.extend(args.cases.as_deref());
    inputs.extend(args.sensitivity.as_deref());
    super::check_output_is_not_input(args.output.as_deref(), &inputs)?;
    let stdin = |p: Option<&Path>| p.is_some_and(|p| p.as_os_str() == "-");
    if stdin(args.cases.as_deref()) && stdin(args.results.as_deref()) {
        return Err(usage(anyhow::anyhow!(
            "the records and `--cases` cannot both be standard input"
        )));
    }
    let sensitivity = args
        .sensitivity
        .as_deref()
        .map(read_sensitivity)
        .transpose()
        .map_err(usage)?;
    let cases_input = args.cases.as_deref().map(Input::from_arg);
    if let Some(input) = &cases_input {
        input.check_readable().map_err(usage)?;
    }
    let run_on = |input| Run {
        global,
        input,
        rules: &args.rules,
        limits: &args.limits,
        threads: super::threads(args.threads),
        shard: None,
        chunk: batch::CHUNK,
        progress: false,
    };

    let mut aligner = Aligner::with_options(AlignOptions {
        top: args.top,
        by: args.by.map(grouping),
        convergence: Some(args.convergence.clone()),
    });
    let mut top = TopRecords {
        top: args.top,
        seen: 0,
        kept: BTreeMap::new(),
    };
    let mut clean;
    let mut evaluated: HashMap<u64, Comparison> = HashMap::new();
    match (&args.results, &cases_input) {
        (Some(results), _) => {
            clean = read_results(global, results, &mut |r| {
                aligner.add(r);
                top.add(r, None);
            })?;
        }
        (None, Some(input)) => {
            // One pass: every case evaluated, its record aligned, and its
            // comparison kept while it may be among the most divergent.
            let cutoff = Cutoff {
                top: args.top as u64,
                seen: Default::default(),
            };
            let eval =
                |slots: &[echri_runtime::Slot], case: &echri_sdk::model::Case, line, file| {
                    let c = compare::compare_slots(slots, case);
                    let record = Record::of(&c, line, file);
                    let keep = cutoff.keep(record.spread);
                    Both {
                        record,
                        comparison: keep.then_some(c),
                    }
                };
            let mut sink = Everything {
                aligner: &mut aligner,
                top: &mut top,
            };
            let summary = super::batch::evaluate_with(&run_on(input), &mut sink, &eval)?;
            if !global.quiet {
                eprintln!("echri report: {summary}");
            }
            clean = summary.clean();
        }
        (None, None) => unreachable!("clap requires RESULTS or --cases"),
    }
    let align = aligner.finish();
    let mut records: HashMap<(u64, String), (Record, Option<Comparison>)> = top
        .kept
        .into_values()
        .map(|(r, c)| ((r.line, r.id.clone()), (r, c)))
        .collect();

    if let (Some(_), Some(input)) = (&args.results, &cases_input) {
        let wanted: HashMap<u64, String> = align
            .most_divergent
            .iter()
            .map(|d| (d.line, d.id.clone()))
            .collect();
        let eval = |slots: &[echri_runtime::Slot], case: &echri_sdk::model::Case, line, _file| {
            Picked(
                (wanted.get(&line) == Some(&case.id))
                    .then(|| (line, compare::compare_slots(slots, case))),
            )
        };
        let mut sink = Collect(HashMap::new());
        super::batch::evaluate_with(&run_on(input), &mut sink, &eval)?;
        evaluated = sink.0;
        let missing = wanted.len() - evaluated.len();
        if missing > 0 {
            clean = false;
            warn(
                global,
                format_args!(
                    "{missing} of the {} most divergent case(s) are not in `{}` under their line \
                     and id; they are shown without explanations",
                    wanted.len(),
                    args.cases.as_deref().unwrap_or(Path::new("-")).display()
                ),
            );
        }
    }

    let mut mismatched = 0;
    let cases: Vec<CaseDetail> = align
        .most_divergent
        .iter()
        .map(|d| {
            let (record, kept) = records
                .remove(&(d.line, d.id.clone()))
                .map_or((None, None), |(r, c)| (Some(r), c));
            let comparison = kept.or_else(|| evaluated.remove(&d.line));
            let mismatch = comparison.as_ref().is_some_and(|c| {
                let again: BTreeMap<String, echri_sdk::model::Outcome> = c
                    .results
                    .iter()
                    .filter_map(|r| match (&r.jurisdiction, &r.result) {
                        (Some(j), Ok(a)) => Some((j.clone(), a.outcome)),
                        _ => None,
                    })
                    .collect();
                again != d.outcomes
            });
            mismatched += usize::from(mismatch);
            CaseDetail {
                divergent: d.clone(),
                record,
                comparison,
                mismatch,
            }
        })
        .collect();
    if mismatched > 0 {
        clean = false;
        warn(
            global,
            format_args!(
                "{mismatched} case(s) evaluated again gave other outcomes than their records \
                 (other modules, or other cases?); the report marks them"
            ),
        );
    }
    let source = match (&args.results, &args.cases) {
        (Some(p), _) | (None, Some(p)) => p.display().to_string(),
        (None, None) => unreachable!("clap requires RESULTS or --cases"),
    };
    let page = html::report(&ReportInput {
        source: (source != "-").then_some(source.as_str()),
        evaluated_here: args.results.is_none(),
        align: &align,
        sensitivity: sensitivity.as_ref(),
        cases,
        have_cases: cases_input.is_some(),
    });
    let mut out = super::create_output(args.output.as_deref())?;
    out.write_all(page.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write the report")?;
    Ok(if clean { Exit::Ok } else { Exit::Partial })
}
