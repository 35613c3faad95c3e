//! Shared helpers of echri's integration tests and benchmarks: paths of the
//! hostile test components, and the built-in modules loaded into a runtime.
//! The built-in jurisdictions come from the registry (`echri_rules`).

use echri::analysis::compare::{self, Comparison};
use echri_runtime::{LoadError, Origin, Runtime};
use echri_sdk::model::{Assessment, Case, CaseError};

pub use echri_rules::{BUILTIN, Builtin};

/// Paths of the hostile components, built by `build.rs`.
pub mod hostile {
    include!(concat!(env!("OUT_DIR"), "/hostile.rs"));

    /// The hand-written `.wat` components.
    pub fn wat(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("hostile/wat")
            .join(name)
    }
}

/// A rule crate's `evaluate`, called natively.
pub type NativeEvaluate = fn(&Case) -> Result<Assessment, CaseError>;

/// The native `evaluate` of the built-in jurisdiction `iso`.
pub fn native(iso: &str) -> Option<NativeEvaluate> {
    Builtin::get(iso).map(|b| b.evaluate)
}

/// What the tests do with a runtime, in one line each.
pub trait RuntimeExt {
    /// Loads the embedded built-in modules; returns the load errors.
    fn load_builtin(&mut self) -> Vec<LoadError>;
    /// Evaluates `case` under every module and measures agreement.
    fn compare(&self, case: &Case) -> Comparison;
}

impl RuntimeExt for Runtime {
    fn load_builtin(&mut self) -> Vec<LoadError> {
        echri_builtin::MODULES
            .iter()
            .filter_map(|m| {
                self.load_bytes(Origin::Builtin(m.package.to_owned()), m.bytes)
                    .err()
            })
            .collect()
    }

    fn compare(&self, case: &Case) -> Comparison {
        compare::compare(self, case)
    }
}

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
