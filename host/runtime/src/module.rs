//! Loading a rule module (compile once, check its imports and exports, read
//! its info) and evaluating cases with it (a fresh store and instance per
//! evaluation).

use std::fmt;
use std::sync::Arc;

use echri_sdk::model::{Assessment, ModuleInfo, Outcome};
use serde::Serialize;
use sha2::{Digest, Sha256};
use wasmtime::component::{
    Component, ComponentExportIndex, HasSelf, Linker, TypedFunc, types::ComponentItem,
};
use wasmtime::{Store, Trap};

use crate::bindings::v0_1 as b1;
use crate::bindings::v0_2::{self as b2, echri::policy::types as w};
use crate::cache::Cache;
use crate::convert;
use crate::convert::truncate;
use crate::engine::SandboxEngine;
use crate::sandbox::{MemoryLimitExceeded, OutOfFuel, State, Trace, WouldBlock};

/// Bytes of a module's own text (a panic message, a case error's message)
/// kept in an error; the rest is cut with a marker.
pub const ERROR_TEXT_BYTES: usize = 4 << 10;
/// Bytes of a case error's `field` kept.
pub const ERROR_FIELD_BYTES: usize = 1 << 10;

/// Where a module came from, for messages and reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum Origin {
    /// Built into the `echri` binary (the crate name).
    Builtin(String),
    /// Loaded from a file (its path as given).
    File(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin(name) => write!(f, "built-in module `{name}`"),
            Origin::File(path) => write!(f, "`{path}`"),
        }
    }
}

/// Why a module could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {origin}")]
    Read {
        /// The module.
        origin: Origin,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Not a WebAssembly file at all.
    #[error("{origin} is not a WebAssembly component (no `\\0asm` header)")]
    NotWasm {
        /// The module.
        origin: Origin,
    },
    /// A core module where a component was expected.
    #[error(
        "{origin} is a core WebAssembly module, not a component; build it for `wasm32-wasip2` \
         or wrap it with `wasm-tools component new`"
    )]
    CoreModule {
        /// The module.
        origin: Origin,
    },
    /// The component file is larger than [`crate::Limits::max_component_bytes`].
    #[error("{origin} is {size} bytes, larger than the limit of {limit} bytes")]
    TooLarge {
        /// The module.
        origin: Origin,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The component defines more functions than
    /// [`crate::Limits::max_functions`] (counted before compilation).
    #[error("{origin} defines {count} functions, more than the limit of {limit}")]
    TooManyFunctions {
        /// The module.
        origin: Origin,
        /// Functions counted (counting stops just past the limit).
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// The component failed to validate or compile.
    #[error("{origin} failed to compile: {reason}")]
    Compile {
        /// The module.
        origin: Origin,
        /// The compiler's reason.
        reason: String,
    },
    /// The component imports something the sandbox does not provide.
    #[error(
        "{origin} imports `{import}`, which the sandbox does not provide (modules may import \
         only WASI 0.2 and `echri:policy`)"
    )]
    ForbiddenImport {
        /// The module.
        origin: Origin,
        /// The import's name.
        import: String,
    },
    /// The component does not implement the `echri:policy/rule-module` world
    /// of a contract version the host accepts ([`Contract`]).
    #[error(
        "{origin} does not implement the `echri:policy` rule-module world (0.2.0 or 0.1.0): \
         {reason}"
    )]
    WrongWorld {
        /// The module.
        origin: Origin,
        /// What does not match.
        reason: String,
    },
    /// Calling `info` failed.
    #[error("{origin} failed while describing itself")]
    Info {
        /// The module.
        origin: Origin,
        /// The failure.
        #[source]
        source: EvalError,
    },
    /// `info` answered with something invalid.
    #[error("{origin} describes itself invalidly: {reason}")]
    BadInfo {
        /// The module.
        origin: Origin,
        /// What is wrong.
        reason: String,
    },
    /// Another loaded module already reports under this name (its
    /// jurisdiction, or the label it was loaded with).
    #[error(
        "{origin} claims jurisdiction `{jurisdiction}`, already provided by {other} (to run it beside that one, give it another name: `--rules NAME=FILE`, e.g. `--rules {jurisdiction}-draft=FILE`)"
    )]
    JurisdictionClash {
        /// The module.
        origin: Origin,
        /// The jurisdiction.
        jurisdiction: String,
        /// The module loaded first.
        other: Origin,
    },
}

