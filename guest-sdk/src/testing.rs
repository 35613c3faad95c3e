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
//!
//! [`check_catalogue`] checks a rule crate's catalogue of rules against its
//! README and the same case files: every rule documented, every rule
//! exercised, and no finding from outside the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::RuleModule;
use crate::model::{Assessment, Case, Outcome};
use crate::rule::Rule;

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
            problems.push(format!(
                "decisive rules: expected {want:?}, got {decisive:?}"
            ));
        }
        for id in &self.expect.present {
            if !got.has_rule(id) {
                problems.push(format!("rule `{id}` expected among the findings, missing"));
            }
        }
        for id in &self.expect.absent {
            if got.has_rule(id) {
                problems.push(format!(
                    "rule `{id}` must not be among the findings, present"
                ));
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

/// Checks a rule crate's catalogue ([`RuleModule::catalogue`]) against the
/// crate in `crate_dir` (its `CARGO_MANIFEST_DIR`), and panics listing every
/// problem:
///
/// - everything [`check_rules`] checks (unique ids; each id, in backticks,
///   in a table row of `README.md`; no `Finding::new` in `src/`);
/// - every rule of the catalogue fires (is among the findings of) at least
///   one case of `tests/cases/*.toml`;
/// - every finding of those cases has an id in the catalogue, so no rule
///   escapes it;
/// - no finding of a rule precedes the rule's
///   [`applies_from`](Rule::applies_from) date on its case's `as_of`.
///
/// ```no_run
/// // rules/xx/tests/cases.rs
/// # struct Xx;
/// # impl echri_sdk::RuleModule for Xx {
/// #     fn info() -> echri_sdk::model::ModuleInfo { unimplemented!() }
/// #     fn evaluate(_: &echri_sdk::model::Case) -> Result<echri_sdk::model::Assessment, echri_sdk::model::CaseError> { unimplemented!() }
/// #     fn catalogue() -> &'static [echri_sdk::rule::Rule] { &[] }
/// # }
/// #[test]
/// fn catalogue_matches_readme_and_cases() {
///     echri_sdk::testing::check_catalogue::<Xx>(env!("CARGO_MANIFEST_DIR"));
/// }
/// ```
pub fn check_catalogue<R: RuleModule>(crate_dir: &str) {
    let catalogue = R::catalogue();
    let mut problems = rule_problems(crate_dir, catalogue);
    let known: BTreeMap<&str, &Rule> = catalogue.iter().map(|r| (r.id, r)).collect();
    let mut fired: BTreeSet<String> = BTreeSet::new();
    let dir = Path::new(crate_dir).join("tests/cases");
    for path in case_files(&dir) {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let file = match CaseFile::read(&path) {
            Ok(file) => file,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let got = match R::evaluate(&file.case) {
            Ok(got) => got,
            Err(e) => {
                problems.push(format!("{name}: case error: {e}"));
                continue;
            }
        };
        for finding in &got.findings {
            match known.get(finding.rule_id.as_str()) {
                None => problems.push(format!(
                    "{name}: finding `{}` is not in the catalogue",
                    finding.rule_id
                )),
                Some(rule) if !rule.applies_on(file.case.as_of) => problems.push(format!(
                    "{name}: finding `{}` on {}, before the rule applies ({})",
                    finding.rule_id,
                    file.case.as_of,
                    rule.applies_from
                        .map_or_else(String::new, |d| d.to_string())
                )),
                Some(_) => {}
            }
            fired.insert(finding.rule_id.clone());
        }
    }
    for rule in catalogue {
        if !fired.contains(rule.id) {
            problems.push(format!(
                "rule `{}` fires in none of the cases in {}: add a case that exercises it",
                rule.id,
                dir.display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "catalogue of {crate_dir} ({} rules): {} problems:\n  {}",
        catalogue.len(),
        problems.len(),
        problems.join("\n  ")
    );
}

/// Checks a list of rules declared by the crate in `crate_dir`, without
/// running cases (for a library of shared rules, such as the EU baseline,
/// whose rules are exercised through the modules that include them), and
/// panics listing every problem:
///
/// - the list is not empty and its ids are unique;
/// - every id appears in the crate's `README.md` in backticks (`` `UK-C2` ``),
///   so that `US-CC-3` is not taken as documented by `US-CC-3-CA`, and in a
///   row of a Markdown table (a line starting with `|`), the crate's rule
///   table "rule id | provision | what it decides";
/// - no `.rs` file under `src/` calls `Finding::new`: findings are made from
///   the declarations, with [`Rule::finding`].
pub fn check_rules(crate_dir: &str, rules: &[Rule]) {
    let problems = rule_problems(crate_dir, rules);
    assert!(
        problems.is_empty(),
        "rules of {crate_dir} ({} rules): {} problems:\n  {}",
        rules.len(),
        problems.len(),
        problems.join("\n  ")
    );
}

fn rule_problems(crate_dir: &str, rules: &[Rule]) -> Vec<String> {
    let mut problems = Vec::new();
    if rules.is_empty() {
        problems.push("the catalogue is empty".to_string());
    }
    let mut seen = BTreeSet::new();
    for rule in rules {
        if !seen.insert(rule.id) {
            problems.push(format!("rule id `{}` is declared more than once", rule.id));
        }
    }
    let readme_path = Path::new(crate_dir).join("README.md");
    match std::fs::read_to_string(&readme_path) {
        Ok(readme) => {
            let rows = table_rows(&readme);
            for rule in rules {
                let id = format!("`{}`", rule.id);
                if !readme.contains(&id) {
                    problems.push(format!(
                        "rule `{}` ({}) is not documented in {}",
                        rule.id,
                        rule.title,
                        readme_path.display()
                    ));
                } else if !rows.iter().any(|row| row.contains(&id)) {
                    problems.push(format!(
                        "rule `{}` ({}) is in {} but in no row of a rule table \
                         (a line starting with `|`: rule id | provision | what it decides)",
                        rule.id,
                        rule.title,
                        readme_path.display()
                    ));
                }
            }
        }
        Err(e) => problems.push(format!("{}: {e}", readme_path.display())),
    }
    for path in rust_files(&Path::new(crate_dir).join("src")) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            problems.push(format!("cannot read {}", path.display()));
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            if line.contains("Finding::new(") {
                problems.push(format!(
                    "{}:{}: `Finding::new` with a free-form id; declare a `Rule` and use `Rule::finding`",
                    path.display(),
                    n + 1
                ));
            }
        }
    }
    problems
}

/// The lines of a Markdown text that are table rows (start with `|`, after
/// leading spaces).
fn table_rows(markdown: &str) -> Vec<&str> {
    markdown
        .lines()
        .filter(|line| line.trim_start().starts_with('|'))
        .collect()
}

/// The `.rs` files under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Panics unless every code of the country table `name` is an assigned
/// ISO 3166-1 alpha-2 code and the table is sorted without duplicates: a
/// unit test for the policy tables that rule crates declare.
pub fn check_country_table(name: &str, table: &[&str]) {
    for code in table {
        assert!(
            crate::countries::is_assigned(code),
            "{name}: `{code}` is not an assigned ISO 3166-1 alpha-2 code"
        );
    }
    assert!(
        table.windows(2).all(|w| w[0] < w[1]),
        "{name}: not sorted, or a code appears twice"
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
    use crate::model::{EndUse, Item, Party, PartyRole};
    let item = Item {
        capabilities,
        ..Item::coded(control_code.parse().expect("valid control code"))
    };
    let party = Party::new(
        "End User",
        destination.parse().expect("valid country"),
        kind,
        PartyRole::EndUser,
    );
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
                    assert!(
                        a.decisive().next().is_some(),
                        "{dest} {code} {kind} {as_of}"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[Rule] = &[
        Rule::new("XX-A", "Rule A", "Act s. 1"),
        Rule::new("XX-A-B", "Rule A-B", "Act s. 2"),
    ];

    /// A crate directory under the system's temporary directory holding
    /// `readme` as its README and an empty `src/`.
    fn crate_with_readme(name: &str, readme: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("echri-sdk-testing-{}-{name}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).expect("create temporary crate");
        std::fs::write(dir.join("README.md"), readme).expect("write README");
        dir
    }

    #[test]
    fn every_id_in_a_table_row_passes() {
        let dir = crate_with_readme(
            "table",
            "# xx\n\n| Rule id | Provision | What it decides |\n|---|---|---|\n\
             | `XX-A` | Act s. 1 | licence |\n  | `XX-A-B` | Act s. 2 | no licence |\n",
        );
        let problems = rule_problems(dir.to_str().expect("utf-8 path"), RULES);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn an_id_in_prose_only_is_reported() {
        let dir = crate_with_readme(
            "prose",
            "# xx\n\n| Rule id | Provision | What it decides |\n|---|---|---|\n\
             | `XX-A-B` | Act s. 2 | no licence |\n\nAlso `XX-A`, in a sentence.\n",
        );
        let problems = rule_problems(dir.to_str().expect("utf-8 path"), RULES);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`XX-A`") && problems[0].contains("no row of a rule table"));
    }

    #[test]
    fn a_longer_id_does_not_document_a_shorter_one() {
        let dir = crate_with_readme("longer", "| `XX-A-B` | Act s. 2 | no licence |\n");
        let problems = rule_problems(dir.to_str().expect("utf-8 path"), RULES);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("is not documented"), "{problems:?}");
    }
}
