//! US-CC: crime-control and detection items, 15 CFR 742.7 (licence
//! requirements (a), licensing policy (b) as amended 6 Oct 2020, 85 FR 63007).
//!
//! Unilateral US controls "in support of U.S. foreign policy to promote the
//! observance of human rights throughout the world" (742.7(a)); not based on
//! any multilateral regime (742.7(d)).

use echri_sdk::listing::name_contains;
use echri_sdk::prelude::*;

use crate::country_groups::in_cc_column_1;
use crate::rules::{US_CC_1, US_CC_2, US_CC_3, US_CC_3_CA, US_CC_4};
use crate::{hr_risk_facts, item_label};

/// The 6 Oct 2020 rule that created ECCN 0A977 (water cannon) and its
/// software and technology entries.
const WATER_CANNON_RULE: Date = Date::ymd(2020, 10, 6);

/// 742.7(a)(1) ECCNs controlled to CC Column 1 without a qualifier.
const CC1_PLAIN: &[&str] = &[
    "0A978", "0A979", "1A984", "1A985", "3A980", "3A981", "3D980", "3E980", "4A980", "4D980",
    "4E980", "9A980",
];
/// 742.7(a)(1) ECCNs added by the 6 Oct 2020 rule (water cannon).
const CC1_WATER_CANNON: &[&str] = &["0A977", "0D977", "0E977"];
/// "(for fingerprint computers only)".
const CC1_FINGERPRINT: &[&str] = &["4A003", "4D001", "4E001"];
/// "(for police-model infrared viewers only)".
const CC1_POLICE_IR: &[&str] = &["6A002", "6E001", "6E002"];

/// Which paragraph of 742.7(a) controls an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Para {
    /// (a)(1): CC Column 1 destinations.
    Column1,
    /// (a)(2): 0A981, all destinations.
    Execution,
    /// (a)(3): 0A982, 0A503, 0E982, all destinations except Canada.
    AllButCanada,
    /// (a)(4): 0A983, all destinations (see 742.11).
    Torture,
}

/// The result of the crime-control analysis of one item: a finding, or a
/// note for the no-licence-required explanation, or nothing (not a
/// crime-control item).
#[derive(Debug)]
pub(crate) enum CcResult {
    /// A crime-control rule applies.
    Finding(Finding),
    /// A crime-control item that needs no licence here, with why.
    NotLicensable(String),
    /// Not a crime-control item.
    NotCc,
}

fn paragraph(case: &Case, item: &Item) -> Option<Para> {
    let code = &item.control_code;
    if code.is_under("0A981") {
        Some(Para::Execution)
    } else if code.is_under_any(&["0A982", "0A503", "0E982"]) {
        Some(Para::AllButCanada)
    } else if code.is_under("0A983") {
        Some(Para::Torture)
    } else if code.is_under_any(CC1_PLAIN)
        || (code.is_under_any(CC1_WATER_CANNON) && case.as_of >= WATER_CANNON_RULE)
        || (code.is_under_any(CC1_FINGERPRINT) && item.has(Capability::BiometricIdentification))
        || (code.is_under_any(CC1_POLICE_IR) && name_contains(&item.description, "police"))
    {
        Some(Para::Column1)
    } else {
        None
    }
}

/// The 742.7(b)(1) licensing policy on the stated facts.
fn policy(case: &Case) -> (Outcome, String, Option<&'static str>) {
    if case.has(RiskFact::GrossViolationsPattern) {
        return (
            Outcome::PresumptionOfDenial,
            "the destination's government engages in a consistent pattern of gross violations of \
             internationally recognised human rights, for which BIS applies a general policy of \
             denial to crime-control items (BIS Foreign Policy Report 2005, ch. 2)"
                .to_string(),
            Some(
                "The BIS general policy of denial for countries with a consistent pattern of gross \
                 violations (2005 foreign-policy report) is treated as operating like a codified \
                 presumption of denial.",
            ),
        );
    }
    let mut grounds = Vec::new();
    if case.has(RiskFact::CivilDisorder) {
        grounds.push("there is civil disorder in the country or region".to_string());
    }
    let facts = hr_risk_facts(case);
    if !facts.is_empty() {
        let names: Vec<&str> = facts.iter().map(|f| f.as_str()).collect();
        grounds.push(format!(
            "BIS would assess a risk that the items will be used in a violation or abuse of human \
             rights (stated facts: {})",
            names.join(", ")
        ));
    }
    if grounds.is_empty() {
        (
            Outcome::LicenceRequiredFavourable,
            "under 742.7(b)(1) the application is generally considered favourably case by case, as \
             there is no civil disorder and no assessed human-rights risk on the stated facts"
                .to_string(),
            None,
        )
    } else {
        (
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "the favourable policy of 742.7(b)(1) does not hold because {}; the application is \
                 decided case by case",
                grounds.join(" and ")
            ),
            None,
        )
    }
}

