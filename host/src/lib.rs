//! # echri: one export case, every jurisdiction's rules, side by side
//!
//! Each participant of the Export Controls and Human Rights Initiative
//! publishes its export-licensing human-rights rules as a WebAssembly
//! component of the `echri:policy/rule-module` world (`wit/policy.wit`).
//! This crate loads those components into a sandbox that grants them
//! nothing, evaluates a case under each in a fresh instance, and compares
//! the outcomes.
//!
//! echri models policy; it is not legal advice.
//!
//! ```no_run
//! use echri::{Limits, Runtime, case_file};
//!
//! let mut runtime = Runtime::new(Limits::default(), 1)?;
//! runtime.load_builtin();
//! let case = case_file::read_case_file("examples/cases/nso-laptops.toml".as_ref())?;
//! let comparison = runtime.compare(&case);
//! for r in &comparison.results {
//!     println!("{:?}: {:?}", r.jurisdiction, r.result.as_ref().map(|a| a.outcome));
//! }
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod align;
pub mod batch;
pub mod builtin;
pub mod cache;
pub mod case_file;
pub mod compare;
mod convert;
pub mod engine;
pub mod generate;
pub mod module;
pub mod report;
pub mod sandbox;

/// Host bindings of the contract, generated from `wit/` in place.
#[allow(missing_debug_implementations, unused_qualifications, reason = "generated code")]
mod bindings {
    wasmtime::component::bindgen!({
        path: "../wit",
        world: "echri:policy/rule-module",
    });
}

use std::path::Path;

pub use compare::{Alignment, Comparison, JurisdictionResult, Slot};
pub use engine::{Limits, SandboxEngine};
pub use module::{EvalError, Evaluation, LoadError, Module, Origin, PreparedCase};

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
        f.debug_struct("Runtime").field("slots", &self.slots).finish()
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

    /// Loads the modules built into this binary. Returns the load errors
    /// (also kept as failed slots).
    pub fn load_builtin(&mut self) -> Vec<LoadError> {
        builtin::MODULES
            .iter()
            .filter_map(|m| self.load_bytes(Origin::Builtin(m.package.to_owned()), m.bytes).err())
            .collect()
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
        let module = match Module::load(&self.sandbox, &self.linker, self.cache.as_ref(), origin, bytes) {
            Ok(m) => m,
            Err(e) => return Err(self.fail(e)),
        };
        let jurisdiction = &module.info().jurisdiction;
        let clash = self
            .modules()
            .find(|m| &m.info().jurisdiction == jurisdiction)
            .map(|other| other.origin().clone());
        if let Some(other) = clash {
            let err = LoadError::JurisdictionClash {
                origin: module.origin().clone(),
                jurisdiction: jurisdiction.clone(),
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
            message: format!("{err}"),
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

    /// Evaluates `case` under every module.
    pub fn compare(&self, case: &Case) -> Comparison {
        compare::compare(&self.slots, case)
    }

    /// The engine and its limits.
    pub fn sandbox(&self) -> &SandboxEngine {
        &self.sandbox
    }
}
