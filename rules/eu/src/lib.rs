//! # echri-law-eu: the EU baseline shared by the EU member-state modules
//!
//! A library (no `RuleModule`, no component export) that models the EU law a
//! member state applies directly: the Dual-Use Regulation (EU) 2021/821 (and,
//! before 9 September 2021, Regulation (EC) No 428/2009), the Common Position
//! 2008/944/CFSP for military-list items, the Anti-Torture Regulation
//! (EU) 2019/125 and the human-rights-relevant sanctions regulations
//! (Russia, Belarus, Myanmar/Burma, Syria).
//!
//! A member-state module composes it:
//!
//! ```
//! use echri_law_eu::{self as eu, MemberState};
//! use echri_sdk::prelude::*;
//!
//! const XX: MemberState = MemberState {
//!     code: "DK",
//!     name: "Denmark",
//!     authority: "Danish Business Authority (Erhvervsstyrelsen)",
//!     military_authority: "Ministry of Justice",
//!     national_rules: "none engaged",
//! };
//!
//! fn evaluate(case: &Case) -> Assessment {
//!     let mut findings = eu::assess(case, &XX);
//!     // ... push national findings here ...
//!     eu::conclude(case, &XX, findings)
//! }
//! # let case: Case = serde_json::from_str(r#"{
//! #   "id": "c", "as_of": "2024-05-01", "destination": "EG",
//! #   "items": [{"control_code": "5A001.j"}],
//! #   "parties": [{"name": "X", "country": "EG", "kind": "police", "role": "end-user"}]
//! # }"#).unwrap();
//! assert_eq!(evaluate(&case).outcome, Outcome::LicenceRequiredCaseByCase);
//! ```
//!
//! Every rule is declared once in [`rules`] (re-exported here);
//! [`CATALOGUE`] lists them for the member states' catalogues.
//!
//! Design: [`assess`] returns the EU findings only (possibly none);
//! [`conclude`] adds the `EU-NLR` finding when no rule (EU or national) applied
//! and computes the most restrictive outcome. Article 15 (the assessment
//! criteria, which bring in Common Position 2008/944 and thus human rights) is
//! always described in the explanation of the finding that requires the
//! licence; it becomes a separate `EU-ASSESS-15` finding only when the case
//! stipulates a human-rights fact, so that the human-rights consideration is
//! visible as a decisive finding of its own while staying case by case.
//!
//! This models policy for comparison; it is not legal advice.

#![warn(missing_docs)]

pub mod rules;
mod tables;

use echri_sdk::listing::{listed_parties, name_contains};
use echri_sdk::prelude::*;

pub use rules::*;
use rules::{ANNEX_IV_ASSUMPTION, LICENCE_DECISIONS};
pub use tables::*;

/// What a member state brings to the EU baseline: its identity and its
/// authorities, named in explanations.
#[derive(Debug, Clone, Copy)]
pub struct MemberState {
    /// ISO 3166-1 alpha-2 code, e.g. `DK`.
    pub code: &'static str,
    /// English short name, e.g. `Denmark`.
    pub name: &'static str,
    /// The competent authority for dual-use export authorisations.
    pub authority: &'static str,
    /// The authority for military-list (arms) export licences.
    pub military_authority: &'static str,
    /// One phrase naming the national rules the module adds, for the
    /// `EU-NLR` explanation (e.g. "DK-DECL (management declaration)").
    pub national_rules: &'static str,
}

/// Which dual-use regulation applies on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DualUseRegulation {
    /// Council Regulation (EC) No 428/2009 (until 8 September 2021).
    Reg428_2009,
    /// Regulation (EU) 2021/821 (from 9 September 2021).
    Reg2021_821,
}

impl DualUseRegulation {
    /// The regulation applicable on `date`.
    pub fn on(date: Date) -> DualUseRegulation {
        if date >= REG_2021_821_APPLIES {
            DualUseRegulation::Reg2021_821
        } else {
            DualUseRegulation::Reg428_2009
        }
    }

    /// Short title.
    pub fn title(self) -> &'static str {
        match self {
            DualUseRegulation::Reg428_2009 => "Council Regulation (EC) No 428/2009",
            DualUseRegulation::Reg2021_821 => "Regulation (EU) 2021/821",
        }
    }

    /// The export authorisation requirement for Annex I items.
    pub fn art_list(self) -> &'static str {
        "Art. 3(1) and Annex I"
    }

    /// The assessment criteria (Art. 15(1); Art. 12(1) of 428/2009).
    pub fn art_assess(self) -> &'static str {
        match self {
            DualUseRegulation::Reg428_2009 => "Art. 12(1)",
            DualUseRegulation::Reg2021_821 => "Art. 15(1)",
        }
    }

    /// Intra-Union transfers.
    pub fn art_intra(self) -> &'static str {
        match self {
            DualUseRegulation::Reg428_2009 => "Art. 22(1) and Annex IV",
            DualUseRegulation::Reg2021_821 => "Art. 11(1) and Annex IV",
        }
    }

    /// The Union General Export Authorisation EU001.
    pub fn art_eu001(self) -> &'static str {
        match self {
            DualUseRegulation::Reg428_2009 => "Art. 9(1) and Annex IIa (EU001)",
            DualUseRegulation::Reg2021_821 => "Art. 12(1)(a) and Annex II Section A (EU001)",
        }
    }

    /// The "informed by the authority" catch-all: WMD or military end use.
    pub fn art_catchall_informed(self, wmd: bool) -> &'static str {
        match (self, wmd) {
            (DualUseRegulation::Reg428_2009, true) => "Art. 4(1)",
            (DualUseRegulation::Reg428_2009, false) => "Art. 4(2)",
            (DualUseRegulation::Reg2021_821, true) => "Art. 4(1)(a)",
            (DualUseRegulation::Reg2021_821, false) => "Art. 4(1)(b)",
        }
    }

    /// The "exporter aware" duty to notify.
    pub fn art_catchall_aware(self) -> &'static str {
        match self {
            DualUseRegulation::Reg428_2009 => "Art. 4(4)",
            DualUseRegulation::Reg2021_821 => "Art. 4(2)",
        }
    }

    /// `"<title>, <article>"`.
    pub fn cite(self, article: &str) -> String {
        format!("{}, {article}", self.title())
    }
}

