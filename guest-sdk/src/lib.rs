//! # echri-sdk: write an export-licensing rule module
//!
//! A rule module is one jurisdiction's human-rights export-licensing rules,
//! compiled to a WebAssembly component of the `echri:policy/rule-module`
//! world (see `wit/policy.wit`). This crate is all a rule author depends on:
//!
//! - [`model`]: plain Rust types for a case and an assessment, validated and
//!   serde-ready, so rule logic is ordinary Rust that `cargo test` runs natively;
//! - [`rule`]: [`Rule`], a rule's id, title, citation, start date
//!   and standing assumption, declared once; findings are made from it and a
//!   module lists its rules in its [catalogue](RuleModule::catalogue);
//! - [`conduct`]: the ECHRI Code of Conduct's six commitments and a
//!   module's declarations of how it implements them;
//! - [`countries`], [`listing`], [`screening`]: helpers every jurisdiction
//!   would otherwise rewrite (ISO country codes and group membership,
//!   entity lists with effective dates, and party screening with
//!   transliteration, legal forms, a stated score and possible matches for
//!   review). National policy tables (a country's embargo list,
//!   the US country groups) live in the rule crate that owns them;
//! - [`testing`]: data-driven case files and the catalogue check, for a rule
//!   crate's `cargo test`;
//! - [`export_rule_module!`]: turns a type implementing [`RuleModule`] into the
//!   component's exports;
//! - [`bindings`]: the generated bindings of the contract, for the curious.
//!
//! ```
//! use echri_sdk::prelude::*;
//!
//! /// A toy jurisdiction: everything on a list needs a licence.
//! pub struct Toy;
//!
//! /// Each rule is declared once; findings are made from the declaration.
//! pub const TOY_LIST: Rule = Rule::new(
//!     "TOY-LIST",
//!     "Listed item: licence, case by case",
//!     "Toy Act s. 1",
//! )
//! .applying_from(Date::ymd(2020, 1, 1));
//!
//! impl RuleModule for Toy {
//!     fn info() -> ModuleInfo {
//!         ModuleInfo {
//!             jurisdiction: "XT".into(),
//!             name: "Toy rules".into(),
//!             authority: "Toy Export Office".into(),
//!             version: "0.1.0".into(),
//!             // The law is stated for cases dated 2020 to 2024.
//!             stated_for: Period::new(Date::ymd(2020, 1, 1), Date::ymd(2024, 1, 1)),
//!             sources: vec![],
//!             // Filled in from the catalogue by the export glue.
//!             rules: vec![],
//!             commitments: echri_sdk::conduct::declarations(
//!                 "Listed items are licensed case by case",
//!                 "Toy Act s. 1",
//!             ),
//!         }
//!     }
//!
//!     fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
//!         let mut findings = Vec::new();
//!         for item in case.items.iter().filter(|i| !i.control_code.is_unlisted()) {
//!             findings.push(TOY_LIST.finding(
//!                 Outcome::LicenceRequiredCaseByCase,
//!                 format!("{} is listed", item.control_code),
//!             ));
//!         }
//!         Ok(Assessment::most_restrictive(findings))
//!     }
//!
//!     fn catalogue() -> &'static [Rule] {
//!         &[TOY_LIST]
//!     }
//! }
//!
//! // In the rule crate (crate-type = ["cdylib", "rlib"]):
//! echri_sdk::export_rule_module!(Toy);
//!
//! let case: Case = serde_json::from_str(r#"{
//!     "id": "c1", "as_of": "2024-05-01", "destination": "FR",
//!     "items": [{"control_code": "5A001.j"}],
//!     "parties": [{"name": "Acme", "country": "FR", "kind": "private", "role": "end-user"}]
//! }"#).unwrap();
//! let assessment = Toy::evaluate(&case).unwrap();
//! assert_eq!(assessment.outcome, Outcome::LicenceRequiredCaseByCase);
//! assert!(assessment.findings[0].is(&TOY_LIST));
//! assert_eq!(assessment.findings[0].citation, "Toy Act s. 1");
//! ```
//!
//! A rule crate's tests then run its case files and check its catalogue
//! (see [`testing::check_catalogue`]):
//!
//! ```no_run
//! # use echri_sdk::prelude::*;
//! # struct Toy;
//! # impl RuleModule for Toy {
//! #     fn info() -> ModuleInfo { unimplemented!() }
//! #     fn evaluate(_: &Case) -> Result<Assessment, CaseError> { unimplemented!() }
//! #     fn catalogue() -> &'static [Rule] { &[] }
//! # }
//! // tests/cases.rs
//! echri_sdk::testing::check_dir::<Toy>(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"), 10);
//! echri_sdk::testing::check_catalogue::<Toy>(env!("CARGO_MANIFEST_DIR"));
//! ```

