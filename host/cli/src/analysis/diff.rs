//! What a draft module changes against its base over a corpus: the
//! transition matrix (base outcome → draft outcome), the rules newly firing
//! or no longer firing, examples of each transition explained from both
//! sides with a minimal one ([`crate::analysis::shrink`]), and the effect
//! on the draft's alignment with every partner module (agreement and
//! Cohen's kappa before and after).
//!
//! The same computation serves `echri search`'s pairs: two modules and
//! their answers per case ([`Answer`]).

use std::collections::{BTreeMap, BTreeSet};

use echri_runtime::{Module, PreparedCase, Slot};
use echri_sdk::model::{Case, Outcome};
use serde::Serialize;

use crate::analysis::align::PairCounts;
use crate::analysis::batch::Evaluated;
use crate::analysis::shrink;

/// The JSON schema of `echri diff --format json`.
pub const DIFF_SCHEMA: &str = "echri.diff/1";

/// Errors kept with their message (the rest are counted).
pub const ERRORS_KEPT: usize = 10;

/// One decisive finding, as a report explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    /// Rule id.
    pub rule: String,
    /// Citation.
    pub citation: String,
    /// The module's explanation.
    pub explanation: String,
}

/// One module's answer to one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The outcome.
    pub outcome: Outcome,
    /// Rule ids of the decisive findings, sorted, without repeats.
    pub decisive: Vec<String>,
    /// The decisive findings explained.
    pub why: Vec<Why>,
    /// Rule ids of every finding, sorted, without repeats.
    #[serde(skip)]
    pub fired: Vec<String>,
}

impl Answer {
    /// `module`'s answer to `case`, or the reason it has none.
    pub fn of(module: &Module, case: &PreparedCase) -> Result<Answer, String> {
        let a = module.evaluate(case).result.map_err(|e| e.to_string())?;
        let mut decisive: Vec<String> = a.decisive().map(|f| f.rule_id.clone()).collect();
        decisive.sort();
        decisive.dedup();
        let why = a
            .decisive()
            .map(|f| Why {
                rule: f.rule_id.clone(),
                citation: f.citation.clone(),
                explanation: f.explanation.clone(),
            })
            .collect();
        let fired: BTreeSet<String> = a.findings.iter().map(|f| f.rule_id.clone()).collect();
        Ok(Answer {
            outcome: a.outcome,
            decisive,
            why,
            fired: fired.into_iter().collect(),
        })
    }
}

/// The answers of `a` and `b` to `case`, `None` when either has none.
pub fn both(a: &Module, b: &Module, case: &Case) -> Option<(Answer, Answer)> {
    let p = PreparedCase::new(case);
    Some((Answer::of(a, &p).ok()?, Answer::of(b, &p).ok()?))
}

/// Which slots are compared: the base, the draft, and the partners the
/// draft's alignment is measured against.
#[derive(Debug, Clone)]
pub struct Sides {
    /// The base's slot.
    pub base: usize,
    /// The draft's slot.
    pub draft: usize,
    /// The partners' slots (loaded modules claiming neither the base's
    /// nor the draft's jurisdiction).
    pub partners: Vec<usize>,
}

impl Sides {
    /// The base, the draft and, unless `no_partners`, every other loaded
    /// module of another jurisdiction than theirs.
    pub fn new(slots: &[Slot], base: usize, draft: usize, no_partners: bool) -> Sides {
        let claim = |i: usize| match &slots[i] {
            Slot::Loaded(m) => Some(m.info().jurisdiction.clone()),
            Slot::Failed { .. } => None,
        };
        let own = [claim(base), claim(draft)];
        let partners = if no_partners {
            Vec::new()
        } else {
            (0..slots.len())
                .filter(|&i| i != base && i != draft)
                .filter(|&i| claim(i).is_some_and(|c| !own.contains(&Some(c))))
                .collect()
        };
        Sides {
            base,
            draft,
            partners,
        }
    }
}

