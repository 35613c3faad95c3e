//! # echri-rule-ca: Canada export permits (human-rights rules)
//!
//! A simplified, cited model of the Canadian rules the ECHRI comparison turns
//! on (brief §2.7, §4). It models policy; it is not legal advice.
//!
//! - `CA-ECL`: an item on the Export Control List (Group 1 dual-use, Group 2
//!   munitions) needs an export permit (EIPA s. 7(1)); the Minister weighs the
//!   s. 7.3 considerations, case by case: by statute for Group 2 (arms,
//!   ammunition, implements or munitions of war), as Global Affairs Canada
//!   policy for Group 1 dual-use items.
//! - `CA-7.4`: from 2019-09-01 the Minister shall not issue a permit if, after
//!   considering available mitigating measures, there is a substantial risk of
//!   any s. 7.3(1) consequence (serious violations of international
//!   humanitarian or human-rights law, terrorism, transnational organised
//!   crime, serious gender-based violence): `Deny`; with mitigating measures
//!   offered and no finding on the risk that remains, case by case. Statute
//!   for Group 2, GAC policy for Group 1.
//! - `CA-US`: Group 1 items (and, before ATT accession, Group 2 items) to the
//!   United States generally need no permit.
//! - `CA-GEP47`: from 2019-09-01 Group 2 (ATT) items to the United States go
//!   under General Export Permit No. 47.
//! - `CA-ACL`: North Korea is on the Area Control List: a permit for all goods,
//!   policy of denial (`Prohibited`).
//! - `CA-MM`, `CA-IR`, `CA-RU`: Special Economic Measures Act sanctions
//!   (Burma arms ban, Iran goods bans, Russia restricted goods).
//! - `CA-NLR`: nothing applies; Canada has no human-rights or cyber-surveillance
//!   catch-all for non-listed items.

#![warn(missing_docs)]

use echri_sdk::prelude::*;

/// The Canada rule module.
#[derive(Debug)]
pub struct Ca;

// --- citations -----------------------------------------------------------

const CITE_ECL_G1: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 3 and 7(1); Export Control List (SOR/89-202), Group 1 (dual-use list); the s. 7.3 assessment applied to all controlled goods and technology as Global Affairs Canada policy";
const CITE_ECL_G2: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 3, 7(1) and 7.3; Export Control List (SOR/89-202), Group 2 (munitions list)";
const CITE_74: &str = "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 7.3 and 7.4 (Bill C-47, in force 1 Sep 2019)";
const CITE_74_DUAL_USE: &str = "Global Affairs Canada policy applying the test of Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 7.3 and 7.4 (which by their terms cover arms, ammunition, implements or munitions of war) to all controlled goods and technology";
const CITE_5505: &str = "Export Control List (SOR/89-202), item 5505 (goods and technology for certain uses: weapons of mass destruction); Notice to Exporters No. 176";
const CITE_US: &str = "Export Control List (SOR/89-202), Group 1: no permit generally required for export to the United States";
const CITE_US_G2: &str = "Export Control List (SOR/89-202), Group 2: before Arms Trade Treaty accession no permit generally required for export to the United States (Canada Gazette I, 16 Mar 2019, GEP No. 47 RIAS)";
const CITE_GEP47: &str = "General Export Permit No. 47 — Export of Arms Trade Treaty Items to the United States (SOR/2019-230); Export Control List Group 9";
const CITE_ACL: &str = "Export and Import Permits Act ss. 4 and 7(1); Area Control List (SOR/81-543): Democratic People's Republic of Korea";
const CITE_MM: &str = "Special Economic Measures Act; Special Economic Measures (Burma) Regulations (SOR/2007-285): export of arms and related material to Burma, dealings with listed persons";
const CITE_IR: &str = "Special Economic Measures Act; Special Economic Measures (Iran) Regulations (SOR/2010-165) s. 4 (goods listed in Schedule 2 and in the provisions of the Export Control Guide it names; arms and related material)";
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
    "Export Control List item: permit, case by case (s. 7.3 considerations: statute for munitions, policy for dual-use)",
    "Export and Import Permits Act (R.S.C. 1985, c. E-19) ss. 3, 7(1) and 7.3 (arms, ammunition, implements or munitions of war); Export Control List (SOR/89-202), Groups 1 and 2; Global Affairs Canada policy for Group 1",
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
    "Myanmar sanctions: arms and related material prohibited; dealings with listed persons not screened",
    CITE_MM,
)
.applying_from(MM_SEMA);

