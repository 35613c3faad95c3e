//! Issue 9: the attacks of `tests/hostile/siege` and the `info-*` modules.
//! Each yields its typed error (or a bounded, correct answer) within
//! seconds, and the eight built-in modules' results beside it are those of
//! a run without it.

use std::time::{Duration, Instant};

use echri_runtime::{EvalError, Limits, LoadError, ResultError, Runtime};
use echri_sdk::model::Assessment;
use echri_tests::RuntimeExt as _;
use echri_tests::hostile;

use super::{case, runtime_with};

/// Wall time any one attack may take here: generous for a loaded 2-core
/// machine, and far below the 10 s epoch deadline, so a pass shows that
/// the bound is fuel or a non-blocking host, not the deadline.
const QUICK: Duration = Duration::from_secs(5);

/// Runs siege attack `id` beside the built-in modules; checks every other
/// jurisdiction equals a run without it, and that it took under [`QUICK`].
fn siege(
    id: &str,
    limits: Limits,
) -> (
    Result<Assessment, EvalError>,
    echri_runtime::sandbox::Trace,
    u64,
) {
    let with = runtime_with(limits, &[hostile::SIEGE]);
    let without = runtime_with(limits, &[]);
    let c = case(id);
    let start = Instant::now();
    let got = with.compare(&c);
    let took = start.elapsed();
    assert!(took < QUICK, "`{id}` took {took:?}");
    let baseline = without.compare(&c);
    let (mine, others): (Vec<_>, Vec<_>) = got
        .results
        .iter()
        .partition(|r| r.jurisdiction.as_deref() == Some("BV"));
    assert_eq!(others.len(), 8);
    for (a, b) in others.iter().zip(&baseline.results) {
        assert_eq!(a.jurisdiction, b.jurisdiction);
        assert_eq!(
            a.result, b.result,
            "{:?} changed beside `{id}`",
            a.jurisdiction
        );
        assert!(
            a.result.is_ok(),
            "{:?} failed: {:?}",
            a.jurisdiction,
            a.result
        );
    }
    assert_eq!(mine.len(), 1);
    let r = mine[0];
    let result = match &r.result {
        Ok(a) => Ok(a.clone()),
        Err(ResultError::Evaluate { error, .. }) => Err(error.clone()),
        Err(other) => panic!("unexpected load error: {other:?}"),
    };
    (result, r.trace.clone(), r.fuel)
}

fn explanation(a: &Assessment, id: &str) -> String {
    a.findings
        .iter()
        .find(|f| f.rule_id == id)
        .unwrap_or_else(|| panic!("no finding {id}"))
        .explanation
        .clone()
}

#[test]
fn an_hour_of_sleep_takes_no_time() {
    let (result, _, _) = siege("sleep-an-hour", Limits::default());
    assert_eq!(
        explanation(&result.expect("answers"), "SLEPT"),
        "slept an hour"
    );
}

#[test]
fn sleeping_forever_runs_out_of_fuel() {
    let (result, _, fuel) = siege("sleep-forever", Limits::default());
    assert_eq!(
        result,
        Err(EvalError::FuelExhausted {
            budget: Limits::default().fuel
        })
    );
    assert_eq!(fuel, Limits::default().fuel);
}

#[test]
fn polling_timers_that_never_fire_returns_at_once() {
    let (result, _, _) = siege("poll-never", Limits::default());
    // Both pollables were reported ready.
    assert_eq!(explanation(&result.expect("answers"), "POLLED"), "2");
}

#[test]
fn empty_log_lines_spend_the_trace_budget() {
    let (result, trace, _) = siege("empty-logs", Limits::default());
    result.expect("answers");
    let budget = Limits::default().trace_bytes;
    let overhead = echri_runtime::sandbox::LOG_LINE_OVERHEAD;
    assert!(
        trace.lines.len() as u64 <= budget / overhead,
        "{} lines kept",
        trace.lines.len()
    );
    assert!(trace.dropped_bytes >= (100_000 - budget / overhead) * overhead);
}

#[test]
fn host_work_is_charged_as_fuel() {
    for id in ["log-forever", "write-forever", "random-flood"] {
        let (result, trace, fuel) = siege(id, Limits::default());
        assert_eq!(
            result,
            Err(EvalError::FuelExhausted {
                budget: Limits::default().fuel
            }),
            "{id}"
        );
        assert_eq!(fuel, Limits::default().fuel, "{id}");
        let kept: usize = trace.lines.iter().map(|l| l.text.len()).sum();
        assert!(
            kept as u64 <= Limits::default().trace_bytes,
            "{id}: kept {kept} bytes"
        );
    }
}

#[test]
fn host_work_verdicts_do_not_depend_on_the_deadline() {
    // A deadline of 10 minutes changes nothing: the verdict is fuel's.
    let limits = Limits {
        deadline_ms: 600_000,
        ..Limits::default()
    };
    let (result, _, _) = siege("random-flood", limits);
    assert_eq!(
        result,
        Err(EvalError::FuelExhausted {
            budget: limits.fuel
        })
    );
}