/// How an item is listed, as the EU sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemClass {
    /// Common Military List (`ML`) item: national arms-export licence,
    /// Common Position 2008/944/CFSP.
    Military,
    /// Annex I dual-use item (multilateral regime list).
    AnnexI,
    /// Not listed in Annex I or the Common Military List (incl. `EAR99` and
    /// US-only ECCNs such as `0A982`).
    NotListed,
}

/// The class of `item`. A riot-control agent stated under the US ECCN
/// 1A984 is read as ML7.e ([`is_riot_control_agent`]); an Annex I code the
/// case states is excluded by a note ([`excluded_by_note`]) is not listed.
pub fn classify(item: &Item) -> ItemClass {
    let code = &item.control_code;
    if code.is_military() || is_riot_control_agent(item) {
        ItemClass::Military
    } else if code.is_multilateral_dual_use() && !item.is(ItemAttribute::ExcludedByNote) {
        ItemClass::AnnexI
    } else {
        ItemClass::NotListed
    }
}

/// Whether `item` is a riot-control agent stated under a non-military code
/// (the US ECCN 1A984), read as ML7.e of the Common Military List
/// \[VERIFY\] ([`RIOT_CONTROL_ASSUMPTION`]). An item coded `ML7.e` is
/// military by its code.
pub fn is_riot_control_agent(item: &Item) -> bool {
    item.control_code.is_under_any(RIOT_CONTROL_AGENT_CODES)
}

/// Whether the case states that `item`'s Annex I entry does not apply to it
/// because of a note to the entry (e.g. Note 1 to 4E001).
pub fn excluded_by_note(item: &Item) -> bool {
    item.control_code.is_multilateral_dual_use() && item.is(ItemAttribute::ExcludedByNote)
}

/// How the case makes an item a cyber-surveillance item (Art. 2(20)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CyberSurveillance {
    /// The case states the attribute `covert-surveillance`.
    Stated,
    /// The case does not state the attribute, but the item has a capability
    /// that the Commission's guidelines name (intrusion, interception,
    /// monitoring, forensic extraction, facial or emotion recognition,
    /// location tracking, video surveillance): read as one, as a visible
    /// assumption ([`CYBER_INFERRED_ASSUMPTION`]).
    Inferred,
}

/// The assumption recorded when an item is read as a cyber-surveillance
/// item from its capabilities alone.
pub const CYBER_INFERRED_ASSUMPTION: &str = "the case does not state that the item is specially \
     designed for covert surveillance of natural persons (Art. 2(20)); it is read as a \
     cyber-surveillance item from its capabilities (Recommendation (EU) 2024/2659) [VERIFY the \
     item's design]";

/// Whether `item` is a cyber-surveillance item in the sense of Art. 2(20),
/// and how the case says so.
pub fn cyber_surveillance(item: &Item) -> Option<CyberSurveillance> {
    if item.is(ItemAttribute::CovertSurveillance) {
        Some(CyberSurveillance::Stated)
    } else if item.is_cyber_surveillance() {
        Some(CyberSurveillance::Inferred)
    } else {
        None
    }
}

/// Whether `code` is an EU member state.
pub fn is_member_state(code: &str) -> bool {
    in_group(code, countries::EU_MEMBER_STATES)
}

/// Whether `code` is in the Union on `date`: a member state, or the United
/// Kingdom before 1 January 2021 (member until 31 January 2020, then treated
/// as one in the transition period).
pub fn in_union_on(code: &str, date: Date) -> bool {
    is_member_state(code) || (code == "GB" && date < GB_LEAVES_UNION)
}

/// Whether the case states one of the military end uses of Art. 4(1)(b):
/// the military end-use category or fact. A military end user alone (an
/// army hospital buying for civil use) is not such an end use.
pub fn is_defined_military_end_use(case: &Case) -> bool {
    case.end_use.category == EndUseCategory::Military || case.has(RiskFact::MilitaryEndUse)
}

/// Whether `code` is in the Annex IV subset this module models \[VERIFY\].
pub fn is_annex_iv(code: &ControlCode) -> bool {
    code.is_under_any(ANNEX_IV_SUBSET)
}

/// Whether `code` is excluded from EU001 (Annex IV items and the modelled
/// subset of Annex II Section I) \[VERIFY\].
pub fn eu001_excluded(code: &ControlCode) -> bool {
    is_annex_iv(code) || code.is_under_any(EU001_EXCLUDED_SUBSET)
}

/// Whether `item` is communications monitoring or interception equipment in
/// the sense of the Myanmar and Syria sanctions annexes [VERIFY mapping].
pub fn is_monitoring_equipment(item: &Item) -> bool {
    MONITORING_CAPABILITIES.iter().any(|c| item.has(*c))
}

/// The stipulated human-rights facts, in [`HUMAN_RIGHTS_FACTS`] order.
pub fn human_rights_facts(case: &Case) -> impl Iterator<Item = RiskFact> + '_ {
    HUMAN_RIGHTS_FACTS.iter().copied().filter(|f| case.has(*f))
}