/// The crime-control analysis of one item.
pub(crate) fn assess(case: &Case, item: &Item) -> CcResult {
    let dest = case.destination.code();
    let label = item_label(item);
    let Some(para) = paragraph(case, item) else {
        if item.control_code.is_under_any(CC1_WATER_CANNON) {
            return CcResult::NotLicensable(format!(
                "{label}: ECCN created by the rule of {WATER_CANNON_RULE} (85 FR 63007), after the \
                 case date {}, so no crime-control requirement applies",
                case.as_of
            ));
        }
        return CcResult::NotCc;
    };

    let (rule, para_cite, scope) = match para {
        Para::Column1 => {
            if !in_cc_column_1(dest) {
                return CcResult::NotLicensable(format!(
                    "{label}: controlled under 742.7(a)(1) only to CC Column 1 destinations, and \
                     {dest} is not in CC Column 1 as this model rebuilds it (AU, JP, NZ, NATO \
                     members and AT are not) [VERIFY against the Country Chart]"
                ));
            }
            (
                US_CC_1,
                "742.7(a)(1)",
                format!("to CC Column 1 destinations, which include {dest}"),
            )
        }
        Para::Execution => (US_CC_2, "742.7(a)(2)", "to all destinations".to_string()),
        Para::AllButCanada => {
            if dest == "CA" {
                return CcResult::Finding(US_CC_3_CA.finding(
                    Outcome::NoLicenceRequired,
                    format!(
                        "{label} is controlled for crime-control reasons under 742.7(a)(3) to all \
                         destinations except Canada; the destination is Canada, so no crime-control \
                         licence is required."
                    ),
                ));
            }
            (
                US_CC_3,
                "742.7(a)(3)",
                format!("to all destinations except Canada, so also to {dest}"),
            )
        }
        Para::Torture => (US_CC_4, "742.7(a)(4)", "to all destinations".to_string()),
    };

    if para == Para::Torture {
        return CcResult::Finding(rule.finding(
            Outcome::PresumptionOfDenial,
            format!(
                "{label} is a specially designed implement of torture (ECCN 0A983), licensable \
                 to all destinations including {dest}; under 742.11 applications for such \
                 implements are generally denied."
            ),
        ));
    }

    let (outcome, policy_text, assumption) = policy(case);
    // The rule's own citation is "15 CFR <para>, 742.7(b)(1)"; the general
    // policy of denial adds its source. The policy's assumption is added
    // after US-CC-1's standing one (the rebuilt Column 1, [VERIFY]), which
    // stays visible (REVIEW point 6).
    let mut finding = rule.finding(
        outcome,
        format!(
            "{label} is a crime-control item licensable {scope} under {para_cite} (controlled in \
             support of the observance of human rights); {policy_text}."
        ),
    );
    if outcome == Outcome::PresumptionOfDenial {
        finding = finding.citing(format!(
            "{}; BIS Foreign Policy Report 2005, ch. 2",
            rule.citation
        ));
    }
    if let Some(a) = assumption {
        finding = finding.also_assuming(a);
    }
    CcResult::Finding(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_with(code: &str, caps: Vec<Capability>, desc: &str, as_of: Date) -> Case {
        Case::new(
            "t",
            as_of,
            Country::try_from("TH".to_string()).expect("country"),
            vec![Item {
                control_code: ControlCode::try_from(code.to_string()).expect("code"),
                description: desc.into(),
                capabilities: caps,
                attributes: Vec::new(),
                other_lists: Vec::new(),
            }],
            vec![Party::new(
                "Royal Thai Police",
                Country::try_from("TH".to_string()).expect("country"),
                PartyKind::Police,
                PartyRole::EndUser,
            )],
            EndUse::default(),
            vec![],
        )
        .expect("case")
    }

    /// REVIEW point 6: the rebuilt Column 1 stays a visible [VERIFY]
    /// assumption when the gross-violations assumption is added.
    #[test]
    fn column_1_assumption_survives_the_policy_assumption() {
        let mut c = case_with("0A978", vec![], "batons", Date::ymd(2024, 1, 1));
        c.facts.push(RiskFact::GrossViolationsPattern);
        let CcResult::Finding(f) = assess(&c, &c.items[0]) else {
            panic!("0A978 to TH is a CC Column 1 item");
        };
        assert_eq!(f.outcome, Outcome::PresumptionOfDenial);
        let a = f.assumption.expect("assumption");
        assert!(a.contains("Crime Control Column 1 is rebuilt"), "{a}");
        assert!(a.contains("[VERIFY each member"), "{a}");
        assert!(a.contains("gross violations"), "{a}");
    }

    #[test]
    fn qualifiers_and_dates() {
        let d = Date::ymd(2024, 1, 1);
        let c = case_with("4A003", vec![], "", d);
        assert_eq!(paragraph(&c, &c.items[0]), None);
        let c = case_with("4A003", vec![Capability::BiometricIdentification], "", d);
        assert_eq!(paragraph(&c, &c.items[0]), Some(Para::Column1));
        let c = case_with("6A002", vec![], "Police-model thermal imager", d);
        assert_eq!(paragraph(&c, &c.items[0]), Some(Para::Column1));
        let c = case_with("0A977", vec![], "", Date::ymd(2020, 10, 5));
        assert_eq!(paragraph(&c, &c.items[0]), None);
        let c = case_with("0A977", vec![], "", Date::ymd(2020, 10, 6));
        assert_eq!(paragraph(&c, &c.items[0]), Some(Para::Column1));
    }
}
