//! US-EL: the Entity List (15 CFR 744.11; Supplement No. 4 to Part 744),
//! the human-rights and surveillance listings of the brief (§2.1, §3).
//!
//! A licence is required "to the extent specified on the Entity List" when a
//! listed entity is a party to the transaction in any role (purchaser,
//! intermediate or ultimate consignee, end user). Every entry modelled here
//! covers all items subject to the EAR, including EAR99, and licence
//! exceptions are unavailable (§744.11(a)). Entries differ only in their
//! licence review policy:
//!
//! - presumption of denial (spyware vendors, exploit brokers, Burmese
//!   ministries and military conglomerates) → `US-EL-PoD`;
//! - the Xinjiang split of the October 2019 rule: case by case for listed
//!   protective-equipment ECCNs and the EAR99 items described in the Note to
//!   ECCN 1A995 → `US-EL-XJ-CBC`; presumption of denial for every other item
//!   → `US-EL-XJ-PoD` (a separate rule id so that the split stays visible in
//!   reports; its outcome is the same as `US-EL-PoD`).

use echri_sdk::listing::{
    EntityList, PossibleListing, Related, listed_later, listed_with_hits, name_contains,
    possibly_listed,
};
use echri_sdk::prelude::*;
use echri_sdk::screening::Reason;

use crate::rules::{US_EL_POD, US_EL_XJ_CBC, US_EL_XJ_POD, XINJIANG_FROM};
use crate::{item_label, party_label};

/// The licence review policy of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Review {
    /// Presumption of denial for all items subject to the EAR.
    PresumptionOfDenial,
    /// Xinjiang 2019: case by case for protective items, presumption of
    /// denial otherwise.
    XinjiangSplit,
}

/// What an entry entails, with the rule that listed it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// The entry's licence review policy.
    pub review: Review,
    /// The Federal Register rule that added the entry.
    pub rule: &'static str,
    /// Why the entity was listed (plain language).
    pub basis: &'static str,
    /// What the entry's text rests on where it is not checked against the
    /// Federal Register, shown in every finding it gives.
    pub assumption: Option<&'static str>,
    /// A government body (a ministry, a public security bureau): its name
    /// in another country is another country's body, not a possible match.
    pub state_body: bool,
}

/// US-EL-REVIEW: a possible match to review (a near spelling, the listed
/// name in another country or at an address in another country, an entity
/// related to an entry, a listed parent organisation). Whether the party
/// is the listed entity is for the screening officer to decide: the module
/// cannot, so the outcome is not determined, never "no licence required".
pub const US_EL_REVIEW: Rule = Rule::new(
    "US-EL-REVIEW",
    "Possible Entity List match: for the screening officer to review",
    "15 CFR 744.11; Supp. No. 4 to Part 744; Supp. No. 3 to Part 732 (red flags)",
)
.assuming(PARTIAL_LIST);

/// The modelled list is not the whole Entity List.
const PARTIAL_LIST: &str = "The modelled Entity List is partial: only the human-rights and surveillance \
     entries named in the module's README (2019 Xinjiang, 2021 Burma, 2021 and 2023 spyware and \
     exploit brokers) are encoded; the June 2020 (9 entities) and July 2020 (11 entities) Xinjiang \
     additions and every other entry are not, as their names were not available [VERIFY against the \
     current Supplement No. 4 to Part 744].";

/// The citation of the rule of 4 November 2021.
const NOV_2021_RULE: &str = "final rule 'Addition of Certain Entities to the Entity List', 86 FR 60759 \
     [VERIFY citation], effective 4 Nov 2021";

const NOV_2021_ASSUMPTION: &str = "The Federal Register citation of the rule of 4 November 2021 (86 FR \
     60759) is the review's, not checked against the Federal Register [VERIFY citation]; the date and \
     the listing reasons follow the brief's secondary sources.";

const SPYWARE_2021: Entry = Entry {
    review: Review::PresumptionOfDenial,
    rule: NOV_2021_RULE,
    basis: "developing and supplying spyware to foreign governments that used it to maliciously target \
            government officials, journalists, businesspeople, activists, academics and embassy workers \
            (transnational repression)",
    assumption: Some(NOV_2021_ASSUMPTION),
    state_body: false,
};