/// Whether the end use is WMD (stated category or stipulated fact).
pub fn is_wmd_end_use(case: &Case) -> bool {
    case.end_use.category == EndUseCategory::Wmd || case.has(RiskFact::WmdEndUse)
}

/// Whether the goods go to `country` or are for use there (destination or
/// any end user located there).
pub fn to_or_for_use_in(case: &Case, country: &str) -> bool {
    case.destination.code() == country || case.any_end_user(|p| p.country.code() == country)
}

/// Whether the case leaves the Union: the destination is not in the Union
/// on the case date ([`in_union_on`]).
pub fn leaves_union(case: &Case) -> bool {
    !in_union_on(case.destination.code(), case.as_of)
}

/// The route an Annex I item takes under the Dual-Use Regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListedRoute {
    /// Destination is the exporting member state itself: no export.
    Domestic,
    /// Transfer to another member state, item not in Annex IV.
    IntraEu,
    /// Transfer to another member state of an Annex IV item.
    IntraEuAnnexIv,
    /// Export covered by EU001.
    Eu001,
    /// Export needing an individual (or global) authorisation.
    IndividualLicence,
}

/// The route of an Annex I `item` in `case` exported from `ms`.
pub fn listed_route(case: &Case, ms: &MemberState, item: &Item) -> ListedRoute {
    let dest = case.destination.code();
    if dest == ms.code {
        ListedRoute::Domestic
    } else if in_union_on(dest, case.as_of) {
        if is_annex_iv(&item.control_code) {
            ListedRoute::IntraEuAnnexIv
        } else {
            ListedRoute::IntraEu
        }
    } else if eu001_bar(case, item).is_none() {
        ListedRoute::Eu001
    } else {
        ListedRoute::IndividualLicence
    }
}

/// Why EU001 does not cover `item` in `case`, or `None` when it does.
pub fn eu001_bar(case: &Case, item: &Item) -> Option<String> {
    let dest = case.destination.code();
    if !in_group(dest, EU001_DESTINATIONS) {
        return Some(format!("{dest} is not an EU001 destination"));
    }
    if eu001_excluded(&item.control_code) {
        return Some(format!(
            "{} is excluded from the Union general export authorisations",
            item.control_code
        ));
    }
    if is_wmd_end_use(case) {
        return Some(
            "EU001 may not be used where the items are or may be intended for a WMD end use"
                .to_string(),
        );
    }
    None
}

/// Whether the EU baseline requires an individual authorisation under
/// Art. 3(1) for `item` (an Annex I item outside EU001 and the Union).
/// Member states hang procedural rules on this (e.g. Denmark's management
/// declaration).
pub fn needs_individual_licence(case: &Case, ms: &MemberState, item: &Item) -> bool {
    classify(item) == ItemClass::AnnexI
        && listed_route(case, ms, item) == ListedRoute::IndividualLicence
}

/// `` `5A001.j` (description) `` for explanations.
pub fn label(item: &Item) -> String {
    if item.description.is_empty() {
        format!("`{}`", item.control_code)
    } else {
        format!("`{}` ({})", item.control_code, item.description)
    }
}

fn end_user_names(case: &Case) -> String {
    let names: Vec<&str> = case.end_users().map(|p| p.name.as_str()).collect();
    names.join(", ")
}

// ----------------------------------------------------------------------------
// The EU baseline.

/// Every EU finding for `case` exported from `ms`, in evaluation order:
/// sanctions, anti-torture, per-item listing and catch-alls, then Art. 15.
/// Empty when no EU rule applies (see [`conclude`]).
pub fn assess(case: &Case, ms: &MemberState) -> Vec<Finding> {
    let mut out = Vec::new();
    freeze(case, &mut out);
    for item in case.items.iter() {
        if excluded_by_note(item) {
            out.push(note_excluded(case, item));
        }
        russia(case, item, &mut out);
        belarus(case, item, &mut out);
        myanmar_military(case, item, &mut out);
        monitoring_sanctions(case, item, &mut out);
        torture(case, item, &mut out);
        match classify(item) {
            ItemClass::Military => military(case, ms, item, &mut out),
            ItemClass::AnnexI => listed(case, ms, item, &mut out),
            ItemClass::NotListed => catch_alls(case, ms, item, &mut out),
        }
    }
    assess_15(case, ms, &mut out);
    out
}

/// Adds `EU-NLR` when `findings` (EU and national) is empty, computes the
/// most restrictive outcome, and attaches a notification condition for
/// catch-all outcomes.
pub fn conclude(case: &Case, ms: &MemberState, mut findings: Vec<Finding>) -> Assessment {
    if findings.is_empty() {
        findings.push(no_licence_required(case, ms));
    }
    let assessment = Assessment::most_restrictive(findings);
    if assessment.outcome == Outcome::CatchAllNotify {
        let authority = ms.authority;
        assessment.with_condition(format!(
            "Notify {authority} of the intended use and do not export until it has decided whether an authorisation is required"
        ))
    } else {
        assessment
    }
}

/// [`assess`] then [`conclude`], for a member state without national rules.
pub fn evaluate(case: &Case, ms: &MemberState) -> Assessment {
    conclude(case, ms, assess(case, ms))
}

