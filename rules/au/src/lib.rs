//! # echri-rule-au: Australia's export-licensing rules, simplified
//!
//! A model of the Australian export-control rules that bear on human rights,
//! for the echri sandbox (see `README.md` for sources, simplifications and
//! assumptions). It models policy; it is not legal advice.
//!
//! Rules, in evaluation order:
//!
//! - `AU-SANCT`: UN and autonomous sanctions: arms and related matériel to an
//!   arms-embargoed destination are prohibited without a sanctions permit;
//!   under the autonomous regimes every DSGL item counts as such.
//! - `AU-AUKUS`: licence-free supply of DSGL goods to the United Kingdom and
//!   the United States from 1 September 2024 (licence exception).
//! - `AU-DSGL`: goods on the Defence and Strategic Goods List need the
//!   Defence Minister's permission: for a physical export under Customs
//!   (Prohibited Exports) Regulations 1958 reg. 13E, for an intangible supply
//!   of DSGL technology under s. 10/11 and for brokering under s. 15/16 of the
//!   Defence Trade Controls Act 2012; decided case by case.
//! - `AU-REG8`: the human-rights criterion (table item 3) of Defence Trade
//!   Controls Regulation 2013 reg. 8, which by its terms governs permits under
//!   ss. 11 and 16 of the DTC Act and is applied to reg. 13E export permits as
//!   Defence policy: the Minister *must have regard* to the risk of serious
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
    "Arms embargo (UN or autonomous sanctions): prohibited without a sanctions permit",
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
    "Customs Act 1901 s. 112; Customs (Prohibited Exports) Regulations 1958 reg. 13E (export); Defence Trade Controls Act 2012 ss. 10-11 (supply of DSGL technology) and ss. 15-16 (brokering)",
);

/// AU-REG8: the human-rights criterion the Minister must have regard to.
pub const AU_REG8: Rule = Rule::new(
    "AU-REG8",
    "Human-rights risk: a consideration in the permit decision, not a bar",
    CITE_REG8_DTC,
);

/// Reg. 8 by its terms: the criteria for permits under ss. 11 and 16.
const CITE_REG8_DTC: &str = "Defence Trade Controls Regulation 2013 reg. 8, table item 3 (the Minister must have regard to the risk that the goods or technology may be used to commit or facilitate serious abuses of human rights), prescribing the criteria for permits under ss. 11 and 16 of the Defence Trade Controls Act 2012";
/// Reg. 13E export permits: the same criteria as Defence policy.
const CITE_REG8_EXPORT: &str = "Customs (Prohibited Exports) Regulations 1958 reg. 13E; the criteria of Defence Trade Controls Regulation 2013 reg. 8 (table item 3: serious abuses of human rights) applied to export permits as Defence policy";
const REG8_EXPORT_ASSUMPTION: &str = "reg. 8 of the DTC Regulation governs permits under ss. 11 and 16 of the DTC Act; for a physical export under reg. 13E Defence applies the same criteria as policy (Defence Export Controls, how to apply), which this model follows [VERIFY]";

/// Citations of AU-DSGL by transaction kind.
const CITE_DSGL_EXPORT: &str =
    "Customs Act 1901 s. 112; Customs (Prohibited Exports) Regulations 1958 reg. 13E";
const CITE_DSGL_SUPPLY: &str = "Defence Trade Controls Act 2012 s. 10 (supply of DSGL technology from Australia to a place outside Australia) and s. 11 (permits)";
const CITE_DSGL_BROKERING: &str = "Defence Trade Controls Act 2012 s. 15 (arranging the supply of DSGL goods or technology) and s. 16 (permits)";
const BROKERING_ASSUMPTION: &str = "brokering of DSGL Part 1 goods or technology needs a s. 16 permit; brokering of Part 2 (dual-use) goods or technology is controlled, since the Defence Trade Controls Amendment Act 2015, only where it is for a WMD programme or the Minister has directed the broker to seek a permit, and the registration of brokers is not modelled [VERIFY]";

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