/// Positive Technologies and COSEINC, listed by the same rule for another
/// reason (review point 7): exploit trafficking, not targeting journalists.
const EXPLOITS_2021: Entry = Entry {
    review: Review::PresumptionOfDenial,
    rule: NOV_2021_RULE,
    basis: "trafficking in cyber exploits used to gain unauthorised access to information systems, \
            threatening the privacy and security of individuals and organisations worldwide",
    assumption: Some(NOV_2021_ASSUMPTION),
    state_body: false,
};

const SPYWARE_2023: Entry = Entry {
    review: Review::PresumptionOfDenial,
    rule: "final rule FR Doc. 2023-15343, effective 18 Jul 2023",
    basis: "trafficking in cyber exploits used to gain access to information systems, \
            threatening privacy and security of individuals and organisations worldwide",
    assumption: None,
    state_body: false,
};

const BURMA_2021: Entry = Entry {
    review: Review::PresumptionOfDenial,
    rule: "Burma final rule of 8 Mar 2021, entity additions after the 1 Feb 2021 coup",
    basis: "responsibility for the February 2021 military coup and the repression of peaceful protest in Burma",
    assumption: None,
    state_body: false,
};

/// The Burmese ministries of the same rule: government bodies.
const BURMA_2021_MINISTRY: Entry = Entry {
    state_body: true,
    ..BURMA_2021
};

const XINJIANG_2019: Entry = Entry {
    review: Review::XinjiangSplit,
    rule: "final rule 84 FR 54002, effective 9 Oct 2019",
    basis: "implication in human-rights violations and abuses in the campaign of repression, mass arbitrary \
            detention and high-technology surveillance against Uighurs, Kazakhs and other Muslim minority \
            groups in the Xinjiang Uighur Autonomous Region",
    assumption: None,
    state_body: false,
};

/// The Xinjiang government entities of the same rule.
const XINJIANG_2019_STATE: Entry = Entry {
    state_body: true,
    ..XINJIANG_2019
};

/// The Xinjiang government entries that neither the brief nor the README's
/// sources name: their names are recalled from the rule, not read in it.
const XINJIANG_2019_RECALLED: Entry = Entry {
    assumption: Some(
        "This public security bureau is one of the 18 subordinate bureaus of 84 FR 54002 that the \
         brief does not name; its name (and spelling) is recalled from the rule, not checked against \
         the Federal Register text [VERIFY].",
    ),
    ..XINJIANG_2019_STATE
};

const NOV_2021: Date = Date::ymd(2021, 11, 4);
const JUL_2023: Date = Date::ymd(2023, 7, 18);
const MAR_2021: Date = Date::ymd(2021, 3, 8);
const OCT_2019: Date = XINJIANG_FROM;