/// One case under the base, the draft and the partners.
#[derive(Debug, Clone)]
pub struct CaseDiff {
    /// Its position in the corpus.
    pub index: u64,
    /// The case.
    pub case: Case,
    /// The base's answer.
    pub base: Result<Answer, String>,
    /// The draft's answer.
    pub draft: Result<Answer, String>,
    /// Each partner's outcome (`None`: it gave no assessment).
    pub partners: Vec<Option<Outcome>>,
}

fn module(slots: &[Slot], i: usize) -> Option<&Module> {
    match &slots[i] {
        Slot::Loaded(m) => Some(m),
        Slot::Failed { .. } => None,
    }
}

impl CaseDiff {
    /// Evaluates `case` under the modules of `sides`.
    pub fn evaluate(slots: &[Slot], sides: &Sides, case: &Case, index: u64) -> CaseDiff {
        let prepared = PreparedCase::new(case);
        let answer = |i: usize| match module(slots, i) {
            Some(m) => Answer::of(m, &prepared),
            None => Err("the module did not load".to_owned()),
        };
        CaseDiff {
            index,
            case: case.clone(),
            base: answer(sides.base),
            draft: answer(sides.draft),
            partners: sides
                .partners
                .iter()
                .map(|&i| {
                    module(slots, i)
                        .and_then(|m| m.evaluate(&prepared).result.ok().map(|a| a.outcome))
                })
                .collect(),
        }
    }
}

impl Evaluated for CaseDiff {
    fn counts(&self) -> (u64, u64) {
        let all = [self.base.is_ok(), self.draft.is_ok()]
            .into_iter()
            .chain(self.partners.iter().map(Option::is_some));
        let (mut ok, mut err) = (0, 0);
        for x in all {
            if x {
                ok += 1;
            } else {
                err += 1;
            }
        }
        (ok, err)
    }
}

/// One cell of the transition matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The base's outcome.
    pub from: Outcome,
    /// The draft's outcome.
    pub to: Outcome,
    /// Cases.
    pub count: u64,
}

/// A flipped case, explained from both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The case id.
    pub id: String,
    /// The base's answer.
    pub base: Answer,
    /// The draft's answer.
    pub draft: Answer,
}

/// The smallest case found that still makes the transition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minimal {
    /// The case it was shrunk from.
    pub from_case: String,
    /// Shrinking steps kept.
    pub steps: usize,
    /// The minimal case (a case file's content).
    pub case: Case,
    /// The base's answer to it.
    pub base: Answer,
    /// The draft's answer to it.
    pub draft: Answer,
}

/// One transition: every case the base decides `from` and the draft `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// The base's outcome.
    pub from: Outcome,
    /// The draft's outcome.
    pub to: Outcome,
    /// Cases.
    pub count: u64,
    /// The first cases of the corpus making it.
    pub examples: Vec<Example>,
    /// The first of them, shrunk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimal: Option<Minimal>,
}

/// A rule and the cases it newly fires (or no longer fires) in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleDelta {
    /// The rule id.
    pub rule: String,
    /// Cases.
    pub cases: u64,
}

/// Agreement of one side with a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Cases both decided (neither not-determined nor failed).
    pub cases: u64,
    /// Exact agreement rate.
    pub agreement: Option<f64>,
    /// Cohen's kappa.
    pub kappa: Option<f64>,
}

impl Agreement {
    fn of(c: &PairCounts) -> Agreement {
        let r = |x: Option<f64>| x.map(|v| (v * 1e6).round() / 1e6);
        Agreement {
            cases: c.n,
            agreement: r(c.agreement()),
            kappa: r(c.kappa()),
        }
    }
}

/// The draft's alignment with one partner (or all of them pooled), before
/// (the base) and after (the draft).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignmentChange {
    /// The partner's name, or `all partners`.
    pub partner: String,
    /// The base against the partner.
    pub before: Agreement,
    /// The draft against the partner.
    pub after: Agreement,
}

/// A module of the diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SideInfo {
    /// The name it reports under.
    pub name: String,
    /// The jurisdiction it claims.
    pub claims: String,
    /// Where it came from.
    pub module: String,
    /// `sha256:` of the component.
    pub digest: String,
}

