//! CSV (RFC 4180): batch records one row per case, and the pairs of an
//! alignment report. `echri batch` writes JSON Lines through the same
//! [`RecordWriter`].

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::analysis::align::AlignReport;
use crate::analysis::batch::Record;

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
            let mut header = String::from("line,id,destination,as_of");
            for j in &jurisdictions {
                header.push(',');
                header.push_str(&csv_field(j));
            }
            header.push_str(",spread\n");
            out.write_all(header.as_bytes())?;
        }
        Ok(RecordWriter {
            out,
            format,
            jurisdictions,
            line: String::new(),
        })
    }

    /// Writes one record.
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        self.line.clear();
        match self.format {
            OutFormat::Jsonl => {
                self.line.push_str(&r.to_json());
            }
            OutFormat::Csv => {
                let _ = write!(
                    self.line,
                    "{},{},{},{}",
                    r.line,
                    csv_field(&r.id),
                    csv_field(&r.destination),
                    r.as_of
                );
                for j in &self.jurisdictions {
                    self.line.push(',');
                    match r.outcomes.get(j) {
                        Some(o) => self.line.push_str(o.as_str()),
                        None if r.errors.contains_key(j) => self.line.push_str("error"),
                        None => {}
                    }
                }
                let _ = write!(self.line, ",{}", r.spread);
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

/// A CSV field, quoted when it needs to be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// An alignment report's pairs as CSV, one row per pair.
pub fn align(r: &AlignReport) -> String {
    let mut out = String::from("a,b,cases,agree,agreement,kappa,mean_distance,top_rules\n");
    for p in &r.pairs {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            csv_field(&p.a),
            csv_field(&p.b),
            p.cases,
            p.agree,
            p.agreement.map(|v| v.to_string()).unwrap_or_default(),
            p.kappa.map(|v| v.to_string()).unwrap_or_default(),
            p.mean_distance.map(|v| v.to_string()).unwrap_or_default(),
            csv_field(
                &p.top_rules
                    .iter()
                    .map(|r| format!("{}:{}={}", r.jurisdiction, r.rule, r.count))
                    .collect::<Vec<_>>()
                    .join(";")
            ),
        );
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
