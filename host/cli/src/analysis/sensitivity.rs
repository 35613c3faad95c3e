//! Human-rights sensitivity: how far each jurisdiction's outcome moves when
//! a case's human-rights risk facts are taken away, or a standard set of
//! them is added. The measurable form of the ECHRI Code of Conduct's first
//! commitment, to take human rights into account.
//!
//! Every case is evaluated three times under every module: as it is, as its
//! twin without any of [`HUMAN_RIGHTS_FACTS`], and as its twin with all of
//! them. A twin identical to the case (nothing to take away, or nothing to
//! add) is not evaluated again: its outcomes are the case's. With a
//! [`Reuse`], a case or twin whose content (everything but its id) was
//! evaluated before in the run takes that evaluation's outcomes: a corpus
//! sampled from a grid repeats its cases, and the twins of cases that differ
//! only in their human-rights facts are the same. Figures are accumulated in
//! counts, per jurisdiction and per control code, and ordered
//! alphabetically; they do not depend on reuse.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use echri_runtime::Slot;
use echri_sdk::model::{Case, Outcome, RiskFact};
use serde::{Deserialize, Serialize};

use crate::analysis::batch::Evaluated;

/// Schema identifier of `sensitivity --format json`.
pub const SENSITIVITY_SCHEMA: &str = "echri.sensitivity/1";

/// The facts about human-rights misuse: what the twins take away or add.
/// Facts about other concerns (civil disorder, military or WMD end use,
/// unauthorised access, the Danish management declaration) stay as they
/// are.
pub const HUMAN_RIGHTS_FACTS: &[RiskFact] = &[
    RiskFact::ClearRiskInternalRepression,
    RiskFact::SubstantialRiskSeriousViolation,
    RiskFact::SeriousViolationsEstablished,
    RiskFact::JournalistsTargeted,
    RiskFact::GrossViolationsPattern,
    RiskFact::ExporterAwareOfMisuse,
    RiskFact::ExporterInformedByAuthority,
];

/// Whether `f` is one of [`HUMAN_RIGHTS_FACTS`].
pub fn is_human_rights_fact(f: RiskFact) -> bool {
    HUMAN_RIGHTS_FACTS.contains(&f)
}

/// `case` without its human-rights risk facts; `None` when it has none.
pub fn without_human_rights_facts(case: &Case) -> Option<Case> {
    if !case.facts.iter().any(|&f| is_human_rights_fact(f)) {
        return None;
    }
    let mut twin = case.clone();
    twin.facts.retain(|&f| !is_human_rights_fact(f));
    Some(twin)
}

/// `case` with every human-rights risk fact (those it lacks appended in the
/// order of [`HUMAN_RIGHTS_FACTS`]); `None` when it has them all.
pub fn with_human_rights_facts(case: &Case) -> Option<Case> {
    let missing: Vec<RiskFact> = HUMAN_RIGHTS_FACTS
        .iter()
        .copied()
        .filter(|f| !case.facts.contains(f))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut twin = case.clone();
    twin.facts.extend(missing);
    Some(twin)
}

/// Each jurisdiction's outcome.
pub type Outcomes = BTreeMap<String, Outcome>;

/// Outcomes already evaluated in a run, keyed by the SHA-256 of the case's
/// content without its id (the id is the caller's label, which no rule
/// decides on). Shared by the evaluation threads: the first to meet a case
/// claims it and evaluates it, and one that meets it meanwhile waits for
/// that result rather than evaluating it too, so each distinct case is
/// evaluated once whatever the threads' timing (and the counts on stderr do
/// not vary). Only evaluations where every loaded module gave an
/// assessment are shared, so an error is always met afresh. At most
/// `capacity` cases are kept (each about 100 bytes); beyond, new cases are
/// evaluated without being kept.
#[derive(Debug)]
pub struct Reuse {
    seen: Mutex<HashMap<[u8; 32], Shared>>,
    capacity: usize,
}

/// One case's outcomes in slot order, once evaluated; `None` when an
/// evaluation failed.
type Shared = Arc<OnceLock<Option<Arc<[Outcome]>>>>;

/// What [`Reuse::claim`] found.
enum Claim {
    /// Evaluated before: its outcomes.
    Done(Arc<[Outcome]>),
    /// New: the caller evaluates it and fulfils the claim.
    Mine(Pending),
    /// Not shared (failed before, or the store is full): the caller
    /// evaluates it.
    Alone,
}

