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

use crate::model::{Case, Country, Date, Party};
use crate::screening::{self, Hit, Index, Prepared, RelatedEntity, Screening, Subject};

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

/// An entity list: its entries, the entities related to them, and
/// optionally its names normalised ahead of time.
#[derive(Debug, Clone, Copy)]
pub struct EntityList<P: 'static> {
    /// The entries.
    pub entries: &'static [Listing<P>],
    /// Entities related to entries but not listed.
    pub related: &'static [Related],
    /// The names of [`EntityList::names`], normalised ahead of time
    /// (generated with [`Index::to_source`], checked with
    /// [`EntityList::check_index`]). Without it the names are normalised
    /// at run time, in every evaluation.
    pub index: Option<&'static Index>,
}

/// What the screening functions take: an [`EntityList`] (`&LIST`), or, as
/// before the list had related entities and an index, a plain slice of
/// entries (normalised at run time, no related entities).
pub trait IntoEntityList<P: 'static> {
    /// The list.
    fn into_entity_list(self) -> EntityList<P>;
}

impl<P> IntoEntityList<P> for &'static EntityList<P> {
    fn into_entity_list(self) -> EntityList<P> {
        EntityList {
            entries: self.entries,
            related: self.related,
            index: self.index,
        }
    }
}

impl<P> IntoEntityList<P> for &'static [Listing<P>] {
    fn into_entity_list(self) -> EntityList<P> {
        EntityList {
            entries: self,
            related: &[],
            index: None,
        }
    }
}

impl<P> EntityList<P> {
    /// Every name the list screens against, in the order of its
    /// [`Index`]: each entry's names, then each related entity's.
    pub fn names(&self) -> Vec<&'static str> {
        self.entries
            .iter()
            .flat_map(|e| e.names.iter().copied())
            .chain(self.related.iter().flat_map(|r| r.names.iter().copied()))
            .collect()
    }

    /// `Err` with the table to write when the index is missing or not the
    /// list's names normalised by this version of the SDK.
    pub fn check_index(&self, static_name: &str) -> Result<(), String> {
        let built = Index::build(&self.names());
        match self.index {
            Some(index) if *index == built => Ok(()),
            _ => Err(built.to_source(static_name)),
        }
    }
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
    /// relates to it, normalising the entry's names.
    pub fn screen(&self, subject: &Subject<'_>, related: &'static [Related]) -> Screening<'static> {
        let entry = self.entry();
        let related: Vec<RelatedEntity<'static>> = related
            .iter()
            .filter(|r| r.entry == self.name())
            .map(Related::entity)
            .collect();
        Prepared::new(subject).screen(&entry, &related)
    }

    fn entry(&self) -> screening::Entry<'static> {
        screening::Entry {
            names: self.names,
            country: self.country,
        }
    }

    /// Whether the listing is in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        date >= self.effective
    }
}

impl Related {
    fn entity(&self) -> RelatedEntity<'static> {
        RelatedEntity {
            names: self.names,
            note: self.note,
        }
    }
}

/// The party as screening sees it: its name and aliases, its country and
/// address country, and its parent organisation (contract 0.2's party
/// identity).
pub fn subject(party: &Party) -> Subject<'_> {
    Subject {
        name: &party.name,
        aliases: &party.aliases,
        country: party.country.code(),
        address_country: party.address_country.as_ref().map(Country::code),
        parent: party.parent.as_deref(),
    }
}

