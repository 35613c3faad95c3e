//! A hostile rule module: each case id selects one attack on the host.
//! See README.md. Any other case id panics, which makes this the
//! "deliberately trapping module" of the CLI tests.

use std::cell::Cell;
use std::hint::black_box;
use std::io::Write;

use echri_sdk::prelude::*;

#[derive(Debug)]
pub struct Attacks;

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
}

fn finding(id: &str, text: String) -> Finding {
    Finding::new(id, "hostile test module", Outcome::NoLicenceRequired, text)
}

#[allow(unconditional_recursion, reason = "the point of this attack")]
fn recurse(depth: u64) -> u64 {
    black_box(recurse(black_box(depth + 1)) + 1)
}

impl RuleModule for Attacks {
    fn info() -> ModuleInfo {
        ModuleInfo {
            jurisdiction: "AQ".into(),
            name: "hostile attacks".into(),
            authority: "nobody".into(),
            version: "0.0.0".into(),
            stated_for: Period::new(Date::ymd(2020, 1, 1), Date::ymd(2024, 1, 1)),
            rules: Vec::new(),
            commitments: Vec::new(),
            sources: vec![],
        }
    }

    // A hostile module makes its findings up as it goes: it declares no
    // rules (the host cannot require a catalogue of contract 0.1 modules).
    fn catalogue() -> &'static [Rule] {
        &[]
    }

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {
        let calls = CALLS.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let findings = match case.id.as_str() {
            "endless-loop" => {
                let mut i: u64 = 0;
                loop {
                    i = black_box(i.wrapping_add(1));
                }
            }
            "stack-overflow" => vec![finding("DEPTH", recurse(0).to_string())],
            "memory-bomb" => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(black_box(vec![1u8; 1 << 20]));
                }
            }
            "huge-findings" => (0..5_000_000)
                .map(|i| finding("MANY", i.to_string()))
                .collect(),
            "huge-string" => vec![finding("BIG", "x".repeat(8 << 20))],
            "abort" => std::process::abort(),
            "stdout-flood" => {
                let line = [b'y'; 1024];
                let mut out = std::io::stdout();
                for _ in 0..8192 {
                    let _ = out.write_all(&line);
                }
                let mut err = std::io::stderr();
                for _ in 0..8192 {
                    let _ = err.write_all(&line);
                }
                vec![finding(
                    "FLOOD",
                    "wrote 8 MiB to stdout and 8 MiB to stderr".into(),
                )]
            }
            "ambient-authority" => {
                let file = std::fs::read("/etc/passwd").map(|b| b.len());
                let dir = std::fs::read_dir(".").map(|d| d.count());
                let write = std::fs::write("/tmp/echri-escape", b"x");
                let tcp = std::net::TcpStream::connect("127.0.0.1:22").map(|_| ());
                let dns = std::net::ToSocketAddrs::to_socket_addrs(&("example.com", 80))
                    .map(|a| a.count());
                let env: Vec<(String, String)> = std::env::vars().collect();
                let args: Vec<String> = std::env::args().collect();
                vec![
                    finding("FILE", format!("{:?}", file.map_err(|e| e.kind()))),
                    finding("DIR", format!("{:?}", dir.map_err(|e| e.kind()))),
                    finding("WRITE", format!("{:?}", write.map_err(|e| e.kind()))),
                    finding("TCP", format!("{:?}", tcp.map_err(|e| e.kind()))),
                    finding("DNS", format!("{:?}", dns.map_err(|e| e.kind()))),
                    finding("ENV", format!("{env:?}")),
                    finding("ARGS", format!("{}", args.len())),
                ]
            }
            "clock-and-random" => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let start = std::time::Instant::now();
                let elapsed = start.elapsed().as_nanos();
                // std's HashMap seeds itself from the random source.
                let map: std::collections::HashMap<u32, u32> = (0..64).map(|i| (i, i)).collect();
                let order: Vec<u32> = map.keys().copied().take(8).collect();
                vec![
                    finding("CLOCK", now.to_string()),
                    finding("ELAPSED", elapsed.to_string()),
                    finding("HASH-ORDER", format!("{order:?}")),
                ]
            }
            "global-state" => vec![finding("CALLS", calls.to_string())],
            "log" => {
                log(LogLevel::Info, "hello from the hostile module");
                vec![finding("LOG", "logged".into())]
            }
            other => panic!("hostile module: deliberate panic on case `{other}`"),
        };
        Ok(Assessment::most_restrictive(findings))
    }
}

echri_sdk::export_rule_module!(Attacks);