/// EU-RU: Reg. 833/2014 Art. 2.
fn russia(case: &Case, item: &Item, out: &mut Vec<Finding>) {
    if classify(item) != ItemClass::AnnexI || !to_or_for_use_in(case, "RU") {
        return;
    }
    let label = label(item);
    if case.as_of >= RU_BLANKET_BAN_FROM {
        out.push(EU_RU.finding(
            Outcome::Prohibited,
            format!(
                "{label} is an Annex I dual-use item going to or for use in Russia; since 2022-02-26 \
                 the sale, supply, transfer or export of any Annex I dual-use item to Russia is \
                 prohibited whatever the end use (case as of {}).",
                case.as_of
            ),
        ));
    } else if EU_RU.applies_on(case.as_of) && case.is_military_end_use() {
        out.push(
            EU_RU
                .finding(
                    Outcome::Prohibited,
                    format!(
                        "{label} is an Annex I dual-use item for military use or a military end user in \
                         Russia; before the 2022-02-26 blanket ban, Art. 2(1) already prohibited dual-use \
                         items for military use or military end users in Russia (case as of {}).",
                        case.as_of
                    ),
                )
                .citing(
                    "Council Regulation (EU) No 833/2014, Art. 2(1) (original version, from 2014-08-01)",
                ),
        );
    }
}

/// EU-BY: Reg. 765/2006 Art. 1e.
fn belarus(case: &Case, item: &Item, out: &mut Vec<Finding>) {
    if classify(item) != ItemClass::AnnexI
        || !to_or_for_use_in(case, "BY")
        || !EU_BY.applies_on(case.as_of)
    {
        return;
    }
    out.push(EU_BY.finding(
        Outcome::Prohibited,
        format!(
            "{} is an Annex I dual-use item going to or for use in Belarus; since 2022-03-02 \
             the supply of Annex I dual-use items to Belarus is prohibited (case as of {}).",
            label(item),
            case.as_of
        ),
    ));
}

/// Whether an end user is Myanmar's military or Border Guard Police.
fn myanmar_military_or_bgp(case: &Case) -> bool {
    case.is_military_end_use()
        || case
            .any_end_user(|p| p.kind == PartyKind::Police && name_contains(&p.name, "Border Guard"))
}

/// EU-MM-MIL: Reg. 401/2013 Art. 3a as inserted by Reg. 2018/647.
fn myanmar_military(case: &Case, item: &Item, out: &mut Vec<Finding>) {
    if classify(item) != ItemClass::AnnexI
        || !to_or_for_use_in(case, "MM")
        || !EU_MM_MIL.applies_on(case.as_of)
        || !myanmar_military_or_bgp(case)
    {
        return;
    }
    out.push(EU_MM_MIL.finding(
        Outcome::Prohibited,
        format!(
            "{} is an Annex I dual-use item for use by the Myanmar military or Border Guard \
             Police (end users: {}); since 2018 the export of dual-use items for their use is \
             prohibited.",
            label(item),
            end_user_names(case)
        ),
    ));
}

/// EU-MM-MON and EU-SY-MON: communications monitoring equipment.
fn monitoring_sanctions(case: &Case, item: &Item, out: &mut Vec<Finding>) {
    if !is_monitoring_equipment(item) {
        return;
    }
    let regime_use = case.any_end_user(|p| p.kind.is_governmental())
        || case.has(RiskFact::ClearRiskInternalRepression);
    let label = label(item);
    if to_or_for_use_in(case, "MM") && EU_MM_MON.applies_on(case.as_of) {
        let (outcome, why) = if regime_use {
            (
                Outcome::Prohibited,
                "the end user is a state body (or a clear risk of internal repression is stipulated), \
                 so authorisation is refused: prohibited",
            )
        } else {
            (
                Outcome::LicenceRequiredCaseByCase,
                "the end user is not a state body, so prior authorisation is required and decided \
                 case by case",
            )
        };
        out.push(EU_MM_MON.finding(
            outcome,
            format!(
                "{label} is equipment for monitoring or interception of communications going to \
                 Myanmar (end users: {}); since 2018 its export needs prior authorisation, which \
                 is not granted where it might be used for internal repression by the Myanmar \
                 government or on its behalf; {why}.",
                end_user_names(case)
            ),
        ));
    }
    if to_or_for_use_in(case, "SY") && EU_SY_MON.applies_on(case.as_of) {
        let (outcome, why) = if regime_use {
            (
                Outcome::Prohibited,
                "the end user is a state body of the Syrian regime (or a clear risk of internal \
                 repression is stipulated), so authorisation is refused: prohibited",
            )
        } else {
            (
                Outcome::LicenceRequiredCaseByCase,
                "the end user is not a state body, so prior authorisation is required and decided \
                 case by case",
            )
        };
        out.push(EU_SY_MON.finding(
            outcome,
            format!(
                "{label} is telecommunications monitoring or interception equipment going to \
                 Syria (end users: {}); its export needs prior authorisation, which is refused \
                 where it would be used for monitoring or interception by the Syrian regime; {why}.",
                end_user_names(case)
            ),
        ));
    }
}

/// EU-FREEZE: parties listed under an EU asset freeze (Reg. 401/2013
/// Annex IV, Reg. 2020/1998 Annex I).
fn freeze(case: &Case, out: &mut Vec<Finding>) {
    for (party, listing) in listed_parties(case, EU_LISTED_PERSONS) {
        out.push(
            EU_FREEZE
                .finding(
                    Outcome::Prohibited,
                    format!(
                        "{} ({}, {}) is listed as {} (from {}): its funds and economic resources \
                         are frozen and none may be made available to it, directly or \
                         indirectly; supplying the goods would make economic resources \
                         available, so the export is prohibited whatever the items.",
                        party.name,
                        party.role,
                        party.country,
                        listing.name(),
                        listing.effective
                    ),
                )
                .citing(listing.policy.citation()),
        );
    }
}

