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
//! - `UK-MEU`: the military end-use catch-all of the assimilated Regulation
//!   428/2009 (art. 4(2), (4)): a non-listed item for a defined military end
//!   use in an arms-embargoed destination (notify; licence when informed).
//! - `UK-12A`: from 19 May 2022, art. 12A of the Export Control Order (SI
//!   2022/491): a licence for a non-listed item once the Secretary of State has
//!   informed the exporter that it may be for the military, police or security
//!   forces of an embargoed destination; the end user's kind alone is not
//!   enough.
//! - `UK-SANCT-ARMS`: the UK sanctions arms bans (Iran, DPRK, Venezuela and
//!   the other regimes with a military-goods prohibition) and Criterion 1.
//! - `UK-TORTURE`: the retained anti-torture Regulation 2019/125 (Annex II
//!   prohibited; Annex III licensable, refused under art. 12).
//! - `UK-NOTE`: an item a note excludes from its Annex I entry (Note 1 to
//!   4E001) is not listed.
//! - `UK-C2`: Criterion 2 — the Government will not grant a licence if there is
//!   a clear risk the items might be used to commit or facilitate internal
//!   repression (2(a)) or serious violations of international humanitarian law
//!   (2(c)): a mandatory refusal (`Deny`) for every item that needs an
//!   individual licence.
//! - `UK-RU`, `UK-MM`: Russia and Myanmar sanctions trade prohibitions.
//! - `UK-NO-ART5`: the UK did not adopt Art. 5 of Regulation (EU) 2021/821, so a
//!   non-listed cyber-surveillance item needs no licence unless the military
//!   end-use controls or a sanctions regime catch it.
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
const CITE_MEU: &str = "Assimilated Regulation (EC) 428/2009 art. 4(2) and 4(4) (military end-use catch-all for arms-embargoed destinations); Export Control Order 2008 (SI 2008/3231)";
const CITE_12A: &str = "Export Control Order 2008 (SI 2008/3231) art. 12A, inserted by the Export Control (Amendment) Order 2022 (SI 2022/491) art. 2(3), in force 19 May 2022";
const CITE_SANCT_ARMS: &str = "UK sanctions regulations for the destination (military goods prohibitions, e.g. Iran (Sanctions) Regulations 2023, Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019, Venezuela (Sanctions) (EU Exit) Regulations 2019; before 1 Jan 2021 the EU arms embargoes); Strategic Export Licensing Criteria, Criterion 1";
const CITE_TORTURE: &str = "Regulation (EU) 2019/125 as assimilated law in Great Britain (Annex II prohibited, art. 3; Annex III authorisation, arts. 11-12; Annex IV, art. 16); Export Control Order 2008";
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

/// UK-MEU: the military end-use catch-all of the assimilated Regulation
/// 428/2009 (art. 4(2), (4)) catches a non-listed item for a defined military
/// end use in an arms-embargoed destination.
pub const UK_MEU: Rule = Rule::new(
    "UK-MEU",
    "Non-listed item for a military end use in an arms-embargoed destination: notify or licence",
    CITE_MEU,
)
.assuming("the military end-use category or fact stands for one of the defined military end uses (incorporation into military items; their production, testing or maintenance) and for the exporter's awareness (art. 4(4): notify); exporter-informed-by-authority for the authority's notice (art. 4(2): licence); arms-embargoed destinations per UK_ARMS_EMBARGOED and UK_TARGETED_EMBARGOES, China not included [VERIFY against the UK sanctions regimes and ECO Sch. 4]");

/// UK-12A: the military end-use control supplementing the dual-use
/// Regulation (ECO art. 12A, SI 2022/491): licence where the Secretary of
/// State has informed the exporter.
pub const UK_12A: Rule = Rule::new(
    "UK-12A",
    "Non-listed item, Secretary of State's art. 12A notice (military, police or security forces of an embargoed destination): licence",
    CITE_12A,
)
.applying_from(ART_12A_FROM)
.assuming("the case's notice with basis uk-eco-art12a from GB stands for the Secretary of State having informed the exporter under art. 12A(1)(a); an exporter's own knowledge without a notice is not modelled as a trigger [VERIFY whether the Order adds an awareness duty]");

