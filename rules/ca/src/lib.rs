//! # echri-rule-ca: Canada export permits (human-rights rules)
//!
//! A simplified, cited model of the Canadian rules the ECHRI comparison turns
//! on (brief §2.7, §4). It models policy; it is not legal advice.
//!
//! - `CA-ECL`: an item on the Export Control List (Group 1 dual-use, Group 2
//!   munitions) needs an export permit (EIPA s. 7(1)); the Minister weighs the
//!   s. 7.3 considerations, including international human-rights law and
//!   gender-based violence, case by case.
//! - `CA-7.4`: from 2019-09-01 the Minister shall not issue a permit if, after
//!   considering mitigating measures, there is a substantial risk the items
//!   would be used to commit or facilitate a serious violation of
//!   international human-rights or humanitarian law (mandatory refusal,
//!   `Deny`). GAC applies this to all controlled goods and technology.
//! - `CA-US`: Group 1 items (and, before ATT accession, Group 2 items) to the
//!   United States generally need no permit.
//! - `CA-GEP47`: from 2019-09-01 Group 2 (ATT) items to the United States go
//!   under General Export Permit No. 47.
//! - `CA-ACL`: North Korea is on the Area Control List: a permit for all goods,
//!   policy of denial (`Prohibited`).
//! - `CA-MM`, `CA-RU`: Special Economic Measures Act sanctions.
//! - `CA-NLR`: nothing applies; Canada has no human-rights or cyber-surveillance
//!   catch-all for non-listed items.

#![warn(missing_docs)]

use echri_sdk::prelude::*;

/// The Canada rule module.
#[derive(Debug)]
pub struct Ca;

// --- citations -----------------------------------------------------------

const CITE_ECL_G1: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 3, 7(1) and 7.3; Export Control List (SOR/89-202), Group 1 (dual-use list)";
const CITE_ECL_G2: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 3, 7(1) and 7.3; Export Control List (SOR/89-202), Group 2 (munitions list)";
const CITE_74: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 7.3 and 7.4 (Bill C-47, in force 1 Sep 2019)";
const CITE_74_DUAL_USE: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 7.3 and 7.4 (Bill C-47, in force 1 Sep 2019), applied by Global Affairs Canada to all controlled goods and technology";
const CITE_5505: &str = "Export Control List (SOR/89-202), item 5505 (goods and technology for certain uses: weapons of mass destruction); Notice to Exporters No. 176";
const CITE_US: &str = "Export Control List (SOR/89-202), Group 1: no permit generally required for export to the United States";
const CITE_US_G2: &str = "Export Control List (SOR/89-202), Group 2: before Arms Trade Treaty accession no permit generally required for export to the United States (Canada Gazette I, 16 Mar 2019, GEP No. 47 RIAS)";
const CITE_GEP47: &str = "General Export Permit No. 47 — Export of Arms Trade Treaty Items to the United States (SOR/2019-230); Export Control List Group 9";
const CITE_ACL: &str = "Export and Import Permits Act ss. 4 and 7(1); Area Control List (SOR/81-543): Democratic People's Republic of Korea";
const CITE_MM: &str = "Special Economic Measures Act; Special Economic Measures (Burma) Regulations (SOR/2007-285): arms and related material, dealings with listed persons";
const CITE_RU: &str = "Special Economic Measures Act; Special Economic Measures (Russia) Regulations (SOR/2014-58), restricted goods, as amended 2022";
const CITE_NLR: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19); Export Control List (SOR/89-202); Area Control List (SOR/81-543)";

// --- rules ---------------------------------------------------------------
// Each rule is declared once; findings are made from these declarations and
// `CATALOGUE` lists them for `RuleModule::catalogue`. Where the provision
// depends on the case (ECL group, dual-use or military items), the finding
// cites the specific one (`Finding::citing`).

/// CA-ECL: an Export Control List item needs a permit.
pub const CA_ECL: Rule = Rule::new(
    "CA-ECL",
    "Export Control List item: permit, case by case (s. 7.3 considerations)",
    "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 3, 7(1) and 7.3; Export Control List (SOR/89-202), Groups 1 and 2",
);

