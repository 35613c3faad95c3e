//! US country tables: the Country Groups of Supp. No. 1 to 15 CFR Part 740
//! and the Crime Control Column 1 of the Commerce Country Chart, as this
//! module models them. They are US policy and live here, not in the SDK.
//!
//! Source of the Country Groups: a third-party snapshot of Supp. No. 1 to
//! Part 740 quoted in the policy brief (§2.1), partial and not checked
//! against the eCFR \[VERIFY\]
//! (<https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-740/appendix-Supplement%20No.%201%20to%20Part%20740>).
//! The snapshot is undated; the module states it as of [`AS_OF`], its
//! effective date. Burma's move from Country Group B to D:1 on 8 March 2021
//! is dated in [`in_d1`]; no other membership change is dated.
//!
//! The ACE findings that rely on these groups carry the \[VERIFY\] assumption
//! (see `rules::US_ACE`).

use echri_sdk::prelude::*;

/// The date the tables of this module are stated as of: the module's
/// effective date (`ModuleInfo::effective`).
pub const AS_OF: Date = Date::ymd(2025, 1, 1);

/// Country Group D:1 (national security), partial snapshot \[VERIFY\].
/// Includes Burma (MM), a member only from 8 March 2021 ([`in_d1`]).
pub const D1: &[&str] = &[
    "AM", "AZ", "BY", "CN", "GE", "IQ", "KG", "KH", "KP", "KZ", "LA", "LY", "MD", "MM", "MN", "MO",
    "RU", "TJ", "TM", "UZ", "VE", "VN", "YE",
];
/// Country Group D:2 (nuclear), partial snapshot \[VERIFY\].
pub const D2: &[&str] = &["CU", "IL", "IN", "IQ", "IR", "KP", "LY", "PK", "SY", "VE"];
/// Country Group D:3 (chemical and biological), partial snapshot \[VERIFY\].
pub const D3: &[&str] = &[
    "AE", "AF", "AM", "AZ", "BH", "BY", "CN", "CU", "EG", "GE", "IL", "IN", "IQ", "IR", "JO", "KG",
    "KP", "KW", "KZ", "LB", "LY", "MD", "MM", "MN", "OM", "PK", "QA", "RU", "SA", "SY", "TJ", "TM",
    "TW", "UZ", "VE", "VN", "YE",
];
/// Country Group D:4 (missile technology), partial snapshot \[VERIFY\].
pub const D4: &[&str] = &[
    "AE", "BH", "CN", "EG", "IL", "IQ", "IR", "JO", "KP", "KW", "LB", "LY", "MO", "OM", "PK", "QA",
    "RU", "SA", "SY", "YE",
];
/// Country Group D:5 (US arms-embargoed countries), partial snapshot
/// \[VERIFY\].
pub const D5: &[&str] = &[
    "AF", "BY", "CD", "CF", "CN", "CU", "CY", "ER", "HT", "IQ", "IR", "KP", "LB", "LY", "MM", "NI",
    "RU", "SD", "SO", "SS", "SY", "VE", "ZW",
];
/// Country Group E:1 (terrorist-supporting countries), as in the brief.
pub const E1: &[&str] = &["IR", "KP", "SY"];
/// Country Group E:2 (unilateral embargo), as in the brief.
pub const E2: &[&str] = &["CU"];

/// NATO members (32, after Finland in 2023 and Sweden in 2024), as of
/// [`AS_OF`]: part of the Crime Control Column 1 table below.
pub const NATO: &[&str] = &[
    "AL", "BE", "BG", "CA", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IS",
    "IT", "LT", "LU", "LV", "ME", "MK", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "TR", "US",
];

/// The destinations with no mark in Crime Control Column 1 of the Commerce
/// Country Chart (Supp. No. 1 to Part 738), as far as the brief and the 2026
/// review support it: the BIS description (Foreign Policy Report 2005,
/// ch. 2: "all destinations except Australia, Japan, New Zealand and NATO
/// members", with today's NATO) plus Austria, which the review found
/// unmarked in the current Chart. Every membership is \[VERIFY\] against the
/// Chart: other non-NATO European states (Ireland, Switzerland, Cyprus,
/// Malta, Liechtenstein) are left in Column 1 only because the 2005
/// description puts them there.
pub const NOT_CC1: &[&str] = &[
    "AL", "AT", "AU", "BE", "BG", "CA", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR",
    "HU", "IS", "IT", "JP", "LT", "LU", "LV", "ME", "MK", "NL", "NO", "NZ", "PL", "PT", "RO", "SE",
    "SI", "SK", "TR", "US",
];

/// Whether `code` is in Crime Control Column 1 of the Commerce Country
/// Chart: every destination not in [`NOT_CC1`] \[VERIFY\].
pub fn in_cc_column_1(code: &str) -> bool {
    !in_group(code, NOT_CC1)
}

/// Burma moved from Country Group B to D:1 with the rule of 8 Mar 2021.
const BURMA_D1_FROM: Date = Date::ymd(2021, 3, 8);

/// Whether `code` is in Country Group D:1 on the case date (the snapshot,
/// with Burma's membership dated from 8 Mar 2021).
pub fn in_d1(code: &str, case: &Case) -> bool {
    in_group(code, D1) && !(code == "MM" && case.as_of < BURMA_D1_FROM)
}

#[cfg(test)]
mod tests {
    use super::*;
    use echri_sdk::testing::check_country_table;

    #[test]
    fn tables_hold_sorted_iso_codes() {
        for (name, table) in [
            ("D:1", D1),
            ("D:2", D2),
            ("D:3", D3),
            ("D:4", D4),
            ("D:5", D5),
            ("E:1", E1),
            ("E:2", E2),
            ("NATO", NATO),
            ("not CC1", NOT_CC1),
        ] {
            check_country_table(name, table);
        }
        assert_eq!(NATO.len(), 32);
    }

    #[test]
    fn cc_column_1_excludes_allies() {
        assert!(!in_cc_column_1("GB"));
        assert!(!in_cc_column_1("JP"));
        assert!(!in_cc_column_1("AT"));
        assert!(in_cc_column_1("IE"));
        for member in NATO {
            assert!(!in_cc_column_1(member), "{member}");
        }
        assert!(in_cc_column_1("CN"));
        assert!(in_cc_column_1("IL"));
    }
}