/// CA-IR: Iran sanctions.
pub const CA_IR: Rule = Rule::new(
    "CA-IR",
    "Iran sanctions: arms and the named Export Control List items prohibited",
    CITE_IR,
)
.assuming(IR_ASSUMPTION);

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
    CA_ECL, CA_7_4, CA_US, CA_GEP47, CA_ACL, CA_MM, CA_IR, CA_RU, CA_5505, CA_NLR, CA_SCOPE,
];

const G1_POLICY_ASSUMPTION: &str = "EIPA ss. 7.3(1) and 7.4 apply by their terms to arms, ammunition, implements or munitions of war; for Group 1 dual-use items Global Affairs Canada applies the same assessment as policy (GAC background information; House of Commons answer of 14 Jun 2024), which this model follows [VERIFY]";

const RIOT_CONTROL_ASSUMPTION: &str = "US ECCN 1A984 with a crowd-control capability is read as a riot-control agent (CS, CN) of ECL Group 2 item 2-7.e (Wassenaar ML7.e), which has no concentration threshold and excludes only agents individually packaged for personal self-defence [VERIFY against the current ECL Guide]";

const IR_ASSUMPTION: &str = "Section 4 of the Iran regulations is modelled as in force from 18 Oct 2023 for the whole stated period [VERIFY earlier versions]: its s. 4(3)(a) Guide items (Group 1 items 1-1.A.1 to 1-1.A.3, 1-1.C, categories 1-7 and 1-9) are prohibited; every ECL Group 2 item is read as arms and related material or a s. 4(3)(b) weapon system [VERIFY]; the Schedule 2 nuclear and missile goods and the listed persons of Schedule 1 are not modelled";

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

/// A riot-control agent (tear gas): ECL Group 2 item 2-7.e (ML7.e), or the
/// US crime-control code 1A984 for a crowd-control formulation, which the
/// module reads as the same item (see `RIOT_CONTROL_ASSUMPTION`).
fn riot_control_us_code(item: &Item) -> bool {
    item.control_code.is_under("1A984") && item.has(Capability::CrowdControl)
}

/// On ECL Group 2 (munitions), directly or as a riot-control agent.
fn munitions(item: &Item) -> bool {
    item.control_code.is_military() || riot_control_us_code(item)
}

/// On the Export Control List in Group 1 or Group 2.
fn on_ecl(item: &Item) -> bool {
    munitions(item) || item.control_code.is_multilateral_dual_use()
}

/// A US 1A984 item with no crowd-control capability: the US code spans
/// riot-control agents (ECL 2-7.e) and smoke and pyrotechnic articles (not on
/// the ECL unless military), so the model cannot say which it is.
fn unclassified_1a984(case: &Case, item: &Item) -> Option<Finding> {
    (item.control_code.is_under("1A984") && !riot_control_us_code(item)).then(|| {
        CA_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{} is a US-only crime-control code covering tear-gas formulations (riot-control agents, ECL Group 2 item 2-7.e) as well as smoke and pyrotechnic articles; the case does not state a crowd-control capability, so whether the item is on the Export Control List for export to {} is not determined",
                describe(item),
                case.destination
            ),
        )
    })
}

// --- rules ---------------------------------------------------------------

