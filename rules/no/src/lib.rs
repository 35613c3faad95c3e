//! # echri-rule-no: Norway's export-licensing rules, simplified
//!
//! A model of the Norwegian export-control rules that bear on human rights,
//! for the echri sandbox (see `README.md` for sources, simplifications and
//! assumptions). It models policy; it is not legal advice.
//!
//! Rules, in evaluation order:
//!
//! - `NO-RU`: Russia sanctions (Regulation of 15 August 2014 No. 1076):
//!   List I items and List II items for military end use prohibited from
//!   15 August 2014; all List II items from 18 March 2022.
//! - `NO-SANCT`: Criterion One of the Common Position, part of the
//!   Guidelines' assessment, and the sanctions regulations implementing UN
//!   and aligned EU arms embargoes: List I items, and List II items for a
//!   military end use, to Iran, North Korea, Libya, Myanmar, South Sudan and
//!   Syria are prohibited.
//! - `NO-LIST`: List I (defence-related) and List II (dual-use) items need a
//!   licence (Regulation of 19 June 2013 No. 718), decided case by case.
//! - `NO-GUIDE`: the MFA Guidelines. For List I items (and, by this module's
//!   choice, List II items for military end use) a clear risk of internal
//!   repression, a substantial risk of serious violations, or civil war
//!   (civil disorder) leads to refusal; other human-rights facts, and all
//!   human-rights facts for List II items for civil end use, are weighed case
//!   by case.
//! - `NO-CATCHALL-7`: § 7 catch-alls for non-listed items (WMD; military use
//!   in areas of war or civil war or under a UN arms embargo).
//! - `NO-NO-CYBER-CA`: a non-listed cyber-surveillance item with no § 7
//!   trigger needs no licence: Norway has no EU Art. 5-style catch-all.
//! - `NO-NLR`: nothing else applies.

#![warn(missing_docs)]

use echri_sdk::prelude::*;

/// Norway's rule module.
#[derive(Debug, Clone, Copy, Default)]
pub struct No;

echri_sdk::export_rule_module!(No);

/// The state of the law the module describes.
const EFFECTIVE: Date = Date::ymd(2025, 1, 1);

/// From this date DEKSA licenses; before it the Ministry of Foreign Affairs did.
const DEKSA_FROM: Date = Date::ymd(2024, 1, 1);

// ---------------------------------------------------------------------------
// Rules: each declared once; findings are made from these declarations and
// `CATALOGUE` lists them for `RuleModule::catalogue`.
// ---------------------------------------------------------------------------

/// NO-RU: Russia sanctions prohibitions.
pub const NO_RU: Rule = Rule::new(
    "NO-RU",
    "Russia sanctions: List I items and List II items prohibited",
    "Regulation of 15 August 2014 No. 1076 on restrictive measures (Ukraine), as amended by FOR-2022-03-18-411",
)
.applying_from(RU_ARMS_FROM)
.assuming(RU_ASSUMPTION);

/// NO-SANCT: arms embargoes of the sanctions regulations; Criterion One.
/// Findings cite the instrument of the destination's embargo.
pub const NO_SANCT: Rule = Rule::new(
    "NO-SANCT",
    "Arms-embargoed destination: List I items (and List II for military use) prohibited, Criterion One",
    "Act of 7 June 1968 No. 4 / Sanctions Act 2021 regulations implementing UN and EU arms embargoes; MFA Guidelines: EU Common Position 2008/944/CFSP Art. 2 Criterion One",
)
.assuming(SANCT_ASSUMPTION);

/// NO-LIST: a List I or List II item needs a licence.
pub const NO_LIST: Rule = Rule::new(
    "NO-LIST",
    "List I or List II item: licence, case by case",
    "Export Control Act 1987 No. 93 § 1; Regulation of 19 June 2013 No. 718 (Lists I and II); MFA Guidelines of 28 February 1992 (as updated)",
);

/// NO-GUIDE: the human-rights and conflict test of the MFA Guidelines.
pub const NO_GUIDE: Rule = Rule::new(
    "NO-GUIDE",
    "MFA Guidelines: refusal on a clear risk or civil war, otherwise weighed",
    GUIDE_CITATION,
);