/// EU-NOTE: the case states a note excludes the item from its entry.
fn note_excluded(case: &Case, item: &Item) -> Finding {
    let note = if item.control_code.is_under("4E001") {
        "Note 1 to 4E001 (technology for vulnerability disclosure or cyber-incident response)"
    } else {
        "a note to its entry"
    };
    EU_NOTE
        .finding(
            Outcome::NoLicenceRequired,
            format!(
                "{} is stated to be excluded from {} by {note}: it is not an Annex I item, so \
                 Art. 3(1) does not require an authorisation; the catch-alls for non-listed \
                 items still apply.",
                label(item),
                item.control_code
            ),
        )
        .citing(
            DualUseRegulation::on(case.as_of)
                .cite(&format!("Annex I, entry {} and {note}", item.control_code)),
        )
}

/// Which anti-torture annex `item` is in, and whether that is read from
/// its capabilities (an assumption) rather than stated.
fn torture_annex(item: &Item) -> Option<(ControlList, bool)> {
    for list in [
        ControlList::AntiTortureAnnexIi,
        ControlList::AntiTortureAnnexIii,
        ControlList::AntiTortureAnnexIv,
    ] {
        if item.on_list(list) {
            return Some((list, false));
        }
    }
    if item.has(Capability::TortureImplement) {
        Some((ControlList::AntiTortureAnnexIi, true))
    } else if item.has(Capability::Restraint) || item.has(Capability::ElectricShock) {
        Some((ControlList::AntiTortureAnnexIii, true))
    } else {
        None
    }
}

/// EU-TORTURE: Reg. 2019/125 (codifying Reg. 1236/2005).
fn torture(case: &Case, item: &Item, out: &mut Vec<Finding>) {
    if !leaves_union(case) || !EU_TORTURE.applies_on(case.as_of) {
        return;
    }
    let Some((annex, inferred)) = torture_annex(item) else {
        return;
    };
    let codified = case.as_of >= TORTURE_2019_125_FROM;
    let label = label(item);
    let dest = case.destination.code();
    let finding = match annex {
        ControlList::AntiTortureAnnexIi => EU_TORTURE
            .finding(
                Outcome::Prohibited,
                format!(
                    "{label} is an Annex II good, with no practical use other than capital \
                     punishment or torture; its export from the Union (here to {dest}) is \
                     prohibited whatever its origin."
                ),
            )
            .citing(if codified {
                "Regulation (EU) 2019/125, Art. 3(1) and Annex II"
            } else {
                "Council Regulation (EC) No 1236/2005, Art. 3 and Annex II"
            }),
        ControlList::AntiTortureAnnexIii => {
            let citation = if codified {
                "Regulation (EU) 2019/125, Arts. 11(1), 12(1) and Annex III"
            } else {
                "Council Regulation (EC) No 1236/2005, Arts. 5, 6(1) and Annex III"
            };
            if case.has(RiskFact::TortureUseGrounds) {
                EU_TORTURE
                    .finding(
                        Outcome::Deny,
                        format!(
                            "{label} is an Annex III good (law-enforcement equipment that could be \
                             used for torture or ill-treatment); its export to {dest} needs an \
                             authorisation, and there are reasonable grounds to believe it might \
                             be used for torture or other cruel, inhuman or degrading treatment, \
                             so the authority shall not grant it."
                        ),
                    )
                    .citing(citation)
            } else {
                EU_TORTURE
                    .finding(
                        Outcome::LicenceRequiredCaseByCase,
                        format!(
                            "{label} is an Annex III good (law-enforcement equipment that could be \
                             used for torture or ill-treatment); its export to {dest} needs an \
                             authorisation, decided case by case; the authority must refuse it on \
                             reasonable grounds to believe in a use for torture, which the case \
                             does not state."
                        ),
                    )
                    .citing(citation)
            }
        }
        _ => EU_TORTURE
            .finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{label} is an Annex IV good (could be used for capital punishment); its \
                     export to {dest} needs an authorisation, decided case by case."
                ),
            )
            .citing("Regulation (EU) 2019/125, Art. 16 and Annex IV"),
    };
    out.push(if inferred {
        finding.assuming(
            "the annex is read from the item's capabilities (torture-implement as Annex II; \
             restraint and electric-shock as Annex III: leg irons, gang chains, shackles, portable \
             electric-shock devices); Annex II devices such as electric-shock belts cannot be \
             told apart by capability [VERIFY entries]",
        )
    } else {
        finding
    });
}

