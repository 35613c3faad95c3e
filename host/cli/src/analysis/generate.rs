//! Generating corpora of cases from a small TOML spec: the full grid
//! (cartesian product) of its lists, or a seeded random sample of it.
//!
//! ```toml
//! id_prefix = "grid"
//! destinations = ["EG", "CN"]
//! as_of = ["2024-06-01"]
//! fact_sets = [[], ["clear-risk-internal-repression"]]
//!
//! [[end_users]]
//! kind = "police"
//! name = "Ministry of Interior"
//! # country = "EG"        # optional, default: the destination
//! # sector = "telecom"     # optional
//! # end_use = "law-enforcement"   # optional, default from the kind
//!
//! [[items]]
//! control_code = "5A001.j"
//! description = "IP network surveillance system"
//! capabilities = ["ip-network-surveillance"]
//! ```
//!
//! Grid order: destinations, then end users, items, fact sets and dates,
//! the last varying fastest. Case `i` of the grid has the id
//! `{id_prefix}-{i}`; sample draw `i` the id `{id_prefix}-s{seed}-{i}`.

use echri_sdk::model::{
    Capability, Case, ControlCode, Country, Date, EndUse, EndUseCategory, Item, Party, PartyKind,
    PartyRole, RiskFact, Sector,
};
use serde::Deserialize;

use crate::input::case_file::{field_path, toml_invalid};

/// A generator spec.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Prefix of the case ids.
    #[serde(default = "default_prefix")]
    pub id_prefix: String,
    /// Destinations.
    pub destinations: Vec<Country>,
    /// Dates the cases are decided as of.
    pub as_of: Vec<Date>,
    /// Sets of stipulated facts (an empty set is a case with no facts).
    #[serde(default = "no_facts")]
    pub fact_sets: Vec<Vec<RiskFact>>,
    /// End-user templates.
    pub end_users: Vec<EndUserTemplate>,
    /// Items (each case exports one).
    pub items: Vec<ItemTemplate>,
}

fn default_prefix() -> String {
    "gen".to_owned()
}

fn unspecified() -> Sector {
    Sector::Unspecified
}

fn no_facts() -> Vec<Vec<RiskFact>> {
    vec![Vec::new()]
}

/// An end user.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndUserTemplate {
    /// Kind.
    pub kind: PartyKind,
    /// Name.
    pub name: String,
    /// Country; the destination when absent.
    #[serde(default)]
    pub country: Option<Country>,
    /// Economic sector.
    #[serde(default = "unspecified")]
    pub sector: Sector,
    /// End-use category; by default derived from the kind (police:
    /// law-enforcement, military: military, intelligence: intelligence,
    /// others: civil).
    #[serde(default)]
    pub end_use: Option<EndUseCategory>,
    /// End-use description.
    #[serde(default)]
    pub end_use_description: String,
}

/// An item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemTemplate {
    /// Control code.
    pub control_code: ControlCode,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Capabilities.
    #[serde(default)]
    pub capabilities: Vec<Capability>,
}

/// Why a spec is unusable.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// Malformed TOML or a bad value.
    #[error("{0}")]
    Invalid(#[from] crate::input::case_file::Invalid),
    /// A list is empty, so the grid is empty.
    #[error("{name}: `{list}` is empty, so there are no cases to generate")]
    Empty {
        /// The spec's name.
        name: String,
        /// The list.
        list: &'static str,
    },
    /// The grid has more than 2^64 cases.
    #[error("{name}: the grid is too large")]
    TooLarge {
        /// The spec's name.
        name: String,
    },
}

impl Spec {
    /// Parses and checks a spec; `name` names it in errors.
    pub fn parse(text: &str, name: &str) -> Result<Spec, SpecError> {
        let de = toml::Deserializer::parse(text).map_err(|e| toml_invalid(text, name, None, &e))?;
        let spec: Spec = serde_path_to_error::deserialize(de)
            .map_err(|e| toml_invalid(text, name, field_path(e.path()), e.inner()))?;
        let lens = [
            ("destinations", spec.destinations.len()),
            ("end_users", spec.end_users.len()),
            ("items", spec.items.len()),
            ("fact_sets", spec.fact_sets.len()),
            ("as_of", spec.as_of.len()),
        ];
        if let Some((list, _)) = lens.iter().find(|(_, n)| *n == 0) {
            return Err(SpecError::Empty {
                name: name.to_owned(),
                list,
            });
        }
        if spec.grid_size().is_none() {
            return Err(SpecError::TooLarge {
                name: name.to_owned(),
            });
        }
        Ok(spec)
    }

    fn dims(&self) -> [u64; 5] {
        [
            self.destinations.len() as u64,
            self.end_users.len() as u64,
            self.items.len() as u64,
            self.fact_sets.len() as u64,
            self.as_of.len() as u64,
        ]
    }

    /// The number of cases in the grid (`None` on overflow).
    pub fn grid_size(&self) -> Option<u64> {
        self.dims()
            .iter()
            .try_fold(1u64, |acc, &n| acc.checked_mul(n))
    }

