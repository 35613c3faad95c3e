//! Dates, country tables and item tables of the EU baseline, each with its
//! citation. The EU's country tables (EU001 destinations, arms embargoes)
//! live here, not in the SDK: they are EU law, and a change to them edits
//! only this crate. The list of Member States, which the United Kingdom's
//! module also uses, stays in the SDK (`countries::EU_MEMBER_STATES`).
//!
//! Tables marked \[VERIFY\] are small, documented subsets chosen by the module
//! authors; the README lists them under "Assumptions".

use echri_sdk::prelude::*;

/// Regulation (EU) 2021/821 applies from 9 September 2021 (Art. 32). Before
/// that date, Council Regulation (EC) No 428/2009 applied; it had no Art. 5
/// cyber-surveillance catch-all.
pub const REG_2021_821_APPLIES: Date = Date::ymd(2021, 9, 9);

/// Council Regulation (EU) No 833/2014, Art. 2 in its original version
/// (in force 1 August 2014): dual-use items for military use or a military
/// end user in Russia prohibited.
pub const RU_MILITARY_BAN_FROM: Date = Date::ymd(2014, 8, 1);

/// Council Regulation (EU) 2022/328 amended Art. 2 of Reg. 833/2014 into a
/// blanket ban on Annex I dual-use items to Russia, from 26 February 2022.
pub const RU_BLANKET_BAN_FROM: Date = Date::ymd(2022, 2, 26);

/// Council Regulation (EU) 2022/355 inserted Art. 1e into Reg. 765/2006
/// (Belarus): Annex I dual-use items prohibited. Date of publication,
/// 2 March 2022, taken as the date of application \[VERIFY\].
pub const BY_BAN_FROM: Date = Date::ymd(2022, 3, 2);

/// Council Regulation (EU) 2018/647 of 26 April 2018 amending Reg. 401/2013
/// (Myanmar/Burma), published in OJ L 108 of 27 April 2018 and reported in
/// force on publication. The brief gives 26 April 2018 (adoption); this
/// module uses the adoption date, as the brief does \[VERIFY\].
pub const MM_2018_647_FROM: Date = Date::ymd(2018, 4, 26);

/// Council Regulation (EU) No 36/2012 (Syria), in force 19 January 2012.
pub const SY_36_2012_FROM: Date = Date::ymd(2012, 1, 19);

/// Council Regulation (EC) No 1236/2005 (anti-torture goods) applied from
/// 30 July 2006; codified as Regulation (EU) 2019/125, in force 20 February
/// 2019. The rules modelled here are the same in both.
pub const TORTURE_1236_2005_FROM: Date = Date::ymd(2006, 7, 30);
/// Regulation (EU) 2019/125 in force.
pub const TORTURE_2019_125_FROM: Date = Date::ymd(2019, 2, 20);

/// Destinations of the Union General Export Authorisation EU001:
/// Regulation (EU) 2021/821, Art. 12(1)(a) and Annex II Section A (before
/// 9 September 2021, Regulation (EC) No 428/2009, Art. 9(1) and Annex IIa):
/// Australia, Canada, Iceland, Japan, New Zealand, Norway, Switzerland
/// including Liechtenstein, the United Kingdom and the United States.
///
/// Stated as of 9 September 2021 ([`REG_2021_821_APPLIES`]). The United
/// Kingdom is an EU001 destination only from 1 January 2021
/// ([`GB_LEAVES_UNION`]); before, a transfer to it was intra-Union (policy
/// review, Dec 2026, point 14).
pub const EU001_DESTINATIONS: &[&str] =
    &["AU", "CA", "CH", "GB", "IS", "JP", "LI", "NO", "NZ", "US"];

/// Destinations under an EU arms embargo on the country as a whole (its
/// government included), decided by a Council decision under Art. 29 TEU or
/// imposed by a binding UN Security Council resolution, for
/// `EU-ARMS-EMBARGO` (prohibited) and the military end-use catch-all of
/// Art. 4(1)(b) (`EU-CATCHALL-4`).
///
/// Stated as of 1 January 2025 and applied on every date of the stated
/// period, except for the entries of [`EMBARGO_NARROWED`], which become
/// targeted embargoes on the date given there. \[VERIFY\]: the list changes.
/// China is not on it: the European Council's declaration of 27 June 1989
/// is a political declaration, not a Council decision or common position,
/// an OSCE decision or a UN Security Council resolution (policy review,
/// Dec 2026, point 11); member states apply it in their arms licensing as
/// policy (see [`CN_1989_DECLARATION`]).
pub const EU_ARMS_EMBARGOED: &[&str] = &[
    "BY", "CF", "IR", "KP", "LY", "MM", "RU", "SD", "SO", "SS", "SY", "VE", "ZW",
];

