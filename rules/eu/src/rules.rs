//! The rules of the EU baseline, each declared once. Findings are made from
//! these declarations ([`Rule::finding`]). A member-state module includes
//! [`CATALOGUE`] in its own catalogue, since every member state applies the
//! whole baseline:
//!
//! ```
//! use echri_sdk::prelude::*;
//! use echri_sdk::rule::join;
//!
//! const XX_DECL: Rule = Rule::new("XX-DECL", "National declaration", "National notice");
//! static CATALOGUE: [Rule; echri_law_eu::CATALOGUE.len() + 1] =
//!     join(echri_law_eu::CATALOGUE, &[XX_DECL]);
//! assert!(CATALOGUE.iter().any(|r| r.id == "EU-LIST"));
//! ```
//!
//! The citation of each rule is the provision in the law as it stands (the
//! Dual-Use Regulation (EU) 2021/821, the codified Anti-Torture Regulation
//! (EU) 2019/125, the amended Russia ban). Where a case falls under an
//! earlier version, its finding cites that version instead
//! ([`Finding::citing`], e.g. [`DualUseRegulation::cite`](crate::DualUseRegulation::cite)
//! for Regulation (EC) No 428/2009 before 9 September 2021).

use echri_sdk::prelude::*;

use crate::tables::{
    BY_BAN_FROM, EMBARGO_ASSUMPTION, MM_2018_647_FROM, REG_2021_821_APPLIES, RU_MILITARY_BAN_FROM,
    SY_36_2012_FROM, TORTURE_1236_2005_FROM,
};

/// EU-LIST: an Annex I item leaving the Union outside EU001 needs an
/// authorisation, decided case by case under Art. 15(1).
pub const EU_LIST: Rule = Rule::new(
    "EU-LIST",
    "Annex I dual-use item leaving the Union: authorisation, case by case",
    "Regulation (EU) 2021/821, Art. 3(1) and Annex I; Art. 15(1)",
);

/// EU-ASSESS-15: the human-rights consideration of Art. 15(1)(c), as a
/// finding of its own when a human-rights fact is stated.
pub const EU_ASSESS_15: Rule = Rule::new(
    "EU-ASSESS-15",
    "Human-rights risk: a consideration in the dual-use decision, not a bar",
    "Regulation (EU) 2021/821, Art. 15(1)(c); Common Position 2008/944/CFSP, Art. 2, Criterion Two",
);

/// EU001: the Union General Export Authorisation covers the export.
pub const EU001: Rule = Rule::new(
    "EU001",
    "Annex I item to an EU001 destination: Union general export authorisation",
    "Regulation (EU) 2021/821, Art. 12(1)(a) and Annex II Section A (EU001)",
)
.assuming(
    "no cyber-surveillance item (4A005, 4D004, 4E001.a/.c, 5A001.f, 5A001.j, 5A004, \
     5D001.e) is treated as excluded from EU001; excluded items modelled as Annex IV \
     subset plus 5A001.b.5, 5A001.h, 1C351, 1C353, 1C354 [VERIFY Annex II Section I]",
);

/// EU-INTRA: a transfer within the Union (or no export at all) needs no
/// authorisation.
pub const EU_INTRA: Rule = Rule::new(
    "EU-INTRA",
    "Annex I item within the Union (not Annex IV): no authorisation",
    "Regulation (EU) 2021/821, Art. 11(1) and Annex IV",
);

/// The assumption behind every use of the Annex IV subset.
pub(crate) const ANNEX_IV_ASSUMPTION: &str = "Annex IV modelled as a small subset (Category 0 nuclear, stealth and some MTCR items) [VERIFY]";

/// EU-INTRA-IV: an Annex IV item needs an authorisation even within the
/// Union.
pub const EU_INTRA_IV: Rule = Rule::new(
    "EU-INTRA-IV",
    "Annex IV item within the Union: authorisation",
    "Regulation (EU) 2021/821, Art. 11(1) and Annex IV",
)
.assuming(ANNEX_IV_ASSUMPTION);

