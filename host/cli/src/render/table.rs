//! Tables and text for people (comfy-table), laid out to a width (see
//! [`text::width`]). Every module-supplied string goes through
//! [`text::safe`] first: escaped, and clipped so layout stays fast.

use std::fmt::Write as _;

use comfy_table::{Cell, ContentArrangement, Table, presets};
use echri_runtime::Slot;
use echri_sdk::model::{Finding, Outcome};

use crate::analysis::align::AlignReport;
use crate::analysis::compare::{Alignment, Comparison};
use crate::render::text::{self, safe};

fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// The comparison as a table, an alignment summary and the decisive
/// rules' explanations, wrapped to `width`.
pub fn compare(c: &Comparison, width: u16, with_trace: bool) -> String {
    let mut table = new_table(width);
    table.set_header(["Jurisdiction", "Outcome", "Decisive rules (* assumption)", "Citations"]);
    for r in &c.results {
        let who = r.jurisdiction.as_deref().map_or("?".into(), safe);
        match &r.result {
            Ok(a) => {
                let decisive: Vec<&Finding> = a.decisive().collect();
                let rules = decisive
                    .iter()
                    .map(|f| {
                        let id = safe(&f.rule_id);
                        if f.assumption.is_some() { format!("{id} *") } else { id.into_owned() }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let mut citations: Vec<String> = decisive.iter().map(|f| safe(&f.citation).into_owned()).collect();
                citations.dedup();
                let mut outcome = a.outcome.label().to_owned();
                if !a.conditions.is_empty() {
                    let _ = write!(outcome, "\n(+{} condition(s))", a.conditions.len());
                }
                table.add_row([Cell::new(who), Cell::new(outcome), Cell::new(rules), Cell::new(citations.join("\n"))]);
            }
            Err(e) => {
                table.add_row([
                    Cell::new(who),
                    Cell::new("ERROR"),
                    Cell::new(safe(&format!("{}: {}", r.origin, e.message()))),
                    Cell::new(""),
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
                    let first = format!("  {who} {}: ", safe(&f.rule_id));
                    text::wrap_into(&mut out, &safe(&f.explanation), width, &first, "     ");
                    if let Some(assumption) = &f.assumption {
                        text::wrap_into(&mut out, &safe(assumption), width, "     * assumption: ", "       ");
                    }
                }
                for cond in &a.conditions {
                    text::wrap_into(&mut out, &safe(cond), width, &format!("  {who} condition: "), "     ");
                }
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
                let _ = writeln!(out, "  ({} byte(s) of trace dropped)", r.trace.dropped_bytes);
            }
        }
    }
    out
}

fn alignment_summary(a: &Alignment) -> String {
    let mut out = String::from("Alignment:\n");
    for g in &a.outcomes {
        let _ = writeln!(out, "  {:<24} {}", g.outcome.label(), g.jurisdictions.join(", "));
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
    if a.failed > 0 {
        let _ = writeln!(out, "  {} module(s) failed; see ERROR rows", a.failed);
    }
    out
}

/// The loaded modules as a table.
pub fn list(slots: &[Slot], width: u16) -> String {
    let mut table = new_table(width);
    table.set_header(["Jurisdiction", "Module", "Authority", "Version", "Effective", "Sources", "SHA-256"]);
    for s in slots {
        match s {
            Slot::Loaded(m) => {
                let i = m.info();
                table.add_row([
                    Cell::new(safe(&i.jurisdiction)),
                    Cell::new(safe(&m.origin().to_string())),
                    Cell::new(safe(&i.authority)),
                    Cell::new(safe(&i.version)),
                    Cell::new(i.effective.to_string()),
                    Cell::new(i.sources.len().to_string()),
                    Cell::new(m.sha256()),
                ]);
            }
            Slot::Failed { origin, message, .. } => {
                table.add_row([
                    Cell::new("?"),
                    Cell::new(safe(&origin.to_string())),
                    Cell::new(safe(&format!("ERROR: {message}"))),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(""),
                ]);
            }
        }
    }
    format!("{table}\n")
}

/// An alignment report as tables.
pub fn align(r: &AlignReport, width: u16) -> String {
    let mut out = format!("{} case(s)\n", r.cases);
    for (title, _, (header, rows)) in super::align_tables(r) {
        let mut table = new_table(width);
        table.set_header(header.iter().map(|h| Cell::new(safe(h))));
        for row in rows {
            table.add_row(row.iter().map(|c| Cell::new(safe(c))));
        }
        let _ = write!(out, "\n{title}\n{table}\n");
    }
    out
}