/// CA-7.4: mandatory refusal on a substantial risk.
pub const CA_7_4: Rule = Rule::new(
    "CA-7.4",
    "Substantial risk of a serious violation: permit refused",
    CITE_74,
)
.applying_from(C47_IN_FORCE);

/// CA-US: no permit generally required for the United States.
pub const CA_US: Rule = Rule::new(
    "CA-US",
    "Controlled item to the United States: no permit generally required",
    CITE_US,
);

/// CA-GEP47: Group 2 items to the United States under GEP No. 47.
pub const CA_GEP47: Rule = Rule::new(
    "CA-GEP47",
    "Munitions item to the United States: General Export Permit No. 47",
    CITE_GEP47,
)
.applying_from(C47_IN_FORCE)
.assuming("GEP No. 47 in force with the Bill C-47 amendments on 1 Sep 2019; items excluded from GEP 47 (e.g. prohibited firearms) not distinguished [VERIFY]");

/// CA-ACL: North Korea on the Area Control List.
pub const CA_ACL: Rule = Rule::new(
    "CA-ACL",
    "North Korea (Area Control List): all goods, policy of denial",
    CITE_ACL,
)
.assuming("the ACL policy of denial is treated as a prohibition, without humanitarian exceptions");

/// CA-MM: Burma sanctions.
pub const CA_MM: Rule = Rule::new(
    "CA-MM",
    "Myanmar sanctions: arms and dealings with the military prohibited",
    CITE_MM,
)
.applying_from(MM_SEMA);

/// CA-RU: Russia sanctions.
pub const CA_RU: Rule = Rule::new(
    "CA-RU",
    "Russia sanctions: Export Control List items prohibited",
    CITE_RU,
)
.applying_from(RU_2022)
.assuming("restriction of ECL Group 1/2 items taken to apply from 1 Mar 2022 [VERIFY date and schedule coverage]");

/// CA-5505: the WMD catch-all of ECL item 5505.
pub const CA_5505: Rule = Rule::new(
    "CA-5505",
    "Non-listed item for a WMD end use: permit",
    CITE_5505,
)
.assuming("item 5505 is read as applying to every destination except the United States, and a stated WMD end use as the exporter's knowledge or suspicion [VERIFY]");

/// CA-NLR: nothing applies.
pub const CA_NLR: Rule = Rule::new("CA-NLR", "No permit required", CITE_NLR);

/// Outside what this model states: the case date is before the stated
/// period, or an item or transaction the model does not cover. Not
/// determined, never "no licence required".
pub const CA_SCOPE: Rule = Rule::new(
    "CA-SCOPE",
    "Outside what this model states: not determined",
    "echri model scope (this module's README: Stated period, Not modelled)",
);

/// Every rule of the Canada module, in the README's order.
pub const CATALOGUE: &[Rule] = &[
    CA_ECL, CA_7_4, CA_US, CA_GEP47, CA_ACL, CA_MM, CA_RU, CA_5505, CA_NLR, CA_SCOPE,
];

// --- dates ---------------------------------------------------------------

/// Bill C-47 amendments (ss. 7.3, 7.4) and ATT accession.
const C47_IN_FORCE: Date = Date::ymd(2019, 9, 1);
/// Special Economic Measures (Burma) Regulations.
const MM_SEMA: Date = Date::ymd(2007, 12, 13);
/// Russia export restrictions on listed goods.
const RU_2022: Date = Date::ymd(2022, 3, 1);

// --- helpers -------------------------------------------------------------

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

/// On the Export Control List in Group 1 or Group 2.
fn on_ecl(item: &Item) -> bool {
    item.control_code.is_military() || item.control_code.is_multilateral_dual_use()
}

// --- rules ---------------------------------------------------------------

