//! # echri-rule-au: Australia's export-licensing rules, simplified
//!
//! A model of the Australian export-control rules that bear on human rights,
//! for the echri sandbox (see `README.md` for sources, simplifications and
//! assumptions). It models policy; it is not legal advice.
//!
//! Rules, in evaluation order:
//!
//! - `AU-SANCT`: UN and autonomous sanctions: arms and related matériel to an
//!   arms-embargoed destination are prohibited.
//! - `AU-AUKUS`: licence-free supply of DSGL goods to the United Kingdom and
//!   the United States from 1 September 2024 (licence exception).
//! - `AU-DSGL`: goods on the Defence and Strategic Goods List need the
//!   Defence Minister's permission (Customs (Prohibited Exports) Regulations
//!   1958 reg. 13E), decided case by case.
//! - `AU-REG8`: the human-rights criterion of Defence Trade Controls
//!   Regulation reg. 8: the Minister *must have regard* to the risk of serious
//!   human-rights abuses. It is a weighed consideration: the finding stays
//!   licence-required-case-by-case even when the risk is stipulated. This is
//!   the contrast with the UK (Criterion 2) and Canada (EIPA s. 7.4), where the
//!   same facts compel a refusal.
//! - `AU-WMD`: catch-all for non-listed goods intended for weapons of mass
//!   destruction.
//! - `AU-NLR`: nothing else applies (Australia has no human-rights or
//!   cyber-surveillance catch-all for non-DSGL goods).

#![warn(missing_docs)]

use echri_sdk::prelude::*;

/// Australia's rule module.
#[derive(Debug, Clone, Copy, Default)]
pub struct Au;

echri_sdk::export_rule_module!(Au);

/// The state of the law the module describes.
const EFFECTIVE: Date = Date::ymd(2025, 1, 1);

// ---------------------------------------------------------------------------
// Rules: each declared once; findings are made from these declarations and
// `CATALOGUE` lists them for `RuleModule::catalogue`.
// ---------------------------------------------------------------------------

/// AU-SANCT: arms and related matériel to an arms-embargoed destination.
/// Findings cite the instrument of the destination's embargo.
pub const AU_SANCT: Rule = Rule::new(
    "AU-SANCT",
    "Arms embargo (UN or autonomous sanctions): prohibited",
    "Autonomous Sanctions Regulations 2011; Charter of the United Nations (Sanctions) regulations (DPRK, Libya, South Sudan)",
)
.assuming(SANCT_ASSUMPTION);

/// AU-AUKUS: licence-free supply of DSGL goods to the UK and the US.
pub const AU_AUKUS: Rule = Rule::new(
    "AU-AUKUS",
    "DSGL item to a UK or US end user: AUKUS licence exemption",
    "Customs (Prohibited Exports) Regulations 1958 reg. 13E and Defence Trade Controls Act 2012, as amended by the Defence Trade Legislation Amendment Act 2024 (AUKUS licence exemption)",
)
.applying_from(AUKUS_FROM)
.assuming(AUKUS_ASSUMPTION);

/// AU-DSGL: a DSGL item needs the Defence Minister's permission.
pub const AU_DSGL: Rule = Rule::new(
    "AU-DSGL",
    "DSGL item: permit, case by case",
    "Customs Act 1901 s. 112; Customs (Prohibited Exports) Regulations 1958 reg. 13E; Defence Trade Controls Act 2012",
);

/// AU-REG8: the human-rights criterion the Minister must have regard to.
pub const AU_REG8: Rule = Rule::new(
    "AU-REG8",
    "Human-rights risk: a consideration in the permit decision, not a bar",
    "Defence Trade Controls Regulation 2013 reg. 8 (risk that the goods may be used to commit or facilitate serious abuses of human rights); Customs (Prohibited Exports) Regulations 1958 reg. 13E",
);

