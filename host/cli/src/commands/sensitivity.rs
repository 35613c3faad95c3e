//! `echri sensitivity CASES`: every case also without, and with, the
//! human-rights risk facts, under every module; how often and how far each
//! jurisdiction's outcome moves.

use std::io;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use echri::analysis::batch;
use echri::analysis::sensitivity::{Reuse, Sensitivity, Triple};
use echri::input::corpus::Input;
use echri::render::{csv, json, table, text};

use super::batch::{Run, Sink};
use super::{Exit, GlobalArgs, LimitArgs, Outcome, RulesArgs};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SensitivityFormat {
    /// Tables for people.
    Table,
    /// JSON (schema `echri.sensitivity/1`, docs/json.md).
    Json,
    /// CSV: one row per twin, control code (`all` for every case) and
    /// jurisdiction.
    Csv,
}

const SENSITIVITY_AFTER: &str = "\
The human-rights risk facts (taken away from each case for one twin, all
added for the other; the other facts stay):
  clear-risk-internal-repression, substantial-risk-serious-violation,
  serious-violations-established, journalists-targeted,
  gross-violations-pattern, exporter-aware-of-misuse,
  exporter-informed-by-authority

Per jurisdiction and per control code (a case with several items counts
under each of its codes): the share of cases whose outcome changes from the
case to its twin, and the mean number of steps it moves on the outcome scale
(0 no licence required ... 7 prohibited). A twin identical to its case is not
evaluated again: its outcome is the case's (counted, unchanged). A case or
twin identical (id aside) to one already evaluated in the run takes its
outcomes (--no-reuse evaluates it again); the figures are the same either
way.

Exit status:
  0  every case valid and evaluated by every module
  1  results printed, but a line was bad or a module failed (see stderr)
  2  usage error or unreadable input";

/// `echri sensitivity`.
#[derive(Args, Debug)]
#[command(after_help = SENSITIVITY_AFTER)]
pub(crate) struct SensitivityArgs {
    /// The cases, as `echri batch` reads them: a JSON Lines file, `-` for
    /// standard input, a directory of case files, or one case file.
    input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SensitivityFormat::Table)]
    format: SensitivityFormat,
    /// Evaluation threads (default: every core). The output does not depend
    /// on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Show progress on stderr even when it is not a terminal.
    #[arg(long)]
    progress: bool,
    /// Evaluate every case and twin, also those identical (id aside) to
    /// one evaluated before in the run.
    #[arg(long)]
    no_reuse: bool,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The accumulator, and how many evaluations were reused.
struct Acc {
    sensitivity: Sensitivity,
    reused: u64,
}

impl Sink<Triple> for Acc {
    fn record(&mut self, t: &Triple) -> io::Result<()> {
        self.sensitivity.add(t);
        self.reused += t.reused();
        Ok(())
    }
}

pub(crate) fn run(global: GlobalArgs, args: SensitivityArgs) -> Outcome {
    let input = Input::from_arg(&args.input);
    let run = Run {
        global,
        input: &input,
        rules: &args.rules,
        limits: &args.limits,
        threads: super::threads(args.threads),
        shard: None,
        chunk: batch::CHUNK,
        progress: args.progress,
    };
    let mut acc = Acc {
        sensitivity: Sensitivity::new(),
        reused: 0,
    };
    let reuse = (!args.no_reuse).then(|| Reuse::new(Reuse::DEFAULT_CAPACITY));
    let eval = |slots: &[echri_runtime::Slot], case: &echri_sdk::model::Case, _line, _file| {
        Triple::evaluate_reusing(slots, case, reuse.as_ref())
    };
    let summary = super::batch::evaluate_with(&run, &mut acc, &eval)?;
    if !global.quiet {
        eprintln!(
            "echri sensitivity: {summary}; {} case(s) or twin(s) identical to one evaluated before, reused",
            acc.reused
        );
    }
    let report = acc.sensitivity.finish();
    let text = match args.format {
        SensitivityFormat::Table => table::sensitivity(&report, text::width()),
        SensitivityFormat::Json => json::sensitivity(&report),
        SensitivityFormat::Csv => csv::sensitivity(&report),
    };
    super::print(&text)?;
    Ok(if summary.clean() {
        Exit::Ok
    } else {
        Exit::Partial
    })
}