/// The screenings of `party` against every entry of `list`, in list order
/// (related entities included).
///
/// [`listed_parties`], [`listed_later`] and [`possibly_listed`] each need
/// them for the same parties, and a module's instance lives for one
/// evaluation, so the last few are kept (per thread) rather than screened
/// three times.
fn screenings<P>(party: &Party, list: &EntityList<P>) -> Rc<Vec<Screening<'static>>> {
    // The list (its entries and related table), and everything `subject`
    // reads of the party.
    type Key = (
        usize,
        usize,
        String,
        Vec<String>,
        String,
        Option<String>,
        Option<String>,
    );
    thread_local! {
        static KEPT: RefCell<Vec<(Key, Rc<Vec<Screening<'static>>>)>> = const { RefCell::new(Vec::new()) };
    }
    let s = subject(party);
    let wanted: Key = (
        list.entries.as_ptr() as usize,
        list.related.as_ptr() as usize,
        s.name.to_owned(),
        s.aliases.to_vec(),
        s.country.to_owned(),
        s.address_country.map(str::to_owned),
        s.parent.map(str::to_owned),
    );
    let found = KEPT.with(|kept| {
        kept.borrow()
            .iter()
            .find(|(k, _)| *k == wanted)
            .map(|(_, s)| Rc::clone(s))
    });
    if let Some(found) = found {
        return found;
    }
    let prepared = Prepared::new(&s);
    let all: Rc<Vec<Screening<'static>>> = Rc::new(match list.index {
        Some(index) => {
            let candidates = index.candidates(&prepared);
            // Positions of the related entities' first names.
            let mut at = list.entries.iter().map(|e| e.names.len()).sum::<usize>();
            let related_at: Vec<usize> = list
                .related
                .iter()
                .map(|r| {
                    let here = at;
                    at += r.names.len();
                    here
                })
                .collect();
            // The usual party shares no word with any related entity: then
            // no entry needs its related entities looked up.
            let any_related = list
                .related
                .iter()
                .zip(&related_at)
                .any(|(r, at)| candidates.any_in(*at, r.names.len()));
            let mut first = 0;
            list.entries
                .iter()
                .map(|entry| {
                    if !any_related && !candidates.any_in(first, entry.names.len()) {
                        first += entry.names.len();
                        return Screening::NoMatch;
                    }
                    let related: Vec<(RelatedEntity<'static>, usize)> = list
                        .related
                        .iter()
                        .zip(&related_at)
                        .filter(|(r, _)| any_related && r.entry == entry.name())
                        .map(|(r, at)| (r.entity(), *at))
                        .collect();
                    let s = prepared.screen_indexed(
                        index,
                        &candidates,
                        &entry.entry(),
                        first,
                        &related,
                    );
                    first += entry.names.len();
                    s
                })
                .collect()
        }
        None => list
            .entries
            .iter()
            .map(|entry| {
                let related: Vec<RelatedEntity<'static>> = list
                    .related
                    .iter()
                    .filter(|r| r.entry == entry.name())
                    .map(Related::entity)
                    .collect();
                prepared.screen(&entry.entry(), &related)
            })
            .collect(),
    });
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
    list: &EntityList<P>,
    keep: impl Fn(&Listing<P>) -> bool,
) -> Option<(&'static Listing<P>, Screening<'static>)> {
    let all = screenings(party, list);
    let mut best: Option<(&'static Listing<P>, &Screening<'static>)> = None;
    for (entry, s) in list.entries.iter().zip(all.iter()).filter(|(l, _)| keep(l)) {
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
pub fn listed_parties<P: 'static>(
    case: &Case,
    list: impl IntoEntityList<P>,
) -> impl Iterator<Item = (&Party, &'static Listing<P>)> {
    let list = list.into_entity_list();
    case.parties.iter().filter_map(move |party| {
        match best(party, &list, |l| l.in_force_on(case.as_of))? {
            (entry, Screening::Match(_)) => Some((party, entry)),
            _ => None,
        }
    })
}

/// [`listed_parties`], with the screening hit that listed each party (the
/// names, basis and score, for the finding).
pub fn listed_with_hits<P: 'static>(
    case: &Case,
    list: impl IntoEntityList<P>,
) -> Vec<(&Party, &'static Listing<P>, Hit<'static>)> {
    let list = list.into_entity_list();
    case.parties
        .iter()
        .filter_map(
            |party| match best(party, &list, |l| l.in_force_on(case.as_of))? {
                (entry, Screening::Match(hit)) => Some((party, entry, hit)),
                _ => None,
            },
        )
        .collect()
}

