//! The corpus subcommands of the `echri` binary: `batch`, `align` and
//! `generate`. The work is done by the library (`echri::{batch, align,
//! generate}`); this is the command-line side: arguments, input and output,
//! progress, the summary and the exit status.

use std::fs::File;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use echri::align::Aligner;
use echri::batch::{self, BatchError, Input, OutFormat, Record, RecordWriter, Shard, Summary};
use echri::generate::Spec;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{EXIT_INPUT_ERROR, EXIT_MODULE_ERROR, EXIT_OK, LimitArgs, RulesArgs};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum BatchFormat {
    /// One JSON record per case (schema `echri.batch/1`, docs/json.md).
    Jsonl,
    /// One CSV row per case: line, id, destination, as_of, one outcome
    /// column per jurisdiction, spread.
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
    /// standard input, or a directory of `.toml`/`.json` case files.
    input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    format: BatchFormat,
    /// Write the results to FILE instead of standard output.
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

/// `echri generate`.
#[derive(Args, Debug)]
pub(crate) struct GenerateArgs {
    /// The spec (TOML): destinations, end-user templates, items, fact sets
    /// and dates (see examples/grid.toml).
    spec: PathBuf,
    /// Draw N cases at random from the grid instead of writing the whole
    /// grid.
    #[arg(long, value_name = "N")]
    sample: Option<u64>,
    /// Seed of the random sample; the same seed gives the same cases.
    #[arg(long, value_name = "S", default_value_t = 0, requires = "sample")]
    seed: u64,
    /// Write the cases to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn threads(n: Option<usize>) -> usize {
    n.filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

fn create_output(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 16,
            File::create(p).with_context(|| format!("cannot create `{}`", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    })
}

/// Progress on stderr: a bar on a terminal, a plain line every few seconds
/// with `--progress` elsewhere, nothing otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    last: Instant,
    start: Instant,
}

impl Progress {
    fn new(forced: bool, total_bytes: Option<u64>) -> Progress {
        let terminal = io::stderr().is_terminal();
        let bar = terminal.then(|| {
            let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
            let template = if total_bytes.is_some() {
                "{spinner} {elapsed_precise} [{wide_bar}] {percent}% {msg} (eta {eta})"
            } else {
                "{spinner} {elapsed_precise} {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            plain: forced && !terminal,
            last: now,
            start: now,
        }
    }

    fn update(&mut self, cases: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            if bar.length().is_some() {
                bar.set_position(bytes);
            }
            bar.set_message(format!("{cases} cases"));
        } else if self.plain && self.last.elapsed() >= Duration::from_secs(2) {
            self.last = Instant::now();
            eprintln!("echri: {cases} cases in {:.1} s", self.start.elapsed().as_secs_f64());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn input_size(input: &Input) -> Option<u64> {
    match input {
        Input::Lines(p) => std::fs::metadata(p).ok().filter(|m| m.is_file()).map(|m| m.len()),
        _ => None,
    }
}

/// Where the records of a run go.
trait Sink {
    /// Called once the modules are loaded, before any record.
    fn header(&mut self, jurisdictions: &[String]) -> io::Result<()>;
    /// One record, in input order.
    fn record(&mut self, r: &Record) -> io::Result<()>;
}

/// Writes records as `echri batch` does; the output is created only once
/// the input is known to be readable.
struct BatchSink {
    output: Option<PathBuf>,
    format: OutFormat,
    writer: Option<RecordWriter<Box<dyn Write>>>,
}

impl Sink for BatchSink {
    fn header(&mut self, jurisdictions: &[String]) -> io::Result<()> {
        let out = create_output(self.output.as_deref()).map_err(|e| io::Error::other(format!("{e:#}")))?;
        self.writer = Some(RecordWriter::new(out, self.format, jurisdictions)?);
        Ok(())
    }
    fn record(&mut self, r: &Record) -> io::Result<()> {
        match &mut self.writer {
            Some(w) => w.write(r),
            None => Ok(()),
        }
    }
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

/// Loads the modules and runs `input` through them on a pool of `threads`,
/// handing each record to `sink`. Returns the summary, or the exit status
/// for an input error.
#[allow(clippy::too_many_arguments, reason = "one call per subcommand")]
fn evaluate(
    input: &Input,
    rules: &RulesArgs,
    limits: &LimitArgs,
    threads: usize,
    shard: Option<Shard>,
    chunk: usize,
    progress: bool,
    sink: &mut dyn Sink,
) -> anyhow::Result<Result<Summary, u8>> {
    let unreadable = match input {
        Input::Lines(p) | Input::File(p) => File::open(p).err().map(|e| (p, e)),
        Input::Dir(p) => std::fs::read_dir(p).err().map(|e| (p, e)),
        Input::Stdin => None,
    };
    if let Some((p, e)) = unreadable {
        eprintln!("echri: error: cannot read `{}`: {e}", p.display());
        return Ok(Err(EXIT_INPUT_ERROR));
    }
    let runtime = super::load(rules, limits, threads)?;
    sink.header(&batch::jurisdictions(runtime.slots()))
        .context("cannot write the results")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("echri-batch-{i}"))
        .build()
        .context("cannot start the evaluation threads")?;
    let mut progress = Progress::new(progress, input_size(input));
    let bar = progress.bar.clone();
    let result = batch::run(
        input,
        &pool,
        runtime.slots(),
        shard,
        chunk,
        &mut |r| sink.record(r),
        &mut |msg| match &bar {
            Some(bar) => bar.suspend(|| eprintln!("echri: bad case: {msg}")),
            None => eprintln!("echri: bad case: {msg}"),
        },
        &mut |cases, bytes| progress.update(cases, bytes),
    );
    progress.finish();
    match result {
        Ok(summary) => Ok(Ok(summary)),
        Err(e @ BatchError::Input { .. }) => {
            let e = anyhow::Error::from(e);
            eprintln!("echri: error: {}", e.chain().map(ToString::to_string).collect::<Vec<_>>().join(": "));
            Ok(Err(EXIT_INPUT_ERROR))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn batch(args: BatchArgs) -> anyhow::Result<u8> {
    let input = Input::from_arg(&args.input);
    let threads = threads(args.threads);
    let start = Instant::now();
    let mut sink = BatchSink {
        output: args.output.clone(),
        format: match args.format {
            BatchFormat::Jsonl => OutFormat::Jsonl,
            BatchFormat::Csv => OutFormat::Csv,
        },
        writer: None,
    };
    let summary = evaluate(
        &input,
        &args.rules,
        &args.limits,
        threads,
        args.shard,
        args.chunk,
        args.progress,
        &mut sink,
    )?;
    if let Some(w) = sink.writer {
        w.finish().context("cannot write the results")?;
    }
    let summary = match summary {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "echri batch: {summary}; {secs:.1} s, {:.0} cases/s, {threads} thread(s){}",
        summary.cases as f64 / secs.max(1e-9),
        args.shard.map(|s| format!(", shard {s}")).unwrap_or_default()
    );
    Ok(if summary.clean() { EXIT_OK } else { EXIT_MODULE_ERROR })
}

pub(crate) fn align(args: AlignArgs) -> anyhow::Result<u8> {
    let mut aligner = Aligner::new();
    let clean = if let Some(cases) = &args.cases {
        let input = Input::from_arg(cases);
        let summary = evaluate(
            &input,
            &args.rules,
            &args.limits,
            threads(args.threads),
            None,
            batch::CHUNK,
            false,
            &mut aligner,
        )?;
        match summary {
            Ok(s) => {
                eprintln!("echri align: {s}");
                s.clean()
            }
            Err(code) => return Ok(code),
        }
    } else {
        let path = args.results.as_deref().unwrap_or(Path::new("-"));
        match read_results(path, &mut aligner) {
            Ok(bad) => bad == 0,
            Err(e) => {
                eprintln!("echri: error: {e:#}");
                return Ok(EXIT_INPUT_ERROR);
            }
        }
    };
    let report = aligner.finish();
    let text = match args.format {
        AlignFormat::Table => report.to_table(super::width()),
        AlignFormat::Json => report.to_json(),
        AlignFormat::Csv => report.to_csv(),
        AlignFormat::Markdown => report.to_markdown(),
    };
    io::stdout().lock().write_all(text.as_bytes()).context("cannot write to stdout")?;
    Ok(if clean { EXIT_OK } else { EXIT_MODULE_ERROR })
}

/// Reads batch records into `aligner`; returns the number of bad lines
/// (reported on stderr).
fn read_results(path: &Path, aligner: &mut Aligner) -> anyhow::Result<u64> {
    let (name, reader): (String, Box<dyn BufRead>) = if path.as_os_str() == "-" {
        ("<stdin>".to_owned(), Box::new(io::BufReader::new(io::stdin().lock())))
    } else {
        let f = File::open(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        (path.display().to_string(), Box::new(io::BufReader::with_capacity(1 << 16, f)))
    };
    let mut bad = 0;
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.with_context(|| format!("cannot read `{name}`"))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(&line) {
            Ok(r) if r.schema == batch::BATCH_SCHEMA => aligner.add(&r),
            Ok(r) => {
                bad += 1;
                eprintln!("echri: bad record: {name}:{}: schema `{}`, expected `{}`", i + 1, r.schema, batch::BATCH_SCHEMA);
            }
            Err(e) => {
                bad += 1;
                eprintln!("echri: bad record: {name}:{}: {e}", i + 1);
            }
        }
    }
    Ok(bad)
}

pub(crate) fn generate(args: GenerateArgs) -> anyhow::Result<u8> {
    let name = args.spec.display().to_string();
    let text = match std::fs::read_to_string(&args.spec) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("echri: error: cannot read `{name}`: {e}");
            return Ok(EXIT_INPUT_ERROR);
        }
    };
    let spec = match Spec::parse(&text, &name) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("echri: error: {e}");
            return Ok(EXIT_INPUT_ERROR);
        }
    };
    let mut out = create_output(args.output.as_deref())?;
    let mut line = Vec::with_capacity(1024);
    let mut write = |case: echri_sdk::model::Case| -> anyhow::Result<()> {
        line.clear();
        serde_json::to_writer(&mut line, &case).expect("cases always serialise");
        line.push(b'\n');
        out.write_all(&line).context("cannot write the cases")
    };
    let written = match args.sample {
        Some(n) => spec.sample(n, args.seed).try_for_each(&mut write),
        None => spec.grid().try_for_each(&mut write),
    };
    match written.and_then(|()| out.flush().context("cannot write the cases")) {
        Ok(()) => Ok(EXIT_OK),
        // The reader stopped reading (`echri generate … | head`): not an error.
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => Ok(EXIT_OK),
        Err(e) => Err(e),
    }
}
