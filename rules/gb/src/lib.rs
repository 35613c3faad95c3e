//! # echri-rule-gb: United Kingdom strategic export licensing (human-rights rules)
//!
//! A simplified, cited model of the UK rules the ECHRI comparison turns on
//! (brief §2.6, §4). It models policy; it is not legal advice.
//!
//! - `UK-LIST`: an item on the UK Strategic Export Control Lists (Schedule 2
//!   to the Export Control Order 2008 for military items; Annex I of the
//!   assimilated dual-use Regulation (EC) 428/2009) needs an individual licence,
//!   decided case by case under the Strategic Export Licensing Criteria.
//! - `UK-GEA`: a listed dual-use item to an EU001-type ally (retained general
//!   export authorisation) or to an EU Member State (open general export
//!   licence) is covered by a general authorisation.
//! - `UK-INTRA-EU`: before 2021-01-01 a dual-use item to an EU Member State was
//!   an intra-Union transfer needing no authorisation.
//! - `UK-MEU`: the military end-use control (Export Control Order 2008 art. 6)
//!   catches non-listed items for the military of an arms-embargoed
//!   destination and, from 2021-12-08, for its paramilitary, security forces,
//!   intelligence services or police.
//! - `UK-C2`: Criterion 2 — the Government will not grant a licence if there is
//!   a clear risk the items might be used to commit or facilitate internal
//!   repression: a mandatory refusal (`Deny`) for every item that needs an
//!   individual licence.
//! - `UK-RU`, `UK-MM`: Russia and Myanmar sanctions trade prohibitions.
//! - `UK-NO-ART5`: the UK did not adopt Art. 5 of Regulation (EU) 2021/821, so a
//!   non-listed cyber-surveillance item needs no licence unless the military
//!   end-use control or a sanctions regime catches it.
//! - `UK-NLR`: nothing applies.

#![warn(missing_docs)]

use echri_sdk::prelude::*;

/// The United Kingdom rule module.
#[derive(Debug)]
pub struct Gb;

// --- citations -----------------------------------------------------------

const CITE_LIST_MILITARY: &str = "Export Control Act 2002; Export Control Order 2008 (SI 2008/3231) art. 3 and Sch. 2 (UK Military List); Strategic Export Licensing Criteria (HLWS437, 8 Dec 2021; before that the Consolidated Criteria)";
const CITE_LIST_DUAL_USE: &str = "Assimilated Regulation (EC) 428/2009 art. 3(1) and Annex I; Export Control Order 2008 (SI 2008/3231); Strategic Export Licensing Criteria (HLWS437, 8 Dec 2021; before that the Consolidated Criteria)";
const CITE_GEA_ALLIES: &str = "Assimilated Regulation (EC) 428/2009 art. 9(1) and Annex IIa (retained General Export Authorisation, formerly EU001)";
const CITE_GEA_EU: &str = "Open General Export Licence (export of dual-use items to EU member states), Export Control Order 2008 art. 26";
const CITE_INTRA_EU: &str = "Regulation (EC) 428/2009 art. 22 (intra-Community transfers need authorisation only for Annex IV items)";
const CITE_MEU: &str = "Export Control Order 2008 (SI 2008/3231) art. 6 (military end-use control; scope extended to security forces and police as announced in HLWS437, 8 Dec 2021)";
const CITE_MEU_BEFORE: &str =
    "Export Control Order 2008 (SI 2008/3231) art. 6 (military end-use control)";
const CITE_C2: &str =
    "Strategic Export Licensing Criteria, Criterion 2(a) (written statement HLWS437, 8 Dec 2021)";