    /// Grid case number `i` (0-based), `i < grid_size()`.
    pub fn grid_case(&self, i: u64) -> Case {
        let dims = self.dims();
        let mut idx = [0usize; 5];
        let mut rest = i;
        for d in (0..5).rev() {
            idx[d] = (rest % dims[d]) as usize;
            rest /= dims[d];
        }
        self.build(format!("{}-{i}", self.id_prefix), idx)
    }

    /// The grid, in order.
    pub fn grid(&self) -> impl Iterator<Item = Case> + '_ {
        (0..self.grid_size().unwrap_or(0)).map(|i| self.grid_case(i))
    }

    /// `n` cases drawn uniformly (with replacement) from the grid with a
    /// SplitMix64 generator seeded with `seed`: the same seed gives the same
    /// cases on every machine.
    pub fn sample(&self, n: u64, seed: u64) -> impl Iterator<Item = Case> + '_ {
        let mut rng = SplitMix64::new(seed);
        let dims = self.dims();
        (0..n).map(move |i| {
            let mut idx = [0usize; 5];
            for (d, &len) in dims.iter().enumerate() {
                idx[d] = rng.below(len) as usize;
            }
            self.build(format!("{}-s{seed}-{i}", self.id_prefix), idx)
        })
    }

    fn build(&self, id: String, idx: [usize; 5]) -> Case {
        let destination = self.destinations[idx[0]].clone();
        let user = &self.end_users[idx[1]];
        let item = &self.items[idx[2]];
        let facts = self.fact_sets[idx[3]].clone();
        let as_of = self.as_of[idx[4]];
        let category = user.end_use.unwrap_or(match user.kind {
            PartyKind::Police => EndUseCategory::LawEnforcement,
            PartyKind::Military => EndUseCategory::Military,
            PartyKind::Intelligence => EndUseCategory::Intelligence,
            _ => EndUseCategory::Civil,
        });
        let party = Party {
            sector: user.sector,
            ..Party::new(
                user.name.clone(),
                user.country.clone().unwrap_or_else(|| destination.clone()),
                user.kind,
                PartyRole::EndUser,
            )
        };
        let item = Item {
            control_code: item.control_code.clone(),
            description: item.description.clone(),
            capabilities: item.capabilities.clone(),
            attributes: Vec::new(),
            other_lists: Vec::new(),
        };
        let end_use = EndUse {
            category,
            description: user.end_use_description.clone(),
        };
        Case::new(
            id,
            as_of,
            destination,
            vec![item],
            vec![party],
            end_use,
            facts,
        )
        .expect("one item and one end user always make a valid case")
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and the same
/// sequence everywhere.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by Lemire's multiply-shift (bias below
    /// n / 2^64, negligible for spec-sized lists).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
id_prefix = "t"
destinations = ["EG", "CN", "FR"]
as_of = ["2024-06-01", "2022-03-01"]
fact_sets = [[], ["clear-risk-internal-repression"]]
[[end_users]]
kind = "police"
name = "Police"
[[end_users]]
kind = "private"
name = "Bank"
country = "GB"
[[items]]
control_code = "5A001.j"
capabilities = ["ip-network-surveillance"]
"#;

    #[test]
    fn splitmix64_reference_values() {
        // First outputs for seed 1234567 of the reference implementation.
        let mut r = SplitMix64::new(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
    }

    #[test]
    fn grid_is_the_product_in_order() {
        let spec = Spec::parse(SPEC, "t.toml").unwrap();
        assert_eq!(spec.grid_size(), Some(3 * 2 * 2 * 2));
        let cases: Vec<Case> = spec.grid().collect();
        assert_eq!(cases.len(), 24);
        assert_eq!(cases[0].id, "t-0");
        assert_eq!(cases[0].destination.code(), "EG");
        assert_eq!(cases[1].as_of.to_string(), "2022-03-01");
        assert_eq!(cases[23].destination.code(), "FR");
        assert_eq!(cases[0].end_use.category, EndUseCategory::LawEnforcement);
        assert_eq!(cases[0].parties[0].country.code(), "EG");
        assert_eq!(cases[4].parties[0].country.code(), "GB");
    }

    #[test]
    fn sample_is_seeded() {
        let spec = Spec::parse(SPEC, "t.toml").unwrap();
        let a: Vec<Case> = spec.sample(50, 7).collect();
        let b: Vec<Case> = spec.sample(50, 7).collect();
        let c: Vec<Case> = spec.sample(50, 8).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn bad_specs_are_located() {
        let err = Spec::parse(&SPEC.replace("\"CN\"", "\"UK\""), "s.toml").unwrap_err();
        assert!(
            err.to_string().contains("s.toml:3:") && err.to_string().contains("destinations[1]"),
            "{err}"
        );
        let err = Spec::parse(
            &SPEC.replace("as_of = [\"2024-06-01\", \"2022-03-01\"]", "as_of = []"),
            "s.toml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("`as_of` is empty"), "{err}");
    }
}
