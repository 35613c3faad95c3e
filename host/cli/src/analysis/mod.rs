//! The analyses: one case side by side ([`compare`]), a corpus evaluated
//! ([`batch`]), agreement over a corpus ([`align`]), corpora generated
//! from a spec ([`generate`]) and human-rights sensitivity
//! ([`sensitivity`]). Pure functions of cases and modules; the commands
//! render their results with [`crate::render`].

pub mod align;
pub mod batch;
pub mod compare;
pub mod generate;
pub mod sensitivity;