/// Military-list items: national arms-export licence under Common Position
/// 2008/944/CFSP; EU-CP2 mandatory denial; arms embargoes.
fn military(case: &Case, ms: &MemberState, item: &Item, out: &mut Vec<Finding>) {
    let dest = case.destination.code();
    let label = label(item);
    let rca = is_riot_control_agent(item);
    let with_rca = |f: Finding| {
        if rca {
            f.also_assuming(RIOT_CONTROL_ASSUMPTION)
        } else {
            f
        }
    };
    if dest == ms.code {
        out.push(domestic(case, ms, item));
        return;
    }
    if in_union_on(dest, case.as_of) {
        out.push(with_rca(
            EU_ML
                .finding(
                    Outcome::LicenceRequiredCaseByCase,
                    format!(
                        "{label} is on the Common Military List; its transfer from {} to {dest} needs a \
                         transfer licence (general, global or individual) from {}.",
                        ms.name, ms.military_authority
                    ),
                )
                .citing(
                    "Directive 2009/43/EC, Art. 4 (intra-Community transfers of defence-related products), as transposed",
                ),
        ));
        return;
    }
    let mut embargo_note = String::new();
    match arms_embargo(dest, case.as_of) {
        Some(Embargo::Government) => out.push(EU_ARMS_EMBARGO.finding(
            Outcome::Prohibited,
            format!(
                "{label} is on the Common Military List and {dest} is under an EU arms embargo on \
                 the country as a whole; arms exports to it are prohibited."
            ),
        )),
        Some(Embargo::Targeted) => {
            if case.any_end_user(|p| !p.kind.is_governmental()) {
                out.push(EU_ARMS_EMBARGO.finding(
                    Outcome::Prohibited,
                    format!(
                        "{label} is on the Common Military List and {dest} is under a targeted arms \
                         embargo on non-state or listed actors; an end user here is not a state \
                         body ({}), so supply to it falls under the embargo (derogations for \
                         supply authorised by the government are not modelled).",
                        end_user_names(case)
                    ),
                ));
            } else {
                embargo_note = format!(
                    " {dest} is under a targeted arms embargo on non-state or listed actors only; \
                     the end users are state bodies, so the embargo does not prohibit this export."
                );
            }
        }
        None if dest == "CN" => {
            embargo_note = format!(
                " For China, the {CN_1989_DECLARATION} is a political commitment that member \
                 states apply in this decision; it is not a Council decision and does not \
                 prohibit the export."
            );
        }
        None => {}
    }
    let hr: Vec<&str> = human_rights_facts(case).map(RiskFact::as_str).collect();
    let caution = if case.has(RiskFact::SeriousViolationsEstablished) {
        " Competent UN, Council of Europe or EU bodies have established serious violations of \
         human rights in the destination, so Criterion Two (b) calls for special caution and \
         vigilance."
    } else {
        ""
    };
    let ml = EU_ML.finding(
        Outcome::LicenceRequiredCaseByCase,
        format!(
            "{label} is on the Common Military List; its export from {} to {dest} needs an arms \
             export licence from {}, assessed against the eight criteria of the Common Position \
             (human-rights facts stated: {}).{caution}{embargo_note}",
            ms.name,
            ms.military_authority,
            if hr.is_empty() {
                "none".to_string()
            } else {
                hr.join(", ")
            }
        ),
    );
    out.push(with_rca(if dest == "CN" {
        ml.also_assuming(
            "the 1989 declaration on China read as a policy consideration, not a prohibition \
             [VERIFY national practice]",
        )
    } else if embargo_note.is_empty() {
        ml
    } else {
        ml.also_assuming(EMBARGO_ASSUMPTION)
    }));
    if case.has(RiskFact::ClearRiskInternalRepression) {
        out.push(with_rca(EU_CP2.finding(
            Outcome::Deny,
            format!(
                "{label} is a military-list item and there is a clear risk it might be used for \
                 internal repression in {dest} (end users: {}); Criterion Two (a) obliges member \
                 states to deny the export licence.",
                end_user_names(case)
            ),
        ).citing("Common Position 2008/944/CFSP, Art. 2, Criterion Two (a)")));
    }
    if case.has(RiskFact::ClearRiskSeriousIhlViolation) {
        out.push(with_rca(EU_CP2.finding(
            Outcome::Deny,
            format!(
                "{label} is a military-list item and there is a clear risk it might be used in \
                 the commission of serious violations of international humanitarian law in {dest} \
                 (end users: {}); Criterion Two (c) obliges member states to deny the export \
                 licence.",
                end_user_names(case)
            ),
        ).citing("Common Position 2008/944/CFSP, Art. 2, Criterion Two (c)")));
    }
}

fn domestic(case: &Case, ms: &MemberState, item: &Item) -> Finding {
    EU_INTRA
        .finding(
            Outcome::NoLicenceRequired,
            format!(
                "{} stays in {}: the destination is the exporting member state itself, so there is no \
                 export or intra-Union transfer to authorise.",
                label(item),
                ms.name
            ),
        )
        .citing(DualUseRegulation::on(case.as_of).cite("Art. 2(2) (definition of export)"))
}

/// Annex I dual-use items: EU-INTRA, EU-INTRA-IV, EU001, EU-LIST.
fn listed(case: &Case, ms: &MemberState, item: &Item, out: &mut Vec<Finding>) {
    let reg = DualUseRegulation::on(case.as_of);
    let dest = case.destination.code();
    let label = label(item);
    match listed_route(case, ms, item) {
        ListedRoute::Domestic => out.push(domestic(case, ms, item)),
        ListedRoute::IntraEu => out.push(
            EU_INTRA
                .finding(
                Outcome::NoLicenceRequired,
                format!(
                    "{label} is an Annex I dual-use item but {dest} is an EU member state and the \
                     item is not in Annex IV, so its transfer from {} within the Union needs no \
                     authorisation.",
                    ms.name
                ),
            )
            .citing(reg.cite(reg.art_intra()))
            .assuming(ANNEX_IV_ASSUMPTION),
        ),
        ListedRoute::IntraEuAnnexIv => out.push(
            EU_INTRA_IV
                .finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{label} is listed in Annex IV, so even its transfer from {} to {dest}, an EU \
                     member state, needs an authorisation from {}.",
                    ms.name, ms.authority
                ),
            )
            .citing(reg.cite(reg.art_intra())),
        ),
        ListedRoute::Eu001 => out.push(
            EU001
                .finding(
                Outcome::LicenceException,
                format!(
                    "{label} is an Annex I dual-use item, so its export needs an authorisation \
                     (Art. 3(1)); {dest} is an EU001 destination, the item is not excluded and no \
                     WMD end use is stated, so the Union General Export Authorisation EU001 covers \
                     it (registration with {} and its reporting conditions apply).",
                    ms.authority
                ),
            )
            .citing(reg.cite(reg.art_eu001())),
        ),
        ListedRoute::IndividualLicence => {
            let why_not_eu001 = eu001_bar(case, item).unwrap_or_default();
            out.push(
                EU_LIST
                    .finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{label} is an Annex I dual-use item exported from {} to {dest}, outside the \
                     Union ({why_not_eu001}), so it needs an individual or global export \
                     authorisation from {}. The authority decides case by case, taking into account \
                     under {} all relevant considerations, including the human-rights \
                     considerations of Common Position 2008/944/CFSP; these are considerations, \
                     not a mandatory bar, for dual-use items.",
                    ms.name,
                    ms.authority,
                    reg.art_assess()
                ),
                    )
                    .citing(format!("{}; {}", reg.cite(reg.art_list()), reg.art_assess())),
            );
        }
    }
}

