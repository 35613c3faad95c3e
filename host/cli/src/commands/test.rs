//! `echri test MODULE CASES…`: a rule module's declarative cases (the SDK's
//! `[expect]` + `[case]` files) run through the sandbox against the built
//! component, with rule coverage from the module's catalogue.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use echri_runtime::{PreparedCase, Slot};
use echri_sdk::testing::{CaseFile, case_files};
use serde::Serialize;

use super::{Exit, GlobalArgs, LoadArgs, ModuleArg, Naming, Outcome, usage};
use echri::render::text::safe;

/// The JSON schema of `echri test --format json`.
pub(crate) const TEST_SCHEMA: &str = "echri.test/1";

#[derive(Args, Debug)]
pub(crate) struct TestArgs {
    /// The module under test: a component file (`draft.wasm`), an
    /// `oci://` reference, or a built-in jurisdiction's code (`GB`).
    #[arg(value_name = "MODULE")]
    module: ModuleArg,
    /// Case files (`[expect]` + `[case]` TOML), or directories of them
    /// (their `.toml` files, in name order).
    #[arg(value_name = "CASES", required = true)]
    cases: Vec<PathBuf>,
    /// Fail (exit 1) when fewer than P percent of the catalogue's rules
    /// fire in some case.
    #[arg(long, value_name = "P", value_parser = parse_percent)]
    coverage_threshold: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Table)]
    format: TestFormat,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TestFormat {
    /// One line per case, the differences of each failure, coverage.
    Table,
    /// `echri.test/1`.
    Json,
    /// JUnit XML, for CI systems.
    Junit,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let p: f64 = s
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{s}` is not a percentage"))?;
    if (0.0..=100.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("`{s}`: a percentage is between 0 and 100"))
    }
}

/// What became of one case file.
#[derive(Debug, Serialize)]
struct CaseResult {
    file: String,
    /// `pass`, `fail` (the module's answer differs from the expectation) or
    /// `error` (the file could not be read, or the module gave no answer).
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    problems: Vec<String>,
    /// Rule ids of every finding (for coverage).
    #[serde(skip)]
    fired: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Coverage {
    rules: usize,
    fired: Vec<String>,
    never_fired: Vec<String>,
    /// Rule ids that fired but are not in the catalogue.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    outside_catalogue: Vec<String>,
    percent: Option<f64>,
    threshold: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Report {
    schema: &'static str,
    module: String,
    jurisdiction: String,
    cases: Vec<CaseResult>,
    passed: usize,
    failed: usize,
    errors: usize,
    coverage: Coverage,
}

/// The case files `args` name, directories expanded.
fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read the directory `{}`: {e}", p.display()))
                .map(|_| case_files(p))?;
            if found.is_empty() {
                return Err(format!("no `.toml` case file in `{}`", p.display()));
            }
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!("no such case file or directory: `{}`", p.display()));
        }
    }
    Ok(out)
}

fn run_case(module: &echri_runtime::Module, path: &Path) -> CaseResult {
    let name = path.display().to_string();
    let file = match CaseFile::read(path) {
        Ok(f) => f,
        Err(e) => {
            return CaseResult {
                file: name,
                status: "error",
                id: None,
                problems: vec![e],
                fired: Vec::new(),
            };
        }
    };
    let eval = module.evaluate(&PreparedCase::new(&file.case));
    let id = Some(file.case.id.clone());
    match eval.result {
        Err(e) => CaseResult {
            file: name,
            status: "error",
            id,
            problems: vec![format!("the module gave no assessment: {e}")],
            fired: Vec::new(),
        },
        Ok(a) => {
            let fired = a.findings.iter().map(|f| f.rule_id.clone()).collect();
            match file.check(&a) {
                Ok(()) => CaseResult {
                    file: name,
                    status: "pass",
                    id,
                    problems: Vec::new(),
                    fired,
                },
                Err(e) => CaseResult {
                    file: name,
                    status: "fail",
                    id,
                    problems: e.split("\n    ").map(str::to_owned).collect(),
                    fired,
                },
            }
        }
    }
}

pub(crate) fn run(global: GlobalArgs, args: TestArgs) -> Outcome {
    let files = files(&args.cases).map_err(|e| usage(anyhow::anyhow!(e)))?;
    let mut loader = args.load.loader(global, 1)?;
    let slot = loader.load(&args.module, &Naming::Claim)?;
    let module = match &loader.runtime.slots()[slot] {
        Slot::Loaded(m) => m.clone(),
        Slot::Failed { message, .. } => {
            return Err(usage(anyhow::anyhow!(
                "cannot test `{}`: {message}",
                args.module
            )));
        }
    };
    let cases: Vec<CaseResult> = files.iter().map(|p| run_case(&module, p)).collect();
    let count = |s: &str| cases.iter().filter(|c| c.status == s).count();
    let (passed, failed, errors) = (count("pass"), count("fail"), count("error"));

    let catalogue: BTreeSet<&str> = module.info().rules.iter().map(|r| r.id.as_str()).collect();
    let fired_all: BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| c.fired.iter().map(String::as_str))
        .collect();
    let coverage = Coverage {
        rules: catalogue.len(),
        fired: catalogue
            .intersection(&fired_all)
            .map(|s| (*s).to_owned())
            .collect(),
        never_fired: catalogue
            .difference(&fired_all)
            .map(|s| (*s).to_owned())
            .collect(),
        outside_catalogue: fired_all
            .difference(&catalogue)
            .map(|s| (*s).to_owned())
            .collect(),
        percent: (!catalogue.is_empty()).then(|| {
            let n = catalogue.intersection(&fired_all).count();
            (n as f64 * 1000.0 / catalogue.len() as f64).round() / 10.0
        }),
        threshold: args.coverage_threshold,
    };
    let below = match (args.coverage_threshold, coverage.percent) {
        (Some(t), Some(p)) => p < t,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let report = Report {
        schema: TEST_SCHEMA,
        module: args.module.to_string(),
        jurisdiction: module.info().jurisdiction.clone(),
        cases,
        passed,
        failed,
        errors,
        coverage,
    };
    let text = match args.format {
        TestFormat::Table => table(&report),
        TestFormat::Json => {
            serde_json::to_string_pretty(&report).expect("the report serialises") + "\n"
        }
        TestFormat::Junit => junit(&report),
    };
    super::print(&text)?;
    if below
        && args.format != TestFormat::Table
        && let (Some(p), Some(t)) = (report.coverage.percent, report.coverage.threshold)
    {
        super::warn(
            global,
            format_args!("rule coverage {p}% is below the threshold {t}%"),
        );
    }
    Ok(if failed + errors > 0 || below {
        Exit::Partial
    } else {
        Exit::Ok
    })
}

fn table(r: &Report) -> String {
    let mut out = String::new();
    for c in &r.cases {
        let tag = match c.status {
            "pass" => "PASS ",
            "fail" => "FAIL ",
            _ => "ERROR",
        };
        let _ = writeln!(out, "{tag} {}", safe(&c.file));
        for p in &c.problems {
            let _ = writeln!(out, "      {}", safe(p));
        }
    }
    let _ = writeln!(
        out,
        "\n{} case(s): {} passed, {} failed, {} error(s)",
        r.cases.len(),
        r.passed,
        r.failed,
        r.errors
    );
    let cov = &r.coverage;
    match cov.percent {
        Some(p) => {
            let _ = writeln!(
                out,
                "Rule coverage: {} of the {} rules of {}'s catalogue fired in some case ({p}%)",
                cov.fired.len(),
                cov.rules,
                safe(&r.jurisdiction)
            );
        }
        None => {
            let _ = writeln!(out, "Rule coverage: the module declares no rule catalogue");
        }
    }
    if !cov.never_fired.is_empty() {
        let _ = writeln!(out, "  never fired: {}", safe(&cov.never_fired.join(", ")));
    }
    if !cov.outside_catalogue.is_empty() {
        let _ = writeln!(
            out,
            "  fired but not in the catalogue: {}",
            safe(&cov.outside_catalogue.join(", "))
        );
    }
    if let Some(t) = cov.threshold {
        let verdict = if cov.percent.is_some_and(|p| p >= t) {
            "met"
        } else {
            "NOT met"
        };
        let _ = writeln!(out, "  threshold {t}%: {verdict}");
    }
    out
}

/// XML text: the five special characters escaped, control characters
/// (not allowed in XML 1.0) replaced.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(ch),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn junit(r: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let suite = xml(&format!("echri test {}", r.module));
    let _ = writeln!(
        out,
        "<testsuites name=\"{suite}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        r.cases.len(),
        r.failed,
        r.errors
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{suite}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        r.cases.len(),
        r.failed,
        r.errors
    );
    let _ = writeln!(out, "    <properties>");
    if let Some(p) = r.coverage.percent {
        let _ = writeln!(
            out,
            "      <property name=\"rule-coverage-percent\" value=\"{p}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "      <property name=\"rules-never-fired\" value=\"{}\"/>",
        xml(&r.coverage.never_fired.join(","))
    );
    let _ = writeln!(out, "    </properties>");
    for c in &r.cases {
        let name = xml(c.id.as_deref().unwrap_or(&c.file));
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{name}\" file=\"{}\"",
            xml(&r.jurisdiction),
            xml(&c.file)
        );
        if c.status == "pass" {
            out.push_str("/>\n");
            continue;
        }
        let tag = if c.status == "fail" {
            "failure"
        } else {
            "error"
        };
        let message = xml(c.problems.first().map_or("", String::as_str));
        let _ = writeln!(
            out,
            ">\n      <{tag} message=\"{message}\">{}</{tag}>\n    </testcase>",
            xml(&c.problems.join("\n"))
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
