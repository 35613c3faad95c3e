//! # echri-builtin: the built-in rule modules, embedded
//!
//! The rule crates named in the registry (`rules/registry/Cargo.toml`) are
//! built by this crate's build script into WebAssembly components and
//! embedded, so the `echri` binary works from anywhere. A program that wants
//! only the sandbox depends on `echri-runtime` and never runs this build.
//!
//! ```
//! assert!(echri_builtin::MODULES.iter().any(|m| m.iso == "GB"));
//! assert!(echri_builtin::MODULES.iter().all(|m| m.bytes.starts_with(b"\0asm")));
//! ```

#![warn(missing_docs)]

/// One built-in module.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The jurisdiction the registry files it under (ISO 3166-1 alpha-2).
    pub iso: &'static str,
    /// The cargo package it was built from.
    pub package: &'static str,
    /// The component.
    pub bytes: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/builtin_modules.rs"));
