//! Data-driven tests for rule crates, run natively with `cargo test`.
//!
//! Each case file is TOML with an `[expect]` table and a `[case]` table:
//!
//! ```toml
//! [expect]
//! outcome = "presumption-of-denial"
//! decisive = ["US-EL-PoD"]          # rule ids of the findings that decide the outcome, exactly
//! present = []                      # optional: further rule ids that must be among the findings
//! absent = ["US-ACE"]               # optional: rule ids that must not be among the findings
//! reason = "NSO Group is on the Entity List from 2021-11-04, for all items incl. EAR99"
//!
//! [case]
//! id = "us-nso-laptops"
//! as_of = "2024-03-01"
//! destination = "IL"
//! [[case.items]]
//! control_code = "EAR99"
//! [[case.parties]]
//! name = "NSO Group"
//! country = "IL"
//! kind = "private"
//! role = "end-user"
//! ```
//!
//! The host's test suite runs the same files through the sandboxed component
//! and checks that both agree.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::RuleModule;
use crate::model::{Assessment, Case, Outcome};

/// What a case file expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The overall outcome.
    pub outcome: Outcome,
    /// The rule ids of the decisive findings, exactly (order ignored).
    pub decisive: Vec<String>,
    /// Rule ids that must be among the findings.
    #[serde(default)]
    pub present: Vec<String>,
    /// Rule ids that must not be among the findings.
    #[serde(default)]
    pub absent: Vec<String>,
    /// One line of legal reasoning, for the reader.
    pub reason: String,
}

/// One case file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The expectation.
    pub expect: Expect,
    /// The case.
    pub case: Case,
}

impl CaseFile {
    /// Reads and parses a case file.
    pub fn read(path: &Path) -> Result<CaseFile, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Checks an assessment against the expectation; `Err` lists every
    /// mismatch.
    pub fn check(&self, got: &Assessment) -> Result<(), String> {
        let mut problems = Vec::new();
        if got.outcome != self.expect.outcome {
            problems.push(format!(
                "outcome: expected `{}`, got `{}`",
                self.expect.outcome, got.outcome
            ));
        }
        let mut decisive: Vec<&str> = got.decisive().map(|f| f.rule_id.as_str()).collect();
        decisive.sort_unstable();
        decisive.dedup();
        let mut want: Vec<&str> = self.expect.decisive.iter().map(String::as_str).collect();
        want.sort_unstable();
        want.dedup();
        if decisive != want {
            problems.push(format!("decisive rules: expected {want:?}, got {decisive:?}"));
        }
        for id in &self.expect.present {
            if !got.has_rule(id) {
                problems.push(format!("rule `{id}` expected among the findings, missing"));
            }
        }
        for id in &self.expect.absent {
            if got.has_rule(id) {
                problems.push(format!("rule `{id}` must not be among the findings, present"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            let ids: Vec<&str> = got.findings.iter().map(|f| f.rule_id.as_str()).collect();
            problems.push(format!("all findings: {ids:?}"));
            Err(problems.join("\n    "))
        }
    }
}

/// The `.toml` files in `dir`, sorted by name.
pub fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read case directory {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// Runs every case file in `dir` through `R` natively and panics with every
/// failure, naming each file. Panics too when the directory holds fewer than
/// `min_cases` files, so a suite cannot pass by being empty.
pub fn check_dir<R: RuleModule>(dir: &str, min_cases: usize) {
    let files = case_files(Path::new(dir));
    assert!(
        files.len() >= min_cases,
        "{dir} holds {} case files, at least {min_cases} expected",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let outcome = CaseFile::read(path).and_then(|file| {
            let got = R::evaluate(&file.case).map_err(|e| format!("case error: {e}"))?;
            file.check(&got)
        });
        if let Err(e) = outcome {
            failures.push(format!("{}:\n    {e}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// A one-item, one-end-user case for unit tests.
pub fn simple_case(
    destination: &str,
    control_code: &str,
    capabilities: Vec<crate::model::Capability>,
    kind: crate::model::PartyKind,
    as_of: crate::model::Date,
    facts: Vec<crate::model::RiskFact>,
) -> Case {
    use crate::model::{EndUse, Item, Party, PartyRole, Sector};
    let item = Item {
        control_code: control_code.parse().expect("valid control code"),
        description: String::new(),
        capabilities,
    };
    let party = Party {
        name: "End User".into(),
        country: destination.parse().expect("valid country"),
        kind,
        role: PartyRole::EndUser,
        sector: Sector::Unspecified,
        us_subsidiary: false,
    };
    Case::new(
        "t",
        as_of,
        destination.parse().expect("valid country"),
        vec![item],
        vec![party],
        EndUse::default(),
        facts,
    )
    .expect("valid case")
}

/// Evaluates `R` over every destination × `codes` × police/private/military
/// end users × `dates`, with human-rights facts stated, and panics unless
/// every case gets an assessment with at least one finding and a decisive
/// one. Catches panics and empty answers a handful of data-driven cases
/// would miss.
pub fn sweep<R: RuleModule>(codes: &[&str], dates: &[crate::model::Date]) {
    use crate::model::{Capability, PartyKind, RiskFact};
    for dest in crate::countries::all() {
        for code in codes {
            for kind in [PartyKind::Police, PartyKind::Private, PartyKind::Military] {
                for &as_of in dates {
                    let c = simple_case(
                        dest,
                        code,
                        vec![Capability::IpNetworkSurveillance],
                        kind,
                        as_of,
                        vec![
                            RiskFact::ClearRiskInternalRepression,
                            RiskFact::SubstantialRiskSeriousViolation,
                        ],
                    );
                    let a = R::evaluate(&c).expect("assessable");
                    assert!(!a.findings.is_empty(), "{dest} {code} {kind} {as_of}");
                    assert!(a.decisive().next().is_some(), "{dest} {code} {kind} {as_of}");
                }
            }
        }
    }
}
