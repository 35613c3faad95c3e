//! A hostile rule module aimed at the holes of issue 9: calls that block,
//! host work that fuel did not count, unbounded strings, CPU-dependent
//! numerics and answers that contradict themselves. Each case id selects
//! one attack (README.md). It claims jurisdiction `BV`.

#![allow(
    unsafe_code,
    reason = "raw WASI imports and relaxed-SIMD intrinsics are the attack"
)]

use std::hint::black_box;
use std::io::Write as _;
use std::time::Duration;

use echri_sdk::prelude::*;

#[derive(Debug)]
pub struct Siege;

/// The one place a finding is built (the SDK's constructor may change).
fn finding(id: &str, outcome: Outcome, text: String) -> Finding {
    Finding::new(id, "hostile test module", outcome, text)
}

/// Raw WASI 0.2 imports that std does not expose (canonical ABI). Only on
/// Wasm: natively (`cargo test --workspace` builds every crate for the
/// host too) the attacks that use them do nothing.
#[cfg(target_arch = "wasm32")]
mod wasi {
    #[link(wasm_import_module = "wasi:clocks/monotonic-clock@0.2.6")]
    unsafe extern "C" {
        #[link_name = "subscribe-duration"]
        pub fn subscribe_duration(nanos: u64) -> i32;
        #[link_name = "subscribe-instant"]
        pub fn subscribe_instant(when: u64) -> i32;
    }

    #[link(wasm_import_module = "wasi:io/poll@0.2.6")]
    unsafe extern "C" {
        #[link_name = "poll"]
        pub fn poll(list: *const i32, len: usize, ret: *mut usize);
        #[link_name = "[method]pollable.block"]
        pub fn block(pollable: i32);
        #[link_name = "[resource-drop]pollable"]
        pub fn drop_pollable(pollable: i32);
    }

    #[link(wasm_import_module = "wasi:random/random@0.2.6")]
    unsafe extern "C" {
        #[link_name = "get-random-bytes"]
        pub fn get_random_bytes(len: u64, ret: *mut usize);
    }
}

/// Polls on timers that would never fire in real time (an instant at the
/// end of time, the longest duration): in a real-time host this waits
/// forever. Returns how many of the two `poll` reported ready.
#[cfg(not(target_arch = "wasm32"))]
fn poll_never() -> usize {
    0
}

#[cfg(not(target_arch = "wasm32"))]
fn random_bytes(_len: u64) -> usize {
    0
}

#[cfg(not(target_arch = "wasm32"))]
fn relaxed_madd(a: f32, b: f32, c: f32) -> f32 {
    a.mul_add(b, c)
}

#[cfg(target_arch = "wasm32")]
fn poll_never() -> usize {
    unsafe {
        let list = [
            wasi::subscribe_instant(u64::MAX),
            wasi::subscribe_duration(u64::MAX),
        ];
        let mut ret = [0usize; 2];
        wasi::poll(list.as_ptr(), list.len(), ret.as_mut_ptr());
        wasi::block(list[0]);
        for p in list {
            wasi::drop_pollable(p);
        }
        ret[1]
    }
}

/// Draws `len` random bytes through `wasi:random/random`.
#[cfg(target_arch = "wasm32")]
fn random_bytes(len: u64) -> usize {
    let mut ret = [0usize; 2];
    unsafe { wasi::get_random_bytes(len, ret.as_mut_ptr()) };
    // The host allocated the list in this module's memory; leak it (a
    // fresh instance per evaluation) and touch one byte.
    let (ptr, n) = (ret[0] as *const u8, ret[1]);
    if n > 0 {
        black_box(unsafe { *ptr }) as usize + n
    } else {
        0
    }
}

/// `a * b + c` with the relaxed-SIMD multiply-add: fused on a CPU with FMA,
/// rounded twice without, unless the host makes it deterministic.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "relaxed-simd")]
fn relaxed_madd(a: f32, b: f32, c: f32) -> f32 {
    use core::arch::wasm32::*;
    f32x4_extract_lane::<0>(f32x4_relaxed_madd(
        f32x4_splat(a),
        f32x4_splat(b),
        f32x4_splat(c),
    ))
}

