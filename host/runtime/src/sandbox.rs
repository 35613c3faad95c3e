//! Per-evaluation store state: a WASI context that grants nothing, the
//! memory limiter, and the trace a module's log messages and output go to.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use wasmtime::StoreContextMut;
use wasmtime::component::{Linker, Resource, ResourceTable};
use wasmtime_wasi::cli::{IsTerminal, StdoutStream};
use wasmtime_wasi::p2::{DynPollable, OutputStream, Pollable, StreamError, StreamResult};
use wasmtime_wasi::{
    HostMonotonicClock, HostWallClock, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView,
};

/// The fixed time every module sees: 2000-01-01T00:00:00Z. A rule must take
/// its date from the case's `as_of`, never from a clock.
const FIXED_WALL_CLOCK: Duration = Duration::from_secs(946_684_800);

/// The seed of every random source a module can reach, so that even a module
/// that draws random numbers decides the same way on every run.
const RANDOM_SEED: &[u8] = b"echri: deterministic sandbox seed";

/// Where a trace line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TraceSource {
    /// `host.log` at debug level.
    Debug,
    /// `host.log` at info level.
    Info,
    /// `host.log` at warn level.
    Warn,
    /// The module's standard output.
    Stdout,
    /// The module's standard error (a Rust panic message lands here).
    Stderr,
}

/// One line of an evaluation's trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceLine {
    /// Where it came from.
    pub source: TraceSource,
    /// The text (lossily decoded as UTF-8).
    pub text: String,
}

/// The bounded trace of one evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// Lines kept, in order.
    pub lines: Vec<TraceLine>,
    /// Bytes dropped because the trace was full.
    pub dropped_bytes: u64,
}

impl Trace {
    /// A Rust panic message: from the SDK's panic hook (a `warn` log line),
    /// or from standard error (std's default hook).
    pub fn panic_message(&self) -> Option<String> {
        if let Some(line) = self
            .lines
            .iter()
            .rev()
            .find(|l| l.source == TraceSource::Warn && l.text.starts_with("panicked at"))
        {
            return Some(line.text.clone());
        }
        let stderr: String = self
            .lines
            .iter()
            .filter(|l| l.source == TraceSource::Stderr)
            .map(|l| l.text.as_str())
            .collect();
        let start = stderr.find("panicked at")?;
        let msg = stderr[start..].trim();
        // "panicked at src/lib.rs:3:5:\nmessage\nnote: run with ..." ->
        // "panicked at src/lib.rs:3:5: message"
        let msg = msg.split("\nnote: ").next().unwrap_or(msg);
        Some(msg.replace('\n', " "))
    }
}

/// A byte budget shared by the log, stdout and stderr of one evaluation.
#[derive(Debug, Clone)]
struct TraceSink {
    inner: Arc<Mutex<TraceBuf>>,
}

#[derive(Debug)]
struct TraceBuf {
    trace: Trace,
    budget: u64,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// Fuel owed for host work done where the store is out of reach (log
    /// lines, captured output); paid at the next host call that has the
    /// store, and at the end of the evaluation.
    debt: u64,
    /// The evaluation's whole fuel budget: once the debt alone exceeds it,
    /// host work stops with [`OutOfFuel`].
    fuel: u64,
}

/// Trace bytes a log line costs beyond its text, so that a flood of empty
/// lines runs out of budget like any other.
pub const LOG_LINE_OVERHEAD: u64 = 64;

/// Fuel charged for each host call that does work for a module (a log line,
/// a write, a random draw, a clock subscription), on top of its per-byte
/// cost: about what a host call costs in time, counted in Wasm instructions.
pub const HOST_CALL_FUEL: u64 = 1_000;

/// Fuel charged per byte a module hands the host (log text, output).
pub const BYTE_FUEL: u64 = 1;

/// Fuel charged per random byte drawn: the seeded generator costs a few
/// nanoseconds per byte, several Wasm instructions' worth.
pub const RANDOM_BYTE_FUEL: u64 = 8;

/// Fuel charged for a `poll` or `block`: waiting is never free, so that a
/// module that sleeps in a loop runs out of fuel quickly.
pub const POLL_FUEL: u64 = 10_000;

/// Typed error raised when host work done for a module exceeds the fuel
/// that is left: classified as `fuel exhausted`, like running out in Wasm.
#[derive(Debug, thiserror::Error)]
#[error("fuel exhausted by host calls")]
pub struct OutOfFuel;