const CITE_C2_2014: &str = "Consolidated EU and National Arms Export Licensing Criteria, Criterion 2(a) (written ministerial statement, 25 Mar 2014)";
const CITE_C2_2000: &str = "Consolidated EU and National Arms Export Licensing Criteria, Criterion 2(a) (written answer, 26 Oct 2000)";
const CITE_RU: &str = "Russia (Sanctions) (EU Exit) Regulations 2019 (SI 2019/855) Part 5, as amended with effect from 1 Mar 2022 (all dual-use goods); before 31 Dec 2020 Council Decision 2014/512/CFSP and Regulation (EU) 833/2014";
const CITE_MM: &str = "Myanmar (Sanctions) Regulations 2021 (SI 2021/496) Part 5 (military goods, dual-use goods for military end use, interception and monitoring goods); before 29 Apr 2021 Burma (Sanctions) (EU Exit) Regulations 2019 (SI 2019/136) and Regulation (EU) 401/2013 as amended by 2018/647";
const CITE_WMD: &str = "Assimilated Regulation (EC) 428/2009 art. 4(1) and 4(4) (WMD catch-all: an exporter aware of a WMD end use must notify the authority, which decides whether a licence is required); Export Control Order 2008";
const CITE_NO_ART5: &str = "Assimilated Regulation (EC) 428/2009 (no equivalent of Regulation (EU) 2021/821 art. 5); Export Control Order 2008 art. 6 not engaged";
const CITE_NLR: &str =
    "Export Control Order 2008 (SI 2008/3231); assimilated Regulation (EC) 428/2009";

// --- rules ---------------------------------------------------------------
// Each rule is declared once; findings are made from these declarations and
// `CATALOGUE` lists them for `RuleModule::catalogue`. Where the provision
// depends on the case (military or dual-use list, the criteria in force on
// the case date), the finding cites the specific one (`Finding::citing`).

/// UK-LIST: a listed item needs an individual licence.
pub const UK_LIST: Rule = Rule::new(
    "UK-LIST",
    "Listed item: individual licence, case by case",
    "Export Control Order 2008 (SI 2008/3231) art. 3 and Sch. 2 (UK Military List); assimilated Regulation (EC) 428/2009 art. 3(1) and Annex I; Strategic Export Licensing Criteria",
);

/// UK-GEA: a general authorisation covers a listed dual-use item.
pub const UK_GEA: Rule = Rule::new(
    "UK-GEA",
    "Listed dual-use item to an ally or the EU: general authorisation",
    "Assimilated Regulation (EC) 428/2009 art. 9(1) and Annex IIa (retained General Export Authorisation); Open General Export Licence (export of dual-use items to EU member states)",
);

/// UK-INTRA-EU: before 2021 a dual-use item to an EU Member State was an
/// intra-Union transfer.
pub const UK_INTRA_EU: Rule = Rule::new(
    "UK-INTRA-EU",
    "Dual-use item to the EU before 2021: intra-Union transfer, no licence",
    CITE_INTRA_EU,
)
.assuming("Annex IV items (which needed authorisation even within the EU) are not distinguished");

/// UK-MEU: the military end-use control catches a non-listed item.
pub const UK_MEU: Rule = Rule::new(
    "UK-MEU",
    "Non-listed item for the military or security forces of an arms-embargoed destination: licence",
    CITE_MEU_BEFORE,
);

/// UK-C2: Criterion 2(a), mandatory refusal on a clear risk of internal
/// repression.
pub const UK_C2: Rule = Rule::new(
    "UK-C2",
    "Clear risk of internal repression: licence refused",
    CITE_C2,
);

/// UK-RU: Russia sanctions trade prohibitions.
pub const UK_RU: Rule = Rule::new(
    "UK-RU",
    "Russia sanctions: military goods and dual-use goods prohibited",
    CITE_RU,
)
.applying_from(RU_EMBARGO_2014)
.assuming("dual-use ban from 1 Mar 2022 (House of Commons Library CBP-9483) [VERIFY date and amending SI]; critical-industry and other Schedule goods not modelled");

/// UK-MM: Myanmar sanctions trade prohibitions.
pub const UK_MM: Rule = Rule::new(
    "UK-MM",
    "Myanmar sanctions: military, military-end-use and interception goods prohibited",
    CITE_MM,
)
.assuming("current trade provisions of SI 2021/496 taken to match SI 2019/136 (military, dual-use for military end use, interception and monitoring goods) [VERIFY]; I&M goods identified by capability; internal-repression goods not modelled");

/// UK-NO-ART5: no cyber-surveillance catch-all in the UK.
pub const UK_NO_ART5: Rule = Rule::new(
    "UK-NO-ART5",
    "Non-listed cyber-surveillance item: no catch-all, no licence",
    CITE_NO_ART5,
);

