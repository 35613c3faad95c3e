//! The rules of the US module, each declared once. Findings are made from
//! these declarations ([`Rule::finding`]); [`CATALOGUE`] lists them all for
//! [`RuleModule::catalogue`], and the
//! README's rule table documents each id.

use echri_sdk::prelude::*;

use crate::ace::ACE_EFFECTIVE;

/// Russia: the 746.8 licence requirement for CCL items from 24 Feb 2022.
pub(crate) const RUSSIA_FROM: Date = Date::ymd(2022, 2, 24);
/// Belarus: the same from 2 Mar 2022.
pub(crate) const BELARUS_FROM: Date = Date::ymd(2022, 3, 2);
/// Burma added to the 744.21 military end-use/user rule (8 Mar 2021).
pub(crate) const BURMA_MEU_FROM: Date = Date::ymd(2021, 3, 8);
/// The Xinjiang Entity List entries of 84 FR 54002 (effective 9 Oct 2019).
pub(crate) const XINJIANG_FROM: Date = Date::ymd(2019, 10, 9);

/// The assumption behind every use of the country-group snapshot in the ACE
/// analysis.
const COUNTRY_GROUPS_ASSUMPTION: &str = "Country Groups D:1-D:5, E:1, E:2 are a third-party snapshot of Supp. No. 1 \
     to Part 740 [VERIFY]; the narrow government-end-user carve-outs of 740.22(c)(1)(ii) (digital \
     artifacts, police/judicial investigations, A:6 national CSIRTs) and deemed exports are not \
     modelled; whether the 2022 final rule changed the (c)(1)(iii)(A) wording is unconfirmed [VERIFY].";

/// US-EMB: comprehensive embargoes on Country Groups E:1 and E:2. Findings
/// cite the section for the destination.
pub const US_EMB: Rule = Rule::new(
    "US-EMB",
    "Comprehensive embargo (Cuba, Iran, North Korea, Syria): prohibited",
    "15 CFR Part 746",
)
.assuming(
    "Embargo carve-outs (food, medicine, humanitarian and telecommunications authorisations) \
     are not modelled; the general policy of denial of 746.2 (Cuba), 746.4(b) (North Korea) and \
     746.9 (Syria) is mapped to prohibited, like the Russia/Belarus policy of denial (README, \
     'Policy of denial'); Iran is prohibited outright by 31 CFR 560.204.",
);

/// US-RU-BY: licence for every CCL item to Russia or Belarus, policy of
/// denial.
pub const US_RU_BY: Rule = Rule::new(
    "US-RU-BY",
    "Russia and Belarus: CCL items under a policy of denial",
    "15 CFR 746.8(a)(1), (b)(1)",
)
.applying_from(RUSSIA_FROM)
.assuming(
    "Effective dates 2022-02-24 (Russia) and 2022-03-02 (Belarus) [VERIFY]; the policy of \
     denial of 746.8(b)(1) is mapped to prohibited, the same step as North Korea's equally \
     worded policy of denial (746.4(b)): the brief's scale puts a policy of denial, under \
     which a licence is normally unavailable, at prohibited, and keeps presumption of denial \
     for the rebuttable Entity List presumption; the case-by-case carve-outs of 746.8(b)(2)-(3) \
     and the later extensions to EAR99 items listed by HTS code (Supps. 2, 4-7 to Part 746) are \
     not modelled.",
);

/// US-EL-PoD: a party on the Entity List under a presumption-of-denial
/// entry. Each entry has its own date (see `entity_list`); findings cite
/// the Federal Register rule that listed the entity.
pub const US_EL_POD: Rule = Rule::new(
    "US-EL-PoD",
    "Entity List party: all items, presumption of denial",
    "15 CFR 744.11; Supp. No. 4 to Part 744",
);

/// US-EL-XJ-CBC: the Xinjiang entries' case-by-case review of protective
/// items.
pub const US_EL_XJ_CBC: Rule = Rule::new(
    "US-EL-XJ-CBC",
    "Xinjiang Entity List party: protective items case by case",
    "15 CFR 744.11; Supp. No. 4 to Part 744; 84 FR 54002",
)
.applying_from(XINJIANG_FROM);

