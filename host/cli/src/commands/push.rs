//! `echri push MODULE oci://HOST/REPO:TAG`: publish a rule module to an OCI
//! registry in the CNCF Wasm OCI artifact layout, exactly as signed (the
//! embedded signatures travel inside the component).

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use echri_trust::registry::{Registry, parse_reference};

use super::{Exit, GlobalArgs, Outcome, usage, warn};

/// `echri push`.
#[derive(Args, Debug)]
pub(crate) struct PushArgs {
    /// The component file (sign it first: `echri sign`).
    module: PathBuf,
    /// Where to: `oci://HOST/REPOSITORY:TAG` (plain HTTP only to a
    /// loopback registry).
    #[arg(value_name = "REFERENCE")]
    reference: String,
}

pub(crate) fn run(global: GlobalArgs, args: PushArgs) -> Outcome {
    let image = parse_reference(&args.reference).map_err(usage)?;
    let name = args.module.display().to_string();
    let bytes = std::fs::read(&args.module).with_context(|| format!("cannot read `{name}`"))?;
    let inspection = echri_trust::inspect::inspect(&bytes)
        .map_err(|e| usage(anyhow::Error::from(e).context(format!("cannot push `{name}`"))))?;
    if inspection.signatures.is_empty() {
        warn(
            global,
            format_args!("`{name}` is not signed; under `--require-signed` no one will run it"),
        );
    }
    let registry = Registry::new(&image).map_err(usage)?;
    let pushed = registry
        .push(&args.reference, &bytes, &inspection)
        .map_err(usage)?;
    super::print(&format!(
        "pushed   {}\ndigest   {}\nmanifest {}\n",
        pushed.reference, pushed.digest, pushed.manifest_url
    ))?;
    Ok(Exit::Ok)
}