/// AU-WMD: the WMD catch-all for non-DSGL goods.
pub const AU_WMD: Rule = Rule::new(
    "AU-WMD",
    "Non-listed item for a WMD programme: permit",
    "Weapons of Mass Destruction (Prevention of Proliferation) Act 1995 ss. 9–11; Customs Act 1901 s. 112BA",
);

/// AU-NLR: nothing applies.
pub const AU_NLR: Rule = Rule::new(
    "AU-NLR",
    "No permit required",
    "Customs (Prohibited Exports) Regulations 1958 reg. 13E (DSGL); Weapons of Mass Destruction (Prevention of Proliferation) Act 1995",
);

/// Outside what this model states: the case date is before the stated
/// period, or an item or transaction the model does not cover. Not
/// determined, never "no licence required".
pub const AU_SCOPE: Rule = Rule::new(
    "AU-SCOPE",
    "Outside what this model states: not determined",
    "echri model scope (this module's README: Stated period, Not modelled)",
);

/// Every rule of the Australia module, in evaluation order.
pub const CATALOGUE: &[Rule] = &[
    AU_SANCT, AU_AUKUS, AU_DSGL, AU_REG8, AU_WMD, AU_NLR, AU_SCOPE,
];

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2015, 1, 1);

impl RuleModule for Au {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "AU".into(),
            name: "Australia: Defence and Strategic Goods List, DTC Regulation reg. 8, sanctions and WMD catch-all (simplified)".into(),
            authority: "Defence Export Controls, Department of Defence".into(),
            version: "2025.1".into(),
            stated_for: Period::new(STATED_FROM, EFFECTIVE),
            rules: Vec::new(),
            commitments: echri_sdk::conduct::declarations(
                "The Minister must have regard to human rights (the use of the goods to commit or facilitate serious abuses of human rights) in deciding on a permit",
                "Defence Trade Controls Regulation 2013, reg. 8, table item 3",
            ),
            sources: vec![
                Source::new(
                    "Customs (Prohibited Exports) Regulations 1958 (DSGL, reg. 13E)",
                    "http://www5.austlii.edu.au/au/legis/cth/num_reg_es/ceaasgr2018201800503734.html",
                ),
                Source::new(
                    "Customs (Prohibited Exports) Regulations 1958 reg. 13EB",
                    "https://zoelaw.ai/legislation/customs-prohibited-exports-regulations-1958/sections/13EB",
                ),
                Source::new(
                    "Defence Trade Controls Regulation 2013 reg. 8 (criteria)",
                    "http://classic.austlii.edu.au/au/legis/cth/consol_reg/dtcr2013298/s8.html",
                ),
                Source::new(
                    "Defence Export Controls: how to apply (case-by-case assessment)",
                    "https://www.defence.gov.au/business-industry/export/controls/assess-apply/how-apply",
                ),
                Source::new(
                    "Defence Export Controls: policy",
                    "http://www.defence.gov.au/ExportControls/Policy.asp",
                ),
                Source::new(
                    "Autonomous Sanctions Regulations 2011 (compilation 2024)",
                    "https://www.legislation.gov.au/F2011L02673/2024-11-08/2024-11-08/text/original/epub/OEBPS/document_1/document_1.html",
                ),
                Source::new(
                    "DFAT: Australia and sanctions",
                    "https://dfat.gov.au/international-relations/security/sanctions/Pages/sanctions.aspx",
                ),
                Source::new(
                    "Allens: autonomous sanctions (secondary)",
                    "https://www.allens.com.au/pubs/res/fores23aug12.htm",
                ),
                Source::new(
                    "Global Compliance News: Russia sanctions commenced 31 March 2015 (secondary)",
                    "https://www.globalcompliancenews.com/2015/04/01/australias-expanded-autonomous-sanctions-relating-to-russia-commenced-on-31-march-2015/",
                ),
            ],
        }
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = AU_SCOPE.outside_model(case, "AU", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = Vec::new();
        sanctions(case, &mut findings);
        let needs_permit = dsgl(case, &mut findings);
        if needs_permit {
            reg8(case, &mut findings);
        }
        wmd_catch_all(case, &mut findings);
        if findings.is_empty() {
            findings.push(no_licence_required(case));
        }
        Ok(Assessment::most_restrictive(findings))
    }

    fn catalogue() -> &'static [Rule] {
        CATALOGUE
    }
}

