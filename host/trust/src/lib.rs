//! # echri-trust: run only what a jurisdiction's authority signed
//!
//! Rule modules reach echri from partner states, registries and colleagues.
//! This crate decides which of them may run:
//!
//! - [`keys`]: Ed25519 key pairs in the formats of `wasmsign2`, the
//!   reference implementation of the WebAssembly signatures proposal;
//! - [`sign`]: signatures embedded in the component (a `signature` custom
//!   section, several signers allowed) or detached;
//! - [`store`]: the trust store, a TOML file of public keys, each with the
//!   jurisdictions it may vouch for and its validity period, and a list of
//!   revoked keys;
//! - [`verify`]: checks a module's exact bytes against the store, and then
//!   that a signer vouches for the jurisdiction the module claims; every
//!   refusal is a typed [`verify::Refusal`] naming the module, the key and
//!   the reason;
//! - [`inspect`]: what a component says about itself without running it
//!   (imports, exports, contract version, `wasm-metadata` fields, size,
//!   digest, signatures);
//! - [`lock`]: the lock file, the resolved module set with each digest and
//!   signer;
//! - `registry` (feature `oci`): push and pull through OCI registries in
//!   the CNCF Wasm artifact layout, keeping pulled modules by digest.
//!
//! Verification is over the bytes that are then handed to the runtime: a
//! caller verifies a buffer and loads *that buffer*, so the compiled-module
//! cache (keyed by the bytes' digest) never serves code that was not
//! verified.
//!
//! ```
//! use echri_trust::{keys::SigningKey, sign, store::TrustStore, verify::today};
//!
//! let key = SigningKey::generate();
//! let store = TrustStore::from_toml(&format!(r#"
//!     [[key]]
//!     name = "gb-ecju-2026"
//!     public-key = "{}"
//!     jurisdictions = ["GB"]
//!     not-before = "2000-01-01"
//!     not-after = "2999-12-31"
//! "#, key.public().to_hex()), None)?;
//! let component = echri_builtin::MODULES.iter().find(|m| m.iso == "GB").unwrap().bytes;
//! let signed = sign::sign(component, &key)?;
//! let verified = store.verify("gb.wasm", &signed, None, today())?;
//! // After loading `signed` and reading the jurisdiction from its info():
//! assert_eq!(verified.authorize("GB")?.name, "gb-ecju-2026");
//! assert!(verified.authorize("FR").is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod inspect;
pub mod keys;
pub mod lock;
#[cfg(feature = "oci")]
pub mod registry;
pub mod sign;
pub mod store;
pub mod verify;

/// `bytes` as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// SHA-256 of `bytes`, lower-case hex: the digest echri reports for a
/// module (the runtime's `Module::sha256` is the same function).
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex(&sha2::Sha256::digest(bytes))
}

/// The 8-byte preamble of a WebAssembly component (magic, version 0x0d,
/// layer 1). The signature format hashes the sections after it, not the
/// preamble itself, so verification also insists on exactly this preamble:
/// signed bytes cannot be re-read as a core module or a future encoding.
pub const COMPONENT_PREAMBLE: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