/// Typed error raised when a module waits on something that is not ready:
/// nothing in the sandbox becomes ready later (the clocks are frozen, timers
/// fire at once, no socket or file can be opened), so the wait would never
/// end.
#[derive(Debug, thiserror::Error)]
#[error("`{call}` would block forever: no pollable is ready")]
pub struct WouldBlock {
    /// The WASI function called.
    pub call: &'static str,
}

impl TraceSink {
    fn new(budget: u64, fuel: u64) -> TraceSink {
        TraceSink {
            inner: Arc::new(Mutex::new(TraceBuf {
                trace: Trace::default(),
                budget,
                stdout: Vec::new(),
                stderr: Vec::new(),
                debt: 0,
                fuel,
            })),
        }
    }

    /// Adds `units` of fuel to the debt; fails once the debt alone exceeds
    /// the whole budget.
    fn owe(buf: &mut TraceBuf, units: u64) -> Result<(), OutOfFuel> {
        buf.debt = buf.debt.saturating_add(units);
        if buf.debt > buf.fuel {
            Err(OutOfFuel)
        } else {
            Ok(())
        }
    }

    fn take_debt(&self) -> u64 {
        std::mem::take(&mut self.lock().debt)
    }

    fn debt(&self) -> u64 {
        self.lock().debt
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TraceBuf> {
        // A poisoned lock only means another thread panicked mid-write; the
        // buffer is still a valid byte vector.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push_line(&self, source: TraceSource, text: String) -> Result<(), OutOfFuel> {
        let mut buf = self.lock();
        let len = text.len() as u64;
        TraceSink::owe(&mut buf, HOST_CALL_FUEL + len * BYTE_FUEL)?;
        // Every line costs its overhead, so that empty lines cannot be
        // stored without bound.
        let cost = len + LOG_LINE_OVERHEAD;
        if cost > buf.budget {
            buf.trace.dropped_bytes += cost;
            return Ok(());
        }
        buf.budget -= cost;
        buf.trace.lines.push(TraceLine { source, text });
        Ok(())
    }

    fn write(&self, source: TraceSource, bytes: &[u8]) -> Result<(), OutOfFuel> {
        let mut buf = self.lock();
        TraceSink::owe(&mut buf, HOST_CALL_FUEL + bytes.len() as u64 * BYTE_FUEL)?;
        let keep = bytes
            .len()
            .min(usize::try_from(buf.budget).unwrap_or(usize::MAX));
        buf.budget -= keep as u64;
        buf.trace.dropped_bytes += (bytes.len() - keep) as u64;
        let stream = match source {
            TraceSource::Stdout => &mut buf.stdout,
            _ => &mut buf.stderr,
        };
        stream.extend_from_slice(&bytes[..keep]);
        Ok(())
    }

    fn finish(&self) -> Trace {
        let mut buf = self.lock();
        let mut trace = std::mem::take(&mut buf.trace);
        for (source, bytes) in [
            (TraceSource::Stdout, std::mem::take(&mut buf.stdout)),
            (TraceSource::Stderr, std::mem::take(&mut buf.stderr)),
        ] {
            if !bytes.is_empty() {
                trace.lines.push(TraceLine {
                    source,
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                });
            }
        }
        trace
    }
}

/// A module's stdout or stderr: captured into the trace, bounded, never
/// failing (output past the budget is dropped and counted, so a chatty
/// module cannot turn its output into an error or exhaust host memory).
#[derive(Debug, Clone)]
struct CapturedOutput {
    sink: TraceSink,
    source: TraceSource,
}

impl IsTerminal for CapturedOutput {
    fn is_terminal(&self) -> bool {
        false
    }
}

impl StdoutStream for CapturedOutput {
    fn async_stream(&self) -> Box<dyn tokio::io::AsyncWrite + Send + Sync> {
        // Only WASI 0.3 streams use this; echri serves WASI 0.2.
        Box::new(tokio::io::sink())
    }