/// NO-CATCHALL-7: the § 7 catch-alls for non-listed items. Findings cite
/// the catch-all that applies.
pub const NO_CATCHALL_7: Rule = Rule::new(
    "NO-CATCHALL-7",
    "Non-listed item for WMD, or military use in a war area or UN-embargoed destination: licence",
    "Regulation of 19 June 2013 No. 718 § 7 (catch-alls)",
)
.assuming(SECTION_7_ASSUMPTION);

/// NO-NO-CYBER-CA: no cyber-surveillance catch-all in Norway.
pub const NO_NO_CYBER_CA: Rule = Rule::new(
    "NO-NO-CYBER-CA",
    "Non-listed cyber-surveillance item: no catch-all, no licence",
    "Regulation of 19 June 2013 No. 718 § 7; MFA answer of 12 January 2022",
)
.assuming("Norway has not adopted a cyber-surveillance or human-rights catch-all: in January 2022 the MFA said it would assess the EU Art. 5 catch-all; no later change is modelled [VERIFY current § 7 text]");

/// NO-NLR: nothing applies.
pub const NO_NLR: Rule = Rule::new(
    "NO-NLR",
    "No licence required",
    "Regulation of 19 June 2013 No. 718 §§ 4, 7 (Lists I and II; catch-alls)",
);

/// Outside what this model states: the case date is before the stated
/// period, or an item or transaction the model does not cover. Not
/// determined, never "no licence required".
pub const NO_SCOPE: Rule = Rule::new(
    "NO-SCOPE",
    "Outside what this model states: not determined",
    "echri model scope (this module's README: Stated period, Not modelled)",
);

/// Every rule of the Norway module, in evaluation order.
pub const CATALOGUE: &[Rule] = &[
    NO_RU,
    NO_SANCT,
    NO_LIST,
    NO_GUIDE,
    NO_CATCHALL_7,
    NO_NO_CYBER_CA,
    NO_NLR,
    NO_SCOPE,
];

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2014, 1, 1);

impl RuleModule for No {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "NO".into(),
            name: "Norway: Export Control Regulation Lists I/II, MFA Guidelines, § 7 catch-alls and Russia sanctions (simplified)".into(),
            authority: "Norwegian Agency for Export Control and Sanctions (DEKSA)".into(),
            version: "2025.1".into(),
            stated_for: Period::new(STATED_FROM, EFFECTIVE),
            rules: Vec::new(),
            commitments: echri_sdk::conduct::declarations(
                "Licences are refused where there is an obvious risk the items will be used for internal repression or violations of human rights, and considered for dual-use items on the same grounds",
                "Guidelines for the Ministry of Foreign Affairs' processing of export licence applications (28 February 1992, as updated)",
            ),
            sources: vec![
                Source::new(
                    "Act of 18 December 1987 No. 93 (Export Control Act)",
                    "https://www.regjeringen.no/no/dokumenter/Act-of-18-December-1987-relating-to-Control-of-the-Export-of-Strategic-Goods-Services-Technology-etc/id420613/",
                ),
                Source::new(
                    "Regulations of 19 June 2013 No. 718 relating to the export of defence-related products, dual-use items, technology and services",
                    "https://www.regjeringen.no/no/documents/regulations-relating-to-the-export-of-defence-related-products-dual-use-items-technology-and-services/id3119510",
                ),
                Source::new(
                    "DEKSA: regulatory framework",
                    "https://deksa.no/en/export-control/do-you-need-a-licence/regulatory-framework",
                ),
                Source::new(
                    "DEKSA: control of goods not listed (catch-all)",
                    "https://deksa.no/en/export-control/do-you-need-a-licence/control-of-goods-not-listed",
                ),
                Source::new(
                    "MFA: catch-all",
                    "https://www.regjeringen.no/no/tema/utenrikssaker/Eksportkontroll/om-eksportkontroll/catch-all/id2008487/",
                ),
                Source::new(
                    "MFA answer of 12 January 2022 on cyber-surveillance technology",
                    "https://www.regjeringen.no/no/aktuelt/svar_teknologi/id2897785/",
                ),
                Source::new(
                    "Meld. St. 35 (2020–2021), export control policy and guidelines",
                    "https://www.regjeringen.no/no/dokumenter/meld.-st.-35-20202021/id2860232/?ch=16",
                ),
                Source::new(
                    "MFA answer 2020: surveillance items on List II",
                    "https://www.regjeringen.no/no/dokumentarkiv/regjeringen-solberg/aktuelt-regjeringen-solberg/ud/dialog_stortinget/stortinget_svar/2020/svar_eksport2/id2777506/",
                ),
                Source::new(
                    "Regulation of 15 August 2014 No. 1076 (Russia/Ukraine sanctions)",
                    "https://lovdata.no/dokument/SF/forskrift/2014-08-15-1076/*",
                ),
                Source::new(
                    "NRCC: FOR-2022-03-18-411 incorporating the EU packages (secondary)",
                    "https://nrcc.no/news/restrictive-measures/norwegian-restrictive-measures/1336-18-march-2022-new-sanctions-package-against-russia-is-incorporated-into-norwegian-law",
                ),
                Source::new(
                    "Wikborg Rein: List III national controls (secondary)",
                    "https://www.wr.no/aktuelt/expanded-norwegian-export-controls-for-critical-goods-and-technologies-and-updates-to-the-eu-dual-use-list",
                ),
            ],
        }
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = NO_SCOPE.outside_model(case, "NO", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = Vec::new();
        unclassified_1a984(case, &mut findings);
        russia(case, &mut findings);
        sanctions(case, &mut findings);
        list(case, &mut findings);
        guidelines(case, &mut findings);
        catch_all_7(case, &mut findings);
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

/// The Norwegian control list an item is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    /// List I: defence-related products.
    I,
    /// List II: dual-use items (the EU/Wassenaar list).
    II,
}