/// The parties of `case` that are on `list` by name but whose listing only
/// takes effect after the as-of date (useful for an explanatory log line).
pub fn listed_later<P: 'static>(
    case: &Case,
    list: impl IntoEntityList<P>,
) -> impl Iterator<Item = (&Party, &'static Listing<P>)> {
    let list = list.into_entity_list();
    case.parties.iter().filter_map(move |party| {
        match best(party, &list, |l| !l.in_force_on(case.as_of))? {
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
pub fn possibly_listed<P: 'static>(
    case: &Case,
    list: impl IntoEntityList<P>,
) -> Vec<PossibleListing<'_, P>> {
    let list = list.into_entity_list();
    case.parties
        .iter()
        .filter_map(
            |party| match best(party, &list, |l| l.in_force_on(case.as_of))? {
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
    use crate::model::{Country, PartyKind, PartyRole};

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

    /// The list normalised at run time.
    static PLAIN: EntityList<()> = EntityList {
        entries: LIST,
        related: RELATED,
        index: None,
    };

    /// The list with an index built at run time (leaked: a static).
    fn indexed() -> &'static EntityList<()> {
        let index: &'static Index = Box::leak(Box::new(Index::build(&PLAIN.names())));
        Box::leak(Box::new(EntityList {
            index: Some(index),
            ..PLAIN
        }))
    }

    fn party(name: &str, country: &str) -> Party {
        Party::new(
            name,
            Country::try_from(country.to_string()).expect("country"),
            PartyKind::Private,
            PartyRole::EndUser,
        )
    }

    fn case(as_of: Date, parties: &[(&str, &str)]) -> Case {
        case_of(as_of, parties.iter().map(|(n, c)| party(n, c)).collect())
    }

    fn case_of(as_of: Date, parties: Vec<Party>) -> Case {
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
                .map(|p| serde_json::to_value(p).expect("party"))
                .collect(),
        ))
        .expect("parties");
        case
    }

    #[test]
    fn listed_party_gets_its_best_entry() {
        for list in [&PLAIN, indexed()] {
            // "Myanmar Economic Holdings Ltd" contains no MEC name, but a party
            // matching two entries must get the closer one.
            let c = case(
                Date::ymd(2022, 1, 1),
                &[("Myanmar Economic Holdings Ltd", "MM"), ("M.E.C.", "MM")],
            );
            let listed: Vec<_> = listed_parties(&c, list)
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
    }

    #[test]
    fn possible_matches_are_reported_with_entry_and_score() {
        for list in [&PLAIN, indexed()] {
            let c = case(
                Date::ymd(2022, 1, 1),
                &[
                    ("NSO Group Technologies", "CY"),
                    ("Q Cyber Technologies Ltd", "IL"),
                    ("MEC Trading Ltd", "MM"),
                    ("NSO Group", "IL"),
                ],
            );
            let possible = possibly_listed(&c, list);
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
            assert_eq!(listed_parties(&c, list).count(), 1);
        }
    }

    #[test]
    fn party_identity_is_screened() {
        for list in [&PLAIN, indexed()] {
            let mut parties = vec![
                party("Acme Holdings", "MM"),
                party("NSO Group", "IL"),
                party("Contoso", "GR"),
            ];
            // An alias that is listed: the party is listed.
            parties[0].aliases = vec!["Myanmar Economic Corporation".into()];
            // A listed name at an address in another country: possible.
            parties[1].address_country = Some(Country::try_from("CY".to_string()).expect("CY"));
            // A listed parent: possible, naming the parent.
            parties[2].parent = Some("NSO Group Technologies Ltd".into());
            let c = case_of(Date::ymd(2022, 1, 1), parties);
            let listed: Vec<_> = listed_parties(&c, list)
                .map(|(p, _)| p.name.as_str())
                .collect();
            assert_eq!(listed, ["Acme Holdings"]);
            let possible = possibly_listed(&c, list);
            let lines: Vec<String> = possible.iter().map(PossibleListing::describe).collect();
            assert_eq!(possible.len(), 2, "{lines:#?}");
            assert!(lines[0].contains("not in IL"), "{}", lines[0]);
            assert!(lines[1].contains("parent organisation"), "{}", lines[1]);
        }
    }

    #[test]
    fn later_listings_are_separate() {
        for list in [&PLAIN, indexed()] {
            let c = case(Date::ymd(2021, 11, 3), &[("NSO Group", "IL")]);
            assert_eq!(listed_parties(&c, list).count(), 0);
            assert_eq!(listed_later(&c, list).count(), 1);
            assert!(possibly_listed(&c, list).is_empty());
        }
    }

    #[test]
    fn a_stale_index_is_reported() {
        assert!(PLAIN.check_index("X").is_err());
        assert!(indexed().check_index("X").is_ok());
    }
}