    fn p2_stream(&self) -> Box<dyn OutputStream> {
        Box::new(self.clone())
    }
}

#[wasmtime_wasi::async_trait]
impl Pollable for CapturedOutput {
    async fn ready(&mut self) {}
}

impl OutputStream for CapturedOutput {
    fn write(&mut self, bytes: bytes::Bytes) -> StreamResult<()> {
        self.sink
            .write(self.source, &bytes)
            .map_err(|e| StreamError::Trap(e.into()))
    }
    fn flush(&mut self) -> StreamResult<()> {
        Ok(())
    }
    fn check_write(&mut self) -> StreamResult<usize> {
        // The usual WASI permit; writes past the trace budget are dropped.
        Ok(64 << 10)
    }
}

/// A wall clock stopped at [`FIXED_WALL_CLOCK`].
struct FixedWallClock;

impl HostWallClock for FixedWallClock {
    fn resolution(&self) -> Duration {
        Duration::from_secs(1)
    }
    fn now(&self) -> Duration {
        FIXED_WALL_CLOCK
    }
}

/// A monotonic clock that never advances.
struct FixedMonotonicClock;

impl HostMonotonicClock for FixedMonotonicClock {
    fn resolution(&self) -> u64 {
        1_000_000_000
    }
    fn now(&self) -> u64 {
        0
    }
}

/// Typed error raised when a module's memory would exceed its cap.
#[derive(Debug, thiserror::Error)]
#[error("memory limit of {limit} bytes exceeded (asked for {requested} bytes in all)")]
pub struct MemoryLimitExceeded {
    /// The cap.
    pub limit: u64,
    /// What the module's memories would have held together.
    pub requested: u64,
}

/// Counts the linear memory of all memories of one instance together.
#[derive(Debug)]
struct MemoryLimiter {
    limit: u64,
    used: u64,
}

impl wasmtime::ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let requested = self.used + (desired - current) as u64;
        if requested > self.limit {
            return Err(MemoryLimitExceeded {
                limit: self.limit,
                requested,
            }
            .into());
        }
        self.used = requested;
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        // Tables hold function references; a million entries is far beyond
        // any honest module and bounds host memory at a few MiB.
        Ok(desired <= 1_000_000)
    }
}

/// The data of one evaluation's `Store`.
pub(crate) struct State {
    /// Built on the module's first WASI call: most rule modules import no
    /// WASI at all, and building a context on every evaluation would cost
    /// them for nothing.
    wasi: Option<WasiCtx>,
    table: ResourceTable,
    limiter: MemoryLimiter,
    sink: TraceSink,
}

impl State {
    /// A state that grants the module nothing: no preopened directory, no
    /// environment or arguments, every socket address denied and name lookup
    /// off, fixed clocks, seeded randomness, empty stdin, and stdout/stderr
    /// captured into the bounded trace.
    pub(crate) fn new(memory_bytes: u64, trace_bytes: u64, fuel: u64) -> State {
        State {
            wasi: None,
            table: ResourceTable::new(),
            limiter: MemoryLimiter {
                limit: memory_bytes,
                used: 0,
            },
            sink: TraceSink::new(trace_bytes, fuel),
        }
    }

    /// Fuel owed for host work and not yet taken from the store.
    pub(crate) fn fuel_debt(&self) -> u64 {
        self.sink.debt()
    }

    pub(crate) fn limiter(&mut self) -> &mut dyn wasmtime::ResourceLimiter {
        &mut self.limiter
    }

    pub(crate) fn take_trace(&self) -> Trace {
        self.sink.finish()
    }
}

/// A WASI context that grants nothing: no preopened directory, no
/// environment or arguments, every socket address denied and name lookup
/// off, fixed clocks, seeded randomness, empty stdin, and stdout/stderr
/// captured into the bounded trace.
fn deny_all_wasi(sink: &TraceSink) -> WasiCtx {
    let mut wasi = WasiCtxBuilder::new();
    wasi.stdout(CapturedOutput {
        sink: sink.clone(),
        source: TraceSource::Stdout,
    })
    .stderr(CapturedOutput {
        sink: sink.clone(),
        source: TraceSource::Stderr,
    })
    .allow_tcp(false)
    .allow_udp(false)
    .allow_ip_name_lookup(false)
    .socket_addr_check(
        |_, _| -> Pin<Box<dyn Future<Output = bool> + Send + Sync>> { Box::pin(async { false }) },
    )
    .wall_clock(FixedWallClock)
    .monotonic_clock(FixedMonotonicClock)
    .secure_random(wasmtime_wasi::Deterministic::new(RANDOM_SEED.to_vec()))
    .insecure_random(wasmtime_wasi::Deterministic::new(RANDOM_SEED.to_vec()))
    .insecure_random_seed(0x0ec4_0ec4_0ec4_0ec4)
    // A module gets no more than 1 MiB of (seeded) random bytes per call.
    .max_random_size(1 << 20);
    wasi.build()
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        let sink = &self.sink;
        WasiCtxView {
            ctx: self.wasi.get_or_insert_with(|| deny_all_wasi(sink)),
            table: &mut self.table,
        }
    }
}