/// US-EL-XJ-PoD: the Xinjiang entries' presumption of denial for every
/// other item.
pub const US_EL_XJ_POD: Rule = Rule::new(
    "US-EL-XJ-PoD",
    "Xinjiang Entity List party: other items, presumption of denial",
    "15 CFR 744.11; Supp. No. 4 to Part 744; 84 FR 54002",
)
.applying_from(XINJIANG_FROM);

/// US-MEU-MM: military end use or end user in Burma.
pub const US_MEU_MM: Rule = Rule::new(
    "US-MEU-MM",
    "Burma military end use or end user: presumption of denial",
    "15 CFR 744.21; Supp. No. 2 to Part 744",
)
.applying_from(BURMA_MEU_FROM)
.assuming(
    "Any item on the Commerce Control List stands in for the items of Supp. No. 2 to Part \
     744; EAR99 items are outside the rule.",
);

/// US-ACE: License Exception ACE covers a cybersecurity item.
pub const US_ACE: Rule = Rule::new(
    "US-ACE",
    "Cybersecurity item: License Exception ACE available",
    "15 CFR 740.22",
)
.applying_from(ACE_EFFECTIVE)
.assuming(COUNTRY_GROUPS_ASSUMPTION);

/// US-ACE-BAR: a cybersecurity item to a destination other than Canada for
/// which ACE is unavailable (a bar of 740.22(c), a listed party, the
/// Russia/Belarus measures) needs a licence with the human-rights review.
/// Before ACE took effect (2022-03-07) the model does not decide
/// (`US-SCOPE`, REVIEW point 4).
pub const US_ACE_BAR: Rule = Rule::new(
    "US-ACE-BAR",
    "Cybersecurity item, ACE unavailable: licence with human-rights review",
    "15 CFR 740.22(c); 15 CFR 742.7(b)(2)",
)
.assuming(COUNTRY_GROUPS_ASSUMPTION);

/// US-CC-1: 742.7(a)(1) crime-control items to CC Column 1 destinations.
pub const US_CC_1: Rule = Rule::new(
    "US-CC-1",
    "Crime-control item to a CC Column 1 destination: licence",
    "15 CFR 742.7(a)(1), 742.7(b)(1)",
)
.assuming(
    "Crime Control Column 1 is rebuilt as every destination except Australia, Japan, New \
     Zealand, the NATO members (BIS 2005 description, today's NATO) and Austria (unmarked in \
     the current Country Chart per the 2026 review) [VERIFY each member against Supp. No. 1 to \
     Part 738]; '(fingerprint computers only)' is read from the biometric-identification \
     capability and '(police-model infrared viewers only)' from the word 'police' in the item \
     description.",
);

/// US-CC-2: execution equipment (0A981), all destinations.
pub const US_CC_2: Rule = Rule::new(
    "US-CC-2",
    "Execution equipment: licence to all destinations",
    "15 CFR 742.7(a)(2), 742.7(b)(1)",
);

/// US-CC-3: restraints and discharge-type arms (0A982, 0A503, 0E982), all
/// destinations except Canada.
pub const US_CC_3: Rule = Rule::new(
    "US-CC-3",
    "Restraints and stun weapons: licence to all destinations but Canada",
    "15 CFR 742.7(a)(3), 742.7(b)(1)",
);

/// US-CC-3-CA: the same items to Canada need no crime-control licence.
pub const US_CC_3_CA: Rule = Rule::new(
    "US-CC-3-CA",
    "Restraints and stun weapons to Canada: no crime-control licence",
    "15 CFR 742.7(a)(3)",
);

/// US-CC-4: torture implements (0A983), all destinations.
pub const US_CC_4: Rule = Rule::new(
    "US-CC-4",
    "Torture implements: licence, generally denied",
    "15 CFR 742.7(a)(4); 15 CFR 742.11",
)
.assuming(
    "742.11(b) is read as stating that applications for 0A983 items will generally be \
     denied, modelled as a presumption of denial [VERIFY against the current text].",
);

/// The assumption every NS Column 1 finding rests on.
pub(crate) const NS1_ASSUMPTION: &str = "Reasons for control and Country Chart columns of the \
     modelled ECCNs are read from the CCL entries as the 2026 review states them (NS Column 1: a \
     licence to every destination except Canada) [VERIFY each entry against Supp. No. 1 to Part \
     774]; the NS licensing policy of 742.4(b) is modelled as case by case for every destination; \
     licence exceptions other than ACE (e.g. STA, 740.20, for Country Group A:5; GOV, 740.11) are \
     not modelled [VERIFY]";