/// CA-ECL, CA-US, CA-GEP47 for one item. Returns the finding and whether an
/// individual permit is required.
fn ecl(case: &Case, item: &Item) -> Option<(Finding, bool)> {
    let dest = case.destination.code();
    let code = &item.control_code;
    let military = munitions(item);
    if !on_ecl(item) {
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
    let basis = if military {
        "the Minister must consider (s. 7.3, for arms, ammunition, implements or munitions of war)"
    } else {
        "as Global Affairs Canada policy (the statute's ss. 7.3-7.4 cover munitions) the Minister weighs"
    };
    let rca = if riot_control_us_code(item) {
        " as a riot-control agent (item 2-7.e)"
    } else if code.is_under("ML7.e") {
        " (item 2-7.e, riot-control agents)"
    } else {
        ""
    };
    let mut expl = format!(
        "{} is on ECL {group}{rca}; an export permit is required for {dest}; {basis} peace and security, serious violations of international humanitarian and human-rights law, terrorism, organised crime and gender-based violence, case by case",
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
    let mut f = CA_ECL
        .finding(Outcome::LicenceRequiredCaseByCase, expl)
        .citing(cite);
    if !military {
        f = f.also_assuming(G1_POLICY_ASSUMPTION);
    }
    if riot_control_us_code(item) {
        f = f.also_assuming(RIOT_CONTROL_ASSUMPTION);
    }
    Some((f, true))
}

/// The s. 7.3(1)(b) consequences the split facts of contract 0.2 state, with
/// the subparagraph each answers and whether the fact is itself stated as a
/// substantial risk.
const CONSEQUENCES: &[(RiskFact, &str, bool)] = &[
    (
        RiskFact::ClearRiskSeriousIhlViolation,
        "a serious violation of international humanitarian law (s. 7.3(1)(b)(i))",
        false,
    ),
    (
        RiskFact::RiskTerrorism,
        "an offence under the conventions on terrorism (s. 7.3(1)(b)(iii))",
        false,
    ),
    (
        RiskFact::RiskOrganisedCrime,
        "an offence under the conventions on transnational organised crime (s. 7.3(1)(b)(iv))",
        false,
    ),
    (
        RiskFact::RiskGenderBasedViolence,
        "serious acts of gender-based violence or of violence against women and children (s. 7.3(1)(b)(v))",
        true,
    ),
];

/// CA-7.4: mandatory refusal on a substantial risk after mitigation.
///
/// `substantial-risk-serious-violation` states the Minister's finding after
/// mitigation, so it decides on its own. The split facts state a risk of one
/// s. 7.3(1)(b) consequence before mitigation: with no mitigating measure
/// offered the risk stands and s. 7.4 applies; with measures offered the
/// Minister weighs what remains, which the case does not state.
fn section_7_4(case: &Case, permit_items: &[&Item]) -> Option<Finding> {
    if permit_items.is_empty() || !CA_7_4.applies_on(case.as_of) {
        return None;
    }
    let substantial = case.has(RiskFact::SubstantialRiskSeriousViolation);
    let split: Vec<&(RiskFact, &str, bool)> = CONSEQUENCES
        .iter()
        .filter(|(f, _, _)| case.has(*f))
        .collect();
    if !substantial && split.is_empty() {
        return None;
    }
    let codes: Vec<String> = permit_items
        .iter()
        .map(|i| i.control_code.to_string())
        .collect();
    let all_munitions = permit_items.iter().all(|i| munitions(i));
    let mitigations: Vec<&str> = case.mitigations.iter().map(|m| m.as_str()).collect();
    let mut consequences: Vec<&str> = Vec::new();
    if substantial {
        consequences.push(
            "a serious violation of international human-rights or humanitarian law (s. 7.3(1)(b)(i)-(ii))",
        );
    }
    consequences.extend(split.iter().map(|(_, text, _)| *text));
    let f = if substantial {
        CA_7_4.finding(
            Outcome::Deny,
            format!(
                "an export permit is required for {} to {} and, after considering mitigating measures{}, there is a substantial risk the items would be used to commit or facilitate {} (end user: {}); the Minister shall not issue the permit",
                codes.join(", "),
                case.destination,
                if mitigations.is_empty() {
                    String::new()
                } else {
                    format!(" (offered: {})", mitigations.join(", "))
                },
                consequences.join("; "),
                end_user_names(case)
            ),
        )
    } else if mitigations.is_empty() {
        let f = CA_7_4.finding(
            Outcome::Deny,
            format!(
                "an export permit is required for {} to {}; the stated risk that the items would be used to commit or facilitate {} (end user: {}) is met by no mitigating measure, so a substantial risk of a s. 7.3(1) consequence remains and the Minister shall not issue the permit",
                codes.join(", "),
                case.destination,
                consequences.join("; "),
                end_user_names(case)
            ),
        );
        if split
            .iter()
            .all(|(_, _, stated_substantial)| *stated_substantial)
        {
            f
        } else {
            f.also_assuming("a stated risk (or clear risk) of a s. 7.3(1)(b) consequence is read as meeting the s. 7.4 threshold of a substantial risk when no mitigating measure is offered [VERIFY]")
        }
    } else {
        CA_7_4.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "an export permit is required for {} to {}; a risk the items would be used to commit or facilitate {} is stated, and mitigating measures are offered ({}); s. 7.4 refuses the permit only if a substantial risk remains after them, which is the Minister's determination and is not stated: case by case",
                codes.join(", "),
                case.destination,
                consequences.join("; "),
                mitigations.join(", ")
            ),
        )
    };
    Some(if all_munitions {
        f
    } else {
        f.citing(CITE_74_DUAL_USE)
            .also_assuming(G1_POLICY_ASSUMPTION)
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

/// CA-MM: the Burma arms ban; the dealings ban on listed persons is not
/// screened, so a military end user with other goods is not determined.
fn myanmar(case: &Case) -> Option<Finding> {
    if case.destination.code() != "MM" || !CA_MM.applies_on(case.as_of) {
        return None;
    }
    let arms: Vec<String> = case
        .items
        .iter()
        .filter(|i| munitions(i))
        .map(|i| i.control_code.to_string())
        .collect();
    if !arms.is_empty() {
        return Some(
            CA_MM.finding(
                Outcome::Prohibited,
                format!(
                    "Myanmar on {}: the export of arms and related material ({}) to Burma or any person in Burma is prohibited, whoever the end user",
                    case.as_of,
                    arms.join(", ")
                ),
            )
            .assuming("ECL Group 2 items are taken to be 'arms and related material' under the Burma regulations [VERIFY]"),
        );
    }
    if !case.is_military_end_use() {
        return None;
    }
    Some(
        CA_MM.finding(
            Outcome::NotDetermined,
            format!(
                "Myanmar on {}: the items are not arms and related material, so the arms ban does not apply; the end use or end user ({}; {}) is military, and the Burma regulations prohibit dealings with the persons listed in their Schedule, which include military bodies and military-owned companies; whether this end user is listed is not modelled",
                case.as_of,
                case.end_use.category,
                end_user_names(case)
            ),
        )
        .assuming("the regulations' Schedule of listed persons is not encoded; the arms ban covers arms and related material, not every item for a military end user [VERIFY]"),
    )
}

/// Group 1 items named in s. 4(3)(a) of the Iran regulations: Guide items
/// 1-1.A.1 to 1-1.A.3, 1-1.C, and categories 1-7 and 1-9.
fn iran_named_group1(item: &Item) -> bool {
    let code = &item.control_code;
    code.is_multilateral_dual_use()
        && (code.is_under_any(&["1A001", "1A002", "1A003"])
            || code.as_str().starts_with("1C")
            || code.as_str().starts_with('7')
            || code.as_str().starts_with('9'))
}

/// CA-IR: the Iran goods bans.
fn iran(case: &Case) -> Option<Finding> {
    if case.destination.code() != "IR" {
        return None;
    }
    let arms: Vec<String> = case
        .items
        .iter()
        .filter(|i| munitions(i))
        .map(|i| i.control_code.to_string())
        .collect();
    let named: Vec<String> = case
        .items
        .iter()
        .filter(|i| iran_named_group1(i))
        .map(|i| i.control_code.to_string())
        .collect();
    if arms.is_empty() && named.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !arms.is_empty() {
        parts.push(format!(
            "{} (ECL Group 2, arms and related material)",
            arms.join(", ")
        ));
    }
    if !named.is_empty() {
        parts.push(format!(
            "{} (ECL Group 1 items named in s. 4(3)(a))",
            named.join(", ")
        ));
    }
    Some(CA_IR.finding(
        Outcome::Prohibited,
        format!(
            "Iran on {}: the Iran regulations prohibit any person in Canada from exporting, selling, supplying or shipping {} to Iran or any person in Iran, and from providing related technical data",
            case.as_of,
            parts.join(" and ")
        ),
    ))
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
                    "Special Economic Measures (Iran) Regulations (SOR/2010-165), s. 4 as of 18 Oct 2023",
                    "https://laws-lois.justice.gc.ca/eng/regulations/sor-2010-165/section-4-20231018.html",
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
            } else if let Some(finding) = unclassified_1a984(case, item) {
                findings.push(finding);
            }
        }
        findings.extend(section_7_4(case, &permit_items));
        findings.extend(area_control(case));
        findings.extend(myanmar(case));
        findings.extend(iran(case));
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