/// UK-SANCT-ARMS: UK sanctions arms bans (and Criterion 1).
pub const UK_SANCT_ARMS: Rule = Rule::new(
    "UK-SANCT-ARMS",
    "Military goods to a destination under a UK sanctions arms embargo (or to a targeted actor): prohibited",
    CITE_SANCT_ARMS,
)
.assuming("UK arms embargoes as in UK_ARMS_EMBARGOED (whole country: BY, CF to 2024-07-29, IR, KP, LY, SD, SO to 2023-11-30, SS, SY, VE, ZW; Russia and Myanmar under UK-RU, UK-MM) and UK_TARGETED_EMBARGOES (AF, CD, IQ, LB, YE; CF and SO after those dates: supply to non-governmental end users only); regulation names and dates [VERIFY]; licensing exceptions not modelled");

/// UK-TORTURE: the retained anti-torture Regulation 2019/125.
pub const UK_TORTURE: Rule = Rule::new(
    "UK-TORTURE",
    "Torture goods prohibited; Annex III goods need a licence, refused on reasonable grounds",
    CITE_TORTURE,
);

/// UK-FREEZE: a party designated under a UK asset freeze.
pub const UK_FREEZE: Rule = Rule::new(
    "UK-FREEZE",
    "Party designated under a UK asset freeze: making goods available prohibited",
    "Global Human Rights Sanctions Regulations 2020 (SI 2020/680), Part 3 (asset freeze; making funds or economic resources available to a designated person)",
)
.assuming("supplying goods to a designated person (any role) is making economic resources available to it; licences and exceptions not modelled; designations as in UK_DESIGNATED (MEHL from 2021-03-25, MEC from 2021-04-01, UK press releases) [VERIFY regulation numbers]; names matched by echri_sdk::listing");

/// Persons designated under the UK Global Human Rights sanctions regime
/// that the module models (UK press releases of 25 March and 1 April 2021).
pub const UK_DESIGNATED: &[Listing<&str>] = &[
    Listing {
        names: &[
            "Myanmar Economic Holdings Public Company Limited",
            "Myanmar Economic Holdings",
        ],
        country: "MM",
        effective: Date::ymd(2021, 3, 25),
        policy: "Global Human Rights sanctions regime (designation of 25 March 2021)",
    },
    Listing {
        names: &["Myanmar Economic Corporation"],
        country: "MM",
        effective: Date::ymd(2021, 4, 1),
        policy: "Global Human Rights sanctions regime (designation of 1 April 2021)",
    },
];

/// UK-NOTE: an item excluded from its Annex I entry by a note.
pub const UK_NOTE: Rule = Rule::new(
    "UK-NOTE",
    "Item excluded from its Annex I entry by a note: not listed",
    "Assimilated Regulation (EC) 428/2009, Annex I (notes to the entries, e.g. Note 1 to 4E001)",
)
.assuming("the case's excluded-by-note attribute is read as the note applying (for 4E001: Note 1, vulnerability disclosure or cyber-incident response)");

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
    UK_12A,
    UK_C2,
    UK_SANCT_ARMS,
    UK_TORTURE,
    UK_NOTE,
    UK_FREEZE,
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
/// ECO art. 12A (SI 2022/491 art. 2(3)) in force: 19 May 2022.
const ART_12A_FROM: Date = Date::ymd(2022, 5, 19);
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

/// Destinations under a UK arms embargo on the whole country (its
/// government included): the UK sanctions regimes with a military-goods
/// prohibition (before 1 January 2021 the EU arms embargoes, which applied in
/// the UK). Russia and Myanmar are here too (their bans are `UK-RU` and
/// `UK-MM`). China is not: the 1989 embargo is a political declaration, not
/// a sanctions regime. Stated as of 2025-01-01 \[VERIFY\]; CF and SO are
/// narrowed to targeted embargoes on the dates of `EMBARGO_NARROWED`.
pub const UK_ARMS_EMBARGOED: &[&str] = &[
    "BY", "CF", "IR", "KP", "LY", "MM", "RU", "SD", "SO", "SS", "SY", "VE", "ZW",
];