// ---------------------------------------------------------------------------
// Item classification
// ---------------------------------------------------------------------------

/// Where an item sits on the Defence and Strategic Goods List.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DsglPart {
    /// Part 1: munitions list (ML entries).
    Munitions,
    /// Part 2: dual-use list, mirroring the Wassenaar/MTCR/NSG/AG lists.
    DualUse,
}

impl DsglPart {
    fn of(item: &Item) -> Option<DsglPart> {
        if item.control_code.is_military() {
            Some(DsglPart::Munitions)
        } else if item.control_code.is_multilateral_dual_use() {
            Some(DsglPart::DualUse)
        } else {
            None
        }
    }

    fn label(self) -> &'static str {
        match self {
            DsglPart::Munitions => "DSGL Part 1 (munitions list)",
            DsglPart::DualUse => "DSGL Part 2 (dual-use list)",
        }
    }
}

// ---------------------------------------------------------------------------
// AU-SANCT
// ---------------------------------------------------------------------------

/// A destination under an Australian arms embargo (UN or autonomous).
#[derive(Debug)]
struct Embargo {
    country: &'static str,
    /// First day the embargo applies; `None` when it predates anything the
    /// module is used for (all such entries predate 2012).
    since: Option<Date>,
    instrument: &'static str,
}

/// Country-wide arms embargoes applied by Australia. Snapshot; see the
/// README's assumptions. UN embargoes that target only non-state actors or
/// regions (CD, CF, IQ, LB, SD, SO, YE) are not modelled as country-wide.
const ARMS_EMBARGOES: &[Embargo] = &[
    Embargo {
        country: "IR",
        since: None,
        instrument: "Autonomous Sanctions Regulations 2011 (Iran), export sanctioned goods: arms or related matériel",
    },
    Embargo {
        country: "KP",
        since: None,
        instrument: "Charter of the United Nations (Sanctions—Democratic People's Republic of Korea) Regulations 2008 (UNSCR 1718); Autonomous Sanctions Regulations 2011",
    },
    Embargo {
        country: "LY",
        since: None,
        instrument: "Charter of the United Nations (Sanctions—Libya) Regulations 2011 (UNSCR 1970); Autonomous Sanctions Regulations 2011",
    },
    Embargo {
        country: "MM",
        since: None,
        instrument: "Autonomous Sanctions Regulations 2011 (Myanmar), export sanctioned goods: arms or related matériel",
    },
    Embargo {
        country: "RU",
        since: Some(Date::ymd(2015, 3, 31)),
        instrument: "Autonomous Sanctions Regulations 2011 (Russia), as amended by the Autonomous Sanctions Amendment (Russia, Crimea and Sevastopol) Regulation 2015",
    },
    Embargo {
        country: "SS",
        since: Some(Date::ymd(2019, 2, 12)),
        instrument: "Charter of the United Nations (Sanctions—South Sudan) Regulations 2019 (UNSCR 2428)",
    },
    Embargo {
        country: "SY",
        since: None,
        instrument: "Autonomous Sanctions Regulations 2011 (Syria), export sanctioned goods: arms or related matériel",
    },
];

const SANCT_ASSUMPTION: &str = "The embargo list (IR, KP, LY, MM, RU from 2015-03-31, SS from 2019-02-12, SY) is a snapshot of the DFAT sanctions regimes that is not confirmed against the current regulations [VERIFY]. \"Arms or related matériel\" is read to cover DSGL Part 1 items and DSGL Part 2 items for a military end use. The Russia embargo dates from the 2015 amendment (not 2022 as the brief assumed), per the Foreign Minister's release and secondary sources";