impl SideInfo {
    /// Describes `m`.
    pub fn of(m: &Module) -> SideInfo {
        SideInfo {
            name: m.name().to_owned(),
            claims: m.info().jurisdiction.clone(),
            module: m.origin().to_string(),
            digest: format!("sha256:{}", m.sha256()),
        }
    }
}

/// A case either side could not evaluate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseErrorNote {
    /// The case id.
    pub id: String,
    /// Which side and why.
    pub message: String,
}

/// What `echri diff` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// [`DIFF_SCHEMA`].
    pub schema: &'static str,
    /// The base.
    pub base: SideInfo,
    /// The draft.
    pub draft: SideInfo,
    /// Cases evaluated.
    pub cases: u64,
    /// Cases whose outcome the draft changes.
    pub changed: u64,
    /// Cases either side could not evaluate (left out of every figure).
    pub errors: u64,
    /// The first of them.
    pub error_examples: Vec<CaseErrorNote>,
    /// Every non-empty cell of the matrix, unchanged cases included.
    pub matrix: Vec<Cell>,
    /// The changes, most frequent first.
    pub transitions: Vec<Transition>,
    /// Rules among the draft's findings but not the base's, by cases.
    pub newly_firing: Vec<RuleDelta>,
    /// Rules among the base's findings but not the draft's, by cases.
    pub no_longer_firing: Vec<RuleDelta>,
    /// The effect on alignment with each partner, then all pooled.
    pub alignment: Vec<AlignmentChange>,
}

/// Options of a diff.
#[derive(Debug, Clone, Copy)]
pub struct DiffOptions {
    /// Examples kept per transition.
    pub examples: usize,
    /// Whether to shrink each transition's first example.
    pub shrink: bool,
}

/// Accumulates [`CaseDiff`]s, in corpus order.
#[derive(Debug)]
pub struct Differ {
    options: DiffOptions,
    partner_names: Vec<String>,
    cases: u64,
    errors: u64,
    error_examples: Vec<CaseErrorNote>,
    matrix: BTreeMap<(Outcome, Outcome), u64>,
    examples: BTreeMap<(Outcome, Outcome), Vec<(Case, Example)>>,
    newly: BTreeMap<String, u64>,
    no_longer: BTreeMap<String, u64>,
    before: Vec<PairCounts>,
    after: Vec<PairCounts>,
}

impl Differ {
    /// An empty diff against the partners named `partner_names` (in the
    /// order of [`Sides::partners`]).
    pub fn new(options: DiffOptions, partner_names: Vec<String>) -> Differ {
        let n = partner_names.len();
        Differ {
            options,
            partner_names,
            cases: 0,
            errors: 0,
            error_examples: Vec::new(),
            matrix: BTreeMap::new(),
            examples: BTreeMap::new(),
            newly: BTreeMap::new(),
            no_longer: BTreeMap::new(),
            before: vec![PairCounts::default(); n],
            after: vec![PairCounts::default(); n],
        }
    }

    /// Adds one case.
    pub fn add(&mut self, d: &CaseDiff) {
        self.cases += 1;
        let (base, draft) = match (&d.base, &d.draft) {
            (Ok(b), Ok(t)) => (b, t),
            (b, t) => {
                self.errors += 1;
                if self.error_examples.len() < ERRORS_KEPT {
                    let side = |name: &str, r: &Result<Answer, String>| {
                        r.as_ref().err().map(|e| format!("{name}: {e}"))
                    };
                    let message = [side("base", b), side("draft", t)]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join("; ");
                    self.error_examples.push(CaseErrorNote {
                        id: d.case.id.clone(),
                        message,
                    });
                }
                return;
            }
        };
        let key = (base.outcome, draft.outcome);
        *self.matrix.entry(key).or_default() += 1;
        if base.outcome != draft.outcome {
            let kept = self.examples.entry(key).or_default();
            if kept.len() < self.options.examples.max(1) {
                kept.push((
                    d.case.clone(),
                    Example {
                        id: d.case.id.clone(),
                        base: base.clone(),
                        draft: draft.clone(),
                    },
                ));
            }
        }
        let b: BTreeSet<&String> = base.fired.iter().collect();
        let t: BTreeSet<&String> = draft.fired.iter().collect();
        for r in t.difference(&b) {
            *self.newly.entry((*r).clone()).or_default() += 1;
        }
        for r in b.difference(&t) {
            *self.no_longer.entry((*r).clone()).or_default() += 1;
        }
        for (i, p) in d.partners.iter().enumerate() {
            if let Some(p) = *p {
                self.before[i].add(base.outcome, p);
                self.after[i].add(draft.outcome, p);
            }
        }
    }

