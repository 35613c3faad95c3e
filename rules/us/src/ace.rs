//! US-ACE / US-ACE-BAR: License Exception Authorized Cybersecurity Exports
//! (15 CFR 740.22; interim final rule 86 FR 58205, 21 Oct 2021, in force
//! 7 Mar 2022; final rule 87 FR 31948, 26 May 2022).
//!
//! A "cybersecurity item" (740.22(b)(1)) is exported under ACE unless a bar
//! of 740.22(c) applies. ACE is only reached for destinations other than
//! Canada: the items are NS Column 1, which has no mark for Canada, so an
//! export to Canada needs no licence and no licence exception (`ccl`,
//! `US-NS-CA`; REVIEW point 5). When a bar applies, the item needs a licence (it is
//! controlled for NS and AT reasons), reviewed case by case, and under
//! 742.7(b)(2) BIS also reviews whether it could be used in human-rights
//! violations or abuses.

use echri_sdk::prelude::*;

use crate::country_groups::{D2, D3, D4, D5, E1, E2};
use crate::rules::{US_ACE, US_ACE_BAR, US_SCOPE};
use crate::{hr_risk_note, in_d1, item_label, party_label};

/// The date License Exception ACE and the cybersecurity-item controls took
/// effect (86 FR 58205, effective date delayed to 7 Mar 2022 by 87 FR 1670).
pub(crate) const ACE_EFFECTIVE: Date = Date::ymd(2022, 3, 7);

/// Cybersecurity items that are such without a qualifier.
const UNQUALIFIED: &[&str] = &["4A005", "4D004", "4E001.c", "5A001.j"];
/// "4D001.a (for 4A005 or 4D004)" and "4E001.a (for 4A005, 4D001.a or 4D004)".
const FOR_INTRUSION: &[&str] = &["4D001.a", "4E001.a"];
/// "5B001.a (for 5A001.j)", "5D001.a (for 5A001.j)", "5D001.c (for 5A001.j or
/// 5B001.a)", "5E001.a (for 5A001.j or 5D001.a)".
const FOR_IP_SURVEILLANCE: &[&str] = &["5B001.a", "5D001.a", "5D001.c", "5E001.a"];
/// The cybersecurity items that may go to a favourable-treatment
/// cybersecurity end user in D:1 or D:5 (740.22(c)(1)(iii)(A)).
const FAVOURABLE_TREATMENT_CODES: &[&str] = &["4A005", "4D001.a", "4D004", "4E001.a", "4E001.c"];

/// Whether the item is a "cybersecurity item" of 740.22(b)(1).
///
/// The "(for ...)" qualifiers are read from the item's capabilities:
/// 4D001.a/4E001.a count only with the intrusion-software capability,
/// 5B001.a/5D001.a/5D001.c/5E001.a only with IP-network surveillance.
pub(crate) fn is_cybersecurity_item(item: &Item) -> bool {
    let code = &item.control_code;
    code.is_under_any(UNQUALIFIED)
        || (code.is_under_any(FOR_INTRUSION) && item.has(Capability::IntrusionSoftware))
        || (code.is_under_any(FOR_IP_SURVEILLANCE) && item.has(Capability::IpNetworkSurveillance))
}

/// The share of state ownership from which the 2022 final rule's
/// illustrative list counts an entity as a "government end user" (87 FR
/// 31948; brief §2.1).
pub(crate) const GOVERNMENT_SHARE: u8 = 25;

/// Whether `party` is a "government end user" for ACE (740.22(b)(2)): a
/// governmental kind (ministry, police, intelligence, military, state-owned
/// entity), or an entity stated to be at least 25 % government-owned
/// (contract 0.2 `state-ownership-percent`).
pub(crate) fn is_government_end_user(party: &Party) -> bool {
    party.kind.is_governmental()
        || party
            .state_ownership_percent
            .is_some_and(|p| p >= GOVERNMENT_SHARE)
}

/// A favourable-treatment cybersecurity end user (740.22(b)(3)): a U.S.
/// subsidiary, a bank or financial-services provider, an insurer, or a civil
/// health or medical institution. Government end users never are.
fn is_favourable_treatment(party: &Party) -> bool {
    !is_government_end_user(party)
        && (party.us_subsidiary
            || matches!(
                party.sector,
                Sector::Finance | Sector::Insurance | Sector::Health
            ))
}

fn in_d_any(code: &str, case: &Case) -> bool {
    in_d1(code, case) || [D2, D3, D4, D5].iter().any(|g| in_group(code, g))
}

fn in_d1_or_d5(code: &str, case: &Case) -> bool {
    in_d1(code, case) || in_group(code, D5)
}

/// Reasons, decided elsewhere, that make every licence exception
/// unavailable for the case (Entity List entry, Russia/Belarus measures).
pub(crate) type Overrides = [String];