/// The modelled entries. Parties are screened by `echri_sdk::screening`
/// (case, punctuation, transliteration and legal forms folded; a one-word
/// alias matches only a party's whole name), so each entry lists the usual
/// spellings of its name and the aliases in the Federal Register entry.
///
/// Names in another script: the Federal Register entries give Latin names
/// only. Where the company's own registered name is in another script, it is
/// added as a screening alias (marked below) so that a party written in that
/// script is recognised; transliteration then also covers its romanised
/// spellings (pinyin, Russian transliteration). [VERIFY each against the
/// company register.]
pub(crate) static ENTITY_LIST: &[Listing<Entry>] = &[
    // --- Spyware vendors and exploit brokers, 4 Nov 2021 ---
    Listing {
        names: &[
            "NSO Group",
            // Registered Hebrew name of NSO Group Technologies Ltd.
            // (screening alias, not in the Federal Register entry).
            "אן.אס.או גרופ טכנולוגיות",
        ],
        country: "IL",
        effective: NOV_2021,
        policy: SPYWARE_2021,
    },
    Listing {
        names: &[
            "Candiru",
            "Saito Tech",
            "Taveta",
            "Grindavik Solutions",
            "DF Associates",
            "Greenwick Solutions",
            "Tabatha",
            "Sokoto",
        ],
        country: "IL",
        effective: NOV_2021,
        policy: SPYWARE_2021,
    },
    Listing {
        names: &[
            "Positive Technologies",
            "PT Security",
            // АО «Позитив Текнолоджиз», the company's Russian name
            // (screening alias, not in the Federal Register entry).
            "Позитив Текнолоджиз",
        ],
        country: "RU",
        effective: NOV_2021,
        policy: EXPLOITS_2021,
    },
    Listing {
        names: &["Computer Security Initiative Consultancy", "COSEINC"],
        country: "SG",
        effective: NOV_2021,
        policy: EXPLOITS_2021,
    },
    // --- Intellexa / Cytrox, 18 Jul 2023 ---
    Listing {
        names: &["Intellexa S.A.", "Intellexa SA", "Intellexa"],
        country: "GR",
        effective: JUL_2023,
        policy: SPYWARE_2023,
    },
    Listing {
        names: &["Intellexa Limited", "Intellexa Ltd", "Intellexa"],
        country: "IE",
        effective: JUL_2023,
        policy: SPYWARE_2023,
    },
    Listing {
        names: &["Cytrox AD", "Cytrox"],
        country: "MK",
        effective: JUL_2023,
        policy: SPYWARE_2023,
    },
    Listing {
        names: &["Cytrox Holdings Zrt", "Cytrox Holdings", "Cytrox"],
        country: "HU",
        effective: JUL_2023,
        policy: SPYWARE_2023,
    },
    // --- Burma, 8 Mar 2021 ---
    Listing {
        names: &[
            "Ministry of Defence",
            "Ministry of Defense",
            "Burma Ministry of Defense",
        ],
        country: "MM",
        effective: MAR_2021,
        policy: BURMA_2021_MINISTRY,
    },
    Listing {
        names: &["Ministry of Home Affairs"],
        country: "MM",
        effective: MAR_2021,
        policy: BURMA_2021_MINISTRY,
    },
    Listing {
        names: &["Myanmar Economic Corporation", "MEC"],
        country: "MM",
        effective: MAR_2021,
        policy: BURMA_2021,
    },
    Listing {
        names: &[
            "Myanmar Economic Holdings Limited",
            "Myanmar Economic Holdings Public Company Limited",
            "Myanmar Economic Holdings Ltd",
            "Union of Myanmar Economic Holdings",
            "MEHL",
        ],
        country: "MM",
        effective: MAR_2021,
        policy: BURMA_2021,
    },
    // --- Xinjiang, 9 Oct 2019 (84 FR 54002): the 20 government entities ---
    Listing {
        names: &[
            "Xinjiang Uighur Autonomous Region People's Government Public Security Bureau",
            "Xinjiang Uyghur Autonomous Region Public Security Bureau",
            "Xinjiang Uighur Autonomous Region Public Security Bureau",
            "XUAR Public Security Bureau",
            "XUAR PSB",
            "Xinjiang Public Security Bureau",
            "Xinjiang Public Security Department",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Urumqi Municipality Public Security Bureau",
            "Urumqi Municipal Public Security Bureau",
            "Urumqi Public Security Bureau",
            "Urumqi PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Kashgar Prefecture Public Security Bureau",
            "Kashgar Public Security Bureau",
            "Kashgar PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Hotan Prefecture Public Security Bureau",
            "Hotan Public Security Bureau",
            "Hotan PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Aksu District Public Security Bureau",
            "Aksu Public Security Bureau",
            "Aksu PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Turpan Municipality Public Security Bureau",
            "Turpan Municipal Public Security Bureau",
            "Turpan Public Security Bureau",
            "Turpan PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Hami Municipality Public Security Bureau",
            "Hami Municipal Public Security Bureau",
            "Hami Public Security Bureau",
            "Hami PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Karamay Municipality Public Security Bureau",
            "Karamay Municipal Public Security Bureau",
            "Karamay Public Security Bureau",
            "Karamay PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Ili Kazakh Autonomous Prefecture Public Security Bureau",
            "Ili Public Security Bureau",
            "Ili PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    Listing {
        names: &[
            "Xinjiang Production and Construction Corps Public Security Bureau",
            "XPCC Public Security Bureau",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    // Named neither in the brief nor in the README's sources: recalled
    // from 84 FR 54002 [VERIFY], and each finding says so.
    Listing {
        names: &[
            "Altay Prefecture Public Security Bureau",
            "Altay Municipality Public Security Bureau",
            "Altay Public Security Bureau",
            "Altay PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Bayingolin Mongol Autonomous Prefecture Public Security Bureau",
            "Bayingol Mongol Autonomous Prefecture Public Security Bureau",
            "Bayingolin Public Security Bureau",
            "Bayingolin PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Boertala Mongol Autonomous Prefecture Public Security Bureau",
            "Bortala Mongol Autonomous Prefecture Public Security Bureau",
            "Boertala Public Security Bureau",
            "Bortala Public Security Bureau",
            "Bortala PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Changji Hui Autonomous Prefecture Public Security Bureau",
            "Changji Public Security Bureau",
            "Changji PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Kizilsu Kyrgyz Autonomous Prefecture Public Security Bureau",
            "Kizilsu Public Security Bureau",
            "Kizilsu PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Shihezi Municipality Public Security Bureau",
            "Shihezi Municipal Public Security Bureau",
            "Shihezi Public Security Bureau",
            "Shihezi PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Tacheng Prefecture Public Security Bureau",
            "Tacheng Public Security Bureau",
            "Tacheng PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Tumushuke Municipal Public Security Bureau",
            "Tumushuke Municipality Public Security Bureau",
            "Tumushuke Public Security Bureau",
            "Tumushuke PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &[
            "Wujiaqu Municipality Public Security Bureau",
            "Wujiaqu Municipal Public Security Bureau",
            "Wujiaqu Public Security Bureau",
            "Wujiaqu PSB",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_RECALLED,
    },
    Listing {
        names: &["Xinjiang Police College"],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019_STATE,
    },
    // --- Xinjiang, 9 Oct 2019: commercial surveillance and AI companies ---
    Listing {
        names: &[
            "Hangzhou Hikvision Digital Technology",
            "Hikvision",
            // Registered Chinese name and brand (screening aliases).
            "杭州海康威视数字技术",
            "海康威视",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        names: &[
            "Zhejiang Dahua Technology",
            "Dahua Technology",
            "Dahua",
            // Registered Chinese name (screening alias).
            "浙江大华技术",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        names: &[
            "Beijing Megvii Technology",
            "Megvii",
            "Face++",
            // Registered Chinese name and short name (screening aliases).
            "北京旷视科技",
            "旷视科技",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        // Chinese short name (screening alias).
        names: &["SenseTime", "Sense Time", "商汤科技"],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        // Chinese short name (screening alias).
        names: &["iFlytek", "iFLYTEK Co", "科大讯飞"],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        names: &[
            "Shanghai Yitu Network Technology",
            "Yitu Technology",
            "Yitu",
            // Registered Chinese name (screening alias).
            "上海依图网络科技",
        ],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        // Chinese short name (screening alias).
        names: &["Xiamen Meiya Pico Information", "Meiya Pico", "美亚柏科"],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
    Listing {
        names: &["Yixin Science and Technology", "Yixin Technology"],
        country: "CN",
        effective: OCT_2019,
        policy: XINJIANG_2019,
    },
];

/// The list with its related entities and its names normalised ahead of
/// time (`entity_list_index.rs`, generated: see the test
/// `the_index_is_the_lists_names_normalised`).
pub(crate) static LIST: EntityList<Entry> = EntityList {
    entries: ENTITY_LIST,
    related: RELATED,
    index: Some(&INDEX),
};

include!("entity_list_index.rs");

/// Entities related to an entry but not themselves on the Entity List: a
/// party matching one is reported as a possible match to review, never as
/// listed. [VERIFY the relations against current corporate records.]
pub(crate) static RELATED: &[Related] = &[
    Related {
        entry: "NSO Group",
        names: &["Q Cyber Technologies"],
        note: "NSO Group's parent company in Israel; not itself on the Entity List",
    },
    Related {
        entry: "NSO Group",
        names: &["OSY Technologies"],
        note: "NSO Group affiliate in Luxembourg; not itself on the Entity List",
    },
    Related {
        entry: "Intellexa Limited",
        names: &["Thalestris Limited", "Thalestris"],
        note: "holding company of the Intellexa consortium (designated by OFAC in March 2024); \
               not itself on the Entity List",
    },
];

/// ECCNs reviewed case by case for the Xinjiang entries (84 FR 54002):
/// protective equipment and related software and technology.
pub(crate) const XJ_CASE_BY_CASE_ECCNS: &[&str] = &[
    "1A004.c", "1A004.d", "1A995", "1A999.a", "1D003", "2A983", "2D983", "2E983",
];

/// Words that mark an EAR99 item as the consumer or medical protective
/// equipment described in the Note to ECCN 1A995 (matched as whole words in
/// the item description, case-insensitive).
const PROTECTIVE_WORDS: &[&str] = &[
    "protective",
    "respirator",
    "respirators",
    "gas mask",
    "gas masks",
    "face mask",
    "face masks",
    "dosimeter",
    "dosimeters",
    "ppe",
    "hazmat",
];

/// Whether an EAR99 item is one of the protective items described in the
/// Note to ECCN 1A995 (consumer goods packaged for retail sale or personal
/// use, or medical products, for protection against chemical or biological
/// agents).
///
/// Simplification: the case carries no "protective equipment" attribute, so
/// an EAR99 item counts when its description names protective equipment
/// (see `PROTECTIVE_WORDS`) AND it has no technical capability at all (a
/// surveillance, biometric or crowd-control item is never protective
/// equipment).
pub(crate) fn is_protective_ear99(item: &Item) -> bool {
    item.control_code.is_unlisted()
        && item.capabilities.is_empty()
        && PROTECTIVE_WORDS
            .iter()
            .any(|w| name_contains(&item.description, w))
}

/// Whether the item falls within the case-by-case part of the Xinjiang
/// entries' review policy.
pub(crate) fn xinjiang_case_by_case(item: &Item) -> bool {
    item.control_code.is_under_any(XJ_CASE_BY_CASE_ECCNS) || is_protective_ear99(item)
}

/// The parties on the Entity List as of the case date, with their entries.
pub(crate) fn listed(case: &Case) -> Vec<(&Party, &'static Listing<Entry>)> {
    listed_with_hits(case, &LIST)
        .into_iter()
        .map(|(party, entry, _)| (party, entry))
        .collect()
}

/// The citation of an entry: the Entity List provisions and the rule that
/// listed the entity.
fn entry_citation(entry: &Listing<Entry>) -> String {
    format!("{} ({})", US_EL_POD.citation, entry.policy.rule)
}
const NO_EXCEPTIONS: &str = "no licence exceptions are available (15 CFR 744.11(a))";

/// The Entity List findings for the listed parties.
pub(crate) fn findings(
    case: &Case,
    listed: &[(&Party, &'static Listing<Entry>)],
    out: &mut Vec<Finding>,
) {
    let hits = listed_with_hits(case, &LIST);
    for (party, entry) in listed {
        // The screening that listed the party: names, basis, score and
        // thresholds, so that the officer sees why.
        let screened = hits
            .iter()
            .find(|(p, e, _)| std::ptr::eq(*p, *party) && std::ptr::eq(*e, *entry))
            .map_or(String::new(), |(_, _, hit)| format!(" (screened: {hit})"));
        let head = format!(
            "{}, the {} in this transaction, is on the Entity List as \"{}\" ({}){screened} since {} ({}), for {}",
            party_label(party),
            party.role,
            entry.name(),
            entry.country,
            entry.effective,
            entry.policy.rule,
            entry.policy.basis,
        );
        match entry.policy.review {
            Review::PresumptionOfDenial => {
                let items: Vec<String> = case.items.iter().map(item_label).collect();
                out.push(with_entry_assumption(
                    US_EL_POD
                        .finding(
                            Outcome::PresumptionOfDenial,
                            format!(
                                "{head}. A licence is required for all items subject to the EAR, including \
                                 EAR99 (here: {}); the entry's licence review policy is a presumption of \
                                 denial, and {NO_EXCEPTIONS}.",
                                items.join("; ")
                            ),
                        )
                        .citing(entry_citation(entry)),
                    entry,
                ));
            }
            Review::XinjiangSplit => {
                for item in case.items.iter() {
                    out.push(with_entry_assumption(
                        xinjiang_item(&head, entry, item),
                        entry,
                    ));
                }
            }
        }
    }
    // Possible matches (never for a party listed above): for review.
    for p in possibly_listed(case, &LIST)
        .into_iter()
        .filter(|p| !is_foreign_state_body(p))
    {
        let policy = match p.entry.policy.review {
            Review::PresumptionOfDenial => "presumption of denial for all items subject to the EAR",
            Review::XinjiangSplit => {
                "case by case for the protective items of 84 FR 54002, presumption of denial for \
                 every other item"
            }
        };
        let finding = US_EL_REVIEW
            .finding(
                Outcome::NotDetermined,
                format!(
                    "{}, the {} in this transaction: {}. If the officer finds that it is the listed \
                     entity (listed since {}, {}, for {}), a licence is required with a {policy} and \
                     {NO_EXCEPTIONS}; if not, this entry does not apply. Until then whether a licence \
                     is required is not determined.",
                    party_label(p.party),
                    p.party.role,
                    p.describe(),
                    p.entry.effective,
                    p.entry.policy.rule,
                    p.entry.policy.basis,
                ),
            )
            .citing(entry_citation(p.entry));
        out.push(with_entry_assumption(finding, p.entry));
    }
}

/// A listed government body's name borne by a party in another country:
/// that country's body, not the listed one ("Ministry of Defence" in the
/// United Kingdom is not Burma's). Said in the explanation, not reviewed.
fn is_foreign_state_body(p: &PossibleListing<'_, Entry>) -> bool {
    p.entry.policy.state_body && matches!(p.hit.reason, Reason::OtherCountry { .. })
}

/// The finding with the entry's own assumption, if any, after the rule's.
fn with_entry_assumption(finding: Finding, entry: &Listing<Entry>) -> Finding {
    match entry.policy.assumption {
        Some(a) => finding.also_assuming(a),
        None => finding,
    }
}

fn xinjiang_item(head: &str, entry: &Listing<Entry>, item: &Item) -> Finding {
    let citation = entry_citation(entry);
    if !xinjiang_case_by_case(item) {
        return US_EL_XJ_POD
            .finding(
                Outcome::PresumptionOfDenial,
            format!(
                "{head}. A licence is required for all items subject to the EAR and {NO_EXCEPTIONS}; \
                 {} is not among the protective items reviewed case by case, so the entry's \
                 presumption of denial applies to it.",
                item_label(item)
            ),
            )
            .citing(citation);
    }
    if item.control_code.is_under_any(XJ_CASE_BY_CASE_ECCNS) {
        US_EL_XJ_CBC.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{head}. A licence is required for all items subject to the EAR and {NO_EXCEPTIONS}; \
                 {} is one of the protective-equipment ECCNs (1A004.c, 1A004.d, 1A995, 1A999.a, \
                 1D003, 2A983, 2D983, 2E983) that the entry reviews case by case.",
                item_label(item)
            ),
        )
        .citing(citation)
    } else {
        US_EL_XJ_CBC.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{head}. A licence is required for all items subject to the EAR and {NO_EXCEPTIONS}; \
                 {} is an EAR99 protective item of the kind described in the Note to ECCN 1A995 \
                 (consumer or medical protection against chemical or biological agents), which the \
                 entry reviews case by case.",
                item_label(item)
            ),
        )
        .citing(citation)
        .assuming(
            "An EAR99 item is treated as a protective item under the Note to ECCN 1A995 when its \
             description names protective equipment (protective, respirator, gas/face mask, \
             dosimeter, PPE, hazmat) and it has no technical capability; the case format carries \
             no other attribute to recognise it.",
        )
    }
}

/// One line per party whose listing takes effect only after the case date,
/// for the no-licence-required explanation (possible matches are findings
/// of their own, `US-EL-REVIEW`), and, for a party in China, that the
/// modelled list is partial.
pub(crate) fn not_yet_listed(case: &Case) -> Vec<String> {
    let mut notes: Vec<String> = listed_later(case, &LIST)
        .map(|(party, entry)| {
            format!(
                "{} will be on the Entity List as \"{}\" only from {} ({}), after the case date {}",
                party_label(party),
                entry.name(),
                entry.effective,
                entry.policy.rule,
                case.as_of
            )
        })
        .collect();
    for p in possibly_listed(case, &LIST)
        .into_iter()
        .filter(is_foreign_state_body)
    {
        notes.push(format!(
            "{} bears the name of the listed government body \"{}\" of {}, but is in {}: another \
             country's body, not the listed entity ({})",
            party_label(p.party),
            p.entry.name(),
            p.entry.country,
            p.party.address_country.as_ref().unwrap_or(&p.party.country),
            p.hit
        ));
    }
    if case.parties.iter().any(|p| p.country.code() == "CN") {
        notes.push(format!(
            "no Entity List entry in the model names the Chinese parties; {PARTIAL_LIST}"
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, description: &str, capabilities: Vec<Capability>) -> Item {
        Item {
            control_code: ControlCode::try_from(code.to_string()).expect("valid code"),
            description: description.into(),
            capabilities,
            attributes: Vec::new(),
            other_lists: Vec::new(),
        }
    }

    #[test]
    fn protective_ear99_needs_words_and_no_capability() {
        assert!(is_protective_ear99(&item(
            "EAR99",
            "Chemical protective suits, retail packs",
            vec![]
        )));
        assert!(is_protective_ear99(&item(
            "EAR99",
            "Disposable face masks",
            vec![]
        )));
        assert!(!is_protective_ear99(&item("EAR99", "Rack servers", vec![])));
        assert!(!is_protective_ear99(&item(
            "EAR99",
            "Protective camera housing",
            vec![Capability::VideoSurveillance]
        )));
        assert!(!is_protective_ear99(&item(
            "1A004.c",
            "protective suit",
            vec![]
        )));
        assert!(xinjiang_case_by_case(&item(
            "1A004.c",
            "detection kit",
            vec![]
        )));
        assert!(!xinjiang_case_by_case(&item("5A001.j", "", vec![])));
    }

    fn case(as_of: Date, name: &str, country: &str) -> Case {
        let country = Country::try_from(country.to_string()).expect("country");
        Case::new(
            "screening",
            as_of,
            country.clone(),
            vec![item("EAR99", "laptops", vec![])],
            vec![Party::new(
                name,
                country,
                PartyKind::Private,
                PartyRole::EndUser,
            )],
            EndUse::default(),
            vec![],
        )
        .expect("case")
    }

    /// The party-screening findings of the December 2026 review.
    #[test]
    fn screening_review_findings() {
        let on = Date::ymd(2024, 6, 1);
        for (name, country) in [
            ("N.S.O. Group", "IL"),
            ("Позитив Текнолоджиз", "RU"),
            ("Hik Vision", "CN"),
            ("Computer Security Initiative Pte Ltd", "SG"),
            ("杭州海康威视数字技术股份有限公司", "CN"),
        ] {
            assert_eq!(
                listed(&case(on, name, country)).len(),
                1,
                "{name} is listed"
            );
        }
        for (name, country) in [
            ("Shenzhen Face Recognition Co", "CN"),
            ("MEC Trading Ltd", "MM"),
            ("Dahua Pharmaceutical", "CN"),
        ] {
            let c = case(on, name, country);
            assert!(listed(&c).is_empty(), "{name} is not listed");
            assert!(
                possibly_listed(&c, &LIST).is_empty(),
                "{name} is not flagged"
            );
        }
        // Not listed, but never silently: a US-EL-REVIEW finding, not
        // determined, names the entry, the names and the score.
        for (name, country, entry) in [
            ("Positive Technologies", "AE", "Positive Technologies"),
            ("NSO Group Technologies Ltd", "CY", "NSO Group"),
            ("Kandiru Ltd", "IL", "Candiru"),
            ("Q Cyber Technologies Ltd", "IL", "NSO Group"),
        ] {
            let c = case(on, name, country);
            let mut out = Vec::new();
            findings(&c, &listed(&c), &mut out);
            assert_eq!(out.len(), 1, "{name}: {out:?}");
            let f = &out[0];
            assert!(f.is(&US_EL_REVIEW), "{name}: {f:?}");
            assert_eq!(f.outcome, Outcome::NotDetermined);
            assert!(
                f.explanation.contains("possible match to review")
                    && f.explanation.contains(&format!("\"{entry}\""))
                    && f.explanation.contains("score")
                    && f.explanation.contains("threshold"),
                "{name}: {}",
                f.explanation
            );
        }
        let c = case(on, "Saito Tech Ltd.", "IL");
        let mut out = Vec::new();
        findings(&c, &listed(&c), &mut out);
        assert!(
            out[0]
                .explanation
                .contains("\"Saito Tech Ltd.\" ~ \"Saito Tech\""),
            "{}",
            out[0].explanation
        );
    }

    /// `entity_list_index.rs` is the list's names normalised by this
    /// version of the SDK; `ECHRI_BLESS=1 cargo test -p echri-rule-us`
    /// rewrites it after a change to the list or to the normalisation.
    #[test]
    fn the_index_is_the_lists_names_normalised() {
        if let Err(source) = LIST.check_index("INDEX") {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/entity_list_index.rs");
            if std::env::var_os("ECHRI_BLESS").is_some() {
                std::fs::write(path, source).expect("write the index");
            } else {
                panic!("{path} is out of date: run with ECHRI_BLESS=1 to rewrite it");
            }
        }
    }

    #[test]
    fn entries_are_well_formed() {
        for entry in ENTITY_LIST {
            assert!(!entry.names.is_empty());
            assert!(countries::is_assigned(entry.country), "{}", entry.country);
        }
        for related in RELATED {
            assert!(
                ENTITY_LIST.iter().any(|e| e.name() == related.entry),
                "related entity names no entry: {}",
                related.entry
            );
        }
    }
}