/// UK-WMD: the WMD catch-all of the assimilated Regulation 428/2009.
pub const UK_WMD: Rule = Rule::new(
    "UK-WMD",
    "Non-listed item for a WMD end use: notify",
    CITE_WMD,
);

/// UK-NLR: nothing applies.
pub const UK_NLR: Rule = Rule::new("UK-NLR", "No licence required", CITE_NLR);

/// Outside what this model states: the case date is before the stated
/// period, or an item or transaction the model does not cover. Not
/// determined, never "no licence required".
pub const UK_SCOPE: Rule = Rule::new(
    "UK-SCOPE",
    "Outside what this model states: not determined",
    "echri model scope (this module's README: Stated period, Not modelled)",
);

/// Every rule of the UK module, in the README's order.
pub const CATALOGUE: &[Rule] = &[
    UK_LIST,
    UK_GEA,
    UK_INTRA_EU,
    UK_MEU,
    UK_C2,
    UK_RU,
    UK_MM,
    UK_NO_ART5,
    UK_WMD,
    UK_NLR,
    UK_SCOPE,
];

// --- dates ---------------------------------------------------------------

/// HLWS437: Strategic Export Licensing Criteria replace the 2014 criteria.
const SELC_2021: Date = Date::ymd(2021, 12, 8);
/// The 2014 Consolidated Criteria replace the 2000 ones.
const CONSOLIDATED_2014: Date = Date::ymd(2014, 3, 25);
/// Extension of the military end-use control to security forces and police.
const MEU_EXTENDED: Date = Date::ymd(2021, 12, 8);
/// End of the Brexit transition period (IP completion day, 31 Dec 2020 23:00):
/// from this day UK dual-use exports to the EU need a licence.
const END_OF_TRANSITION: Date = Date::ymd(2021, 1, 1);
/// EU Russia arms embargo and military dual-use ban (Decision 2014/512/CFSP).
const RU_EMBARGO_2014: Date = Date::ymd(2014, 8, 1);
/// Amendment of SI 2019/855 in force 1 Mar 2022: all dual-use goods to Russia.
const RU_DUAL_USE_BAN: Date = Date::ymd(2022, 3, 1);
/// Regulation (EU) 2018/647: Myanmar dual-use-for-military and
/// interception/monitoring restrictions.
const MM_2018: Date = Date::ymd(2018, 4, 26);

// --- tables --------------------------------------------------------------

/// Destinations under a UK arms embargo, for the military end-use control
/// (`UK-MEU`): the UK sanctions regimes with an arms embargo and the UK's
/// continued application of the 1989 European Council embargo on China.
///
/// Source: the UK sanctions regimes (FCDO/OTSI list of UK sanctions
/// regimes) as read by the module authors; stated as of 2025-01-01, the
/// module's effective date, and applied to every as-of date. \[VERIFY\]: the
/// list changes, and the policy review of December 2026 notes that several
/// entries (AF, CD, IQ, LB, YE) are targeted embargoes on non-state or
/// listed actors rather than on the government; `UK-MEU` findings record
/// the assumption.
pub const UK_ARMS_EMBARGOED: &[&str] = &[
    "AF", "BY", "CD", "CF", "CN", "IQ", "IR", "KP", "LB", "LY", "MM", "RU", "SD", "SO", "SS", "SY",
    "VE", "YE", "ZW",
];

/// Destinations of the retained general export authorisation (the UK's copy of
/// Union GEA EU001 in Annex IIa of the assimilated Regulation 428/2009).
const GEA_ALLIES: &[&str] = &["AU", "CA", "CH", "JP", "LI", "NO", "NZ", "US"];

/// Capabilities that make an item an "interception and monitoring good" for
/// the Myanmar sanctions (brief §2.6: deep packet inspection, network
/// interception, IMSI/IMEI interception, remote infection).
const MM_INTERCEPTION: &[Capability] = &[
    Capability::IpNetworkSurveillance,
    Capability::MonitoringCentre,
    Capability::MobileInterception,
    Capability::IntrusionSoftware,
];

// --- helpers -------------------------------------------------------------

fn is_interception_good(item: &Item) -> bool {
    MM_INTERCEPTION.iter().any(|c| item.has(*c))
}

