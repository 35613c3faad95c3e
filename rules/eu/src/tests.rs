//! Unit tests of the EU baseline helpers and rules.

use super::*;

const TEST_MS: MemberState = MemberState {
    code: "NL",
    name: "the Netherlands",
    authority: "Test Authority",
    military_authority: "Test Arms Authority",
    national_rules: "none",
};

/// A case from a compact JSON description.
fn case(as_of: &str, dest: &str, code: &str, caps: &[&str], kind: &str, facts: &[&str]) -> Case {
    let json = serde_json::json!({
        "id": "t",
        "as_of": as_of,
        "destination": dest,
        "facts": facts,
        "items": [{"control_code": code, "description": "thing", "capabilities": caps}],
        "parties": [{"name": "End User", "country": dest, "kind": kind, "role": "end-user"}],
    });
    serde_json::from_value(json).expect("valid test case")
}

fn ids(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule_id.as_str()).collect()
}

fn item(code: &str, caps: &[&str]) -> Item {
    serde_json::from_value(serde_json::json!({"control_code": code, "capabilities": caps}))
        .expect("valid item")
}

#[test]
fn regulation_switches_on_9_september_2021() {
    assert_eq!(
        DualUseRegulation::on(Date::ymd(2021, 9, 8)),
        DualUseRegulation::Reg428_2009
    );
    assert_eq!(
        DualUseRegulation::on(Date::ymd(2021, 9, 9)),
        DualUseRegulation::Reg2021_821
    );
    assert_eq!(DualUseRegulation::Reg428_2009.art_assess(), "Art. 12(1)");
    assert_eq!(
        DualUseRegulation::Reg2021_821.art_catchall_aware(),
        "Art. 4(2)"
    );
}

#[test]
fn classification() {
    assert_eq!(classify(&item("5A001.j", &[])), ItemClass::AnnexI);
    assert_eq!(classify(&item("ML10", &[])), ItemClass::Military);
    assert_eq!(classify(&item("EAR99", &[])), ItemClass::NotListed);
    assert_eq!(classify(&item("0A982", &[])), ItemClass::NotListed);
}

#[test]
fn annex_iv_and_eu001_exclusions() {
    let code = |s: &str| ControlCode::try_from(s.to_string()).expect("code");
    assert!(is_annex_iv(&code("0C001")));
    assert!(is_annex_iv(&code("1C001.a")));
    assert!(!is_annex_iv(&code("5A001.j")));
    assert!(eu001_excluded(&code("5A001.h")));
    assert!(eu001_excluded(&code("0B001")));
    for cyber in [
        "4A005", "4D004", "4E001.c", "5A001.f", "5A001.j", "5A004.a", "5D001.e",
    ] {
        assert!(
            !eu001_excluded(&code(cyber)),
            "{cyber} modelled as not excluded"
        );
    }
}

#[test]
fn monitoring_equipment_mapping() {
    assert!(is_monitoring_equipment(&item(
        "5A001.j",
        &["ip-network-surveillance"]
    )));
    assert!(is_monitoring_equipment(&item(
        "EAR99",
        &["mobile-interception"]
    )));
    assert!(!is_monitoring_equipment(&item(
        "EAR99",
        &["facial-recognition"]
    )));
}

#[test]
fn routes_of_a_listed_item() {
    let j = |dest: &str, facts: &[&str]| {
        let c = case("2024-01-01", dest, "5A001.j", &[], "private", facts);
        listed_route(&c, &TEST_MS, &c.items[0])
    };
    assert_eq!(j("NL", &[]), ListedRoute::Domestic);
    assert_eq!(j("DE", &[]), ListedRoute::IntraEu);
    assert_eq!(j("US", &[]), ListedRoute::Eu001);
    assert_eq!(j("US", &["wmd-end-use"]), ListedRoute::IndividualLicence);
    assert_eq!(j("EG", &[]), ListedRoute::IndividualLicence);
    let c = case("2024-01-01", "DE", "0C001", &[], "private", &[]);
    assert_eq!(
        listed_route(&c, &TEST_MS, &c.items[0]),
        ListedRoute::IntraEuAnnexIv
    );
}

