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

/// How many of the most divergent cases are kept by default (`--top`).
pub const TOP_CASES: usize = 10;
/// How many rules are reported per pair, outlier or direction.
pub const TOP_RULES: usize = 3;

const CATEGORIES: usize = 8;
/// Every outcome: the scale and `not-determined`.
const OUTCOMES: usize = 9;

/// Rule counts keyed by jurisdiction, then rule id.
type RuleMap = BTreeMap<String, BTreeMap<String, u64>>;

/// `m[k]`, inserted as the default first; allocates the key only then.
fn slot<'m, V: Default>(m: &'m mut BTreeMap<String, V>, k: &str) -> &'m mut V {
    if !m.contains_key(k) {
        m.insert(k.to_owned(), V::default());
    }
    m.get_mut(k).expect("just inserted")
}

fn count_rules(rules: &mut RuleMap, who: &str, ids: Option<&Vec<String>>) {
    let per = slot(rules, who);
    for rule in ids.into_iter().flatten() {
        *slot(per, rule) += 1;
    }
}

/// The `k` most frequent rules of `rules`, most frequent first, ties by
/// jurisdiction then rule id.
fn top_of(rules: &RuleMap, k: usize) -> Vec<RuleCount> {
    let mut v: Vec<RuleCount> = rules
        .iter()
        .flat_map(|(j, per)| {
            per.iter().map(move |(r, &count)| RuleCount {
                jurisdiction: j.clone(),
                rule: r.clone(),
                count,
            })
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

fn ratio(x: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| round6(x as f64 / n as f64))
}

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
    /// Cases where either side was not determined: outside `n` and every
    /// figure computed from it (never agreement, never disagreement).
    pub undetermined: u64,
    /// Decisive rule ids of either side on the cases where they disagree,
    /// by jurisdiction then rule id.
    pub rules: RuleMap,
}

impl PairCounts {
    /// Adds one case.
    pub fn add(&mut self, a: Outcome, b: Outcome) {
        let (Some(sa), Some(sb)) = (a.step(), b.step()) else {
            self.undetermined += 1;
            return;
        };
        self.n += 1;
        self.a_marginal[usize::from(sa)] += 1;
        self.b_marginal[usize::from(sb)] += 1;
        if a == b {
            self.agree += 1;
        }
        self.distance += u64::from(sa.abs_diff(sb));
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
        top_of(&self.rules, k)
    }
}

/// A rule and how many cases it decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Whose rule.
    pub jurisdiction: String,
    /// Its id.
    pub rule: String,
    /// Cases where it was decisive.
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
}

/// What `align --by` groups the cases by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    /// The destination country.
    Destination,
    /// Each item's control code.
    Item,
    /// Each `end-user` party's kind.
    EndUser,
    /// The end-use category.
    EndUse,
    /// Each stipulated fact (`(none)` for a case without facts).
    Fact,
}

/// The group of records that predate the case attributes (`echri.batch/1`
/// records written before `items`, `end_users`, `end_use` and `facts`).
pub const NOT_RECORDED: &str = "(not recorded)";
/// The `--by fact` group of the cases without facts.
pub const NO_FACTS: &str = "(none)";

impl Grouping {
    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Destination => "destination",
            Grouping::Item => "item",
            Grouping::EndUser => "end-user",
            Grouping::EndUse => "end-use",
            Grouping::Fact => "fact",
        }
    }

    /// The groups `r` belongs to, each once, in the record's order. A case
    /// with several items (end users, facts) is in each of their groups.
    pub fn keys(self, r: &Record) -> Vec<String> {
        // Every case has an item: no items means an older record.
        let old = r.items.is_empty();
        let mut keys: Vec<String> = Vec::new();
        let mut push = |k: &str| {
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_owned());
            }
        };
        match self {
            Grouping::Destination => push(&r.destination),
            _ if old => push(NOT_RECORDED),
            Grouping::Item => r.items.iter().for_each(|i| push(&i.control_code)),
            Grouping::EndUser => r.end_users.iter().for_each(|k| push(k.as_str())),
            Grouping::EndUse => push(r.end_use.map_or(NOT_RECORDED, |c| c.as_str())),
            Grouping::Fact if r.facts.is_empty() => push(NO_FACTS),
            Grouping::Fact => r.facts.iter().for_each(|f| push(f.as_str())),
        }
        if keys.is_empty() {
            keys.push(NOT_RECORDED.to_owned());
        }
        keys
    }
}

