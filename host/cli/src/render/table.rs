//! Tables and text for people (comfy-table), laid out to a width (see
//! [`text::width`]). Every module-supplied string goes through
//! [`text::safe`] first: escaped, and clipped so layout stays fast.

use std::borrow::Cow;
use std::fmt::Write as _;

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, presets};
use echri_runtime::{Origin, Slot};
use echri_sdk::model::Outcome;

use crate::analysis::align::AlignReport;
use crate::analysis::compare::{Alignment, Comparison};
use crate::analysis::sensitivity::SensitivityReport;
use crate::render::text::{self, safe};

fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// The comparison as a table (outcome and decisive rules), an alignment
/// summary, and each decisive rule's citation and explanation, wrapped to
/// `width`.
pub fn compare(c: &Comparison, width: u16, with_trace: bool) -> String {
    let mut table = new_table(width);
    table.set_header(["Jurisdiction", "Outcome", "Decisive rules (* assumption)"]);
    for r in &c.results {
        let who = r.jurisdiction.as_deref().map_or("?".into(), safe);
        match &r.result {
            Ok(a) => {
                let rules = a
                    .decisive()
                    .map(|f| {
                        let id = safe(&f.rule_id);
                        if f.assumption.is_some() {
                            format!("{id} *")
                        } else {
                            id.into_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let mut outcome = a.outcome.label().to_owned();
                if !a.conditions.is_empty() {
                    let _ = write!(outcome, "\n(+{} condition(s))", a.conditions.len());
                }
                table.add_row([Cell::new(who), Cell::new(outcome), Cell::new(rules)]);
            }
            Err(e) => {
                table.add_row([
                    Cell::new(who),
                    Cell::new("ERROR"),
                    Cell::new(safe(&format!("{}: {}", r.origin, e.message()))),
                ]);
            }
        }
    }
    let mut out = format!(
        "Case `{}`: destination {}, as of {}\n{table}\n",
        safe(&c.case.id),
        c.case.destination,
        c.case.as_of
    );
    out.push_str(&alignment_summary(&c.alignment));
    out.push_str("Why:\n");
    for r in &c.results {
        let who = r.jurisdiction.as_deref().map_or("?".into(), safe);
        match &r.result {
            Ok(a) => {
                for f in a.decisive() {
                    let head = format!("{} [{}]", safe(&f.rule_id), safe(&f.citation));
                    text::wrap_into(&mut out, &head, width, &format!("  {who} "), "     ");
                    text::wrap_into(&mut out, &safe(&f.explanation), width, "     ", "     ");
                    if let Some(assumption) = &f.assumption {
                        text::wrap_into(
                            &mut out,
                            &safe(assumption),
                            width,
                            "     * assumption: ",
                            "       ",
                        );
                    }
                }
                for cond in &a.conditions {
                    text::wrap_into(
                        &mut out,
                        &safe(cond),
                        width,
                        &format!("  {who} condition: "),
                        "     ",
                    );
                }
                notes_into(&mut out, r, &who, width);
            }
            Err(e) => {
                let first = format!("  {who} ERROR ({}): ", safe(&r.origin.to_string()));
                text::wrap_into(&mut out, &safe(e.message()), width, &first, "     ");
            }
        }
    }
    if with_trace {
        for r in c.results.iter().filter(|r| !r.trace.lines.is_empty()) {
            let _ = write!(out, "\nTrace of {}:\n", safe(&r.origin.to_string()));
            for line in &r.trace.lines {
                let _ = writeln!(out, "  [{:?}] {}", line.source, safe(line.text.trim_end()));
            }
            if r.trace.dropped_bytes > 0 {
                let _ = writeln!(
                    out,
                    "  ({} byte(s) of trace dropped)",
                    r.trace.dropped_bytes
                );
            }
        }
    }
    out
}

/// The host's notes on one result: facts its module could not see (an
/// older contract version) and the stated-period warning.
fn notes_into(out: &mut String, r: &echri_runtime::JurisdictionResult, who: &str, width: u16) {
    if let Some(claims) = &r.claims {
        text::wrap_into(
            out,
            &format!(
                "a module loaded under this name from {}; it claims {}",
                safe(&r.origin.to_string()),
                safe(claims)
            ),
            width,
            &format!("  {who} note: "),
            "     ",
        );
    }
    if !r.unseen.is_empty() {
        let contract = r.contract.map_or("?", |c| c.as_str());
        text::wrap_into(
            out,
            &format!(
                "its module implements contract {contract} and could not see: {}",
                safe(&r.unseen.join(", "))
            ),
            width,
            &format!("  {who} note: "),
            "     ",
        );
    }
    for w in &r.warnings {
        text::wrap_into(out, w, width, &format!("  {who} note: "), "     ");
    }
}

/// Keeps `columns` at their content's width (short codes and dates); the
/// others wrap.
fn content_width(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

/// A stated period, `from` to `until` (`…` when the module does not say
/// where it starts).
pub fn period(p: &echri_sdk::model::Period) -> String {
    match p.from {
        Some(from) => format!("{from}..{}", p.until),
        None => format!("..{}", p.until),
    }
}

fn alignment_summary(a: &Alignment) -> String {
    let mut out = String::from("Alignment:\n");
    for g in &a.outcomes {
        let _ = writeln!(
            out,
            "  {:<24} {}",
            g.outcome.label(),
            g.jurisdictions.join(", ")
        );
    }
    if a.evaluated == 0 {
        out.push_str("  no jurisdiction produced an assessment\n");
    } else if a.unanimous {
        let _ = writeln!(out, "  unanimous across {} jurisdictions", a.evaluated);
    } else {
        let _ = writeln!(
            out,
            "  {} of {} pairs agree; spread {} step(s), from {} to {}",
            a.agreeing_pairs,
            a.pairs,
            a.spread,
            a.least_restrictive.map_or("-", Outcome::label),
            a.most_restrictive.map_or("-", Outcome::label),
        );
    }
    if !a.not_determined.is_empty() {
        let _ = writeln!(
            out,
            "  not determined by {} (outside the agreement figures)",
            a.not_determined.join(", ")
        );
    }
    if a.failed > 0 {
        let _ = writeln!(out, "  {} module(s) failed; see ERROR rows", a.failed);
    }
    out
}

/// Each loaded module's rule catalogue: id, title, citation, the dates it
/// applies and its standing assumption.
pub fn list_rules(slots: &[Slot], width: u16) -> String {
    let mut table = new_table(width);
    table.set_header(["ISO", "Rule", "Title", "Citation", "Applies", "Assumption"]);
    for m in slots.iter().filter_map(|s| match s {
        Slot::Loaded(m) => Some(m),
        Slot::Failed { .. } => None,
    }) {
        let i = m.info();
        if i.rules.is_empty() {
            table.add_row([
                Cell::new(safe(&i.jurisdiction)),
                Cell::new("-"),
                Cell::new(format!(
                    "no catalogue: the module implements contract {}",
                    m.contract()
                )),
                Cell::new(""),
                Cell::new(""),
                Cell::new(""),
            ]);
        }
        for r in &i.rules {
            let applies = match (r.applies_from, r.applies_until) {
                (None, None) => "always".to_owned(),
                (Some(f), None) => format!("from {f}"),
                (None, Some(u)) => format!("until {u}"),
                (Some(f), Some(u)) => format!("{f} to {u}"),
            };
            table.add_row([
                Cell::new(safe(&i.jurisdiction)),
                Cell::new(safe(&r.id)),
                Cell::new(safe(&r.title)),
                Cell::new(safe(&r.citation)),
                Cell::new(applies),
                Cell::new(r.assumption.as_deref().map_or("".into(), safe)),
            ]);
        }
    }
    content_width(&mut table, &[0, 1, 4]);
    format!("{table}\n")
}

/// Each loaded module's Code of Conduct declarations.
pub fn list_commitments(slots: &[Slot], width: u16) -> String {
    let mut table = new_table(width);
    table.set_header(["ISO", "Commitment", "How", "Where"]);
    for m in slots.iter().filter_map(|s| match s {
        Slot::Loaded(m) => Some(m),
        Slot::Failed { .. } => None,
    }) {
        let i = m.info();
        if i.commitments.is_empty() {
            table.add_row([
                Cell::new(safe(&i.jurisdiction)),
                Cell::new("-"),
                Cell::new(format!("none declared (contract {})", m.contract())),
                Cell::new(""),
            ]);
        }
        for d in &i.commitments {
            table.add_row([
                Cell::new(safe(&i.jurisdiction)),
                Cell::new(d.commitment.as_str()),
                Cell::new(safe(&d.how)),
                Cell::new(safe(&d.citation)),
            ]);
        }
    }
    content_width(&mut table, &[0, 1]);
    format!("{table}\n")
}

/// How a module's origin is shown in a narrow column: the crate name of a
/// built-in module, the path of a file.
fn origin_label(origin: &Origin) -> Cow<'_, str> {
    match origin {
        Origin::Builtin(name) | Origin::File(name) => safe(name),
    }
}

/// Hex digits of a module's SHA-256 shown in the table (JSON has all 64).
const DIGEST_SHOWN: usize = 12;

/// The loaded modules as a table.
pub fn list(slots: &[Slot], width: u16) -> String {
    let mut table = new_table(width);
    table.set_header([
        "ISO",
        "Authority",
        "Version",
        "Contract",
        "Law stated for",
        "Module",
        "SHA-256",
    ]);
    for s in slots {
        match s {
            Slot::Loaded(m) => {
                let i = m.info();
                table.add_row([
                    Cell::new(safe(&i.jurisdiction)),
                    Cell::new(safe(&i.authority)),
                    Cell::new(safe(&i.version)),
                    Cell::new(m.contract().as_str()),
                    Cell::new(period(&i.stated_for)),
                    Cell::new(origin_label(m.origin())),
                    Cell::new(format!("{}…", &m.sha256()[..DIGEST_SHOWN])),
                ]);
            }
            Slot::Failed {
                origin, message, ..
            } => {
                table.add_row([
                    Cell::new("?"),
                    Cell::new(safe(&format!("ERROR: {message}"))),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(origin_label(origin)),
                    Cell::new(""),
                ]);
            }
        }
    }
    // Short columns keep their width; Authority and Module wrap.
    for i in [0, 2, 3, 4, 6] {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    format!("{table}\n")
}

/// An alignment report as tables.
pub fn align(r: &AlignReport, width: u16) -> String {
    align_only(r, width, None)
}

/// The tables of an alignment report with one `--table` name (see
/// [`super::ALIGN_TABLES`]), or every table but `group-pairs`.
pub fn align_only(r: &AlignReport, width: u16, only: Option<&str>) -> String {
    let mut out = format!("{} case(s)\n", r.cases);
    for d in &r.drafts {
        text::wrap_into(
            &mut out,
            &format!(
                "{} is a module loaded under this name from `{}`; it claims {}",
                safe(&d.name),
                safe(&d.reference),
                safe(&d.claims)
            ),
            width,
            "note: ",
            "      ",
        );
    }
    tables_into(&mut out, super::align_tables(r, only), width);
    out
}

/// A sensitivity report as tables.
pub fn sensitivity(r: &SensitivityReport, width: u16) -> String {
    let facts: Vec<&str> = r.human_rights_facts.iter().map(|f| f.as_str()).collect();
    let mut out = format!(
        "{} case(s), each also without and with every human-rights risk fact:\n",
        r.cases
    );
    text::wrap_into(&mut out, &facts.join(", "), width, "  ", "  ");
    tables_into(&mut out, super::sensitivity_tables(r), width);
    out
}

fn tables_into(out: &mut String, tables: Vec<super::NamedTable>, width: u16) {
    for super::NamedTable {
        title,
        rows: (header, rows),
        ..
    } in tables
    {
        let mut table = new_table(width);
        table.set_header(header.iter().map(|h| Cell::new(safe(h))));
        for row in rows {
            table.add_row(row.iter().map(|c| Cell::new(safe(c))));
        }
        let _ = write!(out, "\n{}\n{table}\n", safe(&title));
    }
}

#[cfg(test)]
mod tests {
    use echri_runtime::sandbox::Trace;
    use echri_runtime::{JurisdictionResult, Origin};
    use echri_sdk::model::{Assessment, Case, Finding};

    use crate::analysis::compare::{Alignment, Comparison};

    fn comparison(findings: Vec<Finding>) -> Comparison {
        let case: Case = serde_json::from_str(
            r#"{"id": "c", "as_of": "2024-01-01", "destination": "EG",
                "items": [{"control_code": "EAR99"}],
                "parties": [{"name": "A", "country": "EG", "kind": "private", "role": "end-user"}]}"#,
        )
        .unwrap();
        let results = vec![JurisdictionResult {
            jurisdiction: Some("AQ".into()),
            origin: Origin::File("evil.wasm".into()),
            claims: None,
            result: Ok(Assessment::most_restrictive(findings)),
            fuel: 0,
            trace: Trace::default(),
            contract: Some(echri_runtime::Contract::CURRENT),
            unseen: Vec::new(),
            warnings: Vec::new(),
        }];
        let alignment = Alignment::of(&results);
        Comparison {
            case,
            results,
            alignment,
        }
    }

    #[test]
    fn module_text_cannot_forge_rows_or_drive_the_terminal() {
        let forged = serde_json::from_value::<Finding>(serde_json::json!({
            "rule_id": "X\u{1b}[2J\u{1b}]0;pwned\u{7}",
            "citation": "c\n│ GB           ┆ no licence required",
            "explanation": "fine\n  GB UK-C2: forged reason\u{202e}",
            "outcome": "deny",
        }))
        .unwrap();
        let out = super::compare(&comparison(vec![forged]), 100, false);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(!out.contains('\u{202e}'));
        assert!(out.contains("X\\u{1b}[2J"), "{out}");
        assert!(
            !out.lines().any(|l| l.starts_with("  GB ")),
            "a forged Why line:\n{out}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("│ GB")),
            "a forged row:\n{out}"
        );
    }

    #[test]
    fn a_huge_rule_id_is_clipped_before_layout() {
        let huge = serde_json::from_value::<Finding>(serde_json::json!({
            "rule_id": "R".repeat(1 << 20),
            "citation": "c",
            "explanation": "e".repeat(1 << 20),
            "outcome": "deny",
        }))
        .unwrap();
        // Clipped before layout, so the table is laid out over a few
        // kilobytes whatever the module sent (a 1 MB id took minutes).
        let out = super::compare(&comparison(vec![huge]), 100, false);
        assert!(out.len() < 64 << 10, "{} bytes", out.len());
        assert!(out.contains("(1046576 more)"), "clipped with a marker");
    }
}
