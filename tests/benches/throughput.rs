//! Sandboxed vs native evaluation throughput, measured in one run.
//!
//! Every example case is evaluated under every built-in jurisdiction, over
//! and over, in three ways:
//!
//! - native: the rule crate's `evaluate` called directly (the lower bound);
//! - sandboxed, 1 thread: a fresh store and instance per evaluation;
//! - sandboxed, N threads: the same on every core.
//!
//! Run: `cargo bench -p echri-tests --bench throughput` (set
//! `ECHRI_BENCH_SECONDS` to change the time per measurement, default 3).

use std::hint::black_box;
use std::time::{Duration, Instant};

use echri::input::case_file;
use echri_runtime::{Limits, PreparedCase, Runtime};
use echri_sdk::model::Case;
use echri_tests::RuntimeExt as _;
use echri_tests::{BUILTIN, example_cases};

fn seconds() -> Duration {
    let s = std::env::var("ECHRI_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(3.0);
    Duration::from_secs_f64(s)
}

/// Runs `round` (which performs `per_round` evaluations) until `budget`
/// has passed; returns evaluations per second.
fn measure(budget: Duration, per_round: usize, mut round: impl FnMut()) -> f64 {
    // Warm up: page in code, fill the instance pool's warm slots.
    let warm = Instant::now();
    while warm.elapsed() < budget / 10 {
        round();
    }
    let start = Instant::now();
    let mut rounds = 0u64;
    while start.elapsed() < budget {
        round();
        rounds += 1;
    }
    (rounds as f64 * per_round as f64) / start.elapsed().as_secs_f64()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test` runs benches in test
    // mode with no such flag: keep that quick.
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let budget = if bench_mode {
        seconds()
    } else {
        Duration::from_millis(50)
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());

    let cases: Vec<Case> = example_cases()
        .iter()
        .map(|p| case_file::read_case_file(p).expect("example case parses"))
        .collect();
    let mut runtime = Runtime::new(Limits::default(), threads).expect("engine");
    assert!(runtime.load_builtin().is_empty());
    let modules: Vec<_> = runtime.modules().cloned().collect();
    let prepared: Vec<PreparedCase> = cases.iter().map(PreparedCase::new).collect();
    let per_round = cases.len() * modules.len();
    println!(
        "{} cases x {} jurisdictions = {per_round} evaluations per round; {:.1} s per measurement; {threads} threads",
        cases.len(),
        modules.len(),
        budget.as_secs_f64()
    );

    let native = measure(budget, per_round, || {
        for case in &cases {
            for b in BUILTIN {
                black_box((b.evaluate)(black_box(case)).ok());
            }
        }
    });

    let sandboxed_1 = measure(budget, per_round, || {
        for case in &prepared {
            for m in &modules {
                black_box(m.evaluate(case).result.is_ok());
            }
        }
    });

    let sandboxed_n = measure(budget, per_round * threads, || {
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    for case in &prepared {
                        for m in &modules {
                            black_box(m.evaluate(case).result.is_ok());
                        }
                    }
                });
            }
        });
    });

    // The floor: the same fresh-instance cycle around a module that does
    // almost nothing (the hostile module's `global-state` case).
    let mut floor_rt = Runtime::new(Limits::default(), 1).expect("engine");
    let trivial = floor_rt
        .load_file(echri_tests::hostile::ATTACKS.as_ref())
        .expect("attack module loads")
        .clone();
    let trivial_case = PreparedCase::new(&{
        let mut c = cases[0].clone();
        c.id = "global-state".into();
        c
    });
    let floor = measure(budget, 1000, || {
        for _ in 0..1000 {
            black_box(trivial.evaluate(&trivial_case).result.is_ok());
        }
    });
    println!(
        "fresh-instance floor (trivial module): {floor:.0} evals/s, {:.2} us each",
        1e6 / floor
    );

    let fuel: u64 = prepared
        .iter()
        .flat_map(|c| modules.iter().map(move |m| m.evaluate(c).fuel))
        .sum();
    println!("mean fuel per evaluation: {}", fuel / per_round as u64);
    println!("{:<34} {:>14} {:>12}", "mode", "evals/s", "vs native");
    println!(
        "{:<34} {:>14.0} {:>12}",
        "native (1 thread)", native, "1.0x"
    );
    println!(
        "{:<34} {:>14.0} {:>11.1}x",
        "sandboxed, fresh instance, 1 thread",
        sandboxed_1,
        native / sandboxed_1
    );
    println!(
        "{:<34} {:>14.0} {:>11.1}x",
        format!("sandboxed, fresh instance, {threads} thr"),
        sandboxed_n,
        native / sandboxed_n
    );
    println!(
        "per evaluation: native {:.2} us, sandboxed {:.2} us (1 thread)",
        1e6 / native,
        1e6 / sandboxed_1
    );
}
