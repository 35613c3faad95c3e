//! A rule module written in Python (componentize-py) loads and evaluates
//! under the default sandbox beside the Rust modules. componentize-py
//! components import the whole WASI 0.2 surface and start with about 12 MiB
//! of linear memory.
//!
//! This test needs `componentize-py` on the PATH (`.ci/run` installs it); it
//! fails, rather than skipping, when it is missing.

use std::process::Command;

use echri_runtime::{Limits, Runtime};
use echri_tests::RuntimeExt as _;
use echri_tests::workspace;

#[test]
fn python_module_runs_beside_the_rust_modules() {
    let out_dir = workspace().join("target/python-demo");
    std::fs::create_dir_all(&out_dir).unwrap();
    let wasm = out_dir.join("nz_demo.wasm");
    let status = Command::new("componentize-py")
        .arg("-d")
        .arg(workspace().join("wit"))
        .args(["-w", "echri:policy/rule-module@0.2.0", "componentize", "-p"])
        .arg(workspace().join("tests/python/nz_demo"))
        .arg("app")
        .arg("-o")
        .arg(&wasm)
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run componentize-py ({e}); install it with `pip install componentize-py`"
            )
        });
    assert!(status.success(), "componentize-py failed");

    // The largest honest module there is: it must fit the load limits with
    // a margin (the defaults in `Limits` quote these figures).
    let bytes = std::fs::read(&wasm).unwrap();
    let functions = echri_runtime::module::count_functions(&bytes, u64::MAX).unwrap();
    println!(
        "componentize-py module: {} bytes, {functions} functions",
        bytes.len()
    );
    assert!(
        functions * 2 < Limits::default().max_functions,
        "{functions} functions"
    );
    assert!(
        bytes.len() as u64 * 2 < Limits::default().max_component_bytes,
        "{} bytes",
        bytes.len()
    );
    let start = std::time::Instant::now();
    let _ = Runtime::new(Limits::default(), 1)
        .unwrap()
        .load_file(&wasm)
        .expect("loads");
    println!(
        "componentize-py module: loaded (compiled) in {:?}",
        start.elapsed()
    );

    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    assert!(runtime.load_builtin().is_empty());
    let module = runtime
        .load_file(&wasm)
        .expect("the Python module loads under the default limits");
    assert_eq!(module.info().jurisdiction, "NZ");
    let ids: Vec<String> = module.info().rules.iter().map(|r| r.id.clone()).collect();

    let case = super::case("python");
    let comparison = runtime.compare(&case);
    assert_eq!(comparison.results.len(), 9);
    assert_eq!(
        comparison.alignment.failed,
        0,
        "{:?}",
        comparison
            .results
            .iter()
            .map(|r| &r.result)
            .collect::<Vec<_>>()
    );
    let nz = comparison
        .results
        .iter()
        .find(|r| r.jurisdiction.as_deref() == Some("NZ"))
        .unwrap();
    let a = nz.result.as_ref().unwrap();
    assert_eq!(
        a.outcome,
        echri_sdk::model::Outcome::LicenceRequiredCaseByCase
    );
    assert_eq!(a.findings[0].rule_id, "NZ-SGL");
    assert!(
        a.findings[0]
            .explanation
            .contains("clear-risk-internal-repression")
    );
    assert!(
        nz.trace
            .lines
            .iter()
            .any(|l| l.text == "python module assessed python")
    );

    // Contract 0.2 from Python: the catalogue in `info`, and not-determined
    // for a case before the stated period, outside the agreement figures.
    assert_eq!(ids, ["NZ-SGL", "NZ-NLR", "NZ-SCOPE"]);
    let mut early = super::case("python-2019");
    early.as_of = "2019-06-01".parse().unwrap();
    let before = runtime.compare(&early);
    let nz_early = before
        .results
        .iter()
        .find(|r| r.jurisdiction.as_deref() == Some("NZ"))
        .unwrap();
    assert_eq!(
        nz_early.result.as_ref().unwrap().outcome,
        echri_sdk::model::Outcome::NotDetermined
    );
    assert!(before.alignment.not_determined.contains(&"NZ".to_owned()));

    // Deterministic, like the Rust modules.
    let again = runtime.compare(&case);
    assert_eq!(
        echri::render::json::compare(&comparison, true, false),
        echri::render::json::compare(&again, true, false)
    );
}