/// A claimed case. Dropped unfulfilled (the evaluation panicked), it
/// releases whoever waits on it.
struct Pending(Shared);

impl Pending {
    fn fulfil(self, outcomes: Option<Arc<[Outcome]>>) {
        let _ = self.0.set(outcomes);
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

impl Reuse {
    /// Cases kept by default: 262,144, about 25 MB at most.
    pub const DEFAULT_CAPACITY: usize = 1 << 18;

    /// An empty store of at most `capacity` cases.
    pub fn new(capacity: usize) -> Reuse {
        Reuse {
            seen: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The key of `case`: every field but the id.
    fn key(case: &Case) -> [u8; 32] {
        use sha2::Digest as _;
        // Destructured so that a field added to `Case` must be added here.
        let Case {
            id: _,
            as_of,
            destination,
            end_use,
            facts,
            transaction,
            notices,
            prior_denials,
            mitigations,
            items,
            parties,
        } = case;
        let content = (
            (as_of, destination, end_use, facts),
            (transaction, notices, prior_denials, mitigations),
            (items, parties),
        );
        let bytes = serde_json::to_vec(&content).expect("cases always serialise");
        sha2::Sha256::digest(&bytes).into()
    }

    fn claim(&self, key: [u8; 32]) -> Claim {
        let shared = {
            let mut seen = self
                .seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match seen.get(&key) {
                Some(s) => s.clone(),
                None if seen.len() >= self.capacity => return Claim::Alone,
                None => {
                    let s: Shared = Arc::default();
                    seen.insert(key, s.clone());
                    return Claim::Mine(Pending(s));
                }
            }
        };
        // The claimant fulfils its claim right after evaluating, before it
        // claims or waits for anything else: no thread waits in a cycle.
        match shared.wait() {
            Some(outcomes) => Claim::Done(outcomes.clone()),
            None => Claim::Alone,
        }
    }
}

/// One case and its twins, evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triple {
    /// The case's control codes, each once.
    pub codes: Vec<String>,
    /// The case's outcomes.
    pub case: Outcomes,
    /// Its twin's without human-rights risk facts; `None` when the twin is
    /// the case.
    pub removed: Option<Outcomes>,
    /// Its twin's with every human-rights risk fact; `None` when the twin
    /// is the case.
    pub added: Option<Outcomes>,
    evaluations: u64,
    errors: u64,
    reused: u64,
}

impl Evaluated for Triple {
    fn counts(&self) -> (u64, u64) {
        (self.evaluations, self.errors)
    }
}

impl Triple {
    /// Evaluates `case` and its twins under every slot.
    pub fn evaluate(slots: &[Slot], case: &Case, _line: u64, _file: Option<String>) -> Triple {
        Triple::evaluate_reusing(slots, case, None)
    }

    /// [`Triple::evaluate`], taking the outcomes of a case or twin already
    /// evaluated (id aside) from `reuse`, and keeping those it evaluates.
    pub fn evaluate_reusing(slots: &[Slot], case: &Case, reuse: Option<&Reuse>) -> Triple {
        let mut evaluations = 0;
        let mut errors = 0;
        let mut reused = 0;
        // Loaded modules in slot order; a module that failed to load is an
        // error on every case, reused or not.
        let names: Vec<&str> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Loaded(m) => Some(m.name()),
                Slot::Failed { .. } => None,
            })
            .collect();
        let failed = (slots.len() - names.len()) as u64;
        let mut run = |c: &Case| {
            let pending = match reuse.map(|r| r.claim(Reuse::key(c))) {
                Some(Claim::Done(hit)) => {
                    reused += 1;
                    errors += failed;
                    return names
                        .iter()
                        .zip(hit.iter())
                        .map(|(j, &o)| ((*j).to_owned(), o))
                        .collect();
                }
                Some(Claim::Mine(pending)) => Some(pending),
                Some(Claim::Alone) | None => None,
            };
            let mut out = Outcomes::new();
            let mut in_order = Vec::with_capacity(names.len());
            for r in echri_runtime::evaluate::evaluate_all(slots, c) {
                match (r.jurisdiction, r.result) {
                    (Some(j), Ok(a)) => {
                        evaluations += 1;
                        in_order.push(a.outcome);
                        out.insert(j, a.outcome);
                    }
                    _ => errors += 1,
                }
            }
            if let Some(pending) = pending {
                pending.fulfil((in_order.len() == names.len()).then(|| in_order.into()));
            }
            out
        };
        let base = run(case);
        let removed = without_human_rights_facts(case).map(|t| run(&t));
        let added = with_human_rights_facts(case).map(|t| run(&t));
        let mut codes: Vec<String> = Vec::new();
        for i in case.items.iter() {
            if !codes.iter().any(|c| c == i.control_code.as_str()) {
                codes.push(i.control_code.as_str().to_owned());
            }
        }
        Triple {
            codes,
            case: base,
            removed,
            added,
            evaluations,
            errors,
            reused,
        }
    }

    /// Of the case and its twins, how many took their outcomes from a
    /// [`Reuse`].
    pub fn reused(&self) -> u64 {
        self.reused
    }
}

/// How one jurisdiction's outcomes moved, in counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Shift {
    cases: u64,
    affected: u64,
    changed: u64,
    up: u64,
    down: u64,
    steps: u64,
    shift: i64,
    undetermined: u64,
}

