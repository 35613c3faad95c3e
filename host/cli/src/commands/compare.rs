//! `echri compare CASE`: one case under every loaded module, side by side.

use std::io::Read as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{Exit, GlobalArgs, LimitArgs, Outcome, RulesArgs, usage};
use echri::analysis::compare;
use echri::input::case_file::{self, Format, MAX_CASE_FILE_BYTES};
use echri::render::{html, json, table, text};

/// Output formats of `list`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// A table for people.
    Table,
    /// JSON for programs (schema in docs/json.md).
    Json,
}

/// Output formats of `compare`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CompareFormat {
    /// A table for people.
    Table,
    /// JSON for programs (schema in docs/json.md).
    Json,
    /// One self-contained HTML page, the jurisdictions side by side with
    /// every finding's explanation and citation.
    Html,
}

/// `echri compare`.
#[derive(Args, Debug)]
pub(crate) struct CompareArgs {
    /// The case file (`.toml` or `.json`), or `-` to read one case from
    /// standard input (JSON if it starts with `{`, else TOML).
    case: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
    /// Include each module's trace (log messages, captured output).
    #[arg(long)]
    trace: bool,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The loaded modules as a decision record names them: the lock file's
/// reference, jurisdiction, digest and signer, with version and contract.
pub(crate) fn module_records(
    runtime: &echri_runtime::Runtime,
    resolved: Vec<echri_trust::lock::LockedModule>,
) -> Vec<json::ModuleRecord> {
    runtime
        .modules()
        .zip(resolved)
        .map(|(m, l)| json::ModuleRecord {
            reference: l.reference,
            jurisdiction: l.jurisdiction,
            name: m.label().map(str::to_owned),
            version: m.info().version.clone(),
            contract: m.contract().as_str().to_owned(),
            digest: l.digest,
            signer: l.signer,
        })
        .collect()
}

fn read_case(path: &std::path::Path) -> anyhow::Result<echri_sdk::model::Case> {
    if path.as_os_str() != "-" {
        return Ok(case_file::read_case_file(path)?);
    }
    let mut text = String::new();
    std::io::stdin()
        .take(MAX_CASE_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .context("cannot read the case from standard input")?;
    if text.len() as u64 > MAX_CASE_FILE_BYTES {
        anyhow::bail!("the case on standard input is larger than {MAX_CASE_FILE_BYTES} bytes");
    }
    let format = if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Toml
    };
    Ok(case_file::parse_case(&text, format, "<stdin>")?)
}

pub(crate) fn run(global: GlobalArgs, args: CompareArgs) -> Outcome {
    let case = read_case(&args.case).map_err(usage)?;
    let (runtime, resolved) = super::load_resolved(global, &args.rules, &args.limits, 1)?;
    let comparison = compare::compare(&runtime, &case);
    let text = match args.format {
        CompareFormat::Table => table::compare(&comparison, text::width(), args.trace),
        CompareFormat::Json => {
            let record = json::DecisionRecord::new(&case, module_records(&runtime, resolved));
            json::compare_with_record(&comparison, args.trace, true, Some(&record)) + "\n"
        }
        CompareFormat::Html => html::compare(&comparison),
    };
    super::print(&text)?;
    Ok(if comparison.alignment.failed > 0 {
        Exit::Partial
    } else {
        Exit::Ok
    })
}
