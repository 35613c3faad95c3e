//! The one place the wasmtime `Engine` is configured.
//!
//! Every number here is commented with why it has its value. The figures
//! quoted come from `DESIGN.md` (measured on this project's 2-core machine)
//! and from `BENCHMARKS.md`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use anyhow::Context as _;
use wasmtime::{Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

/// Per-evaluation resource limits. Each has a CLI flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Fuel (roughly, WebAssembly instructions) one evaluation may use.
    /// Fuel, not wall time, bounds CPU so that a verdict never depends on the
    /// machine's speed or load.
    pub fuel: u64,
    /// Bytes of linear memory one module instance may hold, all its memories
    /// together.
    pub memory_bytes: u64,
    /// Bytes the returned assessment may occupy (strings and list entries).
    pub result_bytes: u64,
    /// Findings the returned assessment may carry.
    pub max_findings: u64,
    /// Bytes of trace (log messages, stdout, stderr) kept per evaluation;
    /// the rest is dropped and counted.
    pub trace_bytes: u64,
    /// Wall-clock backstop per evaluation, in milliseconds. Fuel is the
    /// deterministic limit; this catches only what fuel cannot see.
    pub deadline_ms: u64,
    /// Largest component file accepted, in bytes. Checked before anything
    /// is parsed or compiled.
    pub max_component_bytes: u64,
    /// Most functions a component may define, counted over the code
    /// sections of all its core modules (nested ones included). Compile time
    /// and memory grow with it; checked before compilation.
    pub max_functions: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // A rule module written in Rust spends 10^4 to 10^5 units on a
            // case; a Python module (componentize-py) about 10^7. 10^9 leaves
            // two orders of magnitude above that and still stops an endless
            // loop in about a second.
            fuel: 1_000_000_000,
            // componentize-py modules start at about 12 MiB of linear memory;
            // 128 MiB is ten times that and far above any honest rule set.
            memory_bytes: 128 << 20,
            // A real assessment is a few kilobytes.
            result_bytes: 1 << 20,
            max_findings: 1_000,
            trace_bytes: 64 << 10,
            deadline_ms: 10_000,
            // The largest honest module measured, a componentize-py module
            // (tests/python), is 18 MB; the built-in Rust modules are under
            // 100 KB. 64 MiB is 3.5 times the Python module.
            max_component_bytes: 64 << 20,
            // The componentize-py module defines 13,479 functions (counted
            // by `echri_runtime::module::count_functions`), a built-in
            // module about 200: 100,000 is 7 times the Python module.
            // Compiling 99,999 trivial functions took 10.6-11.1 s and
            // 630 MB peak RSS on this machine (BENCHMARKS.md, hostile
            // soak), against 40 s and 5.7 GiB for the million of issue 9.
            max_functions: 100_000,
        }
    }
}

impl Limits {
    /// Fuel budgets accepted: at least enough to instantiate a module, at
    /// most about twenty minutes of CPU.
    pub const FUEL_RANGE: std::ops::RangeInclusive<u64> = 10_000..=1_000_000_000_000;
    /// Linear memory per instance accepted, in MiB: the pool reserves this
    /// much address space per memory slot, so the top is kept far below
    /// what a 64-bit address space allows for all slots together.
    pub const MEMORY_MIB_RANGE: std::ops::RangeInclusive<u64> = 1..=4_096;
    /// Result sizes accepted, in KiB.
    pub const RESULT_KIB_RANGE: std::ops::RangeInclusive<u64> = 1..=65_536;
    /// Wall-clock backstops accepted, in milliseconds (up to ten minutes).
    pub const DEADLINE_MS_RANGE: std::ops::RangeInclusive<u64> = 1..=600_000;
    /// Component sizes accepted, in MiB.
    pub const COMPONENT_MIB_RANGE: std::ops::RangeInclusive<u64> = 1..=1_024;
    /// Function counts accepted.
    pub const FUNCTIONS_RANGE: std::ops::RangeInclusive<u64> = 1..=10_000_000;

    /// Checks every limit against its range, naming the first one outside.
    pub fn validate(&self) -> Result<(), String> {
        let check = |name: &str, value: u64, range: std::ops::RangeInclusive<u64>, unit: &str| {
            if range.contains(&value) {
                Ok(())
            } else {
                Err(format!(
                    "{name} of {value} {unit} is outside {}..={} {unit}",
                    range.start(),
                    range.end()
                ))
            }
        };
        check("fuel", self.fuel, Self::FUEL_RANGE, "units")?;
        check(
            "memory",
            self.memory_bytes >> 20,
            Self::MEMORY_MIB_RANGE,
            "MiB",
        )?;
        check(
            "result limit",
            self.result_bytes >> 10,
            Self::RESULT_KIB_RANGE,
            "KiB",
        )?;
        check("deadline", self.deadline_ms, Self::DEADLINE_MS_RANGE, "ms")?;
        check(
            "component size",
            self.max_component_bytes >> 20,
            Self::COMPONENT_MIB_RANGE,
            "MiB",
        )?;
        check(
            "function count",
            self.max_functions,
            Self::FUNCTIONS_RANGE,
            "functions",
        )
    }
}

