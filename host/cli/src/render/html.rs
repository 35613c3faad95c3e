//! Self-contained HTML: `echri report` over a corpus and `echri compare
//! --format html` for one case. One file each, with its CSS and SVG charts
//! inline and nothing to fetch: it opens from a `file://` URL on a machine
//! without a network, and its Content Security Policy (`default-src
//! 'none'`) forbids it any request or script.
//!
//! Written with maud, which escapes every interpolated value; module text
//! also goes through [`crate::render::text::safe`] first (bidirectional overrides and
//! control characters made visible, each string clipped), as on a terminal.
//! Every chart ([`crate::render::chart`]) prints its figures as text, and has a table
//! behind it. The same input gives the same bytes: no timestamp, maps in
//! sorted order.

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use echri_sdk::model::Outcome;

use crate::analysis::align::{AlignReport, CONSENSUS, Divergent, PairStats};
use crate::analysis::batch::Record;
use crate::analysis::compare::Comparison;
use crate::analysis::sensitivity::SensitivityReport;
use crate::render::chart::{self, Bar, HeatCell, Rgb, Segment};
use crate::render::text::safe;
use crate::render::{NamedTable, align_tables, sensitivity_tables};

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0;
  color: #1a1a1a; background: #ffffff; line-height: 1.45; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { border-bottom: 3px solid #08306b; padding-top: 16px; padding-bottom: 8px; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05em; }