#[test]
fn cyber_catch_all_needs_2021_821() {
    let caps = &["facial-recognition"];
    let before = case(
        "2021-09-08",
        "EG",
        "EAR99",
        caps,
        "police",
        &["exporter-informed-by-authority"],
    );
    let on = case(
        "2021-09-09",
        "EG",
        "EAR99",
        caps,
        "police",
        &["exporter-informed-by-authority"],
    );
    assert!(assess(&before, &TEST_MS).is_empty());
    assert_eq!(ids(&assess(&on, &TEST_MS)), ["EU-CYBER-5(1)"]);
    let aware = case(
        "2022-01-01",
        "EG",
        "EAR99",
        caps,
        "police",
        &["exporter-aware-of-misuse"],
    );
    assert_eq!(evaluate(&aware, &TEST_MS).outcome, Outcome::CatchAllNotify);
    // not for intra-EU transfers
    let intra = case(
        "2022-01-01",
        "DE",
        "EAR99",
        caps,
        "police",
        &["exporter-informed-by-authority"],
    );
    assert!(assess(&intra, &TEST_MS).is_empty());
}

#[test]
fn russia_blanket_ban_from_26_february_2022() {
    let before = case("2022-02-25", "RU", "5A002.a", &[], "private", &[]);
    let on = case("2022-02-26", "RU", "5A002.a", &[], "private", &[]);
    assert_eq!(
        evaluate(&before, &TEST_MS).outcome,
        Outcome::LicenceRequiredCaseByCase
    );
    assert_eq!(evaluate(&on, &TEST_MS).outcome, Outcome::Prohibited);
    let military = case("2020-01-01", "RU", "5A002.a", &[], "military", &[]);
    assert_eq!(evaluate(&military, &TEST_MS).outcome, Outcome::Prohibited);
}

#[test]
fn criterion_two_denies_military_items_only() {
    let ml = case(
        "2024-01-01",
        "EG",
        "ML7",
        &[],
        "police",
        &["clear-risk-internal-repression"],
    );
    let a = evaluate(&ml, &TEST_MS);
    assert_eq!(a.outcome, Outcome::Deny);
    assert!(a.has_rule("EU-CP2"));
    let du = case(
        "2024-01-01",
        "EG",
        "5A001.j",
        &[],
        "police",
        &["clear-risk-internal-repression"],
    );
    let a = evaluate(&du, &TEST_MS);
    assert_eq!(a.outcome, Outcome::LicenceRequiredCaseByCase);
    assert_eq!(ids(&a.findings), ["EU-LIST", "EU-ASSESS-15"]);
}

#[test]
fn torture_goods() {
    let implement = case(
        "2024-01-01",
        "US",
        "EAR99",
        &["torture-implement"],
        "police",
        &[],
    );
    assert_eq!(evaluate(&implement, &TEST_MS).outcome, Outcome::Prohibited);
    let cuffs = case("2024-01-01", "US", "EAR99", &["restraint"], "police", &[]);
    assert_eq!(
        evaluate(&cuffs, &TEST_MS).outcome,
        Outcome::LicenceRequiredCaseByCase
    );
    let intra = case(
        "2024-01-01",
        "DE",
        "EAR99",
        &["torture-implement"],
        "police",
        &[],
    );
    assert_eq!(
        evaluate(&intra, &TEST_MS).outcome,
        Outcome::NoLicenceRequired
    );
}

