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
/// Stated as of 9 September 2021 ([`REG_2021_821_APPLIES`]) and applied on
/// every as-of date. \[VERIFY\]: the United Kingdom is therefore treated as an
/// EU001 destination before it left the Union, when a transfer to it was
/// intra-Union (policy review, Dec 2026).
pub const EU001_DESTINATIONS: &[&str] =
    &["AU", "CA", "CH", "GB", "IS", "JP", "LI", "NO", "NZ", "US"];

/// Destinations under an EU arms embargo, for `EU-ARMS-EMBARGO` and the
/// military end-use catch-all of Art. 4(1)(b) (`EU-CATCHALL-4`). Snapshot of
/// the EU sanctions map (Council decisions under Art. 29 TEU); China's 1989
/// embargo is a political declaration of the European Council but is applied
/// as one.
///
/// Stated as of 1 January 2025, the member-state modules' effective date,
/// and applied regardless of the as-of date. \[VERIFY\]: the list changes;
/// the policy review (Dec 2026) notes that several entries (AF, CD, IQ, LB,
/// YE) are targeted embargoes on non-state or listed actors rather than on
/// the government, and that Art. 4(1)(b) requires an embargo decided by a
/// Council decision or common position, the OSCE or the UN Security
/// Council. The findings that use it record the assumption.
pub const EU_ARMS_EMBARGOED: &[&str] = &[
    "AF", "BY", "CD", "CF", "CN", "IQ", "IR", "KP", "LB", "LY", "MM", "RU", "SD", "SO", "SS", "SY",
    "VE", "YE", "ZW",
];

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
    RiskFact::SeriousViolationsEstablished,
    RiskFact::JournalistsTargeted,
    RiskFact::GrossViolationsPattern,
    RiskFact::SubstantialRiskSeriousViolation,
];
