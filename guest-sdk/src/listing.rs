//! Entity lists: named parties, matched by name and country, in force from a
//! date.
//!
//! Parties are screened with [`crate::screening`]: names are normalised
//! (case, diacritics, punctuation and initialisms, transliteration, legal
//! forms) and compared with a stated score and thresholds, and a one-word
//! alias never matches inside a longer name. A party is **listed**
//! ([`listed_parties`]) on a strong name match in the entry's country:
//! "Zhejiang Dahua Technology Co., Ltd." and "N.S.O. Group" are listed,
//! "Dahua Pharmaceutical" is not. Everything weaker that an officer should
//! still see (a near spelling, the listed name in another country, a related
//! entity) is a **possible match** ([`possibly_listed`]), to be reported for
//! review with the entry, the names and the score, never silently dropped.

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::{Case, Date, Party};
use crate::screening::{self, Hit, Prepared, RelatedEntity, Screening, Subject};

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

/// An entity related to a list entry (a parent, an affiliate, a former
/// name) that is not itself listed: a party matching it is a possible match
/// to review, with the note. Kept beside the list rather than in
/// [`Listing`], so that an entry needs no change to gain one.
#[derive(Debug, Clone, Copy)]
pub struct Related {
    /// The principal name (`names[0]`) of the entry it relates to.
    pub entry: &'static str,
    /// The related entity's names.
    pub names: &'static [&'static str],
    /// How it relates to the entry.
    pub note: &'static str,
}

impl<P> Listing<P> {
    /// The principal name.
    pub fn name(&self) -> &'static str {
        self.names[0]
    }

    /// Whether `party` is this entry (a strong match in the entry's country),
    /// regardless of dates.
    pub fn names_party(&self, party: &Party) -> bool {
        matches!(self.screen(&subject(party), &[]), Screening::Match(_))
    }

    /// Screens `subject` against this entry and the entities that `related`
    /// relates to it.
    pub fn screen(&self, subject: &Subject<'_>, related: &'static [Related]) -> Screening<'static> {
        self.screen_prepared(&Prepared::new(subject), related)
    }

    fn screen_prepared(
        &self,
        subject: &Prepared<'_>,
        related: &'static [Related],
    ) -> Screening<'static> {
        let entry = screening::Entry {
            names: self.names,
            country: self.country,
        };
        let related: Vec<RelatedEntity<'static>> = related
            .iter()
            .filter(|r| r.entry == self.name())
            .map(|r| RelatedEntity {
                names: r.names,
                note: r.note,
            })
            .collect();
        subject.screen(&entry, &related)
    }

    /// Whether the listing is in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        date >= self.effective
    }
}

/// The party as screening sees it.
///
/// Contract 0.1 gives a party one name and one country; when the case model
/// gains aliases and an address country, they go here.
pub fn subject(party: &Party) -> Subject<'_> {
    Subject {
        name: &party.name,
        aliases: &[],
        country: party.country.code(),
        address_country: None,
    }
}

/// The screenings of `party` against every entry of `list`, in list order.
///
/// [`listed_parties`], [`listed_later`] and [`possibly_listed`] each need
/// them for the same parties, and a module's instance lives for one
/// evaluation, so the last few are kept (per thread) rather than screened
/// three times. A strong match does not depend on `related`, so a request
/// without related entities may be served from one made with them.
fn screenings<P>(
    party: &Party,
    list: &'static [Listing<P>],
    related: &'static [Related],
) -> Rc<Vec<Screening<'static>>> {
    // The list, the related table, and what `subject` reads of the party:
    // when the party gains aliases or an address, they join the key.
    type Key = (usize, usize, usize, usize, String, String);
    thread_local! {
        static KEPT: RefCell<Vec<(Key, Rc<Vec<Screening<'static>>>)>> = const { RefCell::new(Vec::new()) };
    }
    let key = |related: &'static [Related]| -> Key {
        (
            list.as_ptr() as usize,
            list.len(),
            related.as_ptr() as usize,
            related.len(),
            party.name.clone(),
            party.country.code().to_owned(),
        )
    };
    let wanted = key(related);
    let found = KEPT.with(|kept| {
        kept.borrow()
            .iter()
            .find(|(k, _)| {
                *k == wanted
                    || (related.is_empty()
                        && k.0 == wanted.0
                        && k.1 == wanted.1
                        && k.4 == wanted.4
                        && k.5 == wanted.5)
            })
            .map(|(_, s)| Rc::clone(s))
    });
    if let Some(found) = found {
        return found;
    }
    let subject = Prepared::new(&subject(party));
    let all: Rc<Vec<Screening<'static>>> = Rc::new(
        list.iter()
            .map(|entry| entry.screen_prepared(&subject, related))
            .collect(),
    );
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        if kept.len() >= 16 {
            kept.remove(0);
        }
        kept.push((wanted, Rc::clone(&all)));
    });
    all
}

