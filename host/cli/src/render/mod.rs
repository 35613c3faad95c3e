//! Rendering results for people and programs: [`table`] (comfy-table, for a
//! terminal), [`json`] (stable schemas, docs/json.md), [`csv`] and
//! [`markdown`]; [`html`] (self-contained pages with [`chart`]'s inline
//! SVG). [`text`] makes module-supplied text safe to print.
//!
//! JSON holds nothing that varies between runs (no timings, no absolute
//! paths the user did not give) and keeps module text exact; the other
//! formats escape and clip it.

pub mod chart;
pub mod csv;
pub mod diff;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;
pub mod text;

use std::collections::BTreeMap;

use echri_sdk::model::Outcome;

use crate::analysis::align::{AlignReport, RuleCount};
use crate::analysis::sensitivity::{SensitivityReport, ShiftStats, SideReport};

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
        .map(|(j, o)| match o.step() {
            Some(step) => format!("{j} {step}"),
            None => format!("{j} nd"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tables of `echri align`, by the name `--table` takes.
pub const ALIGN_TABLES: &[&str] = &[
    "matrix",
    "pairs",
    "distribution",
    "divergent",
    "outliers",
    "groups",
    "group-pairs",
    "convergence",
];

fn pct(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(
        || "n/a".to_owned(),
        |v| format!("{:.decimals$}%", v * 100.0),
    )
}

fn rule_counts_text(rules: &[RuleCount]) -> String {
    rules
        .iter()
        .map(|r| format!("{} ({})", r.rule, r.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One table of a report: its title on a terminal, its title in Markdown,
/// and its rows.
pub(crate) struct NamedTable {
    pub(crate) title: String,
    pub(crate) heading: String,
    pub(crate) rows: Rows,
}

fn named(
    _name: &'static str,
    title: impl Into<String>,
    heading: impl Into<String>,
    rows: Rows,
) -> NamedTable {
    NamedTable {
        title: title.into(),
        heading: heading.into(),
        rows,
    }
}

/// The tables of an alignment report, with their titles for a terminal and
/// for Markdown: the agreement matrix, the pairs, the outcome distribution,
/// the most divergent cases, the outliers, and with `--by` and
/// `--convergence` the groups and the convergence view. `only` picks the
/// tables of one `--table` name; without it, every table but `group-pairs`.
pub(crate) fn align_tables(r: &AlignReport, only: Option<&str>) -> Vec<NamedTable> {
    let wanted = |name: &str| match only {
        Some(o) => o == name,
        None => name != "group-pairs",
    };
    let mut out = Vec::new();
    let names: Vec<&str> = r
        .jurisdictions
        .iter()
        .map(|d| d.jurisdiction.as_str())
        .collect();
    if wanted("matrix") {
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
                        pct(find(a, b), 0)
                    }
                }));
                row
            })
            .collect();
        out.push(named(
            "matrix",
            "Agreement matrix (exact agreement rate):",
            "Agreement matrix",
            (header, matrix_rows),
        ));
    }
    if wanted("pairs") {
        out.push(named(
            "pairs",
            "Pairs (kappa: Cohen's kappa over the 8 outcomes; distance in steps on the scale):",
            "Pairs",
            pair_rows(&r.pairs, None),
        ));
    }
    if wanted("distribution") {
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
        out.push(named(
            "distribution",
            "Outcome distribution:",
            "Outcome distribution",
            dist,
        ));
    }
    if wanted("divergent") {
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
        out.push(named(
            "divergent",
            "Most divergent cases (steps 0 = no licence required … 7 = prohibited):",
            "Most divergent cases",
            top,
        ));
    }
    if wanted("outliers") {
        let rows = (
            [
                "Jur.",
                "Cases",
                "Stands apart",
                "Share",
                "Stricter",
                "More lenient",
                "Its decisive rules on those cases (share)",
            ]
            .map(String::from)
            .to_vec(),
            r.outliers
                .iter()
                .map(|o| {
                    vec![
                        o.jurisdiction.clone(),
                        o.cases.to_string(),
                        o.stands_apart.to_string(),
                        pct(o.share, 1),
                        o.stricter.to_string(),
                        o.more_lenient.to_string(),
                        o.top_rules
                            .iter()
                            .map(|t| format!("{} {}", t.rule, pct(t.share, 0)))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]
                })
                .collect(),
        );
        out.push(named(
            "outliers",
            "Outliers (cases where one jurisdiction alone differs and all the others agree):",
            "Outliers",
            rows,
        ));
    }
    if let Some(g) = &r.groups {
        let by = g.by.as_str();
        if wanted("groups") {
            let mut header: Vec<String> = ["Group", "Cases", "Unanimous", "Pairs agree"]
                .map(String::from)
                .to_vec();
            header.extend(names.iter().map(|s| (*s).to_owned()));
            let cell =
                |grp: &crate::analysis::align::Group,
                 j: &str,
                 f: &dyn Fn(&crate::analysis::align::GroupJurisdiction) -> String| {
                    grp.jurisdictions
                        .iter()
                        .find(|x| x.jurisdiction == j)
                        .map_or_else(|| "n/a".to_owned(), f)
                };
            let rows = g
                .groups
                .iter()
                .map(|grp| {
                    let mut row = vec![
                        grp.group.clone(),
                        grp.cases.to_string(),
                        grp.unanimous.to_string(),
                        pct(grp.pair_agreement, 0),
                    ];
                    row.extend(
                        names
                            .iter()
                            .map(|j| cell(grp, j, &|x| pct(x.agreement_with_others, 0))),
                    );
                    row
                })
                .collect();
            out.push(named(
                "groups",
                format!("Agreement by {by} (per jurisdiction: its agreement with the others):"),
                format!("Agreement by {by}"),
                (header, rows),
            ));
            let mut header: Vec<String> = vec!["Group".to_owned(), "Cases".to_owned()];
            header.extend(names.iter().map(|s| (*s).to_owned()));
            let rows = g
                .groups
                .iter()
                .map(|grp| {
                    let mut row = vec![grp.group.clone(), grp.cases.to_string()];
                    row.extend(
                        names
                            .iter()
                            .map(|j| cell(grp, j, &|x| x.stands_apart.to_string())),
                    );
                    row
                })
                .collect();
            out.push(named(
                "groups",
                format!("Stands apart, by {by} (cases where the jurisdiction alone differs):"),
                format!("Stands apart, by {by}"),
                (header, rows),
            ));
        }
        if wanted("group-pairs") {
            let mut rows: Rows = (Vec::new(), Vec::new());
            for grp in &g.groups {
                let (header, body) = pair_rows(&grp.pairs, Some(&grp.group));
                rows.0 = header;
                rows.1.extend(body);
            }
            if rows.0.is_empty() {
                rows.0 = pair_rows(&[], Some("")).0;
            }
            out.push(named(
                "group-pairs",
                format!("Pairs by {by}:"),
                format!("Pairs by {by}"),
                rows,
            ));
        }
    }
    if let (Some(c), true) = (&r.convergence, wanted("convergence")) {
        let a = &c.a;
        let label = |v: &crate::analysis::align::Versus| {
            if v.b == crate::analysis::align::CONSENSUS {
                format!("{a} vs consensus of {}", v.members.join(", "))
            } else {
                format!("{a} vs {}", v.b)
            }
        };
        let rows = (
            vec![
                "Comparison".to_owned(),
                "Cases".to_owned(),
                "Agree".to_owned(),
                format!("{a} stricter"),
                "Other stricter".to_owned(),
                "Mean difference".to_owned(),
            ],
            c.comparisons
                .iter()
                .map(|v| {
                    let n = |d: &crate::analysis::align::DirectionStats| {
                        format!("{} ({})", d.cases, pct(d.share, 1))
                    };
                    vec![
                        label(v),
                        v.cases.to_string(),
                        n(&v.agree),
                        n(&v.a_stricter),
                        n(&v.b_stricter),
                        v.mean_difference
                            .map_or_else(|| "n/a".to_owned(), |d| format!("{d:+.3}")),
                    ]
                })
                .collect(),
        );
        out.push(named(
            "convergence",
            format!(
                "Convergence: {a} against {} and their consensus (difference in steps, {a} minus other):",
                c.members.join(", ")
            ),
            "Convergence",
            rows,
        ));
        let mut body = Vec::new();
        for v in &c.comparisons {
            for (dir, d) in [
                ("agree", &v.agree),
                (&*format!("{a} stricter"), &v.a_stricter),
                ("other stricter", &v.b_stricter),
            ] {
                body.push(vec![
                    label(v),
                    dir.to_owned(),
                    d.cases.to_string(),
                    rule_counts_text(&d.a_rules),
                    rules_text(&d.b_rules),
                ]);
            }
        }
        out.push(named(
            "convergence",
            "Convergence, rule by rule (decisive rules behind each direction):",
            "Convergence, rule by rule",
            (
                vec![
                    "Comparison".to_owned(),
                    "Direction".to_owned(),
                    "Cases".to_owned(),
                    format!("{a} rules"),
                    "Other rules".to_owned(),
                ],
                body,
            ),
        ));
    }
    out
}

