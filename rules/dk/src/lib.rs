//! # echri-rule-dk: Denmark
//!
//! Denmark applies the EU baseline directly (Regulation (EU) 2021/821,
//! Common Position 2008/944/CFSP, Regulation (EU) 2019/125 and the EU
//! sanctions regulations), modelled in the shared crate [`echri_law_eu`].
//! Dual-use licences are issued by the Danish Business Authority
//! (Erhvervsstyrelsen, ERST); arms licences by the Ministry of Justice.
//!
//! National rule added here:
//! - `DK-DECL`: an application to export a listed cyber-surveillance item
//!   (5A001.f, 5A001.j, 4A005, 4D004, 4E001.a, 4E001.c, 5A004 and their
//!   supporting software and technology) must be accompanied by a management
//!   declaration signed by a member of company management; ERST will not
//!   process the application without it. When the declaration is missing the
//!   module adds a `DK-DECL` finding (same outcome as the licence requirement)
//!   and a condition; when it is supplied the precondition is met and no
//!   finding is added.
//!
//! This models policy for comparison; it is not legal advice.

#![warn(missing_docs)]

use echri_law_eu::{self as eu, MemberState};
use echri_sdk::prelude::*;
use echri_sdk::rule::join;

/// The Danish rule module.
#[derive(Debug, Clone, Copy)]
pub struct Dk;

/// Denmark as an EU member state.
pub const DENMARK: MemberState = MemberState {
    code: "DK",
    name: "Denmark",
    authority: "Danish Business Authority (Erhvervsstyrelsen)",
    military_authority: "the Ministry of Justice (Justitsministeriet)",
    national_rules: "DK-DECL (management declaration for cyber-surveillance items), not engaged",
};

/// Listed cyber-surveillance items for which ERST requires a management
/// declaration (ERST, "Hent og udfyld ledelseserklæring ved eksport af
/// cyberovervågningsudstyr, kategori 4 og 5"). Entries match sub-items.
const DECLARATION_ITEMS: &[&str] = &[
    "5A001.f", "5A001.j", "4A005", "4D004", "4E001.a", "4E001.c", "5A004",
];

/// Software and technology entries read as "supporting" the items above when
/// the item has a cyber-surveillance capability \[VERIFY\].
const SUPPORTING_ITEMS: &[&str] = &[
    "4D001.a",
    "5D001.a",
    "5D001.c",
    "5D001.e",
    "5E001.a",
    "5D002.a.3",
    "5D002.c.3",
];

const DECL_CITATION: &str = "Erhvervsstyrelsen, management declaration (ledelseserklæring) for \
     export of cyber-surveillance equipment, categories 4 and 5; Regulation (EU) 2021/821, Art. 3(1)";

const DECL_ASSUMPTION: &str = "declaration required for 5A001.f, 5A001.j, 4A005, 4D004, \
     4E001.a, 4E001.c, 5A004 and, where the item has a cyber-surveillance capability, for \
     4D001.a, 5D001.a/.c/.e, 5E001.a, 5D002.a.3, 5D002.c.3; applied on every as-of date and \
     only where an individual export authorisation is required [VERIFY]";

/// DK-DECL: the management-declaration precondition for an application to
/// export a listed cyber-surveillance item.
pub const DK_DECL: Rule = Rule::new(
    "DK-DECL",
    "Cyber-surveillance item: application needs a management declaration",
    DECL_CITATION,
)
.assuming(DECL_ASSUMPTION);

/// Every rule the Danish module applies: the EU baseline
/// ([`echri_law_eu::CATALOGUE`]) and `DK-DECL`.
pub static CATALOGUE: [Rule; eu::CATALOGUE.len() + 1] = join(eu::CATALOGUE, &[DK_DECL]);

/// Whether `item` is a cyber-surveillance item for which ERST requires a
/// management declaration.
pub fn needs_declaration(item: &Item) -> bool {
    let code = &item.control_code;
    code.is_under_any(DECLARATION_ITEMS)
        || (code.is_under_any(SUPPORTING_ITEMS) && eu::cyber_surveillance(item).is_some())
}

