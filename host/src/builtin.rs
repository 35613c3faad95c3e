//! The default rule set, built from `rules/` by the build script and
//! embedded in the binary so `echri` works from anywhere.

/// One built-in module.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The cargo package it was built from.
    pub package: &'static str,
    /// The component.
    pub bytes: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/builtin_modules.rs"));
