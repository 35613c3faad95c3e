//! `echri inspect MODULE`: what a rule module is, without evaluating a
//! case: its contract version, imports and exports, its metadata
//! (`wasm-metadata`'s fields), what its `info()` says, its size and digest,
//! and its signatures with who made them according to the trust store.
//!
//! Under a policy that requires signatures, `info()` is read only from a
//! module that verifies: nothing unverified runs, not even to describe
//! itself.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use echri::render::text::safe;
use echri_runtime::Slot;
use echri_trust::inspect::{Inspection, inspect};
use echri_trust::verify::{SignatureReport, Status, today};
use serde::Serialize;

use super::compare::OutputFormat;
use super::policy::{Policy, TrustArgs, one_module, read_detached, read_signature};
use super::{Exit, GlobalArgs, Outcome, usage};

/// `echri inspect`.
#[derive(Args, Debug)]
pub(crate) struct InspectArgs {
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

/// What `inspect` reports (the JSON form).
#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    module: String,
    #[serde(flatten)]
    inspection: &'a Inspection,
    /// The signatures as the trust store sees them (none without a store).
    verified_signatures: Option<&'a [SignatureReport]>,
    /// Why the signatures could not be read (a malformed signature).
    signature_error: Option<String>,
    /// What `info()` said, if it was read.
    info: Option<&'a echri_sdk::model::ModuleInfo>,
    /// Why it was not read.
    info_error: Option<String>,
}

pub(crate) fn run(global: GlobalArgs, args: InspectArgs) -> Outcome {
    let name = args.module.display().to_string();
    let bytes = std::fs::read(&args.module).with_context(|| format!("cannot read `{name}`"))?;
    let inspection = inspect(&bytes)
        .map_err(|e| usage(anyhow::Error::from(e).context(format!("cannot inspect `{name}`"))))?;
    let policy = Policy::open(&args.trust)?;
    let detached = match &args.signature {
        Some(p) => Some(read_signature(p)?),
        None if echri_trust::sign::has_embedded_signature(&bytes) => None,
        None => read_detached(&args.module)?,
    };
    let mut signature_error = None;
    let reports = policy.store.as_ref().map(|store| {
        match store.examine(&name, &bytes, detached.as_deref(), today()) {
            Ok(reports) => reports,
            Err(echri_trust::verify::Refusal::Unsigned { .. }) => Vec::new(),
            Err(refusal) => {
                signature_error = Some(refusal.to_string());
                Vec::new()
            }
        }
    });
    // Run `info()` only where the policy lets the module run at all.
    let refusal = match (&policy.store, policy.required) {
        (Some(store), true) => store
            .verify(&name, &bytes, detached.as_deref(), today())
            .err()
            .map(|r| format!("not read: {r}")),
        _ => None,
    };
    let runtime = match refusal {
        None => Some(one_module(global, &name, &bytes, args.no_cache)?),
        Some(_) => None,
    };
    let info = match (&refusal, runtime.as_ref().and_then(|r| r.slots().first())) {
        (Some(r), _) => Err(r.clone()),
        (None, Some(Slot::Loaded(m))) => Ok(m.info()),
        (None, Some(Slot::Failed { message, .. })) => Err(format!("not read: {message}")),
        (None, None) => Err("not read".to_owned()),
    };
    let loaded = info.is_ok();
    let text = match args.format {
        OutputFormat::Json => {
            let report = Report {
                schema: "echri.inspect/1",
                module: name,
                inspection: &inspection,
                verified_signatures: reports.as_deref(),
                signature_error,
                info: info.as_ref().ok().copied(),
                info_error: info.err(),
            };
            serde_json::to_string_pretty(&report).context("cannot write JSON")? + "\n"
        }
        OutputFormat::Table => table(
            &name,
            &inspection,
            reports.as_deref(),
            signature_error.as_deref(),
            info,
        ),
    };
    super::print(&text)?;
    Ok(if loaded { Exit::Ok } else { Exit::Partial })
}

/// One `label  value` line per value; continuation lines indented.
fn field(out: &mut String, label: &str, values: &[String]) {
    let blank = "";
    for (i, v) in values.iter().enumerate() {
        let l = if i == 0 { label } else { blank };
        out.push_str(&format!("{l:<13}{v}\n"));
    }
    if values.is_empty() {
        out.push_str(&format!("{label:<13}none\n"));
    }
}

