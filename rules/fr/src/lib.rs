//! # echri-rule-fr: France
//!
//! France applies the EU baseline directly (Regulation (EU) 2021/821 incl. the
//! Art. 5 cyber-surveillance catch-all, Common Position 2008/944/CFSP,
//! Regulation (EU) 2019/125 and the EU sanctions regulations), modelled in
//! the shared crate [`echri_law_eu`]. Dual-use licences are issued by the
//! Service des biens à double usage (SBDU) of the Direction générale des
//! entreprises; the most sensitive files go to the interministerial CIBDU.
//!
//! National rule added here:
//! - `FR-RCA`: national control (an Art. 9 measure of Reg. 2021/821, formerly
//!   Art. 8 of 428/2009 and Art. 5 of 1334/2000) on exports of tear gas and
//!   riot-control agents to third countries, from the notice to exporters in
//!   the Journal officiel of 28 June 1995. Flagged \[VERIFY\]: whether it is
//!   still listed in the latest information note (C/2024/5881).
//!
//! This models policy for comparison; it is not legal advice.

#![warn(missing_docs)]

use echri_law_eu::{self as eu, ItemClass, MemberState};
use echri_sdk::prelude::*;
use echri_sdk::rule::join;

/// The French rule module.
#[derive(Debug, Clone, Copy)]
pub struct Fr;

/// France as an EU member state.
pub const FRANCE: MemberState = MemberState {
    code: "FR",
    name: "France",
    authority: "Service des biens à double usage (SBDU), Direction générale des entreprises",
    military_authority: "the Prime Minister after the opinion of the CIEEMG (war-materiel export licence)",
    national_rules: "FR-RCA (tear gas and riot-control agents to third countries), not engaged",
};

/// Date of the notice to exporters on tear gas and riot-control agents
/// (Journal officiel of 28 June 1995).
pub const RCA_NOTICE: Date = Date::ymd(1995, 6, 28);

/// FR-RCA: the national authorisation requirement for tear gas and
/// riot-control agents to third countries. Findings cite the article of the
/// dual-use regulation in force on the case date.
pub const FR_RCA: Rule = Rule::new(
    "FR-RCA",
    "Tear gas and riot-control agents to third countries: national authorisation",
    "Avis aux exportateurs on tear gas and riot-control agents to third countries (JORF 28 June 1995), national measure under Regulation (EU) 2021/821, Art. 9; OJ C 188/24 of 25.7.2008",
)
.applying_from(RCA_NOTICE)
.assuming(
    "the 1995 national control is taken to be still in force [VERIFY against \
     information note C/2024/5881]; the crowd-control capability is read as tear gas \
     or riot-control agents, although it also covers water cannon and riot shields",
);

/// Every rule the French module applies: the EU baseline
/// ([`echri_law_eu::CATALOGUE`]) and `FR-RCA`.
pub static CATALOGUE: [Rule; eu::CATALOGUE.len() + 1] = join(eu::CATALOGUE, &[FR_RCA]);

/// FR-RCA: tear gas / riot-control agents to third countries.
fn riot_control_agents(case: &Case) -> Vec<Finding> {
    if !eu::leaves_union(case) || !FR_RCA.applies_on(case.as_of) {
        return Vec::new();
    }
    let reg = eu::DualUseRegulation::on(case.as_of);
    let article = match reg {
        eu::DualUseRegulation::Reg2021_821 => "Art. 9",
        eu::DualUseRegulation::Reg428_2009 => "Art. 8",
    };
    case.items
        .iter()
        .filter(|i| i.has(Capability::CrowdControl) && eu::classify(i) == ItemClass::NotListed)
        .map(|item| {
            FR_RCA
                .finding(
                    Outcome::LicenceRequiredCaseByCase,
                    format!(
                        "{} is a crowd-control item not listed in Annex I or the Military List, exported \
                         to {}, outside the Union; France requires an authorisation from {} for tear \
                         gas and riot-control agents to third countries, decided case by case.",
                        eu::label(item),
                        case.destination,
                        FRANCE.authority
                    ),
                )
                .citing(format!(
                    "Avis aux exportateurs on tear gas and riot-control agents to third countries \
                     (JORF 28 June 1995), national measure under {}; OJ C 188/24 of 25.7.2008",
                    reg.cite(article)
                ))
        })
        .collect()
}

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2019, 1, 1);

impl RuleModule for Fr {
    fn info() -> ModuleInfo {
        eu::module_info(
            &FRANCE,
            "2025.1",
            STATED_FROM,
            &[
                (
                    "Information note 2008/C 188/07 with the French notices of 1995, primary",
                    "https://docslib.org/doc/10014600/notices-from-member-states",
                ),
                (
                    "Commission interministérielle des biens à double usage, secondary",
                    "https://profilpelajar.com/fr/Commission_interminist%C3%A9rielle_des_biens_%C3%A0_double_usage",
                ),
                (
                    "Réforme du contrôle des exportations de biens à double usage, secondary",
                    "https://www.alerionavocats.com/reforme-controle-exportations-biens-double-usage/",
                ),
            ],
        )
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = eu::EU_SCOPE.outside_model(case, "FR", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = eu::assess(case, &FRANCE);
        findings.extend(riot_control_agents(case));
        Ok(eu::conclude(case, &FRANCE, findings))
    }

    fn catalogue() -> &'static [Rule] {
        &CATALOGUE
    }
}

echri_sdk::export_rule_module!(Fr);