/// US-NS: an ECCN the model encodes, controlled for national-security
/// reasons in NS Column 1, to any destination but Canada.
pub const US_NS: Rule = Rule::new(
    "US-NS",
    "NS Column 1 item to any destination but Canada: licence with human-rights review",
    "15 CFR 742.4(a)(1); Supp. No. 1 to Part 738 (NS1); Supp. No. 1 to Part 774; 742.7(b)(2)",
)
.assuming(NS1_ASSUMPTION);

/// US-NS-CA: an NS Column 1 item to Canada: NS1 has no mark for Canada, so
/// no licence is required for that reason (and no licence exception is
/// needed).
pub const US_NS_CA: Rule = Rule::new(
    "US-NS-CA",
    "NS Column 1 item to Canada: no licence required",
    "15 CFR 742.4(a)(1); Supp. No. 1 to Part 738 (no NS1 mark for Canada)",
)
.assuming(NS1_ASSUMPTION);

/// US-SL: surreptitious-listening items (742.13), licensable to every
/// destination including Canada.
pub const US_SL: Rule = Rule::new(
    "US-SL",
    "Surreptitious-interception item: licence to all destinations incl. Canada",
    "15 CFR 742.13; ECCNs 5A980, 5D980, 5E980, 5A001.f.1; 742.7(b)(2)",
)
.assuming(
    "The SL entries (5A980, 5D980, 5E980 entirely; 5A001.f.1 and the 5D001.a/5E001.a software and \
     technology for it) are read as the 2026 review states them: a licence for all destinations \
     including Canada [VERIFY against 742.13 and the entries]. The licensing policy of 742.13(b) \
     is not in the brief and is modelled as case by case, with the 742.7(b)(2) review [VERIFY].",
);

/// US-WMD: a known WMD or missile end use, all items including EAR99.
pub const US_WMD: Rule = Rule::new(
    "US-WMD",
    "Weapons-of-mass-destruction end use: licence for any item",
    "15 CFR 744.2, 744.3, 744.4",
)
.assuming(
    "Not part of the brief's human-rights rules; added so that a stated WMD end use is \
     never reported as no licence required. The WMD end-use catch-alls are modelled as one \
     rule with a case-by-case policy; their destination scopes and the denial policy of \
     744.4(d) for material contributions are not modelled.",
);

/// US-ITAR: military-list items, outside the EAR detail of this model.
pub const US_ITAR: Rule = Rule::new(
    "US-ITAR",
    "Military-list item: licence (ITAR or 600 series)",
    "22 CFR Parts 120-130 (ITAR); 15 CFR 742.4 and 742.7(b)(2) for 600-series items",
)
.assuming(
    "A military-list (ML) item is taken to be either a USML article or a 600-series item; \
     either needs a licence to every destination but Canada, decided case by case. USML \
     categories and 600-series entries are not mapped; to Canada (ITAR 126.5 exemption, \
     600-series columns) and to Country Group D:5 (22 CFR 126.1 and 742.4(b)(1)(ii) arms-embargo \
     policy) the model does not decide (US-SCOPE).",
);

/// US-NLR: nothing in the model requires a licence.
pub const US_NLR: Rule = Rule::new(
    "US-NLR",
    "No licence required",
    "15 CFR 732.3 (steps for determining licence requirements); 15 CFR 758.1 (NLR)",
);

/// Outside what this model states: the case date is before the stated
/// period, or an item or transaction the model does not cover. Not
/// determined, never "no licence required".
pub const US_SCOPE: Rule = Rule::new(
    "US-SCOPE",
    "Outside what this model states: not determined",
    "echri model scope (this module's README: Stated period, Not modelled)",
);

/// Every rule of the US module, in the README's order.
pub const CATALOGUE: &[Rule] = &[
    US_EMB,
    US_RU_BY,
    US_EL_POD,
    US_EL_XJ_CBC,
    US_EL_XJ_POD,
    crate::entity_list::US_EL_REVIEW,
    US_MEU_MM,
    US_ACE,
    US_ACE_BAR,
    US_CC_1,
    US_CC_2,
    US_CC_3,
    US_CC_3_CA,
    US_CC_4,
    US_NS,
    US_NS_CA,
    US_SL,
    US_WMD,
    US_ITAR,
    US_NLR,
    US_SCOPE,
];