#![warn(missing_docs)]

// The generated bindings name this crate by its path, from inside it too.
extern crate self as echri_sdk;

#[cfg(all(target_arch = "wasm32", feature = "bump-alloc"))]
pub mod alloc;
pub mod conduct;
pub mod countries;
pub mod listing;
pub mod model;
pub mod rule;
pub mod screening;
#[cfg(not(target_arch = "wasm32"))]
pub mod testing;

mod convert;

pub use wit_bindgen;

#[cfg(all(target_arch = "wasm32", feature = "bump-alloc"))]
#[global_allocator]
static ALLOCATOR: alloc::BumpAlloc = alloc::BumpAlloc::new();

/// Generated bindings of the `echri:policy` contract. The SDK reads it from
/// its own `wit/`, a link to `wit/` at the root of the repository: in the
/// repository, from a path or git dependency, and in the published crate
/// (`cargo package` stores the linked files), so a rule crate outside this
/// repository builds against the same contract.
#[allow(unsafe_code, reason = "code generated by wit-bindgen")]
#[allow(
    missing_debug_implementations,
    missing_docs,
    unused_qualifications,
    reason = "generated code"
)]
pub mod bindings {
    wit_bindgen::generate!({
        path: "wit",
        world: "echri:policy/rule-module@0.2.0",
        pub_export_macro: true,
        export_macro_name: "__export_rule_module",
        default_bindings_module: "::echri_sdk::bindings",
        runtime_path: "::echri_sdk::wit_bindgen::rt",
    });
}

use model::{Assessment, Case, CaseError, ModuleInfo};
use rule::Rule;

/// One jurisdiction's rules. Implement it on a unit struct and pass that to
/// [`export_rule_module!`].
pub trait RuleModule {
    /// Describes the module.
    fn info() -> ModuleInfo;
    /// Assesses one case. A denial is an `Ok` outcome; `Err` means the case
    /// cannot be assessed by this module at all.
    fn evaluate(case: &Case) -> Result<Assessment, CaseError>;
    /// Every rule the module can apply, each declared once: the ids of all
    /// findings [`evaluate`](RuleModule::evaluate) can return, with their
    /// titles, citations, start dates and standing assumptions. A module
    /// built on a shared baseline (an EU member state) includes the baseline
    /// rules it applies. [`testing::check_catalogue`] checks a crate's
    /// catalogue against its README and its case files.
    fn catalogue() -> &'static [Rule];
}

/// Glue between the generated `Guest` trait and [`RuleModule`]; used by
/// [`export_rule_module!`].
#[doc(hidden)]
#[derive(Debug)]
pub struct Export<T>(std::marker::PhantomData<T>);

/// What `info()` reports for `T`: [`RuleModule::info`] with the rule
/// catalogue filled in from [`RuleModule::catalogue`]. The export glue
/// answers the host's `info` with this, and native tables use it too, so
/// both report the same.
pub fn describe<T: RuleModule>() -> ModuleInfo {
    let mut info = T::info();
    info.rules = T::catalogue().iter().map(model::RuleInfo::from).collect();
    info
}

impl<T: RuleModule> bindings::exports::echri::policy::rules::Guest for Export<T> {
    fn info() -> bindings::echri::policy::types::ModuleInfo {
        report_panics();
        describe::<T>().into()
    }

    fn evaluate(
        case: bindings::echri::policy::types::Case,
    ) -> Result<bindings::echri::policy::types::Assessment, bindings::echri::policy::types::CaseError>
    {
        report_panics();
        let case = Case::try_from(case)?;
        T::evaluate(&case).map(Into::into).map_err(Into::into)
    }
}