impl LoadError {
    /// A short machine-readable kind, used in JSON reports.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Read { .. } => "read",
            LoadError::NotWasm { .. } => "not-wasm",
            LoadError::CoreModule { .. } => "core-module",
            LoadError::TooLarge { .. } => "too-large",
            LoadError::TooManyFunctions { .. } => "too-many-functions",
            LoadError::Compile { .. } => "compile",
            LoadError::ForbiddenImport { .. } => "forbidden-import",
            LoadError::WrongWorld { .. } => "wrong-world",
            LoadError::Info { .. } => "info",
            LoadError::BadInfo { .. } => "bad-info",
            LoadError::JurisdictionClash { .. } => "jurisdiction-clash",
        }
    }

    /// The module the error is about.
    pub fn origin(&self) -> &Origin {
        match self {
            LoadError::Read { origin, .. }
            | LoadError::NotWasm { origin }
            | LoadError::CoreModule { origin }
            | LoadError::TooLarge { origin, .. }
            | LoadError::TooManyFunctions { origin, .. }
            | LoadError::Compile { origin, .. }
            | LoadError::ForbiddenImport { origin, .. }
            | LoadError::WrongWorld { origin, .. }
            | LoadError::Info { origin, .. }
            | LoadError::BadInfo { origin, .. }
            | LoadError::JurisdictionClash { origin, .. } => origin,
        }
    }
}

/// Why one evaluation produced no assessment. Each variant is classified
/// from the error's type, never from its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum EvalError {
    /// The fuel budget ran out.
    #[error("fuel exhausted (budget {budget})")]
    FuelExhausted {
        /// The budget.
        budget: u64,
    },
    /// The module's memory would exceed the cap.
    #[error("memory limit of {limit} bytes exceeded")]
    MemoryLimit {
        /// The cap.
        limit: u64,
    },
    /// The wall-clock backstop fired.
    #[error("wall-clock deadline of {deadline_ms} ms exceeded")]
    Deadline {
        /// The deadline.
        deadline_ms: u64,
    },
    /// The module overflowed its stack.
    #[error("stack overflow")]
    StackOverflow,
    /// The module trapped; for a Rust panic, `message` is the panic message.
    #[error("trap: {message}")]
    Trap {
        /// The panic message, or the trap's description.
        message: String,
    },
    /// The assessment exceeds the result limits.
    #[error("result too large: {detail}")]
    ResultTooLarge {
        /// Which limit and by how much.
        detail: String,
    },
    /// The module declined the case (its own `case-error`).
    #[error("module rejected the case: `{field}`: {message}")]
    CaseRejected {
        /// The field the module objects to.
        field: String,
        /// Why.
        message: String,
    },
    /// The module waited on something that can never become ready (a
    /// `wasi:io/poll` call with no ready pollable): it would hang forever.
    #[error("blocked: `{call}` would wait forever")]
    Blocked {
        /// The WASI function called.
        call: String,
    },
    /// The answer contradicts itself: its outcome is not the most
    /// restrictive of its findings' outcomes, or a restrictive outcome has
    /// no finding.
    #[error("inconsistent answer: {detail}")]
    Inconsistent {
        /// What contradicts what.
        detail: String,
    },
    /// Instantiation failed for another reason (e.g. the instance pool is
    /// exhausted).
    #[error("cannot instantiate: {message}")]
    Instantiate {
        /// The reason.
        message: String,
    },
}

impl EvalError {
    fn classify(err: &wasmtime::Error, sandbox: &SandboxEngine, trace: &Trace) -> EvalError {
        let limits = sandbox.limits();
        if let Some(m) = err.downcast_ref::<MemoryLimitExceeded>() {
            return EvalError::MemoryLimit { limit: m.limit };
        }
        if err.downcast_ref::<OutOfFuel>().is_some() {
            return EvalError::FuelExhausted {
                budget: limits.fuel,
            };
        }
        if let Some(b) = err.downcast_ref::<WouldBlock>() {
            return EvalError::Blocked {
                call: b.call.to_owned(),
            };
        }
        match err.downcast_ref::<Trap>() {
            Some(Trap::OutOfFuel) => EvalError::FuelExhausted {
                budget: limits.fuel,
            },
            Some(Trap::Interrupt) => EvalError::Deadline {
                deadline_ms: limits.deadline_ms,
            },
            Some(Trap::StackOverflow) => EvalError::StackOverflow,
            Some(trap) => EvalError::Trap {
                message: truncate(
                    &trace.panic_message().unwrap_or_else(|| trap.to_string()),
                    ERROR_TEXT_BYTES,
                ),
            },
            None => EvalError::Trap {
                message: truncate(
                    &trace.panic_message().unwrap_or_else(|| format!("{err:#}")),
                    ERROR_TEXT_BYTES,
                ),
            },
        }
    }