/// The best screening of `party` among the entries of `list` that `keep`
/// accepts.
fn best<P>(
    party: &Party,
    list: &'static [Listing<P>],
    related: &'static [Related],
    keep: impl Fn(&Listing<P>) -> bool,
) -> Option<(&'static Listing<P>, Screening<'static>)> {
    let all = screenings(party, list, related);
    let mut best: Option<(&'static Listing<P>, &Screening<'static>)> = None;
    for (entry, s) in list.iter().zip(all.iter()).filter(|(l, _)| keep(l)) {
        if s.level() > 0 && best.is_none_or(|(_, b)| s.is_better_than(b)) {
            best = Some((entry, s));
        }
    }
    best.map(|(entry, s)| (entry, s.clone()))
}

/// The parties of `case` that are on `list`, with their entry, where the
/// entry is in force on the case's as-of date: a strong name match in the
/// entry's country. Each party is reported once, with the entry it matches
/// best (the first of equals).
pub fn listed_parties<'c, P>(
    case: &'c Case,
    list: &'static [Listing<P>],
) -> impl Iterator<Item = (&'c Party, &'static Listing<P>)> {
    case.parties.iter().filter_map(move |party| {
        match best(party, list, &[], |l| l.in_force_on(case.as_of))? {
            (entry, Screening::Match(_)) => Some((party, entry)),
            _ => None,
        }
    })
}

/// The parties of `case` that are on `list` by name but whose listing only
/// takes effect after the as-of date (useful for an explanatory log line).
pub fn listed_later<'c, P>(
    case: &'c Case,
    list: &'static [Listing<P>],
) -> impl Iterator<Item = (&'c Party, &'static Listing<P>)> {
    case.parties.iter().filter_map(move |party| {
        match best(party, list, &[], |l| !l.in_force_on(case.as_of))? {
            (entry, Screening::Match(_)) => Some((party, entry)),
            _ => None,
        }
    })
}

/// A party that may be a list entry: to be reported for review.
#[derive(Debug, Clone)]
pub struct PossibleListing<'c, P: 'static> {
    /// The party.
    pub party: &'c Party,
    /// The entry it may be.
    pub entry: &'static Listing<P>,
    /// The names that matched, the score and the reason.
    pub hit: Hit<'static>,
}

impl<P> PossibleListing<'_, P> {
    /// One line for a finding or a note: the party, the entry and its
    /// country, then the hit.
    pub fn describe(&self) -> String {
        format!(
            "possible match to review: {} ({}) and the entry \"{}\" ({}): {}",
            self.party.name,
            self.party.country,
            self.entry.name(),
            self.entry.country,
            self.hit
        )
    }
}

/// The parties of `case` that possibly match an entry of `list` in force on
/// the as-of date (see [`crate::screening`]: a near name, the listed name in
/// another country, or an entity that `related` relates to an entry), each
/// with its best such entry. A party that [`listed_parties`] reports is not
/// repeated here.
pub fn possibly_listed<'c, P>(
    case: &'c Case,
    list: &'static [Listing<P>],
    related: &'static [Related],
) -> Vec<PossibleListing<'c, P>> {
    case.parties
        .iter()
        .filter_map(
            |party| match best(party, list, related, |l| l.in_force_on(case.as_of))? {
                (entry, Screening::Possible(hit)) => Some(PossibleListing { party, entry, hit }),
                _ => None,
            },
        )
        .collect()
}

