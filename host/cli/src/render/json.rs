//! JSON for programs: `compare`, `list` and `align` (schemas in
//! docs/json.md; each document names its schema). Module text is kept
//! exact; serde escapes it.

use echri_runtime::sandbox::Trace;
use echri_runtime::{Contract, Origin, ResultError, Slot};
use echri_sdk::model::{Assessment, Finding, ModuleInfo, Outcome};
use serde::Serialize;

use crate::analysis::align::AlignReport;
use crate::analysis::compare::{Alignment, Comparison};
pub use crate::analysis::compare::{ModuleRecord, canonical_case};
use crate::analysis::sensitivity::SensitivityReport;

/// Schema identifier of `compare --format json`.
pub const COMPARE_SCHEMA: &str = "echri.compare/2";
/// Schema identifier of `list --format json`.
pub const LIST_SCHEMA: &str = "echri.list/2";

#[derive(Serialize)]
struct CompareJson<'a> {
    schema: &'static str,
    case: CaseJson<'a>,
    results: Vec<ResultJson<'a>>,
    alignment: &'a Alignment,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a DecisionRecord>,
}

/// What a result was obtained from, so that it can be checked and rerun
/// (`echri replay`): echri's version, the contract version, the case as
/// evaluated (canonical JSON) with its digest, and every module with its
/// jurisdiction, version, contract, digest and verified signer.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DecisionRecord {
    /// echri's version.
    pub echri: String,
    /// The contract version the host speaks.
    pub contract: String,
    /// `sha256:` of the canonical case (its compact JSON, as below).
    pub case_digest: String,
    /// The case, as evaluated.
    pub case: serde_json::Value,
    /// The modules, in load order.
    pub modules: Vec<ModuleRecord>,
}

impl DecisionRecord {
    /// The record of `case` evaluated under `modules`.
    pub fn new(case: &echri_sdk::model::Case, modules: Vec<ModuleRecord>) -> DecisionRecord {
        let (case, case_digest) = canonical_case(case);
        DecisionRecord {
            echri: env!("CARGO_PKG_VERSION").to_owned(),
            contract: Contract::CURRENT.as_str().to_owned(),
            case_digest,
            case,
            modules,
        }
    }
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
    /// The jurisdiction a module loaded under another name claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    claims: Option<&'a str>,
    module: &'a Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    contract: Option<Contract>,
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
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    unseen: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    fuel: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    trace: Option<&'a Trace>,
}

/// The comparison as JSON (one line when `pretty` is false).
pub fn compare(c: &Comparison, with_trace: bool, pretty: bool) -> String {
    compare_with_record(c, with_trace, pretty, None)
}

/// [`compare`], with the decision record that lets it be checked and rerun.
pub fn compare_with_record(
    c: &Comparison,
    with_trace: bool,
    pretty: bool,
    record: Option<&DecisionRecord>,
) -> String {
    let results = c
        .results
        .iter()
        .map(|r| {
            let a: Option<&Assessment> = r.result.as_ref().ok();
            ResultJson {
                jurisdiction: r.jurisdiction.as_deref(),
                claims: r.claims.as_deref(),
                module: &r.origin,
                contract: r.contract,
                status: if r.result.is_ok() { "ok" } else { "error" },
                outcome: a.map(|a| a.outcome),
                step: a.and_then(|a| a.outcome.step()),
                decisive: a.map(|a| a.decisive().map(|f| f.rule_id.as_str()).collect()),
                findings: a.map(|a| a.findings.as_slice()),
                conditions: a.map(|a| a.conditions.as_slice()),
                error: r.result.as_ref().err(),
                unseen: &r.unseen,
                warnings: &r.warnings,
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
        record,
    };
    let json = if pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    };
    json.expect("report types always serialise")
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
    contract: Option<Contract>,
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
pub fn list(slots: &[Slot]) -> String {
    let modules = slots
        .iter()
        .map(|s| match s {
            Slot::Loaded(m) => ListEntry {
                module: m.origin(),
                status: "ok",
                contract: Some(m.contract()),
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
                contract: None,
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

/// An alignment report as pretty JSON.
pub fn align(r: &AlignReport) -> String {
    serde_json::to_string_pretty(r).expect("report types always serialise") + "\n"
}

/// A sensitivity report as pretty JSON.
pub fn sensitivity(r: &SensitivityReport) -> String {
    serde_json::to_string_pretty(r).expect("report types always serialise") + "\n"
}
