//! The `echri` command line: parse the arguments, run one subcommand
//! (`commands/`, one file each), and end with its exit status. An error is
//! said here, once, with its whole chain of causes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

use commands::{Exit, GlobalArgs};

const EXIT_CODES: &str = "\
Exit status:
  0  every module evaluated every case
  1  results printed, but a module failed to load or evaluate, or an input line was bad (see stderr)
  2  usage error or invalid input (e.g. a malformed case file), or a module refused by
     `--require-signed` or `--locked`; nothing evaluated
     (`echri verify`: 0 verified, 1 refused, 2 could not check)

echri models export-control policy for comparison; it is not legal advice.";

/// Evaluate export-licensing cases under every ECHRI jurisdiction's
/// sandboxed rule module and compare the outcomes.
#[derive(Parser, Debug)]
#[command(name = "echri", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate one case under every loaded module, side by side.
    Compare(commands::compare::CompareArgs),
    /// List the loaded modules.
    List(commands::list::ListArgs),
    /// Evaluate a corpus (JSON Lines or a directory) under every module:
    /// one result record per case, in input order.
    Batch(commands::batch::BatchArgs),
    /// Agreement between jurisdictions over batch results: kappa,
    /// distributions, divergent cases, the rules behind divergences.
    Align(commands::align::AlignArgs),
    /// Human-rights sensitivity: every case also without, and with, the
    /// human-rights risk facts; how often and how far each jurisdiction's
    /// outcome moves, per jurisdiction and control code.
    Sensitivity(commands::sensitivity::SensitivityArgs),
    /// One self-contained HTML report over batch results: agreement
    /// heatmaps, distributions, divergence drivers, outliers, convergence,
    /// sensitivity and the most divergent cases explained.
    Report(commands::report::ReportArgs),
    /// Generate cases (JSON Lines) from a spec: the whole grid or a seeded
    /// sample.
    Generate(commands::generate::GenerateArgs),
    /// Describe a rule module without evaluating anything: contract, imports,
    /// exports, metadata, info, size, digest, signatures and their signers.
    Inspect(commands::inspect::InspectArgs),
    /// Start a rule-module project outside this repository, or a draft
    /// from a built-in module's source (`--from GB`).
    New(commands::new::NewArgs),
    /// Build a rule-module project into a component.
    Build(commands::new::BuildArgs),
    /// Run a rule module's declarative cases (`[expect]` + `[case]` files)
    /// through the sandbox; rule coverage from its catalogue.
    Test(commands::test::TestArgs),
    /// What a draft module changes against a base over a corpus: flipped
    /// decisions, rules, minimal examples and the effect on alignment.
    Diff(commands::diff::DiffArgs),
    /// Search a generator spec for cases that split two modules, shrunk to
    /// minimal case files.
    Search(commands::search::SearchArgs),
    /// Make an Ed25519 key pair for signing rule modules.
    Keygen(commands::keygen::KeygenArgs),
    /// Write the resolved module set (reference, digest, signer) to the
    /// lock file, for `--locked`.
    Lock(commands::lock::LockArgs),
    /// Rerun a `compare --format json` result from its decision record (the
    /// case and every module by reference and digest) and say whether the
    /// result is identical.
    Replay(commands::replay::ReplayArgs),
    /// Publish a rule module to an OCI registry (CNCF Wasm artifact layout).
    Push(commands::push::PushArgs),
    /// Fetch a rule module from an OCI registry into the module store.
    Pull(commands::pull::PullArgs),
    /// Sign a rule module (WebAssembly signatures, embedded or detached).
    Sign(commands::sign::SignArgs),
    /// Check a rule module's signatures against the trust store and the
    /// jurisdiction it claims.
    Verify(commands::verify::VerifyArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(commands::completions::CompletionsArgs),
    /// Print the manual page (roff): `echri man | man -l -`.
    Man(commands::man::ManArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = cli.global;
    let outcome = match cli.command {
        Command::Compare(args) => commands::compare::run(global, args),
        Command::List(args) => commands::list::run(global, args),
        Command::Batch(args) => commands::batch::run(global, args),
        Command::Align(args) => commands::align::run(global, args),
        Command::Sensitivity(args) => commands::sensitivity::run(global, args),
        Command::Report(args) => commands::report::run(global, args),
        Command::Generate(args) => commands::generate::run(args),
        Command::Inspect(args) => commands::inspect::run(global, args),
        Command::New(args) => commands::new::run_new(global, args),
        Command::Build(args) => commands::new::run_build(global, args),
        Command::Test(args) => commands::test::run(global, args),
        Command::Diff(args) => commands::diff::run(global, args),
        Command::Search(args) => commands::search::run(global, args),
        Command::Keygen(args) => commands::keygen::run(global, args),
        Command::Lock(args) => commands::lock::run(global, args),
        Command::Replay(args) => commands::replay::run(global, args),
        Command::Push(args) => commands::push::run(global, args),
        Command::Pull(args) => commands::pull::run(global, args),
        Command::Sign(args) => commands::sign::run(global, args),
        Command::Verify(args) => commands::verify::run(global, args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
    };
    let status = match outcome {
        Ok(status) => status,
        // The reader went away (`echri batch … | head -1`): stop quietly.
        Err(failure) if commands::is_broken_pipe(&failure.error) => Exit::Ok,
        Err(failure) => {
            eprintln!("echri: error: {:#}", failure.error);
            failure.status
        }
    };
    ExitCode::from(status as u8)
}
