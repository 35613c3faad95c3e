//! `echri pull oci://HOST/REPO:TAG`: fetch a rule module from an OCI
//! registry into the module store (by digest), and optionally to a file.
//! Pulling runs nothing; the module is verified when it is loaded.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::{Exit, GlobalArgs, Outcome};

/// `echri pull`.
#[derive(Args, Debug)]
pub(crate) struct PullArgs {
    /// `oci://HOST/REPOSITORY:TAG` or `oci://HOST/REPOSITORY@sha256:…`.
    #[arg(value_name = "REFERENCE")]
    reference: String,
    /// Also write the component to this file.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(_global: GlobalArgs, args: PullArgs) -> Outcome {
    let limit = echri_runtime::Limits::default().max_component_bytes;
    let pulled = super::policy::pull(&args.reference, limit)?;
    let stored = super::policy::module_store()
        .and_then(|s| s.get(&pulled.digest))
        .map(|(path, _)| path.display().to_string())
        .unwrap_or_else(|| "(no module store)".to_owned());
    if let Some(out) = &args.output {
        std::fs::write(out, &pulled.bytes)
            .with_context(|| format!("cannot write `{}`", out.display()))?;
    }
    super::print(&format!(
        "pulled   {}\npinned   {}\ndigest   {}\nstored   {stored}\n",
        args.reference, pulled.pinned, pulled.digest
    ))?;
    Ok(Exit::Ok)
}
