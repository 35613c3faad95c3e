//! # echri: one export case, every jurisdiction's rules, side by side
//!
//! The library half of the `echri` command line, on top of the sandbox in
//! `echri-runtime`:
//!
//! - [`input`]: case files and corpora, with errors that name the file,
//!   line, column and field;
//! - [`analysis`]: one case under every module ([`analysis::compare`]), a
//!   corpus ([`analysis::batch`]), agreement over a corpus
//!   ([`analysis::align`]), the human-rights sensitivity of a corpus
//!   ([`analysis::sensitivity`]) and generated corpora ([`analysis::generate`]);
//! - [`render`]: tables, JSON, CSV, Markdown and self-contained HTML pages
//!   with inline SVG charts, with module text made safe for a terminal and
//!   a browser.
//!
//! The subcommands themselves (`src/commands/`, one file each) live in the
//! binary.
//!
//! ```no_run
//! use echri::{analysis::compare, input::case_file, render};
//! use echri_runtime::{Limits, Origin, Runtime};
//!
//! let mut runtime = Runtime::new(Limits::default(), 1)?;
//! for m in echri_builtin::MODULES {
//!     runtime.load_bytes(Origin::Builtin(m.package.into()), m.bytes)?;
//! }
//! let case = case_file::read_case_file("examples/cases/nso-laptops-ear99.toml".as_ref())?;
//! let comparison = compare::compare(&runtime, &case);
//! print!("{}", render::table::compare(&comparison, 100, false));
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! echri models policy; it is not legal advice.

#![warn(missing_docs)]

pub mod analysis;
pub mod input;
pub mod render;
