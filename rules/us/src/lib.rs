//! # echri-rule-us: United States export-licensing human-rights rules
//!
//! A simplified, cited model of the Export Administration Regulations
//! (15 CFR Parts 730-774) as administered by the Bureau of Industry and
//! Security (BIS), limited to the rules that carry human-rights policy or
//! decide the outcome of the surveillance and repression cases the echri
//! project compares:
//!
//! | Rule id | Rule | Citation |
//! |---|---|---|
//! | `US-EMB` | Comprehensive embargoes (Cuba, Iran, North Korea, Syria): prohibited | 15 CFR Part 746 |
//! | `US-RU-BY` | Russia (from 2022-02-24) / Belarus (from 2022-03-02): CCL items, policy of denial (prohibited) | 15 CFR 746.8 |
//! | `US-EL-PoD` | Entity List entry, all items incl. EAR99, presumption of denial | 15 CFR 744.11; Supp. 4 to Part 744 |
//! | `US-EL-XJ-CBC` | Xinjiang entries: protective items case by case | 84 FR 54002 |
//! | `US-EL-XJ-PoD` | Xinjiang entries: all other items, presumption of denial | 84 FR 54002 |
//! | `US-MEU-MM` | Burma military end use/user, CCL items, presumption of denial | 15 CFR 744.21 |
//! | `US-ACE` | License Exception ACE for cybersecurity items | 15 CFR 740.22 |
//! | `US-ACE-BAR` | ACE unavailable: licence, case by case, 742.7(b)(2) review | 15 CFR 740.22(c); 742.7(b)(2) |
//! | `US-CC-1` .. `US-CC-4`, `US-CC-3-CA` | Crime-control items | 15 CFR 742.7(a), (b)(1); 742.11 |
//! | `US-NS` | Encoded NS Column 1 ECCNs: licence to every destination but Canada | 15 CFR 742.4; 742.7(b)(2) |
//! | `US-NS-CA` | The same to Canada: no licence required | 15 CFR 742.4; Supp. No. 1 to Part 738 |
//! | `US-SL` | 5A980, 5D980, 5E980, 5A001.f.1: licence to all destinations incl. Canada | 15 CFR 742.13 |
//! | `US-WMD` | Known WMD/missile end use: all items incl. EAR99 | 15 CFR 744.2-744.4 |
//! | `US-ITAR` | Military-list items: outside the EAR model | 22 CFR 120-130 |
//! | `US-NLR` | Nothing requires a licence | 15 CFR 732.3; 758.1 |
//! | `US-SCOPE` | Outside the model (date, transaction, ECCN not encoded): not determined | README |
//!
//! Per item the most restrictive finding wins, and the case's outcome is
//! the most restrictive of all findings. The model states policy; it is not
//! legal advice. See the crate README for sources, simplifications and
//! assumptions.

#![warn(missing_docs)]

use echri_sdk::prelude::*;

mod ace;
mod ccl;
pub mod country_groups;
mod crime_control;
mod entity_list;
pub mod rules;

pub(crate) use country_groups::in_d1;
use crime_control::CcResult;
use rules::*;

/// The United States rule module.
#[derive(Debug, Clone, Copy, Default)]
pub struct Us;

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2019, 1, 1);

impl RuleModule for Us {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "US".into(),
            name: "Export Administration Regulations (15 CFR Parts 730-774): human-rights controls"
                .into(),
            authority: "Bureau of Industry and Security (BIS), U.S. Department of Commerce".into(),
            version: "2025.1".into(),
            stated_for: Period::new(STATED_FROM, Date::ymd(2025, 1, 1)),
            rules: Vec::new(),
            commitments: echri_sdk::conduct::declarations(
                "Crime-control and surveillance items are licensed under a human-rights policy: case-by-case review under 742.7(b), a presumption of denial where the end user or destination is implicated in human-rights abuses, and Entity List designations for human-rights reasons",
                "15 CFR 742.7(b) (85 FR 63007, 6 October 2020); 15 CFR 740.22(c); 15 CFR 744.11(b)",
            ),
            sources: sources(),
        }
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = US_SCOPE.outside_model(case, "US", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        Ok(Assessment::most_restrictive(evaluate_findings(case)))
    }

    fn catalogue() -> &'static [Rule] {
        CATALOGUE
    }
}