/// Sends a panic's message to the host's trace (as a `warn` log line)
/// before the module traps, so the rule author sees it even in a component
/// without WASI stderr.
fn report_panics() {
    #[cfg(target_arch = "wasm32")]
    {
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                    .unwrap_or_default();
                let payload = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "non-string panic payload".to_owned());
                log(
                    LogLevel::Warn,
                    &format!("panicked at {location}: {payload}"),
                );
            }));
        });
    }
}

/// Exports a [`RuleModule`] implementation as the component's `rules`
/// interface. Expands to nothing outside `wasm32`, so the same crate builds
/// natively for tests and benchmarks.
#[macro_export]
macro_rules! export_rule_module {
    ($rules:ty) => {
        /// This crate's rule module, under a name the registry of built-in
        /// jurisdictions (`rules/registry`) can refer to.
        pub type Module = $rules;

        #[cfg(target_arch = "wasm32")]
        const _: () = {
            type __EchriExport = $crate::Export<$rules>;
            $crate::bindings::__export_rule_module!(
                __EchriExport with_types_in $crate::bindings
            );
        };
    };
}

/// Severity for [`log`].
pub use bindings::echri::policy::host::LogLevel;

/// Appends `message` to the evaluation trace the host keeps for this case.
/// Outside a component (native tests) this does nothing.
pub fn log(level: LogLevel, message: &str) {
    #[cfg(target_arch = "wasm32")]
    bindings::echri::policy::host::log(level, message);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (level, message);
}

/// Generates `From` conversions both ways between two fieldless enums with
/// the same variant names (the model's enums and a set of generated
/// bindings). Used here and by the host.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_conversions {
    ($( $a:ident :: $an:ident <=> $b:ident :: $bn:ident { $($v:ident),* $(,)? } )*) => {$(
        impl From<$a::$an> for $b::$bn {
            fn from(x: $a::$an) -> $b::$bn {
                match x { $( $a::$an::$v => $b::$bn::$v, )* }
            }
        }
        impl From<$b::$bn> for $a::$an {
            fn from(x: $b::$bn) -> $a::$an {
                match x { $( $b::$bn::$v => $a::$an::$v, )* }
            }
        }
    )*};
}

/// The variant lists of every enum in the contract, handed to a macro that
/// generates conversions, so the lists are written once.
#[doc(hidden)]
#[macro_export]
macro_rules! __with_contract_enums {
    ($mac:ident, $a:ident, $b:ident) => {
        $mac! {
            $a::Outcome <=> $b::Outcome {
                NoLicenceRequired, LicenceException, CatchAllNotify, LicenceRequiredFavourable,
                LicenceRequiredCaseByCase, PresumptionOfDenial, Deny, Prohibited, NotDetermined,
            }
            $a::PartyKind <=> $b::PartyKind {
                Government, Police, Intelligence, Military, StateOwned, Private, Academic,
                Individual, Ngo,
            }
            $a::PartyRole <=> $b::PartyRole { EndUser, Consignee, Intermediary, Purchaser }
            $a::Sector <=> $b::Sector {
                Unspecified, Finance, Insurance, Health, Telecom, Technology, Defence,
            }
            $a::Capability <=> $b::Capability {
                IntrusionSoftware, IpNetworkSurveillance, MonitoringCentre, MobileInterception,
                Cryptanalysis, ForensicExtraction, FacialRecognition, EmotionRecognition,
                LocationTracking, VideoSurveillance, CrowdControl, Restraint, ElectricShock,
                TortureImplement, BiometricIdentification,
            }
            $a::EndUseCategory <=> $b::EndUseCategory {
                Civil, LawEnforcement, Military, Intelligence, SecurityResearch,
                VulnerabilityDisclosure, IncidentResponse, Wmd, Unknown,
            }
            $a::RiskFact <=> $b::RiskFact {
                ClearRiskInternalRepression, SubstantialRiskSeriousViolation,
                SeriousViolationsEstablished, JournalistsTargeted, CivilDisorder,
                GrossViolationsPattern, ExporterAwareOfMisuse, ExporterInformedByAuthority,
                UnauthorisedAccessKnowledge, ManagementDeclarationSupplied, MilitaryEndUse,
                WmdEndUse, ClearRiskSeriousIhlViolation, RiskGenderBasedViolence, RiskTerrorism,
                RiskOrganisedCrime, RiskDiversion, TortureUseGrounds, GroundsForSuspecting,
                EndUserPastViolations, TransnationalRepression,
            }
            $a::TransactionKind <=> $b::TransactionKind {
                Export, ReExport, InCountryTransfer, IntangibleTransfer, Brokering,
                TechnicalAssistance, Transit,
            }
            $a::ControlList <=> $b::ControlList {
                AntiTortureAnnexIi, AntiTortureAnnexIii, AntiTortureAnnexIv, National,
            }
            $a::NoticeBasis <=> $b::NoticeBasis {
                EuDualUseArt4, EuDualUseArt5, UkEcoArt12a, UsIsInformed, Other,
            }
            $a::Commitment <=> $b::Commitment {
                HumanRightsReview, StakeholderConsultation, InformationSharing, BestPractices,
                PrivateSectorDueDiligence, CapacityBuilding,
            }
        }
    };
}

