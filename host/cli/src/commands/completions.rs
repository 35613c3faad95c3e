//! `echri completions SHELL`: a shell completion script (clap_complete).

use clap::{Args, CommandFactory as _};
use clap_complete::Shell;

use super::{Exit, Outcome};

/// `echri completions`.
#[derive(Args, Debug)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    shell: Shell,
}

pub(crate) fn run(args: CompletionsArgs) -> Outcome {
    let mut cmd = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "echri", &mut out);
    super::print(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Ok)
}
