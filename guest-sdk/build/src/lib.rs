//! Build rule crates into WebAssembly components from a build script.
//!
//! A cargo workspace cannot give one member another target, so the host's
//! build script (and the test crate's, for hostile modules) calls
//! [`build_components`], which runs a nested `cargo build --target ...` into
//! its own target directory, tells cargo to rerun when any source the
//! components depend on changes (read from cargo's dep-info files), and
//! returns the paths of the components. This is the pattern of wasmtime's
//! `test-programs-artifacts`.
//!
//! Two targets are supported ([`Target`]):
//!
//! - `wasm32-unknown-unknown`, then made a component with `wit-component`
//!   (what `wasm-tools component new` does). The component imports nothing
//!   but the echri contract. This is how the built-in rule modules are built:
//!   without WASI, a fresh instance costs a fraction of what a `wasm32-wasip2`
//!   one does (Rust's `wasm32-wasip2` std links the WASI preview-1 adapter,
//!   whose several core instances and dozens of imports are wired on every
//!   instantiation; see BENCHMARKS.md). A panic message reaches the host
//!   through the SDK's panic hook and the `host.log` import.
//! - `wasm32-wasip2`, whose linker emits a component directly. The hostile
//!   test modules use it, because they attack the WASI surface.
//!
//! ```no_run
//! // build.rs
//! let components = echri_sdk_build::build_components(
//!     std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap(),
//!     &["echri-rule-us", "echri-rule-gb"],
//!     echri_sdk_build::Target::Unknown,
//! );
//! for c in &components {
//!     println!("{} -> {}", c.package, c.path.display());
//! }
//! ```

#![warn(missing_docs)]

pub mod project;
pub mod registry;

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The target a component is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `wasm32-unknown-unknown`, componentized with `wit-component`: no WASI.
    Unknown,
    /// `wasm32-wasip2`: a component that imports WASI 0.2.
    WasiP2,
}

impl Target {
    /// The rustc target triple.
    pub fn triple(self) -> &'static str {
        match self {
            Target::Unknown => "wasm32-unknown-unknown",
            Target::WasiP2 => "wasm32-wasip2",
        }
    }
}

/// Settings of an outer cargo build that must not leak into a guest build:
/// its flags are for the host target, and a wrapper such as clippy-driver
/// would turn the guest build into a lint run.
pub(crate) const OUTER_BUILD_VARS: &[&str] = &[
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTFLAGS",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_PRIMARY_PACKAGE",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_LLVM_COV",
    "LLVM_PROFILE_FILE",
];

/// One built component.
#[derive(Debug, Clone)]
pub struct Component {
    /// The cargo package it was built from.
    pub package: String,
    /// Where the `.wasm` component is.
    pub path: PathBuf,
}

/// Builds `packages` of the workspace at `workspace` into components (release
/// profile) under `<workspace>/target/wasm-guests`, and emits the
/// `rerun-if-changed` lines. Panics with one clear message when the target
/// is not installed or the build fails; a build script has no better way to
/// report.
pub fn build_components(workspace: &Path, packages: &[&str], target: Target) -> Vec<Component> {
    let triple = target.triple();
    ensure_target_installed(triple);
    let target_dir = workspace.join("target").join("wasm-guests");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace)
        .arg("build")
        .arg("--release")
        .arg("--target")
        .arg(triple)
        .arg("--target-dir")
        .arg(&target_dir);
    for p in packages {
        cmd.arg("-p").arg(p);
    }
    for var in OUTER_BUILD_VARS {
        cmd.env_remove(var);
    }
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo to build the rule modules: {e}"));
    if !status.success() {
        panic!(
            "building the rule modules for {triple} failed (see the cargo output above); \
             the command was: {cmd:?}"
        );
    }

    let out = target_dir.join(triple).join("release");
    println!("cargo:rerun-if-changed={}", workspace.join("wit").display());
    println!(
        "cargo:rerun-if-changed={}",
        workspace.join("Cargo.lock").display()
    );
    packages
        .iter()
        .map(|package| {
            let stem = package.replace('-', "_");
            let mut path = out.join(format!("{stem}.wasm"));
            assert!(
                path.exists(),
                "cargo built {package} but {} is missing",
                path.display()
            );
            rerun_if_deps_change(&out.join(format!("{stem}.d")));
            if target == Target::Unknown {
                path = componentize(&path, &metadata(workspace, package));
            }
            Component {
                package: package.to_string(),
                path,
            }
        })
        .collect()
}

