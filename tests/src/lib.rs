//! Shared helpers of echri's integration tests and benchmarks: paths of the
//! hostile test components, and the rule crates called natively.

use echri_sdk::RuleModule;
use echri_sdk::model::{Assessment, Case, CaseError};

/// Paths of the hostile components, built by `build.rs`.
pub mod hostile {
    include!(concat!(env!("OUT_DIR"), "/hostile.rs"));

    /// The hand-written `.wat` components.
    pub fn wat(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("hostile/wat").join(name)
    }
}

/// A rule crate's `evaluate`, called natively.
pub type NativeEvaluate = fn(&Case) -> Result<Assessment, CaseError>;

/// The built-in jurisdictions' rule crates, natively, with the directory of
/// their data-driven cases.
pub const NATIVE: &[(&str, NativeEvaluate, &str)] = &[
    ("US", echri_rule_us::Us::evaluate, "rules/us"),
    ("GB", echri_rule_gb::Gb::evaluate, "rules/gb"),
    ("CA", echri_rule_ca::Ca::evaluate, "rules/ca"),
    ("AU", echri_rule_au::Au::evaluate, "rules/au"),
    ("NO", echri_rule_no::No::evaluate, "rules/no"),
    ("DK", echri_rule_dk::Dk::evaluate, "rules/dk"),
    ("FR", echri_rule_fr::Fr::evaluate, "rules/fr"),
    ("NL", echri_rule_nl::Nl::evaluate, "rules/nl"),
];

/// The workspace root.
pub fn workspace() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
}

/// Every example case file, sorted.
pub fn example_cases() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(workspace().join("examples/cases"))
        .expect("examples/cases exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "json"))
        .collect();
    files.sort();
    files
}