    /// A short machine-readable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            EvalError::FuelExhausted { .. } => "fuel-exhausted",
            EvalError::MemoryLimit { .. } => "memory-limit",
            EvalError::Deadline { .. } => "deadline",
            EvalError::StackOverflow => "stack-overflow",
            EvalError::Trap { .. } => "trap",
            EvalError::ResultTooLarge { .. } => "result-too-large",
            EvalError::CaseRejected { .. } => "case-rejected",
            EvalError::Blocked { .. } => "blocked",
            EvalError::Inconsistent { .. } => "inconsistent",
            EvalError::Instantiate { .. } => "instantiate",
        }
    }
}

/// One evaluation: its result, its trace and the fuel it used.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The assessment, or why there is none.
    pub result: Result<Assessment, EvalError>,
    /// Log messages and captured output.
    pub trace: Trace,
    /// Fuel consumed (deterministic for a given module and case).
    pub fuel: u64,
    /// The stated facts of the case the module could not see, because its
    /// contract version cannot carry them (see [`Contract`]); empty for a
    /// module of the current contract.
    pub unseen: Vec<String>,
}

/// A version of the `echri:policy` contract the host accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Contract {
    /// `echri:policy@0.1.0`: evaluated on the case lowered to what 0.1.0
    /// can state; what it cannot is reported as unseen.
    #[serde(rename = "0.1.0")]
    V0_1,
    /// `echri:policy@0.2.0`, the current contract.
    #[serde(rename = "0.2.0")]
    V0_2,
}

impl Contract {
    /// The current version.
    pub const CURRENT: Contract = Contract::V0_2;

    /// The version number, e.g. `0.2.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            Contract::V0_1 => "0.1.0",
            Contract::V0_2 => "0.2.0",
        }
    }

    fn from_version(version: &str) -> Option<Contract> {
        match version {
            "0.1.0" => Some(Contract::V0_1),
            "0.2.0" => Some(Contract::V0_2),
            _ => None,
        }
    }
}

impl fmt::Display for Contract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A module's instance-pre for its contract version.
enum Pre {
    V0_1(b1::RuleModulePre<State>),
    V0_2(b2::RuleModulePre<State>),
}

/// A loaded, compiled rule module, ready to evaluate cases. Cheap to clone
/// and share across threads.
#[derive(Clone)]
pub struct Module {
    inner: Arc<Inner>,
    /// The name the module reports under when it is not its jurisdiction
    /// (a draft loaded beside the rules in force, e.g. `GB-draft`).
    label: Option<Arc<str>>,
}

struct Inner {
    sandbox: SandboxEngine,
    pre: Pre,
    /// The `evaluate` export, found once at load.
    evaluate: ComponentExportIndex,
    info: ModuleInfo,
    origin: Origin,
    sha256: String,
    size: usize,
}

impl fmt::Debug for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Module")
            .field("origin", &self.inner.origin)
            .field("jurisdiction", &self.inner.info.jurisdiction)
            .field("label", &self.label)
            .finish()
    }
}

/// Interface names a module may import: WASI 0.2 (minus what it does not
/// have a use for here, such as `wasi:http`) and the echri contract of a
/// version the host accepts (that it is the module's own version is checked
/// after the exports are known).
fn import_allowed(name: &str) -> bool {
    const WASI_PACKAGES: &[&str] = &[
        "wasi:cli/",
        "wasi:clocks/",
        "wasi:filesystem/",
        "wasi:io/",
        "wasi:random/",
        "wasi:sockets/",
    ];
    if let Some((package, version)) = name.rsplit_once('@') {
        if name.starts_with("echri:policy/") {
            return Contract::from_version(version).is_some();
        }
        return WASI_PACKAGES.iter().any(|p| package.starts_with(p)) && version.starts_with("0.2.");
    }
    false
}

