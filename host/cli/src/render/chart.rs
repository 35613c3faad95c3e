//! The report's charts as inline SVG, written with maud (every value it
//! interpolates is escaped): a heatmap, stacked horizontal bars and paired
//! bars. Each chart is an image with a title for assistive technology, and
//! every figure it shows is also printed in it as text, so nothing depends
//! on telling colours apart; the report puts a table behind each one.
//!
//! Coordinates are printed with one decimal: the same input gives the same
//! bytes.

use maud::{Markup, html};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Black or white, whichever reads better on this colour (WCAG
    /// relative luminance).
    pub fn ink(self) -> &'static str {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2);
        // Contrast against black (l + 0.05) / 0.05 vs white 1.05 / (l + 0.05).
        if (l + 0.05) * (l + 0.05) > 0.05 * 1.05 {
            "#000000"
        } else {
            "#ffffff"
        }
    }
}

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// A colour on stops spaced evenly over 0..=1.
fn ramp(stops: &[Rgb], t: f64) -> Rgb {
    let t = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let i = (t.floor() as usize).min(stops.len() - 2);
    mix(stops[i], stops[i + 1], t - i as f64)
}

/// Sequential, light to dark blue (for rates 0..=1).
pub fn sequential(t: f64) -> Rgb {
    ramp(
        &[
            Rgb(0xf7, 0xfb, 0xff),
            Rgb(0x9e, 0xca, 0xe1),
            Rgb(0x42, 0x92, 0xc6),
            Rgb(0x08, 0x30, 0x6b),
        ],
        t,
    )
}

/// Diverging, orange (-1) through white (0) to blue (+1), for kappa.
pub fn diverging(x: f64) -> Rgb {
    ramp(
        &[
            Rgb(0xb3, 0x58, 0x06),
            Rgb(0xfd, 0xb8, 0x63),
            Rgb(0xf7, 0xf7, 0xf7),
            Rgb(0x92, 0xc5, 0xde),
            Rgb(0x21, 0x66, 0xac),
        ],
        (x + 1.0) / 2.0,
    )
}

/// The colour of outcome step 0..=7 (least to most restrictive).
pub fn step_colour(step: u8) -> Rgb {
    ramp(
        &[
            Rgb(0xff, 0xff, 0xcc),
            Rgb(0xfe, 0xd9, 0x76),
            Rgb(0xfd, 0x8d, 0x3c),
            Rgb(0xe3, 0x1a, 0x1c),
            Rgb(0x80, 0x00, 0x26),
        ],
        f64::from(step) / 7.0,
    )
}

/// The colour of an outcome: its step on the scale's ramp, or, for
/// `not-determined` (outside the scale), a blue that no step has.
pub fn outcome_colour(outcome: echri_sdk::model::Outcome) -> Rgb {
    match outcome.step() {
        Some(step) => step_colour(step),
        None => NOT_DETERMINED,
    }
}

/// The colour of `not-determined`.
pub const NOT_DETERMINED: Rgb = Rgb(0x9e, 0xca, 0xe1);

/// An outcome's step as text, `nd` for `not-determined`.
pub fn step_text(outcome: echri_sdk::model::Outcome) -> String {
    outcome
        .step()
        .map_or_else(|| "nd".to_owned(), |s| s.to_string())
}

/// Grey for a cell without a value.
pub const NO_VALUE: Rgb = Rgb(0xdd, 0xdd, 0xdd);

fn f1(x: f64) -> String {
    format!("{x:.1}")
}

/// One cell of a heatmap.
#[derive(Debug, Clone)]
pub struct HeatCell {
    /// The value (`None`: undefined, drawn grey).
    pub value: Option<f64>,
    /// The value as the JSON output prints it, for the `data-value`
    /// attribute.
    pub exact: String,
    /// What is printed in the cell.
    pub label: String,
    /// Its fill.
    pub fill: Rgb,
    /// The tooltip.
    pub title: String,
}

/// A square heatmap over `names` (rows and columns in the same order);
/// `cell(i, j)` for `i != j`, the diagonal is left blank. Each cell is a
/// `rect.heat-cell` carrying `data-metric`, `data-a`, `data-b` and
/// `data-value`, and its label as text.
pub fn heatmap(
    id: &str,
    title: &str,
    metric: &str,
    names: &[String],
    cell: &dyn Fn(usize, usize) -> HeatCell,
) -> Markup {
    let size = 56.0;
    let left = 48.0;
    let top = 28.0;
    let n = names.len() as f64;
    let w = left + size * n + 8.0;
    let h = top + size * n + 8.0;
    let title_id = format!("{id}-title");
    html! {
        svg.chart.heatmap id=(id) role="img" aria-labelledby=(title_id)
            viewBox=(format!("0 0 {} {}", f1(w), f1(h))) width=(f1(w)) height=(f1(h))
            xmlns="http://www.w3.org/2000/svg" {
            title id=(title_id) { (title) }
            @for (j, b) in names.iter().enumerate() {
                text.axis x=(f1(left + size * (j as f64 + 0.5))) y=(f1(top - 8.0))
                    text-anchor="middle" { (b) }
            }
            @for (i, a) in names.iter().enumerate() {
                text.axis x=(f1(left - 8.0)) y=(f1(top + size * (i as f64 + 0.5) + 4.0))
                    text-anchor="end" { (a) }
                @for (j, b) in names.iter().enumerate() {
                    @let x = left + size * j as f64;
                    @let y = top + size * i as f64;
                    @if i == j {
                        rect.diagonal x=(f1(x)) y=(f1(y)) width=(f1(size)) height=(f1(size)) {}
                    } @else {
                        @let c = cell(i, j);
                        g {
                            rect.heat-cell x=(f1(x)) y=(f1(y)) width=(f1(size)) height=(f1(size))
                                fill=(c.fill.hex()) data-metric=(metric) data-a=(a) data-b=(b)
                                data-value=(c.exact) {
                                title { (c.title) }
                            }
                            text.cell-label x=(f1(x + size / 2.0)) y=(f1(y + size / 2.0 + 4.0))
                                text-anchor="middle" fill=(c.fill.ink()) { (c.label) }
                        }
                    }
                }
            }
        }
    }
}