/// CA-ECL, CA-US, CA-GEP47 for one item. Returns the finding and whether an
/// individual permit is required.
fn ecl(case: &Case, item: &Item) -> Option<(Finding, bool)> {
    let dest = case.destination.code();
    let code = &item.control_code;
    let military = code.is_military();
    if !military && !code.is_multilateral_dual_use() {
        return None;
    }
    if dest == "US" {
        if !military {
            return Some((
                CA_US.finding(
                    Outcome::NoLicenceRequired,
                    format!(
                        "{} is on ECL Group 1 (dual-use), but Group 1 items destined to the United States generally need no export permit{}",
                        describe(item),
                        if case.has(RiskFact::SubstantialRiskSeriousViolation) {
                            "; with no permit to decide, s. 7.4 cannot apply to the stated risk"
                        } else {
                            ""
                        }
                    ),
                )
                .assuming("no item-specific exception (e.g. items also in Groups 3-7) applies [VERIFY]"),
                false,
            ));
        }
        if !CA_GEP47.applies_on(case.as_of) {
            return Some((
                CA_US.finding(
                    Outcome::NoLicenceRequired,
                    format!(
                        "{} is on ECL Group 2 (munitions), but before 1 Sep 2019 Canada required permits for Group 2 items to the United States only for certain items (e.g. prohibited firearms, missiles)",
                        describe(item)
                    ),
                )
                .citing(CITE_US_G2)
                .assuming("the item is not one of the Group 2 items that needed a permit even for the United States [VERIFY]"),
                false,
            ));
        }
        return Some((
            CA_GEP47.finding(
                Outcome::LicenceException,
                format!(
                    "{} is on ECL Group 2 (munitions); since Arms Trade Treaty accession (1 Sep 2019) such items go to the United States under General Export Permit No. 47 (with reporting) or need no permit",
                    describe(item)
                ),
            ),
            false,
        ));
    }
    let (cite, group) = if military {
        (CITE_ECL_G2, "Group 2 (munitions)")
    } else {
        (CITE_ECL_G1, "Group 1 (dual-use)")
    };
    let mut expl = format!(
        "{} is on ECL {group}; an export permit is required for {dest}; the Minister must consider (s. 7.3) peace and security, serious violations of international humanitarian and human-rights law, terrorism, organised crime and gender-based violence, case by case",
        describe(item)
    );
    if !CA_7_4.applies_on(case.as_of) {
        expl.push_str("; before 1 Sep 2019 ss. 7.3-7.4 were not in force and human-rights risk was a discretionary policy consideration");
        if case.has(RiskFact::SubstantialRiskSeriousViolation) {
            expl.push_str(" (the stated substantial risk does not compel refusal on this date)");
        }
    } else if case.has(RiskFact::ClearRiskInternalRepression)
        && !case.has(RiskFact::SubstantialRiskSeriousViolation)
    {
        expl.push_str("; a risk of internal repression is weighed, but s. 7.4 compels refusal only on a finding of substantial risk after mitigation, which is not stated");
    }
    Some((
        CA_ECL
            .finding(Outcome::LicenceRequiredCaseByCase, expl)
            .citing(cite),
        true,
    ))
}

/// CA-7.4: mandatory refusal on a substantial risk.
fn section_7_4(case: &Case, permit_items: &[&Item]) -> Option<Finding> {
    if permit_items.is_empty()
        || !CA_7_4.applies_on(case.as_of)
        || !case.has(RiskFact::SubstantialRiskSeriousViolation)
    {
        return None;
    }
    let codes: Vec<String> = permit_items
        .iter()
        .map(|i| i.control_code.to_string())
        .collect();
    let all_military = permit_items.iter().all(|i| i.control_code.is_military());
    let f = CA_7_4.finding(
        Outcome::Deny,
        format!(
            "an export permit is required for {} to {} and, after considering mitigating measures, there is a substantial risk the items would be used to commit or facilitate a serious violation of international human-rights or humanitarian law (end user: {}); the Minister shall not issue the permit",
            codes.join(", "),
            case.destination,
            end_user_names(case)
        ),
    );
    Some(if all_military {
        f
    } else {
        f.citing(CITE_74_DUAL_USE).assuming("s. 7.4's statutory text covers arms, ammunition, implements or munitions of war; GAC states it applies the test to all controlled goods and technology, so dual-use items are treated alike")
    })
}