/// The linker every module is instantiated against: WASI 0.2 served from a
/// context that grants nothing, plus the `echri:policy/host` interface.
pub(crate) fn linker(sandbox: &SandboxEngine) -> anyhow::Result<Linker<State>> {
    let mut linker = Linker::new(sandbox.engine());
    crate::sandbox::add_wasi(&mut linker)?;
    b2::RuleModule::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s)?;
    b1::RuleModule::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s)?;
    Ok(linker)
}

impl Module {
    /// Compiles `bytes` and prepares the module. `linker` comes from
    /// [`crate::Runtime`], which builds it once.
    pub(crate) fn load(
        sandbox: &SandboxEngine,
        linker: &Linker<State>,
        cache: Option<&Cache>,
        origin: Origin,
        bytes: &[u8],
    ) -> Result<Module, LoadError> {
        let limits = sandbox.limits();
        if bytes.len() as u64 > limits.max_component_bytes {
            return Err(LoadError::TooLarge {
                origin,
                size: bytes.len() as u64,
                limit: limits.max_component_bytes,
            });
        }
        if !bytes.starts_with(b"\0asm") || bytes.len() < 8 {
            return Err(LoadError::NotWasm { origin });
        }
        // Bytes 4..8: version 1 with layer 0 is a core module; components
        // use layer 1.
        if bytes[4..8] == [1, 0, 0, 0] {
            return Err(LoadError::CoreModule { origin });
        }
        match count_functions(bytes, limits.max_functions) {
            Ok(count) if count > limits.max_functions => {
                return Err(LoadError::TooManyFunctions {
                    origin,
                    count,
                    limit: limits.max_functions,
                });
            }
            Ok(_) => {}
            Err(e) => {
                return Err(LoadError::Compile {
                    origin,
                    reason: e.to_string(),
                });
            }
        }
        let sha256 = hex(&Sha256::digest(bytes));
        let compiled = match cache {
            Some(cache) => cache.get_or_compile(sandbox.engine(), bytes, &sha256),
            None => Component::new(sandbox.engine(), bytes),
        };
        let component = compiled.map_err(|e| LoadError::Compile {
            origin: origin.clone(),
            reason: format!("{e:#}"),
        })?;

        let ty = component.component_type();
        let mut imports: Vec<&str> = ty.imports(sandbox.engine()).map(|(name, _)| name).collect();
        imports.sort_unstable();
        if let Some(bad) = imports.iter().find(|name| !import_allowed(name)) {
            return Err(LoadError::ForbiddenImport {
                origin,
                import: (*bad).to_owned(),
            });
        }
        // The newest contract version whose `rules` the component exports.
        let contract = ty
            .exports(sandbox.engine())
            .filter(|(_, item)| matches!(item.ty, ComponentItem::ComponentInstance(_)))
            .filter_map(|(name, _)| {
                name.strip_prefix("echri:policy/rules@")
                    .and_then(Contract::from_version)
            })
            .max();
        let Some(contract) = contract else {
            let found: Vec<&str> = ty.exports(sandbox.engine()).map(|(n, _)| n).collect();
            return Err(LoadError::WrongWorld {
                origin,
                reason: format!(
                    "it exports neither `echri:policy/rules@0.2.0` nor `@0.1.0` (exports: {})",
                    if found.is_empty() {
                        "none".to_owned()
                    } else {
                        found.join(", ")
                    }
                ),
            });
        };
        // Its contract imports must be of the same version: a module is
        // one version of the contract, not a mixture.
        if let Some(mixed) = imports.iter().find(|name| {
            name.starts_with("echri:policy/")
                && name.rsplit_once('@').map(|(_, v)| v) != Some(contract.as_str())
        }) {
            return Err(LoadError::WrongWorld {
                origin,
                reason: format!("it exports the {contract} contract but imports `{mixed}`"),
            });
        }

        let wrong_world = |e: wasmtime::Error| LoadError::WrongWorld {
            origin: origin.clone(),
            reason: format!("{e:#}"),
        };
        let instance_pre = linker.instantiate_pre(&component).map_err(wrong_world)?;
        let pre = match contract {
            Contract::V0_2 => Pre::V0_2(b2::RuleModulePre::new(instance_pre).map_err(wrong_world)?),
            Contract::V0_1 => Pre::V0_1(b1::RuleModulePre::new(instance_pre).map_err(wrong_world)?),
        };
        let rules_export = format!("echri:policy/rules@{contract}");
        let evaluate = component
            .get_export_index(None, &rules_export)
            .and_then(|rules| component.get_export_index(Some(&rules), "evaluate"))
            .ok_or_else(|| LoadError::WrongWorld {
                origin: origin.clone(),
                reason: format!("`{rules_export}` has no `evaluate` function"),
            })?;

        let mut module = Module {
            inner: Arc::new(Inner {
                sandbox: sandbox.clone(),
                pre,
                evaluate,
                info: placeholder_info(),
                origin: origin.clone(),
                sha256,
                size: bytes.len(),
            }),
            label: None,
        };
        let info = match &module.inner.pre {
            Pre::V0_2(pre) => module
                .call(|store| {
                    let rules = pre.instantiate(&mut *store)?;
                    rules.echri_policy_rules().call_info(&mut *store)
                })
                .0
                .map(convert::module_info),
            Pre::V0_1(pre) => module
                .call(|store| {
                    let rules = pre.instantiate(&mut *store)?;
                    rules.echri_policy_rules().call_info(&mut *store)
                })
                .0
                .map(convert::v0_1::module_info),
        };
        let info = info
            .map_err(|source| LoadError::Info {
                origin: origin.clone(),
                source,
            })?
            .map_err(|reason| LoadError::BadInfo {
                origin: origin.clone(),
                reason,
            })?;
        Arc::get_mut(&mut module.inner)
            .expect("the module is not shared yet")
            .info = info;
        Ok(module)
    }

