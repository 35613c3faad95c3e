//! `echri replay RECORD`: rerun a `compare --format json` result from its
//! decision record (the case as evaluated and every module by reference and
//! digest) and say whether the result is identical.

use std::path::PathBuf;

use anyhow::{Context as _, anyhow};
use clap::Args;
use echri::analysis::compare;
use echri::render::json::{self, COMPARE_SCHEMA, DecisionRecord};
use echri_runtime::{Origin, Runtime};

use super::{Exit, GlobalArgs, LimitArgs, Outcome, usage};

/// Largest record read.
const MAX_RECORD_BYTES: u64 = 64 << 20;

/// `echri replay`.
#[derive(Args, Debug)]
pub(crate) struct ReplayArgs {
    /// A result of `echri compare --format json`.
    record: PathBuf,
    #[command(flatten)]
    limits: LimitArgs,
}

pub(crate) fn run(_global: GlobalArgs, args: ReplayArgs) -> Outcome {
    let path = &args.record;
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read `{name}`"))
        .map_err(usage)?;
    if meta.len() > MAX_RECORD_BYTES {
        return Err(usage(anyhow!(
            "`{name}` is {} bytes, more than a record can be ({MAX_RECORD_BYTES})",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{name}`"))
        .map_err(usage)?;
    let original: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("`{name}` is not JSON"))
        .map_err(usage)?;
    if original["schema"] != COMPARE_SCHEMA {
        return Err(usage(anyhow!(
            "`{name}` is not a `{COMPARE_SCHEMA}` document (`echri compare --format json`)"
        )));
    }
    let record: DecisionRecord = serde_json::from_value(original["record"].clone())
        .with_context(|| format!("`{name}` has no valid decision record (`record`)"))
        .map_err(usage)?;
    let case: echri_sdk::model::Case = serde_json::from_value(record.case.clone())
        .with_context(|| format!("`{name}`: the recorded case is not a valid case"))
        .map_err(usage)?;
    let (_, digest) = json::canonical_case(&case);
    if digest != record.case_digest {
        return Err(usage(anyhow!(
            "`{name}`: the recorded case does not match its digest ({} recorded, {digest} computed)",
            record.case_digest
        )));
    }

    let mut runtime = Runtime::new(args.limits.limits(), 1)?;
    let mut differences = Vec::new();
    for m in &record.modules {
        let bytes: Vec<u8> = if let Some(package) = m.reference.strip_prefix("builtin:") {
            match echri_builtin::MODULES.iter().find(|b| b.package == package) {
                Some(b) => b.bytes.to_vec(),
                None => {
                    differences.push(format!("{}: no such built-in module", m.reference));
                    continue;
                }
            }
        } else if m.reference.starts_with(echri_trust::registry::SCHEME) {
            super::policy::pull(&m.reference, runtime.sandbox().limits().max_component_bytes)?.bytes
        } else {
            match std::fs::read(&m.reference) {
                Ok(bytes) => bytes,
                Err(e) => {
                    differences.push(format!("{}: cannot read it ({e})", m.reference));
                    continue;
                }
            }
        };
        let origin = match m.reference.strip_prefix("builtin:") {
            Some(package) => Origin::Builtin(package.to_owned()),
            None => Origin::File(m.reference.clone()),
        };
        match runtime.load_bytes(origin, &bytes) {
            Ok(module) if format!("sha256:{}", module.sha256()) != m.digest => {
                differences.push(format!(
                    "{}: the module is not the one recorded (digest sha256:{}, recorded {})",
                    m.reference,
                    module.sha256(),
                    m.digest
                ));
            }
            Ok(_) => {}
            Err(e) => differences.push(format!("{}: {e}", m.reference)),
        }
    }

    let comparison = compare::compare(&runtime, &case);
    let with_trace = original["results"]
        .as_array()
        .is_some_and(|r| r.iter().any(|r| r.get("trace").is_some()));
    let again: serde_json::Value =
        serde_json::from_str(&json::compare(&comparison, with_trace, false))
            .expect("echri's own JSON parses");
    for key in ["case", "results", "alignment"] {
        if again[key] != original[key] {
            differences.push(match key {
                "results" => results_difference(&original[key], &again[key]),
                other => format!("the `{other}` differs"),
            });
        }
    }
    if differences.is_empty() {
        super::print(&format!(
            "identical: case {} under {} module(s), the same result\n",
            record.case_digest,
            record.modules.len()
        ))?;
        Ok(Exit::Ok)
    } else {
        let mut out = String::from("differs:\n");
        for d in &differences {
            out.push_str("  ");
            out.push_str(&echri::render::text::safe(d));
            out.push('\n');
        }
        super::print(&out)?;
        Ok(Exit::Partial)
    }
}

/// Which jurisdictions' results differ, with the recorded and the new
/// outcome.
fn results_difference(before: &serde_json::Value, after: &serde_json::Value) -> String {
    let empty = Vec::new();
    let b = before.as_array().unwrap_or(&empty);
    let a = after.as_array().unwrap_or(&empty);
    if a.len() != b.len() {
        return format!("{} results recorded, {} now", b.len(), a.len());
    }
    let changed: Vec<String> = b
        .iter()
        .zip(a)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| {
            format!(
                "{} ({} recorded, {} now)",
                x["jurisdiction"].as_str().unwrap_or("?"),
                x["outcome"].as_str().unwrap_or("error"),
                y["outcome"].as_str().unwrap_or("error")
            )
        })
        .collect();
    format!("the results of {} differ", changed.join(", "))
}
