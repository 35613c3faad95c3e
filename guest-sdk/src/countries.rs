//! Country codes, and the few country groups that several jurisdictions
//! share.
//!
//! National policy tables do not live here: a country group or embargo list
//! that one jurisdiction's law defines belongs to that jurisdiction's rule
//! crate, so a change of one country's policy never edits the SDK. The US
//! Country Groups, the Crime Control Column 1 helper and NATO (which only the
//! US Column 1 approximation uses) are in `rules/us`; the UK arms-embargo
//! list in `rules/gb`; the EU arms-embargo list and the EU001 destinations in
//! `rules/eu`. What stays here is generic (ISO codes, [`in_group`]) or shared
//! by several jurisdictions ([`EU_MEMBER_STATES`]: the EU baseline and the
//! United Kingdom's post-Brexit rules).

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

/// The 27 Member States of the European Union (since the United Kingdom
/// left on 31 January 2020). Shared: the EU baseline (`rules/eu`) tests
/// intra-Union transfers with it and the United Kingdom (`rules/gb`) its
/// pre- and post-transition rules for exports to the Union.
pub const EU_MEMBER_STATES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
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
    fn every_member_state_is_assigned() {
        for code in EU_MEMBER_STATES {
            assert!(is_assigned(code), "{code} is not an ISO code");
        }
        assert_eq!(EU_MEMBER_STATES.len(), 27);
        assert!(EU_MEMBER_STATES.windows(2).all(|w| w[0] < w[1]));
        assert!(in_group("DK", EU_MEMBER_STATES) && !in_group("GB", EU_MEMBER_STATES));
    }
}