    /// Runs `f` (which instantiates the module and calls it) in a fresh
    /// store with the limits applied, and classifies any failure.
    fn call<R>(
        &self,
        f: impl FnOnce(&mut Store<State>) -> wasmtime::Result<R>,
    ) -> (Result<R, EvalError>, Trace, u64) {
        let sandbox = &self.inner.sandbox;
        let limits = sandbox.limits();
        let mut store = Store::new(
            sandbox.engine(),
            State::new(limits.memory_bytes, limits.trace_bytes, limits.fuel),
        );
        store.limiter(|s| s.limiter());
        // Setting fuel cannot fail: fuel is enabled on every echri engine.
        let _ = store.set_fuel(limits.fuel);
        store.set_epoch_deadline(sandbox.deadline_ticks());

        let result = f(&mut store);
        // Host work not yet taken from the store counts too: running out
        // is running out, whether in Wasm or in the host, and whatever
        // happened afterwards (fuel only grows, so the budget was crossed
        // before any later failure).
        let fuel =
            (limits.fuel - store.get_fuel().unwrap_or(0)).saturating_add(store.data().fuel_debt());
        let trace = store.data().take_trace();
        let result = if fuel > limits.fuel {
            Err(EvalError::FuelExhausted {
                budget: limits.fuel,
            })
        } else {
            result.map_err(|e| EvalError::classify(&e, sandbox, &trace))
        };
        (result, trace, fuel.min(limits.fuel))
    }

