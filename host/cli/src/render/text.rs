//! Module-supplied text made safe and bounded for a terminal, and the width
//! tables and explanations are laid out to.
//!
//! Everything a module says (rule ids, citations, explanations, error and
//! trace messages, its own name) is untrusted. Before it reaches a table or
//! Markdown it is escaped (control characters, newlines and bidirectional
//! overrides become visible `\u{..}` escapes, so a module cannot clear the
//! screen, set a window title or forge a row for another jurisdiction) and
//! clipped (so one huge string cannot make rendering slow). JSON output keeps
//! the exact text: serde escapes it.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::IsTerminal as _;

/// Characters of one table cell at most; the rest is cut with a marker.
/// Far above any honest rule id, citation or explanation, and small enough
/// that laying out a table stays fast.
pub const MAX_CELL_CHARS: usize = 2_000;

/// Width of tables and wrapped text when standard output is not a terminal
/// and `COLUMNS` is not set: fixed, so output is the same on every machine.
pub const DEFAULT_WIDTH: u16 = 100;

/// Narrowest layout width accepted from the terminal or `COLUMNS`.
const MIN_WIDTH: u16 = 40;

/// The width to lay out to: the terminal's, else `COLUMNS`, else
/// [`DEFAULT_WIDTH`].
pub fn width() -> u16 {
    let from_terminal = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
        .flatten();
    let from_env = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
    };
    from_terminal
        .or_else(from_env)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// Whether `c` must not reach a terminal as it is.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        // Bidirectional embeddings, overrides and isolates reorder what
        // follows them on screen (CVE-2021-42574, "Trojan Source").
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `s` with every control character, newline included, and every
/// bidirectional control replaced by a visible escape (`\n`, `\t`,
/// `\u{1b}`), then clipped to `max_chars` with a marker saying how many
/// characters were cut. One pass over at most `max_chars` characters.
pub fn escape_clipped(s: &str, max_chars: usize) -> Cow<'_, str> {
    let mut head = s.chars().take(max_chars + 1);
    let clean = head.by_ref().take(max_chars).all(|c| !unsafe_char(c));
    if clean && head.next().is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(max_chars * 2));
    let mut chars = s.chars();
    for c in chars.by_ref().take(max_chars) {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    let rest = chars.count();
    if rest > 0 {
        let _ = write!(out, "… ({rest} more)");
    }
    Cow::Owned(out)
}

/// [`escape_clipped`] at [`MAX_CELL_CHARS`]: for one table cell or one
/// line of text.
pub fn safe(s: &str) -> Cow<'_, str> {
    escape_clipped(s, MAX_CELL_CHARS)
}

/// `text` (already [`safe`]) wrapped to `width` columns, the first line
/// after `first` and the rest after `rest`, each line ending in `\n`.
pub fn wrap_into(out: &mut String, text: &str, width: u16, first: &str, rest: &str) {
    let options = textwrap::Options::new(usize::from(width))
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in textwrap::wrap(text, options) {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_newlines_are_escaped() {
        assert_eq!(safe("plain text"), "plain text");
        assert_eq!(safe("a\nGB │ deny"), "a\\nGB │ deny");
        assert_eq!(
            safe("\u{1b}[2J\u{1b}]0;owned\u{7}"),
            "\\u{1b}[2J\\u{1b}]0;owned\\u{7}"
        );
        assert_eq!(safe("x\u{202E}y\u{9b}"), "x\\u{202e}y\\u{9b}");
    }

    #[test]
    fn long_text_is_clipped_with_a_marker() {
        let long = "é".repeat(10_000);
        let s = escape_clipped(&long, 10);
        assert_eq!(s, format!("{}… (9990 more)", "é".repeat(10)));
        assert_eq!(escape_clipped("abc", 3), "abc");
        assert_eq!(escape_clipped("abcd", 3), "abc… (1 more)");
    }

    #[test]
    fn wrapping_indents_continuation_lines() {
        let mut out = String::new();
        wrap_into(&mut out, "one two three four five six", 12, "  ", "     ");
        assert_eq!(
            out,
            "  one two\n     three\n     four\n     five\n     six\n"
        );
    }
}