fn describe(item: &Item) -> String {
    if item.description.is_empty() {
        item.control_code.to_string()
    } else {
        format!("{} ({})", item.control_code, item.description)
    }
}

fn end_user_names(case: &Case) -> String {
    let names: Vec<&str> = case.end_users().map(|p| p.name.as_str()).collect();
    names.join(", ")
}

/// Whether the military end-use control's "relevant use" is met on `as_of`:
/// always military end use; from 2021-12-08 also paramilitary, security
/// forces, intelligence and police.
fn meu_relevant_use(case: &Case) -> bool {
    if case.as_of >= MEU_EXTENDED {
        case.is_security_end_use()
    } else {
        case.is_military_end_use()
    }
}

/// What one item needs, before sanctions and Criterion 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemStatus {
    /// Individual licence required (listed, no general authorisation).
    Listed,
    /// Covered by a general authorisation or intra-EU transfer.
    Covered,
    /// Not listed, caught by the military end-use control.
    Meu,
    /// Not listed, not caught.
    Free,
}

// --- rules ---------------------------------------------------------------

/// UK-LIST, UK-GEA, UK-INTRA-EU and UK-MEU for one item.
fn item_rule(case: &Case, item: &Item) -> (ItemStatus, Option<Finding>) {
    let dest = case.destination.code();
    let code = &item.control_code;
    if code.is_military() {
        let mut expl = format!(
            "{} is on the UK Military List (Schedule 2 to the Export Control Order 2008); an individual licence is required for export to {dest}, assessed case by case against the Strategic Export Licensing Criteria",
            describe(item)
        );
        caution_note(case, &mut expl);
        return (
            ItemStatus::Listed,
            Some(
                UK_LIST
                    .finding(Outcome::LicenceRequiredCaseByCase, expl)
                    .citing(CITE_LIST_MILITARY),
            ),
        );
    }
    if code.is_multilateral_dual_use() {
        if case.as_of < END_OF_TRANSITION && in_group(dest, countries::EU_MEMBER_STATES) {
            return (
                ItemStatus::Covered,
                Some(UK_INTRA_EU.finding(
                    Outcome::NoLicenceRequired,
                    format!(
                        "{} is a dual-use item on Annex I, but on {} the United Kingdom was in the EU or the transition period and a transfer to {dest} was an intra-Union transfer",
                        describe(item),
                        case.as_of
                    ),
                )),
            );
        }
        if in_group(dest, GEA_ALLIES) {
            return (
                ItemStatus::Covered,
                Some(UK_GEA.finding(
                    Outcome::LicenceException,
                    format!(
                        "{} is a controlled dual-use item (Annex I), but the retained general export authorisation (formerly Union GEA EU001) covers exports to {dest}",
                        describe(item)
                    ),
                )
                .citing(CITE_GEA_ALLIES)
                .assuming("the item is not among the most sensitive items excluded from the general authorisation (Annex IIg) [VERIFY]")),
            );
        }
        if in_group(dest, countries::EU_MEMBER_STATES) {
            return (
                ItemStatus::Covered,
                Some(UK_GEA.finding(
                    Outcome::LicenceException,
                    format!(
                        "{} is a controlled dual-use item (Annex I); since the end of the transition period the open general export licence for dual-use items to EU member states covers exports to {dest}",
                        describe(item)
                    ),
                )
                .citing(CITE_GEA_EU)
                .assuming("the item is not excluded from the OGEL (e.g. Annex IV items) [VERIFY]")),
            );
        }
        let mut expl = format!(
            "{} is a dual-use item on Annex I of Regulation 428/2009 (assimilated law since 2021); an individual licence is required for export to {dest}, assessed case by case against the Strategic Export Licensing Criteria",
            describe(item)
        );
        caution_note(case, &mut expl);
        return (
            ItemStatus::Listed,
            Some(
                UK_LIST
                    .finding(Outcome::LicenceRequiredCaseByCase, expl)
                    .citing(CITE_LIST_DUAL_USE),
            ),
        );
    }
    // Not listed: only the military end-use control can catch it.
    if in_group(dest, UK_ARMS_EMBARGOED) && meu_relevant_use(case) {
        let extended = case.as_of >= MEU_EXTENDED;
        let finding = UK_MEU.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{} is not on a UK control list, but {dest} is under a UK arms embargo and the end use/end user ({}; {}) is {}; the military end-use control (catch-all) requires a licence, decided case by case",
                describe(item),
                case.end_use.category,
                end_user_names(case),
                if extended {
                    "military, paramilitary, security forces, intelligence or police"
                } else {
                    "military"
                }
            ),
        )
        .citing(if extended { CITE_MEU } else { CITE_MEU_BEFORE })
        .assuming(if extended {
            "the exporter knows the end user from the application, so the control's knowledge test is met; the extension to security forces and police is applied from 8 Dec 2021 (HLWS437) [VERIFY commencement of the amending Order]; arms-embargoed destinations per this module's list UK_ARMS_EMBARGOED [VERIFY]"
        } else {
            "the exporter knows the end user from the application, so the control's knowledge test is met; arms-embargoed destinations per this module's list UK_ARMS_EMBARGOED [VERIFY]"
        });
        return (ItemStatus::Meu, Some(finding));
    }
    (ItemStatus::Free, None)
}

