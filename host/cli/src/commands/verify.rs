//! `echri verify MODULE`: would this module run under the trust store?
//! Its signatures and who made them, then the two checks echri makes
//! before running a `--rules` module: a valid signature over exactly these
//! bytes by a trusted, unrevoked, unexpired key, and, once the module has
//! said which jurisdiction it claims, that the signer vouches for it.
//!
//! Exit status: 0 verified, 1 refused (the reason said once on stderr),
//! 2 could not check (a bad argument, file or trust store).

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use echri::render::text::safe;
use echri_runtime::Slot;
use echri_trust::verify::{Refusal, SignatureReport, today};
use serde::Serialize;

use super::compare::OutputFormat;
use super::inspect::signature_lines;
use super::policy::{Policy, TrustArgs, one_module, read_detached, read_signature};
use super::{Exit, Failure, GlobalArgs, Outcome};

/// `echri verify`.
#[derive(Args, Debug)]
pub(crate) struct VerifyArgs {
    /// The component file.
    module: PathBuf,
    /// A detached signature (default: `MODULE.sig`, if it exists).
    #[arg(long, value_name = "FILE")]
    signature: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// Compile the module afresh instead of using the compiled-module cache.
    #[arg(long, env = "ECHRI_NO_CACHE", value_parser = clap::builder::BoolishValueParser::new())]
    no_cache: bool,
    #[command(flatten)]
    trust: TrustArgs,
}

/// What `verify` reports (the JSON form).
#[derive(Serialize)]
struct Report {
    schema: &'static str,
    module: String,
    sha256: String,
    signatures: Vec<SignatureReport>,
    jurisdiction: Option<String>,
    /// The signer vouching for the module's jurisdiction, if verified.
    signer: Option<String>,
    /// Why not, if refused.
    refusal: Option<RefusalReport>,
}

#[derive(Serialize)]
struct RefusalReport {
    kind: &'static str,
    message: String,
}

pub(crate) fn run(global: GlobalArgs, args: VerifyArgs) -> Outcome {
    let name = args.module.display().to_string();
    let policy = Policy::open(&args.trust)?;
    let store = policy.store()?;
    let bytes = std::fs::read(&args.module).with_context(|| format!("cannot read `{name}`"))?;
    let detached = match &args.signature {
        Some(p) => Some(read_signature(p)?),
        None if echri_trust::sign::has_embedded_signature(&bytes) => None,
        None => read_detached(&args.module)?,
    };
    let today = today();
    let mut report = Report {
        schema: "echri.verify/1",
        module: name.clone(),
        sha256: echri_trust::sha256(&bytes),
        signatures: Vec::new(),
        jurisdiction: None,
        signer: None,
        refusal: None,
    };
    let outcome = check(
        global,
        &args,
        store,
        &bytes,
        detached.as_deref(),
        today,
        &mut report,
    );
    if let Err(e) = &outcome {
        report.refusal = e.downcast_ref::<Refusal>().map(|r| RefusalReport {
            kind: r.kind(),
            message: r.to_string(),
        });
    }
    let text = match args.format {
        OutputFormat::Json => {
            serde_json::to_string_pretty(&report).context("cannot write JSON")? + "\n"
        }
        OutputFormat::Table => table(&report),
    };
    super::print(&text)?;
    match outcome {
        Ok(()) => Ok(Exit::Ok),
        Err(error) => Err(Failure {
            status: Exit::Partial,
            error,
        }),
    }
}

/// The checks, filling in `report` as far as they get.
fn check(
    global: GlobalArgs,
    args: &VerifyArgs,
    store: &echri_trust::store::TrustStore,
    bytes: &[u8],
    detached: Option<&[u8]>,
    today: echri_sdk::model::Date,
    report: &mut Report,
) -> anyhow::Result<()> {
    let name = &report.module;
    report.signatures = store.examine(name, bytes, detached, today)?;
    let verified = store.verify(name, bytes, detached, today)?;
    // Only now, verified, is the module compiled and asked its jurisdiction.
    let runtime = one_module(global, name, bytes, args.no_cache).map_err(|f| f.error)?;
    let module = match runtime.slots().first() {
        Some(Slot::Loaded(m)) => m,
        Some(Slot::Failed { message, .. }) => anyhow::bail!("{message}"),
        None => anyhow::bail!("`{name}` did not load"),
    };
    let jurisdiction = module.info().jurisdiction.clone();
    report.jurisdiction = Some(jurisdiction.clone());
    let signer = verified.authorize(&jurisdiction)?;
    report.signer = Some(signer.name.clone());
    Ok(())
}

fn table(r: &Report) -> String {
    let mut out = format!(
        "module       `{}`\nsha256       {}\n",
        safe(&r.module),
        r.sha256
    );
    let ids: Vec<_> = r.signatures.iter().map(|s| s.key_id.clone()).collect();
    let lines = signature_lines(&ids, Some(&r.signatures));
    if lines.is_empty() {
        out.push_str("signatures   none\n");
    }
    for (i, l) in lines.iter().enumerate() {
        out.push_str(if i == 0 {
            "signatures   "
        } else {
            "             "
        });
        out.push_str(l);
        out.push('\n');
    }
    if let Some(j) = &r.jurisdiction {
        out.push_str(&format!("jurisdiction {}\n", safe(j)));
    }
    match (&r.signer, &r.jurisdiction) {
        (Some(signer), Some(j)) => out.push_str(&format!(
            "verified     signed by `{}`, trusted for {}\n",
            safe(signer),
            safe(j)
        )),
        _ => out.push_str("refused      (the reason is on stderr)\n"),
    }
    out
}
