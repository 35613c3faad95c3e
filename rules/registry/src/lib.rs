//! # echri-rules: the registry of built-in jurisdictions
//!
//! The built-in rule set is written once, as the `echri-rule-*`
//! dependencies of this crate's `Cargo.toml`. This crate turns that list
//! into [`BUILTIN`], each jurisdiction's rule crate called natively (for
//! tests, benchmarks and the fuzz target), and [`foreach_builtin!`]. The
//! embedded components (`host/builtin`) are built from the same list.
//!
//! ```
//! let codes: Vec<&str> = echri_rules::BUILTIN.iter().map(|b| b.iso).collect();
//! assert_eq!(codes[0], "US");
//! for b in echri_rules::BUILTIN {
//!     assert_eq!((b.info)().jurisdiction, b.iso);
//!     assert!((b.catalogue)().iter().all(|rule| !rule.citation.is_empty()));
//! }
//! ```

#![warn(missing_docs)]

use echri_sdk::model::{Assessment, Case, CaseError, ModuleInfo};
use echri_sdk::rule::Rule;

/// One built-in jurisdiction, natively.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// ISO 3166-1 alpha-2 code (the crate's directory name, upper case).
    pub iso: &'static str,
    /// The cargo package.
    pub package: &'static str,
    /// The crate's directory (absolute, at build time).
    pub dir: &'static str,
    /// The module's `info`.
    pub info: fn() -> ModuleInfo,
    /// The module's `evaluate`.
    pub evaluate: fn(&Case) -> Result<Assessment, CaseError>,
    /// The module's rule catalogue: every rule it applies, with its
    /// citation.
    pub catalogue: fn() -> &'static [Rule],
}

impl Builtin {
    /// The built-in jurisdiction with code `iso`.
    pub fn get(iso: &str) -> Option<&'static Builtin> {
        BUILTIN.iter().find(|b| b.iso.eq_ignore_ascii_case(iso))
    }

    /// The crate's data-driven cases directory.
    pub fn cases_dir(&self) -> std::path::PathBuf {
        std::path::Path::new(self.dir).join("tests/cases")
    }
}

include!(concat!(env!("OUT_DIR"), "/registry.rs"));
