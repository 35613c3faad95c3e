//! The registry of built-in jurisdictions: the `echri-rule-*` dependencies
//! of `rules/registry/Cargo.toml`, in the order written there.
//!
//! Every consumer of the built-in rule set (the embedded modules, the native
//! table of `echri-rules`, the tests) reads the list through [`read`], so it
//! is written in exactly one place.

use std::path::{Path, PathBuf};

/// Where the registry is, relative to the workspace root.
pub const REGISTRY_MANIFEST: &str = "rules/registry/Cargo.toml";

/// The package-name prefix that marks a dependency of the registry as a
/// built-in rule module.
pub const RULE_PREFIX: &str = "echri-rule-";

/// One built-in jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The cargo package, e.g. `echri-rule-gb`.
    pub package: String,
    /// The ISO 3166-1 alpha-2 code the crate's directory is named after,
    /// upper case, e.g. `GB`.
    pub iso: String,
    /// The crate's directory (absolute).
    pub dir: PathBuf,
}

impl Entry {
    /// The crate's name as a Rust identifier, e.g. `echri_rule_gb`.
    pub fn crate_ident(&self) -> String {
        self.package.replace('-', "_")
    }

    /// The crate's data-driven cases, sorted (`tests/cases/*.toml`).
    pub fn case_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join("tests/cases"))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
            })
            .collect();
        files.sort();
        files
    }
}

/// Reads the registry of the workspace at `workspace` and tells cargo to
/// rerun the calling build script when it changes. Panics with a clear
/// message when it is malformed: it is read from build scripts, which have
/// no better way to report.
pub fn read(workspace: &Path) -> Vec<Entry> {
    let manifest = workspace.join(REGISTRY_MANIFEST);
    println!("cargo:rerun-if-changed={}", manifest.display());
    let text = std::fs::read_to_string(&manifest)
        .unwrap_or_else(|e| panic!("cannot read the registry `{}`: {e}", manifest.display()));
    let doc: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("`{}` is not valid TOML: {e}", manifest.display()));
    let deps = doc
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .unwrap_or_else(|| panic!("`{}` has no [dependencies] table", manifest.display()));
    let registry_dir = manifest.parent().expect("a manifest has a directory");
    deps.iter()
        .filter(|(name, _)| name.starts_with(RULE_PREFIX))
        .map(|(package, spec)| {
            let path = spec.get("path").and_then(toml::Value::as_str).unwrap_or_else(|| {
                panic!("registry entry `{package}` must be a path dependency (`{{ path = \"../xx\" }}`)")
            });
            let dir = registry_dir.join(path);
            let dir = dir.canonicalize().unwrap_or_else(|e| {
                panic!("registry entry `{package}`: cannot find `{}`: {e}", dir.display())
            });
            let iso = dir
                .file_name()
                .and_then(|n| n.to_str())
                .filter(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_lowercase()))
                .unwrap_or_else(|| {
                    panic!(
                        "registry entry `{package}`: its directory `{}` must be named after the \
                         jurisdiction's ISO 3166-1 alpha-2 code in lower case (e.g. rules/gb)",
                        dir.display()
                    )
                })
                .to_ascii_uppercase();
            Entry {
                package: package.clone(),
                iso,
                dir,
            }
        })
        .collect()
}