/// Criterion 2(b): special caution where serious violations are established.
fn caution_note(case: &Case, expl: &mut String) {
    if case.has(RiskFact::SeriousViolationsEstablished) || case.has(RiskFact::JournalistsTargeted) {
        expl.push_str("; serious human-rights violations established and/or the end user's documented targeting of journalists or activists call for special caution and vigilance (Criterion 2(b)), but without a determination of clear risk there is no mandatory refusal");
    }
}

/// UK-C2: mandatory refusal on a clear risk of internal repression.
fn criterion_two(case: &Case, licensable: &[&Item]) -> Option<Finding> {
    if licensable.is_empty() || !case.has(RiskFact::ClearRiskInternalRepression) {
        return None;
    }
    let codes: Vec<String> = licensable
        .iter()
        .map(|i| i.control_code.to_string())
        .collect();
    let (cite, which) = if case.as_of >= SELC_2021 {
        (CITE_C2, "the Strategic Export Licensing Criteria (2021)")
    } else if case.as_of >= CONSOLIDATED_2014 {
        (CITE_C2_2014, "the 2014 Consolidated Criteria")
    } else {
        (CITE_C2_2000, "the 2000 Consolidated Criteria")
    };
    let f = UK_C2.finding(
        Outcome::Deny,
        format!(
            "a licence is required for {} to {} and there is a clear risk the items might be used to commit or facilitate internal repression by {}; under Criterion 2(a) of {which} the Government will not grant the licence",
            codes.join(", "),
            case.destination,
            end_user_names(case)
        ),
    );
    let f = f.citing(cite);
    Some(if case.as_of < SELC_2021 {
        f.assuming("before 8 Dec 2021 the Consolidated Criteria carried the same Criterion 2(a) clear-risk refusal test (narrower definition of internal repression not modelled)")
    } else {
        f
    })
}

/// UK-RU for one item.
fn russia(case: &Case, item: &Item) -> Option<Finding> {
    if case.destination.code() != "RU" || !UK_RU.applies_on(case.as_of) {
        return None;
    }
    let code = &item.control_code;
    let why = if code.is_military() {
        "military goods are prohibited (arms embargo since 2014, continued by the UK regulations)"
    } else if code.is_multilateral_dual_use() && case.as_of >= RU_DUAL_USE_BAN {
        "since 1 Mar 2022 all dual-use goods are prohibited to Russia"
    } else if code.is_multilateral_dual_use() && case.is_military_end_use() {
        "dual-use goods for military use or a military end user are prohibited (since 2014)"
    } else {
        return None;
    };
    Some(UK_RU.finding(
        Outcome::Prohibited,
        format!("{} to Russia on {}: {why}", describe(item), case.as_of),
    ))
}

/// UK-MM for one item.
fn myanmar(case: &Case, item: &Item) -> Option<Finding> {
    if case.destination.code() != "MM" {
        return None;
    }
    let code = &item.control_code;
    let why = if code.is_military() {
        "military goods are prohibited (arms embargo)"
    } else if case.as_of >= MM_2018 && is_interception_good(item) {
        "interception and monitoring goods are restricted goods whose export to Myanmar is prohibited"
    } else if case.as_of >= MM_2018 && code.is_multilateral_dual_use() && case.is_military_end_use()
    {
        "dual-use goods for military use or a military end user are prohibited"
    } else {
        return None;
    };
    Some(UK_MM.finding(
        Outcome::Prohibited,
        format!("{} to Myanmar on {}: {why}", describe(item), case.as_of),
    ))
}