    /// Evaluates one case (already converted with [`PreparedCase::new`]) in a
    /// fresh instance.
    pub fn evaluate(&self, case: &PreparedCase) -> Evaluation {
        let limits = self.inner.sandbox.limits();
        let mut unseen = Vec::new();
        // Each evaluation instantiates afresh but looks the function up by
        // the index found at load, without typechecking it again: the
        // bindings' `instantiate` checks every export's type on every
        // instance, a cost that grows with the contract's types (a quarter
        // of an evaluation with 0.2.0's; BENCHMARKS.md). The type was
        // checked on this same component at load, when `info` was called
        // through the bindings.
        let evaluate = self.inner.evaluate;
        let (result, trace, fuel) = match &self.inner.pre {
            Pre::V0_2(pre) => self.call(|store| {
                // SAFETY: the 0.2.0 bindings' types of `evaluate`, checked
                // for this component at load.
                #[allow(unsafe_code, reason = "the type was checked at load")]
                let (answer,) = unsafe {
                    call_unchecked::<_, (Result<w::Assessment, w::CaseError>,)>(
                        store,
                        pre.instance_pre(),
                        evaluate,
                        (&case.v0_2,),
                    )?
                };
                Ok(answer)
            }),
            Pre::V0_1(pre) => {
                let (lowered, not_seen) = case.v0_1();
                unseen.clone_from(not_seen);
                self.call(|store| {
                    type Assessment1 = b1::echri::policy::types::Assessment;
                    type Error1 = b1::echri::policy::types::CaseError;
                    // SAFETY: as above, for the 0.1.0 bindings.
                    #[allow(unsafe_code, reason = "the type was checked at load")]
                    let (answer,) = unsafe {
                        call_unchecked::<_, (Result<Assessment1, Error1>,)>(
                            store,
                            pre.instance_pre(),
                            evaluate,
                            (lowered,),
                        )?
                    };
                    Ok(answer
                        .map(convert::v0_1::assessment)
                        .map_err(convert::v0_1::case_error))
                })
            }
        };
        let result = result.and_then(|answer| match answer {
            Ok(assessment) => {
                if assessment.findings.len() as u64 > limits.max_findings {
                    return Err(EvalError::ResultTooLarge {
                        detail: format!(
                            "{} findings, the limit is {}",
                            assessment.findings.len(),
                            limits.max_findings
                        ),
                    });
                }
                let size = convert::assessment_size(&assessment);
                if size > limits.result_bytes {
                    return Err(EvalError::ResultTooLarge {
                        detail: format!("{size} bytes, the limit is {}", limits.result_bytes),
                    });
                }
                let assessment: Assessment = assessment.into();
                check_consistent(&assessment)?;
                Ok(assessment)
            }
            Err(w::CaseError { field, message }) => Err(EvalError::CaseRejected {
                field: truncate(&field, ERROR_FIELD_BYTES),
                message: truncate(&message, ERROR_TEXT_BYTES),
            }),
        });
        Evaluation {
            result,
            trace,
            fuel,
            unseen,
        }
    }

    /// The contract version the module implements.
    pub fn contract(&self) -> Contract {
        match self.inner.pre {
            Pre::V0_1(_) => Contract::V0_1,
            Pre::V0_2(_) => Contract::V0_2,
        }
    }

    /// The name the module reports under: its label when it was loaded
    /// with one ([`Module::labelled`]), else the jurisdiction it claims.
    /// Every result, table and record keys the module by this name.
    pub fn name(&self) -> &str {
        self.label
            .as_deref()
            .unwrap_or(&self.inner.info.jurisdiction)
    }

    /// The label the module was loaded with, if any.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The same module, reporting under `label` instead of its
    /// jurisdiction (which it still claims: trust and signatures are
    /// checked against the claim).
    pub fn labelled(mut self, label: &str) -> Module {
        self.label = Some(Arc::from(label));
        self
    }

    /// What the module says about itself.
    pub fn info(&self) -> &ModuleInfo {
        &self.inner.info
    }

    /// Where the module came from.
    pub fn origin(&self) -> &Origin {
        &self.inner.origin
    }

    /// SHA-256 of the component, lower-case hex.
    pub fn sha256(&self) -> &str {
        &self.inner.sha256
    }

    /// Size of the component in bytes.
    pub fn size(&self) -> usize {
        self.inner.size
    }
}

/// Instantiates `pre` in `store` and calls its export `func` (found at
/// load) with `params`, without type-checking it again.
///
/// # Safety
///
/// `Params` and `Return` must be the types the bindings checked for this
/// export of this component when it was loaded.
#[allow(unsafe_code, reason = "skips a type check done at load")]
unsafe fn call_unchecked<Params, Return>(
    store: &mut Store<State>,
    pre: &wasmtime::component::InstancePre<State>,
    func: ComponentExportIndex,
    params: Params,
) -> wasmtime::Result<Return>
where
    Params: wasmtime::component::ComponentNamedList + wasmtime::component::Lower,
    Return: wasmtime::component::ComponentNamedList + wasmtime::component::Lift,
{
    let instance = pre.instantiate(&mut *store)?;
    let func = instance
        .get_func(&mut *store, func)
        .ok_or_else(|| wasmtime::format_err!("the `evaluate` export is missing"))?;
    // SAFETY: the caller's contract.
    let typed = unsafe { TypedFunc::<Params, Return>::new_unchecked(func) };
    typed.call(&mut *store, params)
}