/// Non-listed items: EU-CATCHALL-4 and EU-CYBER-5.
fn catch_alls(case: &Case, ms: &MemberState, item: &Item, out: &mut Vec<Finding>) {
    if !leaves_union(case) {
        return;
    }
    let reg = DualUseRegulation::on(case.as_of);
    let dest = case.destination.code();
    let label = label(item);
    let informed = case.notified(NoticeBasis::EuDualUseArt4, ms.code)
        || case.has(RiskFact::ExporterInformedByAuthority);
    let wmd = is_wmd_end_use(case);
    let military = is_defined_military_end_use(case) && arms_embargo(dest, case.as_of).is_some();
    for (triggered, is_wmd, purpose) in [
        (
            wmd,
            true,
            "for use in connection with weapons of mass destruction or their delivery",
        ),
        (
            military,
            false,
            "for a military end use (incorporation into military items, or their production, testing or \
             maintenance) in a destination under an arms embargo",
        ),
    ] {
        if !triggered {
            continue;
        }
        let finding = if informed {
            EU_CATCHALL_4
                .finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{label} is not listed in Annex I, but the authority has informed the exporter \
                     that it is or may be intended {purpose} ({dest}); an authorisation is \
                     required, decided case by case."
                ),
            )
            .citing(reg.cite(reg.art_catchall_informed(is_wmd)))
        } else {
            EU_CATCHALL_4
                .finding(
                    Outcome::CatchAllNotify,
                    format!(
                        "{label} is not listed in Annex I, but the stated facts make the exporter \
                     aware that it is intended {purpose} ({dest}); the exporter must notify the \
                     authority, which decides whether to require an authorisation."
                    ),
                )
                .citing(reg.cite(reg.art_catchall_aware()))
        };
        out.push(finding);
    }
    let cyber = cyber_surveillance(item);
    if let (true, Some(how)) = (EU_CYBER_5_1.applies_on(case.as_of), cyber) {
        let flag = |f: Finding| match how {
            CyberSurveillance::Stated => f,
            CyberSurveillance::Inferred => f.also_assuming(CYBER_INFERRED_ASSUMPTION),
        };
        if case.notified(NoticeBasis::EuDualUseArt5, ms.code) {
            out.push(flag(EU_CYBER_5_1.finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{label} is a non-listed cyber-surveillance item and the authority has informed \
                     the exporter that it is or may be intended for use in connection with internal \
                     repression or serious violations of human rights or international humanitarian \
                     law in {dest}; an authorisation is required (catch-all), decided case by case."
                ),
            )));
        } else if case.has(RiskFact::ExporterAwareOfMisuse) {
            out.push(flag(EU_CYBER_5_2.finding(
                Outcome::CatchAllNotify,
                format!(
                    "{label} is a non-listed cyber-surveillance item and the exporter is aware from \
                     its due diligence that it is intended for internal repression or serious \
                     human-rights or humanitarian-law violations in {dest}; it must notify the \
                     authority, which decides whether to require an authorisation."
                ),
            )));
        }
    }
}

/// EU-ASSESS-15: the human-rights consideration of Art. 15(1)(c) (Art. 12(1)(b)
/// of 428/2009), as a finding of its own when a human-rights fact is stated
/// and a dual-use licence decision is pending.
fn assess_15(case: &Case, ms: &MemberState, out: &mut Vec<Finding>) {
    let pending = out.iter().any(|f| {
        LICENCE_DECISIONS.iter().any(|rule| f.is(rule))
            && f.outcome == Outcome::LicenceRequiredCaseByCase
    });
    if !pending {
        return;
    }
    let hr: Vec<&str> = human_rights_facts(case).map(RiskFact::as_str).collect();
    if hr.is_empty() {
        return;
    }
    let reg = DualUseRegulation::on(case.as_of);
    let point = match reg {
        DualUseRegulation::Reg428_2009 => "Art. 12(1)(b)",
        DualUseRegulation::Reg2021_821 => "Art. 15(1)(c)",
    };
    let clear_risk = if case.has(RiskFact::ClearRiskInternalRepression) {
        " For a military-list item the clear risk of internal repression would oblige refusal \
         (Criterion Two (a)); for a dual-use item it is a weighty consideration in the case-by-case \
         decision, not a mandatory ground for refusal."
    } else {
        ""
    };
    out.push(
        EU_ASSESS_15
            .finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "The dual-use authorisation for {} is decided by {} taking into account the \
                     human-rights considerations of Common Position 2008/944/CFSP; stated facts: {}.{clear_risk}",
                    case.destination,
                    ms.authority,
                    hr.join(", ")
                ),
            )
            .citing(format!(
                "{}; Common Position 2008/944/CFSP, Art. 2, Criterion Two",
                reg.cite(point)
            )),
    );
}