echri_sdk::export_rule_module!(Us);

fn sources() -> Vec<Source> {
    [
        ("15 CFR 742.7 Crime control and detection (current text)", "https://bis.gov/ear/title-15/subtitle-b/chapter-vii/subchapter-c/part-742/ss-7427-crime-control-and-detection"),
        ("BIS Foreign Policy Report 2005, ch. 2: Crime control and human rights (archived)", "https://webarchive.library.unt.edu/eot2008/20080918011102/http:/www.bis.doc.gov/policiesandregulations/05forpolcontrols/chap2_crimehumanrights.htm"),
        ("Amendment to Licensing Policy, 85 FR 63007 (6 Oct 2020)", "https://regulations.vlex.com/vid/amendment-to-licensing-policy-850072312"),
        ("15 CFR 740.22 License Exception ACE (eCFR)", "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-740/section-740.22"),
        ("Cybersecurity Items; Delay of Effective Date, 87 FR 1670 (12 Jan 2022)", "https://govinfo.gov/content/pkg/FR-2022-01-12/html/2022-00448.htm"),
        ("Information Security Controls: Cybersecurity Items, final rule 87 FR 31948 (26 May 2022)", "https://govinfo.gov/content/pkg/FR-2022-05-26/html/2022-11282.htm"),
        ("Addition of Certain Entities to the Entity List (NSO, Candiru, Positive Technologies, COSEINC), text copy", "https://graces.community/post/addition-of-certain-entities-to-the-entity-list"),
        ("Entity List additions, FR Doc. 2023-15343 (Intellexa, Cytrox)", "http://federal.elaws.us/fr/7/19/2023/2023-15343"),
        ("Twenty-eight Chinese entities added to the Entity List (Winston & Strawn, secondary)", "https://www.winston.com/en/blogs-and-podcasts/global-trade-and-foreign-policy-insights/twenty-eight-chinese-entities-added-to-entity-list-for-alleged-human-rights-abuse"),
        ("Xinjiang Entity List additions (Lexology, secondary)", "https://www.lexology.com/library/detail.aspx?g=a850008e-5f2a-49d5-bfc3-23738da9107c"),
        ("Burma export controls after the coup (Steptoe, secondary)", "https://www.steptoeinternationalcomplianceblog.com/2021/03/commerce-department-issues-significant-new-export-controls-in-response-to-myanmar-coup/"),
        ("BIS implements new Burma export controls (secondary)", "https://www.globaltrademag.com/bis-implements-new-burma-export-controls-and-adds-four-entities-to-the-entity-list/"),
        ("Supp. No. 1 to Part 740: Country Groups (eCFR)", "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-740/appendix-Supplement%20No.%201%20to%20Part%20740"),
        ("Proposed rule 89 FR 60998 (29 Jul 2024), not law; cites the 746.8(b)(1) policy of denial", "https://regulations.justia.com/regulations/fedreg/2024/07/29/2024-16498.html"),
        ("Commerce Country Chart, Supp. No. 1 to Part 738 (eCFR)", "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-738/appendix-Supplement%20No.%201%20to%20Part%20738"),
        ("Commerce Control List, Supp. No. 1 to Part 774 (eCFR)", "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-774/appendix-Supplement%20No.%201%20to%20Part%20774"),
        ("15 CFR 742.13 Communications intercepting devices (eCFR)", "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-742/section-742.13"),
    ]
    .into_iter()
    .map(|(title, url)| Source::new(title, url))
    .collect()
}

