//! Data-driven trials, one per case file, run through the sandboxed
//! components:
//!
//! - `rules/<iso>/<file>`: every rule crate's own cases, evaluated by the
//!   built-in component and natively; both must meet the file's expectation
//!   and agree exactly.
//! - `examples/<file>`: every example case under all built-in modules,
//!   against `examples/expected/<stem>.toml`; every jurisdiction must report
//!   without error, and each must agree with its rule crate run natively.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use echri::input::case_file;
use echri_runtime::{Limits, PreparedCase, Runtime};
use echri_sdk::model::Outcome;
use echri_sdk::testing::{CaseFile, case_files};
use echri_tests::RuntimeExt as _;
use echri_tests::{BUILTIN, NativeEvaluate, example_cases, native, workspace};
use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// One line on why partners differ (or agree).
    #[allow(dead_code, reason = "documentation for the reader of the file")]
    reason: String,
    /// The expected outcome per jurisdiction.
    outcomes: BTreeMap<String, Outcome>,
}

fn rule_case(
    runtime: &Runtime,
    iso: &str,
    native: NativeEvaluate,
    path: &Path,
) -> Result<(), Failed> {
    let file = CaseFile::read(path)?;
    let module = runtime
        .modules()
        .find(|m| m.info().jurisdiction == iso)
        .ok_or_else(|| format!("no built-in module for {iso}"))?;
    let sandboxed = module
        .evaluate(&PreparedCase::new(&file.case))
        .result
        .map_err(|e| format!("sandboxed evaluation failed: {e}"))?;
    let natively = native(&file.case).map_err(|e| format!("native evaluation failed: {e}"))?;
    file.check(&sandboxed)
        .map_err(|e| format!("sandboxed: {e}"))?;
    if sandboxed != natively {
        return Err(format!(
            "sandboxed and native assessments differ:\n  sandboxed: {sandboxed:?}\n  native:    {natively:?}"
        )
        .into());
    }
    Ok(())
}

fn example(runtime: &Runtime, path: &Path, expected: &Path) -> Result<(), Failed> {
    let case = case_file::read_case_file(path)?;
    let text = std::fs::read_to_string(expected)
        .map_err(|e| format!("every example needs {}: {e}", expected.display()))?;
    let expected: Expected =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", expected.display()))?;
    let comparison = runtime.compare(&case);
    let mut problems = Vec::new();
    for r in &comparison.results {
        let iso = r.jurisdiction.clone().unwrap_or_default();
        match &r.result {
            Err(e) => problems.push(format!("{iso}: module error: {}", e.message())),
            Ok(a) => {
                match expected.outcomes.get(&iso) {
                    Some(want) if *want == a.outcome => {}
                    Some(want) => problems.push(format!(
                        "{iso}: expected `{want}`, got `{}` ({})",
                        a.outcome,
                        a.decisive()
                            .map(|f| f.rule_id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                    None => {
                        problems.push(format!("{iso}: no expected outcome in the expected file"))
                    }
                }
                if let Some(native) = native(&iso)
                    && native(&case).as_ref() != Ok(a)
                {
                    problems.push(format!("{iso}: sandboxed and native assessments differ"));
                }
            }
        }
    }
    let reported: Vec<&str> = comparison
        .results
        .iter()
        .filter_map(|r| r.jurisdiction.as_deref())
        .collect();
    for iso in expected.outcomes.keys() {
        if !reported.contains(&iso.as_str()) {
            problems.push(format!("{iso}: expected but not reported"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let mut runtime = Runtime::new(Limits::default(), 4).expect("engine");
    let errors = runtime.load_builtin();
    assert!(
        errors.is_empty(),
        "built-in modules failed to load: {errors:?}"
    );
    let runtime = Arc::new(runtime);

    let mut trials = Vec::new();
    for b in BUILTIN {
        let files = case_files(&b.cases_dir());
        assert!(
            files.len() >= 10,
            "{} has {} data-driven cases, at least 10 expected",
            b.dir,
            files.len()
        );
        for path in files {
            let name = format!(
                "rules/{}/{}",
                b.iso.to_lowercase(),
                path.file_name().unwrap().to_string_lossy()
            );
            let runtime = Arc::clone(&runtime);
            let (iso, native) = (b.iso, b.evaluate);
            trials.push(Trial::test(name, move || {
                rule_case(&runtime, iso, native, &path)
            }));
        }
    }
    let examples = example_cases();
    assert!(!examples.is_empty(), "examples/cases is empty");
    for path in examples {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected: PathBuf = workspace()
            .join("examples/expected")
            .join(format!("{stem}.toml"));
        let runtime = Arc::clone(&runtime);
        trials.push(Trial::test(format!("examples/{stem}"), move || {
            example(&runtime, &path, &expected)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