fn embargo_for(case: &Case) -> Option<&'static Embargo> {
    ARMS_EMBARGOES
        .iter()
        .find(|e| e.country == case.destination.code() && e.since.is_none_or(|d| case.as_of >= d))
}

/// AU-SANCT: arms and related matériel to an arms-embargoed destination.
fn sanctions(case: &Case, out: &mut Vec<Finding>) {
    let Some(embargo) = embargo_for(case) else {
        return;
    };
    let military_end_use = case.is_military_end_use();
    for item in case.items.iter() {
        let why = match DsglPart::of(item) {
            Some(DsglPart::Munitions) => {
                "a DSGL Part 1 munitions item, i.e. arms or related matériel"
            }
            Some(DsglPart::DualUse) if military_end_use => {
                "a DSGL Part 2 dual-use item for a military end use, treated as related matériel"
            }
            _ => continue,
        };
        let since = match embargo.since {
            Some(d) => format!(" (in force from {d})"),
            None => String::new(),
        };
        out.push(
            AU_SANCT
                .finding(
                    Outcome::Prohibited,
                    format!(
                        "{} ({}) is {why}; {} is under an Australian arms embargo{since}, so its export on {} is prohibited and a sanctions permit is not normally available.",
                        item.control_code,
                        describe(item),
                        case.destination,
                        case.as_of,
                    ),
                )
                .citing(embargo.instrument),
        );
    }
}

// ---------------------------------------------------------------------------
// AU-DSGL and AU-AUKUS
// ---------------------------------------------------------------------------

/// Start of the licence-free environment for AUKUS partners.
const AUKUS_FROM: Date = Date::ymd(2024, 9, 1);

const AUKUS_ASSUMPTION: &str = "The AUKUS licence-free environment (Defence Trade Legislation Amendment Act 2024 and Regulations 2024, from 2024-09-01) is modelled as covering any DSGL item supplied to end users in the UK or the US; the excluded-goods list and the authorised-recipient conditions are not modelled and the exact provision is not confirmed [VERIFY]";

/// AU-AUKUS applies: destination and every end user in the UK or the US,
/// on or after 1 September 2024.
fn aukus_exempt(case: &Case) -> bool {
    const PARTNERS: &[&str] = &["GB", "US"];
    AU_AUKUS.applies_on(case.as_of)
        && in_group(case.destination.code(), PARTNERS)
        && case
            .end_users()
            .all(|p| in_group(p.country.code(), PARTNERS))
}

/// AU-DSGL (or AU-AUKUS instead): one finding per DSGL item. Returns whether
/// any item needs the Minister's permission.
fn dsgl(case: &Case, out: &mut Vec<Finding>) -> bool {
    let exempt = aukus_exempt(case);
    let mut needs_permit = false;
    for item in case.items.iter() {
        let Some(part) = DsglPart::of(item) else {
            continue;
        };
        if exempt {
            out.push(AU_AUKUS.finding(
                Outcome::LicenceException,
                format!(
                    "{} ({}) is on {} and controlled, but the supply to {} on {} (on or after {AUKUS_FROM}) falls within the licence-free environment for AUKUS partners, so no individual permit is needed.",
                    item.control_code,
                    describe(item),
                    part.label(),
                    case.destination,
                    case.as_of,
                ),
            ));
        } else {
            needs_permit = true;
            out.push(AU_DSGL.finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{} ({}) is on {}; its export to {} needs the written permission of the Minister for Defence, assessed case by case against Australia's international obligations, national security, foreign policy, regional security and human rights.",
                    item.control_code,
                    describe(item),
                    part.label(),
                    case.destination,
                ),
            ));
        }
    }
    needs_permit
}

// ---------------------------------------------------------------------------
// AU-REG8
// ---------------------------------------------------------------------------