/// All findings for a case, in evaluation order.
pub fn evaluate_findings(case: &Case) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut notes: Vec<String> = Vec::new();

    embargo(case, &mut findings);
    let ru_by = russia_belarus(case, &mut findings);

    let listed = entity_list::listed(case);
    entity_list::findings(case, &listed, &mut findings);

    burma_military_end_use(case, &mut findings);
    wmd_end_use(case, &mut findings);

    // Reasons that make every licence exception unavailable for this case.
    let mut overrides: Vec<String> = Vec::new();
    if let Some((party, entry)) = listed.first() {
        overrides.push(format!(
            "{} is on the Entity List (\"{}\", from {}), and licence exceptions are unavailable for \
             listed parties (744.11(a)); the Entity List requirement, the most restrictive, governs",
            party_label(party),
            entry.name(),
            entry.effective
        ));
    }
    if let Some(country) = ru_by {
        overrides.push(format!(
            "the Russia/Belarus measures of 746.8 apply to {country} and restrict the licence \
             exceptions available (746.8(c)); ACE is not among them"
        ));
    }

    // Rules that already require a licence for every item of the case
    // (embargo, Russia/Belarus, Entity List, Burma military end use, WMD end
    // use): an item whose own Country Chart columns are not modelled cannot
    // lift their requirement, so it is recorded on them as an assumption
    // instead of making the case not determined.
    let case_wide = findings
        .iter()
        .any(|f| is_case_wide(f) && f.outcome.requires_licence());
    let mut covered: Vec<String> = Vec::new();

    for item in case.items.iter() {
        let code = &item.control_code;
        if code.is_military() {
            findings.push(military(case, item));
            continue;
        }
        let cc = crime_control::assess(case, item);
        let is_cc = !matches!(cc, CcResult::NotCc);
        let mut cc_licence: Option<usize> = None;
        match cc {
            CcResult::Finding(f) => {
                if f.outcome.requires_licence() {
                    cc_licence = Some(findings.len());
                }
                findings.push(f);
            }
            CcResult::NotLicensable(n) => notes.push(n),
            CcResult::NotCc => {}
        }
        match ccl::assess(case, item, &overrides) {
            ccl::Ccl::Findings(fs) => findings.extend(fs),
            ccl::Ccl::Unmodelled if code.is_unlisted() => notes.push(ear99_note(item)),
            // A US-only crime-control ECCN: 742.7 is its human-rights
            // reason for control, modelled above (its other reasons, such
            // as AT and UN, reach only embargoed destinations).
            ccl::Ccl::Unmodelled if is_cc && !code.is_multilateral_dual_use() => {}
            ccl::Ccl::Unmodelled => {
                if let Some(i) = cc_licence {
                    let f = findings[i].clone().also_assuming(format!(
                        "[VERIFY] the other reasons for control and Country Chart columns of {code} \
                         are not modelled; they cannot lift the licence requirement found here and \
                         are taken not to change its outcome"
                    ));
                    findings[i] = f;
                } else if case_wide {
                    covered.push(code.to_string());
                } else {
                    findings.push(unmodelled(case, item));
                }
            }
        }
    }

    if !covered.is_empty() {
        covered.sort();
        covered.dedup();
        let note = format!(
            "[VERIFY] the reasons for control and Country Chart columns of {} are not modelled; \
             this requirement already covers every listed item of the case, and they are taken not \
             to change its outcome",
            covered.join(", ")
        );
        for f in findings.iter_mut() {
            if is_case_wide(f) && f.outcome.requires_licence() {
                *f = f.clone().also_assuming(note.clone());
            }
        }
    }

    if findings.is_empty() {
        findings.push(no_licence_required(case, notes));
    }
    findings
}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// A finding of a rule that requires a licence for every item of the case
/// whatever its classification.
fn is_case_wide(f: &Finding) -> bool {
    [
        US_EMB,
        US_RU_BY,
        US_EL_POD,
        US_EL_XJ_CBC,
        US_EL_XJ_POD,
        US_MEU_MM,
        US_WMD,
    ]
    .iter()
    .any(|r| f.is(r))
}

/// US-SCOPE for an ECCN the model does not encode (REVIEW points 1-3).
fn unmodelled(case: &Case, item: &Item) -> Finding {
    let label = item_label(item);
    let head = item.control_code.eccn().unwrap_or_default();
    let kind = if head.get(2..3) == Some("6") {
        "a 600-series item (munitions moved to the CCL): its reasons for control (NS, RS, MT, \
         UN, AT), Country Chart columns and the arms-embargo policy of 742.4(b)(1)(ii) are not \
         modelled"
    } else if head.get(2..3) == Some("5") {
        "a 0x5zz or 9x515 entry (firearms 0A501-0A505, spacecraft 9x515): its reasons for \
         control and Country Chart columns are not modelled"
    } else if item.control_code.is_multilateral_dual_use() {
        "a multilateral-list ECCN whose reasons for control and Commerce Country Chart columns \
         this model does not encode (it encodes 4A005, 4D001.a, 4D004, 4E001.a/.c, 5A001.f/.j, \
         5A004, 5B001.a, 5D001.a/.c/.e, 5E001.a and the SL entries)"
    } else {
        "a US-only ECCN this model does not encode (its reasons for control and Commerce \
         Country Chart columns are not modelled)"
    };
    US_SCOPE.finding(
        Outcome::NotDetermined,
        format!(
            "{label} is {kind}: whether a licence is required to {} is not determined",
            case.destination
        ),
    )
}

