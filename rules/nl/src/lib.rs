//! # echri-rule-nl: the Netherlands
//!
//! The Netherlands applies the EU baseline directly (Regulation (EU) 2021/821
//! incl. the Art. 5 cyber-surveillance catch-all, Common Position
//! 2008/944/CFSP, Regulation (EU) 2019/125 and the EU sanctions regulations),
//! implemented by the Wet strategische diensten as amended by the
//! Uitvoeringswet herziening Verordening producten voor tweeërlei gebruik
//! (Kamerstuk 35 904). The EU baseline is modelled in the shared crate
//! [`echri_law_eu`]; this module adds **no national licensing rule**.
//!
//! Authority: the Minister for Foreign Trade decides on licences; the
//! Central Import and Export Office (CDIU) of Dutch Customs administers them
//! (the split is an assumption \[VERIFY\], see README).
//!
//! This models policy for comparison; it is not legal advice.

#![warn(missing_docs)]

use echri_law_eu::{self as eu, MemberState};
use echri_sdk::prelude::*;

/// The Dutch rule module.
#[derive(Debug, Clone, Copy)]
pub struct Nl;

/// The Netherlands as an EU member state.
pub const NETHERLANDS: MemberState = MemberState {
    code: "NL",
    name: "the Netherlands",
    authority: "the Minister for Foreign Trade (Ministry of Foreign Affairs); licences administered by the Central Import and Export Office (CDIU) of Dutch Customs",
    military_authority: "the Minister for Foreign Trade (licences administered by the CDIU)",
    national_rules: "none (the Netherlands applies the EU baseline only)",
};

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2018, 1, 1);

impl RuleModule for Nl {
    fn info() -> ModuleInfo {
        eu::module_info(
            &NETHERLANDS,
            "2025.1",
            STATED_FROM,
            &[
                (
                    "Kamerstuk 35 904: Uitvoeringswet herziening Verordening producten voor tweeërlei gebruik, primary",
                    "https://zoek.officielebekendmakingen.nl/dossier/kst-35904-6.html",
                ),
                (
                    "Kamerstuk 32 735 nr. 309: letter on cyber-surveillance export policy (16 Jul 2020), primary",
                    "https://zoek.officielebekendmakingen.nl/kst-32735-309.html",
                ),
            ],
        )
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = eu::EU_SCOPE.outside_model(case, "NL", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        Ok(eu::evaluate(case, &NETHERLANDS))
    }

    /// The EU baseline's rules; the Netherlands adds none.
    fn catalogue() -> &'static [Rule] {
        eu::CATALOGUE
    }
}

echri_sdk::export_rule_module!(Nl);
