//! Rendering results for people and programs: [`table`] (comfy-table, for a
//! terminal), [`json`] (stable schemas, docs/json.md), [`csv`] and
//! [`markdown`]. [`text`] makes module-supplied text safe to print.
//!
//! JSON holds nothing that varies between runs (no timings, no absolute
//! paths the user did not give) and keeps module text exact; the other
//! formats escape and clip it.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;
pub mod text;

use std::collections::BTreeMap;

use echri_sdk::model::Outcome;

use crate::analysis::align::{AlignReport, RuleCount};

/// A table as plain rows: its header and its rows. Rendered by [`table`]
/// and [`markdown`].
pub(crate) type Rows = (Vec<String>, Vec<Vec<String>>);

fn fmt_opt(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.decimals$}"))
}

fn rules_text(rules: &[RuleCount]) -> String {
    rules
        .iter()
        .map(|r| format!("{}:{} ({})", r.jurisdiction, r.rule, r.count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcomes_text(outcomes: &BTreeMap<String, Outcome>) -> String {
    outcomes
        .iter()
        .map(|(j, o)| format!("{j} {}", o.step()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tables of an alignment report, with their titles for a terminal and
/// for Markdown: the agreement matrix, the pairs, the outcome distribution
/// and the most divergent cases.
pub(crate) fn align_tables(r: &AlignReport) -> Vec<(&'static str, &'static str, Rows)> {
    let names: Vec<&str> = r
        .jurisdictions
        .iter()
        .map(|d| d.jurisdiction.as_str())
        .collect();
    let mut header = vec![String::new()];
    header.extend(names.iter().map(|s| (*s).to_owned()));
    let find = |a: &str, b: &str| {
        r.pairs
            .iter()
            .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
            .and_then(|p| p.agreement)
    };
    let matrix_rows = names
        .iter()
        .map(|&a| {
            let mut row = vec![a.to_owned()];
            row.extend(names.iter().map(|&b| {
                if a == b {
                    "-".to_owned()
                } else {
                    find(a, b).map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0))
                }
            }));
            row
        })
        .collect();
    let pairs = (
        [
            "Pair",
            "Cases",
            "Agreement",
            "Kappa",
            "Mean distance",
            "Rules behind most divergences",
        ]
        .map(String::from)
        .to_vec(),
        r.pairs
            .iter()
            .map(|p| {
                vec![
                    format!("{}-{}", p.a, p.b),
                    p.cases.to_string(),
                    p.agreement
                        .map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", v * 100.0)),
                    fmt_opt(p.kappa, 3),
                    fmt_opt(p.mean_distance, 3),
                    rules_text(&p.top_rules),
                ]
            })
            .collect(),
    );
    let mut dist_header = vec!["Jur.".to_owned(), "Cases".to_owned()];
    dist_header.extend(Outcome::ALL.iter().map(|o| o.label().to_owned()));
    let dist = (
        dist_header,
        r.jurisdictions
            .iter()
            .map(|d| {
                let mut row = vec![d.jurisdiction.clone(), d.cases.to_string()];
                row.extend(d.outcomes.values().map(u64::to_string));
                row
            })
            .collect(),
    );
    let top = (
        ["Line", "Case", "Spread", "Outcome steps"]
            .map(String::from)
            .to_vec(),
        r.most_divergent
            .iter()
            .map(|d| {
                vec![
                    d.line.to_string(),
                    d.id.clone(),
                    d.spread.to_string(),
                    outcomes_text(&d.outcomes),
                ]
            })
            .collect(),
    );
    vec![
        (
            "Agreement matrix (exact agreement rate):",
            "Agreement matrix",
            (header, matrix_rows),
        ),
        (
            "Pairs (kappa: Cohen's kappa over the 8 outcomes; distance in steps on the scale):",
            "Pairs",
            pairs,
        ),
        ("Outcome distribution:", "Outcome distribution", dist),
        (
            "Most divergent cases (steps 0 = no licence required … 7 = prohibited):",
            "Most divergent cases",
            top,
        ),
    ]
}