/// "`5A001.j` (IP network surveillance system)".
pub(crate) fn item_label(item: &Item) -> String {
    if item.description.is_empty() {
        item.control_code.to_string()
    } else {
        format!("{} ({})", item.control_code, item.description)
    }
}

/// "Ministry of Interior (EG)".
pub(crate) fn party_label(party: &Party) -> String {
    format!("{} ({})", party.name, party.country)
}

/// The stated facts that show a risk of use in violations or abuses of
/// human rights, in the sense of 742.7(b)(1)-(2).
pub(crate) fn hr_risk_facts(case: &Case) -> Vec<RiskFact> {
    const HR_FACTS: &[RiskFact] = &[
        RiskFact::ClearRiskInternalRepression,
        RiskFact::SeriousViolationsEstablished,
        RiskFact::JournalistsTargeted,
        RiskFact::SubstantialRiskSeriousViolation,
        RiskFact::ExporterAwareOfMisuse,
        // Reasonable grounds to believe the items might be used for torture
        // (the Reg. 2019/125 art. 12 test) state a risk of use to violate
        // human rights just as plainly.
        RiskFact::TortureUseGrounds,
    ];
    HR_FACTS.iter().copied().filter(|f| case.has(*f)).collect()
}

/// ", weighing the stated facts: ..." or nothing.
pub(crate) fn hr_risk_note(case: &Case) -> String {
    let mut facts: Vec<&str> = hr_risk_facts(case).iter().map(|f| f.as_str()).collect();
    for extra in [RiskFact::CivilDisorder, RiskFact::GrossViolationsPattern] {
        if case.has(extra) {
            facts.push(extra.as_str());
        }
    }
    if facts.is_empty() {
        String::new()
    } else {
        format!(", weighing the stated facts: {}", facts.join(", "))
    }
}

// ---------------------------------------------------------------------------
// Country-based rules
// ---------------------------------------------------------------------------

/// US-EMB: comprehensive embargoes on E:1 and E:2 destinations (Part 746).
fn embargo(case: &Case, out: &mut Vec<Finding>) {
    let dest = case.destination.code();
    let section = match dest {
        "CU" => "15 CFR 746.2 (Cuba)",
        "KP" => "15 CFR 746.4 (North Korea)",
        "IR" => "15 CFR 746.7 (Iran); 31 CFR Part 560",
        "SY" => "15 CFR 746.9 (Syria)",
        _ => return,
    };
    let group = if dest == "CU" { "E:2" } else { "E:1" };
    out.push(
        US_EMB
            .finding(
                Outcome::Prohibited,
                format!(
                    "{dest} is in Country Group {group} and under a comprehensive US embargo: a licence \
                     is required for practically all items subject to the EAR, including EAR99, under a \
                     general policy of denial, and License Exception ACE is unavailable (740.22(c)(1)(i))."
                ),
            )
            .citing(format!("{}; {section}", US_EMB.citation)),
    );
}

/// US-RU-BY: licence for all CCL items to Russia and Belarus, reviewed under
/// a policy of denial (746.8(a)(1), (b)(1)). Returns the country when the
/// measures apply.
fn russia_belarus(case: &Case, out: &mut Vec<Finding>) -> Option<&'static str> {
    let (country, name, from) = match case.destination.code() {
        "RU" => ("RU", "Russia", RUSSIA_FROM),
        "BY" => ("BY", "Belarus", BELARUS_FROM),
        _ => return None,
    };
    if case.as_of < from {
        return None;
    }
    let items: Vec<String> = case
        .items
        .iter()
        .filter(|i| !i.control_code.is_unlisted())
        .map(item_label)
        .collect();
    if items.is_empty() {
        return Some(country);
    }
    // A policy of denial is mapped to prohibited, for Russia/Belarus as for
    // North Korea (746.4(b)): see US_RU_BY's assumption and the README.
    out.push(US_RU_BY.finding(
        Outcome::Prohibited,
        format!(
            "Since {from} a licence is required for every item on the Commerce Control List to \
             {name}, reviewed under a policy of denial (746.8(b)(1)), so that a licence is \
             normally unavailable; it applies to {}.",
            items.join("; ")
        ),
    ));
    Some(country)
}

