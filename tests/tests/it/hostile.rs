//! Every hostile module yields its typed error, and the built-in modules'
//! results in the same comparison are unchanged.

use echri_runtime::ResultError;
use echri_runtime::{EvalError, Limits, LoadError, Runtime};
use echri_tests::RuntimeExt as _;
use echri_tests::hostile;

use super::{case, runtime_with};

/// Runs the attack `id` beside the built-in modules; returns the attack's
/// result and checks every other jurisdiction equals a run without it.
fn attack(id: &str, limits: Limits) -> Result<echri_sdk::model::Assessment, EvalError> {
    let with = runtime_with(limits, &[hostile::ATTACKS]);
    let without = runtime_with(limits, &[]);
    let c = case(id);
    let got = with.compare(&c);
    let baseline = without.compare(&c);
    let (hostile_results, others): (Vec<_>, Vec<_>) = got
        .results
        .iter()
        .partition(|r| r.jurisdiction.as_deref() == Some("AQ"));
    assert_eq!(others.len(), baseline.results.len());
    assert!(baseline.results.len() >= 3);
    for (a, b) in others.iter().zip(&baseline.results) {
        assert_eq!(a.jurisdiction, b.jurisdiction);
        assert_eq!(
            a.result, b.result,
            "{:?} changed beside the attack",
            a.jurisdiction
        );
        assert!(
            a.result.is_ok(),
            "{:?} failed: {:?}",
            a.jurisdiction,
            a.result
        );
    }
    assert_eq!(hostile_results.len(), 1);
    match &hostile_results[0].result {
        Ok(a) => Ok(a.clone()),
        Err(ResultError::Evaluate { error, .. }) => Err(error.clone()),
        Err(other) => panic!("unexpected load error: {other:?}"),
    }
}

#[test]
fn endless_loop_runs_out_of_fuel() {
    let limits = Limits {
        fuel: 50_000_000,
        ..Limits::default()
    };
    assert_eq!(
        attack("endless-loop", limits),
        Err(EvalError::FuelExhausted { budget: 50_000_000 })
    );
}

#[test]
fn deep_recursion_is_a_stack_overflow() {
    assert_eq!(
        attack("stack-overflow", Limits::default()),
        Err(EvalError::StackOverflow)
    );
}

#[test]
fn memory_bomb_hits_the_memory_limit() {
    let limits = Limits {
        memory_bytes: 32 << 20,
        ..Limits::default()
    };
    assert_eq!(
        attack("memory-bomb", limits),
        Err(EvalError::MemoryLimit { limit: 32 << 20 })
    );
}

#[test]
fn huge_results_are_refused() {
    match attack("huge-string", Limits::default()) {
        Err(EvalError::ResultTooLarge { detail }) => assert!(detail.contains("bytes"), "{detail}"),
        other => panic!("expected result too large, got {other:?}"),
    }
    // Five million findings do not fit the default 128 MiB of guest memory:
    // the module dies of its memory limit before it can return them.
    match attack("huge-findings", Limits::default()) {
        Err(EvalError::ResultTooLarge { .. } | EvalError::MemoryLimit { .. }) => {}
        other => panic!("expected result too large or memory limit, got {other:?}"),
    }
}

#[test]
fn panic_message_reaches_the_report() {
    match attack("anything-else", Limits::default()) {
        Err(EvalError::Trap { message }) => {
            assert!(
                message.contains("hostile module: deliberate panic on case `anything-else`"),
                "{message}"
            );
        }
        other => panic!("expected a trap with the panic message, got {other:?}"),
    }
}

#[test]
fn abort_is_a_trap() {
    match attack("abort", Limits::default()) {
        Err(EvalError::Trap { message }) => assert!(message.contains("unreachable"), "{message}"),
        other => panic!("expected a trap, got {other:?}"),
    }
}

#[test]
fn no_ambient_authority() {
    let a = attack("ambient-authority", Limits::default()).expect("module survives its attempts");
    let get = |id: &str| {
        a.findings
            .iter()
            .find(|f| f.rule_id == id)
            .map(|f| f.explanation.clone())
            .unwrap_or_else(|| panic!("finding {id} missing"))
    };
    for id in ["FILE", "DIR", "WRITE", "TCP", "DNS"] {
        assert!(get(id).starts_with("Err("), "{id} was allowed: {}", get(id));
    }
    assert_eq!(get("ENV"), "[]");
    assert_eq!(get("ARGS"), "0");
    assert!(!std::path::Path::new("/tmp/echri-escape").exists());
}

