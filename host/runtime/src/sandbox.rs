//! Per-evaluation store state: a WASI context that grants nothing, the
//! memory limiter, and the trace a module's log messages and output go to.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::cli::{IsTerminal, StdoutStream};
use wasmtime_wasi::p2::{OutputStream, Pollable, StreamResult};
use wasmtime_wasi::{HostMonotonicClock, HostWallClock, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use crate::bindings::echri::policy::host::LogLevel;

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
}

impl TraceSink {
    fn new(budget: u64) -> TraceSink {
        TraceSink {
            inner: Arc::new(Mutex::new(TraceBuf {
                trace: Trace::default(),
                budget,
                stdout: Vec::new(),
                stderr: Vec::new(),
            })),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TraceBuf> {
        // A poisoned lock only means another thread panicked mid-write; the
        // buffer is still a valid byte vector.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push_line(&self, source: TraceSource, text: &str) {
        let mut buf = self.lock();
        let len = text.len() as u64;
        if len > buf.budget {
            buf.trace.dropped_bytes += len;
            return;
        }
        buf.budget -= len;
        buf.trace.lines.push(TraceLine {
            source,
            text: text.to_owned(),
        });
    }

    fn write(&self, source: TraceSource, bytes: &[u8]) {
        let mut buf = self.lock();
        let keep = bytes.len().min(usize::try_from(buf.budget).unwrap_or(usize::MAX));
        buf.budget -= keep as u64;
        buf.trace.dropped_bytes += (bytes.len() - keep) as u64;
        let stream = match source {
            TraceSource::Stdout => &mut buf.stdout,
            _ => &mut buf.stderr,
        };
        stream.extend_from_slice(&bytes[..keep]);
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
        self.sink.write(self.source, &bytes);
        Ok(())
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
    pub(crate) fn new(memory_bytes: u64, trace_bytes: u64) -> State {
        State {
            wasi: None,
            table: ResourceTable::new(),
            limiter: MemoryLimiter {
                limit: memory_bytes,
                used: 0,
            },
            sink: TraceSink::new(trace_bytes),
        }
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
    .socket_addr_check(|_, _| -> Pin<Box<dyn Future<Output = bool> + Send + Sync>> {
        Box::pin(async { false })
    })
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

impl crate::bindings::echri::policy::types::Host for State {}

impl crate::bindings::echri::policy::host::Host for State {
    fn log(&mut self, level: LogLevel, message: String) {
        let source = match level {
            LogLevel::Debug => TraceSource::Debug,
            LogLevel::Info => TraceSource::Info,
            LogLevel::Warn => TraceSource::Warn,
        };
        self.sink.push_line(source, &message);
    }
}