/// US-MEU-MM: military end use or end user in Burma (744.21).
fn burma_military_end_use(case: &Case, out: &mut Vec<Finding>) {
    if !US_MEU_MM.applies_on(case.as_of) {
        return;
    }
    let military_user_in_mm = case
        .end_users()
        .find(|p| p.kind == PartyKind::Military && p.country.code() == "MM");
    let in_burma = case.destination.code() == "MM" || military_user_in_mm.is_some();
    if !in_burma || !case.is_military_end_use() {
        return;
    }
    let items: Vec<String> = case
        .items
        .iter()
        .filter(|i| !i.control_code.is_unlisted())
        .map(item_label)
        .collect();
    if items.is_empty() {
        return;
    }
    let who = match military_user_in_mm {
        Some(p) => format!("the military end user {}", party_label(p)),
        None => "a military end use in Burma".to_string(),
    };
    out.push(US_MEU_MM.finding(
        Outcome::PresumptionOfDenial,
        format!(
            "Since {BURMA_MEU_FROM} Burma is subject to the military end-use/end-user rule: \
             with knowledge of {who}, a licence is required for {}, reviewed under a \
             presumption of denial.",
            items.join("; ")
        ),
    ));
}

/// US-WMD: knowledge of a nuclear, missile, chemical or biological weapons
/// end use requires a licence for any item subject to the EAR (744.2-744.4).
fn wmd_end_use(case: &Case, out: &mut Vec<Finding>) {
    if !(case.has(RiskFact::WmdEndUse) || case.end_use.category == EndUseCategory::Wmd) {
        return;
    }
    out.push(US_WMD.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "The items are or may be intended for a weapons-of-mass-destruction or missile end \
             use in {}: a licence is required for all items subject to the EAR, including EAR99, \
             reviewed case by case for a material contribution to the weapons programme.",
            case.destination
        ),
    ));
}

// ---------------------------------------------------------------------------
// Item-based rules
// ---------------------------------------------------------------------------

/// US-ITAR: a military-list item needs a licence (USML or 600 series),
/// except where the model cannot say: Canada (ITAR 126.5, 600-series
/// columns) and the US arms-embargoed Country Group D:5 (22 CFR 126.1,
/// 742.4(b)(1)(ii)), answered by US-SCOPE (REVIEW point 3).
fn military(case: &Case, item: &Item) -> Finding {
    let label = item_label(item);
    let dest = case.destination.code();
    if dest == "CA" {
        return US_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{label} is a military-list item; to Canada a USML article may be exempt (22 CFR \
                 126.5) and most 600-series items need no licence (their columns have no mark \
                 for Canada); the USML/600-series classification is not modelled, so whether a \
                 licence is required is not determined"
            ),
        );
    }
    if in_group(dest, country_groups::D5) {
        return US_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{label} is a military-list item to {dest}, in Country Group D:5 (US arms \
                 embargo): a licence is required, reviewed under the arms-embargo policy of 22 CFR \
                 126.1 (and 742.4(b)(1)(ii) for 600-series items), a policy of denial with \
                 country-specific case-by-case exceptions that this model does not encode; the \
                 outcome is not determined"
            ),
        );
    }
    let rca = if item.control_code.is_under("ML7.e") || item.has(Capability::CrowdControl) {
        " Riot-control agents (tear gas) on the military list are taken to be USML Category XIV or \
         ECCN 1C607 items [VERIFY]; formulations of 1 % or less CS or CN are ECCN 1A984 (742.7(a)(1)), \
         which the case would code as such."
    } else {
        ""
    };
    US_ITAR.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "{label} is a military-list item: a USML item needs a Department of State (DDTC) licence \
             under the ITAR, a 600-series item a BIS licence; either way a licence is required to \
             {dest} and decided case by case, with the human-rights review of 742.7(b)(2) for a \
             600-series item{}.{rca}",
            hr_risk_note(case)
        ),
    )
}