fn no_art5(case: &Case, item: &Item) -> Finding {
    let mut expl = format!(
        "{} is a cyber-surveillance item that is not on a UK control list; the UK applies the assimilated Regulation 428/2009 and did not adopt the cyber-surveillance catch-all of Art. 5 of Regulation 2021/821, and the military end-use control does not apply ({} is {}under a UK arms embargo, end use {})",
        describe(item),
        case.destination,
        if in_group(case.destination.code(), UK_ARMS_EMBARGOED) {
            ""
        } else {
            "not "
        },
        case.end_use.category
    );
    if case.has(RiskFact::ClearRiskInternalRepression) {
        expl.push_str("; the clear risk of internal repression cannot engage Criterion 2 because no licence is required");
    }
    UK_NO_ART5.finding(Outcome::NoLicenceRequired, expl)
}

/// Exports from Northern Ireland: under the Windsor Framework EU dual-use
/// law (incl. Art. 5) applies there [VERIFY scope] (REVIEW point 21); this
/// model states Great Britain's law only, so such a case is not determined.
fn northern_ireland(case: &Case) -> Option<Finding> {
    (case.transaction.exporter_region.as_deref() == Some("GB-NIR")).then(|| {
        UK_SCOPE.finding(
            Outcome::NotDetermined,
            "the exporter is in Northern Ireland (GB-NIR), where EU dual-use law applies under \
             the Windsor Framework; this model states the law of Great Britain only",
        )
    })
}

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2019, 1, 1);