/// The `host` interface of each contract version: the same `log`.
macro_rules! host_interface {
    ($($version:ident),*) => {$(
        impl crate::bindings::$version::echri::policy::types::Host for State {}

        impl crate::bindings::$version::echri::policy::host::Host for State {
            fn log(
                &mut self,
                level: crate::bindings::$version::echri::policy::host::LogLevel,
                message: String,
            ) -> wasmtime::Result<()> {
                use crate::bindings::$version::echri::policy::host::LogLevel;
                let source = match level {
                    LogLevel::Debug => TraceSource::Debug,
                    LogLevel::Info => TraceSource::Info,
                    LogLevel::Warn => TraceSource::Warn,
                };
                Ok(self.sink.push_line(source, message)?)
            }
        }
    )*};
}

host_interface!(v0_1, v0_2);

/// The WASI version whose interfaces [`add_wasi`] overrides: the one
/// wasmtime-wasi 48 defines (a module importing an older 0.2.x is linked
/// to it by semver).
const WASI_VERSION: &str = "0.2.12";

/// Takes `units` of fuel, plus whatever the trace owes, from the store.
fn charge(store: &mut StoreContextMut<'_, State>, units: u64) -> wasmtime::Result<()> {
    let units = units.saturating_add(store.data().sink.take_debt());
    let fuel = store.get_fuel()?;
    if units > fuel {
        store.set_fuel(0)?;
        return Err(OutOfFuel.into());
    }
    store.set_fuel(fuel - units)?;
    Ok(())
}

/// A timer of the frozen monotonic clock: ready at once. No time passes in
/// the sandbox, so a module's sleep costs fuel, never wall time.
struct Elapsed;

#[wasmtime_wasi::async_trait]
impl Pollable for Elapsed {
    async fn ready(&mut self) {}
}

fn elapsed_timer(
    store: &mut StoreContextMut<'_, State>,
) -> wasmtime::Result<Resource<DynPollable>> {
    charge(store, HOST_CALL_FUEL)?;
    let table = &mut store.data_mut().table;
    let timer = table.push(Elapsed)?;
    wasmtime_wasi::p2::subscribe(table, timer)
}

/// Whether `pollable` is ready now, without waiting.
fn ready_now(
    table: &mut ResourceTable,
    pollable: &Resource<DynPollable>,
) -> wasmtime::Result<bool> {
    use wasmtime_wasi_io::bindings::wasi::io::poll::HostPollable as _;
    let borrowed = Resource::<DynPollable>::new_borrow(pollable.rep());
    wasmtime_wasi::runtime::in_tokio(table.ready(borrowed))
}

/// `wasi:io/poll.poll` without waiting: the indices of the pollables ready
/// now, or [`WouldBlock`] when there are none (nothing in the sandbox
/// becomes ready later).
fn poll_now(
    table: &mut ResourceTable,
    pollables: &[Resource<DynPollable>],
) -> wasmtime::Result<Vec<u32>> {
    let mut ready = Vec::new();
    for (i, p) in pollables.iter().enumerate() {
        if ready_now(table, p)? {
            ready.push(u32::try_from(i)?);
        }
    }
    if ready.is_empty() {
        return Err(WouldBlock {
            call: "wasi:io/poll.poll",
        }
        .into());
    }
    Ok(ready)
}

