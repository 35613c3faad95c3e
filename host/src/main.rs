//! The `echri` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use echri::{Limits, Runtime, case_file, report};

mod corpus;

/// Exit status: every module evaluated every case.
const EXIT_OK: u8 = 0;
/// Exit status: results were printed, but at least one module failed to
/// load or to evaluate (its entry says why).
const EXIT_MODULE_ERROR: u8 = 1;
/// Exit status: bad usage or bad input (unreadable or invalid case file);
/// nothing was evaluated.
const EXIT_INPUT_ERROR: u8 = 2;

const EXIT_CODES: &str = "\
Exit status:
  0  every module evaluated every case
  1  results printed, but a module failed to load or evaluate (see its entry)
  2  usage error or invalid input (e.g. a malformed case file); nothing evaluated

echri models export-control policy for comparison; it is not legal advice.";

/// Evaluate export-licensing cases under every ECHRI jurisdiction's
/// sandboxed rule module and compare the outcomes.
#[derive(Parser, Debug)]
#[command(name = "echri", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate one case under every loaded module, side by side.
    Compare(CompareArgs),
    /// List the loaded modules.
    List(ListArgs),
    /// Evaluate a corpus (JSON Lines or a directory) under every module:
    /// one result record per case, in input order.
    Batch(corpus::BatchArgs),
    /// Agreement between jurisdictions over batch results: kappa,
    /// distributions, divergent cases, the rules behind divergences.
    Align(corpus::AlignArgs),
    /// Generate cases (JSON Lines) from a spec: the whole grid or a seeded
    /// sample.
    Generate(corpus::GenerateArgs),
}

/// Which modules to load.
#[derive(Args, Debug)]
struct RulesArgs {
    /// Load this rule module (a component file) in addition to the
    /// built-in ones; repeat for several.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Do not load the built-in rule modules.
    #[arg(long)]
    no_default_rules: bool,
    /// Compile every module afresh instead of using the compiled-module
    /// cache (in `$ECHRI_CACHE_DIR`, else `$XDG_CACHE_HOME/echri`, else
    /// `~/.cache/echri`).
    #[arg(long, env = "ECHRI_NO_CACHE")]
    no_cache: bool,
}

/// Sandbox limits per evaluation.
#[derive(Args, Debug)]
struct LimitArgs {
    /// Fuel (about one unit per WebAssembly instruction) per evaluation.
    #[arg(long, value_name = "UNITS", default_value_t = Limits::default().fuel)]
    fuel: u64,
    /// Linear memory per module instance, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().memory_bytes >> 20)]
    memory_mib: u64,
    /// Largest assessment a module may return, in KiB.
    #[arg(long, value_name = "KIB", default_value_t = Limits::default().result_bytes >> 10)]
    max_result_kib: u64,
    /// Wall-clock backstop per evaluation, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = Limits::default().deadline_ms)]
    deadline_ms: u64,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            fuel: self.fuel,
            memory_bytes: self.memory_mib << 20,
            result_bytes: self.max_result_kib << 10,
            deadline_ms: self.deadline_ms,
            ..Limits::default()
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// A table for people.
    Table,
    /// JSON for programs (schema in docs/json.md).
    Json,
}

#[derive(Args, Debug)]
struct CompareArgs {
    /// The case file (`.toml` or `.json`).
    case: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// Include each module's trace (log messages, captured output).
    #[arg(long)]
    trace: bool,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

fn load(rules: &RulesArgs, limits: &LimitArgs, threads: usize) -> anyhow::Result<Runtime> {
    let mut runtime = Runtime::new(limits.limits(), threads)?;
    if !rules.no_cache {
        match echri::cache::Cache::default_dir().ok_or(echri::cache::CacheError::NoDirectory) {
            Ok(dir) => match echri::cache::Cache::open(&dir) {
                Ok(cache) => runtime.use_cache(cache),
                Err(e) => eprintln!("echri: warning: not caching compiled modules: {:#}", anyhow::Error::from(e)),
            },
            Err(e) => eprintln!("echri: warning: not caching compiled modules: {e}"),
        }
    }
    if !rules.no_default_rules {
        for e in runtime.load_builtin() {
            eprintln!("echri: error: {e}");
        }
    }
    for path in &rules.rules {
        if let Err(e) = runtime.load_file(path) {
            eprintln!("echri: error: {e}");
        }
    }
    Ok(runtime)
}

fn width() -> Option<u16> {
    // On a terminal comfy-table fits the table to it; elsewhere a fixed
    // width keeps output identical across machines.
    if std::io::stdout().is_terminal() {
        None
    } else {
        Some(120)
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Compare(args) => {
            let case = match case_file::read_case_file(&args.case) {
                Ok(case) => case,
                Err(e) => {
                    eprintln!("echri: error: {}", anyhow::Error::from(e).chain().map(ToString::to_string).collect::<Vec<_>>().join(": "));
                    return Ok(EXIT_INPUT_ERROR);
                }
            };
            let runtime = load(&args.rules, &args.limits, 1)?;
            let comparison = runtime.compare(&case);
            let text = match args.format {
                OutputFormat::Table => report::compare_table(&comparison, width(), args.trace),
                OutputFormat::Json => report::compare_json(&comparison, args.trace, true) + "\n",
            };
            out.write_all(text.as_bytes()).context("cannot write to stdout")?;
            Ok(if comparison.alignment.failed > 0 {
                EXIT_MODULE_ERROR
            } else {
                EXIT_OK
            })
        }
        Command::List(args) => {
            let runtime = load(&args.rules, &args.limits, 1)?;
            let text = match args.format {
                OutputFormat::Table => report::list_table(runtime.slots(), width()),
                OutputFormat::Json => report::list_json(runtime.slots()) + "\n",
            };
            out.write_all(text.as_bytes()).context("cannot write to stdout")?;
            let failed = runtime.slots().iter().any(|s| matches!(s, echri::Slot::Failed { .. }));
            Ok(if failed { EXIT_MODULE_ERROR } else { EXIT_OK })
        }
        Command::Batch(args) => corpus::batch(args),
        Command::Align(args) => corpus::align(args),
        Command::Generate(args) => corpus::generate(args),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("echri: error: {e:#}");
            ExitCode::from(EXIT_INPUT_ERROR)
        }
    }
}