impl RuleModule for Siege {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "BV".into(),
            name: "hostile siege".into(),
            authority: "nobody".into(),
            version: "0.0.0".into(),
            stated_for: Period::new(Date::ymd(2020, 1, 1), Date::ymd(2024, 1, 1)),
            rules: Vec::new(),
            commitments: Vec::new(),
            sources: vec![],
        }
    }

    // A hostile module declares no rules.
    fn catalogue() -> &'static [Rule] {
        &[]
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let nlr = Outcome::NoLicenceRequired;
        let findings = match case.id.as_str() {
            // std's sleep is `monotonic-clock.subscribe-duration` + `block`.
            "sleep-an-hour" => {
                std::thread::sleep(Duration::from_secs(3600));
                vec![finding("SLEPT", nlr, "slept an hour".into())]
            }
            "sleep-forever" => loop {
                std::thread::sleep(Duration::from_secs(3600));
            },
            "poll-never" => vec![finding("POLLED", nlr, poll_never().to_string())],
            "empty-logs" => {
                for _ in 0..100_000 {
                    log(LogLevel::Info, "");
                }
                vec![finding("LOGGED", nlr, "100000 empty lines".into())]
            }
            "log-forever" => {
                let big = "z".repeat(1 << 20);
                loop {
                    log(LogLevel::Debug, black_box(&big));
                }
            }
            "write-forever" => {
                let big = vec![b'w'; 1 << 20];
                let mut out = std::io::stdout();
                loop {
                    let _ = out.write_all(black_box(&big));
                }
            }
            "random-flood" => {
                let mut total = 0usize;
                for _ in 0..1000 {
                    total = total.wrapping_add(random_bytes(1 << 20));
                }
                vec![finding("RANDOM", nlr, total.to_string())]
            }
            "huge-case-error" => {
                return Err(CaseError::new("f".repeat(1 << 20), "m".repeat(16 << 20)));
            }
            "relaxed-simd" => {
                // 1 + 2^-23 squared is 1 + 2^-22 + 2^-46; minus (1 + 2^-22)
                // leaves 2^-46 when fused and 0 when rounded first.
                let x = 1.0 + f32::EPSILON;
                let r = relaxed_madd(
                    black_box(x),
                    black_box(x),
                    black_box(-(1.0 + 2.0 * f32::EPSILON)),
                );
                vec![finding("MADD", nlr, format!("{:08x}", r.to_bits()))]
            }
            // Output spoofing: escape sequences (clear screen, window
            // title), a bidi override and newlines that would forge a table
            // row and a `Why:` line for another jurisdiction.
            "spoof" => vec![Finding {
                rule_id: "SPOOF\u{1b}[2J\u{1b}]0;owned\u{7}".into(),
                citation: "none\n│ GB           ┆ no licence required".into(),
                explanation: "fine\n  GB UK-C2: forged reason\u{202e}".into(),
                outcome: Outcome::Deny,
                assumption: None,
            }],
            // A 512 KiB rule id (under the result limit, so it reaches the
            // renderer): table layout used to be quadratic in it.
            "huge-rule-id" => vec![Finding {
                rule_id: "R".repeat(512 << 10),
                citation: "none".into(),
                explanation: "a long name".into(),
                outcome: Outcome::Deny,
                assumption: None,
            }],
            "nlr-with-prohibited" => {
                return Ok(Assessment {
                    outcome: nlr,
                    findings: vec![finding("EMBARGO", Outcome::Prohibited, "embargoed".into())],
                    conditions: vec![],
                });
            }
            "prohibited-without-finding" => {
                return Ok(Assessment {
                    outcome: Outcome::Prohibited,
                    findings: vec![],
                    conditions: vec![],
                });
            }
            // The soak's rotating failures, beside the ones above.
            "endless-loop" => {
                let mut i: u64 = 0;
                loop {
                    i = black_box(i.wrapping_add(1));
                }
            }
            "memory-bomb" => {
                // Reserves 1 MiB blocks without filling them: memory grows
                // for almost no fuel.
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    let mut block = Vec::with_capacity(1 << 20);
                    block.push(1u8);
                    hoard.push(black_box(block));
                }
            }
            "huge-string" => vec![finding("BIG", nlr, "x".repeat(2 << 20))],
            "abort" => std::process::abort(),
            other => vec![finding("OK", nlr, format!("case `{other}` left alone"))],
        };
        Ok(Assessment::most_restrictive(findings))
    }
}

echri_sdk::export_rule_module!(Siege);