/// Checks that an answer agrees with itself:/// Checks that an answer agrees with itself: its outcome is its findings'
/// outcomes combined (what `echri_sdk::model::Assessment::most_restrictive`
/// computes: the most restrictive on the scale, or `not-determined`), and an
/// outcome other than `no-licence-required` has at least one finding to show
/// for it.
fn check_consistent(a: &Assessment) -> Result<(), EvalError> {
    let strictest = Outcome::combine_all(a.findings.iter().map(|f| f.outcome));
    match strictest {
        None if a.outcome != Outcome::NoLicenceRequired => Err(EvalError::Inconsistent {
            detail: format!("outcome `{}` with no finding", a.outcome),
        }),
        Some(max) if max != a.outcome => Err(EvalError::Inconsistent {
            detail: format!(
                "outcome `{}` but the findings combine to `{max}`",
                a.outcome
            ),
        }),
        _ => Ok(()),
    }
}

/// Functions `bytes` defines, counted over the code sections of all its
/// core modules (nested ones included) plus its canonical functions
/// (lifts, lowers and resource intrinsics compile to trampolines). Stops
/// counting just past `limit`, so a huge module costs no more than the
/// parse up to there.
pub fn count_functions(bytes: &[u8], limit: u64) -> Result<u64, wasmparser::BinaryReaderError> {
    use wasmparser::{Parser, Payload};
    let mut count: u64 = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::CodeSectionStart { count: n, .. } => count += u64::from(n),
            Payload::ComponentCanonicalSection(s) => count += u64::from(s.count()),
            _ => {}
        }
        if count > limit {
            break;
        }
    }
    Ok(count)
}

/// A case converted once into the contract's representation, so that each
/// module's evaluation does not convert it again; lowered to 0.1.0 (once)
/// when a 0.1.0 module first needs it.
#[derive(Debug, Clone)]
pub struct PreparedCase {
    v0_2: w::Case,
    v0_1: std::sync::OnceLock<(b1::echri::policy::types::Case, Vec<String>)>,
}

impl PreparedCase {
    /// Converts `case`.
    pub fn new(case: &echri_sdk::model::Case) -> PreparedCase {
        PreparedCase {
            v0_2: case.into(),
            v0_1: std::sync::OnceLock::new(),
        }
    }

    /// The case as 0.1.0 states it, and what 0.1.0 cannot state.
    fn v0_1(&self) -> &(b1::echri::policy::types::Case, Vec<String>) {
        self.v0_1.get_or_init(|| convert::v0_1::lower(&self.v0_2))
    }

    /// The stated facts of the case a module of `contract` cannot see.
    pub fn unseen_by(&self, contract: Contract) -> &[String] {
        match contract {
            Contract::V0_1 => &self.v0_1().1,
            Contract::V0_2 => &[],
        }
    }
}

fn placeholder_info() -> ModuleInfo {
    ModuleInfo {
        jurisdiction: String::new(),
        name: String::new(),
        authority: String::new(),
        version: String::new(),
        stated_for: echri_sdk::model::Period::new(
            echri_sdk::model::Date::ymd(2000, 1, 1),
            echri_sdk::model::Date::ymd(2000, 1, 1),
        ),
        sources: Vec::new(),
        rules: Vec::new(),
        commitments: Vec::new(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::import_allowed;

    #[test]
    fn import_policy() {
        assert!(import_allowed("wasi:cli/environment@0.2.0"));
        assert!(import_allowed("wasi:sockets/tcp@0.2.3"));
        assert!(import_allowed("echri:policy/host@0.1.0"));
        assert!(import_allowed("echri:policy/types@0.1.0"));
        assert!(import_allowed("echri:policy/host@0.2.0"));
        assert!(!import_allowed("echri:policy/host@0.3.0"));
        assert!(!import_allowed("wasi:http/outgoing-handler@0.2.0"));
        assert!(!import_allowed("wasi:cli/environment@0.3.0"));
        assert!(!import_allowed("evil:net/raw@1.0.0"));
        assert!(!import_allowed("unversioned"));
    }
}