/// Destinations under a targeted arms embargo on non-state or listed actors
/// only (policy review, Dec 2026, point 12): Afghanistan, the DR Congo,
/// Iraq, Lebanon and Yemen. Supply to the government is not prohibited.
pub const UK_TARGETED_EMBARGOES: &[&str] = &["AF", "CD", "IQ", "LB", "YE"];

/// Embargoes narrowed to non-state actors on the date given (UNSC 2745 (2024)
/// for the Central African Republic, UNSC 2714 (2023) for Somalia), the UK
/// taken to follow the same day \[VERIFY\].
const EMBARGO_NARROWED: &[(&str, Date)] = &[
    ("CF", Date::ymd(2024, 7, 30)),
    ("SO", Date::ymd(2023, 12, 1)),
];

/// The scope of a UK arms embargo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Embargo {
    Government,
    Targeted,
}

fn arms_embargo(country: &str, date: Date) -> Option<Embargo> {
    if EMBARGO_NARROWED
        .iter()
        .any(|(c, from)| *c == country && date >= *from)
        || in_group(country, UK_TARGETED_EMBARGOES)
    {
        Some(Embargo::Targeted)
    } else if in_group(country, UK_ARMS_EMBARGOED) {
        Some(Embargo::Government)
    } else {
        None
    }
}

/// The US ECCN 1A984 (tear-gas formulations of 1 % or less CS/CN) read as
/// riot-control agents of ML7.e of the UK Military List \[VERIFY\].
const RIOT_CONTROL_AGENT_CODES: &[&str] = &["1A984"];
const RIOT_CONTROL_ASSUMPTION: &str = "a tear-gas or riot-control agent stated under the US ECCN 1A984 (CS/CN formulations) is read as ML7.e of the UK Military List (riot-control agents; not agents individually packaged for personal self-defence) [VERIFY]";

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

/// Whether the case states a defined military end use (the end-use
/// category or fact); a military end user alone is not one.
fn defined_military_end_use(case: &Case) -> bool {
    case.end_use.category == EndUseCategory::Military || case.has(RiskFact::MilitaryEndUse)
}

fn is_riot_control_agent(item: &Item) -> bool {
    item.control_code.is_under_any(RIOT_CONTROL_AGENT_CODES)
}

/// Whether the item is on the UK Military List (incl. the ML7.e reading of
/// 1A984).
fn is_military_item(item: &Item) -> bool {
    item.control_code.is_military() || is_riot_control_agent(item)
}

/// Whether the case states a note excludes the item from its Annex I entry.
fn excluded_by_note(item: &Item) -> bool {
    item.control_code.is_multilateral_dual_use() && item.is(ItemAttribute::ExcludedByNote)
}

/// The PL5001 (security and para-military goods) entry of the item, if any.
fn pl5001(item: &Item) -> Option<&str> {
    item.other_lists
        .iter()
        .find(|e| e.list == ControlList::National && e.entry.starts_with("PL5001"))
        .map(|e| e.entry.as_str())
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
    /// Not listed, the exporter must notify (military end-use awareness).
    Notify,
    /// Not listed, not caught.
    Free,
}

// --- rules ---------------------------------------------------------------