/// WASI 0.2 from wasmtime-wasi, with the calls that could block or do
/// unmetered work replaced:
///
/// - `wasi:clocks/monotonic-clock.subscribe-duration` / `subscribe-instant`
///   return a timer that is ready at once (the clock is frozen, so no wait
///   can ever end in real time otherwise; a module's `sleep` returns
///   immediately);
/// - `wasi:io/poll.poll` and `pollable.block` never wait: they look at each
///   pollable once, and when none is ready raise [`WouldBlock`] (nothing in
///   the sandbox becomes ready later);
/// - `wasi:random/*.get-*random-bytes` charge fuel per byte.
///
/// Every replacement also charges fuel, so that host work shows in the
/// deterministic budget instead of in wall time. The other blocking calls
/// (`blocking-read`, `blocking-write-and-flush`, `blocking-flush`,
/// `blocking-splice`) only ever reach streams that are ready at once: an
/// empty, closed stdin and the captured stdout/stderr.
pub(crate) fn add_wasi(linker: &mut Linker<State>) -> wasmtime::Result<()> {
    wasmtime_wasi::p2::add_to_linker_sync(linker)?;
    linker.allow_shadowing(true);
    {
        let mut clock = linker.instance(&format!("wasi:clocks/monotonic-clock@{WASI_VERSION}"))?;
        clock.func_wrap(
            "subscribe-duration",
            |mut store: StoreContextMut<'_, State>, (_,): (u64,)| Ok((elapsed_timer(&mut store)?,)),
        )?;
        clock.func_wrap(
            "subscribe-instant",
            |mut store: StoreContextMut<'_, State>, (_,): (u64,)| Ok((elapsed_timer(&mut store)?,)),
        )?;
    }
    {
        let mut poll = linker.instance(&format!("wasi:io/poll@{WASI_VERSION}"))?;
        poll.func_wrap(
            "poll",
            |mut store: StoreContextMut<'_, State>, (pollables,): (Vec<Resource<DynPollable>>,)| {
                charge(
                    &mut store,
                    POLL_FUEL.saturating_add(pollables.len() as u64 * HOST_CALL_FUEL),
                )?;
                Ok((poll_now(&mut store.data_mut().table, &pollables)?,))
            },
        )?;
        poll.func_wrap(
            "[method]pollable.block",
            |mut store: StoreContextMut<'_, State>, (pollable,): (Resource<DynPollable>,)| {
                charge(&mut store, POLL_FUEL)?;
                if !ready_now(&mut store.data_mut().table, &pollable)? {
                    return Err(WouldBlock {
                        call: "wasi:io/poll.pollable.block",
                    }
                    .into());
                }
                Ok(())
            },
        )?;
    }
    {
        use wasmtime_wasi::p2::bindings::random::{insecure, random};
        let mut secure = linker.instance(&format!("wasi:random/random@{WASI_VERSION}"))?;
        secure.func_wrap(
            "get-random-bytes",
            |mut store: StoreContextMut<'_, State>, (len,): (u64,)| {
                charge(
                    &mut store,
                    HOST_CALL_FUEL.saturating_add(len.saturating_mul(RANDOM_BYTE_FUEL)),
                )?;
                let bytes =
                    random::Host::get_random_bytes(store.data_mut().ctx().ctx.random(), len)?;
                Ok((bytes,))
            },
        )?;
        let mut weak = linker.instance(&format!("wasi:random/insecure@{WASI_VERSION}"))?;
        weak.func_wrap(
            "get-insecure-random-bytes",
            |mut store: StoreContextMut<'_, State>, (len,): (u64,)| {
                charge(
                    &mut store,
                    HOST_CALL_FUEL.saturating_add(len.saturating_mul(RANDOM_BYTE_FUEL)),
                )?;
                let bytes = insecure::Host::get_insecure_random_bytes(
                    store.data_mut().ctx().ctx.random(),
                    len,
                )?;
                Ok((bytes,))
            },
        )?;
    }
    linker.allow_shadowing(false);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pollable that never becomes ready.
    struct Never;

    #[wasmtime_wasi::async_trait]
    impl Pollable for Never {
        async fn ready(&mut self) {
            std::future::pending::<()>().await
        }
    }

    #[test]
    fn poll_never_waits() {
        let mut table = ResourceTable::new();
        let never = table.push(Never).unwrap();
        let never = wasmtime_wasi::p2::subscribe(&mut table, never).unwrap();
        let start = std::time::Instant::now();
        let err = poll_now(&mut table, std::slice::from_ref(&never)).unwrap_err();
        assert!(err.downcast_ref::<WouldBlock>().is_some(), "{err:?}");
        assert!(!ready_now(&mut table, &never).unwrap());

        let timer = table.push(Elapsed).unwrap();
        let timer = wasmtime_wasi::p2::subscribe(&mut table, timer).unwrap();
        assert_eq!(poll_now(&mut table, &[never, timer]).unwrap(), vec![1]);
        assert!(start.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn log_lines_cost_their_overhead() {
        let sink = TraceSink::new(64 << 10, 1_000_000_000);
        for _ in 0..10_000 {
            sink.push_line(TraceSource::Info, String::new()).unwrap();
        }
        let trace = sink.finish();
        assert_eq!(trace.lines.len() as u64, (64 << 10) / LOG_LINE_OVERHEAD);
        assert_eq!(
            trace.dropped_bytes,
            (10_000 - trace.lines.len() as u64) * LOG_LINE_OVERHEAD
        );
    }

    #[test]
    fn host_work_beyond_the_budget_is_out_of_fuel() {
        let sink = TraceSink::new(64 << 10, 10_000_000);
        let chunk = vec![0u8; 1 << 20];
        let mut writes = 0;
        while sink.write(TraceSource::Stdout, &chunk).is_ok() {
            writes += 1;
        }
        assert_eq!(writes, 9, "10^7 fuel pays for nine 1 MiB writes");
    }
}