#[test]
fn case_errors_are_cut_to_size() {
    let (result, _, _) = siege("huge-case-error", Limits::default());
    match result {
        Err(EvalError::CaseRejected { field, message }) => {
            assert!(field.len() <= 1100, "{} bytes of field", field.len());
            assert!(message.len() <= 4200, "{} bytes of message", message.len());
            assert!(
                field.ends_with(&format!("({} bytes cut)", (1 << 20) - 1024)),
                "{}",
                &field[1000..]
            );
            assert!(message.ends_with(&format!("({} bytes cut)", (16 << 20) - 4096)));
        }
        other => panic!("expected case-rejected, got {other:?}"),
    }
}

#[test]
fn relaxed_simd_is_deterministic() {
    // With `relaxed_simd_deterministic` wasmtime computes `relaxed_madd` as
    // a fused multiply-add on every CPU.
    let x = 1.0f32 + f32::EPSILON;
    let fused = x.mul_add(x, -(1.0 + 2.0 * f32::EPSILON));
    let (result, _, _) = siege("relaxed-simd", Limits::default());
    assert_eq!(
        explanation(&result.expect("answers"), "MADD"),
        format!("{:08x}", fused.to_bits())
    );
}

#[test]
fn self_contradicting_answers_are_refused() {
    for id in ["nlr-with-prohibited", "prohibited-without-finding"] {
        let (result, _, _) = siege(id, Limits::default());
        assert!(
            matches!(result, Err(EvalError::Inconsistent { .. })),
            "{id}: {result:?}"
        );
        assert_eq!(result.unwrap_err().kind(), "inconsistent");
    }
}

/// Loads the built-in modules and `path`; returns the load error, after
/// checking it came within [`QUICK`] and that the built-ins still answer.
fn load_beside_builtins(path: &str, limits: Limits) -> LoadError {
    let mut runtime = Runtime::new(limits, 1).unwrap();
    assert!(runtime.load_builtin().is_empty());
    let start = Instant::now();
    let err = runtime
        .load_file(path.as_ref())
        .map(|_| ())
        .expect_err("must not load");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    let c = runtime.compare(&case("x"));
    assert_eq!(c.results.len(), 9);
    assert_eq!(c.results.iter().filter(|r| r.result.is_ok()).count(), 8);
    err
}

#[test]
fn blocking_info_is_refused_in_bounded_time() {
    match load_beside_builtins(hostile::INFO_BLOCKS, Limits::default()) {
        LoadError::Info {
            source: EvalError::FuelExhausted { .. },
            ..
        } => {}
        other => panic!("expected info: fuel exhausted, got {other:?}"),
    }
}

#[test]
fn oversized_info_is_refused_without_copying_it() {
    // Building a million sources takes the module most of its default fuel;
    // give it more, so that it is the host's bound that refuses it.
    let generous = Limits {
        fuel: 20_000_000_000,
        ..Limits::default()
    };
    for path in [hostile::INFO_HUGE, hostile::INFO_SOURCES] {
        let err = load_beside_builtins(path, generous);
        assert!(matches!(err, LoadError::BadInfo { .. }), "{err:?}");
        let message = echri_runtime::message_chain(&err);
        assert!(message.len() < 1024, "{} bytes of message", message.len());
    }
}

/// A component whose core module defines `n` empty functions.
fn many_functions(n: usize) -> Vec<u8> {
    let mut text = String::with_capacity(n * 8 + 64);
    text.push_str("(component (core module ");
    for _ in 0..n {
        text.push_str("(func) ");
    }
    text.push_str("))");
    wat::parse_str(&text).expect("valid component text")
}

#[test]
fn a_million_functions_are_refused_before_compilation() {
    let bytes = many_functions(1_000_000);
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    let start = Instant::now();
    let err = runtime
        .load_bytes(echri_runtime::Origin::File("many".into()), &bytes)
        .map(|_| ())
        .expect_err("refused");
    assert!(start.elapsed() < QUICK);
    match err {
        LoadError::TooManyFunctions { limit, .. } => {
            assert_eq!(limit, Limits::default().max_functions)
        }
        other => panic!("expected too many functions, got {other:?}"),
    }
    // A module under the limit still compiles.
    let small = many_functions(1_000);
    assert!(matches!(
        runtime
            .load_bytes(echri_runtime::Origin::File("few".into()), &small)
            .map(|_| ()),
        Err(LoadError::WrongWorld { .. })
    ));
}

#[test]
fn oversized_components_are_refused_before_parsing() {
    let limits = Limits {
        max_component_bytes: 1 << 20,
        ..Limits::default()
    };
    let mut bytes = b"\0asm\x0d\0\x01\0".to_vec();
    bytes.resize((1 << 20) + 1, 0);
    let mut runtime = Runtime::new(limits, 1).unwrap();
    match runtime
        .load_bytes(echri_runtime::Origin::File("big".into()), &bytes)
        .map(|_| ())
    {
        Err(e @ LoadError::TooLarge { .. }) => assert_eq!(e.kind(), "too-large"),
        other => panic!("expected too large, got {other:?}"),
    }
}

#[test]
fn the_built_in_modules_fit_the_load_limits_with_a_wide_margin() {
    let limits = Limits::default();
    for m in echri_builtin::MODULES {
        let count = echri_runtime::module::count_functions(m.bytes, u64::MAX).unwrap();
        println!("{}: {} bytes, {count} functions", m.package, m.bytes.len());
        assert!(
            count * 10 < limits.max_functions,
            "{}: {count} functions",
            m.package
        );
        assert!(m.bytes.len() as u64 * 10 < limits.max_component_bytes);
    }
}
