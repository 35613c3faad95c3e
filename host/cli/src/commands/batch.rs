//! `echri batch CASES`: every case of a corpus under every module, one
//! record per case in input order. Also the evaluation loop `align --cases`
//! shares.

use std::io;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use echri::analysis::batch::{self, BatchError, EvalFn, Evaluated, Record, Shard, Summary};
use echri::input::corpus::Input;
use echri::render::csv::{OutFormat, RecordWriter};

use super::progress::{Progress, input_size};
use super::{Exit, Failure, GlobalArgs, LimitArgs, Outcome, RulesArgs, usage};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum BatchFormat {
    /// One JSON record per case (schema `echri.batch/1`, docs/json.md).
    Jsonl,
    /// One CSV row per case: line, id, destination, as_of, items,
    /// capabilities, end_users, end_use, facts (several values
    /// `;`-separated), one outcome column per jurisdiction, spread,
    /// unanimous.
    Csv,
}

const BATCH_EXIT: &str = "\
Exit status:
  0  every case valid and evaluated by every module
  1  results written, but a line was bad or a module failed (see stderr and `errors`)
  2  usage error or unreadable input";

/// `echri batch`.
#[derive(Args, Debug)]
#[command(after_help = BATCH_EXIT)]
pub(crate) struct BatchArgs {
    /// The cases: a JSON Lines file (one JSON case per line), `-` for
    /// standard input, a directory of `.toml`/`.json` case files, or one
    /// case file.
    input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    format: BatchFormat,
    /// Write the results to FILE instead of standard output (never over
    /// the input).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Evaluation threads (default: every core). The output does not depend
    /// on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Evaluate only shard I of N: the cases whose 0-based input index
    /// (blank lines not counted) modulo N is I.
    #[arg(long, value_name = "I/N")]
    shard: Option<Shard>,
    /// Show progress on stderr even when it is not a terminal (then as a
    /// plain line every few seconds).
    #[arg(long)]
    progress: bool,
    /// Cases per chunk (memory use is proportional to it).
    #[arg(long, value_name = "N", default_value_t = batch::CHUNK, hide = true)]
    chunk: usize,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Where the records of a run go (records of `echri batch`, or another
/// per-case result `T`).
pub(crate) trait Sink<T = Record> {
    /// Called once the modules are loaded, before any record. Sinks that
    /// only accumulate need nothing here.
    fn header(&mut self, _jurisdictions: &[String]) -> io::Result<()> {
        Ok(())
    }
    /// One record, in input order.
    fn record(&mut self, r: &T) -> io::Result<()>;
    /// Called after [`Sink::header`] with the modules as a decision record
    /// names them. Sinks that do not write records need nothing here.
    fn modules(&mut self, _modules: &[echri::analysis::compare::ModuleRecord]) {}
}

/// Writes records as `echri batch` does; the output is created only once
/// the input is known to be readable.
struct BatchSink {
    output: Option<PathBuf>,
    format: OutFormat,
    writer: Option<RecordWriter<Box<dyn io::Write>>>,
}

impl Sink for BatchSink {
    fn header(&mut self, jurisdictions: &[String]) -> io::Result<()> {
        let out = super::create_output(self.output.as_deref())
            .map_err(|e| io::Error::other(format!("{e:#}")))?;
        self.writer = Some(RecordWriter::new(out, self.format, jurisdictions)?);
        Ok(())
    }
    fn modules(&mut self, modules: &[echri::analysis::compare::ModuleRecord]) {
        if let Some(w) = &mut self.writer {
            w.with_modules(modules);
        }
    }
    fn record(&mut self, r: &Record) -> io::Result<()> {
        match &mut self.writer {
            Some(w) => w.write(r),
            None => Ok(()),
        }
    }
}

/// What one evaluation run needs.
pub(crate) struct Run<'a> {
    pub(crate) global: GlobalArgs,
    pub(crate) input: &'a Input,
    pub(crate) rules: &'a RulesArgs,
    pub(crate) limits: &'a LimitArgs,
    pub(crate) threads: usize,
    pub(crate) shard: Option<Shard>,
    pub(crate) chunk: usize,
    pub(crate) progress: bool,
}

/// Loads the modules and runs the input through them, handing each record
/// to `sink`; bad lines are said on stderr as they come.
pub(crate) fn evaluate(run: &Run<'_>, sink: &mut dyn Sink) -> Result<Summary, Failure> {
    evaluate_with(run, sink, &Record::evaluate)
}

/// [`evaluate`] with another evaluation per case (`eval`, run in parallel;
/// its results reach `sink` in input order).
pub(crate) fn evaluate_with<T: Evaluated>(
    run: &Run<'_>,
    sink: &mut dyn Sink<T>,
    eval: &EvalFn<'_, T>,
) -> Result<Summary, Failure> {
    run.input.check_readable().map_err(usage)?;
    let (runtime, resolved) = super::load_resolved(run.global, run.rules, run.limits, run.threads)?;
    sink.header(&batch::jurisdictions(runtime.slots()))
        .context("cannot write the results")?;
    sink.modules(&super::compare::module_records(&runtime, resolved));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(run.threads)
        .thread_name(|i| format!("echri-batch-{i}"))
        .build()
        .context("cannot start the evaluation threads")?;
    let mut progress = Progress::new(run.progress, run.global.quiet, input_size(run.input));
    let bar = progress.bar.clone();
    let result = batch::run_with(
        run.input,
        &pool,
        runtime.slots(),
        run.shard,
        run.chunk,
        eval,
        &mut |r| sink.record(r),
        &mut |msg| match &bar {
            Some(bar) => bar.suspend(|| eprintln!("echri: bad case: {msg}")),
            None => eprintln!("echri: bad case: {msg}"),
        },
        &mut |cases, bytes| progress.update(cases, bytes),
    );
    progress.finish();
    result.map_err(|e| match e {
        BatchError::Input { .. } => usage(e),
        BatchError::Output(_) => Failure {
            status: Exit::Partial,
            error: e.into(),
        },
    })
}

pub(crate) fn run(global: GlobalArgs, args: BatchArgs) -> Outcome {
    super::check_output_is_not_input(args.output.as_deref(), &[args.input.as_path()])?;
    let input = Input::from_arg(&args.input);
    let threads = super::threads(args.threads);
    let start = Instant::now();
    let mut sink = BatchSink {
        output: args.output.clone(),
        format: match args.format {
            BatchFormat::Jsonl => OutFormat::Jsonl,
            BatchFormat::Csv => OutFormat::Csv,
        },
        writer: None,
    };
    let run = Run {
        global,
        input: &input,
        rules: &args.rules,
        limits: &args.limits,
        threads,
        shard: args.shard,
        chunk: args.chunk,
        progress: args.progress,
    };
    let summary = evaluate(&run, &mut sink)?;
    if let Some(w) = sink.writer {
        w.finish().context("cannot write the results")?;
    }
    if !global.quiet {
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "echri batch: {summary}; {secs:.1} s, {:.0} cases/s, {threads} thread(s){}",
            summary.cases as f64 / secs.max(1e-9),
            args.shard
                .map(|s| format!(", shard {s}"))
                .unwrap_or_default()
        );
    }
    Ok(if summary.clean() {
        Exit::Ok
    } else {
        Exit::Partial
    })
}
