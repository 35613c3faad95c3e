//! Entity lists: named parties, matched by name and country, in force from a
//! date.
//!
//! Matching is deliberately simple and documented, as an authority's
//! screening would be: names are compared as lower-case alphanumeric word
//! sequences, and an entry matches a party when one of the entry's names
//! appears as a contiguous run of words in the party's name and the party is
//! in the entry's country. "Zhejiang Dahua Technology Co., Ltd." thus matches
//! the name "Dahua Technology"; "NSO" alone does not match "NSO Group".

use crate::model::{Case, Date, Party};

/// One entry of an entity list. `P` is the jurisdiction's own description of
/// what the listing entails (e.g. its licence review policy).
#[derive(Debug, Clone, Copy)]
pub struct Listing<P: 'static> {
    /// The entry's principal name and its aliases.
    pub names: &'static [&'static str],
    /// The entry's country (ISO 3166-1 alpha-2).
    pub country: &'static str,
    /// The date the listing took effect.
    pub effective: Date,
    /// What the listing entails.
    pub policy: P,
}

impl<P> Listing<P> {
    /// The principal name.
    pub fn name(&self) -> &'static str {
        self.names[0]
    }

    /// Whether `party` is this entry, regardless of dates.
    pub fn names_party(&self, party: &Party) -> bool {
        party.country.code() == self.country
            && self.names.iter().any(|n| name_contains(&party.name, n))
    }

    /// Whether the listing is in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        date >= self.effective
    }
}

/// The parties of `case` that are on `list`, with their entry, where the
/// entry is in force on the case's as-of date. Each party is reported once,
/// with the first entry that names it.
pub fn listed_parties<'c, P>(
    case: &'c Case,
    list: &'static [Listing<P>],
) -> impl Iterator<Item = (&'c Party, &'static Listing<P>)> {
    case.parties.iter().filter_map(move |party| {
        list.iter()
            .find(|l| l.in_force_on(case.as_of) && l.names_party(party))
            .map(|l| (party, l))
    })
}

/// The parties of `case` that are on `list` by name but whose listing only
/// takes effect after the as-of date (useful for an explanatory log line).
pub fn listed_later<'c, P>(
    case: &'c Case,
    list: &'static [Listing<P>],
) -> impl Iterator<Item = (&'c Party, &'static Listing<P>)> {
    case.parties.iter().filter_map(move |party| {
        list.iter()
            .find(|l| !l.in_force_on(case.as_of) && l.names_party(party))
            .map(|l| (party, l))
    })
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether the words of `needle` occur as a contiguous run in `haystack`,
/// ignoring case and punctuation.
pub fn name_contains(haystack: &str, needle: &str) -> bool {
    let hay: Vec<String> = words(haystack).collect();
    let needle: Vec<String> = words(needle).collect();
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_word_runs() {
        assert!(name_contains("NSO Group Technologies Ltd.", "NSO Group"));
        assert!(name_contains(
            "Zhejiang Dahua Technology Co., Ltd.",
            "dahua technology"
        ));
        assert!(!name_contains("NSO", "NSO Group"));
        assert!(!name_contains("Candirus Ltd", "Candiru"));
        assert!(!name_contains("anything", ""));
    }
}
