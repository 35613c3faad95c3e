//! Cases that split two modules: walk (or sample) a generator spec, keep
//! the first case of each distinct *splitting pattern* (the two outcomes
//! differ; the pattern is both outcomes and both sets of decisive rules),
//! stop at N patterns, and shrink each case while it keeps its pattern.
//!
//! Deterministic: cases are examined in corpus order in chunks evaluated in
//! parallel, and patterns are taken in corpus order, so the result does not
//! depend on the thread count.

use std::collections::BTreeSet;

use echri_runtime::Module;
use echri_sdk::model::{Case, Outcome};
use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::diff::{Answer, SideInfo, both};
use crate::analysis::shrink;

/// The JSON schema of `echri search --format json`.
pub const SEARCH_SCHEMA: &str = "echri.search/1";

/// Cases evaluated per parallel chunk.
pub const CHUNK: usize = 1024;

/// What makes two splits the same.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pattern {
    /// The first module's outcome.
    pub a: Outcome,
    /// The second module's outcome.
    pub b: Outcome,
    /// The first module's decisive rules.
    pub a_rules: Vec<String>,
    /// The second module's decisive rules.
    pub b_rules: Vec<String>,
}

impl Pattern {
    fn of(a: &Answer, b: &Answer) -> Option<Pattern> {
        (a.outcome != b.outcome).then(|| Pattern {
            a: a.outcome,
            b: b.outcome,
            a_rules: a.decisive.clone(),
            b_rules: b.decisive.clone(),
        })
    }
}

/// One splitting pattern and its minimal case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    /// The pattern.
    pub pattern: Pattern,
    /// The id of the first case of the corpus showing it.
    pub found_in: String,
    /// Shrinking steps kept.
    pub steps: usize,
    /// The minimal case (a case file's content).
    pub case: Case,
    /// The first module's answer to it.
    pub a: Answer,
    /// The second module's answer to it.
    pub b: Answer,
}

/// What `echri search` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchReport {
    /// [`SEARCH_SCHEMA`].
    pub schema: &'static str,
    /// The first module.
    pub a: SideInfo,
    /// The second module.
    pub b: SideInfo,
    /// Cases examined.
    pub examined: u64,
    /// Cases either module could not evaluate.
    pub errors: u64,
    /// Patterns found, in corpus order.
    pub splits: Vec<Split>,
    /// Patterns whose minimal case equals an earlier one's (left out).
    pub duplicates: usize,
}

/// Searches `cases` for up to `limit` splitting patterns of `a` and `b`.
pub fn search(
    a: &Module,
    b: &Module,
    cases: &mut dyn Iterator<Item = Case>,
    pool: &rayon::ThreadPool,
    limit: usize,
) -> SearchReport {
    let mut found: Vec<(Pattern, Case)> = Vec::new();
    let mut seen: BTreeSet<Pattern> = BTreeSet::new();
    let mut examined = 0u64;
    let mut errors = 0u64;
    let mut chunk: Vec<Case> = Vec::with_capacity(CHUNK);
    'walk: loop {
        chunk.clear();
        chunk.extend((&mut *cases).take(CHUNK));
        if chunk.is_empty() {
            break;
        }
        // Per case: `None` when either module has no answer, else the
        // pattern if the two split.
        let answers: Vec<Option<Option<Pattern>>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|c| both(a, b, c).map(|(x, y)| Pattern::of(&x, &y)))
                .collect()
        });
        for (c, p) in chunk.iter().zip(answers) {
            examined += 1;
            let Some(p) = p else {
                errors += 1;
                continue;
            };
            if let Some(p) = p
                && seen.insert(p.clone())
            {
                found.push((p, c.clone()));
                if found.len() >= limit {
                    break 'walk;
                }
            }
        }
    }
    let mut splits: Vec<Split> = Vec::new();
    let mut duplicates = 0;
    let mut minimal_seen: BTreeSet<String> = BTreeSet::new();
    for (pattern, case) in found {
        let (mut min, steps) = shrink::shrink(&case, &mut |c| {
            both(a, b, c).is_some_and(|(x, y)| Pattern::of(&x, &y).as_ref() == Some(&pattern))
        });
        let mut key = min.clone();
        key.id = String::new();
        let key = serde_json::to_string(&key).expect("cases serialise");
        if !minimal_seen.insert(key) {
            duplicates += 1;
            continue;
        }
        min.id = format!("split-{}", splits.len() + 1);
        let Some((x, y)) = both(a, b, &min) else {
            errors += 1;
            continue;
        };
        splits.push(Split {
            pattern,
            found_in: case.id.clone(),
            steps,
            case: min,
            a: x,
            b: y,
        });
    }
    SearchReport {
        schema: SEARCH_SCHEMA,
        a: SideInfo::of(a),
        b: SideInfo::of(b),
        examined,
        errors,
        splits,
        duplicates,
    }
}
