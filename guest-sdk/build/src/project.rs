//! Building one rule-module project (a standalone cargo package, such as
//! `echri new` makes) into a component, from a program rather than a build
//! script: errors are returned, nothing is printed for cargo.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{OUTER_BUILD_VARS, Target, target_installed, try_componentize};

/// A built project.
#[derive(Debug, Clone)]
pub struct Built {
    /// The package name.
    pub package: String,
    /// The component.
    pub component: PathBuf,
}

fn package_table(dir: &Path) -> Result<toml::Table, String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read `{}`: {e}", manifest.display()))?;
    let doc: toml::Table = toml::from_str(&text)
        .map_err(|e| format!("`{}` is not a valid manifest: {e}", manifest.display()))?;
    match doc.get("package") {
        Some(toml::Value::Table(t)) => Ok(t.clone()),
        _ => Err(format!("`{}` has no [package]", manifest.display())),
    }
}

/// The metadata of the package described by `package` (its `[package]`
/// table): name, version, description, licence and repository where they
/// are plain strings.
fn metadata(package: &toml::Table, name: &str) -> wasm_metadata::AddMetadata {
    let field = |k: &str| {
        package
            .get(k)
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
    };
    let mut add = wasm_metadata::AddMetadata::default();
    add.name = wasm_metadata::AddMetadataField::Set(name.to_owned());
    if let Some(v) = field("version") {
        add.version = wasm_metadata::AddMetadataField::Set(wasm_metadata::Version::new(v));
    }
    add.description = wasm_metadata::AddMetadataField::Set(wasm_metadata::Description::new(
        field("description").unwrap_or_else(|| "echri rule module".to_owned()),
    ));
    if let Some(l) = field("license").and_then(|l| wasm_metadata::Licenses::new(&l).ok()) {
        add.licenses = wasm_metadata::AddMetadataField::Set(l);
    }
    if let Some(r) = field("repository").and_then(|r| wasm_metadata::Source::new(&r).ok()) {
        add.source = wasm_metadata::AddMetadataField::Set(r);
    }
    add
}

/// Builds the package at `dir` for `wasm32-unknown-unknown` (release, into
/// `target_dir`, default `dir/target`) and makes it a component with its
/// metadata. Cargo's own output goes to the caller's stderr.
pub fn build(dir: &Path, target_dir: Option<&Path>) -> Result<Built, String> {
    let triple = Target::Unknown.triple();
    if !target_installed(triple) {
        return Err(format!(
            "the `{triple}` Rust target is not installed; install it with `rustup target add {triple}`"
        ));
    }
    let package = package_table(dir)?;
    let name = package
        .get("name")
        .and_then(toml::Value::as_str)
        .ok_or_else(|| format!("`{}/Cargo.toml` has no package name", dir.display()))?
        .to_owned();
    let target_dir = target_dir.map_or_else(|| dir.join("target"), Path::to_path_buf);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(dir)
        .args(["build", "--release", "--target", triple, "--target-dir"])
        .arg(&target_dir)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"));
    for var in OUTER_BUILD_VARS {
        cmd.env_remove(var);
    }
    let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo could not build `{}` (see its output above)",
            dir.display()
        ));
    }
    let core = target_dir
        .join(triple)
        .join("release")
        .join(format!("{}.wasm", name.replace('-', "_")));
    if !core.exists() {
        return Err(format!(
            "cargo built `{name}` but {} is missing: is its crate-type `cdylib`?",
            core.display()
        ));
    }
    let component = try_componentize(&core, &metadata(&package, &name))?;
    Ok(Built {
        package: name,
        component,
    })
}