/// The ACE finding for one cybersecurity item.
pub(crate) fn assess(case: &Case, item: &Item, overrides: &Overrides) -> Finding {
    let label = item_label(item);
    let dest = case.destination.code();

    if !US_ACE.applies_on(case.as_of) {
        // `ccl::assess` answers cases before ACE took effect (REVIEW point
        // 4); should another caller reach here, the model still does not
        // decide them.
        return US_SCOPE.finding(
            Outcome::NotDetermined,
            format!(
                "{label} is a cybersecurity item, and the case date {} is before {ACE_EFFECTIVE}, \
                 when ACE and the cybersecurity-item entries took effect: not modelled",
                case.as_of
            ),
        );
    }

    let mut bars: Vec<String> = overrides.to_vec();
    let mut applied: Vec<String> = Vec::new();
    if in_group(dest, E1) || in_group(dest, E2) {
        bars.push(format!(
            "(c)(1)(i): the destination {dest} is in Country Group E:1/E:2"
        ));
    }
    let favourable_code = item.control_code.is_under_any(FAVOURABLE_TREATMENT_CODES);
    let vd_ir = matches!(
        case.end_use.category,
        EndUseCategory::VulnerabilityDisclosure | EndUseCategory::IncidentResponse
    );
    for party in case.end_users() {
        let country = party.country.code();
        if is_government_end_user(party) {
            if in_d_any(country, case) {
                let why = match party.state_ownership_percent {
                    Some(p) if !party.kind.is_governmental() => format!(
                        "{p} % state-owned, at least the {GOVERNMENT_SHARE} % of the 2022 final \
                         rule's illustrative list [VERIFY]"
                    ),
                    _ => party.kind.to_string(),
                };
                bars.push(format!(
                    "(c)(1)(ii): {} is a government end user ({why}) in Country Group D:1-D:5",
                    party_label(party),
                ));
            }
        } else if in_d1_or_d5(country, case) {
            if favourable_code && is_favourable_treatment(party) {
                applied.push(format!(
                    "{} is a non-government end user in D:1/D:5 but a favourable-treatment \
                     cybersecurity end user, and the item is within (c)(1)(iii)(A)",
                    party_label(party)
                ));
            } else if vd_ir {
                applied.push(format!(
                    "{} is a non-government end user in D:1/D:5, but the end use is {} \
                     ((c)(1)(iii)(B))",
                    party_label(party),
                    case.end_use.category
                ));
            } else {
                let why = if is_favourable_treatment(party) {
                    "; it is a favourable-treatment end user, but that exception covers only \
                     4A005, 4D001.a, 4D004, 4E001.a and 4E001.c"
                } else {
                    ""
                };
                bars.push(format!(
                    "(c)(1)(iii): {} is a non-government end user in Country Group D:1 or D:5 and \
                     the end use is not vulnerability disclosure or cyber incident response{why}",
                    party_label(party)
                ));
            }
        }
    }
    if case.has(RiskFact::UnauthorisedAccessKnowledge) {
        bars.push(
            "(c)(2): the exporter knows or has reason to know the item will be used to affect the \
             confidentiality, integrity or availability of information systems without \
             authorisation"
                .to_string(),
        );
    }

    if bars.is_empty() {
        let parties: Vec<String> = case.end_users().map(party_label).collect();
        US_ACE.finding(
            Outcome::LicenceException,
            format!(
                "{label} is a cybersecurity item (740.22(b)(1)), controlled for NS and AT reasons; \
                 License Exception ACE covers the export to {dest} for end user(s) {}: the \
                 destination is not in E:1/E:2, no government end user is in D:1-D:5, no \
                 non-government end user is in D:1/D:5 (or the favourable-treatment or \
                 vulnerability-disclosure/incident-response exception applies), and there is no \
                 knowledge of unauthorised access (740.22(c)(2)){}.",
                parties.join(", "),
                if applied.is_empty() {
                    String::new()
                } else {
                    format!("; in particular {}", applied.join("; "))
                }
            ),
        )
    } else {
        US_ACE_BAR.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{label} is a cybersecurity item, but License Exception ACE is unavailable: {}. A \
                 licence is required (NS/AT), reviewed case by case; under 742.7(b)(2) BIS also \
                 considers the risk of use in violations or abuses of human rights{}.",
                bars.join("; "),
                hr_risk_note(case)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, capabilities: Vec<Capability>) -> Item {
        Item {
            control_code: ControlCode::try_from(code.to_string()).expect("valid code"),
            description: String::new(),
            capabilities,
            attributes: Vec::new(),
            other_lists: Vec::new(),
        }
    }

    #[test]
    fn cybersecurity_items_follow_the_for_qualifiers() {
        assert!(is_cybersecurity_item(&item("4A005", vec![])));
        assert!(is_cybersecurity_item(&item("5A001.j", vec![])));
        assert!(is_cybersecurity_item(&item("4E001.c", vec![])));
        assert!(!is_cybersecurity_item(&item("4D001.a", vec![])));
        assert!(is_cybersecurity_item(&item(
            "4D001.a",
            vec![Capability::IntrusionSoftware]
        )));
        assert!(!is_cybersecurity_item(&item(
            "5D001.a",
            vec![Capability::IntrusionSoftware]
        )));
        assert!(is_cybersecurity_item(&item(
            "5D001.c",
            vec![Capability::IpNetworkSurveillance]
        )));
        assert!(!is_cybersecurity_item(&item(
            "5A001.f",
            vec![Capability::MobileInterception]
        )));
        assert!(!is_cybersecurity_item(&item(
            "EAR99",
            vec![Capability::IntrusionSoftware]
        )));
    }
}