/// DK-DECL: the management-declaration precondition.
fn management_declaration(case: &Case) -> Vec<Finding> {
    let mut out = Vec::new();
    for item in case.items.iter() {
        if !needs_declaration(item) || !eu::needs_individual_licence(case, &DENMARK, item) {
            continue;
        }
        if case.has(RiskFact::ManagementDeclarationSupplied) {
            log(
                LogLevel::Debug,
                &format!(
                    "DK-DECL: management declaration supplied for {}",
                    item.control_code
                ),
            );
            continue;
        }
        out.push(DK_DECL.finding(
            Outcome::LicenceRequiredCaseByCase,
            format!(
                "{} is a listed cyber-surveillance item needing an export authorisation to {}; \
                 no management declaration signed by company management accompanies the \
                 application, and Erhvervsstyrelsen will not process the application without it.",
                eu::label(item),
                case.destination
            ),
        ));
    }
    out
}

/// The first day the model states the law for: earlier cases are not
/// determined (the sources the rules were reasoned from describe the
/// law from then on; see the README's "Stated period").
pub const STATED_FROM: Date = Date::ymd(2018, 1, 1);

impl RuleModule for Dk {
    fn info() -> ModuleInfo {
        eu::module_info(
            &DENMARK,
            "2025.1",
            STATED_FROM,
            &[
                (
                    "ERST: national administration, primary",
                    "https://danishbusinessauthority.dk/national-administration",
                ),
                (
                    "ERST: legislation, primary",
                    "https://eksportkontrol.erhvervsstyrelsen.dk/legislation",
                ),
                (
                    "ERST: control list, catch-all and technical assistance, primary",
                    "https://eksportkontrol.erhvervsstyrelsen.dk/control-list-catch-all-and-technical-assistance",
                ),
                (
                    "ERST: management declaration for cyber-surveillance equipment, primary",
                    "https://eksportkontrol.erhvervsstyrelsen.dk/hent-og-udfyld-ledelseserklaering-ved-eksport-af-cyberovervaagningsudstyr-kategori-4-og-5",
                ),
                (
                    "ERST: licensing procedures, primary",
                    "https://eksportkontrol.erhvervsstyrelsen.dk/licensing-procedures",
                ),
                (
                    "Bill L 11 (2020-21), inspection powers, primary",
                    "https://ft.dk/samling/20201/lovforslag/l11/20201_l11_som_fremsat.htm",
                ),
            ],
        )
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let outside = eu::EU_SCOPE.outside_model(case, "DK", STATED_FROM);
        if let Some(outside) = outside {
            return Ok(Assessment::most_restrictive(vec![outside]));
        }
        let mut findings = eu::assess(case, &DENMARK);
        let declaration = management_declaration(case);
        let missing = !declaration.is_empty();
        findings.extend(declaration);
        let assessment = eu::conclude(case, &DENMARK, findings);
        Ok(if missing {
            assessment.with_condition(
                "Attach a management declaration (ledelseserklæring) signed by a member of company \
                 management to the application; Erhvervsstyrelsen will not process it otherwise",
            )
        } else {
            assessment
        })
    }

    fn catalogue() -> &'static [Rule] {
        &CATALOGUE
    }
}

echri_sdk::export_rule_module!(Dk);

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, caps: &[Capability]) -> Item {
        Item {
            capabilities: caps.to_vec(),
            ..Item::coded(ControlCode::try_from(code.to_string()).expect("code"))
        }
    }

    #[test]
    fn declaration_items() {
        assert!(needs_declaration(&item("5A001.j", &[])));
        assert!(needs_declaration(&item("5A004.a", &[])));
        assert!(needs_declaration(&item("4E001.c", &[])));
        assert!(!needs_declaration(&item("4E001.b", &[])));
        assert!(!needs_declaration(&item("5A002.a", &[])));
        assert!(!needs_declaration(&item("5D001.e", &[])));
        assert!(needs_declaration(&item(
            "5D001.e",
            &[Capability::MonitoringCentre]
        )));
    }
}
