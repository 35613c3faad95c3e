//! Agreement between jurisdictions over a corpus of batch records: for every
//! pair, the exact agreement rate, Cohen's kappa over the eight outcome
//! categories and the mean distance in steps on the outcome scale; each
//! jurisdiction's outcome distribution; the most divergent cases; and the
//! rules behind each pair's divergences.
//!
//! Everything is accumulated in counts (memory does not grow with the
//! corpus) and ordered deterministically: jurisdictions alphabetically, ties
//! by name or input order.

use std::collections::BTreeMap;

use echri_sdk::model::Outcome;
use serde::Serialize;

use crate::analysis::batch::Record;

/// Schema identifier of `align --format json`.
pub const ALIGN_SCHEMA: &str = "echri.align/1";

/// How many of the most divergent cases are kept.
pub const TOP_CASES: usize = 10;
/// How many rules are reported per pair.
pub const TOP_RULES: usize = 3;

const CATEGORIES: usize = 8;

/// Counts of one pair of jurisdictions (`a` < `b`) over the cases both
/// evaluated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairCounts {
    /// Cases both evaluated.
    pub n: u64,
    /// Cases with the same outcome.
    pub agree: u64,
    /// `a`'s outcomes, by step.
    pub a_marginal: [u64; CATEGORIES],
    /// `b`'s outcomes, by step.
    pub b_marginal: [u64; CATEGORIES],
    /// Sum of |step(a) - step(b)|.
    pub distance: u64,
    /// Decisive rule ids of either side on the cases where they disagree,
    /// keyed by (jurisdiction, rule id).
    pub rules: BTreeMap<(String, String), u64>,
}

impl PairCounts {
    /// Adds one case.
    pub fn add(&mut self, a: Outcome, b: Outcome) {
        self.n += 1;
        self.a_marginal[a.step() as usize] += 1;
        self.b_marginal[b.step() as usize] += 1;
        if a == b {
            self.agree += 1;
        }
        self.distance += u64::from(a.step().abs_diff(b.step()));
    }

    /// Exact agreement rate, `None` without cases.
    pub fn agreement(&self) -> Option<f64> {
        (self.n > 0).then(|| self.agree as f64 / self.n as f64)
    }

    /// Cohen's kappa, (p_o - p_e) / (1 - p_e) with p_e from the marginals.
    /// `None` without cases or when p_e = 1 (both sides always gave one and
    /// the same outcome: kappa is undefined).
    pub fn kappa(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let n = self.n as f64;
        let p_o = self.agree as f64 / n;
        let chance: u128 = self
            .a_marginal
            .iter()
            .zip(&self.b_marginal)
            .map(|(&x, &y)| u128::from(x) * u128::from(y))
            .sum();
        let nn = u128::from(self.n) * u128::from(self.n);
        if chance == nn {
            return None;
        }
        let p_e = chance as f64 / nn as f64;
        Some((p_o - p_e) / (1.0 - p_e))
    }

    /// Mean |step(a) - step(b)|, `None` without cases.
    pub fn mean_distance(&self) -> Option<f64> {
        (self.n > 0).then(|| self.distance as f64 / self.n as f64)
    }

    /// The rules that account for most divergences, most frequent first,
    /// ties by jurisdiction then rule id.
    pub fn top_rules(&self, k: usize) -> Vec<RuleCount> {
        let mut v: Vec<RuleCount> = self
            .rules
            .iter()
            .map(|((j, r), &count)| RuleCount {
                jurisdiction: j.clone(),
                rule: r.clone(),
                count,
            })
            .collect();
        v.sort_by(|x, y| {
            y.count
                .cmp(&x.count)
                .then_with(|| x.jurisdiction.cmp(&y.jurisdiction))
                .then_with(|| x.rule.cmp(&y.rule))
        });
        v.truncate(k);
        v
    }
}

/// A rule and how many divergent cases it decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Whose rule.
    pub jurisdiction: String,
    /// Its id.
    pub rule: String,
    /// Divergent cases where it was decisive.
    pub count: u64,
}

/// A divergent case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Divergent {
    /// Its line (or position) in the batch input.
    pub line: u64,
    /// Its id.
    pub id: String,
    /// Its spread.
    pub spread: u8,
    /// The outcomes.
    pub outcomes: BTreeMap<String, Outcome>,
    #[serde(skip)]
    seq: u64,
}

/// Accumulates records.
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    cases: u64,
    distribution: BTreeMap<String, [u64; CATEGORIES]>,
    pairs: BTreeMap<(String, String), PairCounts>,
    top: Vec<Divergent>,
}