/// EU-CATCHALL-4: the WMD and military end-use catch-alls of Art. 4.
pub const EU_CATCHALL_4: Rule = Rule::new(
    "EU-CATCHALL-4",
    "Non-listed item for WMD, or a defined military end use under an arms embargo: notify or authorisation",
    "Regulation (EU) 2021/821, Art. 4",
)
.assuming(
    "the stated WMD end use, or the military end-use category or fact read as one of the \
     military end uses of Art. 4(1)(b) (incorporation into military-list items; use of \
     production, test or analytical equipment for them; use of unfinished products in a plant \
     for them), stands for the exporter's awareness (Art. 4(2)); a military end user alone is \
     not such an end use; a notice under Art. 4(1) (or the fact exporter-informed-by-authority) \
     is read as the authority having informed the exporter (Art. 4(1)); a targeted embargo is \
     read as making the destination subject to an arms embargo [VERIFY]",
);

/// EU-CYBER-5(1): the cyber-surveillance catch-all, exporter informed.
pub const EU_CYBER_5_1: Rule = Rule::new(
    "EU-CYBER-5(1)",
    "Non-listed cyber-surveillance item, exporter informed: authorisation",
    "Regulation (EU) 2021/821, Art. 5(1)",
)
.applying_from(REG_2021_821_APPLIES);

/// EU-CYBER-5(2): the cyber-surveillance catch-all, exporter aware.
pub const EU_CYBER_5_2: Rule = Rule::new(
    "EU-CYBER-5(2)",
    "Non-listed cyber-surveillance item, exporter aware of misuse: notify",
    "Regulation (EU) 2021/821, Art. 5(2)",
)
.applying_from(REG_2021_821_APPLIES);

/// EU-ML: a Common Military List item needs an arms-export (or transfer)
/// licence.
pub const EU_ML: Rule = Rule::new(
    "EU-ML",
    "Military-list item: arms export or transfer licence, case by case",
    "Common Position 2008/944/CFSP (as amended by 2019/1560), Arts. 1-2; national arms-export law",
);

/// EU-CP2: Criterion Two (a) and (c), mandatory denial for military items.
pub const EU_CP2: Rule = Rule::new(
    "EU-CP2",
    "Military-list item, clear risk of internal repression or of serious IHL violations: licence denied",
    "Common Position 2008/944/CFSP, Art. 2, Criterion Two (a) and (c)",
);

/// EU-ARMS-EMBARGO: military items to an EU arms-embargoed destination.
pub const EU_ARMS_EMBARGO: Rule = Rule::new(
    "EU-ARMS-EMBARGO",
    "Military-list item to an EU arms-embargoed destination (or a targeted actor): prohibited",
    "Common Position 2008/944/CFSP, Art. 2 Criterion One; EU arms embargo (Council decision on the destination)",
)
.assuming(EMBARGO_ASSUMPTION);

/// EU-RU: Annex I items to Russia.
pub const EU_RU: Rule = Rule::new(
    "EU-RU",
    "Russia sanctions: Annex I dual-use items prohibited",
    "Council Regulation (EU) No 833/2014, Art. 2(1), as amended by Council Regulation (EU) 2022/328",
)
.applying_from(RU_MILITARY_BAN_FROM);

/// EU-BY: Annex I items to Belarus.
pub const EU_BY: Rule = Rule::new(
    "EU-BY",
    "Belarus sanctions: Annex I dual-use items prohibited",
    "Council Regulation (EC) No 765/2006, Art. 1e(1), as inserted by Council Regulation (EU) 2022/355",
)
.applying_from(BY_BAN_FROM)
.assuming(
    "Art. 1e of Reg. 765/2006 taken to apply from 2022-03-02, the publication date of \
     Reg. 2022/355 [VERIFY entry into force]",
);

/// EU-MM-MIL: dual-use items for the Myanmar military or Border Guard
/// Police.
pub const EU_MM_MIL: Rule = Rule::new(
    "EU-MM-MIL",
    "Myanmar sanctions: dual-use items for the military prohibited",
    "Council Regulation (EU) No 401/2013, Art. 3a, as inserted by Council Regulation (EU) 2018/647",
)
.applying_from(MM_2018_647_FROM)
.assuming(
    "article number (Art. 3a) and start date 2018-04-26 (adoption; published 2018-04-27) \
     of the Reg. 2018/647 amendment [VERIFY]; 'military' read as military end use or a \
     military end user, and Border Guard Police as a police end user so named",
);

/// EU-MM-MON: communications monitoring equipment to Myanmar.
pub const EU_MM_MON: Rule = Rule::new(
    "EU-MM-MON",
    "Myanmar sanctions: monitoring equipment needs prior authorisation, refused for state use",
    "Council Regulation (EU) No 401/2013, Art. 3b and Annex III, as inserted by Council Regulation (EU) 2018/647",
)
.applying_from(MM_2018_647_FROM)
.assuming(
    "article (Art. 3b) and annex of the Reg. 2018/647 monitoring-equipment restriction; \
     the capabilities ip-network-surveillance, monitoring-centre, mobile-interception \
     and intrusion-software read as the annexed equipment; a state end user read as \
     'reasonable grounds' for internal-repression use [VERIFY]",
);