impl List {
    fn of(item: &Item) -> Option<List> {
        if item.control_code.is_military() || riot_control_us_code(item) {
            Some(List::I)
        } else if item.control_code.is_multilateral_dual_use() {
            Some(List::II)
        } else {
            None
        }
    }

    fn label(self) -> &'static str {
        match self {
            List::I => "List I (defence-related products)",
            List::II => "List II (dual-use items)",
        }
    }
}

/// US ECCN 1A984 for a crowd-control formulation: read as a riot-control
/// agent of List I category ML7.e (see `RIOT_CONTROL_ASSUMPTION`).
fn riot_control_us_code(item: &Item) -> bool {
    item.control_code.is_under("1A984") && item.has(Capability::CrowdControl)
}

const RIOT_CONTROL_ASSUMPTION: &str = "US ECCN 1A984 with a crowd-control capability is read as a riot-control agent (CS, CN) of List I category ML7.e, which has no concentration threshold and excludes only agents individually packaged for personal self-defence [VERIFY against the current List I]";

/// NO-SCOPE for a 1A984 item with no crowd-control capability: the US code
/// also covers smoke and pyrotechnic articles, so the model cannot place the
/// item on or off List I.
fn unclassified_1a984(case: &Case, out: &mut Vec<Finding>) {
    for item in case
        .items
        .iter()
        .filter(|i| i.control_code.is_under("1A984") && !riot_control_us_code(i))
    {
        out.push(NO_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{} ({}) is a US-only crime-control code covering tear-gas formulations (riot-control agents, List I ML7.e) as well as smoke and pyrotechnic articles; no crowd-control capability is stated, so whether the item is on List I for {} is not determined.",
                item.control_code,
                describe(item),
                case.destination,
            ),
        ));
    }
}

fn authority(case: &Case) -> &'static str {
    if case.as_of >= DEKSA_FROM {
        "DEKSA"
    } else {
        "the Ministry of Foreign Affairs (the licensing authority before DEKSA)"
    }
}

fn is_wmd_end_use(case: &Case) -> bool {
    case.has(RiskFact::WmdEndUse) || case.end_use.category == EndUseCategory::Wmd
}

/// The item's description, or a placeholder when it has none.
fn describe(item: &Item) -> &str {
    if item.description.is_empty() {
        "no description"
    } else {
        &item.description
    }
}

// ---------------------------------------------------------------------------
// NO-RU
// ---------------------------------------------------------------------------

