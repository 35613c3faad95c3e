//! The screening test set (`tests/screening.toml`): true aliases and
//! spellings that must be matched or flagged, unrelated names that must not
//! be, each with the answer a screening officer would expect. Prints the
//! precision and recall recorded in the crate's README.
//!
//! `cargo test -p echri-sdk --test screening -- --nocapture`

use echri_sdk::screening::{
    Entry, Index, Prepared, RelatedEntity, Screening, Subject, compare, normalise, screen,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    entry: Vec<ListEntry>,
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListEntry {
    id: String,
    names: Vec<String>,
    country: String,
    #[serde(default)]
    related: Vec<Relation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Relation {
    names: Vec<String>,
    note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Expect {
    /// A strong match with the entry, at its country.
    Match,
    /// A possible match with the entry, not a strong one (another country,
    /// a related entity).
    Possible,
    /// A spelling that must be matched or flagged: match or possible.
    Flag,
    /// An unrelated name: nothing reported.
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    country: String,
    address_country: Option<String>,
    parent: Option<String>,
    expect: Expect,
    entry: Option<String>,
    why: String,
}

/// The best screening of `subject` across the list, with its entry id.
fn best<'e>(
    subject: &Subject<'_>,
    list: &'e [(String, Vec<&'e str>, &'e str, Vec<RelatedEntity<'e>>)],
) -> Option<(&'e str, Screening<'e>)> {
    let mut best: Option<(&str, Screening<'_>)> = None;
    for (id, names, country, related) in list {
        let s = screen(subject, &Entry { names, country }, related);
        if s.level() > 0 && best.as_ref().is_none_or(|(_, b)| s.is_better_than(b)) {
            best = Some((id, s));
        }
    }
    best
}

/// [`best`], with the list's names taken from `index` (each entry's names,
/// then every entry's related entities, in order).
fn best_indexed<'e>(
    subject: &Subject<'_>,
    list: &'e [(String, Vec<&'e str>, &'e str, Vec<RelatedEntity<'e>>)],
    index: &'static Index,
) -> Option<(&'e str, Screening<'e>)> {
    let prepared = Prepared::new(subject);
    let candidates = index.candidates(&prepared);
    let mut related_at = list.iter().map(|e| e.1.len()).sum::<usize>();
    let mut first = 0;
    let mut best: Option<(&str, Screening<'_>)> = None;
    for (id, names, country, related) in list {
        let rel: Vec<(RelatedEntity<'e>, usize)> = related
            .iter()
            .map(|r| {
                let at = related_at;
                related_at += r.names.len();
                (*r, at)
            })
            .collect();
        let s = prepared.screen_indexed(index, &candidates, &Entry { names, country }, first, &rel);
        first += names.len();
        if s.level() > 0 && best.as_ref().is_none_or(|(_, b)| s.is_better_than(b)) {
            best = Some((id, s));
        }
    }
    best
}

#[test]
fn screening_test_set() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/screening.toml"))
            .expect("read tests/screening.toml");
    let set: Set = toml::from_str(&text).expect("parse tests/screening.toml");
    assert!(set.case.len() >= 60, "the set has {} names", set.case.len());

    let list: Vec<(String, Vec<&str>, &str, Vec<RelatedEntity<'_>>)> = set
        .entry
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                e.names.iter().map(String::as_str).collect(),
                e.country.as_str(),
                e.related
                    .iter()
                    .map(|r| RelatedEntity {
                        // Leaked once per test run: the relation borrows the set.
                        names: Box::leak(
                            r.names
                                .iter()
                                .map(String::as_str)
                                .collect::<Vec<_>>()
                                .into_boxed_slice(),
                        ),
                        note: r.note.as_str(),
                    })
                    .collect(),
            )
        })
        .collect();

    let names: Vec<&str> = list
        .iter()
        .flat_map(|e| e.1.iter().copied())
        .chain(
            list.iter()
                .flat_map(|e| e.3.iter().flat_map(|r| r.names.iter().copied())),
        )
        .collect();
    let index: &'static Index = Box::leak(Box::new(Index::build(&names)));

    let (mut tp, mut fp, mut fn_, mut tn) = (0u32, 0u32, 0u32, 0u32);
    let (mut strong, mut strong_expected) = (0u32, 0u32);
    let mut problems = Vec::new();
    for case in &set.case {
        assert!(!case.why.trim().is_empty(), "{}: no reason", case.name);
        assert_eq!(
            case.expect == Expect::None,
            case.entry.is_none(),
            "{}: an entry is named exactly when a match is expected",
            case.name
        );
        if let Some(id) = &case.entry {
            assert!(
                list.iter().any(|e| &e.0 == id),
                "{}: no entry `{id}`",
                case.name
            );
        }
        let subject = Subject {
            name: &case.name,
            aliases: &case.aliases,
            country: &case.country,
            address_country: case.address_country.as_deref(),
            parent: case.parent.as_deref(),
        };
        let got = best(&subject, &list);
        // The list normalised ahead of time gives the same answer.
        assert_eq!(
            got,
            best_indexed(&subject, &list, index),
            "{}: the indexed screening differs",
            case.name
        );
        // And leaves out no name that could be reported.
        let prepared = Prepared::new(&subject);
        let candidates = index.candidates(&prepared);
        for name in std::iter::once(&case.name)
            .chain(&case.aliases)
            .chain(&case.parent)
        {
            let name = normalise(name);
            for (at, listed) in index.listed().enumerate() {
                let c = compare(&name, &normalise(listed));
                if c.is_strong() || c.is_near() {
                    assert!(
                        candidates.contains(at),
                        "{} ~ {listed}: {c:?} but left out",
                        case.name
                    );
                }
            }
        }
        let shown = match &got {
            Some((id, s)) => {
                let hit = s.hit().expect("a level above 0 has a hit");
                format!(
                    "{} {id}: {hit}",
                    if s.level() == 2 { "match" } else { "possible" }
                )
            }
            None => "none".to_owned(),
        };
        println!(
            "{:<9} {:<60} -> {shown}",
            format!("{:?}", case.expect),
            case.name
        );

        let level = got.as_ref().map_or(0, |(_, s)| s.level());
        let right_entry = got.as_ref().map(|(id, _)| *id) == case.entry.as_deref();
        let ok = match case.expect {
            Expect::None => level == 0,
            Expect::Match => level == 2 && right_entry,
            Expect::Possible => level == 1 && right_entry,
            Expect::Flag => level > 0 && right_entry,
        };
        if !ok {
            problems.push(format!(
                "{} ({}): expected {:?} {} because {}; got {shown}",
                case.name,
                case.country,
                case.expect,
                case.entry.as_deref().unwrap_or(""),
                case.why
            ));
        }
        match (case.expect == Expect::None, level > 0) {
            (false, true) if right_entry => tp += 1,
            // Flagged, but as the wrong entry: counts against both.
            (false, true) => {
                fp += 1;
                fn_ += 1;
            }
            (false, false) => fn_ += 1,
            (true, true) => fp += 1,
            (true, false) => tn += 1,
        }
        if case.expect == Expect::Match {
            strong_expected += 1;
            if level == 2 && right_entry {
                strong += 1;
            }
        }
    }
    let precision = f64::from(tp) / f64::from((tp + fp).max(1));
    let recall = f64::from(tp) / f64::from((tp + fn_).max(1));
    println!(
        "\n{} names: {tp} true positives, {fp} false positives, {fn_} false negatives, {tn} true negatives",
        set.case.len()
    );
    println!(
        "precision {precision:.3}, recall {recall:.3} (a match or a possible match counts as flagged)"
    );
    println!("strong matches where a strong match is expected: {strong}/{strong_expected}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(fp, 0);
    assert_eq!(fn_, 0);
}
