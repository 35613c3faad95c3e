//! One case under every loaded module, and how far the outcomes agree.

use echri_runtime::{JurisdictionResult, Runtime};
use echri_sdk::model::{Case, Outcome};
use serde::Serialize;

/// The outcome of one case under every module.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The case.
    pub case: Case,
    /// One entry per module, in load order.
    pub results: Vec<JurisdictionResult>,
    /// How far the outcomes agree.
    pub alignment: Alignment,
}

/// Agreement between the jurisdictions that produced an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alignment {
    /// Jurisdictions with an assessment that decides the case (not
    /// `not-determined`).
    pub evaluated: usize,
    /// Jurisdictions whose module could not decide the case
    /// (`not-determined`): outside the agreement figures, never agreement.
    pub not_determined: Vec<String>,
    /// Modules without one (load or evaluation errors).
    pub failed: usize,
    /// The outcomes reached, least restrictive first, with who reached them.
    pub outcomes: Vec<OutcomeGroup>,
    /// Whether every evaluated jurisdiction reached the same outcome.
    pub unanimous: bool,
    /// The least restrictive outcome reached.
    pub least_restrictive: Option<Outcome>,
    /// The most restrictive outcome reached.
    pub most_restrictive: Option<Outcome>,
    /// Steps on the outcome scale between the two.
    pub spread: u8,
    /// Pairs of jurisdictions with the same outcome.
    pub agreeing_pairs: usize,
    /// Pairs of jurisdictions in all.
    pub pairs: usize,
    /// Jurisdictions whose outcome requires a licence.
    pub licence_required: Vec<String>,
}

/// The jurisdictions that reached one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeGroup {
    /// The outcome.
    pub outcome: Outcome,
    /// Its step on the scale (0 to 7).
    pub step: u8,
    /// The jurisdictions, in load order.
    pub jurisdictions: Vec<String>,
}

impl Alignment {
    /// Computes the alignment of `results`.
    pub fn of(results: &[JurisdictionResult]) -> Alignment {
        let assessed: Vec<(&str, Outcome)> = results
            .iter()
            .filter_map(|r| match (&r.jurisdiction, &r.result) {
                (Some(j), Ok(a)) => Some((j.as_str(), a.outcome)),
                _ => None,
            })
            .collect();
        let (ok, undetermined): (Vec<_>, Vec<_>) =
            assessed.iter().partition(|(_, o)| o.is_determined());
        let mut outcomes: Vec<OutcomeGroup> = Vec::new();
        for &outcome in Outcome::SCALE {
            let jurisdictions: Vec<String> = ok
                .iter()
                .filter(|(_, o)| *o == outcome)
                .map(|(j, _)| (*j).to_owned())
                .collect();
            if !jurisdictions.is_empty() {
                outcomes.push(OutcomeGroup {
                    outcome,
                    step: outcome.step().unwrap_or_default(),
                    jurisdictions,
                });
            }
        }
        let least = outcomes.first().map(|g| g.outcome);
        let most = outcomes.last().map(|g| g.outcome);
        let n = ok.len();
        let agreeing_pairs = outcomes
            .iter()
            .map(|g| g.jurisdictions.len() * (g.jurisdictions.len() - 1) / 2)
            .sum();
        Alignment {
            evaluated: n,
            not_determined: undetermined.iter().map(|(j, _)| (*j).to_owned()).collect(),
            failed: results.len() - assessed.len(),
            // Unanimity needs every assessed module to have decided.
            unanimous: outcomes.len() == 1 && undetermined.is_empty(),
            spread: match (least.and_then(Outcome::step), most.and_then(Outcome::step)) {
                (Some(l), Some(m)) => m - l,
                _ => 0,
            },
            least_restrictive: least,
            most_restrictive: most,
            agreeing_pairs,
            pairs: n * n.saturating_sub(1) / 2,
            licence_required: ok
                .iter()
                .filter(|(_, o)| o.requires_licence())
                .map(|(j, _)| (*j).to_owned())
                .collect(),
            outcomes,
        }
    }
}

/// Evaluates `case` under every module of `runtime` and measures agreement.
pub fn compare(runtime: &Runtime, case: &Case) -> Comparison {
    compare_slots(runtime.slots(), case)
}

/// [`compare`] over explicit slots (e.g. a batch worker's).
pub fn compare_slots(slots: &[echri_runtime::Slot], case: &Case) -> Comparison {
    let results = echri_runtime::evaluate::evaluate_all(slots, case);
    let alignment = Alignment::of(&results);
    Comparison {
        case: case.clone(),
        results,
        alignment,
    }
}

/// One module of a decision record (`echri compare --format json`'s
/// `record`, and every `echri batch` JSON record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ModuleRecord {
    /// How it was named: a path, an `oci://` reference, or `builtin:PACKAGE`.
    pub reference: String,
    /// The jurisdiction it claims.
    pub jurisdiction: String,
    /// The name it reports under when not its jurisdiction (a draft loaded
    /// with `--rules NAME=FILE` or `--as NAME`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its rule-set version (`info().version`).
    pub version: String,
    /// The contract version it implements.
    pub contract: String,
    /// `sha256:` of the component.
    pub digest: String,
    /// The trust store's name for the key that vouched for it; `null` when
    /// it was loaded without verification or is built in.
    pub signer: Option<String>,
}

/// The canonical form of `case` (serde's compact JSON of the model, fields
/// in declaration order, defaults omitted) and its `sha256:` digest.
pub fn canonical_case(case: &Case) -> (serde_json::Value, String) {
    use sha2::Digest as _;
    let bytes = serde_json::to_vec(case).expect("cases always serialise");
    let digest = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let value = serde_json::from_slice(&bytes).expect("just serialised");
    (value, format!("sha256:{digest}"))
}
