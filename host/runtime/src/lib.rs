//! # echri-runtime: the sandbox that runs export-licensing rule modules
//!
//! Each participant of the Export Controls and Human Rights Initiative
//! publishes its export-licensing human-rights rules as a WebAssembly
//! component of the `echri:policy/rule-module` world (`wit/policy.wit`).
//! This crate loads those components into a sandbox that grants them
//! nothing, evaluates a case under each in a fresh instance, and returns
//! every module's assessment, or the typed reason it has none. It has no
//! command line and embeds no modules: the `echri` CLI (host/cli) and the
//! built-in modules (host/builtin) sit on top of it.
//!
//! echri models policy; it is not legal advice.
//!
//! ```no_run
//! use echri_runtime::{Limits, Origin, Runtime};
//!
//! let mut runtime = Runtime::new(Limits::default(), 1)?;
//! let bytes = std::fs::read("gb.wasm")?;
//! runtime.load_bytes(Origin::File("gb.wasm".into()), &bytes)?;
//! let case: echri_sdk::model::Case = serde_json::from_str(r#"{
//!     "id": "c1", "as_of": "2024-05-01", "destination": "EG",
//!     "items": [{"control_code": "5A001.j"}],
//!     "parties": [{"name": "Ministry of Interior", "country": "EG", "kind": "police", "role": "end-user"}]
//! }"#)?;
//! for r in runtime.evaluate(&case) {
//!     println!("{:?}: {:?}", r.jurisdiction, r.result.as_ref().map(|a| a.outcome));
//! }
//! # Ok::<(), anyhow::Error>(())
//! ```

#![warn(missing_docs)]

pub mod cache;
mod convert;
pub mod engine;
pub mod evaluate;
pub mod module;
pub mod sandbox;

/// Host bindings of each contract version the host accepts, generated from
/// `wit/` (0.2.0) and `wit/v0.1.0/` in place.
#[allow(
    missing_debug_implementations,
    unused_qualifications,
    reason = "generated code"
)]
mod bindings {
    /// `echri:policy@0.2.0`, the current contract.
    pub(crate) mod v0_2 {
        wasmtime::component::bindgen!({
            path: "../../wit",
            world: "echri:policy/rule-module@0.2.0",
            // `log` may trap: host work for a module is charged as fuel, and
            // a module that logs past its budget stops with `fuel exhausted`.
            imports: { "echri:policy/host.log": trappable },
        });
    }
    /// `echri:policy@0.1.0`, kept so that published 0.1.0 modules run.
    pub(crate) mod v0_1 {
        wasmtime::component::bindgen!({
            path: "../../wit/v0.1.0",
            world: "echri:policy/rule-module@0.1.0",
            imports: { "echri:policy/host.log": trappable },
        });
    }
}

use std::path::Path;

/// `err` and its causes, joined with `: ` (what `{:#}` prints for an
/// `anyhow::Error`), for messages kept as text.
pub fn message_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

pub use engine::{Limits, SandboxEngine};
pub use evaluate::{JurisdictionResult, ResultError, Slot};
pub use module::{Contract, EvalError, Evaluation, LoadError, Module, Origin, PreparedCase};

use echri_sdk::model::Case;
use wasmtime::component::Linker;

/// The engine, the linker and the loaded modules.
pub struct Runtime {
    sandbox: SandboxEngine,
    linker: Linker<sandbox::State>,
    cache: Option<cache::Cache>,
    slots: Vec<Slot>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("slots", &self.slots)
            .finish()
    }
}

impl Runtime {
    /// A runtime for up to `threads` concurrent evaluations.
    pub fn new(limits: Limits, threads: usize) -> anyhow::Result<Runtime> {
        let sandbox = SandboxEngine::new(limits, threads)?;
        let linker = module::linker(&sandbox)?;
        Ok(Runtime {
            sandbox,
            linker,
            cache: None,
            slots: Vec::new(),
        })
    }

    /// Keeps compiled modules in `cache` (and reuses them from it) for the
    /// modules loaded from now on.
    pub fn use_cache(&mut self, cache: cache::Cache) {
        self.cache = Some(cache);
    }