/// CA-ACL: North Korea.
fn area_control(case: &Case) -> Option<Finding> {
    (case.destination.code() == "KP").then(|| {
        CA_ACL.finding(
            Outcome::Prohibited,
            "North Korea is on the Area Control List: a permit is required to export any goods or technology, whether listed or not, and permits are refused as a matter of policy",
        )
    })
}

/// CA-MM: Burma arms embargo and dealings with the military.
fn myanmar(case: &Case) -> Option<Finding> {
    if case.destination.code() != "MM" || !CA_MM.applies_on(case.as_of) {
        return None;
    }
    let military_items: Vec<String> = case
        .items
        .iter()
        .filter(|i| i.control_code.is_military())
        .map(|i| i.control_code.to_string())
        .collect();
    let military_user = case.is_military_end_use();
    if military_items.is_empty() && !military_user {
        return None;
    }
    if military_items.is_empty() {
        let why = format!(
            "the end use or end user ({}; {}) is military, and the Burma regulations prohibit supplying arms and related material and dealing with the listed Myanmar military",
            case.end_use.category,
            end_user_names(case)
        );
        return Some(
            CA_MM.finding(Outcome::Prohibited, format!("Myanmar on {}: {why}", case.as_of))
                .assuming("a military end user in Myanmar is taken to be a listed person (dealings ban) or covered by the arms embargo, whatever the item [VERIFY]"),
        );
    }
    Some(
        CA_MM.finding(
            Outcome::Prohibited,
            format!(
                "Myanmar on {}: the export of arms and related material ({}) to Burma is prohibited",
                case.as_of,
                military_items.join(", ")
            ),
        )
        .assuming("ECL Group 2 items are taken to be 'arms and related material' under the Burma regulations [VERIFY]"),
    )
}

/// CA-RU: listed goods to Russia.
fn russia(case: &Case) -> Option<Finding> {
    if case.destination.code() != "RU" || !CA_RU.applies_on(case.as_of) {
        return None;
    }
    let listed: Vec<String> = case
        .items
        .iter()
        .filter(|i| on_ecl(i))
        .map(|i| i.control_code.to_string())
        .collect();
    if listed.is_empty() {
        return None;
    }
    Some(CA_RU.finding(
        Outcome::Prohibited,
        format!(
            "{} to Russia on {}: the Russia regulations prohibit exporting restricted goods, including ECL dual-use and military items, to Russia",
            listed.join(", "),
            case.as_of
        ),
    ))
}

fn no_licence(case: &Case) -> Finding {
    let mut expl = String::from(
        "no item is on the Export Control List, the destination is not on the Area Control List and no sanctions measure applies; Canada has no human-rights catch-all for non-listed items",
    );
    if case.any_item(Item::is_cyber_surveillance) {
        expl.push_str(", and no catch-all for non-listed cyber-surveillance items");
    }
    if case.has(RiskFact::SubstantialRiskSeriousViolation)
        || case.has(RiskFact::ClearRiskInternalRepression)
    {
        expl.push_str(
            "; the stated human-rights risk cannot engage s. 7.4 because no permit is required",
        );
    }
    CA_NLR.finding(Outcome::NoLicenceRequired, expl)
}

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2019, 1, 1);

