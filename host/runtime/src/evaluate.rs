//! One case under every loaded module: each module's assessment, or why
//! there is none.

use echri_sdk::model::{Assessment, Case};
use serde::Serialize;

use crate::module::{Contract, EvalError, Module, Origin, PreparedCase};
use crate::sandbox::Trace;

/// What one jurisdiction's module made of the case.
#[derive(Debug, Clone)]
pub struct JurisdictionResult {
    /// The name the module reports under ([`Module::name`]: its
    /// jurisdiction, or the label of a draft), or `None` when it failed to
    /// load.
    pub jurisdiction: Option<String>,
    /// Where the module came from.
    pub origin: Origin,
    /// The jurisdiction the module claims, when it reports under another
    /// name (a draft loaded as `GB-draft`); `None` otherwise.
    pub claims: Option<String>,
    /// The assessment, or why there is none.
    pub result: Result<Assessment, ResultError>,
    /// Fuel used by the evaluation.
    pub fuel: u64,
    /// The evaluation's trace.
    pub trace: Trace,
    /// The module's contract version, or `None` when it failed to load.
    pub contract: Option<Contract>,
    /// The stated facts of the case the module could not see (a module of
    /// an older contract version; see [`Contract`]).
    pub unseen: Vec<String>,
    /// What the host says about this result: that the case is dated after
    /// the date the module states its law as of (later changes are not
    /// modelled). Written by the host, never by the module.
    pub warnings: Vec<String>,
}

/// The host's warnings for `case` under a module described by `info`.
pub fn warnings_for(info: &echri_sdk::model::ModuleInfo, case: &Case) -> Vec<String> {
    let mut out = Vec::new();
    if info.stated_for.is_after(case.as_of) {
        out.push(format!(
            "the case is dated {}, after {}, the date this module states its law as of: \
             later changes to the law are not modelled",
            case.as_of, info.stated_for.until
        ));
    }
    out
}

/// Why a jurisdiction has no assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "stage")]
pub enum ResultError {
    /// The module could not be loaded.
    Load {
        /// Machine-readable kind.
        kind: String,
        /// The message.
        message: String,
    },
    /// The evaluation failed.
    Evaluate {
        /// Machine-readable kind.
        kind: String,
        /// The message.
        message: String,
        /// The typed error.
        #[serde(skip)]
        error: EvalError,
    },
}

impl ResultError {
    /// The message.
    pub fn message(&self) -> &str {
        match self {
            ResultError::Load { message, .. } | ResultError::Evaluate { message, .. } => message,
        }
    }
}

/// A module slot: loaded, or failed to load.
#[derive(Debug, Clone)]
pub enum Slot {
    /// Ready to evaluate.
    Loaded(Module),
    /// Failed to load; reported in every comparison.
    Failed {
        /// The module.
        origin: Origin,
        /// Machine-readable kind.
        kind: String,
        /// The message.
        message: String,
    },
}

/// Evaluates `case` under every slot, in slot order. Never fails: a
/// module's failure is that module's entry.
pub fn evaluate_all(slots: &[Slot], case: &Case) -> Vec<JurisdictionResult> {
    let prepared = PreparedCase::new(case);
    slots
        .iter()
        .map(|slot| match slot {
            Slot::Loaded(module) => {
                let eval = module.evaluate(&prepared);
                JurisdictionResult {
                    jurisdiction: Some(module.name().to_owned()),
                    origin: module.origin().clone(),
                    claims: module.label().map(|_| module.info().jurisdiction.clone()),
                    result: eval.result.map_err(|error| ResultError::Evaluate {
                        kind: error.kind().to_owned(),
                        message: error.to_string(),
                        error,
                    }),
                    fuel: eval.fuel,
                    trace: eval.trace,
                    contract: Some(module.contract()),
                    unseen: eval.unseen,
                    warnings: warnings_for(module.info(), case),
                }
            }
            Slot::Failed {
                origin,
                kind,
                message,
            } => JurisdictionResult {
                jurisdiction: None,
                origin: origin.clone(),
                claims: None,
                result: Err(ResultError::Load {
                    kind: kind.clone(),
                    message: message.clone(),
                }),
                fuel: 0,
                trace: Trace::default(),
                contract: None,
                unseen: Vec::new(),
                warnings: Vec::new(),
            },
        })
        .collect()
}