/// Destinations under a *targeted* arms embargo: the embargo bars supply to
/// non-state or listed actors (militias, armed groups, listed persons), not
/// to the government (policy review, Dec 2026, point 12): Afghanistan (the
/// Taliban and associates, UNSC 1988 (2011)), the DR Congo (non-governmental
/// entities, UNSC 1807 (2008)), Iraq (other than the Government, UNSC 1546
/// (2004)), Lebanon (other than the Government or UNIFIL, UNSC 1701 (2006))
/// and Yemen (listed persons and the Houthis, UNSC 2216 (2015)), each
/// implemented by a Council decision. \[VERIFY\] regime by regime.
pub const EU_TARGETED_EMBARGOES: &[&str] = &["AF", "CD", "IQ", "LB", "YE"];

/// Embargoes narrowed from the whole country to non-state actors on the
/// given date: Somalia (UNSC 2714 (2023), 1 December 2023) and the Central
/// African Republic (UNSC 2745 (2024), 30 July 2024), with the EU decisions
/// taken to follow on the same day \[VERIFY\]. From that date the
/// destination is treated as under a targeted embargo.
pub const EMBARGO_NARROWED: &[(&str, Date)] = &[
    ("CF", Date::ymd(2024, 7, 30)),
    ("SO", Date::ymd(2023, 12, 1)),
];

/// The European Council's declaration of 27 June 1989 on China (Madrid):
/// a political commitment, applied by member states in licensing arms
/// exports to China, but not an embargo in the sense of Art. 4(1)(b) of
/// Reg. 2021/821 nor a prohibition.
pub const CN_1989_DECLARATION: &str = "European Council declaration on China, Madrid, 27 June 1989";

/// The scope of the arms embargo on a destination on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embargo {
    /// The whole country, its government included.
    Government,
    /// Non-state or listed actors only.
    Targeted,
}

/// The arms embargo on `country` on `date`, if any.
pub fn arms_embargo(country: &str, date: Date) -> Option<Embargo> {
    let narrowed = EMBARGO_NARROWED
        .iter()
        .any(|(c, from)| *c == country && date >= *from);
    if narrowed || in_group(country, EU_TARGETED_EMBARGOES) {
        Some(Embargo::Targeted)
    } else if in_group(country, EU_ARMS_EMBARGOED) {
        Some(Embargo::Government)
    } else {
        None
    }
}

/// The standing assumption behind every use of the arms-embargo tables.
pub const EMBARGO_ASSUMPTION: &str = "arms embargoes as in this crate's tables (stated as of \
     2025-01-01): on the whole country BY, CF (to 2024-07-29), IR, KP, LY, MM, RU, SD, SO (to \
     2023-11-30), SS, SY, VE, ZW; targeted on non-state or listed actors AF, CD, IQ, LB, YE (and \
     CF, SO after those dates); China's 1989 declaration is not an embargo [VERIFY]";

/// United Kingdom: a member state until 31 January 2020 and treated as one
/// until the end of the transition period, 31 December 2020 (Withdrawal
/// Agreement Art. 127): a transfer to it before 1 January 2021 was
/// intra-Union.
pub const GB_LEAVES_UNION: Date = Date::ymd(2021, 1, 1);

/// A small subset of Annex IV (items needing an authorisation even for
/// transfers within the Union, Art. 11(1)) \[VERIFY\]: the Category 0 nuclear
/// items (Annex IV Part II) and a few stealth and missile items (Part I/II).
/// Entries match the code and its sub-items.
pub const ANNEX_IV_SUBSET: &[&str] = &[
    "0A001", "0B001", "0C001", "0C002", "0D001", "0E001", // nuclear (NSG Part 1)
    "1C001", "1D103", "1E101", "6B008", // stealth technology
    "7E104", "9A009.a", "9A117", // MTCR items
];