/// Regulation No. 1076 in force: List I ban and List II military end-use ban.
const RU_ARMS_FROM: Date = Date::ymd(2014, 8, 15);
/// FOR-2022-03-18-411: alignment with EU Reg. 2022/328 (all dual-use items).
const RU_DUAL_USE_FROM: Date = Date::ymd(2022, 3, 18);

const RU_ASSUMPTION: &str = "Norway aligns with the EU Russia sanctions in Regulation of 15 August 2014 No. 1076: List I items and List II items for military end use banned from 2014-08-15; all List II items banned from 2022-03-18 (amending regulation FOR-2022-03-18-411, incorporating EU Reg. 2022/328). Dates confirmed from the MFA release and secondary sources, exact section numbers not [VERIFY]; exemptions are not modelled";

/// NO-RU: prohibitions in the Russia sanctions regulation.
fn russia(case: &Case, out: &mut Vec<Finding>) {
    if case.destination.code() != "RU" || !NO_RU.applies_on(case.as_of) {
        return;
    }
    let military = case.is_military_end_use();
    for item in case.items.iter() {
        let why = match List::of(item) {
            Some(List::I) => format!(
                "a {} item; their export to Russia is banned from {RU_ARMS_FROM}",
                List::I.label()
            ),
            Some(List::II) if case.as_of >= RU_DUAL_USE_FROM => format!(
                "a {} item; since {RU_DUAL_USE_FROM} all List II items are banned for Russia, in line with EU Regulation 833/2014 Art. 2 as amended by Regulation 2022/328",
                List::II.label()
            ),
            Some(List::II) if military => format!(
                "a {} item for a military end use; such exports to Russia are banned from {RU_ARMS_FROM}",
                List::II.label()
            ),
            _ => continue,
        };
        out.push(NO_RU.finding(
            Outcome::Prohibited,
            format!(
                "{} ({}) is {why}; on {} the export is prohibited.",
                item.control_code,
                describe(item),
                case.as_of,
            ),
        ));
    }
}

// ---------------------------------------------------------------------------
// NO-SANCT
// ---------------------------------------------------------------------------

/// A destination under an arms embargo that Norway implements by regulation.
#[derive(Debug)]
struct ArmsEmbargo {
    country: &'static str,
    /// First day the embargo applies; `None` when it predates the stated
    /// period (2014).
    since: Option<Date>,
    instrument: &'static str,
}

/// Country-wide arms embargoes implemented by Norwegian sanctions
/// regulations. Snapshot; see `SANCT_ASSUMPTION`. Russia has its own rule
/// (`NO-RU`).
const ARMS_EMBARGOES: &[ArmsEmbargo] = &[
    ArmsEmbargo {
        country: "IR",
        since: None,
        instrument: "Regulation on restrictive measures concerning Iran (UNSCR 1747 (2007) and 1929 (2010); aligned with EU Decision 2010/413/CFSP Art. 1, arms and related materiel)",
    },
    ArmsEmbargo {
        country: "KP",
        since: None,
        instrument: "Regulation on sanctions against the Democratic People's Republic of Korea (UNSCR 1718 (2006) and later resolutions)",
    },
    ArmsEmbargo {
        country: "LY",
        since: None,
        instrument: "Regulation on restrictive measures concerning Libya (UNSCR 1970 (2011))",
    },
    ArmsEmbargo {
        country: "MM",
        since: None,
        instrument: "Regulation on restrictive measures concerning Myanmar (aligned with EU Decision 2013/184/CFSP Art. 1, arms and related materiel)",
    },
    ArmsEmbargo {
        country: "SS",
        since: Some(Date::ymd(2018, 7, 13)),
        instrument: "Regulation on restrictive measures concerning South Sudan (UNSCR 2428 (2018))",
    },
    ArmsEmbargo {
        country: "SY",
        since: None,
        instrument: "Regulation on restrictive measures concerning Syria (aligned with EU Decision 2013/255/CFSP, arms and related materiel)",
    },
];

const SANCT_ASSUMPTION: &str = "The list of arms embargoes Norway implements by regulation (IR, KP, LY, MM, SS from 2018-07-13, SY) is a snapshot from the UN resolutions and the EU decisions Norway aligns with; the Norwegian regulations' titles, dates and exemptions are not confirmed against Lovdata [VERIFY]. List II items for a military end use are read as related materiel; the Syria measures after December 2024 are not modelled";