/// The convergence view: jurisdiction `a` against each of `members` and
/// against their consensus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvergenceSpec {
    /// The jurisdiction compared (e.g. `US`).
    pub a: String,
    /// The others (e.g. `DK`, `FR`, `NL`).
    pub members: Vec<String>,
}

impl std::str::FromStr for ConvergenceSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<ConvergenceSpec, String> {
        let bad = || format!("invalid convergence `{s}`, expected A:B,C,... e.g. `US:DK,FR,NL`");
        let (a, rest) = s.split_once(':').ok_or_else(bad)?;
        let a = a.trim().to_owned();
        let mut members: Vec<String> = Vec::new();
        for m in rest.split(',').map(str::trim) {
            if m.is_empty() || m == a {
                return Err(bad());
            }
            if !members.iter().any(|x| x == m) {
                members.push(m.to_owned());
            }
        }
        if a.is_empty() || members.is_empty() {
            return Err(bad());
        }
        Ok(ConvergenceSpec { a, members })
    }
}

/// What `echri align` computes besides the fixed tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignOptions {
    /// How many of the most divergent cases to keep.
    pub top: usize,
    /// Agreement figures per group.
    pub by: Option<Grouping>,
    /// The convergence view.
    pub convergence: Option<ConvergenceSpec>,
}

impl Default for AlignOptions {
    fn default() -> AlignOptions {
        AlignOptions {
            top: TOP_CASES,
            by: None,
            convergence: None,
        }
    }
}

/// The cases where one jurisdiction alone differs.
#[derive(Debug, Clone, Default)]
struct ApartCounts {
    cases: u64,
    stricter: u64,
    rules: RuleMap,
}

/// The counts of a set of cases (the whole corpus, or one group).
#[derive(Debug, Clone, Default)]
struct Counts {
    cases: u64,
    unanimous: u64,
    spread: u64,
    /// Outcomes per jurisdiction, indexed by `Outcome as usize` (the
    /// scale, then not-determined).
    distribution: BTreeMap<String, [u64; OUTCOMES]>,
    /// By `a`, then `b` (`a` < `b`).
    pairs: BTreeMap<String, BTreeMap<String, PairCounts>>,
    apart: BTreeMap<String, ApartCounts>,
}

impl Counts {
    fn add(&mut self, r: &Record, apart: Option<(&str, bool)>) {
        self.cases += 1;
        self.spread += u64::from(r.spread);
        if r.outcomes.len() > 1 && r.spread == 0 && r.outcomes.values().all(|o| o.is_determined()) {
            self.unanimous += 1;
        }
        for (j, o) in &r.outcomes {
            slot(&mut self.distribution, j)[*o as usize] += 1;
        }
        let outcomes: Vec<(&String, &Outcome)> = r.outcomes.iter().collect();
        for (i, &(a, &oa)) in outcomes.iter().enumerate() {
            let row = slot(&mut self.pairs, a);
            for &(b, &ob) in &outcomes[i + 1..] {
                let pair = slot(row, b);
                pair.add(oa, ob);
                if oa != ob && oa.is_determined() && ob.is_determined() {
                    for who in [a, b] {
                        count_rules(&mut pair.rules, who, r.decisive.get(who));
                    }
                }
            }
        }
        if let Some((who, stricter)) = apart {
            let c = slot(&mut self.apart, who);
            c.cases += 1;
            c.stricter += u64::from(stricter);
            count_rules(&mut c.rules, who, r.decisive.get(who));
        }
    }

    fn pair(&self, a: &str, b: &str) -> Option<&PairCounts> {
        self.pairs.get(a).and_then(|row| row.get(b))
    }

    fn names(&self) -> Vec<&String> {
        self.distribution.keys().collect()
    }

