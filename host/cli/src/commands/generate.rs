//! `echri generate SPEC`: a corpus of cases (JSON Lines) from a spec, the
//! whole grid or a seeded sample.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use echri::analysis::generate::Spec;

use super::{Exit, Outcome, usage};

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

pub(crate) fn run(args: GenerateArgs) -> Outcome {
    super::check_output_is_not_input(args.output.as_deref(), &[args.spec.as_path()])?;
    let name = args.spec.display().to_string();
    let text =
        std::fs::read_to_string(&args.spec).with_context(|| format!("cannot read `{name}`"))?;
    let spec = Spec::parse(&text, &name).map_err(usage)?;
    let mut out = super::create_output(args.output.as_deref())?;
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
    written.and_then(|()| out.flush().context("cannot write the cases"))?;
    Ok(Exit::Ok)
}