/// Stipulated facts that engage the human-rights criterion of reg. 8.
const HUMAN_RIGHTS_FACTS: &[RiskFact] = &[
    RiskFact::ClearRiskInternalRepression,
    RiskFact::SubstantialRiskSeriousViolation,
    RiskFact::SeriousViolationsEstablished,
    RiskFact::JournalistsTargeted,
    RiskFact::GrossViolationsPattern,
];

/// AU-REG8: a human-rights risk is stipulated for a DSGL permit application.
/// Always case by case: reg. 8 lists matters the Minister "must have regard
/// to", with no codified mandatory refusal.
fn reg8(case: &Case, out: &mut Vec<Finding>) {
    let facts: Vec<&str> = HUMAN_RIGHTS_FACTS
        .iter()
        .filter(|f| case.has(**f))
        .map(|f| f.as_str())
        .collect();
    if facts.is_empty() {
        return;
    }
    let end_users: Vec<&str> = case.end_users().map(|p| p.name.as_str()).collect();
    out.push(AU_REG8.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "The stipulated facts ({}) concerning end user {} in {} engage the human-rights criterion, to which the Minister must have regard. It is one weighed consideration among the reg. 8 criteria, not a mandatory bar: Australian law codifies no refusal on this risk, so the permit stays a case-by-case decision (unlike UK Criterion 2 or Canada EIPA s. 7.4, where the same facts compel a refusal).",
            facts.join(", "),
            end_users.join(", "),
            case.destination,
        ),
    ));
}

// ---------------------------------------------------------------------------
// AU-WMD
// ---------------------------------------------------------------------------

fn is_wmd_end_use(case: &Case) -> bool {
    case.has(RiskFact::WmdEndUse) || case.end_use.category == EndUseCategory::Wmd
}

/// AU-WMD: non-DSGL goods for a WMD programme need a permit.
fn wmd_catch_all(case: &Case, out: &mut Vec<Finding>) {
    if !is_wmd_end_use(case) {
        return;
    }
    for item in case.items.iter().filter(|i| DsglPart::of(i).is_none()) {
        out.push(AU_WMD.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{} ({}) is not on the DSGL, but the goods are or may be intended for a weapons-of-mass-destruction programme in {}; the WMD catch-all requires a permit, decided case by case.",
                item.control_code,
                describe(item),
                case.destination,
            ),
        ));
    }
}

// ---------------------------------------------------------------------------
// AU-NLR
// ---------------------------------------------------------------------------

fn no_licence_required(case: &Case) -> Finding {
    let codes: Vec<&str> = case.items.iter().map(|i| i.control_code.as_str()).collect();
    let cyber = if case.any_item(Item::is_cyber_surveillance) {
        " Australia has no catch-all for non-listed cyber-surveillance goods (no equivalent of EU Regulation 2021/821 Art. 5)."
    } else {
        ""
    };
    let hr = if HUMAN_RIGHTS_FACTS.iter().any(|f| case.has(*f)) {
        " The stipulated human-rights risk does not by itself create a licence requirement: reg. 8 applies only to permit decisions for DSGL goods."
    } else {
        ""
    };
    AU_NLR.finding(
        Outcome::NoLicenceRequired,
        format!(
            "{} not on the Defence and Strategic Goods List and no WMD end use is stipulated, so no export permit is required for {}.{cyber}{hr}",
            codes.join(", ") + if codes.len() == 1 { " is" } else { " are" },
            case.destination,
        ),
    )
}

/// The item's description, or its control code when it has none.
fn describe(item: &Item) -> &str {
    if item.description.is_empty() {
        "no description"
    } else {
        &item.description
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embargo_table_codes_are_assigned() {
        for e in ARMS_EMBARGOES {
            assert!(countries::is_assigned(e.country), "{}", e.country);
        }
    }

    #[test]
    fn info_is_australian() {
        let info = Au::info();
        assert_eq!(info.jurisdiction, "AU");
        assert!(!info.sources.is_empty());
    }
}