/// UK-LIST, UK-GEA, UK-INTRA-EU and UK-MEU for one item.
fn item_rule(case: &Case, item: &Item) -> (ItemStatus, Option<Finding>) {
    let dest = case.destination.code();
    let code = &item.control_code;
    if is_military_item(item) {
        let mut expl = format!(
            "{} is on the UK Military List (Schedule 2 to the Export Control Order 2008); an individual licence is required for export to {dest}, assessed case by case against the Strategic Export Licensing Criteria",
            describe(item)
        );
        caution_note(case, &mut expl);
        return (
            ItemStatus::Listed,
            Some({
                let f = UK_LIST
                    .finding(Outcome::LicenceRequiredCaseByCase, expl)
                    .citing(CITE_LIST_MILITARY);
                if is_riot_control_agent(item) {
                    f.assuming(RIOT_CONTROL_ASSUMPTION)
                } else {
                    f
                }
            }),
        );
    }
    if let (false, Some(entry)) = (code.is_multilateral_dual_use(), pl5001(item)) {
        let mut expl = format!(
            "{} is a PL5001 good (security and para-military goods, {entry}) in Schedule 3 to the Export Control Order 2008; an individual licence is required for export to {dest}, assessed case by case against the Strategic Export Licensing Criteria",
            describe(item)
        );
        caution_note(case, &mut expl);
        return (
            ItemStatus::Listed,
            Some(
                UK_LIST
                    .finding(Outcome::LicenceRequiredCaseByCase, expl)
                    .citing("Export Control Order 2008 (SI 2008/3231) art. 3 and Sch. 3, entry PL5001; Strategic Export Licensing Criteria"),
            ),
        );
    }
    if code.is_multilateral_dual_use() && !excluded_by_note(item) {
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
                .assuming("the open general export licence for dual-use items to EU member states is taken to cover every Annex I item outside Annex IV of the assimilated Regulation (the sensitive items), and the item is taken to be outside Annex IV; its other conditions (registration, records) are taken to be met [VERIFY scope]")),
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
    // Not listed: only the military end-use controls can catch it.
    let embargo = arms_embargo(dest, case.as_of);
    if case.as_of >= ART_12A_FROM && case.notified(NoticeBasis::UkEcoArt12a, "GB") {
        return (
            ItemStatus::Meu,
            Some(UK_12A.finding(
                Outcome::LicenceRequiredCaseByCase,
                format!(
                    "{} is not on a UK control list, but the Secretary of State has informed the exporter that it is or may be intended for use by the military, para-military, police, security or intelligence services of an embargoed destination ({dest}; end users: {}); under art. 12A a licence is required, decided case by case",
                    describe(item),
                    end_user_names(case)
                ),
            )),
        );
    }
    if defined_military_end_use(case) && embargo.is_some() {
        let informed = case.has(RiskFact::ExporterInformedByAuthority);
        let finding = UK_MEU.finding(
            if informed {
                Outcome::LicenceRequiredCaseByCase
            } else {
                Outcome::CatchAllNotify
            },
            format!(
                "{} is not on a UK control list, but {dest} is under an arms embargo and the stated end use is military; {}",
                describe(item),
                if informed {
                    "the authority has informed the exporter, so a licence is required (art. 4(2)), decided case by case"
                } else {
                    "the exporter, aware of it, must notify the Export Control Joint Unit, which decides whether a licence is required (art. 4(4))"
                }
            ),
        );
        return (
            if informed {
                ItemStatus::Meu
            } else {
                ItemStatus::Notify
            },
            Some(finding),
        );
    }
    (ItemStatus::Free, None)
}

/// Why art. 12A is not engaged, for explanations of non-listed items to the
/// security forces of an embargoed destination.
fn no_12a_note(case: &Case) -> String {
    let dest = case.destination.code();
    let relevant = case.any_end_user(|p| p.kind.is_security_force())
        && (arms_embargo(dest, case.as_of).is_some() || dest == "CN");
    if !relevant {
        return String::new();
    }
    if case.as_of < ART_12A_FROM {
        format!(
            "; the end user is a security force of {dest}, but on {} art. 12A of the Export Control Order (SI 2022/491) was not yet in force (from 19 May 2022)",
            case.as_of
        )
    } else {
        format!(
            "; the end user is a security force of {dest}, but art. 12A requires a licence only once the Secretary of State has informed the exporter, and the case states no such notice"
        )
    }
}

/// Criterion 2(b): special caution where serious violations are established.
fn caution_note(case: &Case, expl: &mut String) {
    if case.has(RiskFact::SeriousViolationsEstablished) {
        expl.push_str("; serious violations of human rights identified by competent bodies of the UN, the Council of Europe or the EU call for special caution and vigilance (Criterion 2(b)), but without a determination of clear risk there is no mandatory refusal");
    }
}

