//! CSV (RFC 4180): batch records one row per case, and the pairs of an
//! alignment report. `echri batch` writes JSON Lines through the same
//! [`RecordWriter`].

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::analysis::align::{AlignReport, PairStats, RuleCount};
use crate::analysis::batch::Record;
use echri_sdk::model::Outcome;

/// The output formats of `echri batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON record per line.
    Jsonl,
    /// One CSV row per case.
    Csv,
}

/// Writes records in one of the [`OutFormat`]s.
#[derive(Debug)]
pub struct RecordWriter<W: Write> {
    out: W,
    format: OutFormat,
    jurisdictions: Vec<String>,
    line: String,
    /// `,"modules":[…]`, serialised once and added to every JSON record.
    modules: String,
}

impl<W: Write> RecordWriter<W> {
    /// A writer; for CSV, writes the header with one column per entry of
    /// `jurisdictions` (sorted here).
    pub fn new(
        mut out: W,
        format: OutFormat,
        jurisdictions: &[String],
    ) -> io::Result<RecordWriter<W>> {
        let mut jurisdictions = jurisdictions.to_vec();
        jurisdictions.sort();
        if format == OutFormat::Csv {
            let mut header = String::from(
                "line,id,destination,as_of,items,capabilities,end_users,end_use,facts",
            );
            for j in &jurisdictions {
                header.push(',');
                header.push_str(&csv_field(j));
            }
            header.push_str(",spread,unanimous\n");
            out.write_all(header.as_bytes())?;
        }
        Ok(RecordWriter {
            out,
            format,
            jurisdictions,
            line: String::new(),
            modules: String::new(),
        })
    }

    /// Adds `modules` (the decision record's module list) to every JSON
    /// record from now on; CSV records do not carry it.
    pub fn with_modules(&mut self, modules: &[crate::analysis::compare::ModuleRecord]) {
        self.modules = if modules.is_empty() {
            String::new()
        } else {
            format!(
                r#","modules":{}"#,
                serde_json::to_string(modules).expect("module records always serialise")
            )
        };
    }

    /// Writes one record.
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        self.line.clear();
        match self.format {
            OutFormat::Jsonl => {
                self.line.push_str(&r.to_json());
                if !self.modules.is_empty() && r.modules.is_empty() && self.line.ends_with('}') {
                    self.line.pop();
                    self.line.push_str(&self.modules);
                    self.line.push('}');
                }
            }
            OutFormat::Csv => {
                let mut capabilities: Vec<&str> = Vec::new();
                for c in r.items.iter().flat_map(|i| &i.capabilities) {
                    if !capabilities.contains(&c.as_str()) {
                        capabilities.push(c.as_str());
                    }
                }
                let _ = write!(
                    self.line,
                    "{},{},{},{},{},{},{},{},{}",
                    r.line,
                    csv_field(&r.id),
                    csv_field(&r.destination),
                    csv_field(&r.as_of),
                    csv_field(&list(r.items.iter().map(|i| i.control_code.as_str()))),
                    list(capabilities.into_iter()),
                    list(r.end_users.iter().map(|k| k.as_str())),
                    r.end_use.map_or("", |c| c.as_str()),
                    list(r.facts.iter().map(|f| f.as_str())),
                );
                for j in &self.jurisdictions {
                    self.line.push(',');
                    match r.outcomes.get(j) {
                        Some(o) => self.line.push_str(o.as_str()),
                        None if r.errors.contains_key(j) => self.line.push_str("error"),
                        None => {}
                    }
                }
                let _ = write!(self.line, ",{},{}", r.spread, r.unanimous);
            }
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }

    /// Flushes and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Several values in one field, `;`-separated, in the record's order.
fn list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.collect::<Vec<_>>().join(";")
}

/// A CSV field, quoted when it needs to be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Rules as `J:RULE=COUNT;…`.
fn rules_field(rules: &[RuleCount]) -> String {
    csv_field(
        &rules
            .iter()
            .map(|r| format!("{}:{}={}", r.jurisdiction, r.rule, r.count))
            .collect::<Vec<_>>()
            .join(";"),
    )
}

fn pair_row(out: &mut String, p: &PairStats) {
    let _ = writeln!(
        out,
        "{},{},{},{},{},{},{},{},{}",
        csv_field(&p.a),
        csv_field(&p.b),
        p.cases,
        p.not_determined,
        p.agree,
        num(p.agreement),
        num(p.kappa),
        num(p.mean_distance),
        rules_field(&p.top_rules),
    );
}

const PAIR_HEADER: &str = "a,b,cases,not_determined,agree,agreement,kappa,mean_distance,top_rules";

/// An alignment report's pairs as CSV, one row per pair.
pub fn align(r: &AlignReport) -> String {
    align_table(r, "pairs").expect("the pairs table always exists")
}