impl RuleModule for Ca {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "CA".into(),
            name: "Canada export permits: human-rights rules".into(),
            authority: "Global Affairs Canada, Export Controls Operations".into(),
            version: "2025.1".into(),
            stated_for: Period::new(STATED_FROM, Date::ymd(2025, 1, 1)),
            rules: Vec::new(),
            commitments: echri_sdk::conduct::declarations(
                "The Minister shall not issue a permit where there is a substantial risk, after mitigation, that the goods would be used to commit or facilitate serious violations of international human-rights or humanitarian law (applied to all controlled goods as policy)",
                "Export and Import Permits Act, ss. 7.3 and 7.4",
            ),
            sources: vec![
                Source::new(
                    "Export and Import Permits Act (R.S.C. 1985, c. E-19)",
                    "https://lois-laws.justice.gc.ca/eng/acts/E-19/FullText.html",
                ),
                Source::new(
                    "Export and Import Permits Act, ss. 7-7.4",
                    "https://lois.justice.gc.ca/eng/acts/E-19/page-4.html",
                ),
                Source::new(
                    "Global Affairs Canada: export controls background information",
                    "https://www.international.gc.ca/trade-commerce/consultations/export_controls-controle_exportations/background-information.aspx?lang=eng",
                ),
                Source::new(
                    "GAC answer in the House of Commons (14 Jun 2024)",
                    "https://openparliament.ca/debates/2024/6/14/lena-metlege-diab-2",
                ),
                Source::new(
                    "BLG: Canada becomes a state party to the Arms Trade Treaty",
                    "https://blg.com/fr/insights/2019/09/canada-becomes-a-state-party-to-the-arms-trade-treaty",
                ),
                Source::new(
                    "Lexology: Group 1 exports to the United States",
                    "https://www.lexology.com/library/detail.aspx?g=50064967-d2de-4b2f-b182-e763b7662f40",
                ),
                Source::new(
                    "General Export Permit No. 47 (SOR/2019-230)",
                    "http://gazette.gc.ca/rp-pr/p2/2019/2019-06-26/html/sor-dors230-eng.html",
                ),
                Source::new(
                    "Canadian sanctions: Myanmar",
                    "http://www.international.gc.ca/sanctions/countries-pays/myanmar.aspx?lang=eng",
                ),
            ],
        }
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = CA_SCOPE.outside_model(case, "CA", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = Vec::new();
        if case.destination.code() == "CA" {
            findings.push(CA_NLR.finding(
                Outcome::NoLicenceRequired,
                "the destination is Canada itself: no export takes place",
            ));
            return Ok(Assessment::most_restrictive(findings));
        }

        let mut permit_items: Vec<&Item> = Vec::new();
        for item in case.items.iter() {
            if let Some((finding, permit)) = ecl(case, item) {
                findings.push(finding);
                if permit {
                    permit_items.push(item);
                }
            } else if let Some(finding) = wmd_catch_all(case, item) {
                findings.push(finding);
                permit_items.push(item);
            }
        }
        findings.extend(section_7_4(case, &permit_items));
        findings.extend(area_control(case));
        findings.extend(myanmar(case));
        findings.extend(russia(case));

        if findings.is_empty() {
            findings.push(no_licence(case));
        }
        Ok(Assessment::most_restrictive(findings))
    }

    fn catalogue() -> &'static [Rule] {
        CATALOGUE
    }
}

/// CA-5505: ECL item 5505 makes any good a controlled good when the exporter
/// knows or suspects it is intended for weapons of mass destruction. It is
/// the only catch-all Canada has; none exists for human rights.
fn wmd_catch_all(case: &Case, item: &Item) -> Option<Finding> {
    let wmd = case.has(RiskFact::WmdEndUse) || case.end_use.category == EndUseCategory::Wmd;
    if !wmd || case.destination.code() == "US" {
        return None;
    }
    Some(CA_5505.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "{} is not on the Export Control List by its specification, but the exporter knows or suspects a weapons-of-mass-destruction end use, which brings it under ECL item 5505: a permit is required for export to {}",
            item.control_code,
            case.destination
        ),
    ))
}

echri_sdk::export_rule_module!(Ca);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_names_the_jurisdiction() {
        assert_eq!(Ca::info().jurisdiction, "CA");
        assert!(!Ca::info().sources.is_empty());
    }

    /// Every destination, item kind, end-user kind and date gives an
    /// assessment with at least one finding and a consistent overall outcome.
    #[test]
    fn sweep_never_empty() {
        echri_sdk::testing::sweep::<Ca>(
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