fn arms_embargo(case: &Case) -> Option<&'static ArmsEmbargo> {
    ARMS_EMBARGOES
        .iter()
        .find(|e| e.country == case.destination.code() && e.since.is_none_or(|d| case.as_of >= d))
}

/// NO-SANCT: List I items (and List II items for a military end use) to an
/// arms-embargoed destination. Criterion One: a licence inconsistent with an
/// arms embargo is refused, and the regulation prohibits the export.
fn sanctions(case: &Case, out: &mut Vec<Finding>) {
    let Some(embargo) = arms_embargo(case) else {
        return;
    };
    let military = case.is_military_end_use();
    for item in case.items.iter() {
        let why = match List::of(item) {
            Some(List::I) => "a List I (defence-related) item, i.e. arms or related materiel",
            Some(List::II) if military => {
                "a List II dual-use item for a military end use, read as related materiel"
            }
            _ => continue,
        };
        let since = match embargo.since {
            Some(d) => format!(" (from {d})"),
            None => String::new(),
        };
        out.push(
            NO_SANCT
                .finding(
                    Outcome::Prohibited,
                    format!(
                        "{} ({}) is {why}; {} is under an arms embargo Norway implements by regulation{since}, so on {} its export is prohibited, and under Criterion One a licence inconsistent with the embargo is refused.",
                        item.control_code,
                        describe(item),
                        case.destination,
                        case.as_of,
                    ),
                )
                .citing(format!(
                    "{}; MFA Guidelines: EU Common Position 2008/944/CFSP Art. 2 Criterion One",
                    embargo.instrument
                )),
        );
    }
}

// ---------------------------------------------------------------------------
// NO-LIST
// ---------------------------------------------------------------------------

/// NO-LIST: one finding per List I or List II item.
fn list(case: &Case, out: &mut Vec<Finding>) {
    for item in case.items.iter() {
        let Some(list) = List::of(item) else {
            continue;
        };
        let assessed = match list {
            List::I => {
                "assessed under the MFA Guidelines, which make EU Common Position 2008/944/CFSP Art. 2 and Arms Trade Treaty Arts. 6–7 part of the assessment"
            }
            List::II => {
                "assessed against non-proliferation, foreign and security policy and human-rights considerations (the Guidelines may also be applied to dual-use items for military end use)"
            }
        };
        let rca = if riot_control_us_code(item) {
            " as a riot-control agent (ML7.e)"
        } else if item.control_code.is_under("ML7.e") {
            " (ML7.e, riot-control agents)"
        } else {
            ""
        };
        let f = NO_LIST.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{} ({}) is on {}{rca}; its export to {} needs a licence from {}, {assessed}.",
                item.control_code,
                describe(item),
                list.label(),
                case.destination,
                authority(case),
            ),
        );
        out.push(if riot_control_us_code(item) {
            f.assuming(RIOT_CONTROL_ASSUMPTION)
        } else {
            f
        });
    }
}

// ---------------------------------------------------------------------------
// NO-GUIDE
// ---------------------------------------------------------------------------

/// Facts that compel refusal where the Guidelines apply in full.
const DENIAL_FACTS: &[(RiskFact, &str)] = &[
    (
        RiskFact::ClearRiskInternalRepression,
        "clear risk of use for internal repression (Common Position Criterion Two (a))",
    ),
    (
        RiskFact::SubstantialRiskSeriousViolation,
        "substantial (overriding) risk of serious violations of human-rights or humanitarian law (ATT Art. 7(1)(b), 7(3); Criterion Two (c))",
    ),
    (
        RiskFact::CivilDisorder,
        "civil disorder in the destination, read as an area of war, threat of war or civil war (Storting decision of 11 March 1959)",
    ),
];

/// Facts that call for special caution but do not by themselves compel refusal.
const CAUTION_FACTS: &[RiskFact] = &[
    RiskFact::SeriousViolationsEstablished,
    RiskFact::JournalistsTargeted,
    RiskFact::GrossViolationsPattern,
];