impl Aligner {
    /// An empty accumulator.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// Adds one record.
    pub fn add(&mut self, r: &Record) {
        let seq = self.cases;
        self.cases += 1;
        for (j, o) in &r.outcomes {
            self.distribution
                .entry(j.clone())
                .or_insert([0; CATEGORIES])[o.step() as usize] += 1;
        }
        let outcomes: Vec<(&String, &Outcome)> = r.outcomes.iter().collect();
        for (i, &(a, &oa)) in outcomes.iter().enumerate() {
            for &(b, &ob) in &outcomes[i + 1..] {
                let pair = self.pairs.entry((a.clone(), b.clone())).or_default();
                pair.add(oa, ob);
                if oa != ob {
                    for who in [a, b] {
                        for rule in r.decisive.get(who).into_iter().flatten() {
                            *pair.rules.entry((who.clone(), rule.clone())).or_insert(0) += 1;
                        }
                    }
                }
            }
        }
        // Largest spread first, then input order.
        if r.spread > 0 {
            let cand = Divergent {
                line: r.line,
                id: r.id.clone(),
                spread: r.spread,
                outcomes: r.outcomes.clone(),
                seq,
            };
            let pos = self
                .top
                .iter()
                .position(|d| {
                    (std::cmp::Reverse(d.spread), d.seq)
                        > (std::cmp::Reverse(cand.spread), cand.seq)
                })
                .unwrap_or(self.top.len());
            if pos < TOP_CASES {
                self.top.insert(pos, cand);
                self.top.truncate(TOP_CASES);
            }
        }
    }

    /// The report.
    pub fn finish(&self) -> AlignReport {
        let jurisdictions = self
            .distribution
            .iter()
            .map(|(j, counts)| Distribution {
                jurisdiction: j.clone(),
                cases: counts.iter().sum(),
                outcomes: Outcome::ALL
                    .iter()
                    .map(|&o| (o, counts[o.step() as usize]))
                    .collect(),
            })
            .collect();
        // Every pair of jurisdictions seen, also those never evaluated together.
        let names: Vec<&String> = self.distribution.keys().collect();
        let mut pairs = Vec::new();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                let empty = PairCounts::default();
                let c = self
                    .pairs
                    .get(&((*a).clone(), (*b).clone()))
                    .unwrap_or(&empty);
                pairs.push(PairStats {
                    a: (*a).clone(),
                    b: (*b).clone(),
                    cases: c.n,
                    agree: c.agree,
                    agreement: c.agreement().map(round6),
                    kappa: c.kappa().map(round6),
                    mean_distance: c.mean_distance().map(round6),
                    top_rules: c.top_rules(TOP_RULES),
                });
            }
        }
        AlignReport {
            schema: ALIGN_SCHEMA,
            cases: self.cases,
            jurisdictions,
            pairs,
            most_divergent: self.top.clone(),
        }
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// One jurisdiction's outcome distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// Cases it evaluated.
    pub cases: u64,
    /// Count per outcome, in scale order (all eight).
    pub outcomes: BTreeMap<Outcome, u64>,
}

/// One pair's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairStats {
    /// First jurisdiction (alphabetically).
    pub a: String,
    /// Second jurisdiction.
    pub b: String,
    /// Cases both evaluated.
    pub cases: u64,
    /// Cases with the same outcome.
    pub agree: u64,
    /// `agree / cases`, rounded to 6 decimals.
    pub agreement: Option<f64>,
    /// Cohen's kappa, rounded to 6 decimals; `null` when undefined.
    pub kappa: Option<f64>,
    /// Mean distance in steps, rounded to 6 decimals.
    pub mean_distance: Option<f64>,
    /// The rules behind most divergences.
    pub top_rules: Vec<RuleCount>,
}