/// The `EU-NLR` finding, naming why nothing applied.
fn no_licence_required(case: &Case, ms: &MemberState) -> Finding {
    let reg = DualUseRegulation::on(case.as_of);
    let dest = case.destination.code();
    let mut reasons: Vec<String> = Vec::new();
    for item in case.items.iter() {
        let mut r = format!(
            "{} is not listed in Annex I or the Common Military List",
            label(item)
        );
        if leaves_union(case) && cyber_surveillance(item).is_some() {
            if reg == DualUseRegulation::Reg428_2009 {
                r.push_str(&format!(
                    "; it is a cyber-surveillance item, but the Art. 5 catch-all of Regulation \
                     (EU) 2021/821 only applies from {REG_2021_821_APPLIES} and Regulation (EC) \
                     No 428/2009, applicable on {}, had none",
                    case.as_of
                ));
            } else {
                r.push_str(
                    "; it is a cyber-surveillance item, but the exporter has neither been informed \
                     by the authority nor is aware of an intended use for internal repression or \
                     serious violations, so Art. 5 is not triggered",
                );
            }
        }
        reasons.push(r);
    }
    let scope = if leaves_union(case) {
        let china = if dest == "CN" {
            " (China's 1989 declaration is not such an embargo)"
        } else {
            ""
        };
        format!(
            "no catch-all applies (no WMD end use; no defined military end use in a destination \
             under an arms embargo{china}; a military end user alone is not a military end use), \
             no sanction covers the goods for {dest}"
        )
    } else {
        format!("{dest} is in the Union, where the catch-alls, which govern exports, do not apply")
    };
    EU_NLR
        .finding(
            Outcome::NoLicenceRequired,
            format!(
                "No licence from {} is required: {}; {scope}; national rules of {} considered: {}.",
                ms.authority,
                reasons.join("; "),
                ms.name,
                ms.national_rules
            ),
        )
        .citing(reg.cite(match reg {
            DualUseRegulation::Reg428_2009 => "Arts. 3 and 4 (not engaged)",
            DualUseRegulation::Reg2021_821 => "Arts. 3, 4 and 5 (not engaged)",
        }))
}

/// The EU sources every member-state module cites.
pub fn sources() -> Vec<Source> {
    [
        ("Regulation (EU) 2021/821 (Dual-Use Regulation), primary", "https://eur-lex.europa.eu/eli/reg/2021/821/oj/eng"),
        ("Regulation (EU) 2021/821, Art. 3, primary", "https://reachlex.eu/en/dual-use/chapter-ii-scope-article-3"),
        ("Regulation (EU) 2021/821, Art. 5 (DE), primary", "https://gesetze.legal/eu/vo_eu_2021_821/5"),
        ("Regulation (EU) 2021/821, Art. 15 (DE), primary", "https://gesetze.legal/eu/vo_eu_2021_821/15"),
        ("Council Regulation (EC) No 428/2009, primary", "https://eur-lex.europa.eu/eli/reg/2009/428/oj"),
        ("Art. 4 catch-all in the predecessor Regulation 1334/2000, primary", "https://legislation.gov.uk/eur/2000/1334/article/4/2009-01-02/data.xht"),
        ("Commission Recommendation (EU) 2024/2659 (cyber-surveillance guidelines), primary", "https://eur-lex.europa.eu/eli/reco/2024/2659"),
        ("Common Position 2008/944/CFSP, consolidated, primary", "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX%3A02008E0944-20190917"),
        ("Regulation (EU) 2019/125 (anti-torture goods), primary", "https://legalize.dev/eu/law/32019R0125"),
        ("Council Regulation (EU) No 833/2014 (Russia), consolidated, primary", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A02014R0833-20230427"),
        ("Council Regulation (EU) 2022/355 (Belarus), primary", "https://eur-lex.europa.eu/eli/reg/2022/355/oj"),
        ("Council Decision (CFSP) 2018/655 (Myanmar/Burma), primary", "https://eur-lex.europa.eu/legal-content/EN/AUTO/?uri=uriserv:OJ.L_.2018.108.01.0029.01.ENG"),
        ("Council Decision 2013/184/CFSP (Myanmar/Burma), primary", "https://api.respectus.eu/docs/decision-2013184-myanmar"),
        ("EU strengthens Myanmar arms embargo (Reg. 2018/647), secondary", "https://www.internationaltradecomplianceupdate.com/2018/04/30/eu-myanmar-burma-eu-strengthens-arms-embargo-and-adopts-framework-against-serious-human-rights-violations/"),
        ("Council Regulation (EU) No 36/2012 (Syria), primary", "https://www.legislation.gov.uk/eur/2012/36/2013-12-15?view=plain+extent"),
        ("Information note on national measures, C/2024/5881, primary", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A52024XC05881"),
    ]
    .into_iter()
    .map(|(title, url)| Source::new(title, url))
    .collect()
}

/// A member state's module info: EU sources followed by `national` ones;
/// the law stated for cases dated `stated_from` to 1 January 2025.
pub fn module_info(
    ms: &MemberState,
    version: &str,
    stated_from: Date,
    national: &[(&str, &str)],
) -> ModuleInfo {
    let mut sources = sources();
    sources.extend(national.iter().map(|(t, u)| Source::new(*t, *u)));
    ModuleInfo {
        jurisdiction: ms.code.to_string(),
        name: format!(
            "{}: EU dual-use, anti-torture and sanctions law with national rules",
            ms.name
        ),
        authority: ms.authority.to_string(),
        version: version.to_string(),
        stated_for: Period::new(stated_from, Date::ymd(2025, 1, 1)),
        sources,
        rules: Vec::new(),
        commitments: echri_sdk::conduct::declarations(
            "Cyber-surveillance items not listed need a licence where the exporter is informed \
             of, or aware of, an intended use in internal repression or serious violations \
             (Art. 5), and every licence decision takes human rights into account (Art. 15, \
             Common Position Criterion Two)",
            "Regulation (EU) 2021/821, Arts. 5 and 15; Council Common Position 2008/944/CFSP, \
             Criterion Two",
        ),
    }
}

#[cfg(test)]
mod tests;
