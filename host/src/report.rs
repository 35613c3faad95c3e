//! Rendering comparisons and module lists as tables and JSON.
//!
//! The JSON shapes are stable (their `schema` field names the version) and
//! documented in `docs/json.md`. They hold nothing that varies between runs:
//! no timings, no absolute paths the user did not give.

use comfy_table::{Cell, ContentArrangement, Table, presets};
use echri_sdk::model::{Assessment, Finding, ModuleInfo, Outcome};
use serde::Serialize;

use crate::compare::{Alignment, Comparison, ResultError, Slot};
use crate::module::Origin;
use crate::sandbox::Trace;

/// Schema identifier of `compare --format json`.
pub const COMPARE_SCHEMA: &str = "echri.compare/1";
/// Schema identifier of `list --format json`.
pub const LIST_SCHEMA: &str = "echri.list/1";

#[derive(Serialize)]
struct CompareJson<'a> {
    schema: &'static str,
    case: CaseJson<'a>,
    results: Vec<ResultJson<'a>>,
    alignment: &'a Alignment,
}

#[derive(Serialize)]
struct CaseJson<'a> {
    id: &'a str,
    as_of: String,
    destination: &'a str,
}

#[derive(Serialize)]
struct ResultJson<'a> {
    jurisdiction: Option<&'a str>,
    module: &'a Origin,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decisive: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<&'a [Finding]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conditions: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a ResultError>,
    fuel: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    trace: Option<&'a Trace>,
}

/// The comparison as JSON (one line when `pretty` is false).
pub fn compare_json(c: &Comparison, with_trace: bool, pretty: bool) -> String {
    let results = c
        .results
        .iter()
        .map(|r| {
            let a: Option<&Assessment> = r.result.as_ref().ok();
            ResultJson {
                jurisdiction: r.jurisdiction.as_deref(),
                module: &r.origin,
                status: if r.result.is_ok() { "ok" } else { "error" },
                outcome: a.map(|a| a.outcome),
                step: a.map(|a| a.outcome.step()),
                decisive: a.map(|a| a.decisive().map(|f| f.rule_id.as_str()).collect()),
                findings: a.map(|a| a.findings.as_slice()),
                conditions: a.map(|a| a.conditions.as_slice()),
                error: r.result.as_ref().err(),
                fuel: r.fuel,
                trace: (with_trace && !r.trace.lines.is_empty()).then_some(&r.trace),
            }
        })
        .collect();
    let doc = CompareJson {
        schema: COMPARE_SCHEMA,
        case: CaseJson {
            id: &c.case.id,
            as_of: c.case.as_of.to_string(),
            destination: c.case.destination.code(),
        },
        results,
        alignment: &c.alignment,
    };
    let json = if pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    };
    json.expect("report types always serialise")
}

fn new_table(width: Option<u16>) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width.unwrap_or(120));
    table
}

