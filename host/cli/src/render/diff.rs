//! `echri diff` and `echri search` as text tables and Markdown. Module
//! text (rule ids, citations, explanations) is escaped and clipped on the
//! way.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};

use crate::analysis::diff::{AlignmentChange, Answer, DiffReport, SideInfo};
use crate::analysis::search::SearchReport;
use crate::render::text::{escape_clipped, safe};

/// Characters of a module's explanation shown in a report.
const EXPLANATION_CHARS: usize = 300;

/// A case as a case file (TOML), for `echri compare`: fields at their
/// default (empty lists and texts, the default end use) left out, as a
/// person would write it.
pub fn case_toml(case: &echri_sdk::model::Case) -> String {
    fn prune(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for x in map.values_mut() {
                    prune(x);
                }
                map.retain(|_, x| match x {
                    serde_json::Value::Null => false,
                    serde_json::Value::String(s) => !s.is_empty(),
                    serde_json::Value::Array(a) => !a.is_empty(),
                    serde_json::Value::Object(o) => !o.is_empty(),
                    _ => true,
                });
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(prune),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(case).expect("cases serialise");
    if case.end_use == echri_sdk::model::EndUse::default()
        && let serde_json::Value::Object(map) = &mut value
    {
        map.remove("end_use");
    }
    prune(&mut value);
    toml::to_string(&value).expect("cases serialise to TOML")
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

fn kappa(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

fn side(s: &SideInfo) -> String {
    if s.name == s.claims {
        format!("{} ({})", safe(&s.name), safe(&s.module))
    } else {
        format!(
            "{} ({}, claims {})",
            safe(&s.name),
            safe(&s.module),
            safe(&s.claims)
        )
    }
}

fn rules(a: &Answer) -> String {
    if a.decisive.is_empty() {
        "no decisive rule".to_owned()
    } else {
        safe(&a.decisive.join(", ")).into_owned()
    }
}

fn why_lines(out: &mut String, who: &str, a: &Answer, indent: &str) {
    let _ = writeln!(out, "{indent}{who}: {} [{}]", a.outcome.label(), rules(a));
    for w in &a.why {
        let _ = writeln!(
            out,
            "{indent}  {} ({}): {}",
            safe(&w.rule),
            escape_clipped(&w.citation, EXPLANATION_CHARS),
            escape_clipped(&w.explanation, EXPLANATION_CHARS)
        );
    }
}

/// A short code for an outcome, for the matrix's columns.
fn code(o: echri_sdk::model::Outcome) -> &'static str {
    use echri_sdk::model::Outcome as O;
    match o {
        O::NoLicenceRequired => "NLR",
        O::LicenceException => "LE",
        O::CatchAllNotify => "NOTIFY",
        O::LicenceRequiredFavourable => "LR-FAV",
        O::LicenceRequiredCaseByCase => "LR-CBC",
        O::PresumptionOfDenial => "PoD",
        O::Deny => "DENY",
        O::Prohibited => "PROHIB",
        O::NotDetermined => "ND",
    }
}

/// The codes of the outcomes in the matrix, with their meaning.
fn legend(r: &DiffReport) -> String {
    let mut all: Vec<_> = r.matrix.iter().flat_map(|c| [c.from, c.to]).collect();
    all.sort();
    all.dedup();
    all.iter()
        .map(|o| format!("{} = {}", code(*o), o.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The transition matrix: rows the base's outcomes, columns the draft's.
fn matrix(r: &DiffReport) -> (Vec<String>, Vec<Vec<String>>) {
    let mut froms: Vec<_> = r.matrix.iter().map(|c| c.from).collect();
    froms.dedup();
    let mut tos: Vec<_> = r.matrix.iter().map(|c| c.to).collect();
    tos.sort();
    tos.dedup();
    let mut header = vec![format!(
        "{} \u{2193} / {} \u{2192}",
        safe(&r.base.name),
        safe(&r.draft.name)
    )];
    header.extend(tos.iter().map(|t| code(*t).to_owned()));
    let rows = froms
        .iter()
        .map(|f| {
            let mut row = vec![code(*f).to_owned()];
            for t in &tos {
                let n = r
                    .matrix
                    .iter()
                    .find(|c| c.from == *f && c.to == *t)
                    .map_or(0, |c| c.count);
                row.push(if n == 0 { String::new() } else { n.to_string() });
            }
            row
        })
        .collect();
    (header, rows)
}

fn alignment_rows(r: &[AlignmentChange]) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "Partner",
        "Cases",
        "Agreement before",
        "Agreement after",
        "Kappa before",
        "Kappa after",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = r
        .iter()
        .map(|a| {
            vec![
                safe(&a.partner).into_owned(),
                a.after.cases.to_string(),
                pct(a.before.agreement),
                pct(a.after.agreement),
                kappa(a.before.kappa),
                kappa(a.after.kappa),
            ]
        })
        .collect();
    (header, rows)
}

fn table(width: u16, (header, rows): (Vec<String>, Vec<Vec<String>>)) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    for row in rows {
        t.add_row(row);
    }
    t.to_string()
}

fn md_table(out: &mut String, (header, rows): (Vec<String>, Vec<Vec<String>>)) {
    crate::render::markdown::table_into(out, &header, &rows);
}

fn headline(r: &DiffReport) -> String {
    let share = if r.cases > 0 {
        format!(" ({:.1}%)", r.changed as f64 * 100.0 / r.cases as f64)
    } else {
        String::new()
    };
    format!(
        "{} case(s): the draft changes {}{share}; {} could not be evaluated",
        r.cases, r.changed, r.errors
    )
}

fn sentence(a: &AlignmentChange, draft: &str) -> String {
    format!(
        "the draft moves {draft} from {} to {} agreement with {} (kappa {} to {})",
        pct(a.before.agreement),
        pct(a.after.agreement),
        safe(&a.partner),
        kappa(a.before.kappa),
        kappa(a.after.kappa)
    )
}

fn rule_list(v: &[crate::analysis::diff::RuleDelta]) -> String {
    if v.is_empty() {
        return "none".to_owned();
    }
    v.iter()
        .map(|d| format!("{} ({})", safe(&d.rule), d.cases))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `echri diff` as text, wrapped to `width`.
pub fn diff_table(r: &DiffReport, width: u16) -> String {
    let mut out = format!(
        "Base:  {}\nDraft: {}\n{}\n",
        side(&r.base),
        side(&r.draft),
        headline(r)
    );
    let _ = write!(
        out,
        "\nTransitions (rows: base, columns: draft)\n{}\n{}\n",
        table(width, matrix(r)),
        legend(r)
    );
    let _ = writeln!(out, "\nRules newly firing: {}", rule_list(&r.newly_firing));
    let _ = writeln!(
        out,
        "Rules no longer firing: {}",
        rule_list(&r.no_longer_firing)
    );
    if !r.alignment.is_empty() {
        let _ = write!(
            out,
            "\nAlignment with the partners\n{}\n",
            table(width, alignment_rows(&r.alignment))
        );
        if let Some(all) = r.alignment.last() {
            let _ = writeln!(out, "In short: {}.", sentence(all, &safe(&r.base.name)));
        }
    }
    for t in &r.transitions {
        let _ = write!(
            out,
            "\n{} -> {}: {} case(s)\n",
            t.from.as_str(),
            t.to.as_str(),
            t.count
        );
        for e in &t.examples {
            let _ = writeln!(out, "  case {}", safe(&e.id));
            why_lines(&mut out, &safe(&r.base.name), &e.base, "    ");
            why_lines(&mut out, &safe(&r.draft.name), &e.draft, "    ");
        }
        if let Some(m) = &t.minimal {
            let _ = writeln!(
                out,
                "  minimal example (shrunk from {} in {} step(s)):",
                safe(&m.from_case),
                m.steps
            );
            for line in case_toml(&m.case).lines() {
                let _ = writeln!(out, "    {}", safe(line));
            }
        }
    }
    for e in &r.error_examples {
        let _ = writeln!(out, "error: case {}: {}", safe(&e.id), safe(&e.message));
    }
    out
}

/// `echri diff` as Markdown.
pub fn diff_markdown(r: &DiffReport) -> String {
    let cell = |s: &str| safe(s).replace('|', "\\|");
    let mut out = format!(
        "# Diff\n\n- Base: {}\n- Draft: {}\n- {}\n",
        cell(&side(&r.base)),
        cell(&side(&r.draft)),
        headline(r)
    );
    out.push_str("\n## Transitions (rows: base, columns: draft)\n\n");
    md_table(&mut out, matrix(r));
    let _ = writeln!(out, "\n{}", legend(r));
    let _ = write!(
        out,
        "\n## Rules\n\n- Newly firing: {}\n- No longer firing: {}\n",
        cell(&rule_list(&r.newly_firing)),
        cell(&rule_list(&r.no_longer_firing))
    );
    if !r.alignment.is_empty() {
        out.push_str("\n## Alignment with the partners\n\n");
        md_table(&mut out, alignment_rows(&r.alignment));
        if let Some(all) = r.alignment.last() {
            let _ = writeln!(out, "\nIn short: {}.", sentence(all, &cell(&r.base.name)));
        }
    }
    for t in &r.transitions {
        let _ = write!(
            out,
            "\n## {} → {} ({} case(s))\n\n",
            t.from.as_str(),
            t.to.as_str(),
            t.count
        );
        for e in &t.examples {
            let _ = writeln!(out, "- `{}`", cell(&e.id));
            let mut block = String::new();
            why_lines(&mut block, &safe(&r.base.name), &e.base, "  ");
            why_lines(&mut block, &safe(&r.draft.name), &e.draft, "  ");
            for line in block.lines() {
                let _ = writeln!(out, "  {}", cell(line.trim_start()));
            }
        }
        if let Some(m) = &t.minimal {
            let _ = write!(
                out,
                "\nMinimal example (shrunk from `{}` in {} step(s)):\n\n```toml\n{}```\n",
                cell(&m.from_case),
                m.steps,
                safe(&case_toml(&m.case)).replace("```", "'''")
            );
        }
    }
    out
}

/// `echri search` as text: each split's pattern, then its minimal case
/// file.
pub fn search_text(r: &SearchReport) -> String {
    let mut out = format!(
        "# {} against {}: {} splitting pattern(s) in {} case(s) examined ({} could not be evaluated, {} shrank to an earlier case)\n",
        side(&r.a),
        side(&r.b),
        r.splits.len(),
        r.examined,
        r.errors,
        r.duplicates
    );
    for s in &r.splits {
        let _ = write!(
            out,
            "\n# {}: {} says {} [{}], {} says {} [{}]\n# shrunk from {} in {} step(s)\n",
            safe(&s.case.id),
            safe(&r.a.name),
            s.a.outcome.as_str(),
            rules(&s.a),
            safe(&r.b.name),
            s.b.outcome.as_str(),
            rules(&s.b),
            safe(&s.found_in),
            s.steps
        );
        for line in case_toml(&s.case).lines() {
            let _ = writeln!(out, "{}", safe(line));
        }
    }
    out
}
