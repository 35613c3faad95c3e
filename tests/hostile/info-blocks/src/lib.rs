//! A module whose `info()` never returns in a real-time host: it sleeps an
//! hour, then sleeps an hour at a time forever. See README.md.

use std::time::Duration;

use echri_sdk::prelude::*;

#[derive(Debug)]
pub struct InfoBlocks;

/// The one place a finding is built (the SDK's constructor may change).
fn finding(text: &str) -> Finding {
    Finding::new(
        "NEVER",
        "hostile test module",
        Outcome::NoLicenceRequired,
        text,
    )
}

impl RuleModule for InfoBlocks {
    fn info() -> ModuleInfo {
        std::thread::sleep(Duration::from_secs(3600));
        loop {
            std::thread::sleep(Duration::from_secs(3600));
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

echri_sdk::export_rule_module!(InfoBlocks);