/// The comparison as a human-readable table plus an alignment summary.
pub fn compare_table(c: &Comparison, width: Option<u16>, with_trace: bool) -> String {
    let mut table = new_table(width);
    table.set_header(["Jurisdiction", "Outcome", "Decisive rules (* assumption)", "Citations"]);
    for r in &c.results {
        let who = r.jurisdiction.clone().unwrap_or_else(|| "?".to_owned());
        match &r.result {
            Ok(a) => {
                let decisive: Vec<&Finding> = a.decisive().collect();
                let rules = decisive
                    .iter()
                    .map(|f| {
                        if f.assumption.is_some() {
                            format!("{} *", f.rule_id)
                        } else {
                            f.rule_id.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let mut citations: Vec<&str> = decisive.iter().map(|f| f.citation.as_str()).collect();
                citations.dedup();
                let mut outcome = a.outcome.label().to_owned();
                if !a.conditions.is_empty() {
                    outcome.push_str(&format!("\n(+{} condition(s))", a.conditions.len()));
                }
                table.add_row([
                    Cell::new(who),
                    Cell::new(outcome),
                    Cell::new(rules),
                    Cell::new(citations.join("\n")),
                ]);
            }
            Err(e) => {
                table.add_row([
                    Cell::new(who),
                    Cell::new("ERROR"),
                    Cell::new(format!("{}: {}", r.origin, e.message())),
                    Cell::new(""),
                ]);
            }
        }
    }
    let mut out = format!(
        "Case `{}`: destination {}, as of {}\n{table}\n",
        c.case.id, c.case.destination, c.case.as_of
    );
    out.push_str(&alignment_summary(&c.alignment));
    out.push_str("Why:\n");
    for r in &c.results {
        let who = r.jurisdiction.as_deref().unwrap_or("?");
        match &r.result {
            Ok(a) => {
                for f in a.decisive() {
                    out.push_str(&format!("  {who} {}: {}\n", f.rule_id, f.explanation));
                    if let Some(assumption) = &f.assumption {
                        out.push_str(&format!("     * assumption: {assumption}\n"));
                    }
                }
                for cond in &a.conditions {
                    out.push_str(&format!("  {who} condition: {cond}\n"));
                }
            }
            Err(e) => out.push_str(&format!("  {who} ERROR ({}): {}\n", r.origin, e.message())),
        }
    }
    if with_trace {
        for r in c.results.iter().filter(|r| !r.trace.lines.is_empty()) {
            out.push_str(&format!("\nTrace of {}:\n", r.origin));
            for line in &r.trace.lines {
                out.push_str(&format!("  [{:?}] {}\n", line.source, line.text.trim_end()));
            }
        }
    }
    out
}

fn alignment_summary(a: &Alignment) -> String {
    let mut out = String::from("Alignment:\n");
    for g in &a.outcomes {
        out.push_str(&format!(
            "  {:<24} {}\n",
            g.outcome.label(),
            g.jurisdictions.join(", ")
        ));
    }
    if a.evaluated == 0 {
        out.push_str("  no jurisdiction produced an assessment\n");
    } else if a.unanimous {
        out.push_str(&format!("  unanimous across {} jurisdictions\n", a.evaluated));
    } else {
        out.push_str(&format!(
            "  {} of {} pairs agree; spread {} step(s), from {} to {}\n",
            a.agreeing_pairs,
            a.pairs,
            a.spread,
            a.least_restrictive.map_or("-", Outcome::label),
            a.most_restrictive.map_or("-", Outcome::label),
        ));
    }
    if a.failed > 0 {
        out.push_str(&format!("  {} module(s) failed; see ERROR rows\n", a.failed));
    }
    out
}

#[derive(Serialize)]
struct ListJson<'a> {
    schema: &'static str,
    modules: Vec<ListEntry<'a>>,
}

#[derive(Serialize)]
struct ListEntry<'a> {
    module: &'a Origin,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    info: Option<&'a ModuleInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// The loaded modules as JSON.
pub fn list_json(slots: &[Slot]) -> String {
    let modules = slots
        .iter()
        .map(|s| match s {
            Slot::Loaded(m) => ListEntry {
                module: m.origin(),
                status: "ok",
                info: Some(m.info()),
                sha256: Some(m.sha256()),
                size: Some(m.size()),
                error: None,
            },
            Slot::Failed {
                origin, message, ..
            } => ListEntry {
                module: origin,
                status: "error",
                info: None,
                sha256: None,
                size: None,
                error: Some(message),
            },
        })
        .collect();
    serde_json::to_string_pretty(&ListJson {
        schema: LIST_SCHEMA,
        modules,
    })
    .expect("report types always serialise")
}

/// The loaded modules as a table.
pub fn list_table(slots: &[Slot], width: Option<u16>) -> String {
    let mut table = new_table(width);
    table.set_header(["Jurisdiction", "Authority", "Version", "Effective", "Sources", "SHA-256"]);
    for s in slots {
        match s {
            Slot::Loaded(m) => {
                let i = m.info();
                table.add_row([
                    Cell::new(&i.jurisdiction),
                    Cell::new(&i.authority),
                    Cell::new(&i.version),
                    Cell::new(i.effective.to_string()),
                    Cell::new(i.sources.len().to_string()),
                    Cell::new(m.sha256()),
                ]);
            }
            Slot::Failed { origin, message, .. } => {
                table.add_row([
                    Cell::new("?"),
                    Cell::new(format!("ERROR loading {origin}: {message}")),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                ]);
            }
        }
    }
    format!("{table}\n")
}