/// Generates, for each set the contract passes as WIT `flags`, a pair of
/// functions between the model's list of values and the bindings' flags
/// type: `$to(&[Model]) -> Flags` and `$from(Flags) -> Vec<Model>` (in
/// declaration order, so the round trip is deterministic).
#[doc(hidden)]
#[macro_export]
macro_rules! __flag_conversions {
    ($( $to:ident, $from:ident: $m:ty => $f:ty { $($v:ident = $c:ident),* $(,)? } )*) => {$(
        #[allow(dead_code, reason = "each side of the contract uses one direction")]
        pub(crate) fn $to(values: &[$m]) -> $f {
            let mut flags = <$f>::empty();
            for v in values {
                flags |= match v { $( <$m>::$v => <$f>::$c, )* };
            }
            flags
        }
        #[allow(dead_code, reason = "each side of the contract uses one direction")]
        pub(crate) fn $from(flags: $f) -> Vec<$m> {
            let mut out = Vec::new();
            $( if flags.contains(<$f>::$c) { out.push(<$m>::$v); } )*
            out
        }
    )*};
}

/// The sets the contract passes as `flags`, handed to a macro that
/// generates conversions (see [`__flag_conversions!`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __with_contract_flags {
    ($mac:ident, $a:ident, $b:ident) => {
        $mac! {
            attributes_to_flags, attributes_from_flags: $a::ItemAttribute => $b::ItemAttributes {
                CovertSurveillance = COVERT_SURVEILLANCE,
                ExcludedByNote = EXCLUDED_BY_NOTE,
                PubliclyAvailable = PUBLICLY_AVAILABLE,
                Encryption = ENCRYPTION,
            }
            mitigations_to_flags, mitigations_from_flags: $a::Mitigation => $b::Mitigations {
                EndUserUndertaking = END_USER_UNDERTAKING,
                EndUseCertificate = END_USE_CERTIFICATE,
                ReExportAssurance = RE_EXPORT_ASSURANCE,
                PostShipmentVerification = POST_SHIPMENT_VERIFICATION,
                GovernmentAssurance = GOVERNMENT_ASSURANCE,
            }
        }
    };
}

/// What a rule crate usually imports.
pub mod prelude {
    pub use crate::countries::{self, in_group};
    pub use crate::listing::{Listing, listed_parties};
    pub use crate::model::{
        Assessment, Capability, Case, CaseError, Commitment, ControlCode, ControlList, Country,
        Date, Declaration, EndUse, EndUseCategory, Finding, Item, ItemAttribute, ListEntry,
        Mitigation, ModuleInfo, Notice, NoticeBasis, Outcome, Party, PartyKind, PartyRole, Period,
        PriorDenial, RiskFact, Sector, Source, Transaction, TransactionKind,
    };
    pub use crate::rule::Rule;
    pub use crate::{LogLevel, RuleModule, log};
}