/// EU-SY-MON: telecommunications monitoring equipment to Syria.
pub const EU_SY_MON: Rule = Rule::new(
    "EU-SY-MON",
    "Syria sanctions: monitoring equipment needs prior authorisation, refused for the regime",
    "Council Regulation (EU) No 36/2012, Art. 4 and Annex V",
)
.applying_from(SY_36_2012_FROM)
.assuming(
    "capability mapping to Annex V of Reg. 36/2012; a state end user read as use by \
     the regime; the restriction taken to survive the 2025 lifting of economic \
     sanctions on Syria [VERIFY]",
);

/// EU-TORTURE: the Anti-Torture Regulation (Annex II prohibited, Annex III
/// authorisation with the Art. 12(1) refusal).
pub const EU_TORTURE: Rule = Rule::new(
    "EU-TORTURE",
    "Torture goods prohibited; Annex III goods need authorisation, refused on reasonable grounds",
    "Regulation (EU) 2019/125, Arts. 3, 11 and 12, Annexes II and III",
)
.applying_from(TORTURE_1236_2005_FROM);

/// EU-FREEZE: a party listed under an EU asset freeze: no goods may be
/// made available to it.
pub const EU_FREEZE: Rule = Rule::new(
    "EU-FREEZE",
    "Party listed under an EU asset freeze: making goods available prohibited",
    "Council Regulation (EU) No 401/2013, Art. 4a and Annex IV; Council Regulation (EU) 2020/1998, Art. 3 and Annex I",
)
.assuming(
    "supplying goods to a listed person, as end user, consignee, purchaser or intermediary, \
     is making economic resources available to it; derogations and authorisations are not \
     modelled; listings (MEHL and MEC from 2021-04-19; XPCC Public Security Bureau from \
     2021-03-22), article and implementing-regulation numbers as in this crate's table \
     EU_LISTED_PERSONS [VERIFY]; names matched by echri_sdk::listing",
);

/// EU-NOTE: an item the case states is excluded from its control code by a
/// control-list note (e.g. Note 1 to 4E001) is not listed in Annex I.
pub const EU_NOTE: Rule = Rule::new(
    "EU-NOTE",
    "Item excluded from its Annex I entry by a note: not listed (catch-alls still apply)",
    "Regulation (EU) 2021/821, Annex I (notes to the entries, e.g. Note 1 to 4E001)",
)
.assuming(
    "the case's excluded-by-note attribute is read as the note applying to the item (for \
     4E001: Note 1, technology for vulnerability disclosure or cyber-incident response)",
);

/// EU-NLR: nothing (EU or national) applies.
pub const EU_NLR: Rule = Rule::new(
    "EU-NLR",
    "No authorisation required",
    "Regulation (EU) 2021/821, Arts. 3, 4 and 5 (not engaged)",
);

/// Outside what this model states: the case date is before the stated
/// period, or an item or transaction the model does not cover. Not
/// determined, never "no licence required".
pub const EU_SCOPE: Rule = Rule::new(
    "EU-SCOPE",
    "Outside what this model states: not determined",
    "echri model scope (this module's README: Stated period, Not modelled)",
);

/// Every rule of the EU baseline, in the README's order. Member-state
/// modules include it in their catalogues.
pub const CATALOGUE: &[Rule] = &[
    EU_LIST,
    EU_ASSESS_15,
    EU001,
    EU_INTRA,
    EU_INTRA_IV,
    EU_CATCHALL_4,
    EU_CYBER_5_1,
    EU_CYBER_5_2,
    EU_ML,
    EU_CP2,
    EU_ARMS_EMBARGO,
    EU_RU,
    EU_BY,
    EU_MM_MIL,
    EU_MM_MON,
    EU_SY_MON,
    EU_TORTURE,
    EU_FREEZE,
    EU_NOTE,
    EU_NLR,
    EU_SCOPE,
];

/// Rules whose findings are individual licence decisions to which
/// Art. 15(1) (Art. 12(1) of 428/2009) applies.
pub(crate) const LICENCE_DECISIONS: &[Rule] = &[EU_LIST, EU_INTRA_IV, EU_CYBER_5_1, EU_CATCHALL_4];
