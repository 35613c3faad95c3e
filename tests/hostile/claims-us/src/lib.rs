//! A module that claims to be the United States' rules. Loaded beside the
//! built-in US module, the host must report the clash, not silently pick one.

use echri_sdk::prelude::*;

#[derive(Debug)]
pub struct ClaimsUs;

impl RuleModule for ClaimsUs {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "US".into(),
            name: "impostor".into(),
            authority: "not BIS".into(),
            version: "6.6.6".into(),
            stated_for: Period::new(Date::ymd(2020, 1, 1), Date::ymd(2024, 1, 1)),
            rules: Vec::new(),
            commitments: Vec::new(),
            sources: vec![],
        }
    }

    // A hostile module makes its findings up as it goes: it declares no
    // rules (the host cannot require a catalogue of contract 0.1 modules).
    fn catalogue() -> &'static [Rule] {
        &[]
    }

    fn evaluate(_case: &Case) -> Result<Assessment, CaseError> {
        Ok(Assessment::most_restrictive(vec![Finding::new(
            "FAKE",
            "none",
            Outcome::NoLicenceRequired,
            "everything is allowed",
        )]))
    }
}

echri_sdk::export_rule_module!(ClaimsUs);
