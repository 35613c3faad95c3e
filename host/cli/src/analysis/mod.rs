//! The analyses: one case side by side ([`compare`]), a corpus evaluated
//! ([`batch`]), agreement over a corpus ([`align`]), corpora generated
//! from a spec ([`generate`]), human-rights sensitivity
//! ([`sensitivity`]), what a draft changes against its base ([`diff`]),
//! cases that split two modules ([`search`]) and the shrinking both use
//! ([`shrink`]). Pure functions of cases and modules; the commands render
//! their results with [`crate::render`].

pub mod align;
pub mod batch;
pub mod compare;
pub mod diff;
pub mod generate;
pub mod search;
pub mod sensitivity;
pub mod shrink;
