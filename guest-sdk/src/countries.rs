//! Country codes and the country groups that export rules refer to.
//!
//! Group memberships are snapshots taken from the sources named on each
//! constant. Where the brief marks a membership as unconfirmed, the constant's
//! docs say so; rule modules that rely on it record the assumption in their
//! findings.

/// All officially assigned ISO 3166-1 alpha-2 codes, sorted.
const ASSIGNED: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code.
pub fn is_assigned(code: &str) -> bool {
    ASSIGNED.binary_search(&code).is_ok()
}

/// Every assigned code, sorted (for generators and tests).
pub fn all() -> &'static [&'static str] {
    ASSIGNED
}

/// The 27 Member States of the European Union.
pub const EU_MEMBER_STATES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Destinations of the Union General Export Authorisation EU001
/// (Regulation (EU) 2021/821, Annex II, Section A).
pub const EU001_DESTINATIONS: &[&str] = &[
    "AU", "CA", "CH", "GB", "IS", "JP", "LI", "NO", "NZ", "US",
];

/// NATO members (32, after Finland 2023 and Sweden 2024).
pub const NATO: &[&str] = &[
    "AL", "BE", "BG", "CA", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IS",
    "IT", "LT", "LU", "LV", "ME", "MK", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "TR", "US",
];

/// US Country Group D:1 (national security). Third-party snapshot of
/// Supp. No. 1 to 15 CFR Part 740, partial: the brief marks it [VERIFY].
pub const US_D1: &[&str] = &[
    "AM", "AZ", "BY", "CN", "GE", "IQ", "KG", "KH", "KP", "KZ", "LA", "LY", "MD", "MM", "MN", "MO",
    "RU", "TJ", "TM", "UZ", "VE", "VN", "YE",
];
/// US Country Group D:2 (nuclear), partial snapshot [VERIFY].
pub const US_D2: &[&str] = &["CU", "IL", "IN", "IR", "IQ", "KP", "LY", "PK", "SY", "VE"];
/// US Country Group D:3 (chemical and biological), partial snapshot [VERIFY].
pub const US_D3: &[&str] = &[
    "AE", "AF", "AM", "AZ", "BH", "BY", "CN", "CU", "EG", "GE", "IL", "IN", "IQ", "IR", "JO", "KG",
    "KP", "KW", "KZ", "LB", "LY", "MD", "MM", "MN", "OM", "PK", "QA", "RU", "SA", "SY", "TJ", "TM",
    "TW", "UZ", "VE", "VN", "YE",
];
/// US Country Group D:4 (missile technology), partial snapshot [VERIFY].
pub const US_D4: &[&str] = &[
    "AE", "BH", "CN", "EG", "IL", "IQ", "IR", "JO", "KP", "KW", "LB", "LY", "MO", "OM", "PK", "QA",
    "RU", "SA", "SY", "YE",
];
/// US Country Group D:5 (US arms embargoed countries), partial snapshot [VERIFY].
pub const US_D5: &[&str] = &[
    "AF", "BY", "CD", "CF", "CN", "CU", "CY", "ER", "HT", "IQ", "IR", "KP", "LB", "LY", "MM", "NI",
    "RU", "SD", "SO", "SS", "SY", "VE", "ZW",
];
/// US Country Group E:1 (terrorist supporting countries).
pub const US_E1: &[&str] = &["IR", "KP", "SY"];
/// US Country Group E:2 (unilateral embargo).
pub const US_E2: &[&str] = &["CU"];

/// Destinations outside EAR Crime Control Column 1, i.e. CC1 = every other
/// destination. BIS (2005) described CC Column 1 as all destinations except
/// Australia, Japan, New Zealand and NATO members [VERIFY current chart].
pub fn in_us_cc_column_1(code: &str) -> bool {
    !(matches!(code, "AU" | "JP" | "NZ") || NATO.contains(&code))
}

/// Destinations under an EU arms embargo relevant to the Art. 4(2) and
/// national military end-use catch-alls. Snapshot of the EU sanctions map;
/// China's 1989 embargo is a political declaration but is applied as one.
/// [VERIFY]: the list changes; this is an assumption of the modules.
pub const EU_ARMS_EMBARGOED: &[&str] = &[
    "AF", "BY", "CD", "CF", "CN", "IQ", "IR", "KP", "LB", "LY", "MM", "RU", "SD", "SO", "SS", "SY",
    "VE", "YE", "ZW",
];

/// Destinations under a UK arms embargo (UK sanctions regimes and the UK's
/// continued application of the 1989 China embargo) [VERIFY].
pub const UK_ARMS_EMBARGOED: &[&str] = &[
    "AF", "BY", "CD", "CF", "CN", "IQ", "IR", "KP", "LB", "LY", "MM", "RU", "SD", "SO", "SS", "SY",
    "VE", "YE", "ZW",
];

/// Whether `code` is in `group`.
pub fn in_group(code: &str, group: &[&str]) -> bool {
    group.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_list_is_sorted_and_unique() {
        assert!(ASSIGNED.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ASSIGNED.len(), 249);
    }

    #[test]
    fn every_group_member_is_assigned() {
        for group in [
            EU_MEMBER_STATES,
            EU001_DESTINATIONS,
            NATO,
            US_D1,
            US_D2,
            US_D3,
            US_D4,
            US_D5,
            US_E1,
            US_E2,
            EU_ARMS_EMBARGOED,
            UK_ARMS_EMBARGOED,
        ] {
            for code in group {
                assert!(is_assigned(code), "{code} is not an ISO code");
            }
        }
        assert_eq!(EU_MEMBER_STATES.len(), 27);
        assert_eq!(NATO.len(), 32);
    }

    #[test]
    fn cc_column_1_excludes_allies() {
        assert!(!in_us_cc_column_1("GB"));
        assert!(!in_us_cc_column_1("JP"));
        assert!(in_us_cc_column_1("CN"));
        assert!(in_us_cc_column_1("IL"));
    }
}