const GUIDE_DUAL_USE_ASSUMPTION: &str = "The Guidelines \"may also be applied\" to dual-use items for military end use; this module applies them in full (including refusal on a clear risk or civil war) whenever a List II item is for a military end use or end user";

const GUIDE_CIVIL_WAR_ASSUMPTION: &str = "The 1959 declaration (no sales of weapons and ammunition to areas where there is war, threat of war or civil war) is modelled by reading the civil-disorder fact as such an area and refusing weapons and ammunition (List I categories ML1 to ML4); for other defence-related items civil disorder is weighed [VERIFY]";

/// Weapons and ammunition in the sense of the 1959 declaration: List I
/// categories ML1 (smooth-bore weapons under 20 mm, other arms), ML2
/// (smooth-bore weapons of 20 mm or more), ML3 (ammunition) and ML4 (bombs,
/// rockets, missiles, grenades and other explosive devices).
fn weapons_or_ammunition(item: &Item) -> bool {
    item.control_code
        .is_under_any(&["ML1", "ML2", "ML3", "ML4"])
}

const GUIDE_CITATION: &str = "MFA Guidelines of 28 February 1992 (as updated 2012) for defence-related products; Storting decision of 11 March 1959; EU Common Position 2008/944/CFSP Art. 2 Criterion Two; Arms Trade Treaty Arts. 6–7";

/// NO-GUIDE: the human-rights and conflict test of the Guidelines.
fn guidelines(case: &Case, out: &mut Vec<Finding>) {
    let has_list_i = case.any_item(|i| List::of(i) == Some(List::I));
    let has_list_ii = case.any_item(|i| List::of(i) == Some(List::II));
    if !has_list_i && !has_list_ii {
        return;
    }
    let military = case.is_military_end_use();
    // Guidelines apply in full to List I items, and (module's choice) to
    // List II items for military end use.
    let full = has_list_i || (has_list_ii && military);
    let scope = if has_list_i {
        "defence-related (List I) items"
    } else {
        "List II dual-use items for a military end use, to which the Guidelines may also be applied"
    };
    // The 1959 declaration concerns weapons and ammunition: for other items
    // civil disorder is weighed, not a refusal ground.
    let arms = case.any_item(weapons_or_ammunition);
    let war_bar = |f: &RiskFact| *f != RiskFact::CivilDisorder || arms;
    let denial: Vec<&str> = DENIAL_FACTS
        .iter()
        .filter(|(f, _)| case.has(*f) && war_bar(f))
        .map(|(_, text)| *text)
        .collect();
    let mut caution: Vec<&str> = CAUTION_FACTS
        .iter()
        .filter(|f| case.has(**f))
        .map(|f| f.as_str())
        .collect();
    if full && !arms && case.has(RiskFact::CivilDisorder) {
        caution.push(RiskFact::CivilDisorder.as_str());
    }
    let end_users: Vec<&str> = case.end_users().map(|p| p.name.as_str()).collect();
    let end_users = end_users.join(", ");

    if full && !denial.is_empty() {
        let mut finding = NO_GUIDE.finding(
            Outcome::Deny,
            format!(
                "The export to {end_users} in {} of {scope} meets a refusal ground of the Guidelines: {}. A licence is not to be granted.",
                case.destination,
                denial.join("; "),
            ),
        );
        let mut assumptions = Vec::new();
        if !has_list_i {
            assumptions.push(GUIDE_DUAL_USE_ASSUMPTION);
        }
        if case.has(RiskFact::CivilDisorder) && arms {
            assumptions.push(GUIDE_CIVIL_WAR_ASSUMPTION);
        }
        if !assumptions.is_empty() {
            finding = finding.assuming(assumptions.join(". "));
        }
        out.push(finding);
        return;
    }

    // Weighed consideration: caution facts under the full Guidelines, or any
    // human-rights fact for List II items for civil end use.
    let mut weighed: Vec<&str> = Vec::new();
    if !full {
        weighed.extend(
            DENIAL_FACTS
                .iter()
                .filter(|(f, _)| case.has(*f))
                .map(|(f, _)| f.as_str()),
        );
    }
    weighed.extend(caution);
    if weighed.is_empty() {
        return;
    }
    let explanation = if full {
        format!(
            "For the export to {end_users} in {} of {scope}, the stipulated facts ({}) call for special caution and vigilance (Criterion Two (b)) and are weighed in the case-by-case assessment; no refusal ground is met on these facts alone{}.",
            case.destination,
            weighed.join(", "),
            if case.has(RiskFact::CivilDisorder) && !arms {
                " (the 1959 bar on areas of war or civil war concerns weapons and ammunition, ML1 to ML4, and these items are not)"
            } else {
                ""
            },
        )
    } else {
        format!(
            "The items for {end_users} in {} are List II dual-use items for a non-military end use, to which the Guidelines' refusal grounds are not applied; the stipulated facts ({}) are a consideration in the case-by-case assessment, not a mandatory bar.",
            case.destination,
            weighed.join(", "),
        )
    };
    let mut finding = NO_GUIDE.finding(Outcome::LicenceRequiredCaseByCase, explanation);
    if !full {
        finding = finding.assuming(GUIDE_DUAL_USE_ASSUMPTION);
    } else if case.has(RiskFact::CivilDisorder) && !arms {
        finding = finding.assuming(GUIDE_CIVIL_WAR_ASSUMPTION);
    }
    out.push(finding);
}