/// How often the epoch ticker advances: the resolution of the wall-clock
/// backstop.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// The shared engine plus the background thread that drives epochs.
#[derive(Clone)]
pub struct SandboxEngine {
    engine: Engine,
    limits: Limits,
    _ticker: Arc<Ticker>,
}

impl std::fmt::Debug for SandboxEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxEngine")
            .field("limits", &self.limits)
            .finish()
    }
}

struct Ticker {
    stop: Arc<AtomicBool>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl SandboxEngine {
    /// An engine for up to `threads` concurrent evaluations under `limits`.
    pub fn new(limits: Limits, threads: usize) -> anyhow::Result<SandboxEngine> {
        limits
            .validate()
            .map_err(|e| anyhow::anyhow!("invalid sandbox limits: {e}"))?;
        let mut config = Config::new();
        config.wasm_component_model(true);
        // Deterministic CPU bound: see `Limits::fuel`.
        config.consume_fuel(true);
        // Wall-clock backstop, driven by the ticker thread below.
        config.epoch_interruption(true);
        // 512 KiB of wasm stack: deep enough for any rule set, small enough
        // that runaway recursion traps quickly as a stack overflow.
        config.max_wasm_stack(512 << 10);
        // Deterministic numerics, so that a verdict never depends on the CPU:
        // relaxed-SIMD instructions (e.g. `f32x4.relaxed_madd`, whether the
        // multiply-add is fused) get one fixed semantics on every machine,
        // and every NaN a float operation produces has the canonical bit
        // pattern (otherwise the payload of a NaN differs between x86 and
        // ARM). Cost measured in BENCHMARKS.md ("Deterministic numerics").
        config.relaxed_simd_deterministic(true);
        config.cranelift_nan_canonicalization(true);

        let mut pool = PoolingAllocationConfig::new();
        // Slots are reserved up front, so the pool is sized to what echri
        // runs at once: one module instance per thread, and each component may
        // hold several core instances, memories and tables (a componentize-py
        // module has about a dozen core instances). The default totals (1000
        // of each) reserve far more address space than needed.
        let slots = u32::try_from(threads.max(1) * 4 + 4).unwrap_or(u32::MAX);
        pool.total_component_instances(slots);
        pool.total_core_instances(slots * 32);
        pool.total_memories(slots * 4);
        pool.total_tables(slots * 8);
        // Async fiber stacks: echri never runs Wasm asynchronously (the
        // `async` feature is only compiled in for wasmtime-wasi), yet the
        // pool would set up 1000 stacks with guard pages at start-up.
        pool.total_stacks(1);
        pool.max_core_instances_per_component(64);
        pool.max_memories_per_component(8);
        pool.max_tables_per_component(16);
        // The memory cap is also enforced by the store's limiter (which
        // counts all memories of an instance together and reports a typed
        // error); the pool's per-memory maximum must not be lower.
        pool.max_memory_size(usize::try_from(limits.memory_bytes).unwrap_or(usize::MAX));
        // Reset memory and tables with memset instead of madvise when a
        // slot is reused: fresh-instance throughput went from 16-27k/s to
        // 62-69k/s per core with these (DESIGN.md). 4 MiB covers the whole
        // initial memory of a built-in module (1 MiB stack, 1 MiB bump arena,
        // data), so a reset never needs madvise.
        pool.linear_memory_keep_resident(4 << 20);
        pool.table_keep_resident(64 << 10);
        pool.pagemap_scan(Enabled::Auto);
        config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));

        let engine = Engine::new(&config)
            .map_err(anyhow::Error::from)
            .context("cannot configure the WebAssembly engine")?;

        let stop = Arc::new(AtomicBool::new(false));
        let ticker_engine = engine.weak();
        let ticker_stop = Arc::clone(&stop);
        thread::Builder::new()
            .name("echri-epoch".into())
            .spawn(move || {
                while !ticker_stop.load(Ordering::Relaxed) {
                    thread::sleep(EPOCH_TICK);
                    match ticker_engine.upgrade() {
                        Some(engine) => engine.increment_epoch(),
                        None => break,
                    }
                }
            })
            .context("cannot start the epoch ticker thread")?;

        Ok(SandboxEngine {
            engine,
            limits,
            _ticker: Arc::new(Ticker { stop }),
        })
    }

    /// The wasmtime engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The limits every evaluation runs under.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The epoch deadline, in ticks, for `Limits::deadline_ms`.
    pub(crate) fn deadline_ticks(&self) -> u64 {
        (self.limits.deadline_ms / EPOCH_TICK.as_millis() as u64).max(1)
    }
}