/// The transactions this model states the law for: a physical export
/// (reg. 13E), an intangible supply of DSGL technology (DTC Act s. 10) and
/// brokering (DTC Act s. 15), by an exporter or broker in Australia.
pub const MODELLED: &[TransactionKind] = &[
    TransactionKind::Export,
    TransactionKind::IntangibleTransfer,
    TransactionKind::Brokering,
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
        let outside = AU_SCOPE
            .before_period(case.as_of, STATED_FROM)
            .or_else(|| AU_SCOPE.outside_transaction(case, "AU", MODELLED));
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = Vec::new();
        unclassified_1a984(case, &mut findings);
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
        if item.control_code.is_military() || riot_control_us_code(item) {
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

/// US ECCN 1A984 for a crowd-control formulation: read as a riot-control
/// agent of DSGL Part 1 item ML7.e (see `RIOT_CONTROL_ASSUMPTION`).
fn riot_control_us_code(item: &Item) -> bool {
    item.control_code.is_under("1A984") && item.has(Capability::CrowdControl)
}

const RIOT_CONTROL_ASSUMPTION: &str = "US ECCN 1A984 with a crowd-control capability is read as a riot-control agent (CS, CN) of DSGL Part 1 item ML7.e, which has no concentration threshold and excludes only agents individually packaged for personal self-defence [VERIFY against the current DSGL]";

/// AU-SCOPE for a 1A984 item with no crowd-control capability: the US code
/// also covers smoke and pyrotechnic articles, which the DSGL may not list,
/// so the model cannot place the item.
fn unclassified_1a984(case: &Case, out: &mut Vec<Finding>) {
    for item in case
        .items
        .iter()
        .filter(|i| i.control_code.is_under("1A984") && !riot_control_us_code(i))
    {
        out.push(AU_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{} ({}) is a US-only crime-control code covering tear-gas formulations (riot-control agents, DSGL ML7.e) as well as smoke and pyrotechnic articles; no crowd-control capability is stated, so whether the item is on the DSGL for {} is not determined.",
                item.control_code,
                describe(item),
                case.destination,
            ),
        ));
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
    /// An Australian autonomous arms embargo, whose "arms or related
    /// matériel" the sanctions office reads as capturing DSGL goods
    /// generally; `false` for a UN regime implemented alone.
    autonomous: bool,
}

/// Country-wide arms embargoes applied by Australia. Snapshot; see the
/// README's assumptions. UN embargoes that target only non-state actors or
/// regions (CD, CF, IQ, LB, SD, SO, YE) are not modelled as country-wide.
const ARMS_EMBARGOES: &[Embargo] = &[
    Embargo {
        country: "IR",
        since: None,
        instrument: "Autonomous Sanctions Regulations 2011 (Iran), export sanctioned goods: arms or related matériel",
        autonomous: true,
    },
    Embargo {
        country: "KP",
        since: None,
        instrument: "Charter of the United Nations (Sanctions—Democratic People's Republic of Korea) Regulations 2008 (UNSCR 1718); Autonomous Sanctions Regulations 2011",
        autonomous: true,
    },
    Embargo {
        country: "LY",
        since: None,
        instrument: "Charter of the United Nations (Sanctions—Libya) Regulations 2011 (UNSCR 1970); Autonomous Sanctions Regulations 2011",
        autonomous: true,
    },
    Embargo {
        country: "MM",
        since: None,
        instrument: "Autonomous Sanctions Regulations 2011 (Myanmar), export sanctioned goods: arms or related matériel",
        autonomous: true,
    },
    Embargo {
        country: "RU",
        since: Some(Date::ymd(2015, 3, 31)),
        instrument: "Autonomous Sanctions Regulations 2011 (Russia), as amended by the Autonomous Sanctions Amendment (Russia, Crimea and Sevastopol) Regulation 2015",
        autonomous: true,
    },
    Embargo {
        country: "SS",
        since: Some(Date::ymd(2019, 2, 12)),
        instrument: "Charter of the United Nations (Sanctions—South Sudan) Regulations 2019 (UNSCR 2428)",
        autonomous: false,
    },
    Embargo {
        country: "SY",
        since: None,
        instrument: "Autonomous Sanctions Regulations 2011 (Syria), export sanctioned goods: arms or related matériel",
        autonomous: true,
    },
];

const SANCT_ASSUMPTION: &str = "The embargo list (IR, KP, LY, MM, RU from 2015-03-31, SS from 2019-02-12, SY) is a snapshot of the DFAT sanctions regimes that is not confirmed against the current regulations [VERIFY]. Under the autonomous regimes (all but SS) \"arms or related matériel\" is read, as the sanctions office reads it, to capture DSGL goods generally (Parts 1 and 2, whatever the end use) [VERIFY]; under the UN South Sudan regulation alone it is read as DSGL Part 1 items and Part 2 items for a military end use. The Russia embargo dates from the 2015 amendment (not 2022 as the brief assumed), per the Foreign Minister's release and secondary sources";

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
            Some(DsglPart::DualUse) if embargo.autonomous => {
                "a DSGL Part 2 dual-use item, which the autonomous sanctions' \"arms or related matériel\" captures whatever its end use"
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
                        "{} ({}) is {why}; {} is under an Australian arms embargo{since}, so its supply on {} is prohibited without a sanctions permit from the Minister for Foreign Affairs, which is not normally available.",
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

/// The DTC Act or Customs permit the transaction needs, as (citation, what
/// is permitted).
fn permit_basis(case: &Case) -> (&'static str, &'static str) {
    match case.transaction.kind {
        TransactionKind::IntangibleTransfer => (
            CITE_DSGL_SUPPLY,
            "its supply from Australia to a place outside Australia needs a permit under s. 11 of the Defence Trade Controls Act 2012",
        ),
        TransactionKind::Brokering => (
            CITE_DSGL_BROKERING,
            "arranging its supply needs a brokering permit under s. 16 of the Defence Trade Controls Act 2012",
        ),
        _ => (
            CITE_DSGL_EXPORT,
            "its export needs the written permission of the Minister for Defence (reg. 13E)",
        ),
    }
}

/// AU-DSGL (or AU-AUKUS instead): one finding per DSGL item. Returns whether
/// any item needs the Minister's permission.
fn dsgl(case: &Case, out: &mut Vec<Finding>) -> bool {
    let exempt = aukus_exempt(case);
    let brokering = case.transaction.kind == TransactionKind::Brokering;
    let (cite, permit) = permit_basis(case);
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
            continue;
        }
        if brokering && part == DsglPart::DualUse && !is_wmd_end_use(case) {
            out.push(
                AU_DSGL
                    .finding(
                        Outcome::NotDetermined,
                        format!(
                            "{} ({}) is on {}; brokering of dual-use DSGL goods or technology is controlled only where it is for a WMD programme or the Minister has directed the broker to seek a permit; no WMD end use is stated and a direction is not modelled, so whether a brokering permit is needed for the supply to {} is not determined.",
                            item.control_code,
                            describe(item),
                            part.label(),
                            case.destination,
                        ),
                    )
                    .citing(CITE_DSGL_BROKERING)
                    .assuming(BROKERING_ASSUMPTION),
            );
            continue;
        }
        needs_permit = true;
        let mut f = AU_DSGL
            .finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{} ({}) is on {}{}; {permit} to {}, assessed case by case against Australia's international obligations, national security, foreign policy, regional security and human rights.",
                    item.control_code,
                    describe(item),
                    part.label(),
                    if riot_control_us_code(item) {
                        " as a riot-control agent (ML7.e)"
                    } else if item.control_code.is_under("ML7.e") {
                        " (ML7.e, riot-control agents)"
                    } else {
                        ""
                    },
                    case.destination,
                ),
            )
            .citing(cite);
        if brokering {
            f = f.assuming(BROKERING_ASSUMPTION);
        }
        if riot_control_us_code(item) {
            f = f.also_assuming(RIOT_CONTROL_ASSUMPTION);
        }
        out.push(f);
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
    let by_statute = matches!(
        case.transaction.kind,
        TransactionKind::IntangibleTransfer | TransactionKind::Brokering
    );
    let basis = if by_statute {
        "to which reg. 8 (table item 3) requires the Minister to have regard in deciding the DTC Act permit"
    } else {
        "to which Defence policy applies the reg. 8 criteria (table item 3) in deciding the reg. 13E export permit"
    };
    let f = AU_REG8.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "The stipulated facts ({}) concerning end user {} in {} engage the human-rights criterion, {basis}. It is one weighed consideration among the reg. 8 criteria, not a mandatory bar: Australian law codifies no refusal on this risk, so the permit stays a case-by-case decision (unlike UK Criterion 2 or Canada EIPA s. 7.4, where the same facts compel a refusal).",
            facts.join(", "),
            end_users.join(", "),
            case.destination,
        ),
    );
    out.push(if by_statute {
        f
    } else {
        f.citing(CITE_REG8_EXPORT).assuming(REG8_EXPORT_ASSUMPTION)
    });
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