// ---------------------------------------------------------------------------
// NO-CATCHALL-7 and NO-NO-CYBER-CA
// ---------------------------------------------------------------------------

/// A UN Security Council (Chapter VII) arms embargo.
#[derive(Debug)]
struct UnEmbargo {
    country: &'static str,
    /// Date of adoption; `None` when it predates 2013.
    since: Option<Date>,
    resolution: &'static str,
}

/// Destinations under a UN arms embargo, as areas for § 7. Snapshot; partial
/// embargoes (on non-state actors) are treated as covering the country.
const UN_ARMS_EMBARGOES: &[UnEmbargo] = &[
    UnEmbargo {
        country: "CD",
        since: None,
        resolution: "UNSCR 1493 (2003)",
    },
    UnEmbargo {
        country: "CF",
        since: Some(Date::ymd(2013, 12, 5)),
        resolution: "UNSCR 2127 (2013)",
    },
    UnEmbargo {
        country: "HT",
        since: Some(Date::ymd(2022, 10, 21)),
        resolution: "UNSCR 2653 (2022)",
    },
    UnEmbargo {
        country: "IQ",
        since: None,
        resolution: "UNSCR 1546 (2004)",
    },
    UnEmbargo {
        country: "KP",
        since: None,
        resolution: "UNSCR 1718 (2006)",
    },
    UnEmbargo {
        country: "LB",
        since: None,
        resolution: "UNSCR 1701 (2006)",
    },
    UnEmbargo {
        country: "LY",
        since: None,
        resolution: "UNSCR 1970 (2011)",
    },
    UnEmbargo {
        country: "SD",
        since: None,
        resolution: "UNSCR 1556 (2004)",
    },
    UnEmbargo {
        country: "SO",
        since: None,
        resolution: "UNSCR 733 (1992)",
    },
    UnEmbargo {
        country: "SS",
        since: Some(Date::ymd(2018, 7, 13)),
        resolution: "UNSCR 2428 (2018)",
    },
    UnEmbargo {
        country: "YE",
        since: Some(Date::ymd(2015, 4, 14)),
        resolution: "UNSCR 2216 (2015)",
    },
];

const EMBARGO_ASSUMPTION: &str = "UN arms embargo list (CD, CF, HT, IQ, KP, LB, LY, SD, SO, SS, YE) is a snapshot; embargoes targeting only non-state actors or regions are treated as covering the whole country, and the Iran snapback is not modelled [VERIFY]";

const SECTION_7_ASSUMPTION: &str = "§ 7 text as described by DEKSA and the MFA; the current wording is not confirmed [VERIFY current § 7 text]";

fn un_embargo(case: &Case) -> Option<&'static UnEmbargo> {
    UN_ARMS_EMBARGOES
        .iter()
        .find(|e| e.country == case.destination.code() && e.since.is_none_or(|d| case.as_of >= d))
}