/// One segment of a stacked bar.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Its size (any unit; a bar's segments are scaled to the bar).
    pub value: f64,
    /// Its fill.
    pub fill: Rgb,
    /// Printed in the segment when it is wide enough.
    pub label: String,
    /// The tooltip.
    pub title: String,
}

/// One bar: a label on the left, segments, and a note on the right.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Printed left of the bar.
    pub label: String,
    /// The segments, left to right.
    pub segments: Vec<Segment>,
    /// Printed right of the bar.
    pub note: String,
}

/// Horizontal stacked bars. With `scale` `None` every bar fills the width
/// (shares); else a bar's length is its total over `scale`.
pub fn stacked_bars(id: &str, title: &str, bars: &[Bar], scale: Option<f64>) -> Markup {
    let left = 200.0;
    let width = 500.0;
    let right = 300.0;
    let row = 26.0;
    let top = 6.0;
    let h = top + row * bars.len() as f64 + 6.0;
    let w = left + width + right;
    let title_id = format!("{id}-title");
    html! {
        svg.chart.bars id=(id) role="img" aria-labelledby=(title_id)
            viewBox=(format!("0 0 {} {}", f1(w), f1(h))) width=(f1(w)) height=(f1(h))
            xmlns="http://www.w3.org/2000/svg" {
            title id=(title_id) { (title) }
            @for (i, bar) in bars.iter().enumerate() {
                @let y = top + row * i as f64;
                @let total: f64 = bar.segments.iter().map(|s| s.value).sum();
                @let full = match scale {
                    None => width,
                    Some(s) if s > 0.0 => width * total / s,
                    Some(_) => 0.0,
                };
                text.axis x=(f1(left - 8.0)) y=(f1(y + row / 2.0 + 4.0)) text-anchor="end" {
                    (bar.label)
                }
                rect.track x=(f1(left)) y=(f1(y + 3.0)) width=(f1(width)) height=(f1(row - 6.0)) {}
                @for (x, sw, s) in layout(&bar.segments, left, full, total) {
                    g.segment {
                        rect x=(f1(x)) y=(f1(y + 3.0)) width=(f1(sw)) height=(f1(row - 6.0))
                            fill=(s.fill.hex()) {
                            title { (s.title) }
                        }
                        @if sw >= 7.5 * s.label.chars().count() as f64 + 6.0 {
                            text.cell-label x=(f1(x + sw / 2.0)) y=(f1(y + row / 2.0 + 4.0))
                                text-anchor="middle" fill=(s.fill.ink()) { (s.label) }
                        }
                    }
                }
                text.note x=(f1(left + width + 8.0)) y=(f1(y + row / 2.0 + 4.0)) { (bar.note) }
            }
        }
    }
}

/// Each non-empty segment's left edge and width.
fn layout(segments: &[Segment], left: f64, full: f64, total: f64) -> Vec<(f64, f64, &Segment)> {
    let mut x = left;
    let mut out = Vec::new();
    for s in segments {
        let sw = if total > 0.0 {
            full * s.value / total
        } else {
            0.0
        };
        if sw > 0.0 {
            out.push((x, sw, s));
        }
        x += sw;
    }
    out
}

/// A legend: a swatch and a label per entry.
pub fn legend(entries: &[(Rgb, String)]) -> Markup {
    html! {
        ul.legend {
            @for (c, label) in entries {
                li {
                    span.swatch style=(format!("background:{}", c.hex())) {}
                    " " (label)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_contrasts_with_the_fill() {
        assert_eq!(Rgb(255, 255, 255).ink(), "#000000");
        assert_eq!(Rgb(0, 0, 0).ink(), "#ffffff");
        assert_eq!(sequential(1.0).ink(), "#ffffff");
        assert_eq!(sequential(0.0).ink(), "#000000");
    }

    #[test]
    fn ramps_reach_their_ends() {
        assert_eq!(sequential(0.0), Rgb(0xf7, 0xfb, 0xff));
        assert_eq!(sequential(2.0), Rgb(0x08, 0x30, 0x6b));
        assert_eq!(diverging(0.0), Rgb(0xf7, 0xf7, 0xf7));
        assert_eq!(step_colour(7), Rgb(0x80, 0x00, 0x26));
    }
}