#[test]
fn clock_and_randomness_are_fixed() {
    let first = attack("clock-and-random", Limits::default()).expect("evaluates");
    let second = attack("clock-and-random", Limits::default()).expect("evaluates");
    assert_eq!(first, second);
    let clock = &first
        .findings
        .iter()
        .find(|f| f.rule_id == "CLOCK")
        .unwrap()
        .explanation;
    assert_eq!(clock, "946684800", "the wall clock is fixed at 2000-01-01");
}

#[test]
fn output_floods_are_captured_and_bounded() {
    let runtime = runtime_with(Limits::default(), &[hostile::ATTACKS]);
    let c = runtime.compare(&case("stdout-flood"));
    let r = c
        .results
        .iter()
        .find(|r| r.jurisdiction.as_deref() == Some("AQ"))
        .unwrap();
    assert!(r.result.is_ok(), "{:?}", r.result);
    let kept: usize = r.trace.lines.iter().map(|l| l.text.len()).sum();
    assert!(
        kept as u64 <= Limits::default().trace_bytes,
        "kept {kept} bytes"
    );
    assert!(r.trace.dropped_bytes >= (16 << 20) - Limits::default().trace_bytes);
}

#[test]
fn global_state_does_not_survive_between_evaluations() {
    let runtime = runtime_with(Limits::default(), &[hostile::ATTACKS]);
    for _ in 0..3 {
        let c = runtime.compare(&case("global-state"));
        let r = c
            .results
            .iter()
            .find(|r| r.jurisdiction.as_deref() == Some("AQ"))
            .unwrap();
        let a = r.result.as_ref().expect("evaluates");
        assert_eq!(a.findings[0].explanation, "1");
    }
}

#[test]
fn log_messages_reach_the_trace() {
    let runtime = runtime_with(Limits::default(), &[hostile::ATTACKS]);
    let c = runtime.compare(&case("log"));
    let r = c
        .results
        .iter()
        .find(|r| r.jurisdiction.as_deref() == Some("AQ"))
        .unwrap();
    assert!(
        r.trace
            .lines
            .iter()
            .any(|l| l.text == "hello from the hostile module")
    );
}

fn load_error(bytes: &[u8]) -> LoadError {
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    runtime
        .load_bytes(echri_runtime::Origin::File("test".into()), bytes)
        .map(|_| ())
        .expect_err("must not load")
}

#[test]
fn forbidden_imports_are_refused_by_name() {
    for (file, import) in [
        ("imports-wasi-http.wat", "wasi:http/outgoing-handler@0.2.0"),
        ("imports-unknown.wat", "evil:net/raw@1.0.0"),
    ] {
        let bytes = wat::parse_file(hostile::wat(file)).unwrap();
        match load_error(&bytes) {
            LoadError::ForbiddenImport { import: got, .. } => assert_eq!(got, import),
            other => panic!("{file}: expected forbidden import, got {other}"),
        }
    }
}

#[test]
fn wrong_world_and_wrong_version_are_refused() {
    for file in ["wrong-version.wat", "no-exports.wat"] {
        let bytes = wat::parse_file(hostile::wat(file)).unwrap();
        let err = load_error(&bytes);
        assert!(matches!(err, LoadError::WrongWorld { .. }), "{file}: {err}");
        assert!(err.to_string().contains("(0.2.0 or 0.1.0)"), "{err}");
    }
}

#[test]
fn non_components_are_refused() {
    let core = wat::parse_file(hostile::wat("core-module.wat")).unwrap();
    assert!(matches!(load_error(&core), LoadError::CoreModule { .. }));
    assert!(matches!(
        load_error(b"not wasm at all"),
        LoadError::NotWasm { .. }
    ));
    let real = std::fs::read(hostile::ATTACKS).unwrap();
    let truncated = &real[..real.len() / 2];
    let err = load_error(truncated);
    assert!(matches!(err, LoadError::Compile { .. }), "{err}");
}

#[test]
fn a_module_claiming_another_jurisdiction_is_refused() {
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    assert!(runtime.load_builtin().is_empty());
    let err = runtime
        .load_file(hostile::CLAIMS_US.as_ref())
        .map(|_| ())
        .expect_err("clash");
    match &err {
        LoadError::JurisdictionClash {
            jurisdiction,
            other,
            ..
        } => {
            assert_eq!(jurisdiction, "US");
            assert_eq!(
                other,
                &echri_runtime::Origin::Builtin("echri-rule-us".into())
            );
        }
        other => panic!("expected a clash, got {other}"),
    }
    // The genuine module still decides for the US.
    let c = runtime.compare(&case("x"));
    let us: Vec<_> = c
        .results
        .iter()
        .filter(|r| r.jurisdiction.as_deref() == Some("US"))
        .collect();
    assert_eq!(us.len(), 1);
    assert!(us[0].result.is_ok());
    assert_eq!(
        c.alignment.failed, 1,
        "the clash is reported in the comparison"
    );
}