    /// Loads a component file.
    pub fn load_file(&mut self, path: &Path) -> Result<&Module, LoadError> {
        let origin = Origin::File(path.display().to_string());
        match std::fs::read(path) {
            Ok(bytes) => self.load_bytes(origin, &bytes),
            Err(source) => Err(self.fail(LoadError::Read { origin, source })),
        }
    }

    /// Loads a component from memory. A failure is also kept as a failed
    /// slot, so every comparison reports it.
    pub fn load_bytes(&mut self, origin: Origin, bytes: &[u8]) -> Result<&Module, LoadError> {
        self.load_bytes_as(origin, bytes, None)
    }

    /// [`Runtime::load_bytes`], the module reporting under `label` (when
    /// given) instead of the jurisdiction it claims: a draft beside the
    /// rules in force. Two modules may not report under one name.
    pub fn load_bytes_as(
        &mut self,
        origin: Origin,
        bytes: &[u8],
        label: Option<&str>,
    ) -> Result<&Module, LoadError> {
        self.load_bytes_named(origin, bytes, &|_| label.map(str::to_owned))
    }

    /// [`Runtime::load_bytes_as`], the label chosen from what the module
    /// says about itself (e.g. `GB-draft` for whichever jurisdiction a
    /// draft claims).
    pub fn load_bytes_named(
        &mut self,
        origin: Origin,
        bytes: &[u8],
        name: &dyn Fn(&echri_sdk::model::ModuleInfo) -> Option<String>,
    ) -> Result<&Module, LoadError> {
        let module = match Module::load(
            &self.sandbox,
            &self.linker,
            self.cache.as_ref(),
            origin,
            bytes,
        ) {
            Ok(m) => m,
            Err(e) => return Err(self.fail(e)),
        };
        let module = match name(module.info()) {
            Some(label) => module.labelled(&label),
            None => module,
        };
        let name = module.name();
        let clash = self
            .modules()
            .find(|m| m.name() == name)
            .map(|other| other.origin().clone());
        if let Some(other) = clash {
            let err = LoadError::JurisdictionClash {
                origin: module.origin().clone(),
                jurisdiction: name.to_owned(),
                other,
            };
            return Err(self.fail(err));
        }
        self.slots.push(Slot::Loaded(module));
        match self.slots.last() {
            Some(Slot::Loaded(m)) => Ok(m),
            _ => unreachable!("just pushed a loaded slot"),
        }
    }

    fn fail(&mut self, err: LoadError) -> LoadError {
        self.slots.push(Slot::Failed {
            origin: err.origin().clone(),
            kind: err.kind().to_owned(),
            message: message_chain(&err),
        });
        err
    }

    /// The loaded modules, in load order.
    pub fn modules(&self) -> impl Iterator<Item = &Module> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Loaded(m) => Some(m),
            Slot::Failed { .. } => None,
        })
    }

    /// Every slot, loaded or failed, in load order.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Evaluates `case` under every slot, in load order: each module's
    /// assessment, or why there is none (a failed load included).
    pub fn evaluate(&self, case: &Case) -> Vec<JurisdictionResult> {
        evaluate::evaluate_all(&self.slots, case)
    }

    /// The engine and its limits.
    pub fn sandbox(&self) -> &SandboxEngine {
        &self.sandbox
    }
}

#[cfg(test)]
mod tests {
    use super::{EvalError, LoadError, Origin, message_chain};

    #[test]
    fn a_load_error_says_its_cause_once() {
        let err = LoadError::Info {
            origin: Origin::File("m.wasm".into()),
            source: EvalError::Trap {
                message: "panicked at src/lib.rs:1:1: boom".into(),
            },
        };
        let text = message_chain(&err);
        assert_eq!(text.matches("boom").count(), 1, "{text}");
        assert_eq!(
            text,
            "`m.wasm` failed while describing itself: trap: panicked at src/lib.rs:1:1: boom"
        );
    }
}