.lead { color: #333; margin: 0.2em 0 0.6em; }
.disclaimer { background: #fff4ce; border-left: 4px solid #c69500; padding: 6px 10px; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 24px; padding: 0; list-style: none; }
.facts li strong { font-size: 1.3em; display: block; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0.6em 0; }
figcaption { font-size: 0.9em; color: #333; max-width: 60em; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg .axis, svg .note { fill: #1a1a1a; }
svg .cell-label { font-size: 12px; font-weight: bold; }
svg rect.diagonal { fill: #ffffff; stroke: #bbb; }
svg rect.heat-cell { stroke: #ffffff; stroke-width: 1; }
svg rect.track { fill: #f2f2f2; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.88em; }
th, td { border: 1px solid #c8c8c8; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: 0.3em 0; }
details > summary { cursor: pointer; color: #08306b; }
details.case { border: 1px solid #c8c8c8; border-radius: 4px; padding: 4px 10px; margin: 6px 0; }
details.case[open] { background: #fbfbfd; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 0.88em; }
.swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #888; vertical-align: middle; }
.finding { margin: 0 0 0.6em; }
.finding p { margin: 0.15em 0; }
table.side-by-side { width: 100%; }
table.side-by-side td:nth-child(2) { white-space: nowrap; }
.finding .cite { color: #333; font-style: italic; }
.rule { font-family: "DejaVu Sans Mono", monospace; }
.error { color: #a50026; font-weight: bold; }
.muted { color: #555; }
footer { border-top: 1px solid #ccc; margin-top: 2em; padding-top: 8px; padding-bottom: 24px;
  font-size: 0.85em; color: #444; }
"#;

/// No request of any kind, no script: styles and images inline only.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

fn page(title: &str, header: Markup, body: Markup) -> String {
    let doc = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("echri ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header { (header) }
                main { (body) }
                footer {
                    p {
                        "Made by echri " (env!("CARGO_PKG_VERSION")) ". "
                        strong { "echri models policy; it is not legal advice." }
                        " Each rule module is a simplified model of the law as its README documents it."
                    }
                }
            }
        }
    };
    let mut out = doc.into_string();
    out.push('\n');
    out
}

/// A table of rows already made (see [`NamedTable`]), module text made safe.
fn table(t: &NamedTable) -> Markup {
    let (header, rows) = &t.rows;
    html! {
        table {
            caption.muted { (t.heading) }
            thead { tr { @for h in header { th scope="col" { (safe(h)) } } } }
            tbody {
                @for row in rows {
                    tr {
                        @for (i, c) in row.iter().enumerate() {
                            @if i == 0 {
                                th scope="row" { (safe(c)) }
                            } @else if looks_numeric(c) {
                                td.num { (safe(c)) }
                            } @else {
                                td { (safe(c)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn looks_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '%' | ' ' | '(' | ')'))
}

/// Tables under a disclosure: the data behind a chart.
fn data_tables(tables: &[NamedTable]) -> Markup {
    html! {
        details.data {
            summary { "Data table" @if tables.len() > 1 { "s" } }
            @for t in tables { (table(t)) }
        }
    }
}

fn json_number(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| {
        serde_json::to_string(&v).expect("a finite number serialises")
    })
}

fn pct(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(
        || "n/a".to_owned(),
        |v| format!("{:.decimals$}%", v * 100.0),
    )
}

fn find_pair<'r>(pairs: &'r [PairStats], a: &str, b: &str) -> Option<&'r PairStats> {
    pairs
        .iter()
        .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
}

fn outcome_legend() -> Markup {
    let entries: Vec<(Rgb, String)> = Outcome::ALL
        .iter()
        .map(|o| {
            (
                chart::outcome_colour(*o),
                format!("{} {}", chart::step_text(*o), o.label()),
            )
        })
        .collect();
    chart::legend(&entries)
}

/// One of the most divergent cases, with what is known of it: its batch
/// record (decisive rule ids), and with `--cases` its re-evaluation (every
/// finding, explanation and citation).
#[derive(Debug, Clone)]
pub struct CaseDetail {
    /// The case, as the alignment report lists it.
    pub divergent: Divergent,
    /// Its batch record.
    pub record: Option<Record>,
    /// The case evaluated again.
    pub comparison: Option<Comparison>,
    /// Whether the re-evaluated outcomes differ from the record's (other
    /// modules, or another case under the same line).
    pub mismatch: bool,
}

/// What `echri report` renders.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// Where the records came from, as the user named it (`None`:
    /// standard input).
    pub source: Option<&'a str>,
    /// Whether `source` holds cases evaluated by the report itself rather
    /// than batch records.
    pub evaluated_here: bool,
    /// The alignment over the records.
    pub align: &'a AlignReport,
    /// The sensitivity report, if one was given.
    pub sensitivity: Option<&'a SensitivityReport>,
    /// The most divergent cases, in the alignment report's order.
    pub cases: Vec<CaseDetail>,
    /// Whether the cases were given (`--cases`), so explanations could be
    /// looked up.
    pub have_cases: bool,
}

/// The report over a corpus as one HTML document.
pub fn report(input: &ReportInput<'_>) -> String {
    let r = input.align;
    let names: Vec<&str> = r
        .jurisdictions
        .iter()
        .map(|d| d.jurisdiction.as_str())
        .collect();
    let title = format!("echri report: {} case(s)", r.cases);
    let unanimous = r.most_divergent.is_empty();
    let mean_kappa = {
        let k: Vec<f64> = r.pairs.iter().filter_map(|p| p.kappa).collect();
        (!k.is_empty()).then(|| k.iter().sum::<f64>() / k.len() as f64)
    };
    let header = html! {
        h1 { "Alignment of " (names.len()) " jurisdictions over " (r.cases) " case(s)" }
        p.lead {
            @if input.evaluated_here { "Cases evaluated from " } @else { "Batch records from " }
            @match input.source { Some(src) => { code { (safe(src)) } }, None => { "standard input" } }
            @if names.is_empty() { ": no outcome in them." } @else { ", under " (safe(&names.join(", "))) "." }
        }
    };
    let body = html! {
        @if r.cases == 0 {
            p.error { "No batch record was read: the charts below are empty." }
        }
        p.disclaimer {
            "Every figure here is a property of simplified models of each state's rules over this "
            "corpus, not of the states' licensing practice."
        }
        ul.facts {
            li { strong { (r.cases) } "cases" }
            li { strong { (names.len()) } "jurisdictions" }
            li { strong { (r.pairs.len()) } "pairs" }
            li { strong { (mean_kappa.map_or_else(|| "n/a".to_owned(), |k| format!("{k:.3}"))) } "mean kappa over the pairs" }
            @if unanimous { li { strong { "0" } "divergent cases" } }
        }
        nav {
            "Sections: "
            a href="#agreement" { "agreement" } ", "
            a href="#distribution" { "outcomes" } ", "
            a href="#drivers" { "divergence drivers" } ", "
            a href="#outliers" { "outliers" } ", "
            @if r.convergence.is_some() { a href="#convergence" { "convergence" } ", " }
            @if input.sensitivity.is_some() { a href="#sensitivity" { "sensitivity" } ", " }
            @if r.groups.is_some() { a href="#groups" { "groups" } ", " }
            a href="#cases" { "most divergent cases" }
        }
        (agreement_section(r, &names))
        (distribution_section(r))
        (drivers_section(r))
        (outliers_section(r))
        @if r.convergence.is_some() { (convergence_section(r)) }
        @if let Some(s) = input.sensitivity { (sensitivity_section(s)) }
        @if r.groups.is_some() { (groups_section(r)) }
        (cases_section(input))
    };
    page(&title, header, body)
}

fn agreement_section(r: &AlignReport, names: &[&str]) -> Markup {
    let agreement = |i: usize, j: usize| {
        let p = find_pair(&r.pairs, names[i], names[j]);
        let v = p.and_then(|p| p.agreement);
        HeatCell {
            value: v,
            exact: json_number(v),
            label: v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0)),
            fill: v.map_or(chart::NO_VALUE, chart::sequential),
            title: format!(
                "{} and {}: same outcome in {} of {} case(s) ({})",
                names[i],
                names[j],
                p.map_or(0, |p| p.agree),
                p.map_or(0, |p| p.cases),
                pct(v, 1)
            ),
        }
    };
    let kappa = |i: usize, j: usize| {
        let p = find_pair(&r.pairs, names[i], names[j]);
        let v = p.and_then(|p| p.kappa);
        HeatCell {
            value: v,
            exact: json_number(v),
            label: v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}")),
            fill: v.map_or(chart::NO_VALUE, chart::diverging),
            title: format!(
                "{} and {}: Cohen's kappa {} over {} case(s)",
                names[i],
                names[j],
                v.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.3}")),
                p.map_or(0, |p| p.cases)
            ),
        }
    };
    let shown: Vec<String> = names.iter().map(|n| safe(n).into_owned()).collect();
    let mut matrix_and_pairs = align_tables(r, Some("matrix"));
    matrix_and_pairs.extend(align_tables(r, Some("pairs")));
    html! {
        section #agreement {
            h2 { "Agreement between jurisdictions" }
            p {
                "Each cell compares the row's jurisdiction with the column's over the cases both "
                "evaluated. Exact agreement is the share of cases with the same outcome; Cohen's kappa "
                "corrects it for the agreement expected by chance from each side's outcome distribution "
                "(1 perfect, 0 no better than chance, below 0 worse; n/a where it is undefined)."
            }
            div.charts {
                figure {
                    (chart::heatmap("heatmap-agreement", "Exact agreement rate, per pair of jurisdictions",
                        "agreement", &shown, &agreement))
                    figcaption { "Exact agreement (darker: more agreement)." }
                }
                figure {
                    (chart::heatmap("heatmap-kappa", "Cohen's kappa, per pair of jurisdictions",
                        "kappa", &shown, &kappa))
                    figcaption { "Cohen's kappa (blue above 0, orange below)." }
                }
            }
            (data_tables(&matrix_and_pairs))
        }
    }
}

fn distribution_section(r: &AlignReport) -> Markup {
    let bars: Vec<Bar> = r
        .jurisdictions
        .iter()
        .map(|d| Bar {
            label: safe(&d.jurisdiction).into_owned(),
            segments: d
                .outcomes
                .iter()
                .map(|(o, &n)| Segment {
                    value: n as f64,
                    fill: chart::outcome_colour(*o),
                    label: chart::step_text(*o),
                    title: format!(
                        "{}: {} {} case(s) ({})",
                        safe(&d.jurisdiction),
                        o.label(),
                        n,
                        pct((d.cases > 0).then(|| n as f64 / d.cases as f64), 1)
                    ),
                })
                .collect(),
            note: format!("{} case(s)", d.cases),
        })
        .collect();
    html! {
        section #distribution {
            h2 { "Outcomes per jurisdiction" }
            p { "The share of the cases each jurisdiction gave each outcome, least restrictive (0) on the left to most restrictive (7); each segment is labelled with its step where it is wide enough." }
            figure {
                (chart::stacked_bars("distribution-chart", "Outcome distribution per jurisdiction", &bars, None))
                (outcome_legend())
            }
            (data_tables(&align_tables(r, Some("distribution"))))
        }
    }
}

fn drivers_section(r: &AlignReport) -> Markup {
    // The pairs furthest apart, and the rules behind their divergences.
    let mut pairs: Vec<&PairStats> = r.pairs.iter().filter(|p| p.cases > 0).collect();
    pairs.sort_by(|x, y| {
        y.mean_distance
            .unwrap_or(0.0)
            .total_cmp(&x.mean_distance.unwrap_or(0.0))
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    pairs.truncate(12);
    let max = pairs
        .iter()
        .filter_map(|p| p.mean_distance)
        .fold(0.0, f64::max);
    let bars: Vec<Bar> = pairs
        .iter()
        .map(|p| Bar {
            label: format!("{}–{}", safe(&p.a), safe(&p.b)),
            segments: vec![Segment {
                value: p.mean_distance.unwrap_or(0.0),
                fill: Rgb(0x42, 0x92, 0xc6),
                label: format!("{:.2}", p.mean_distance.unwrap_or(0.0)),
                title: format!(
                    "{} and {}: {} step(s) apart on average; {} of {} case(s) differ",
                    safe(&p.a),
                    safe(&p.b),
                    p.mean_distance
                        .map_or_else(|| "n/a".to_owned(), |d| format!("{d:.3}")),
                    p.cases - p.agree,
                    p.cases
                ),
            }],
            note: p
                .top_rules
                .iter()
                .take(2)
                .map(|t| format!("{} ({})", safe(&t.rule), t.count))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    html! {
        section #drivers {
            h2 { "Divergence drivers" }
            p {
                "The pairs furthest apart (mean distance in steps on the outcome scale), with the "
                "decisive rules found most often on the cases where they differ. The table lists every "
                "pair with its three most frequent rules."
            }
            @if bars.is_empty() {
                p.muted { "No pair of jurisdictions evaluated a case together." }
            } @else {
                figure {
                    (chart::stacked_bars("drivers-chart", "Mean distance in steps, the pairs furthest apart", &bars, Some(max.max(1.0))))
                    figcaption { "Bar: mean distance in steps (longest = " (format!("{max:.2}")) "); right: the two rules behind most of that pair's divergences, with their counts." }
                }
            }
            (data_tables(&align_tables(r, Some("pairs"))))
        }
    }
}

fn outliers_section(r: &AlignReport) -> Markup {
    let max = r
        .outliers
        .iter()
        .filter_map(|o| o.share)
        .fold(0.0, f64::max);
    let bars: Vec<Bar> = r
        .outliers
        .iter()
        .map(|o| {
            let j = safe(&o.jurisdiction);
            Bar {
                label: j.clone().into_owned(),
                segments: vec![
                    Segment {
                        value: o.stricter as f64 / o.cases.max(1) as f64,
                        fill: Rgb(0xb2, 0x18, 0x2b),
                        label: format!("{} stricter", o.stricter),
                        title: format!("{j} alone stricter on {} case(s)", o.stricter),
                    },
                    Segment {
                        value: o.more_lenient as f64 / o.cases.max(1) as f64,
                        fill: Rgb(0x92, 0xc5, 0xde),
                        label: format!("{} more lenient", o.more_lenient),
                        title: format!("{j} alone more lenient on {} case(s)", o.more_lenient),
                    },
                ],
                note: format!("{} of {} ({})", o.stands_apart, o.cases, pct(o.share, 1)),
            }
        })
        .collect();
    html! {
        section #outliers {
            h2 { "Outliers" }
            p {
                "The cases where one jurisdiction alone differs while all the others (at least two) "
                "agree, as a share of the cases it evaluated: the dark part where its outcome is the "
                "stricter, the light part where it is the more lenient."
            }
            figure {
                (chart::stacked_bars("outliers-chart", "Share of cases where each jurisdiction alone differs", &bars, Some(max.max(1e-9))))
                (chart::legend(&[(Rgb(0xb2, 0x18, 0x2b), "alone stricter".to_owned()), (Rgb(0x92, 0xc5, 0xde), "alone more lenient".to_owned())]))
            }
            (data_tables(&align_tables(r, Some("outliers"))))
        }
    }
}

fn convergence_section(r: &AlignReport) -> Markup {
    let Some(c) = &r.convergence else {
        return html! {};
    };
    let a = safe(&c.a);
    let colours = [
        Rgb(0xbd, 0xbd, 0xbd),
        Rgb(0xb2, 0x18, 0x2b),
        Rgb(0x21, 0x66, 0xac),
    ];
    let bars: Vec<Bar> = c
        .comparisons
        .iter()
        .map(|v| {
            let other = if v.b == CONSENSUS {
                format!("consensus of {}", safe(&v.members.join(", ")))
            } else {
                safe(&v.b).into_owned()
            };
            let seg = |d: &crate::analysis::align::DirectionStats, fill: Rgb, what: &str| Segment {
                value: d.cases as f64,
                fill,
                label: pct(d.share, 0),
                title: format!("{a} vs {other}: {what} on {} case(s)", d.cases),
            };
            Bar {
                label: format!("vs {other}"),
                segments: vec![
                    seg(&v.agree, colours[0], "same outcome"),
                    seg(&v.a_stricter, colours[1], &format!("{a} stricter")),
                    seg(&v.b_stricter, colours[2], "the other stricter"),
                ],
                note: format!(
                    "{} case(s), mean {}",
                    v.cases,
                    v.mean_difference
                        .map_or_else(|| "n/a".to_owned(), |d| format!("{d:+.3}"))
                ),
            }
        })
        .collect();
    let any = c.comparisons.iter().any(|v| v.cases > 0);
    html! {
        section #convergence {
            h2 { "Convergence: " (a) " against " (safe(&c.members.join(", "))) }
            p {
                (a) " against each of " (safe(&c.members.join(", "))) " and against their consensus "
                "(the cases where every one of them that evaluated the case reached the same outcome): "
                "the share of cases with the same outcome, with " (a) "'s outcome the stricter, and with "
                "the other's the stricter; right, the mean difference in steps (" (a) " minus other)."
            }
            @if any {
                figure {
                    (chart::stacked_bars("convergence-chart", "Convergence: direction of the differences", &bars, None))
                    (chart::legend(&[(colours[0], "same outcome".to_owned()), (colours[1], format!("{a} stricter")), (colours[2], "other stricter".to_owned())]))
                }
            } @else {
                p.muted { "None of these jurisdictions evaluated the same case." }
            }
            (data_tables(&align_tables(r, Some("convergence"))))
        }
    }
}

fn sensitivity_section(s: &SensitivityReport) -> Markup {
    let tables = sensitivity_tables(s);
    let names: Vec<&str> = s
        .added
        .jurisdictions
        .iter()
        .chain(&s.removed.jurisdictions)
        .map(|x| x.jurisdiction.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let share = |side: &crate::analysis::sensitivity::SideReport, j: &str| {
        side.jurisdictions
            .iter()
            .find(|x| x.jurisdiction == j)
            .and_then(|x| x.share)
    };
    let bar =
        |side: &crate::analysis::sensitivity::SideReport, what: &str, fill: Rgb| -> Vec<Bar> {
            names
                .iter()
                .map(|j| {
                    let v = share(side, j);
                    Bar {
                        label: format!("{} {what}", safe(j)),
                        segments: vec![Segment {
                            value: v.unwrap_or(0.0),
                            fill,
                            label: pct(v, 1),
                            title: format!(
                                "{}: outcome changes in {} of the cases {what}",
                                safe(j),
                                pct(v, 1)
                            ),
                        }],
                        note: pct(v, 1),
                    }
                })
                .collect()
        };
    let mut bars = Vec::new();
    let removed = bar(&s.removed, "without", Rgb(0x92, 0xc5, 0xde));
    let added = bar(&s.added, "with all", Rgb(0xb2, 0x18, 0x2b));
    for (x, y) in removed.into_iter().zip(added) {
        bars.push(x);
        bars.push(y);
    }
    html! {
        section #sensitivity {
            h2 { "Human-rights sensitivity" }
            p {
                "Over " (s.cases) " case(s): the share of cases whose outcome changes when the "
                "human-rights risk facts are taken away (\"without\") and when all of them are added "
                "(\"with all\"), per jurisdiction. A 0% is not a finding that a state ignores human "
                "rights: where the law makes the risk a weighed consideration, the outcome scale cannot show it."
            }
            figure {
                (chart::stacked_bars("sensitivity-chart", "Share of outcomes that change, per jurisdiction", &bars, Some(1.0)))
                (chart::legend(&[(Rgb(0x92, 0xc5, 0xde), "without the human-rights facts".to_owned()), (Rgb(0xb2, 0x18, 0x2b), "with every human-rights fact".to_owned())]))
            }
            (data_tables(&tables))
        }
    }
}

fn groups_section(r: &AlignReport) -> Markup {
    let Some(g) = &r.groups else {
        return html! {};
    };
    html! {
        section #groups {
            h2 { "Agreement by " (g.by.as_str()) }
            p { "A case with several items (end users, facts) counts in each of their groups." }
            @for t in align_tables(r, Some("groups")) { (table(&t)) }
            (data_tables(&align_tables(r, Some("group-pairs"))))
        }
    }
}

fn cases_section(input: &ReportInput<'_>) -> Markup {
    html! {
        section #cases {
            h2 { "The most divergent cases" }
            p {
                "Largest spread on the outcome scale first, then input order. Open a case for each "
                "jurisdiction's decisive rules"
                @if input.have_cases { ", explanations and citations" }
                "."
            }
            @if !input.have_cases && !input.cases.is_empty() {
                p.muted {
                    "The records carry outcomes and decisive rule ids only: give the cases the records were "
                    "made from with " code { "--cases" } " to show each jurisdiction's explanation and citations."
                }
            }
            @if input.cases.is_empty() {
                p.muted { "Every case was unanimous." }
            }
            @for c in &input.cases { (case_detail(c)) }
            (data_tables(&align_tables(input.align, Some("divergent"))))
        }
    }
}

fn case_detail(c: &CaseDetail) -> Markup {
    let d = &c.divergent;
    html! {
        details.case data-line=(d.line) {
            summary {
                "Line " (d.line) ": " code { (safe(&d.id)) } " — spread " (d.spread) " step(s): "
                (d.outcomes.iter().map(|(j, o)| format!("{} {}", safe(j), chart::step_text(*o))).collect::<Vec<_>>().join(", "))
            }
            @if let Some(r) = &c.record {
                p.muted {
                    "Destination " (safe(&r.destination)) ", as of " (safe(&r.as_of))
                    @if !r.items.is_empty() {
                        "; items " (r.items.iter().map(|i| safe(&i.control_code).into_owned()).collect::<Vec<_>>().join(", "))
                    }
                    @if !r.end_users.is_empty() {
                        "; end users " (r.end_users.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "))
                    }
                    @if !r.facts.is_empty() {
                        "; facts " (r.facts.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", "))
                    }
                    "."
                }
            }
            @if c.mismatch {
                p.error { "Evaluated again, this case gave other outcomes than its record: the findings below are of the new evaluation (other modules, or another case on that line?)." }
            }
            @match &c.comparison {
                Some(cmp) => { (findings(cmp)) }
                None => { (decisive_only(&d.outcomes, c.record.as_ref())) }
            }
        }
    }
}

fn decisive_only(outcomes: &BTreeMap<String, Outcome>, record: Option<&Record>) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "Jurisdiction" } th scope="col" { "Outcome" } th scope="col" { "Decisive rules" } } }
            tbody {
                @for (j, o) in outcomes {
                    tr {
                        th scope="row" { (safe(j)) }
                        td { (chart::step_text(*o)) " " (o.label()) }
                        td.rule {
                            (record.and_then(|r| r.decisive.get(j)).map(|v| v.iter().map(|x| safe(x).into_owned()).collect::<Vec<_>>().join(", ")).unwrap_or_default())
                        }
                    }
                }
                @if let Some(r) = record {
                    @for (who, e) in &r.errors {
                        tr { th scope="row" { (safe(who)) } td.error { "error" } td { (safe(e)) } }
                    }
                }
            }
        }
    }
}

/// Every jurisdiction's result on one case, side by side: outcome, then
/// each decisive finding with its citation, explanation and assumption,
/// conditions, errors; the other findings behind a disclosure.
fn findings(c: &Comparison) -> Markup {
    html! {
        table.side-by-side {
            thead {
                tr {
                    th scope="col" { "Jurisdiction" }
                    th scope="col" { "Outcome" }
                    th scope="col" { "Decisive rules: citation and explanation (* assumption)" }
                }
            }
            tbody {
                @for r in &c.results {
                    @let who = r.jurisdiction.as_deref().map_or_else(|| "?".to_owned(), |j| safe(j).into_owned());
                    tr data-jurisdiction=(who) {
                        th scope="row" { (who) }
                        @match &r.result {
                            Ok(a) => {
                                td data-step=(chart::step_text(a.outcome)) {
                                    (chart::step_text(a.outcome)) " " (a.outcome.label())
                                }
                                td {
                                    @for f in a.decisive() { (finding(f)) }
                                    @for cond in &a.conditions {
                                        p.finding { strong { "Condition: " } (safe(cond)) }
                                    }
                                    @let others: Vec<_> = a.findings.iter().filter(|f| f.outcome != a.outcome).collect();
                                    @if !others.is_empty() {
                                        details.why {
                                            summary { (others.len()) " other finding(s)" }
                                            @for f in others { (finding(f)) }
                                        }
                                    }
                                }
                            }
                            Err(e) => {
                                td.error { "error" }
                                td { (safe(&format!("{}: {}", r.origin, e.message()))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn finding(f: &echri_sdk::model::Finding) -> Markup {
    html! {
        div.finding {
            p {
                span.rule { (safe(&f.rule_id)) @if f.assumption.is_some() { " *" } }
                " (" (f.outcome.label()) "): "
                span.cite { (safe(&f.citation)) }
            }
            p { (safe(&f.explanation)) }
            @if let Some(a) = &f.assumption {
                p.muted { "* Assumption: " (safe(a)) }
            }
        }
    }
}

/// One case under every module, side by side, as one HTML document
/// (`echri compare --format html`).
pub fn compare(c: &Comparison) -> String {
    let case = &c.case;
    let title = format!("echri compare: {}", safe(&case.id));
    let a = &c.alignment;
    // The outcome scale with who reached each step.
    let bars: Vec<Bar> = Outcome::ALL
        .iter()
        .map(|&o| {
            // Not-determined is outside the alignment's outcome groups.
            let who: Vec<String> = if o.is_determined() {
                a.outcomes
                    .iter()
                    .filter(|g| g.outcome == o)
                    .flat_map(|g| g.jurisdictions.iter().map(|j| safe(j).into_owned()))
                    .collect()
            } else {
                a.not_determined
                    .iter()
                    .map(|j| safe(j).into_owned())
                    .collect()
            };
            Bar {
                label: format!("{} {}", chart::step_text(o), o.label()),
                segments: vec![Segment {
                    value: who.len() as f64,
                    fill: chart::outcome_colour(o),
                    label: who.len().to_string(),
                    title: format!("{}: {}", o.label(), who.join(", ")),
                }],
                note: who.join(", "),
            }
        })
        .collect();
    let header = html! {
        h1 { "Case " code { (safe(&case.id)) } }
        p.lead {
            "Destination " (case.destination.code()) ", as of " (case.as_of.to_string()) "; "
            (a.evaluated) " jurisdiction(s) evaluated"
            @if a.failed > 0 { ", " span.error { (a.failed) " module(s) failed" } }
            "."
        }
    };
    let body = html! {
        section #case {
            h2 { "The case" }
            table {
                tbody {
                    tr { th scope="row" { "End use" } td { (case.end_use.category.as_str()) ": " (safe(&case.end_use.description)) } }
                    @for i in case.items.iter() {
                        tr { th scope="row" { "Item" } td { span.rule { (safe(i.control_code.as_str())) } " " (safe(&i.description)) @if !i.capabilities.is_empty() { " (" (i.capabilities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")) ")" } } }
                    }
                    @for p in case.parties.iter() {
                        tr { th scope="row" { "Party" } td { (safe(&p.name)) ", " (p.country.code()) ", " (p.kind.as_str()) ", " (p.role.as_str()) } }
                    }
                    tr { th scope="row" { "Facts" } td { @if case.facts.is_empty() { "none" } @else { (case.facts.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")) } } }
                }
            }
        }
        section #alignment {
            h2 { "Outcomes" }
            p {
                @if a.evaluated == 0 { "No jurisdiction produced an assessment." }
                @else if a.unanimous { "Unanimous across " (a.evaluated) " jurisdictions." }
                @else {
                    (a.agreeing_pairs) " of " (a.pairs) " pairs agree; spread " (a.spread) " step(s), from "
                    (a.least_restrictive.map_or("-", Outcome::label)) " to " (a.most_restrictive.map_or("-", Outcome::label)) "."
                }
            }
            figure {
                (chart::stacked_bars("scale-chart", "Who reached each outcome", &bars, Some(a.evaluated.max(1) as f64)))
                figcaption { "The outcome scale, least restrictive first: the number of jurisdictions at each step, and which." }
            }
            (findings(c))
        }
    };
    page(&title, header, body)
}