impl Shift {
    fn add(&mut self, case: Outcome, twin: Outcome, affected: bool) {
        self.cases += 1;
        self.affected += u64::from(affected);
        // A not-determined side has no step: such a pair is counted as a
        // case, and as neither changed nor unchanged.
        let (Some(before), Some(after)) = (case.step(), twin.step()) else {
            self.undetermined += 1;
            return;
        };
        let d = i64::from(after) - i64::from(before);
        if d != 0 {
            self.changed += 1;
        }
        if d > 0 {
            self.up += 1;
        } else if d < 0 {
            self.down += 1;
        }
        self.steps += d.unsigned_abs();
        self.shift += d;
    }

    fn stats(&self, jurisdiction: &str) -> ShiftStats {
        let per = |x: f64| (self.cases > 0).then(|| round6(x / self.cases as f64));
        ShiftStats {
            jurisdiction: jurisdiction.to_owned(),
            cases: self.cases,
            affected: self.affected,
            changed: self.changed,
            share: per(self.changed as f64),
            more_restrictive: self.up,
            less_restrictive: self.down,
            mean_steps: per(self.steps as f64),
            mean_shift: per(self.shift as f64),
        }
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[derive(Debug, Clone, Default)]
struct Side {
    all: BTreeMap<String, Shift>,
    /// By control code, then jurisdiction.
    by_item: BTreeMap<String, (u64, BTreeMap<String, Shift>)>,
}

impl Side {
    fn add(&mut self, codes: &[String], case: &Outcomes, twin: Option<&Outcomes>) {
        for code in codes {
            self.by_item.entry(code.clone()).or_default().0 += 1;
        }
        for (j, &o) in case {
            // A twin the module failed on does not count.
            let t = match twin {
                None => o,
                Some(t) => match t.get(j) {
                    Some(&t) => t,
                    None => continue,
                },
            };
            self.all
                .entry(j.clone())
                .or_default()
                .add(o, t, twin.is_some());
            for code in codes {
                let per = &mut self.by_item.get_mut(code).expect("counted above").1;
                per.entry(j.clone()).or_default().add(o, t, twin.is_some());
            }
        }
    }

    fn finish(&self) -> SideReport {
        SideReport {
            jurisdictions: self.all.iter().map(|(j, s)| s.stats(j)).collect(),
            by_item: self
                .by_item
                .iter()
                .map(|(code, (cases, per))| ItemShift {
                    control_code: code.clone(),
                    cases: *cases,
                    jurisdictions: per.iter().map(|(j, s)| s.stats(j)).collect(),
                })
                .collect(),
        }
    }
}

/// Accumulates evaluated cases.
#[derive(Debug, Clone, Default)]
pub struct Sensitivity {
    cases: u64,
    removed: Side,
    added: Side,
}

impl Sensitivity {
    /// An empty accumulator.
    pub fn new() -> Sensitivity {
        Sensitivity::default()
    }

    /// Adds one case.
    pub fn add(&mut self, t: &Triple) {
        self.cases += 1;
        self.removed.add(&t.codes, &t.case, t.removed.as_ref());
        self.added.add(&t.codes, &t.case, t.added.as_ref());
    }

    /// The report.
    pub fn finish(&self) -> SensitivityReport {
        SensitivityReport {
            schema: SENSITIVITY_SCHEMA.to_owned(),
            cases: self.cases,
            human_rights_facts: HUMAN_RIGHTS_FACTS.to_vec(),
            removed: self.removed.finish(),
            added: self.added.finish(),
        }
    }
}

/// How one jurisdiction's outcomes move from the cases to their twins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftStats {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// Cases it evaluated, with their twins.
    pub cases: u64,
    /// Of those, the cases whose twin differs from the case (had a fact to
    /// take away, or lacked one to add).
    pub affected: u64,
    /// Cases whose outcome changes.
    pub changed: u64,
    /// `changed / cases`.
    pub share: Option<f64>,
    /// Cases where the twin's outcome is more restrictive.
    pub more_restrictive: u64,
    /// Cases where it is less restrictive.
    pub less_restrictive: u64,
    /// Mean |step(twin) - step(case)| over the cases.
    pub mean_steps: Option<f64>,
    /// Mean step(twin) - step(case): below 0, the twins are less
    /// restrictive.
    pub mean_shift: Option<f64>,
}

/// The same, for the cases with one control code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemShift {
    /// The control code.
    pub control_code: String,
    /// Cases with an item of this code.
    pub cases: u64,
    /// Per jurisdiction.
    pub jurisdictions: Vec<ShiftStats>,
}