/// The pairs table, with a leading group column when `group` is given.
fn pair_rows(pairs: &[crate::analysis::align::PairStats], group: Option<&str>) -> Rows {
    let mut header: Vec<String> = Vec::new();
    if group.is_some() {
        header.push("Group".to_owned());
    }
    header.extend(
        [
            "Pair",
            "Cases",
            "Not determined",
            "Agreement",
            "Kappa",
            "Mean distance",
            "Rules behind most divergences",
        ]
        .map(String::from),
    );
    let rows = pairs
        .iter()
        .map(|p| {
            let mut row = Vec::new();
            if let Some(g) = group {
                row.push(g.to_owned());
            }
            row.extend([
                format!("{}-{}", p.a, p.b),
                p.cases.to_string(),
                p.not_determined.to_string(),
                pct(p.agreement, 1),
                fmt_opt(p.kappa, 3),
                fmt_opt(p.mean_distance, 3),
                rules_text(&p.top_rules),
            ]);
            row
        })
        .collect();
    (header, rows)
}

/// The tables of a sensitivity report: per direction (facts taken away,
/// facts added), one row per jurisdiction, and one row per control code
/// with each jurisdiction's share of changed outcomes and mean steps.
pub(crate) fn sensitivity_tables(r: &SensitivityReport) -> Vec<NamedTable> {
    let mut out = Vec::new();
    let sides: [(&SideReport, &str); 2] = [
        (&r.removed, "without the human-rights risk facts"),
        (&r.added, "with every human-rights risk fact"),
    ];
    for (side, what) in sides {
        let rows = (
            [
                "Jur.",
                "Cases",
                "Affected",
                "Changed",
                "Share",
                "Stricter",
                "Less strict",
                "Mean steps",
                "Mean shift",
            ]
            .map(String::from)
            .to_vec(),
            side.jurisdictions
                .iter()
                .map(|s| {
                    vec![
                        s.jurisdiction.clone(),
                        s.cases.to_string(),
                        s.affected.to_string(),
                        s.changed.to_string(),
                        pct(s.share, 1),
                        s.more_restrictive.to_string(),
                        s.less_restrictive.to_string(),
                        fmt_opt(s.mean_steps, 3),
                        s.mean_shift
                            .map_or_else(|| "n/a".to_owned(), |v| format!("{v:+.3}")),
                    ]
                })
                .collect(),
        );
        out.push(named(
            "jurisdictions",
            format!("The cases {what}: outcomes that change, by jurisdiction:"),
            format!("The cases {what}, by jurisdiction"),
            rows,
        ));
        let names: Vec<&str> = side
            .jurisdictions
            .iter()
            .map(|s| s.jurisdiction.as_str())
            .collect();
        let mut header = vec!["Control code".to_owned(), "Cases".to_owned()];
        header.extend(names.iter().map(|s| (*s).to_owned()));
        let cell = |per: &[ShiftStats], j: &str| {
            per.iter().find(|s| s.jurisdiction == j).map_or_else(
                || "n/a".to_owned(),
                |s| format!("{} {}", pct(s.share, 0), fmt_opt(s.mean_steps, 1)),
            )
        };
        let rows = side
            .by_item
            .iter()
            .map(|i| {
                let mut row = vec![i.control_code.clone(), i.cases.to_string()];
                row.extend(names.iter().map(|j| cell(&i.jurisdictions, j)));
                row
            })
            .collect();
        out.push(named(
            "items",
            format!("The cases {what}, by control code (share changed, mean steps):"),
            format!("The cases {what}, by control code"),
            (header, rows),
        ));
    }
    out
}
