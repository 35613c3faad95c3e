//! `echri replay RECORD`: rerun a `compare --format json` result from its
//! decision record (the case as evaluated and every module by reference and
//! digest), or one `echri batch` record with its case (`--case`), and say
//! whether the result is identical.

use std::path::PathBuf;

use anyhow::{Context as _, anyhow};
use clap::Args;
use echri::analysis::batch::{BATCH_SCHEMA, Record};
use echri::analysis::compare;
use echri::input::case_file::{self, Format};
use echri::render::json::{self, COMPARE_SCHEMA, DecisionRecord, ModuleRecord};
use echri_runtime::{Origin, Runtime};

use super::{Exit, GlobalArgs, LimitArgs, Outcome, usage};

/// Largest record read.
const MAX_RECORD_BYTES: u64 = 64 << 20;

/// `echri replay`.
#[derive(Args, Debug)]
pub(crate) struct ReplayArgs {
    /// A result of `echri compare --format json`, or one record (one line)
    /// of `echri batch`.
    record: PathBuf,
    /// For a batch record: the case it was made from, as a case file, or the
    /// JSON Lines corpus (the record's `line` is taken). The case must match
    /// the record's `case_digest`.
    #[arg(long, value_name = "FILE")]
    case: Option<PathBuf>,
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
    if original["schema"] == BATCH_SCHEMA {
        return replay_batch(&name, original, args);
    }
    if original["schema"] != COMPARE_SCHEMA {
        return Err(usage(anyhow!(
            "`{name}` is neither a `{COMPARE_SCHEMA}` document (`echri compare --format json`) \
             nor a `{BATCH_SCHEMA}` record"
        )));
    }
    let record: DecisionRecord = serde_json::from_value(original["record"].clone())
        .with_context(|| format!("`{name}` has no valid decision record (`record`)"))
        .map_err(usage)?;
    let case: echri_sdk::model::Case = serde_json::from_value(record.case.clone())
        .with_context(|| format!("`{name}`: the recorded case is not a valid case"))
        .map_err(usage)?;
    check_digest(&name, &case, &record.case_digest)?;
    let (runtime, mut differences) = load_recorded(&record.modules, &args.limits)?;

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
    say(&differences, &record.case_digest, record.modules.len())
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

/// Loads every recorded module by its reference, and says which could not
/// be loaded or are not the module recorded (another digest).
fn load_recorded(
    modules: &[ModuleRecord],
    limits: &LimitArgs,
) -> Result<(Runtime, Vec<String>), super::Failure> {
    let mut runtime = Runtime::new(limits.limits(), 1)?;
    let mut differences = Vec::new();
    for m in modules {
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

    Ok((runtime, differences))
}

/// Refuses a case that does not match the recorded digest.
fn check_digest(
    name: &str,
    case: &echri_sdk::model::Case,
    recorded: &str,
) -> Result<(), super::Failure> {
    let (_, digest) = json::canonical_case(case);
    if digest != recorded {
        return Err(usage(anyhow!(
            "`{name}`: the case does not match the recorded digest ({recorded} recorded, \
             {digest} computed)"
        )));
    }
    Ok(())
}

/// Replays one batch record: its case from `--case`, its modules from the
/// record; compares outcomes, decisive rules, errors, spread and unanimity.
fn replay_batch(name: &str, original: serde_json::Value, args: ReplayArgs) -> Outcome {
    let record: Record = serde_json::from_value(original)
        .with_context(|| format!("`{name}` is not a valid batch record"))
        .map_err(usage)?;
    let Some(digest) = record.case_digest.clone() else {
        return Err(usage(anyhow!(
            "`{name}` was written before batch records carried a case digest; batch the case again"
        )));
    };
    if record.modules.is_empty() {
        return Err(usage(anyhow!(
            "`{name}` names no module (written before batch records carried them)"
        )));
    }
    let Some(case_path) = &args.case else {
        return Err(usage(anyhow!(
            "a batch record does not hold its case: give it with `--case FILE` (the case file, or \
             the JSON Lines corpus, whose line {} is taken)",
            record.line
        )));
    };
    let case = read_case_for(case_path, record.line)?;
    check_digest(name, &case, &digest)?;
    let (runtime, mut differences) = load_recorded(&record.modules, &args.limits)?;
    let mut again = Record::of(
        &compare::compare(&runtime, &case),
        record.line,
        record.file.clone(),
    );
    again.modules.clone_from(&record.modules);
    for (field, same) in [
        ("outcomes", again.outcomes == record.outcomes),
        ("decisive rules", again.decisive == record.decisive),
        ("errors", again.errors == record.errors),
        ("spread", again.spread == record.spread),
        ("unanimity", again.unanimous == record.unanimous),
    ] {
        if !same {
            differences.push(format!("the {field} differ"));
        }
    }
    for (j, o) in &record.outcomes {
        if let Some(now) = again.outcomes.get(j).filter(|now| *now != o) {
            differences.push(format!("{j}: {o} recorded, {now} now"));
        }
    }
    say(&differences, &digest, record.modules.len())
}

/// The case for a batch record: a case file, or line `line` of a JSON
/// Lines corpus.
fn read_case_for(
    path: &std::path::Path,
    line: u64,
) -> Result<echri_sdk::model::Case, super::Failure> {
    let is_lines = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    if !is_lines {
        return case_file::read_case_file(path).map_err(usage);
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))
        .map_err(usage)?;
    let wanted = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some(text_line) = text.lines().nth(wanted) else {
        return Err(usage(anyhow!("`{}` has no line {line}", path.display())));
    };
    let source = format!("{}:{line}", path.display());
    case_file::parse_case(text_line, Format::Json, &source).map_err(usage)
}

/// Prints the verdict.
fn say(differences: &[String], digest: &str, modules: usize) -> Outcome {
    if differences.is_empty() {
        super::print(&format!(
            "identical: case {digest} under {modules} module(s), the same result\n"
        ))?;
        Ok(Exit::Ok)
    } else {
        let mut out = String::from("differs:\n");
        for d in differences {
            out.push_str("  ");
            out.push_str(&echri::render::text::safe(d));
            out.push('\n');
        }
        super::print(&out)?;
        Ok(Exit::Partial)
    }
}