/// One kind of twin: per jurisdiction, and per control code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideReport {
    /// Per jurisdiction, alphabetically.
    pub jurisdictions: Vec<ShiftStats>,
    /// Per control code, alphabetically.
    pub by_item: Vec<ItemShift>,
}

/// What `echri sensitivity` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityReport {
    /// [`SENSITIVITY_SCHEMA`] (read back by `echri report`).
    pub schema: String,
    /// Cases read and valid.
    pub cases: u64,
    /// The facts taken away or added.
    pub human_rights_facts: Vec<RiskFact>,
    /// The twins without human-rights risk facts.
    pub removed: SideReport,
    /// The twins with every human-rights risk fact.
    pub added: SideReport,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;

    fn outcomes(v: &[(&str, Outcome)]) -> Outcomes {
        v.iter().map(|&(j, o)| (j.to_owned(), o)).collect()
    }

    #[test]
    fn shifts_by_hand() {
        let mut s = Sensitivity::new();
        // Case 1 (5A001.j): removing takes GB from deny (6) to case by case
        // (4); US stays. Adding changes nothing.
        s.add(&Triple {
            codes: vec!["5A001.j".into()],
            case: outcomes(&[("GB", Deny), ("US", Deny)]),
            removed: Some(outcomes(&[("GB", LicenceRequiredCaseByCase), ("US", Deny)])),
            added: Some(outcomes(&[("GB", Deny), ("US", Deny)])),
            evaluations: 6,
            errors: 0,
            reused: 0,
        });
        // Case 2 (EAR99): nothing to take away; adding takes US from 0 to 5.
        s.add(&Triple {
            codes: vec!["EAR99".into()],
            case: outcomes(&[("GB", NoLicenceRequired), ("US", NoLicenceRequired)]),
            removed: None,
            added: Some(outcomes(&[
                ("GB", NoLicenceRequired),
                ("US", PresumptionOfDenial),
            ])),
            evaluations: 4,
            errors: 0,
            reused: 0,
        });
        let r = s.finish();
        let gb = &r.removed.jurisdictions[0];
        assert_eq!((gb.cases, gb.affected, gb.changed), (2, 1, 1));
        assert_eq!(
            (gb.share, gb.mean_steps, gb.mean_shift),
            (Some(0.5), Some(1.0), Some(-1.0))
        );
        let us = &r.added.jurisdictions[1];
        assert_eq!(
            (us.cases, us.affected, us.changed, us.more_restrictive),
            (2, 2, 1, 1)
        );
        assert_eq!(us.mean_steps, Some(2.5));
        let ear99 = &r.added.by_item[1];
        assert_eq!((ear99.control_code.as_str(), ear99.cases), ("EAR99", 1));
        assert_eq!(ear99.jurisdictions[1].mean_steps, Some(5.0));
    }
}