/// Whether the words of `needle` occur as a contiguous run in `haystack`,
/// ignoring case and punctuation. For free text (an item's description);
/// parties are screened with [`crate::screening`].
pub fn name_contains(haystack: &str, needle: &str) -> bool {
    fn words(s: &str) -> impl Iterator<Item = String> + '_ {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
    }
    let hay: Vec<String> = words(haystack).collect();
    let needle: Vec<String> = words(needle).collect();
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Country, PartyKind, PartyRole, Sector};

    #[test]
    fn words_match_as_runs() {
        assert!(name_contains("NSO Group Technologies Ltd.", "NSO Group"));
        assert!(!name_contains("NSO", "NSO Group"));
        assert!(!name_contains("Candirus Ltd", "Candiru"));
        assert!(!name_contains("anything", ""));
    }

    static LIST: &[Listing<()>] = &[
        Listing {
            names: &["Myanmar Economic Corporation", "MEC"],
            country: "MM",
            effective: Date::ymd(2021, 3, 8),
            policy: (),
        },
        Listing {
            names: &["Myanmar Economic Holdings Limited", "MEHL"],
            country: "MM",
            effective: Date::ymd(2021, 3, 8),
            policy: (),
        },
        Listing {
            names: &["NSO Group"],
            country: "IL",
            effective: Date::ymd(2021, 11, 4),
            policy: (),
        },
    ];

    static RELATED: &[Related] = &[Related {
        entry: "NSO Group",
        names: &["Q Cyber Technologies"],
        note: "NSO Group's former parent company",
    }];

    fn party(name: &str, country: &str) -> Party {
        Party {
            name: name.into(),
            country: Country::try_from(country.to_string()).expect("country"),
            kind: PartyKind::Private,
            role: PartyRole::EndUser,
            sector: Sector::Unspecified,
            us_subsidiary: false,
        }
    }

    fn case(as_of: Date, parties: &[(&str, &str)]) -> Case {
        let mut case: Case = serde_json::from_str(
            r#"{"id": "t", "as_of": "2024-01-01", "destination": "MM",
                "items": [{"control_code": "EAR99"}],
                "parties": [{"name": "x", "country": "MM", "kind": "private", "role": "end-user"}]}"#,
        )
        .expect("case");
        case.as_of = as_of;
        case.parties = serde_json::from_value(serde_json::Value::Array(
            parties
                .iter()
                .map(|(n, c)| serde_json::to_value(party(n, c)).expect("party"))
                .collect(),
        ))
        .expect("parties");
        case
    }

    #[test]
    fn listed_party_gets_its_best_entry() {
        // "Myanmar Economic Holdings Ltd" contains no MEC name, but a party
        // matching two entries must get the closer one.
        let c = case(
            Date::ymd(2022, 1, 1),
            &[("Myanmar Economic Holdings Ltd", "MM"), ("M.E.C.", "MM")],
        );
        let listed: Vec<_> = listed_parties(&c, LIST)
            .map(|(p, l)| (p.name.as_str(), l.name()))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "Myanmar Economic Holdings Ltd",
                    "Myanmar Economic Holdings Limited"
                ),
                ("M.E.C.", "Myanmar Economic Corporation")
            ]
        );
    }

    #[test]
    fn possible_matches_are_reported_with_entry_and_score() {
        let c = case(
            Date::ymd(2022, 1, 1),
            &[
                ("NSO Group Technologies", "CY"),
                ("Q Cyber Technologies Ltd", "IL"),
                ("MEC Trading Ltd", "MM"),
                ("NSO Group", "IL"),
            ],
        );
        let possible = possibly_listed(&c, LIST, RELATED);
        let lines: Vec<String> = possible.iter().map(PossibleListing::describe).collect();
        assert_eq!(possible.len(), 2, "{lines:#?}");
        assert!(
            lines[0].contains("\"NSO Group\" (IL)") && lines[0].contains("not in IL"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].contains("related entity") && lines[1].contains("former parent"),
            "{}",
            lines[1]
        );
        assert!(lines.iter().all(|l| l.contains("score")));
        // The listed party is reported by listed_parties, not here.
        assert_eq!(listed_parties(&c, LIST).count(), 1);
    }

    #[test]
    fn later_listings_are_separate() {
        let c = case(Date::ymd(2021, 11, 3), &[("NSO Group", "IL")]);
        assert_eq!(listed_parties(&c, LIST).count(), 0);
        assert_eq!(listed_later(&c, LIST).count(), 1);
        assert!(possibly_listed(&c, LIST, RELATED).is_empty());
    }
}