/// Items excluded from the Union General Export Authorisation EU001 beyond
/// the Annex IV items \[VERIFY\]: a small subset of Annex II Section I chosen by
/// the module authors. Modelling choice: NO cyber-surveillance item (4A005,
/// 4D004, 4E001.a/.c, 5A001.f, 5A001.j, 5A004, 5D001.e) is treated as
/// excluded, because the exclusion list as understood by the authors covers
/// nuclear, stealth, missile, chemical and certain communications items
/// (underwater communications, counter-IED jammers), not surveillance items.
pub const EU001_EXCLUDED_SUBSET: &[&str] = &["5A001.b.5", "5A001.h", "1C351", "1C353", "1C354"];

/// Capabilities read as "equipment for the monitoring or interception of
/// internet or telephone communications" in the Myanmar and Syria sanctions
/// annexes [VERIFY mapping].
pub const MONITORING_CAPABILITIES: &[Capability] = &[
    Capability::IpNetworkSurveillance,
    Capability::MonitoringCentre,
    Capability::MobileInterception,
    Capability::IntrusionSoftware,
];

/// The human-rights facts that engage the Common Position 2008/944 Criterion
/// Two considerations (read into Art. 15(1)(c) of Reg. 2021/821 for dual-use).
pub const HUMAN_RIGHTS_FACTS: &[RiskFact] = &[
    RiskFact::ClearRiskInternalRepression,
    RiskFact::ClearRiskSeriousIhlViolation,
    RiskFact::EndUserPastViolations,
    RiskFact::TransnationalRepression,
    RiskFact::SeriousViolationsEstablished,
    RiskFact::JournalistsTargeted,
    RiskFact::GrossViolationsPattern,
    RiskFact::SubstantialRiskSeriousViolation,
];

/// US ECCN 1A984 (tear-gas formulations of 1 % or less CS or CN): read as
/// riot-control agents of ML7.e of the Common Military List, which covers
/// CS, CN and the other riot-control agents and their combinations (Note 1:
/// not agents individually packaged for personal self-defence) \[VERIFY\].
pub const RIOT_CONTROL_AGENT_CODES: &[&str] = &["1A984"];

/// The assumption recorded when a riot-control agent stated under a
/// non-military code is treated as ML7.e.
pub const RIOT_CONTROL_ASSUMPTION: &str = "a tear-gas or riot-control agent stated under the US \
     ECCN 1A984 (CS/CN formulations) is read as ML7.e of the Common Military List (riot-control \
     agents; not agents individually packaged for personal self-defence) [VERIFY]";

/// Persons listed under EU restrictive measures whose assets are frozen and
/// to whom no funds or economic resources may be made available, directly or
/// indirectly. Supplying goods to such a person makes economic resources
/// available, so the export is prohibited unless a derogation is granted.
pub const EU_LISTED_PERSONS: &[Listing<FreezeRegime>] = &[
    Listing {
        names: &[
            "Myanmar Economic Holdings Public Company Limited",
            "Myanmar Economic Holdings",
        ],
        country: "MM",
        effective: Date::ymd(2021, 4, 19),
        policy: FreezeRegime::Myanmar,
    },
    Listing {
        names: &["Myanmar Economic Corporation"],
        country: "MM",
        effective: Date::ymd(2021, 4, 19),
        policy: FreezeRegime::Myanmar,
    },
    Listing {
        names: &["Xinjiang Production and Construction Corps Public Security Bureau"],
        country: "CN",
        effective: Date::ymd(2021, 3, 22),
        policy: FreezeRegime::GlobalHumanRights,
    },
];

/// The regime an EU listing is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreezeRegime {
    /// Council Regulation (EU) No 401/2013 (Myanmar/Burma), Art. 4a and
    /// Annex IV.
    Myanmar,
    /// Council Regulation (EU) 2020/1998 (global human-rights sanctions
    /// regime), Art. 3 and Annex I.
    GlobalHumanRights,
}

impl FreezeRegime {
    /// The provision that freezes the assets and bars making economic
    /// resources available.
    pub fn citation(self) -> &'static str {
        match self {
            FreezeRegime::Myanmar => {
                "Council Regulation (EU) No 401/2013, Art. 4a(1)-(2) and Annex IV (listing of \
                 19 April 2021, Implementing Regulation (EU) 2021/639)"
            }
            FreezeRegime::GlobalHumanRights => {
                "Council Regulation (EU) 2020/1998, Art. 3(1)-(2) and Annex I (listing of \
                 22 March 2021, Implementing Regulation (EU) 2021/478)"
            }
        }
    }
}