/// One table of an alignment report as CSV (`align --format csv --table
/// NAME`, names in [`crate::render::ALIGN_TABLES`]); `None` for `groups`
/// and `group-pairs` without `--by`, `convergence` without
/// `--convergence`, and unknown names. Rates are plain decimals, empty when
/// undefined; rules are `J:RULE=COUNT;…`.
pub fn align_table(r: &AlignReport, name: &str) -> Option<String> {
    let names: Vec<&str> = r
        .jurisdictions
        .iter()
        .map(|d| d.jurisdiction.as_str())
        .collect();
    let header_with = |head: &str| {
        let mut h = head.to_owned();
        for j in &names {
            h.push(',');
            h.push_str(&csv_field(j));
        }
        h.push('\n');
        h
    };
    let mut out;
    match name {
        "pairs" => {
            out = format!("{PAIR_HEADER}\n");
            for p in &r.pairs {
                pair_row(&mut out, p);
            }
        }
        "matrix" => {
            out = header_with("jurisdiction");
            for a in &names {
                out.push_str(&csv_field(a));
                for b in &names {
                    out.push(',');
                    if a != b {
                        let p = r
                            .pairs
                            .iter()
                            .find(|p| (p.a == *a && p.b == *b) || (p.a == *b && p.b == *a));
                        out.push_str(&num(p.and_then(|p| p.agreement)));
                    }
                }
                out.push('\n');
            }
        }
        "distribution" => {
            out = String::from("jurisdiction,cases");
            for o in Outcome::ALL {
                out.push(',');
                out.push_str(o.as_str());
            }
            out.push('\n');
            for d in &r.jurisdictions {
                let _ = write!(out, "{},{}", csv_field(&d.jurisdiction), d.cases);
                for n in d.outcomes.values() {
                    let _ = write!(out, ",{n}");
                }
                out.push('\n');
            }
        }
        "divergent" => {
            out = header_with("line,id,spread");
            for d in &r.most_divergent {
                let _ = write!(out, "{},{},{}", d.line, csv_field(&d.id), d.spread);
                for j in &names {
                    out.push(',');
                    if let Some(o) = d.outcomes.get(*j) {
                        out.push_str(o.as_str());
                    }
                }
                out.push('\n');
            }
        }
        "outliers" => {
            out = String::from(
                "jurisdiction,cases,stands_apart,share,stricter,more_lenient,top_rules\n",
            );
            for o in &r.outliers {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    csv_field(&o.jurisdiction),
                    o.cases,
                    o.stands_apart,
                    num(o.share),
                    o.stricter,
                    o.more_lenient,
                    csv_field(
                        &o.top_rules
                            .iter()
                            .map(|t| format!("{}={}", t.rule, t.count))
                            .collect::<Vec<_>>()
                            .join(";")
                    ),
                );
            }
        }
        "groups" => {
            let g = r.groups.as_ref()?;
            out = String::from(
                "by,group,cases,unanimous,mean_spread,pair_agreement,jurisdiction,\
                 jurisdiction_cases,agreement_with_others,stands_apart\n",
            );
            for grp in &g.groups {
                for j in &grp.jurisdictions {
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{},{},{}",
                        g.by.as_str(),
                        csv_field(&grp.group),
                        grp.cases,
                        grp.unanimous,
                        num(grp.mean_spread),
                        num(grp.pair_agreement),
                        csv_field(&j.jurisdiction),
                        j.cases,
                        num(j.agreement_with_others),
                        j.stands_apart,
                    );
                }
            }
        }
        "group-pairs" => {
            let g = r.groups.as_ref()?;
            out = format!("by,group,{PAIR_HEADER}\n");
            for grp in &g.groups {
                for p in &grp.pairs {
                    let _ = write!(out, "{},{},", g.by.as_str(), csv_field(&grp.group));
                    pair_row(&mut out, p);
                }
            }
        }
        "convergence" => {
            let c = r.convergence.as_ref()?;
            out =
                String::from("a,b,members,direction,cases,share,mean_difference,a_rules,b_rules\n");
            for v in &c.comparisons {
                for (dir, d) in [
                    ("agree", &v.agree),
                    ("a-stricter", &v.a_stricter),
                    ("b-stricter", &v.b_stricter),
                ] {
                    let _ = writeln!(
                        out,
                        "{},{},{},{dir},{},{},{},{},{}",
                        csv_field(&v.a),
                        csv_field(&v.b),
                        csv_field(&v.members.join(";")),
                        d.cases,
                        num(d.share),
                        num(v.mean_difference),
                        rules_field(&d.a_rules),
                        rules_field(&d.b_rules),
                    );
                }
            }
        }
        _ => return None,
    }
    Some(out)
}

/// A sensitivity report as CSV: one row per twin (`removed`, `added`),
/// control code (`all` for every case) and jurisdiction.
pub fn sensitivity(r: &crate::analysis::sensitivity::SensitivityReport) -> String {
    let mut out = String::from(
        "twin,control_code,jurisdiction,cases,affected,changed,share,more_restrictive,\
         less_restrictive,mean_steps,mean_shift\n",
    );
    for (twin, side) in [("removed", &r.removed), ("added", &r.added)] {
        let groups = std::iter::once(("all", &side.jurisdictions)).chain(
            side.by_item
                .iter()
                .map(|i| (i.control_code.as_str(), &i.jurisdictions)),
        );
        for (code, per) in groups {
            for s in per {
                let _ = writeln!(
                    out,
                    "{twin},{},{},{},{},{},{},{},{},{},{}",
                    csv_field(code),
                    csv_field(&s.jurisdiction),
                    s.cases,
                    s.affected,
                    s.changed,
                    num(s.share),
                    s.more_restrictive,
                    s.less_restrictive,
                    num(s.mean_steps),
                    num(s.mean_shift),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