fn ear99_note(item: &Item) -> String {
    if item.is_cyber_surveillance() || item.has(Capability::BiometricIdentification) {
        format!(
            "{}: EAR99; the EAR has no human-rights catch-all for unlisted surveillance items \
             (facial-recognition controls were only proposed, 89 FR 60998, not law)",
            item_label(item)
        )
    } else {
        format!(
            "{}: EAR99, no licence absent a listed party, embargo or prohibited end use",
            item_label(item)
        )
    }
}

/// US-NLR: nothing in the model requires a licence.
fn no_licence_required(case: &Case, mut notes: Vec<String>) -> Finding {
    notes.extend(entity_list::not_yet_listed(case));
    // A crime-control item outside the rebuilt Column 1 keeps that
    // column's [VERIFY] assumption visible (REVIEW point 6).
    let cc1 = notes.iter().any(|n| n.contains("not in CC Column 1"));
    let detail = if notes.is_empty() {
        String::new()
    } else {
        format!(" Details: {}.", notes.join("; "))
    };
    let finding = US_NLR.finding(
        Outcome::NoLicenceRequired,
        format!(
            "No licence is required for the export to {} as of {}: no party is on the modelled \
             Entity List, the destination is not embargoed, no end-use rule applies and no \
             item is licensable to this destination.{detail}",
            case.destination, case.as_of
        ),
    );
    match US_CC_1.assumption {
        Some(a) if cc1 => finding.assuming(a),
        _ => finding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(c: &str) -> Country {
        Country::try_from(c.to_string()).expect("country")
    }

    /// Every destination, a spread of items, party kinds, dates and facts:
    /// no panic, at least one finding, and the outcome is the findings' combination.
    #[test]
    fn sweep_never_panics_and_always_finds() {
        let codes = [
            "EAR99", "4A005", "4D001.a", "5A001.j", "5D001.c", "5A001.f", "0A982", "0A983",
            "0A977", "0A981", "1A004.c", "4A003", "6A002", "ML1", "3A001",
        ];
        let kinds = [
            PartyKind::Government,
            PartyKind::Private,
            PartyKind::Military,
        ];
        let dates = [
            Date::ymd(2019, 1, 1),
            Date::ymd(2021, 11, 4),
            Date::ymd(2025, 1, 1),
        ];
        let names = [
            "NSO Group",
            "Hikvision",
            "Acme Trading",
            "Ministry of Defence",
        ];
        let mut n = 0usize;
        for dest in countries::all() {
            for (i, code) in codes.iter().enumerate() {
                let kind = kinds[i % kinds.len()];
                let date = dates[i % dates.len()];
                let name = names[i % names.len()];
                let facts = if i % 2 == 0 {
                    vec![
                        RiskFact::GrossViolationsPattern,
                        RiskFact::UnauthorisedAccessKnowledge,
                    ]
                } else {
                    vec![]
                };
                let case = Case::new(
                    "sweep",
                    date,
                    country(dest),
                    vec![Item {
                        control_code: ControlCode::try_from(code.to_string()).expect("code"),
                        description: "protective police kit".into(),
                        capabilities: vec![
                            Capability::IntrusionSoftware,
                            Capability::BiometricIdentification,
                        ],
                        attributes: Vec::new(),
                        other_lists: Vec::new(),
                    }],
                    vec![Party {
                        sector: Sector::Finance,
                        ..Party::new(name, country(dest), kind, PartyRole::EndUser)
                    }],
                    EndUse::default(),
                    facts,
                )
                .expect("case");
                let a = Us::evaluate(&case).expect("assessment");
                assert!(!a.findings.is_empty());
                let combined = Outcome::combine_all(a.findings.iter().map(|f| f.outcome));
                assert_eq!(Some(a.outcome), combined);
                n += 1;
            }
        }
        assert!(n > 3000);
    }

    #[test]
    fn info_is_us() {
        let info = Us::info();
        assert_eq!(info.jurisdiction, "US");
        assert!(info.authority.contains("Bureau of Industry and Security"));
        assert!(!info.sources.is_empty());
    }
}