    /// Every pair of jurisdictions seen, also those never evaluated together.
    fn pair_stats(&self) -> Vec<PairStats> {
        let names = self.names();
        let empty = PairCounts::default();
        let mut pairs = Vec::new();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                let c = self.pair(a, b).unwrap_or(&empty);
                pairs.push(PairStats {
                    a: (*a).clone(),
                    b: (*b).clone(),
                    cases: c.n,
                    not_determined: c.undetermined,
                    agree: c.agree,
                    agreement: c.agreement().map(round6),
                    kappa: c.kappa().map(round6),
                    mean_distance: c.mean_distance().map(round6),
                    top_rules: c.top_rules(TOP_RULES),
                });
            }
        }
        pairs
    }

    /// Each jurisdiction's agreement with the others: its agreeing pairs
    /// over its pairs, summed over the other jurisdictions.
    fn with_others(&self, j: &str) -> (u64, u64) {
        let mut agree = 0;
        let mut n = 0;
        for (a, row) in &self.pairs {
            for (b, c) in row {
                if a == j || b == j {
                    agree += c.agree;
                    n += c.n;
                }
            }
        }
        (agree, n)
    }

    fn outliers(&self) -> Vec<Outlier> {
        self.distribution
            .iter()
            .map(|(j, counts)| {
                let cases: u64 = counts.iter().sum();
                let empty = ApartCounts::default();
                let a = self.apart.get(j).unwrap_or(&empty);
                Outlier {
                    jurisdiction: j.clone(),
                    cases,
                    stands_apart: a.cases,
                    share: ratio(a.cases, cases),
                    stricter: a.stricter,
                    more_lenient: a.cases - a.stricter,
                    top_rules: top_of(&a.rules, TOP_RULES)
                        .into_iter()
                        .map(|r| RuleShare {
                            share: ratio(r.count, a.cases),
                            rule: r.rule,
                            count: r.count,
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

/// Who alone differs on `r`, and whether its outcome is the stricter: the
/// jurisdiction whose outcome differs from all the others' when those (at
/// least two) agree on one outcome.
fn stands_apart(r: &Record) -> Option<(&str, bool)> {
    if r.outcomes.len() < 3 || r.spread == 0 {
        return None;
    }
    let mut it = r.outcomes.values();
    let first = *it.next()?;
    // The two outcomes reached, and how often each.
    let mut other: Option<(Outcome, usize)> = None;
    let mut first_n = 1;
    for &o in it {
        if o == first {
            first_n += 1;
        } else {
            match &mut other {
                None => other = Some((o, 1)),
                Some((x, n)) if *x == o => *n += 1,
                Some(_) => return None,
            }
        }
    }
    let (second, second_n) = other?;
    let (lone, rest) = match (first_n, second_n) {
        (1, _) => (first, second),
        (_, 1) => (second, first),
        _ => return None,
    };
    let who = r.outcomes.iter().find(|(_, o)| **o == lone)?.0;
    Some((who.as_str(), lone > rest))
}

/// Directions of the convergence view.
#[derive(Debug, Clone, Default)]
struct DirectionCounts {
    cases: u64,
    a_rules: RuleMap,
    b_rules: RuleMap,
}

#[derive(Debug, Clone, Default)]
struct VersusCounts {
    /// Same outcome, `a` stricter, the other side stricter.
    directions: [DirectionCounts; 3],
    /// Sum of step(a) - step(b).
    difference: i64,
    /// Cases where either side was not determined (not compared).
    undetermined: u64,
}

impl VersusCounts {
    fn add(&mut self, r: &Record, a: &str, oa: Outcome, b: &[&str], ob: Outcome) {
        let d = match oa.cmp(&ob) {
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Less => 2,
        };
        let (Some(sa), Some(sb)) = (oa.step(), ob.step()) else {
            self.undetermined += 1;
            return;
        };
        self.difference += i64::from(sa) - i64::from(sb);
        let dir = &mut self.directions[d];
        dir.cases += 1;
        count_rules(&mut dir.a_rules, a, r.decisive.get(a));
        if let [who] = b {
            count_rules(&mut dir.b_rules, who, r.decisive.get(*who));
        } else {
            // A consensus: each rule once per case, keyed by the members
            // that cited it (`DK+FR+NL`).
            let mut cited: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for who in b {
                for rule in r.decisive.get(*who).into_iter().flatten() {
                    cited.entry(rule).or_default().push(who);
                }
            }
            for (rule, whom) in cited {
                *slot(slot(&mut dir.b_rules, &whom.join("+")), rule) += 1;
            }
        }
    }

    fn finish(&self, a: &str, b: String, members: Vec<String>) -> Versus {
        let cases: u64 = self.directions.iter().map(|d| d.cases).sum();
        let dir = |i: usize| {
            let d: &DirectionCounts = &self.directions[i];
            DirectionStats {
                cases: d.cases,
                share: ratio(d.cases, cases),
                a_rules: top_of(&d.a_rules, TOP_RULES),
                b_rules: top_of(&d.b_rules, TOP_RULES),
            }
        };
        Versus {
            a: a.to_owned(),
            b,
            members,
            cases,
            mean_difference: (cases > 0).then(|| round6(self.difference as f64 / cases as f64)),
            agree: dir(0),
            a_stricter: dir(1),
            b_stricter: dir(2),
        }
    }
}

/// Accumulates records.
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    options: AlignOptions,
    all: Counts,
    /// Largest spread first, then input order.
    top: BTreeMap<(std::cmp::Reverse<u8>, u64), Divergent>,
    groups: BTreeMap<String, Counts>,
    /// One per member, then the consensus.
    versus: Vec<VersusCounts>,
    /// Modules the records name under another name than their
    /// jurisdiction (drafts), by that name.
    drafts: BTreeMap<String, Draft>,
}

/// A module that reported under another name than the jurisdiction it
/// claims (a draft loaded with `--rules NAME=FILE`), as the records name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The name it reported under.
    pub name: String,
    /// Where it came from.
    pub reference: String,
    /// The jurisdiction it claims.
    pub claims: String,
}

impl Aligner {
    /// An empty accumulator with the default options.
    pub fn new() -> Aligner {
        Aligner::with_options(AlignOptions::default())
    }

    /// An empty accumulator.
    pub fn with_options(options: AlignOptions) -> Aligner {
        let versus = options
            .convergence
            .as_ref()
            .map_or(0, |c| c.members.len() + 1);
        Aligner {
            versus: vec![VersusCounts::default(); versus],
            options,
            ..Aligner::default()
        }
    }

    /// Adds one record.
    pub fn add(&mut self, r: &Record) {
        for m in &r.modules {
            if let Some(name) = &m.name
                && !self.drafts.contains_key(name)
            {
                self.drafts.insert(
                    name.clone(),
                    Draft {
                        name: name.clone(),
                        reference: m.reference.clone(),
                        claims: m.jurisdiction.clone(),
                    },
                );
            }
        }
        let seq = self.all.cases;
        let apart = stands_apart(r);
        self.all.add(r, apart);
        if let Some(by) = self.options.by {
            for k in by.keys(r) {
                self.groups.entry(k).or_default().add(r, apart);
            }
        }
        if let Some(spec) = &self.options.convergence
            && let Some(&oa) = r.outcomes.get(&spec.a)
        {
            let mut consensus: Option<Option<Outcome>> = None;
            let mut present: Vec<&str> = Vec::new();
            for (i, m) in spec.members.iter().enumerate() {
                let Some(&om) = r.outcomes.get(m) else {
                    continue;
                };
                self.versus[i].add(r, &spec.a, oa, &[m], om);
                present.push(m);
                consensus = match consensus {
                    None => Some(Some(om)),
                    Some(Some(x)) if x == om => Some(Some(x)),
                    Some(_) => Some(None),
                };
            }
            if let Some(Some(ob)) = consensus {
                let last = self.versus.len() - 1;
                self.versus[last].add(r, &spec.a, oa, &present, ob);
            }
        }
        let top = self.options.top;
        if r.spread > 0 && top > 0 {
            let key = (std::cmp::Reverse(r.spread), seq);
            let full = self.top.len() >= top;
            if full && self.top.last_key_value().is_some_and(|(k, _)| *k < key) {
                return;
            }
            self.top.insert(
                key,
                Divergent {
                    line: r.line,
                    id: r.id.clone(),
                    spread: r.spread,
                    outcomes: r.outcomes.clone(),
                },
            );
            if self.top.len() > top {
                self.top.pop_last();
            }
        }
    }

    /// The report.
    pub fn finish(&self) -> AlignReport {
        let jurisdictions = self
            .all
            .distribution
            .iter()
            .map(|(j, counts)| Distribution {
                jurisdiction: j.clone(),
                cases: counts.iter().sum(),
                outcomes: Outcome::ALL
                    .iter()
                    .map(|&o| (o, counts[o as usize]))
                    .collect(),
            })
            .collect();
        let groups = self.options.by.map(|by| GroupReport {
            by,
            groups: self
                .groups
                .iter()
                .map(|(k, c)| {
                    let (agree, n) = c
                        .pairs
                        .values()
                        .flat_map(|row| row.values())
                        .fold((0, 0), |(agree, n), p| (agree + p.agree, n + p.n));
                    let apart = c.outliers();
                    Group {
                        group: k.clone(),
                        cases: c.cases,
                        unanimous: c.unanimous,
                        mean_spread: ratio(c.spread, c.cases),
                        pair_agreement: ratio(agree, n),
                        jurisdictions: apart
                            .into_iter()
                            .map(|o| {
                                let (agree, n) = c.with_others(&o.jurisdiction);
                                GroupJurisdiction {
                                    agreement_with_others: ratio(agree, n),
                                    jurisdiction: o.jurisdiction,
                                    cases: o.cases,
                                    stands_apart: o.stands_apart,
                                }
                            })
                            .collect(),
                        pairs: c.pair_stats(),
                    }
                })
                .collect(),
        });
        let convergence = self.options.convergence.as_ref().map(|spec| {
            let mut comparisons: Vec<Versus> = spec
                .members
                .iter()
                .zip(&self.versus)
                .map(|(m, v)| v.finish(&spec.a, m.clone(), vec![m.clone()]))
                .collect();
            if let Some(v) = self.versus.last() {
                comparisons.push(v.finish(&spec.a, CONSENSUS.to_owned(), spec.members.clone()));
            }
            ConvergenceReport {
                a: spec.a.clone(),
                members: spec.members.clone(),
                comparisons,
            }
        });
        AlignReport {
            schema: ALIGN_SCHEMA,
            cases: self.all.cases,
            jurisdictions,
            pairs: self.all.pair_stats(),
            most_divergent: self.top.values().cloned().collect(),
            outliers: self.all.outliers(),
            groups,
            convergence,
            drafts: self.drafts.values().cloned().collect(),
        }
    }
}

/// The `b` of the convergence view's comparison with the members'
/// consensus.
pub const CONSENSUS: &str = "consensus";

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
    /// Cases both evaluated and both decided (neither `not-determined`).
    pub cases: u64,
    /// Cases both evaluated where either side was `not-determined`: outside
    /// `cases` and every figure computed from it.
    pub not_determined: u64,
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

/// A rule behind a jurisdiction's outlying outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleShare {
    /// Its id.
    pub rule: String,
    /// Outlying cases where it was decisive.
    pub count: u64,
    /// `count` over the outlying cases.
    pub share: Option<f64>,
}

/// The cases where one jurisdiction alone differs from all the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// Cases it evaluated.
    pub cases: u64,
    /// Cases where every other jurisdiction (at least two) reached one
    /// outcome and this one another.
    pub stands_apart: u64,
    /// `stands_apart / cases`.
    pub share: Option<f64>,
    /// Of those, the cases where its outcome is the more restrictive.
    pub stricter: u64,
    /// And the less restrictive.
    pub more_lenient: u64,
    /// Its decisive rules on those cases, most frequent first.
    pub top_rules: Vec<RuleShare>,
}

/// Agreement per group (`align --by`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    /// What the cases are grouped by.
    pub by: Grouping,
    /// The groups, by name.
    pub groups: Vec<Group>,
}

/// One group's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The group (a destination, control code, end-user kind, end-use
    /// category or fact).
    pub group: String,
    /// Cases in it.
    pub cases: u64,
    /// Of those, the cases where every jurisdiction (at least two) agreed.
    pub unanimous: u64,
    /// Mean spread.
    pub mean_spread: Option<f64>,
    /// Agreeing pairs over pairs, over every case and pair.
    pub pair_agreement: Option<f64>,
    /// Each jurisdiction's agreement with the others and outlying cases.
    pub jurisdictions: Vec<GroupJurisdiction>,
    /// Every pair's figures within the group.
    pub pairs: Vec<PairStats>,
}