/// The metadata written into the component of `package`: its name, the
/// workspace's version, licence and repository (from the root
/// `Cargo.toml`), and a description naming the jurisdiction when the
/// package is a registered built-in. Nothing that varies between builds (no
/// date, no path), so the component stays reproducible.
fn metadata(workspace: &Path, package: &str) -> wasm_metadata::AddMetadata {
    let root: toml::Value = std::fs::read_to_string(workspace.join("Cargo.toml"))
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or(toml::Value::Table(Default::default()));
    let field = |name: &str| {
        root.get("workspace")
            .and_then(|w| w.get("package"))
            .and_then(|p| p.get(name))
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
    };
    let iso = registry::read(workspace)
        .into_iter()
        .find(|e| e.package == package)
        .map(|e| e.iso);
    let mut add = wasm_metadata::AddMetadata::default();
    add.name = wasm_metadata::AddMetadataField::Set(package.to_owned());
    if let Some(version) = field("version") {
        add.version = wasm_metadata::AddMetadataField::Set(wasm_metadata::Version::new(version));
    }
    add.description =
        wasm_metadata::AddMetadataField::Set(wasm_metadata::Description::new(match iso {
            Some(iso) => format!(
                "echri built-in rule module: the export-licensing human-rights rules of {iso}"
            ),
            None => "echri rule module".to_owned(),
        }));
    if let Some(licenses) = field("license").and_then(|l| wasm_metadata::Licenses::new(&l).ok()) {
        add.licenses = wasm_metadata::AddMetadataField::Set(licenses);
    }
    if let Some(source) = field("repository").and_then(|r| wasm_metadata::Source::new(&r).ok()) {
        add.source = wasm_metadata::AddMetadataField::Set(source);
    }
    add
}

/// Turns the core module at `core` (which carries the component-type
/// section wit-bindgen emits) into a component next to it, with `metadata`.
fn componentize(core: &Path, metadata: &wasm_metadata::AddMetadata) -> PathBuf {
    try_componentize(core, metadata).unwrap_or_else(|e| panic!("{e}"))
}

/// [`componentize`], saying why it failed instead of panicking.
pub(crate) fn try_componentize(
    core: &Path,
    metadata: &wasm_metadata::AddMetadata,
) -> Result<PathBuf, String> {
    let bytes = std::fs::read(core).map_err(|e| format!("cannot read {}: {e}", core.display()))?;
    let component = wit_component::ComponentEncoder::default()
        .validate(true)
        .module(&bytes)
        .and_then(|e| e.encode())
        .and_then(|c| metadata.to_wasm(&c))
        .map_err(|e| format!("cannot make a component of {}: {e:#}", core.display()))?;
    let path = core.with_extension("component.wasm");
    // Write only when changed, so the embedding crate is not rebuilt for
    // nothing.
    if std::fs::read(&path).ok().as_deref() != Some(component.as_slice()) {
        std::fs::write(&path, &component)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(path)
}

fn ensure_target_installed(triple: &str) {
    if target_installed(triple) {
        return;
    }
    // On a fresh machine, install the target rather than fail: it is what
    // the user would have to do next. `ECHRI_NO_AUTO_TARGET=1` turns this
    // off (then the message below says what to run).
    println!("cargo:rerun-if-env-changed=ECHRI_NO_AUTO_TARGET");
    if env::var_os("ECHRI_NO_AUTO_TARGET").is_none() {
        println!("cargo:warning=installing the {triple} Rust target: rustup target add {triple}");
        let _ = Command::new("rustup")
            .args(["target", "add", triple])
            .status();
        if target_installed(triple) {
            return;
        }
    }
    panic!(
        "\n\nthe `{triple}` Rust target is not installed; echri builds its rule modules for it.\n\
         install it with:\n\n    rustup target add {triple}\n\n"
    );
}

pub(crate) fn target_installed(triple: &str) -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let libdir = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", triple])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    libdir.is_some_and(|dir| {
        std::fs::read_dir(dir).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libcore")))
        })
    })
}

/// Reads a makefile-style dep-info file (`out: dep dep ...`, spaces in paths
/// escaped as `\ `) and emits `rerun-if-changed` for every dependency.
fn rerun_if_deps_change(dep_info: &Path) {
    let Ok(text) = std::fs::read_to_string(dep_info) else {
        return;
    };
    for line in text.lines() {
        let Some((_, deps)) = line.split_once(": ") else {
            continue;
        };
        let mut current = String::new();
        let mut chars = deps.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&' ') => {
                    current.push(' ');
                    chars.next();
                }
                ' ' => {
                    emit(&mut current);
                }
                c => current.push(c),
            }
        }
        emit(&mut current);
    }
}

fn emit(path: &mut String) {
    // Registry sources never change under a given lock file; skipping them
    // keeps cargo's freshness check fast.
    if !path.is_empty() && !path.contains("/.cargo/registry/") {
        println!("cargo:rerun-if-changed={path}");
    }
    path.clear();
}
