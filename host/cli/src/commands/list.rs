//! `echri list`: the loaded modules.

use clap::Args;
use echri_runtime::Slot;

use super::compare::OutputFormat;
use super::{Exit, GlobalArgs, LimitArgs, Outcome, RulesArgs};
use echri::render::{json, table, text};

/// `echri list`.
#[derive(Args, Debug)]
pub(crate) struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// List each module's rule catalogue (id, title, citation, the dates a
    /// rule applies, its standing assumption) instead of the modules.
    #[arg(long, conflicts_with = "commitments")]
    catalogue: bool,
    /// List each module's declarations of the ECHRI Code of Conduct
    /// commitments (how and where it implements each) instead of the modules.
    #[arg(long)]
    commitments: bool,
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

pub(crate) fn run(global: GlobalArgs, args: ListArgs) -> Outcome {
    let runtime = super::load(global, &args.rules, &args.limits, 1)?;
    let text = match args.format {
        OutputFormat::Table if args.catalogue => table::list_rules(runtime.slots(), text::width()),
        OutputFormat::Table if args.commitments => {
            table::list_commitments(runtime.slots(), text::width())
        }
        OutputFormat::Table => table::list(runtime.slots(), text::width()),
        OutputFormat::Json => json::list(runtime.slots()) + "\n",
    };
    super::print(&text)?;
    let failed = runtime
        .slots()
        .iter()
        .any(|s| matches!(s, Slot::Failed { .. }));
    Ok(if failed { Exit::Partial } else { Exit::Ok })
}
