//! Progress of long runs on stderr (indicatif): a bar on a terminal, a
//! plain line every few seconds with `--progress` elsewhere, nothing
//! otherwise (nor with `--quiet`).

use std::io::{self, IsTerminal as _};
use std::time::{Duration, Instant};

use echri::input::corpus::Input;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Progress on stderr: a bar on a terminal, a plain line every few seconds
/// with `--progress` elsewhere, nothing otherwise.
pub(crate) struct Progress {
    pub(crate) bar: Option<ProgressBar>,
    plain: bool,
    last: Instant,
    start: Instant,
}

impl Progress {
    pub(crate) fn new(forced: bool, quiet: bool, total_bytes: Option<u64>) -> Progress {
        let terminal = io::stderr().is_terminal() && !quiet;
        let bar = terminal.then(|| {
            let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
            let template = if total_bytes.is_some() {
                "{spinner} {elapsed_precise} [{wide_bar}] {percent}% {msg} (eta {eta})"
            } else {
                "{spinner} {elapsed_precise} {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            plain: forced && !quiet && !io::stderr().is_terminal(),
            last: now,
            start: now,
        }
    }

    pub(crate) fn update(&mut self, cases: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            if bar.length().is_some() {
                bar.set_position(bytes);
            }
            bar.set_message(format!("{cases} cases"));
        } else if self.plain && self.last.elapsed() >= Duration::from_secs(2) {
            self.last = Instant::now();
            eprintln!(
                "echri: {cases} cases in {:.1} s",
                self.start.elapsed().as_secs_f64()
            );
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub(crate) fn input_size(input: &Input) -> Option<u64> {
    match input {
        Input::Lines(p) => std::fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len()),
        _ => None,
    }
}
