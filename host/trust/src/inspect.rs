//! What a component says about itself, read without running it: its
//! top-level imports and exports, the contract version it exports, its
//! metadata in the form of the `wasm-metadata` crate (the custom sections
//! `wasm-tools metadata add` and `wkg` write), its size, its digest, and
//! the key ids of its signatures. Everything here is the module's own text
//! and untrusted: escape it before it reaches a terminal.

use serde::Serialize;

use crate::keys::KeyId;

/// The interface a rule module must export; its `@version` is the
/// contract version.
pub const RULES_INTERFACE: &str = "echri:policy/rules";

/// Why a component could not be inspected.
#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    /// Not a component.
    #[error("not a WebAssembly component (it does not start with the component preamble)")]
    NotAComponent,
    /// The binary could not be parsed.
    #[error("the component cannot be parsed: {reason}")]
    Malformed {
        /// The parser's reason.
        reason: String,
    },
}

/// A component's metadata (all optional; `wasm-metadata`'s fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The component's name (`component-name` section).
    pub name: Option<String>,
    /// Its version.
    pub version: Option<String>,
    /// Its authors.
    pub authors: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// Its licences (an SPDX expression).
    pub licenses: Option<String>,
    /// Where its source is.
    pub source: Option<String>,
    /// Where to read about it.
    pub homepage: Option<String>,
    /// The source revision it was built from.
    pub revision: Option<String>,
    /// The `producers` section: (field, tool, version), e.g.
    /// `("language", "Rust", "")`, `("processed-by", "rustc", "1.95.0")`.
    pub producers: Vec<(String, String, String)>,
}

/// What [`inspect`] finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// Size in bytes.
    pub size: usize,
    /// SHA-256 of all the bytes, lower-case hex (signatures included: the
    /// digest of exactly what is loaded).
    pub sha256: String,
    /// The contract version, from the exported
    /// `echri:policy/rules@VERSION` (none: it exports no rules interface).
    pub contract: Option<String>,
    /// SHA-256 of the component without its embedded signatures: the
    /// digest of what was built, to compare with a rebuild from source.
    pub unsigned_sha256: String,
    /// Top-level import names, in order.
    pub imports: Vec<String>,
    /// Top-level export names, in order.
    pub exports: Vec<String>,
    /// Its metadata.
    pub metadata: Metadata,
    /// Key ids of its embedded signatures, in order (`None`: a signature
    /// without a key id). Who they are is the trust store's to say
    /// ([`crate::store::TrustStore::examine`]).
    pub signatures: Vec<Option<KeyId>>,
}

/// Inspects `bytes` without compiling or running them.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, InspectError> {
    use wasmparser::{Parser, Payload};
    if !bytes.starts_with(&crate::COMPONENT_PREAMBLE) {
        return Err(InspectError::NotAComponent);
    }
    let malformed = |reason: String| InspectError::Malformed { reason };
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    // Nested modules and components open with a `Version` and close with
    // an `End`; only depth 1 is the component itself.
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| malformed(e.to_string()))? {
            Payload::Version { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::ComponentImportSection(r) if depth == 1 => {
                for import in r {
                    imports.push(
                        import
                            .map_err(|e| malformed(e.to_string()))?
                            .name
                            .name
                            .to_owned(),
                    );
                }
            }
            Payload::ComponentExportSection(r) if depth == 1 => {
                for export in r {
                    exports.push(
                        export
                            .map_err(|e| malformed(e.to_string()))?
                            .name
                            .name
                            .to_owned(),
                    );
                }
            }
            _ => {}
        }
    }
    let contract = exports.iter().find_map(|e| {
        e.strip_prefix(RULES_INTERFACE)
            .and_then(|rest| rest.strip_prefix('@'))
            .map(str::to_owned)
    });
    let signatures = match wasmsign2::signature_info_from_reader(&mut &bytes[..], None) {
        Ok(info) if info.key_ids().len() == info.signature_count() => info
            .key_ids()
            .iter()
            .cloned()
            .map(|id| Some(KeyId(id)))
            .collect(),
        Ok(info) => {
            // Some signatures have no key id: list them all from the data.
            let mut ids: Vec<Option<KeyId>> = info
                .key_ids()
                .iter()
                .cloned()
                .map(|id| Some(KeyId(id)))
                .collect();
            ids.resize(info.signature_count(), None);
            ids
        }
        Err(_) => Vec::new(),
    };
    let unsigned_sha256 = match crate::sign::strip(bytes) {
        Ok((unsigned, Some(_))) => crate::sha256(&unsigned),
        _ => crate::sha256(bytes),
    };
    Ok(Inspection {
        size: bytes.len(),
        sha256: crate::sha256(bytes),
        unsigned_sha256,
        contract,
        imports,
        exports,
        metadata: metadata(bytes)?,
        signatures,
    })
}

fn metadata(bytes: &[u8]) -> Result<Metadata, InspectError> {
    let payload =
        wasm_metadata::Payload::from_binary(bytes).map_err(|e| InspectError::Malformed {
            reason: format!("{e:#}"),
        })?;
    let m = payload.metadata();
    let mut producers = Vec::new();
    if let Some(p) = &m.producers {
        for (field, tools) in p.iter() {
            for (tool, version) in tools.iter() {
                producers.push((field.clone(), tool.clone(), version.clone()));
            }
        }
    }
    Ok(Metadata {
        name: m.name.clone(),
        version: m.version.as_ref().map(ToString::to_string),
        authors: m.authors.as_ref().map(ToString::to_string),
        description: m.description.as_ref().map(ToString::to_string),
        licenses: m.licenses.as_ref().map(ToString::to_string),
        source: m.source.as_ref().map(ToString::to_string),
        homepage: m.homepage.as_ref().map(ToString::to_string),
        revision: m.revision.as_ref().map(ToString::to_string),
        producers,
    })
}
