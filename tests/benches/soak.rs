//! Hostile soak: a batch of 100,000 cases through `echri::analysis::batch`
//! (the code behind `echri batch`) with the eight built-in modules and the
//! `siege` module, whose answer fails in a rotating way on every case: a
//! trap, fuel exhaustion, the memory limit, an oversized answer, a blocking
//! call (an endless sleep). Every built-in result must equal the native
//! answer of the same rule crate, and peak RSS must stay under 300 MB.
//!
//! Run: `nice cargo bench -p echri-tests --bench soak` (set
//! `ECHRI_SOAK_CASES` to change the number of cases). Without `--bench`
//! (as in `cargo test --benches`) it runs 500 cases.
//!
//! In bench mode it then measures the load-time bound: compiling a
//! component with `max_functions - 1` trivial functions.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::time::Instant;

use echri::analysis::batch;
use echri::input::case_file;
use echri::input::corpus::Input;
use echri_runtime::{Limits, Origin, Runtime};
use echri_sdk::model::Case;
use echri_tests::{BUILTIN, RuntimeExt as _, example_cases, hostile};

/// The siege module's failures, one per case in turn, and the error kind
/// each must give.
const ROTATION: &[(&str, &str)] = &[
    ("abort", "trap"),
    ("endless-loop", "fuel-exhausted"),
    ("memory-bomb", "memory-limit"),
    ("huge-string", "result-too-large"),
    ("sleep-forever", "fuel-exhausted"),
];

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("ECHRI_SOAK_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if bench_mode { 100_000 } else { 500 });
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());

    // The built-in modules spend at most a few 10^4 fuel on a case and a few
    // MiB of memory; these limits keep them far inside while the siege's
    // failures stop quickly (an endless loop at the default 10^9 fuel takes
    // a second).
    let limits = Limits {
        fuel: 5_000_000,
        memory_bytes: 16 << 20,
        ..Limits::default()
    };
    let mut runtime = Runtime::new(limits, threads).expect("engine");
    assert!(runtime.load_builtin().is_empty());
    runtime
        .load_bytes(
            Origin::File("siege".into()),
            &std::fs::read(hostile::SIEGE).unwrap(),
        )
        .expect("siege loads");

    let examples: Vec<Case> = example_cases()
        .iter()
        .map(|p| case_file::read_case_file(p).expect("example parses"))
        .collect();
    // The native answers, per example case and jurisdiction.
    let native: Vec<BTreeMap<&str, _>> = examples
        .iter()
        .map(|c| {
            BUILTIN
                .iter()
                .map(|b| (b.iso, (b.evaluate)(c).expect("native answers").outcome))
                .collect()
        })
        .collect();

    let dir = std::env::temp_dir().join(format!("echri-soak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("cases.jsonl");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        for i in 0..n {
            let mut c = examples[i % examples.len()].clone();
            c.id = ROTATION[i % ROTATION.len()].0.to_owned();
            writeln!(out, "{}", serde_json::to_string(&c).unwrap()).unwrap();
        }
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut records = 0u64;
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    let start = Instant::now();
    let summary = batch::run(
        &Input::Lines(input.clone()),
        &pool,
        runtime.slots(),
        None,
        batch::CHUNK,
        &mut |r| {
            let i = (r.line - 1) as usize;
            let expected = &native[i % examples.len()];
            for (iso, outcome) in expected {
                assert_eq!(
                    r.outcomes.get(*iso),
                    Some(outcome),
                    "line {}: {iso} changed",
                    r.line
                );
            }
            assert_eq!(r.errors.len(), 1, "line {}: {:?}", r.line, r.errors);
            assert!(
                r.errors.contains_key("BV"),
                "line {}: {:?}",
                r.line,
                r.errors
            );
            records += 1;
            Ok(())
        },
        &mut |bad| panic!("bad input: {bad}"),
        &mut |_, _| {},
    )
    .expect("batch runs");
    let wall = start.elapsed();
    let hwm = vm_hwm_kib();

    // The typed error of each failure, checked on one case of each.
    for (id, kind) in ROTATION {
        let mut c = examples[0].clone();
        c.id = (*id).to_owned();
        let results = runtime.evaluate(&c);
        let bv = results
            .iter()
            .find(|r| r.jurisdiction.as_deref() == Some("BV"))
            .unwrap();
        match &bv.result {
            Err(echri_runtime::ResultError::Evaluate { error, .. }) => {
                assert_eq!(error.kind(), *kind, "{id}")
            }
            other => panic!("{id}: expected {kind}, got {other:?}"),
        }
        *kinds.entry((*kind).to_owned()).or_default() += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(records, n as u64);
    assert_eq!(summary.module_errors, n as u64, "{summary}");
    println!(
        "hostile soak: {n} cases x 9 modules on {threads} threads, fuel {} per evaluation, {} MiB memory",
        limits.fuel,
        limits.memory_bytes >> 20
    );
    println!("summary: {summary}");
    println!(
        "built-in results intact: {} of {}",
        records * 8,
        n as u64 * 8
    );
    println!(
        "siege errors: {} ({} kinds: {:?})",
        summary.module_errors,
        kinds.len(),
        kinds.keys().collect::<Vec<_>>()
    );
    println!(
        "wall time {:.1} s ({:.0} cases/s, {:.0} evaluations/s)",
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64(),
        n as f64 * 9.0 / wall.as_secs_f64()
    );
    println!("peak RSS (VmHWM) {:.1} MB", hwm as f64 / 1024.0);
    assert!(hwm < 300 * 1024, "peak RSS {hwm} KiB is over 300 MB");

    if bench_mode {
        // The load-time bound: the most functions a component may have.
        let count = Limits::default().max_functions as usize - 1;
        let mut text = String::with_capacity(count * 8 + 64);
        text.push_str("(component (core module ");
        for _ in 0..count {
            text.push_str("(func) ");
        }
        text.push_str("))");
        let bytes = wat::parse_str(&text).unwrap();
        let mut rt = Runtime::new(Limits::default(), 1).unwrap();
        let start = Instant::now();
        let err = rt
            .load_bytes(Origin::File("many".into()), &bytes)
            .map(|_| ())
            .expect_err("no rules export");
        assert_eq!(err.kind(), "wrong-world", "{err}");
        println!(
            "compiling {count} trivial functions ({} bytes): {:.1} s, peak RSS now {:.0} MB",
            bytes.len(),
            start.elapsed().as_secs_f64(),
            vm_hwm_kib() as f64 / 1024.0
        );
    }
}