    /// The report; shrinks each transition's first example under `base`
    /// and `draft` when asked.
    pub fn finish(self, base: &Module, draft: &Module) -> DiffReport {
        let mut transitions: Vec<Transition> = self
            .examples
            .into_iter()
            .map(|((from, to), kept)| {
                let count = self.matrix[&(from, to)];
                let minimal = if self.options.shrink {
                    kept.first()
                        .and_then(|(case, _)| minimal(case, base, draft, from, to))
                } else {
                    None
                };
                let mut examples: Vec<Example> = kept.into_iter().map(|(_, e)| e).collect();
                examples.truncate(self.options.examples);
                Transition {
                    from,
                    to,
                    count,
                    examples,
                    minimal,
                }
            })
            .collect();
        transitions.sort_by(|x, y| {
            y.count
                .cmp(&x.count)
                .then(x.from.cmp(&y.from))
                .then(x.to.cmp(&y.to))
        });
        let changed = transitions.iter().map(|t| t.count).sum();
        let deltas = |m: BTreeMap<String, u64>| {
            let mut v: Vec<RuleDelta> = m
                .into_iter()
                .map(|(rule, cases)| RuleDelta { rule, cases })
                .collect();
            v.sort_by(|x, y| y.cases.cmp(&x.cases).then(x.rule.cmp(&y.rule)));
            v
        };
        let mut alignment: Vec<AlignmentChange> = self
            .partner_names
            .iter()
            .zip(self.before.iter().zip(&self.after))
            .map(|(name, (b, a))| AlignmentChange {
                partner: name.clone(),
                before: Agreement::of(b),
                after: Agreement::of(a),
            })
            .collect();
        if self.partner_names.len() > 1 {
            alignment.push(AlignmentChange {
                partner: "all partners".to_owned(),
                before: Agreement::of(&pooled(&self.before)),
                after: Agreement::of(&pooled(&self.after)),
            });
        }
        DiffReport {
            schema: DIFF_SCHEMA,
            base: SideInfo::of(base),
            draft: SideInfo::of(draft),
            cases: self.cases,
            changed,
            errors: self.errors,
            error_examples: self.error_examples,
            matrix: self
                .matrix
                .iter()
                .map(|(&(from, to), &count)| Cell { from, to, count })
                .collect(),
            transitions,
            newly_firing: deltas(self.newly),
            no_longer_firing: deltas(self.no_longer),
            alignment,
        }
    }
}

/// The counts of several pairs added together (Cohen's kappa over the
/// pooled table).
fn pooled(pairs: &[PairCounts]) -> PairCounts {
    let mut out = PairCounts::default();
    for p in pairs {
        out.n += p.n;
        out.agree += p.agree;
        out.distance += p.distance;
        out.undetermined += p.undetermined;
        for i in 0..out.a_marginal.len() {
            out.a_marginal[i] += p.a_marginal[i];
            out.b_marginal[i] += p.b_marginal[i];
        }
    }
    out
}

/// `case` shrunk while `base` still decides it `from` and `draft` `to`.
pub fn minimal(
    case: &Case,
    base: &Module,
    draft: &Module,
    from: Outcome,
    to: Outcome,
) -> Option<Minimal> {
    let (found, steps) = shrink::shrink(case, &mut |c| {
        both(base, draft, c).is_some_and(|(b, t)| b.outcome == from && t.outcome == to)
    });
    let mut found = found;
    if steps > 0 {
        found.id = format!("{}-minimal", case.id);
    }
    let (base, draft) = both(base, draft, &found)?;
    Some(Minimal {
        from_case: case.id.clone(),
        steps,
        case: found,
        base,
        draft,
    })
}