impl RuleModule for Gb {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "GB".into(),
            name: "United Kingdom strategic export controls: human-rights rules".into(),
            authority: "Export Control Joint Unit (ECJU), Department for Business and Trade".into(),
            version: "2025.1".into(),
            stated_for: Period::new(STATED_FROM, Date::ymd(2025, 1, 1)),
            rules: Vec::new(),
            commitments: echri_sdk::conduct::declarations(
                "Every licence application is assessed against Criterion 2: no licence where there is a clear risk the items might be used for internal repression or serious violations of international humanitarian law",
                "Strategic Export Licensing Criteria (8 December 2021), Criterion 2",
            ),
            sources: vec![
                Source::new(
                    "Strategic Export Licensing Criteria, written statement HLWS437 (8 Dec 2021)",
                    "https://questions-statements.parliament.uk/written-statements/detail/2021-12-08/hlws437",
                ),
                Source::new(
                    "Export Control Order 2008 (SI 2008/3231)",
                    "https://zoomlaw.co.uk/2008-3231-uksi.html",
                ),
                Source::new(
                    "Export Control Act 2002, Schedule para. 3",
                    "https://legislation.gov.uk/ukpga/2002/28/schedule/paragraph/3/2004-12-16/data.html",
                ),
                Source::new(
                    "Akin Gump: guidelines on Art. 5 of Regulation 2021/821 (UK did not implement)",
                    "https://akingump.com/en/insights/alerts/guidelines-on-the-export-of-cyber-surveillance-items-under-article-5-of-regulation-2021-821",
                ),
                Source::new(
                    "FCDO answer on exports and human rights (military end-use control)",
                    "https://parallelparliament.co.uk/question/52095/exports-human-rights",
                ),
                Source::new(
                    "House of Commons Library CBP-9494",
                    "https://commonslibrary.parliament.uk/research-briefings/cbp-9494/",
                ),
                Source::new(
                    "House of Commons Library CBP-9483 (arms and dual-use exports to Russia)",
                    "https://commonslibrary.parliament.uk/research-briefings/cbp-9483/",
                ),
                Source::new(
                    "Myanmar (Sanctions) Regulations 2021 (SI 2021/496)",
                    "https://zoomlaw.co.uk/2021-496-uksi.html",
                ),
                Source::new(
                    "Burma (Sanctions) (EU Exit) Regulations 2019 (SI 2019/136) Part 5",
                    "http://legislation.gov.uk/cy/uksi/2019/136/part/5/made/data.xht?view=snippet&wrap=true",
                ),
            ],
        }
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = UK_SCOPE
            .outside_model(case, "GB", STATED_FROM)
            .or_else(|| northern_ireland(case));
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = Vec::new();
        if case.destination.code() == "GB" {
            findings.push(UK_NLR.finding(
                Outcome::NoLicenceRequired,
                "the destination is the United Kingdom itself: no export takes place",
            ));
            return Ok(Assessment::most_restrictive(findings));
        }

        let mut licensable: Vec<&Item> = Vec::new();
        let mut free_surveillance: Vec<&Item> = Vec::new();
        for item in case.items.iter() {
            let (status, finding) = item_rule(case, item);
            if status == ItemStatus::Free {
                findings.extend(wmd_catch_all(case, item));
            }
            findings.extend(finding);
            match status {
                ItemStatus::Listed | ItemStatus::Meu => licensable.push(item),
                ItemStatus::Free if item.is_cyber_surveillance() => free_surveillance.push(item),
                ItemStatus::Free | ItemStatus::Covered => {}
            }
        }
        findings.extend(criterion_two(case, &licensable));

        let mut sanctioned: Vec<&Item> = Vec::new();
        for item in case.items.iter() {
            let before = findings.len();
            findings.extend(russia(case, item));
            findings.extend(myanmar(case, item));
            if findings.len() > before {
                sanctioned.push(item);
            }
        }

        for item in free_surveillance {
            if !sanctioned.iter().any(|s| std::ptr::eq(*s, item)) {
                findings.push(no_art5(case, item));
            }
        }

        if findings.is_empty() {
            findings.push(UK_NLR.finding(
                Outcome::NoLicenceRequired,
                format!(
                    "no item is on a UK strategic export control list, the military end-use control is not engaged ({} is {}under a UK arms embargo; end use {}), and no sanctions prohibition applies",
                    case.destination,
                    if in_group(case.destination.code(), UK_ARMS_EMBARGOED) { "" } else { "not " },
                    case.end_use.category
                ),
            ));
        }
        Ok(Assessment::most_restrictive(findings))
    }

    fn catalogue() -> &'static [Rule] {
        CATALOGUE
    }
}

/// UK-WMD: the assimilated Regulation 428/2009 kept the WMD catch-all of
/// its art. 4 (unlike the cyber-surveillance catch-all of the EU's 2021
/// recast, which the UK never adopted): an exporter aware that a non-listed
/// item is intended for weapons of mass destruction must notify ECJU.
fn wmd_catch_all(case: &Case, item: &Item) -> Option<Finding> {
    let wmd = case.has(RiskFact::WmdEndUse) || case.end_use.category == EndUseCategory::Wmd;
    wmd.then(|| {
        UK_WMD.finding(
            Outcome::CatchAllNotify,
            format!(
                "{} is not listed, but the exporter is aware of an intended weapons-of-mass-destruction end use: it must notify the Export Control Joint Unit, which decides whether a licence is required",
                describe(item)
            ),
        )
    })
}

echri_sdk::export_rule_module!(Gb);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_tables_hold_sorted_iso_codes() {
        echri_sdk::testing::check_country_table("UK_ARMS_EMBARGOED", UK_ARMS_EMBARGOED);
        echri_sdk::testing::check_country_table("GEA_ALLIES", GEA_ALLIES);
    }

    #[test]
    fn info_names_the_jurisdiction() {
        assert_eq!(Gb::info().jurisdiction, "GB");
        assert!(!Gb::info().sources.is_empty());
    }

    /// Every destination, item kind, end-user kind and date gives an
    /// assessment with at least one finding and a consistent overall outcome.
    #[test]
    fn sweep_never_empty() {
        echri_sdk::testing::sweep::<Gb>(
            &["EAR99", "5A001.j", "ML1.a", "0A982"],
            &[
                Date::ymd(2013, 1, 1),
                Date::ymd(2019, 9, 1),
                Date::ymd(2021, 12, 8),
                Date::ymd(2024, 6, 1),
            ],
        );
    }
}