/// NO-CATCHALL-7 for non-listed items, and NO-NO-CYBER-CA where a non-listed
/// cyber-surveillance item meets no § 7 trigger.
fn catch_all_7(case: &Case, out: &mut Vec<Finding>) {
    if !case.any_item(|i| List::of(i).is_none()) {
        return;
    }
    let wmd = is_wmd_end_use(case);
    let military = case.is_military_end_use();
    let embargo = un_embargo(case);
    let war = case.has(RiskFact::CivilDisorder);
    let area = if !military {
        None
    } else if let Some(e) = embargo {
        Some(format!(
            "an area under a UN Security Council arms embargo ({}, {})",
            case.destination, e.resolution
        ))
    } else if war {
        Some(format!(
            "an area of war, threat of war or civil war ({}, stipulated civil disorder)",
            case.destination
        ))
    } else {
        None
    };

    for item in case.items.iter().filter(|i| List::of(i).is_none()) {
        if wmd {
            out.push(
                NO_CATCHALL_7
                    .finding(
                        Outcome::LicenceRequiredCaseByCase,
                        format!(
                            "{} ({}) is not on Lists I or II, but is or may be intended for the development, production or use of weapons of mass destruction or missiles in {}; the catch-all requires a licence.",
                            item.control_code,
                            describe(item),
                            case.destination,
                        ),
                    )
                    .citing("Regulation of 19 June 2013 No. 718 § 7 (a) (weapons of mass destruction and their means of delivery)"),
            );
        }
        if let Some(area) = &area {
            let mut finding = NO_CATCHALL_7
                .finding(
                    Outcome::LicenceRequiredCaseByCase,
                    format!(
                        "{} ({}) is not on Lists I or II, but is for a military end use in {area}; the catch-all requires a licence, decided case by case.",
                        item.control_code,
                        describe(item),
                    ),
                )
                .citing("Regulation of 19 June 2013 No. 718 § 7 (military use in areas of war, threat of war or civil war, or under a UN arms embargo)");
            if embargo.is_some() {
                finding = finding.assuming(format!("{SECTION_7_ASSUMPTION}. {EMBARGO_ASSUMPTION}"));
            }
            out.push(finding);
        }
        if !wmd && area.is_none() && item.is_cyber_surveillance() {
            out.push(NO_NO_CYBER_CA.finding(
                    Outcome::NoLicenceRequired,
                    format!(
                        "{} ({}) is a non-listed cyber-surveillance item and no § 7 catch-all is triggered (no WMD end use, no military use in an area of war or UN arms embargo). Norway has no catch-all like EU Regulation 2021/821 Art. 5, so no licence is required for {} whatever the human-rights risk.",
                        item.control_code,
                        describe(item),
                        case.destination,
                    ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------
// NO-NLR
// ---------------------------------------------------------------------------

fn no_licence_required(case: &Case) -> Finding {
    let codes: Vec<&str> = case.items.iter().map(|i| i.control_code.as_str()).collect();
    NO_NLR.finding(
        Outcome::NoLicenceRequired,
        format!(
            "{} on neither List I nor List II and no § 7 catch-all applies (no WMD end use, no military use in an area of war or UN arms embargo), so no export licence is required for {}. National List III (from 2024-11-01) is not modelled.",
            codes.join(", ") + if codes.len() == 1 { " is" } else { " are" },
            case.destination,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embargo_table_codes_are_assigned_and_sorted() {
        assert!(
            UN_ARMS_EMBARGOES
                .windows(2)
                .all(|w| w[0].country < w[1].country)
        );
        for e in UN_ARMS_EMBARGOES {
            assert!(countries::is_assigned(e.country), "{}", e.country);
        }
    }

    #[test]
    fn arms_embargo_codes_are_assigned_and_sorted() {
        assert!(
            ARMS_EMBARGOES
                .windows(2)
                .all(|w| w[0].country < w[1].country)
        );
        for e in ARMS_EMBARGOES {
            assert!(countries::is_assigned(e.country), "{}", e.country);
        }
    }

    #[test]
    fn info_is_norwegian() {
        let info = No::info();
        assert_eq!(info.jurisdiction, "NO");
        assert!(info.authority.contains("DEKSA"));
    }
}
