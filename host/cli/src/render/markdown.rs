//! Markdown tables (`align --format markdown`). Cells are escaped: `|`
//! cannot open a column, and control characters cannot reach the reader's
//! terminal or break a row.

use std::fmt::Write as _;

use crate::analysis::align::AlignReport;
use crate::render::text;

fn cell(s: &str) -> String {
    text::safe(s).replace('|', "\\|")
}

/// A Markdown table of `header` and `rows`, each cell escaped.
pub fn table_into(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let _ = writeln!(
        out,
        "| {} |",
        header
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
}

/// An alignment report as Markdown.
pub fn align(r: &AlignReport) -> String {
    align_only(r, None)
}

/// The tables of an alignment report with one `--table` name, or every
/// table but `group-pairs`.
pub fn align_only(r: &AlignReport, only: Option<&str>) -> String {
    let mut out = format!("# Alignment\n\n{} case(s)\n", r.cases);
    for d in &r.drafts {
        let _ = writeln!(
            out,
            "\n{} is a module loaded under this name from `{}`; it claims {}.",
            cell(&d.name),
            cell(&d.reference),
            cell(&d.claims)
        );
    }
    for super::NamedTable {
        heading,
        rows: (header, rows),
        ..
    } in super::align_tables(r, only)
    {
        let _ = write!(out, "\n## {}\n\n", cell(&heading));
        table_into(&mut out, &header, &rows);
    }
    out
}
