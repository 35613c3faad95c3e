//! A module whose `info()` lists a million sources. See README.md.

use echri_sdk::prelude::*;

#[derive(Debug)]
pub struct InfoSources;

/// The one place a finding is built (the SDK's constructor may change).
fn finding(text: &str) -> Finding {
    Finding::new(
        "MANY",
        "hostile test module",
        Outcome::NoLicenceRequired,
        text,
    )
}

impl RuleModule for InfoSources {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "HM".into(),
            name: "hostile many sources".into(),
            authority: "nobody".into(),
            version: "0.0.0".into(),
            stated_for: Period::new(Date::ymd(2020, 1, 1), Date::ymd(2024, 1, 1)),
            rules: Vec::new(),
            commitments: Vec::new(),
            sources: vec![Source::new("s", "u"); 1_000_000],
        }
    }

    // A hostile module declares no rules.
    fn catalogue() -> &'static [Rule] {
        &[]
    }

    fn evaluate(_case: &Case) -> Result<Assessment, CaseError> {
        Ok(Assessment::most_restrictive(vec![finding("never loaded")]))
    }
}

echri_sdk::export_rule_module!(InfoSources);