fn table(
    name: &str,
    i: &Inspection,
    reports: Option<&[SignatureReport]>,
    signature_error: Option<&str>,
    info: Result<&echri_sdk::model::ModuleInfo, String>,
) -> String {
    let mut out = String::new();
    let s = |t: &str| safe(t).into_owned();
    field(&mut out, "module", &[format!("`{}`", s(name))]);
    field(&mut out, "size", &[format!("{} bytes", i.size)]);
    field(&mut out, "sha256", std::slice::from_ref(&i.sha256));
    if i.unsigned_sha256 != i.sha256 {
        field(
            &mut out,
            "unsigned",
            &[format!(
                "{} (sha256 without its signatures: compare a rebuild with this)",
                i.unsigned_sha256
            )],
        );
    }
    field(
        &mut out,
        "contract",
        &[match &i.contract {
            Some(v) => format!(
                "echri:policy@{}, world `rule-module` (it exports `{}@{}`)",
                s(v),
                echri_trust::inspect::RULES_INTERFACE,
                s(v)
            ),
            None => "none: it exports no `echri:policy/rules` interface".to_owned(),
        }],
    );
    field(
        &mut out,
        "imports",
        &i.imports.iter().map(|n| s(n)).collect::<Vec<_>>(),
    );
    field(
        &mut out,
        "exports",
        &i.exports.iter().map(|n| s(n)).collect::<Vec<_>>(),
    );
    let m = &i.metadata;
    let mut meta: Vec<String> = [
        ("name", &m.name),
        ("version", &m.version),
        ("authors", &m.authors),
        ("description", &m.description),
        ("licenses", &m.licenses),
        ("source", &m.source),
        ("homepage", &m.homepage),
        ("revision", &m.revision),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {}", s(v))))
    .collect();
    meta.extend(m.producers.iter().map(|(field, tool, version)| {
        format!("{}: {} {}", s(field), s(tool), s(version))
            .trim_end()
            .to_owned()
    }));
    field(&mut out, "metadata", &meta);
    let info_lines = match info {
        Ok(info) => {
            let mut lines = vec![
                format!("jurisdiction: {}", s(&info.jurisdiction)),
                format!("name: {}", s(&info.name)),
                format!("authority: {}", s(&info.authority)),
                format!("version: {}", s(&info.version)),
                format!(
                    "law stated for: {}",
                    echri::render::table::period(&info.stated_for)
                ),
                format!(
                    "rules: {} in the catalogue; commitments declared: {}",
                    info.rules.len(),
                    info.commitments.len()
                ),
            ];
            lines.extend(
                info.sources
                    .iter()
                    .map(|src| format!("source: {} <{}>", s(&src.title), s(&src.url))),
            );
            lines
        }
        Err(why) => vec![why],
    };
    field(&mut out, "info", &info_lines);
    let mut lines = signature_lines(&i.signatures, reports);
    lines.extend(signature_error.map(|e| safe(e).into_owned()));
    field(&mut out, "signatures", &lines);
    out
}

/// One line per signature: its key id and, with a trust store, its signer
/// and status.
pub(crate) fn signature_lines(
    ids: &[Option<echri_trust::keys::KeyId>],
    reports: Option<&[SignatureReport]>,
) -> Vec<String> {
    let id = |k: &Option<echri_trust::keys::KeyId>| {
        k.as_ref()
            .map_or_else(|| "key id none".to_owned(), |k| format!("key {k}"))
    };
    match reports {
        None => ids
            .iter()
            .map(|k| format!("{}: no trust store to say whose", id(k)))
            .collect(),
        Some(reports) => reports
            .iter()
            .map(|r| safe(&format!("{}: {}", id(&r.key_id), status(&r.status))).into_owned())
            .collect(),
    }
}

/// A signature's status in words.
pub(crate) fn status(s: &Status) -> String {
    match s {
        Status::Valid {
            key,
            jurisdictions,
            not_after,
        } => format!(
            "valid, by `{key}`, trusted for {} until {not_after}",
            jurisdictions.join(", ")
        ),
        Status::Tampered { key } => {
            format!(
                "by `{key}` but not over these bytes (changed after signing, or made for another module)"
            )
        }
        Status::Revoked { key, reason } => format!("by `{key}`, revoked: {reason}"),
        Status::Expired { key, not_after } => format!("by `{key}`, expired after {not_after}"),
        Status::NotYetValid { key, not_before } => {
            format!("by `{key}`, valid only from {not_before}")
        }
        Status::UnknownKey => "by a key the trust store does not know".to_owned(),
    }
}