#[test]
fn military_catch_all_needs_a_defined_end_use_and_an_embargo() {
    // A military end user alone (review point 11) is no military end use.
    let civil = case("2024-01-01", "VE", "EAR99", &[], "military", &[]);
    assert_eq!(
        evaluate(&civil, &TEST_MS).outcome,
        Outcome::NoLicenceRequired
    );
    let aware = case(
        "2024-01-01",
        "VE",
        "EAR99",
        &[],
        "military",
        &["military-end-use"],
    );
    assert_eq!(evaluate(&aware, &TEST_MS).outcome, Outcome::CatchAllNotify);
    let informed = case(
        "2024-01-01",
        "VE",
        "EAR99",
        &[],
        "private",
        &["military-end-use", "exporter-informed-by-authority"],
    );
    assert_eq!(
        evaluate(&informed, &TEST_MS).outcome,
        Outcome::LicenceRequiredCaseByCase
    );
    // China's 1989 declaration is not an embargo of Art. 4(1)(b).
    let cn = case(
        "2024-01-01",
        "CN",
        "EAR99",
        &[],
        "military",
        &["military-end-use"],
    );
    let a = evaluate(&cn, &TEST_MS);
    assert_eq!(a.outcome, Outcome::NoLicenceRequired);
    assert_eq!(ids(&a.findings), ["EU-NLR"]);
    let in_ = case(
        "2024-01-01",
        "IN",
        "EAR99",
        &[],
        "military",
        &["military-end-use"],
    );
    assert_eq!(evaluate(&in_, &TEST_MS).outcome, Outcome::NoLicenceRequired);
}

#[test]
fn targeted_embargoes_spare_the_government() {
    let laf = case("2024-01-01", "LB", "ML1.a", &[], "military", &[]);
    let a = evaluate(&laf, &TEST_MS);
    assert_eq!(a.outcome, Outcome::LicenceRequiredCaseByCase);
    assert!(!a.has_rule("EU-ARMS-EMBARGO"));
    let militia = case("2024-01-01", "LB", "ML1.a", &[], "private", &[]);
    assert_eq!(evaluate(&militia, &TEST_MS).outcome, Outcome::Prohibited);
    // Somalia: a government embargo until 30 November 2023.
    let before = case("2023-11-30", "SO", "ML1.a", &[], "military", &[]);
    let after = case("2023-12-01", "SO", "ML1.a", &[], "military", &[]);
    assert_eq!(evaluate(&before, &TEST_MS).outcome, Outcome::Prohibited);
    assert_eq!(
        evaluate(&after, &TEST_MS).outcome,
        Outcome::LicenceRequiredCaseByCase
    );
    let cn = case("2024-01-01", "CN", "ML1.a", &[], "military", &[]);
    assert_eq!(
        evaluate(&cn, &TEST_MS).outcome,
        Outcome::LicenceRequiredCaseByCase
    );
}

#[test]
fn united_kingdom_was_in_the_union_until_2021() {
    let before = case("2020-12-31", "GB", "5A001.j", &[], "police", &[]);
    let after = case("2021-01-01", "GB", "5A001.j", &[], "police", &[]);
    assert_eq!(ids(&evaluate(&before, &TEST_MS).findings), ["EU-INTRA"]);
    assert_eq!(ids(&evaluate(&after, &TEST_MS).findings), ["EU001"]);
}

#[test]
fn cyber_surveillance_attribute_or_flagged_inference() {
    let mut c = case(
        "2024-01-01",
        "AE",
        "EAR99",
        &["facial-recognition"],
        "police",
        &["exporter-aware-of-misuse"],
    );
    let f = &evaluate(&c, &TEST_MS).findings[0];
    assert_eq!(f.rule_id, "EU-CYBER-5(2)");
    assert!(f.assumption.as_deref().unwrap_or("").contains("Art. 2(20)"));
    let mut items = c.items.to_vec();
    items[0].attributes = vec![ItemAttribute::CovertSurveillance];
    items[0].capabilities.clear();
    c.items = echri_sdk::model::Items::try_from(items).expect("items");
    let f = &evaluate(&c, &TEST_MS).findings[0];
    assert_eq!(f.rule_id, "EU-CYBER-5(2)");
    assert_eq!(f.assumption, None);
}

