//! `echri man`: the manual page (roff, clap_mangen), for `man -l -` or to
//! install under `man1/`.

use clap::{Args, CommandFactory as _};

use super::{Exit, Outcome};

/// `echri man`.
#[derive(Args, Debug)]
pub(crate) struct ManArgs {}

pub(crate) fn run(_args: ManArgs) -> Outcome {
    let cmd = crate::Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(anyhow::Error::from)?;
    super::print(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Ok)
}