/// One jurisdiction within a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupJurisdiction {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// Cases of the group it evaluated.
    pub cases: u64,
    /// Its agreeing pairs over its pairs with every other jurisdiction.
    pub agreement_with_others: Option<f64>,
    /// Cases of the group where it alone differs.
    pub stands_apart: u64,
}

/// One side of a convergence comparison in one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectionStats {
    /// Cases in this direction.
    pub cases: u64,
    /// Over the cases compared.
    pub share: Option<f64>,
    /// `a`'s decisive rules on them.
    pub a_rules: Vec<RuleCount>,
    /// The other side's decisive rules on them.
    pub b_rules: Vec<RuleCount>,
}

/// `a` against one member, or against the members' consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Versus {
    /// The jurisdiction compared.
    pub a: String,
    /// A member, or [`CONSENSUS`].
    pub b: String,
    /// The members behind `b`.
    pub members: Vec<String>,
    /// Cases compared: both evaluated (for the consensus, the cases `a`
    /// evaluated where every member that evaluated it agreed).
    pub cases: u64,
    /// Mean of step(a) - step(b): above 0, `a` is the stricter.
    pub mean_difference: Option<f64>,
    /// Same outcome.
    pub agree: DirectionStats,
    /// `a`'s outcome the more restrictive.
    pub a_stricter: DirectionStats,
    /// `b`'s outcome the more restrictive.
    pub b_stricter: DirectionStats,
}

