//! Property tests: over generated cases, the host never panics, every
//! built-in module answers (rule modules never fail on a valid case), and
//! the sandboxed answer equals the native one. Over arbitrary text, case
//! parsing never panics.

use std::sync::OnceLock;

use echri::input::case_file::{Format, parse_case};
use echri_runtime::{Limits, Runtime};
use echri_sdk::countries;
use echri_sdk::model::{
    Capability, Case, ControlList, Date, EndUse, EndUseCategory, Item, ItemAttribute, ListEntry,
    Mitigation, Notice, NoticeBasis, Party, PartyKind, PartyRole, PriorDenial, RiskFact, Sector,
    Transaction, TransactionKind,
};
use echri_tests::RuntimeExt as _;
use echri_tests::native;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

const CODES: &[&str] = &[
    "EAR99", "4A005", "4D004", "4E001.a", "4E001.c", "5A001.f", "5A001.j", "5D001.e", "5A002",
    "5A004.a", "1A004.c", "0A982", "0A503", "0A983", "0A977", "3A981", "6A003", "ML1", "ML6",
    "ML7.e", "9A980", "2B001",
];
const NAMES: &[&str] = &[
    "NSO Group",
    "Hikvision",
    "Intellexa S.A.",
    "Ministry of Defence",
    "Acme Ltd",
    "Xinjiang Uyghur Autonomous Region Public Security Bureau",
    "Positive Technologies",
    "Border Guard Police",
    "Bank of Example",
];

fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        let mut rt = Runtime::new(Limits::default(), 2).expect("engine");
        assert!(rt.load_builtin().is_empty());
        rt
    })
}

fn item() -> impl Strategy<Value = Item> {
    (
        select(CODES),
        subsequence(Capability::ALL.to_vec(), 0..3),
        subsequence(ItemAttribute::ALL.to_vec(), 0..2),
        prop::option::of((
            select(ControlList::ALL),
            select(&["1.1", "2.1", "PL5001"][..]),
        )),
    )
        .prop_map(|(code, caps, attributes, list)| Item {
            control_code: code.parse().expect("valid code"),
            description: format!("generated {code}"),
            capabilities: caps,
            attributes,
            other_lists: list
                .into_iter()
                .map(|(list, entry)| ListEntry {
                    list,
                    entry: entry.to_owned(),
                })
                .collect(),
        })
}

fn party() -> impl Strategy<Value = Party> {
    (
        select(NAMES),
        select(countries::all()),
        select(PartyKind::ALL),
        select(PartyRole::ALL),
        select(Sector::ALL),
        any::<bool>(),
        (
            prop::option::of(select(NAMES)),
            prop::option::of(select(countries::all())),
            prop::option::of(0u8..=100),
        ),
    )
        .prop_map(
            |(name, country, kind, role, sector, us_subsidiary, (alias, address, state))| Party {
                name: name.to_owned(),
                country: country.parse().expect("assigned code"),
                kind,
                role,
                sector,
                us_subsidiary,
                aliases: alias.into_iter().map(str::to_owned).collect(),
                address_country: address.map(|c| c.parse().expect("assigned code")),
                parent: alias.map(|a| format!("{a} Holdings")),
                state_ownership_percent: state,
                nationality: None,
            },
        )
}

/// The 0.2 case facts beyond 0.1: transaction, notices, denials, mitigations.
fn extras() -> impl Strategy<Value = (Transaction, Vec<Notice>, Vec<PriorDenial>, Vec<Mitigation>)>
{
    (
        select(TransactionKind::ALL),
        prop::option::of(select(countries::all())),
        prop::option::of((select(NoticeBasis::ALL), select(countries::all()))),
        prop::option::of((select(countries::all()), any::<bool>())),
        subsequence(Mitigation::ALL.to_vec(), 0..2),
    )
        .prop_map(|(kind, exporter, notice, denial, mitigations)| {
            let country = |c: &str| c.parse().expect("assigned code");
            (
                Transaction {
                    kind,
                    exporter_country: exporter.map(country),
                    exporter_region: None,
                },
                notice
                    .into_iter()
                    .map(|(basis, by)| Notice {
                        basis,
                        authority: country(by),
                        date: None,
                    })
                    .collect(),
                denial
                    .into_iter()
                    .map(|(by, essentially_identical)| PriorDenial {
                        by: country(by),
                        date: None,
                        essentially_identical,
                    })
                    .collect(),
                mitigations,
            )
        })
}

fn case() -> impl Strategy<Value = Case> {
    (
        select(countries::all()),
        (2010u16..2027, 1u8..13, 1u8..29),
        prop::collection::vec(item(), 1..4),
        party(),
        prop::collection::vec(party(), 0..3),
        select(EndUseCategory::ALL),
        subsequence(RiskFact::ALL.to_vec(), 0..5),
        extras(),
    )
        .prop_map(
            |(dest, (y, m, d), items, mut end_user, others, category, facts, extras)| {
                end_user.role = PartyRole::EndUser;
                let mut parties = vec![end_user];
                parties.extend(others);
                let mut case = Case::new(
                    "prop",
                    Date::new(y, m, d).expect("day 1-28 exists"),
                    dest.parse().expect("assigned code"),
                    items,
                    parties,
                    EndUse {
                        category,
                        description: String::new(),
                    },
                    facts,
                )
                .expect("valid by construction");
                (
                    case.transaction,
                    case.notices,
                    case.prior_denials,
                    case.mitigations,
                ) = extras;
                case
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn every_module_answers_every_valid_case_as_natively(c in case()) {
        let comparison = runtime().compare(&c);
        prop_assert_eq!(comparison.alignment.failed, 0);
        for r in &comparison.results {
            let iso = r.jurisdiction.as_deref().unwrap();
            let a = r.result.as_ref().map_err(|e| TestCaseError::fail(format!("{iso}: {}", e.message())))?;
            prop_assert!(!a.findings.is_empty(), "{} gave no finding", iso);
            let native = native(iso).unwrap();
            prop_assert_eq!(&native(&c).unwrap(), a, "{} sandboxed != native", iso);
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = parse_case(&text, Format::Json, "p.json");
        let _ = parse_case(&text, Format::Toml, "p.toml");
    }

    #[test]
    fn parsing_mutated_cases_never_panics(c in case(), cut in 0usize..2000, byte in any::<u8>()) {
        let json = serde_json::to_string(&c).unwrap();
        let mut bytes = json.into_bytes();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_case(&text, Format::Json, "m.json");
        let toml = toml::to_string(&c).unwrap_or_default();
        let cut_toml = &toml[..toml.len().min(cut)];
        let _ = parse_case(cut_toml, Format::Toml, "m.toml");
    }
}