/// What `echri align` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignReport {
    /// Always [`ALIGN_SCHEMA`].
    pub schema: &'static str,
    /// Records read.
    pub cases: u64,
    /// Outcome distribution per jurisdiction.
    pub jurisdictions: Vec<Distribution>,
    /// Every pair of jurisdictions.
    pub pairs: Vec<PairStats>,
    /// The most divergent cases, largest spread first, then input order.
    pub most_divergent: Vec<Divergent>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;

    fn record(line: u64, outcomes: &[(&str, Outcome, &str)]) -> Record {
        let mut r = Record {
            schema: crate::analysis::batch::BATCH_SCHEMA.to_owned(),
            line,
            file: None,
            id: format!("c{line}"),
            as_of: "2024-01-01".to_owned(),
            destination: "EG".to_owned(),
            outcomes: BTreeMap::new(),
            decisive: BTreeMap::new(),
            errors: BTreeMap::new(),
            spread: 0,
            unanimous: true,
        };
        for &(j, o, rule) in outcomes {
            r.outcomes.insert(j.to_owned(), o);
            r.decisive.insert(j.to_owned(), vec![rule.to_owned()]);
        }
        let steps: Vec<u8> = r.outcomes.values().map(|o| o.step()).collect();
        r.spread = steps.iter().max().unwrap() - steps.iter().min().unwrap();
        r.unanimous = r.spread == 0;
        r
    }

    #[test]
    fn kappa_by_hand() {
        // A: deny, deny, none, none; B: deny, none, none, none.
        // p_o = 3/4; A's marginals deny 2, none 2; B's deny 1, none 3;
        // p_e = (2*1 + 2*3) / 16 = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2.
        let mut p = PairCounts::default();
        for (a, b) in [
            (Deny, Deny),
            (Deny, NoLicenceRequired),
            (NoLicenceRequired, NoLicenceRequired),
            (NoLicenceRequired, NoLicenceRequired),
        ] {
            p.add(a, b);
        }
        assert_eq!(p.agreement(), Some(0.75));
        assert_eq!(p.kappa(), Some(0.5));
        assert_eq!(p.mean_distance(), Some(6.0 / 4.0));

        // Three categories: A = [0,0,4,4,7], B = [0,4,4,7,7].
        // p_o = 3/5. Marginals A: step0 2, step4 2, step7 1; B: 1, 2, 2.
        // p_e = (2*1 + 2*2 + 1*2) / 25 = 8/25; kappa = (15/25 - 8/25) / (17/25) = 7/17.
        let mut p = PairCounts::default();
        let s = [NoLicenceRequired, LicenceRequiredCaseByCase, Prohibited];
        for (a, b) in [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2)] {
            p.add(s[a], s[b]);
        }
        assert!((p.kappa().unwrap() - 7.0 / 17.0).abs() < 1e-12);
        assert_eq!(p.mean_distance(), Some((4.0 + 3.0) / 5.0));
    }

    #[test]
    fn kappa_undefined_and_perfect() {
        let mut p = PairCounts::default();
        p.add(Deny, Deny);
        p.add(Deny, Deny);
        assert_eq!(p.kappa(), None, "one category only: p_e = 1");
        p.add(Prohibited, Prohibited);
        assert_eq!(p.kappa(), Some(1.0));
        assert_eq!(PairCounts::default().kappa(), None);
        // Systematic disagreement: kappa below zero.
        let mut p = PairCounts::default();
        p.add(Deny, Prohibited);
        p.add(Prohibited, Deny);
        assert_eq!(p.kappa(), Some(-1.0));
    }

    #[test]
    fn report_orders_pairs_rules_and_divergent_cases() {
        let mut al = Aligner::new();
        al.add(&record(
            1,
            &[
                ("US", Deny, "US-A"),
                ("GB", Deny, "UK-A"),
                ("CA", Deny, "CA-A"),
            ],
        ));
        al.add(&record(
            2,
            &[
                ("US", Prohibited, "US-B"),
                ("GB", NoLicenceRequired, "UK-B"),
                ("CA", Deny, "CA-A"),
            ],
        ));
        al.add(&record(
            3,
            &[
                ("US", Deny, "US-B"),
                ("GB", NoLicenceRequired, "UK-B"),
                ("CA", Deny, "CA-A"),
            ],
        ));
        let r = al.finish();
        assert_eq!(r.cases, 3);
        let names: Vec<String> = r.pairs.iter().map(|p| format!("{}-{}", p.a, p.b)).collect();
        assert_eq!(names, ["CA-GB", "CA-US", "GB-US"]);
        let gb_us = &r.pairs[2];
        assert_eq!((gb_us.cases, gb_us.agree), (3, 1));
        assert_eq!(
            gb_us.top_rules,
            vec![
                RuleCount {
                    jurisdiction: "GB".into(),
                    rule: "UK-B".into(),
                    count: 2
                },
                RuleCount {
                    jurisdiction: "US".into(),
                    rule: "US-B".into(),
                    count: 2
                },
            ]
        );
        assert_eq!(
            r.most_divergent.iter().map(|d| d.line).collect::<Vec<_>>(),
            [2, 3]
        );
        assert_eq!(r.jurisdictions[0].jurisdiction, "CA");
        assert_eq!(r.jurisdictions[0].outcomes[&Deny], 3);
        // Every format renders.
        assert!(crate::render::table::align(&r, 100).contains("GB-US"));
        assert!(crate::render::markdown::align(&r).contains("| GB-US |"));
        assert!(crate::render::csv::align(&r).starts_with("a,b,cases"));
        assert!(crate::render::json::align(&r).contains(ALIGN_SCHEMA));
    }

    #[test]
    fn top_cases_are_bounded() {
        let mut al = Aligner::new();
        for i in 0..50u64 {
            let o = if i % 7 == 0 { Prohibited } else { Deny };
            al.add(&record(
                i + 1,
                &[("US", o, "US-A"), ("GB", NoLicenceRequired, "UK-A")],
            ));
        }
        let r = al.finish();
        assert_eq!(r.most_divergent.len(), TOP_CASES);
        let lines: Vec<u64> = r.most_divergent.iter().map(|d| d.line).collect();
        assert_eq!(lines, [1, 8, 15, 22, 29, 36, 43, 50, 2, 3]);
    }
}