/// The convergence view (`align --convergence`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConvergenceReport {
    /// The jurisdiction compared.
    pub a: String,
    /// The others.
    pub members: Vec<String>,
    /// `a` against each member, then against their consensus.
    pub comparisons: Vec<Versus>,
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
    /// Per jurisdiction, the cases where it alone differs.
    pub outliers: Vec<Outlier>,
    /// Agreement per group, with `--by`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupReport>,
    /// The convergence view, with `--convergence`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub convergence: Option<ConvergenceReport>,
    /// Modules that reported under another name than their jurisdiction
    /// (drafts), with where they came from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<Draft>,
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
            items: Vec::new(),
            end_users: Vec::new(),
            end_use: None,
            facts: Vec::new(),
            outcomes: BTreeMap::new(),
            decisive: BTreeMap::new(),
            errors: BTreeMap::new(),
            case_digest: None,
            modules: Vec::new(),
            spread: 0,
            unanimous: true,
        };
        for &(j, o, rule) in outcomes {
            r.outcomes.insert(j.to_owned(), o);
            r.decisive.insert(j.to_owned(), vec![rule.to_owned()]);
        }
        let steps: Vec<u8> = r.outcomes.values().filter_map(|o| o.step()).collect();
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
    fn not_determined_is_neither_agreement_nor_disagreement() {
        // The kappa_by_hand pairs, plus two cases where one side could not
        // decide (twice "not-determined" on both sides too): the figures
        // are those of the four decided cases, and the three others are
        // counted apart.
        let mut p = PairCounts::default();
        for (a, b) in [
            (Deny, Deny),
            (Deny, NoLicenceRequired),
            (NoLicenceRequired, NoLicenceRequired),
            (NoLicenceRequired, NoLicenceRequired),
            (NotDetermined, NoLicenceRequired),
            (Deny, NotDetermined),
            (NotDetermined, NotDetermined),
        ] {
            p.add(a, b);
        }
        assert_eq!((p.n, p.undetermined), (4, 3));
        assert_eq!(p.agreement(), Some(0.75));
        assert_eq!(p.kappa(), Some(0.5));
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