#[test]
fn note_1_to_4e001_and_asset_freeze() {
    let mut c = case("2024-01-01", "EG", "4E001.c", &[], "private", &[]);
    assert_eq!(
        evaluate(&c, &TEST_MS).outcome,
        Outcome::LicenceRequiredCaseByCase
    );
    let mut items = c.items.to_vec();
    items[0].attributes = vec![ItemAttribute::ExcludedByNote];
    c.items = echri_sdk::model::Items::try_from(items).expect("items");
    let a = evaluate(&c, &TEST_MS);
    assert_eq!(a.outcome, Outcome::NoLicenceRequired);
    assert_eq!(ids(&a.findings), ["EU-NOTE"]);

    let json = |as_of: &str| {
        serde_json::from_value::<Case>(serde_json::json!({
            "id": "t", "as_of": as_of, "destination": "MM",
            "items": [{"control_code": "EAR99"}],
            "parties": [{"name": "Myanmar Economic Holdings Public Company Limited",
                         "country": "MM", "kind": "state-owned", "role": "end-user"}],
        }))
        .expect("case")
    };
    assert_eq!(
        evaluate(&json("2021-04-18"), &TEST_MS).outcome,
        Outcome::NoLicenceRequired
    );
    assert_eq!(
        evaluate(&json("2021-04-19"), &TEST_MS).outcome,
        Outcome::Prohibited
    );
}

#[test]
fn riot_control_agents_are_ml7e() {
    let c = case(
        "2024-01-01",
        "KE",
        "1A984",
        &["crowd-control"],
        "police",
        &["civil-disorder"],
    );
    let a = evaluate(&c, &TEST_MS);
    assert_eq!(a.outcome, Outcome::LicenceRequiredCaseByCase);
    assert_eq!(ids(&a.findings), ["EU-ML"]);
    assert!(
        a.findings[0]
            .assumption
            .as_deref()
            .unwrap_or("")
            .contains("ML7.e")
    );
    let risk = case(
        "2024-01-01",
        "KE",
        "1A984",
        &[],
        "police",
        &["clear-risk-internal-repression"],
    );
    assert_eq!(evaluate(&risk, &TEST_MS).outcome, Outcome::Deny);
}

#[test]
fn nlr_explains_pre_2021_cyber_items() {
    let c = case(
        "2020-06-01",
        "EG",
        "EAR99",
        &["facial-recognition"],
        "police",
        &["exporter-aware-of-misuse"],
    );
    let a = evaluate(&c, &TEST_MS);
    assert_eq!(a.outcome, Outcome::NoLicenceRequired);
    assert!(a.findings[0].explanation.contains("2021-09-09"));
}

#[test]
fn module_info_lists_eu_then_national_sources() {
    let info = module_info(
        &TEST_MS,
        "2025.1",
        Date::ymd(2020, 1, 1),
        &[("National", "https://example.invalid")],
    );
    assert_eq!(info.jurisdiction, "NL");
    assert_eq!(
        info.sources.last().map(|s| s.title.as_str()),
        Some("National")
    );
    assert!(info.sources.len() > 10);
}

#[test]
fn catalogue_is_unique_and_documented() {
    echri_sdk::testing::check_rules(env!("CARGO_MANIFEST_DIR"), CATALOGUE);
}

#[test]
fn country_tables_hold_sorted_iso_codes() {
    echri_sdk::testing::check_country_table("EU001_DESTINATIONS", EU001_DESTINATIONS);
    echri_sdk::testing::check_country_table("EU_ARMS_EMBARGOED", EU_ARMS_EMBARGOED);
}

#[test]
fn every_finding_is_from_the_catalogue() {
    let dates = ["2012-06-01", "2020-01-01", "2021-09-09", "2024-06-01"];
    let codes = ["5A001.j", "ML1", "EAR99", "0A001", "1C001"];
    let caps: &[&[&str]] = &[
        &[],
        &["monitoring-centre"],
        &["torture-implement"],
        &["restraint"],
    ];
    let facts: &[&[&str]] = &[
        &[],
        &["clear-risk-internal-repression"],
        &["exporter-informed-by-authority", "military-end-use"],
        &["exporter-aware-of-misuse", "wmd-end-use"],
    ];
    for dest in ["NL", "DE", "US", "EG", "RU", "BY", "MM", "SY", "CN"] {
        for (i, code) in codes.iter().enumerate() {
            for (j, date) in dates.iter().enumerate() {
                let c = case(
                    date,
                    dest,
                    code,
                    caps[(i + j) % caps.len()],
                    "military",
                    facts[j % facts.len()],
                );
                for f in evaluate(&c, &TEST_MS).findings {
                    assert!(
                        CATALOGUE.iter().any(|r| f.is(r)),
                        "{} is not in the catalogue",
                        f.rule_id
                    );
                }
            }
        }
    }
}