/// UK-C2: mandatory refusal on a clear risk of internal repression.
fn criterion_two(case: &Case, licensable: &[&Item]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    if licensable.is_empty() {
        return out;
    }
    if case.has(RiskFact::ClearRiskSeriousIhlViolation) && case.as_of >= SELC_2021 {
        out.push(UK_C2.finding(
            Outcome::Deny,
            format!(
                "a licence is required for {} to {} and there is a clear risk the items might be used to commit or facilitate a serious violation of international humanitarian law; under Criterion 2(c) of the Strategic Export Licensing Criteria (2021) the Government will not grant the licence",
                licensable.iter().map(|i| i.control_code.to_string()).collect::<Vec<_>>().join(", "),
                case.destination
            ),
        ).citing("Strategic Export Licensing Criteria, Criterion 2(c) (written statement HLWS437, 8 Dec 2021)"));
    }
    if !case.has(RiskFact::ClearRiskInternalRepression) {
        return out;
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
    out.push(if case.as_of < SELC_2021 {
        f.assuming("before 8 Dec 2021 the Consolidated Criteria carried the same Criterion 2(a) clear-risk refusal test (narrower definition of internal repression not modelled)")
    } else {
        f
    });
    out
}

/// UK-SANCT-ARMS for one item: military goods under a UK sanctions arms
/// embargo (Russia and Myanmar are `UK-RU`, `UK-MM`).
fn sanctions_arms(case: &Case, item: &Item) -> Option<Finding> {
    let dest = case.destination.code();
    if !is_military_item(item) || dest == "RU" || dest == "MM" {
        return None;
    }
    let why = match arms_embargo(dest, case.as_of)? {
        Embargo::Government => {
            format!("{dest} is under a UK arms embargo on the country as a whole")
        }
        Embargo::Targeted if case.any_end_user(|p| !p.kind.is_governmental()) => format!(
            "{dest} is under a targeted arms embargo on non-state or listed actors and an end user is not a state body ({})",
            end_user_names(case)
        ),
        Embargo::Targeted => return None,
    };
    Some(UK_SANCT_ARMS.finding(
        Outcome::Prohibited,
        format!(
            "{} is a military good and {why}: its export is prohibited by the sanctions regulations, and Criterion 1 (international obligations, arms embargoes) bars a licence",
            describe(item)
        ),
    ))
}

/// UK-TORTURE for one item: the retained Regulation 2019/125; before 2021
/// the EU Regulation itself, which applied in the UK (exports to member
/// states were then intra-Union and are not caught).
fn torture(case: &Case, item: &Item) -> Option<Finding> {
    let eu_law = case.as_of < END_OF_TRANSITION;
    if eu_law && in_group(case.destination.code(), countries::EU_MEMBER_STATES) {
        // Before 2021 a transfer to a member state was not an export from the Union.
        return None;
    }
    let (annex, inferred) = if item.on_list(ControlList::AntiTortureAnnexIi) {
        (2, false)
    } else if item.on_list(ControlList::AntiTortureAnnexIii) {
        (3, false)
    } else if item.on_list(ControlList::AntiTortureAnnexIv) {
        (4, false)
    } else if item.has(Capability::TortureImplement) {
        (2, true)
    } else if item.has(Capability::Restraint) || item.has(Capability::ElectricShock) {
        (3, true)
    } else {
        return None;
    };
    let dest = case.destination.code();
    let f = match annex {
        2 => UK_TORTURE.finding(
            Outcome::Prohibited,
            format!("{} is an Annex II good (no practical use other than capital punishment or torture): its export from Great Britain to {dest} is prohibited", describe(item)),
        ),
        3 if case.has(RiskFact::TortureUseGrounds) => UK_TORTURE.finding(
            Outcome::Deny,
            format!("{} is an Annex III good (could be used for torture or ill-treatment): a licence is required for {dest}, and with reasonable grounds to believe it might be used for torture or other cruel, inhuman or degrading treatment it shall not be granted (art. 12)", describe(item)),
        ),
        3 => UK_TORTURE.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!("{} is an Annex III good (could be used for torture or ill-treatment): a licence is required for {dest}, decided case by case; it is refused on reasonable grounds to believe in a use for torture (art. 12), which the case does not state", describe(item)),
        ),
        _ => UK_TORTURE.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!("{} is an Annex IV good (could be used for capital punishment): a licence is required for {dest}, decided case by case", describe(item)),
        ),
    };
    let f = if eu_law {
        f.citing(if case.as_of >= Date::ymd(2019, 2, 20) {
            "Regulation (EU) 2019/125 (directly applicable in the UK until the end of the transition period, 31 Dec 2020), arts. 3, 11, 12, 16"
        } else {
            "Council Regulation (EC) No 1236/2005 (directly applicable in the UK; codified as Regulation (EU) 2019/125 from 20 Feb 2019), arts. 3, 5, 6"
        })
    } else {
        f
    };
    Some(if inferred {
        f.assuming("the annex is read from the item's capabilities (torture-implement as Annex II; restraint and electric-shock as Annex III: leg irons, shackles, portable electric-shock devices such as stun guns); Annex II devices such as electric-shock belts cannot be told apart by capability [VERIFY entries]")
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
    let why = if is_military_item(item) {
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
    let why = if is_military_item(item) {
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
        if arms_embargo(case.destination.code(), case.as_of).is_some() {
            ""
        } else {
            "not "
        },
        case.end_use.category
    );
    expl.push_str(&no_12a_note(case));
    if case.has(RiskFact::ClearRiskInternalRepression) {
        expl.push_str("; the clear risk of internal repression cannot engage Criterion 2 because no licence is required");
    }
    UK_NO_ART5.finding(Outcome::NoLicenceRequired, expl)
}

/// UK-NOTE: the case states a note excludes the item from its Annex I entry.
fn note_excluded(item: &Item) -> Finding {
    let note = if item.control_code.is_under("4E001") {
        "Note 1 to 4E001 (technology for vulnerability disclosure or cyber-incident response)"
    } else {
        "a note to its entry"
    };
    UK_NOTE.finding(
        Outcome::NoLicenceRequired,
        format!(
            "{} is stated to be excluded from {} by {note}: it is not an Annex I item, so only the controls for non-listed items can apply",
            describe(item),
            item.control_code
        ),
    )
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
                    "Export Control (Amendment) Order 2022 (SI 2022/491), art. 2 (ECO art. 12A, in force 19 May 2022)",
                    "http://legislation.gov.uk/uksi/2022/491/article/2/made/data.xml",
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
        let mut torture_goods: Vec<&Item> = Vec::new();
        for item in case.items.iter() {
            if excluded_by_note(item) {
                findings.push(note_excluded(item));
            }
            if let Some(f) = torture(case, item) {
                findings.push(f);
                torture_goods.push(item);
            }
            let (status, finding) = item_rule(case, item);
            if matches!(status, ItemStatus::Free | ItemStatus::Notify) {
                findings.extend(wmd_catch_all(case, item));
            }
            findings.extend(finding);
            match status {
                ItemStatus::Listed | ItemStatus::Meu => licensable.push(item),
                ItemStatus::Free
                    if item.is_cyber_surveillance()
                        && !torture_goods.iter().any(|t| std::ptr::eq(*t, item)) =>
                {
                    free_surveillance.push(item)
                }
                ItemStatus::Free | ItemStatus::Covered | ItemStatus::Notify => {}
            }
        }
        findings.extend(criterion_two(case, &licensable));

        let mut sanctioned: Vec<&Item> = Vec::new();
        for item in case.items.iter() {
            let before = findings.len();
            findings.extend(russia(case, item));
            findings.extend(myanmar(case, item));
            findings.extend(sanctions_arms(case, item));
            if findings.len() > before {
                sanctioned.push(item);
            }
        }

        for (party, listing) in listed_parties(case, UK_DESIGNATED) {
            findings.push(UK_FREEZE.finding(
                Outcome::Prohibited,
                format!(
                    "{} ({}) is designated under the {}: its funds and economic resources are frozen and none may be made available to it, so supplying the goods is prohibited",
                    party.name, party.role, listing.policy
                ),
            ));
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
                    "no item is on a UK strategic export control list, the military end-use control is not engaged ({} is {}under a UK arms embargo; end use {}){}, and no sanctions prohibition applies",
                    case.destination,
                    if arms_embargo(case.destination.code(), case.as_of).is_some() { "" } else { "not " },
                    case.end_use.category,
                    no_12a_note(case)
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
        echri_sdk::testing::check_country_table("UK_TARGETED_EMBARGOES", UK_TARGETED_EMBARGOES);
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
