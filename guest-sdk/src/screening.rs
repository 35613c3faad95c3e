//! Party screening: is this party a listed entity?
//!
//! The matcher works on a [`Subject`] (a party's names and countries, as
//! plain strings) and an [`Entry`] (a list entry's names, country and related
//! entities), so it does not depend on the case model: when the contract
//! gives a party aliases or an address country, only the code that builds the
//! [`Subject`] changes. [`crate::listing`] applies it to a case's parties.
//!
//! # Normalisation ([`normalise`])
//!
//! Both the party's names and the list's names go through the same steps:
//!
//! 1. **Transliteration and diacritics**: every non-ASCII character is
//!    replaced by its ASCII transliteration from the `deunicode` crate
//!    ("Société" → "societe", "Позитив" → "pozitiv", "海康威视" →
//!    "hai kang wei shi", Hebrew letters by their consonants). Case is folded.
//! 2. **Punctuation**: apostrophes and quotation marks inside a word are
//!    dropped ("People's" → "peoples"; the Hebrew gershayim of "בע״מ"), `&`
//!    reads "and", every other non-alphanumeric character separates words.
//!    A run of two or more single letters is one initialism ("N.S.O." and
//!    "N S O" → "nso").
//! 3. **Abbreviations** of [`ABBREVIATIONS`] are spelt out ("Tech" →
//!    "technology", "PSB" → "public security bureau").
//! 4. **Legal forms**: the suffixes of [`LEGAL_FORMS`] ("Ltd", "Co., Ltd.",
//!    "GmbH", "S.A.", "PTE", "FZ-LLC", "股份有限公司", "בע״מ", ...) are removed
//!    from the end, repeatedly, and the prefixes of [`LEADING_LEGAL_FORMS`]
//!    ("AO", "OOO", "PJSC", ...) from the start; a name is never reduced to
//!    nothing. The dictionary is written as the forms are written and goes
//!    through steps 1–3 itself, so that "Co., Ltd.", "Co Ltd" and "CO.,LTD"
//!    are one entry.
//! 5. **Chinese and Japanese script** has no spaces between words: a run of
//!    Han or kana characters is one word, its syllables concatenated
//!    ("浙江大华技术" → "zhejiangdahuajishu"), so that it equals the pinyin
//!    written as one or several words, and is never split into syllables
//!    that could match on their own.
//!
//! # Comparison ([`compare`])
//!
//! A name is compared with one listed name (an alias) in four steps:
//!
//! 1. **Spacing**: where several adjacent words of one side spell one word
//!    of the other ("Hik Vision" / "Hikvision"), they are joined.
//! 2. **Exact**: the same words, or the same letters once spaces are
//!    removed: score 1.
//! 3. **Contained**: the alias's words occur as a contiguous run within the
//!    name ("NSO Group Technologies" contains "NSO Group"); or **partial**:
//!    the name, if specific, is a run within the alias.
//! 4. **Score**: a weighted token-set similarity. Each word is paired with at
//!    most one word of the other side; a pair scores 1 if the words are equal
//!    and their Jaro–Winkler similarity if both have at least
//!    [`MIN_FUZZY_TOKEN_LEN`] letters, are not Chinese script, and reach
//!    [`TOKEN_SIMILARITY_FLOOR`]; otherwise 0. Pairs are taken best first. A
//!    word weighs its length in letters, times [`GENERIC_WEIGHT`] if it is
//!    one of the [`GENERIC_WORDS`] ("technology", "group", "bureau"). The
//!    score is `Σ sim(a, b) · (w(a) + w(b)) / (Σ w(name) + Σ w(alias))`: 1
//!    for the same words, lower for every unpaired or misspelt word, and
//!    lowered less by generic words than by distinctive ones. The score is
//!    reported for every comparison, exact and contained ones included.
//!
//! # Specificity
//!
//! An alias is **specific** when, normalised, it has at least two words of
//! which at least one is not generic ("NSO Group", "Saito Tech", "Ministry
//! of Defence"). A non-specific alias (one word, such as "Dahua", "MEC",
//! "Face++" or "海康威视", or only generic words):
//!
//! - matches only a name that is, after normalisation, the alias itself
//!   (exactly, or with other spacing): "Hik Vision Ltd" is "Hikvision", but
//!   "Dahua Pharmaceutical" and "MEC Trading Ltd" are not "Dahua" and "MEC";
//! - is never found inside a longer name, and a score over
//!   [`MATCH_THRESHOLD`] is only a possible match ("Hikvission");
//! - in another country, is reported (as a possible match) only when it is
//!   the party's whole name and has at least [`MIN_DISTINCTIVE_LEN`]
//!   letters: "Intellexa" in Cyprus is worth a look, "MEC" or "Dahua" in
//!   another country is no evidence.
//!
//! # Verdict ([`screen`])
//!
//! For each of the subject's names against each of the entry's names:
//!
//! - a **strong** name match is an exact one; or, for a specific alias, a
//!   contained one or a score of at least [`MATCH_THRESHOLD`];
//! - a **near** name match is any other with a score of at least
//!   [`REVIEW_THRESHOLD`], or a specific name whose words are a run of the
//!   listed name's ([`Basis::Partial`]: "Computer Security Initiative" for
//!   "Computer Security Initiative Consultancy"), or a listed name in Chinese
//!   script of at least [`MIN_CJK_CONTAINED`] characters within a longer
//!   name in that script ([`Basis::WithinScript`]).
//!
//! The subject's country **agrees** when it is the entry's country and the
//! address country, if given, is too. Then:
//!
//! | name | country agrees | country differs |
//! |---|---|---|
//! | strong | [`Screening::Match`] | [`Screening::Possible`] ([`Reason::OtherCountry`]), specific or distinctive aliases only |
//! | near | [`Screening::Possible`] ([`Reason::NearName`]) | not reported |
//!
//! Two weak signals together (a near name in another country) are not
//! reported: they would bury the officer's queue. When no name of the entry
//! is matched, the entry's related entities (e.g. Q Cyber Technologies beside
//! NSO Group) are screened the same way, and any strong or near match is a
//! [`Screening::Possible`] with [`Reason::Related`] and the entry's note.
//!
//! The party's parent organisation (contract 0.2's `parent`), when the
//! case gives one, is compared with the entry's names last: a strong match
//! is a [`Screening::Possible`] with [`Reason::Parent`].
//!
//! # Ahead of time ([`Index`])
//!
//! A component lives for one evaluation, so a list normalised at run time
//! is normalised again for every case. [`Index::build`] normalises a list's
//! names and indexes their words; a rule crate keeps the result as a
//! generated `static` ([`Index::to_source`]) that its tests check against
//! the list, and [`Prepared::screen_indexed`] compares a party only with the
//! names that [`Index::candidates`] finds by looking up its words (equal,
//! prefix, or close in spelling), never with the others. The dictionaries
//! (legal forms, generic words) are static tables too. A plain ASCII party
//! name is never transliterated: its characters are folded in place.
//!
//! ```
//! use echri_sdk::screening::{screen, Entry, Reason, RelatedEntity, Screening, Subject};
//!
//! let nso = Entry { names: &["NSO Group"], country: "IL" };
//! let related = [RelatedEntity { names: &["Q Cyber Technologies"], note: "NSO's parent" }];
//! let party = |name, country| Subject { name, aliases: &[], country, address_country: None, parent: None };
//!
//! assert!(matches!(screen(&party("N.S.O. Group Technologies Ltd.", "IL"), &nso, &related), Screening::Match(_)));
//! let Screening::Possible(hit) = screen(&party("NSO Group", "CY"), &nso, &related) else { panic!() };
//! assert!(matches!(hit.reason, Reason::OtherCountry { entry_country: "IL" }));
//! assert!(matches!(screen(&party("Q Cyber Technologies Ltd", "IL"), &nso, &related), Screening::Possible(_)));
//! assert!(matches!(screen(&party("NSW Group", "IL"), &nso, &related), Screening::NoMatch));
//! ```

use std::borrow::Cow;
use std::fmt;

/// A name score at or above which a specific alias is a strong name match
/// (see the module docs). Below it, down to [`REVIEW_THRESHOLD`], the name
/// is a near match, reported for review.
pub const MATCH_THRESHOLD: f64 = 0.92;

/// The lowest name score reported as a possible match to review.
pub const REVIEW_THRESHOLD: f64 = 0.80;

/// The lowest Jaro–Winkler similarity at which two different words still
/// pair ("uighur"/"uyghur" 0.90, "grup"/"group" is too short to pair).
pub const TOKEN_SIMILARITY_FLOOR: f64 = 0.90;

/// Words shorter than this (in letters) pair only when equal: a one-letter
/// difference in "MEC" or "PSB" is another name, not a spelling.
pub const MIN_FUZZY_TOKEN_LEN: usize = 5;

/// A non-specific listed name that is the party's whole name, in another
/// country, is reported only if it has at least this many letters:
/// "Intellexa" or "Hikvision" abroad is worth a look, "MEC" or "Dahua" is not.
pub const MIN_DISTINCTIVE_LEN: usize = 6;

/// A listed name in Chinese or Japanese script of at least this many
/// characters, found within a longer name in that script, is a near match
/// ("美亚柏科" in "厦门市美亚柏科信息股份有限公司"); two characters ("大华")
/// are too common to mean anything.
pub const MIN_CJK_CONTAINED: usize = 4;

/// The weight of a generic word relative to a distinctive word of the same
/// length.
pub const GENERIC_WEIGHT: f64 = 0.3;

/// Legal-form suffixes, removed from the end of a name (repeatedly). Written
/// as they are written; each is normalised like a name and compared without
/// spaces, so "Co., Ltd." also covers "Co Ltd" and "CO.,LTD.".
pub const LEGAL_FORMS: &[&str] = &[
    // English and Commonwealth
    "Ltd",
    "Limited",
    "Co",
    "Co., Ltd.",
    "Company",
    "Company Limited",
    "Corp",
    "Corporation",
    "Inc",
    "Incorporated",
    "LLC",
    "L.L.C.",
    "LLP",
    "LP",
    "PLC",
    "Public Limited Company",
    "Public Company Limited",
    "PCL",
    "Pte",
    "Pte. Ltd.",
    "Pvt",
    "Pvt. Ltd.",
    "Pty",
    "Pty. Ltd.",
    "Sdn Bhd",
    "Bhd",
    // Gulf free zones
    "FZE",
    "FZCO",
    "FZ-LLC",
    "DMCC",
    // Continental Europe
    "GmbH",
    "AG",
    "KG",
    "GmbH & Co. KG",
    "SE",
    "S.A.",
    "S.A.S.",
    "SARL",
    "S.à r.l.",
    "S.p.A.",
    "S.r.l.",
    "S.L.",
    "B.V.",
    "N.V.",
    "A/S",
    "ApS",
    "AB",
    "Oy",
    "Oyj",
    "AD",
    "EAD",
    "OOD",
    "Zrt",
    "Kft",
    "Nyrt",
    "Sp. z o.o.",
    "s.r.o.",
    "d.o.o.",
    "AE",
    "IKE",
    // Russia and the CIS, when written after the name
    "AO",
    "OOO",
    "ZAO",
    "OAO",
    "PAO",
    "JSC",
    "PJSC",
    "CJSC",
    "OJSC",
    // Japan, Korea, Israel, China
    "KK",
    "Kabushiki Kaisha",
    "בע\"מ",
    "Gongsi",
    "Youxian Gongsi",
    "Youxian Zeren Gongsi",
    "Gufen Youxian Gongsi",
    "公司",
    "有限公司",
    "有限责任公司",
    "股份有限公司",
];

/// Legal forms written before the name (Russian and CIS usage:
/// «АО "Позитив Текнолоджиз"»), removed from the start. Cyrillic spellings
/// need no entry of their own: "АО" transliterates to "ao".
pub const LEADING_LEGAL_FORMS: &[&str] = &[
    "AO", "OOO", "ZAO", "OAO", "PAO", "JSC", "PJSC", "CJSC", "OJSC", "TOO", "TOV",
];

/// Abbreviations spelt out, and spelling variants folded, before
/// comparison, as `(written, read as)`. Both sides are in normalised form
/// (lower-case ASCII).
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("tech", "technology"),
    ("technologies", "technology"),
    ("intl", "international"),
    ("natl", "national"),
    ("dept", "department"),
    ("govt", "government"),
    ("univ", "university"),
    ("sci", "science"),
    ("info", "information"),
    ("mfg", "manufacturing"),
    ("svcs", "services"),
    ("defense", "defence"),
    ("psb", "public security bureau"),
];

/// Words that say what kind of organisation a name is, not which one. They
/// weigh [`GENERIC_WEIGHT`] in the score and do not make an alias specific.
/// Written in normalised form, after [`ABBREVIATIONS`].
pub const GENERIC_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "for",
    "in",
    "de",
    "group",
    "holding",
    "holdings",
    "international",
    "global",
    "trading",
    "trade",
    "import",
    "export",
    "technology",
    "science",
    "information",
    "digital",
    "network",
    "networks",
    "system",
    "systems",
    "solution",
    "solutions",
    "service",
    "services",
    "security",
    "consultancy",
    "consulting",
    "associates",
    "enterprise",
    "enterprises",
    "industry",
    "industries",
    "industrial",
    "development",
    "investment",
    "economic",
    "manufacturing",
    "engineering",
    "electronic",
    "electronics",
    "software",
    "communications",
    "research",
    "institute",
    "center",
    "centre",
    "public",
    "bureau",
    "ministry",
    "department",
    "office",
    "government",
    "peoples",
    "autonomous",
    "region",
    "prefecture",
    "municipal",
    "municipality",
    "district",
    "city",
    "county",
    "province",
    "provincial",
    "national",
    "state",
    "branch",
];

/// One party as screening sees it: its names and countries, as plain
/// strings, independent of the case model.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The party's name.
    pub name: &'a str,
    /// Other names the party is known by (screened like the name).
    pub aliases: &'a [String],
    /// The party's country (ISO 3166-1 alpha-2).
    pub country: &'a str,
    /// The country of the party's address, if the case gives one.
    pub address_country: Option<&'a str>,
    /// The party's parent organisation, if the case gives one: a parent
    /// that is a listed entity makes the party a possible match
    /// ([`Reason::Parent`]).
    pub parent: Option<&'a str>,
}

/// One list entry as screening sees it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'e> {
    /// The entry's principal name and its aliases.
    pub names: &'e [&'e str],
    /// The entry's country (ISO 3166-1 alpha-2).
    pub country: &'e str,
}

/// An entity that an entry names as related (a parent, a former name, an
/// affiliate) but that is not itself listed.
#[derive(Debug, Clone, Copy)]
pub struct RelatedEntity<'e> {
    /// The related entity's names.
    pub names: &'e [&'e str],
    /// How it relates to the entry, for the officer ("NSO Group's former
    /// parent company").
    pub note: &'e str,
}

/// How a name compared with a listed name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The same words, or the same letters without spaces.
    Exact,
    /// The listed name's words occur as a run inside the name.
    Contained,
    /// The name's words occur as a run inside the listed name, and the name
    /// is specific: a shortened name ("Hikvision Digital Technology" for
    /// "Hangzhou Hikvision Digital Technology").
    Partial,
    /// A listed name in Chinese or Japanese script of at least
    /// [`MIN_CJK_CONTAINED`] characters occurs within a word of the name in
    /// that script, at character boundaries.
    WithinScript,
    /// Neither: only the score says how close they are.
    Scored,
}

/// A name compared with one listed name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// The weighted token-set similarity, 0 to 1 (see the module docs).
    pub score: f64,
    /// How the names compared.
    pub basis: Basis,
    /// Whether the listed name is specific (see the module docs).
    pub specific: bool,
    /// Whether the listed name has at least [`MIN_DISTINCTIVE_LEN`] letters
    /// once spaces are removed.
    pub distinctive: bool,
}

impl Comparison {
    /// A strong name match: exact, or, for a specific listed name, contained
    /// or scored at least [`MATCH_THRESHOLD`].
    pub fn is_strong(&self) -> bool {
        self.basis == Basis::Exact
            || (self.specific && (self.basis == Basis::Contained || self.score >= MATCH_THRESHOLD))
    }

    /// A near name match: not strong, but scored at least
    /// [`REVIEW_THRESHOLD`], or a shortened name ([`Basis::Partial`]), or a
    /// Chinese name within a longer one ([`Basis::WithinScript`]).
    pub fn is_near(&self) -> bool {
        !self.is_strong()
            && (self.score >= REVIEW_THRESHOLD
                || matches!(self.basis, Basis::Partial | Basis::WithinScript))
    }
}

/// Why a subject was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason<'e> {
    /// A strong name match at the entry's country.
    Name,
    /// A near name match at the entry's country.
    NearName,
    /// A strong name match, but the party's country or address country is
    /// not the entry's.
    OtherCountry {
        /// The entry's country.
        entry_country: &'e str,
    },
    /// The name matches an entity that the entry names as related.
    Related {
        /// The entry's note on the relation.
        note: &'e str,
    },
    /// The party's parent organisation, not the party, is a strong name
    /// match with the entry (in any country: the case gives none for the
    /// parent).
    Parent {
        /// The entry's country.
        entry_country: &'e str,
    },
}

/// A subject's best match with one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'e> {
    /// The listed name (or related entity's name) that matched, as the list
    /// writes it.
    pub listed_name: &'e str,
    /// The subject's name (or alias) that matched, as the case writes it.
    pub subject_name: String,
    /// The comparison of the two names.
    pub comparison: Comparison,
    /// Why the subject is reported.
    pub reason: Reason<'e>,
}

impl fmt::Display for Hit<'_> {
    /// One line for a finding: the names, the basis and score with the
    /// threshold, and the reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.comparison;
        let basis = match c.basis {
            Basis::Exact => "exact after normalisation",
            Basis::Contained => "listed name contained in the name",
            Basis::Partial => "the name is part of the listed name",
            Basis::WithinScript => "the listed characters occur within the name",
            Basis::Scored => "similar",
        };
        write!(
            f,
            "\"{}\" ~ \"{}\" ({basis}, score {:.2}; match threshold {MATCH_THRESHOLD:.2}, \
             review threshold {REVIEW_THRESHOLD:.2})",
            self.subject_name, self.listed_name, c.score
        )?;
        match self.reason {
            Reason::Name => Ok(()),
            Reason::NearName => write!(f, ": a near match, under the match threshold"),
            Reason::OtherCountry { entry_country } => write!(
                f,
                ": the name matches but the party is not in {entry_country}, the entry's country"
            ),
            Reason::Related { note } => {
                write!(f, ": a related entity, not itself listed ({note})")
            }
            Reason::Parent { entry_country } => write!(
                f,
                ": the party's parent organisation matches the entry ({entry_country}); a \
                 subsidiary is not itself listed by name, so its ownership is to be reviewed"
            ),
        }
    }
}

/// The screening of one subject against one entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Screening<'e> {
    /// The subject is the entry: a strong name match at the entry's country.
    Match(Hit<'e>),
    /// A possible match, to be reported for review with its hit.
    Possible(Hit<'e>),
    /// Nothing to report.
    NoMatch,
}

impl<'e> Screening<'e> {
    /// The hit, unless there is none.
    pub fn hit(&self) -> Option<&Hit<'e>> {
        match self {
            Screening::Match(h) | Screening::Possible(h) => Some(h),
            Screening::NoMatch => None,
        }
    }

    /// 2 for a match, 1 for a possible match, 0 for none.
    pub fn level(&self) -> u8 {
        match self {
            Screening::Match(_) => 2,
            Screening::Possible(_) => 1,
            Screening::NoMatch => 0,
        }
    }

    /// Whether this screening ranks above `other`: a higher level, or the
    /// same level with a higher score.
    pub fn is_better_than(&self, other: &Screening<'_>) -> bool {
        let score = |s: &Screening<'_>| s.hit().map_or(0.0, |h| h.comparison.score);
        (self.level(), score(self)) > (other.level(), score(other))
    }
}

/// Screens `subject` (each of its names) against `entry`, then, if no name
/// of the entry matched, against the entry's `related` entities, then its
/// parent organisation against the entry (see the module docs for the
/// rules). The list's names are normalised here; a list screened for every
/// case should be normalised ahead of time ([`Index`]).
pub fn screen<'e>(
    subject: &Subject<'_>,
    entry: &Entry<'e>,
    related: &[RelatedEntity<'e>],
) -> Screening<'e> {
    Prepared::new(subject).screen(entry, related)
}

/// A subject with its names normalised once, to screen against a whole
/// list.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    subject: Subject<'a>,
    names: Vec<(&'a str, NormalName)>,
    parent: Option<(&'a str, NormalName)>,
}

impl<'a> Prepared<'a> {
    /// Normalises the subject's name, aliases and parent.
    pub fn new(subject: &Subject<'a>) -> Prepared<'a> {
        Prepared {
            subject: *subject,
            names: std::iter::once(subject.name)
                .chain(subject.aliases.iter().map(String::as_str))
                .map(|n| (n, normalise(n)))
                .collect(),
            parent: subject.parent.map(|p| (p, normalise(p))),
        }
    }

    /// The same as [`screen`], for this subject.
    pub fn screen<'e>(&self, entry: &Entry<'e>, related: &[RelatedEntity<'e>]) -> Screening<'e> {
        let all: Vec<&NormalName> = self.all_names().collect();
        self.screen_with(entry, related, &mut |_, listed| {
            all.iter()
                .any(|name| may_match(name, listed))
                .then(|| Cow::Owned(normalise(listed)))
        })
    }

    /// The same as [`screen`], with the list's names taken from `index`:
    /// `first` is the index position of the entry's first name, and each
    /// related entity comes with the position of its first name. A name
    /// that [`Index::candidates`] leaves out is not compared.
    pub fn screen_indexed<'e>(
        &self,
        index: &'static Index,
        candidates: &Candidates,
        entry: &Entry<'e>,
        first: usize,
        related: &[(RelatedEntity<'e>, usize)],
    ) -> Screening<'e> {
        if !candidates.any_in(first, entry.names.len())
            && !related
                .iter()
                .any(|(r, at)| candidates.any_in(*at, r.names.len()))
        {
            return Screening::NoMatch;
        }
        let mut positions: Vec<usize> = (first..first + entry.names.len()).collect();
        let mut rel: Vec<RelatedEntity<'e>> = Vec::with_capacity(related.len());
        for (r, at) in related {
            positions.extend(*at..*at + r.names.len());
            rel.push(*r);
        }
        self.screen_with(entry, &rel, &mut |k, _| {
            let at = positions[k];
            candidates
                .contains(at)
                .then(|| Cow::Borrowed(&index.names[at].normal))
        })
    }

    fn all_names(&self) -> impl Iterator<Item = &NormalName> {
        self.names
            .iter()
            .map(|(_, n)| n)
            .chain(self.parent.iter().map(|(_, n)| n))
    }

    /// `lookup(k, listed)` gives the normalised form of the `k`th listed
    /// name (the entry's names, then each related entity's), or `None` if
    /// it cannot compare as anything but unrelated.
    fn screen_with<'e>(
        &self,
        entry: &Entry<'e>,
        related: &[RelatedEntity<'e>],
        lookup: &mut dyn FnMut(usize, &'e str) -> Option<Cow<'static, NormalName>>,
    ) -> Screening<'e> {
        let subject = &self.subject;
        let agrees = subject.country == entry.country
            && subject.address_country.is_none_or(|a| a == entry.country);
        let mut k = 0;
        let mut best = Screening::NoMatch;
        let mut entry_names: Vec<(&'e str, Cow<'static, NormalName>)> = Vec::new();
        for listed in entry.names {
            let normal = lookup(k, listed);
            k += 1;
            let Some(alias) = normal else { continue };
            for candidate in judge(&self.names, listed, &alias, |c| {
                if c.is_strong() && agrees {
                    Some(Reason::Name)
                } else if c.is_strong() && (c.specific || c.distinctive) {
                    Some(Reason::OtherCountry {
                        entry_country: entry.country,
                    })
                } else if c.is_near() && agrees {
                    Some(Reason::NearName)
                } else {
                    None
                }
            }) {
                if candidate.is_better_than(&best) {
                    best = candidate;
                }
            }
            entry_names.push((listed, alias));
        }
        if best.level() > 0 {
            return best;
        }
        for rel in related {
            for listed in rel.names {
                let normal = lookup(k, listed);
                k += 1;
                let Some(alias) = normal else { continue };
                for candidate in judge(&self.names, listed, &alias, |c| {
                    let report = (c.is_strong() && (agrees || c.specific || c.distinctive))
                        || (c.is_near() && agrees);
                    report.then_some(Reason::Related { note: rel.note })
                }) {
                    if candidate.is_better_than(&best) {
                        best = candidate;
                    }
                }
            }
        }
        if best.level() > 0 {
            return best;
        }
        // The parent organisation: a strong match with the entry's name, in
        // any country (the case gives no country for the parent).
        if let Some((raw, parent)) = &self.parent {
            for (listed, alias) in &entry_names {
                let parent_names = [(*raw, parent.clone())];
                for candidate in judge(&parent_names, listed, alias, |c| {
                    (c.is_strong() && (c.specific || c.distinctive)).then_some(Reason::Parent {
                        entry_country: entry.country,
                    })
                }) {
                    if candidate.is_better_than(&best) {
                        best = candidate;
                    }
                }
            }
        }
        best
    }
}

/// The screenings of each of `names` against `listed` (normalised as
/// `alias`), with the reason `classify` gives (none: not reported).
fn judge<'e>(
    names: &[(&str, NormalName)],
    listed: &'e str,
    alias: &NormalName,
    classify: impl Fn(&Comparison) -> Option<Reason<'e>>,
) -> Vec<Screening<'e>> {
    names
        .iter()
        .filter_map(|(raw, name)| {
            let comparison = compare(name, alias);
            let reason = classify(&comparison)?;
            let hit = Hit {
                listed_name: listed,
                subject_name: (*raw).to_owned(),
                comparison,
                reason,
            };
            Some(if reason == Reason::Name {
                Screening::Match(hit)
            } else {
                Screening::Possible(hit)
            })
        })
        .collect()
}

/// Whether `listed` can compare as anything but unrelated with `name`, decided
/// without normalising `listed`: a component lives for one evaluation, so
/// normalising every name of a list for every case would dominate its cost.
///
/// Every reportable comparison pairs a word of the name with a word of the
/// listed name that is equal, Jaro–Winkler-similar, or a prefix of it or it
/// of it (spacing joins and exact spelling without spaces start that way).
/// For a listed name in ASCII without quotation marks or one-letter words,
/// the normalised words are among its lower-cased words (and their
/// spelt-out [`ABBREVIATIONS`], and "and" for `&`), so checking those is
/// enough. Any other listed name (another script, initialisms,
/// apostrophes) is always normalised.
fn may_match(name: &NormalName, listed: &str) -> bool {
    let plain = listed
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b" ,.()-/+&".contains(&b));
    let words = || {
        listed
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    if !plain || words().any(|w| w.len() == 1) {
        return true;
    }
    let mut buf = [0u8; 64];
    let related = |u: &str, t: &str| {
        u == t
            || u.starts_with(t)
            || t.starts_with(u)
            || (u.len() >= MIN_FUZZY_TOKEN_LEN
                && t.len() >= MIN_FUZZY_TOKEN_LEN
                && jaro_winkler_bound(u.as_bytes(), t.as_bytes()) >= TOKEN_SIMILARITY_FLOOR
                && strsim::jaro_winkler(u, t) >= TOKEN_SIMILARITY_FLOOR)
    };
    let check = |t: &str| name.words().any(|u| related(u, t));
    if listed.contains('&') && check("and") {
        return true;
    }
    for word in words() {
        if word.len() > buf.len() {
            return true;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).expect("ASCII");
        if check(lower) {
            return true;
        }
        if let Some((_, spelt)) = ABBREVIATIONS.iter().find(|(a, _)| *a == lower)
            && spelt.split(' ').any(check)
        {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Index: a list's names normalised ahead of time
// ---------------------------------------------------------------------------

/// A list's names normalised ahead of time, with an index of their words
/// that finds, for a party, the few listed names worth comparing.
///
/// A component lives for one evaluation, so a list normalised at run time
/// would be normalised again for every case. A rule crate instead keeps a
/// generated table ([`Index::to_source`], written into its sources and
/// checked by its tests against [`Index::build`] of its list), so that an
/// evaluation reads the normalised names and does not compute them.
///
/// [`Index::candidates`] leaves out a listed name only when no comparison
/// with it can be reported: a comparison is reported only if some word of
/// the party is equal to a distinctive (non-generic) word of the listed
/// name, a strict prefix of a listed word or it of the party's word (which
/// spacing joins and spellings without spaces need), or Jaro–Winkler-close
/// enough to pair; or, when its only links are generic words (equal or
/// close), if those alone could reach [`REVIEW_THRESHOLD`]. Every name is
/// compared for a party with a name in Chinese or Japanese script.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    names: Cow<'static, [IndexedName]>,
    /// Sorted by text.
    words: Cow<'static, [IndexedWord]>,
    /// For each word, in the same order: its letter mask, its length (bits
    /// 32-39), and whether it may pair by spelling (bit 40: not script,
    /// long enough), packed so that the spelling scan reads one number.
    shapes: Cow<'static, [u64]>,
    always: Cow<'static, [u16]>,
}

/// One listed name of an [`Index`].
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedName {
    listed: Cow<'static, str>,
    normal: NormalName,
}

/// One word of an [`Index`]: the names that have it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedWord {
    text: Cow<'static, str>,
    /// Letter classes present (see `letter_mask`).
    mask: u32,
    /// Generic ([`GENERIC_WORDS`]): equality alone does not make a
    /// candidate.
    generic: bool,
    /// Chinese or Japanese script: never paired by spelling.
    cjk: bool,
    names: Cow<'static, [u16]>,
}

/// The listed names of an [`Index`] worth comparing with one party.
#[derive(Debug, Clone)]
pub struct Candidates(Vec<u64>);

impl Candidates {
    /// Whether the name at `position` is to be compared.
    pub fn contains(&self, position: usize) -> bool {
        self.0
            .get(position / 64)
            .is_some_and(|w| w & (1 << (position % 64)) != 0)
    }

    /// Whether any of the `len` names from `start` is to be compared.
    pub fn any_in(&self, start: usize, len: usize) -> bool {
        (start..start + len).any(|p| self.contains(p))
    }

    /// Whether no name is to be compared.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    fn insert(&mut self, position: usize) {
        if let Some(w) = self.0.get_mut(position / 64) {
            *w |= 1 << (position % 64);
        }
    }
}

/// Bits 0–25 the letters, 26 any digit, 27 anything else.
fn letter_mask(word: &str) -> u32 {
    word.bytes().fold(0, |m, c| {
        m | 1
            << match c {
                b'a'..=b'z' => u32::from(c - b'a'),
                b'0'..=b'9' => 26,
                _ => 27,
            }
    })
}

/// The packed shape of a word (see `Index::shapes`).
fn shape(w: &IndexedWord) -> u64 {
    let pairs = !w.cjk && w.text.len() >= MIN_FUZZY_TOKEN_LEN;
    u64::from(w.mask) | (w.text.len().min(255) as u64) << 32 | u64::from(pairs) << 40
}

/// Whether two words (`la` letters and `mask_a`; a packed shape), neither shorter than [`MIN_FUZZY_TOKEN_LEN`], may
/// reach [`TOKEN_SIMILARITY_FLOOR`], from their lengths and letter masks
/// only. Jaro–Winkler reaches 0.90 only if Jaro reaches 5/6 (the prefix
/// bonus is at most 0.4 · (1 − Jaro)), so only if `m/a + m/b ≥ 3/2`, where
/// the matches `m` are at most each word's length less the letter classes
/// it has that the other lacks.
fn may_pair_shape(la: usize, mask_a: u32, shape: u64) -> bool {
    let lb = (shape >> 32) & 0xff;
    let mask_b = shape as u32;
    let la = la as u64;
    let ma = la.saturating_sub(u64::from((mask_a & !mask_b).count_ones()));
    let mb = lb.saturating_sub(u64::from((mask_b & !mask_a).count_ones()));
    let m = ma.min(mb);
    debug_assert!(
        (TOKEN_SIMILARITY_FLOOR - 0.9).abs() < 1e-12,
        "bound written for 0.90"
    );
    2 * m * (la + lb) >= 3 * la * lb
}

impl Index {
    /// Normalises `names` (a list's names in a fixed order: a name is
    /// known by its position) and indexes their words.
    pub fn build(names: &[&str]) -> Index {
        use std::collections::BTreeMap;
        let normal: Vec<NormalName> = names.iter().map(|n| normalise(n)).collect();
        let mut words: BTreeMap<String, (bool, bool, Vec<u16>)> = BTreeMap::new();
        let mut always = Vec::new();
        for (i, name) in normal.iter().enumerate() {
            let id = u16::try_from(i).expect("at most 65,535 listed names");
            for t in name.tokens.iter() {
                let w = words
                    .entry(t.text.to_string())
                    .or_insert((t.generic, t.cjk, Vec::new()));
                if w.2.last() != Some(&id) {
                    w.2.push(id);
                }
            }
            // A name no word can link: none yet (every normalised name has
            // a word); kept so that the table's form need not change.
            if name.tokens.is_empty() {
                always.push(id);
            }
        }
        let words: Vec<IndexedWord> = words
            .into_iter()
            .map(|(text, (generic, cjk, names))| IndexedWord {
                mask: letter_mask(&text),
                text: Cow::Owned(text),
                generic,
                cjk,
                names: Cow::Owned(names),
            })
            .collect();
        let shapes = words.iter().map(shape).collect();
        Index {
            shapes: Cow::Owned(shapes),
            words: Cow::Owned(words),
            names: names
                .iter()
                .zip(normal)
                .map(|(l, normal)| IndexedName {
                    listed: Cow::Owned((*l).to_owned()),
                    normal,
                })
                .collect(),
            always: Cow::Owned(always),
        }
    }

    /// A table generated by [`Index::to_source`].
    #[doc(hidden)]
    pub const fn from_static(
        names: &'static [IndexedName],
        words: &'static [IndexedWord],
        shapes: &'static [u64],
        always: &'static [u16],
    ) -> Index {
        Index {
            names: Cow::Borrowed(names),
            words: Cow::Borrowed(words),
            shapes: Cow::Borrowed(shapes),
            always: Cow::Borrowed(always),
        }
    }

    /// The listed names, in order.
    pub fn listed(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| &*n.listed)
    }

    /// The number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the index has no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The Rust source of a `static` holding this index, for a generated
    /// file (`static NAME: Index = ...;`, with one `static` array per name:
    /// a temporary with a destructor cannot be borrowed in a `static`).
    pub fn to_source(&self, name: &str) -> String {
        use std::fmt::Write as _;
        const SDK: &str = "echri_sdk::screening";
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// @generated by echri_sdk::screening::Index::to_source: do not edit by hand.\n\
             // The list's names normalised ahead of time; the list's tests check this\n\
             // table against Index::build and rewrite it when ECHRI_BLESS is set.\n"
        );
        for (i, n) in self.names.iter().enumerate() {
            let _ = write!(
                out,
                "static {name}_{i}: [{SDK}::Token; {}] = [",
                n.normal.tokens.len()
            );
            for t in n.normal.tokens.iter() {
                let _ = write!(
                    out,
                    "\n    {SDK}::Token::from_static({:?}, {}, &{:?}, {}),",
                    &*t.text, t.cjk, &*t.starts, t.generic
                );
            }
            out.push_str("\n];\n");
        }
        let _ = write!(
            out,
            "\nstatic {name}_NAMES: [{SDK}::IndexedName; {}] = [",
            self.names.len()
        );
        for (i, n) in self.names.iter().enumerate() {
            let _ = write!(
                out,
                "\n    {SDK}::IndexedName::from_static({:?}, &{name}_{i}),",
                &*n.listed
            );
        }
        let _ = write!(
            out,
            "\n];\n\nstatic {name}_WORDS: [{SDK}::IndexedWord; {}] = [",
            self.words.len()
        );
        for w in self.words.iter() {
            let _ = write!(
                out,
                "\n    {SDK}::IndexedWord::from_static({:?}, {}, {}, {}, &{:?}),",
                &*w.text, w.mask, w.generic, w.cjk, &*w.names
            );
        }
        let _ = writeln!(
            out,
            "\n];\n\nstatic {name}_SHAPES: [u64; {}] = {:?};\n\npub(crate) static {name}: {SDK}::Index =\n    \
             {SDK}::Index::from_static(&{name}_NAMES, &{name}_WORDS, &{name}_SHAPES, &{:?});",
            self.shapes.len(),
            &*self.shapes,
            &*self.always
        );
        out
    }

    /// The listed names worth comparing with `subject` (see the type's
    /// docs): a few words looked up, no name normalised.
    pub fn candidates(&self, subject: &Prepared<'_>) -> Candidates {
        let n = self.names.len();
        let mut c = Candidates(vec![0; n.div_ceil(64)]);
        if subject
            .all_names()
            .any(|name| name.tokens.iter().any(|t| t.cjk))
        {
            for i in 0..n {
                c.insert(i);
            }
            return c;
        }
        for &id in self.always.iter() {
            c.insert(usize::from(id));
        }
        let mut mark = |w: &IndexedWord| {
            for &id in w.names.iter() {
                c.insert(usize::from(id));
            }
        };
        let find = |u: &str| self.words.binary_search_by(|w| (*w.text).cmp(u));
        let mut linked_generic: Vec<(usize, f64)> = Vec::new();
        for name in subject.all_names() {
            for t in name.tokens.iter() {
                let u: &str = &t.text;
                // Equal (distinctive), or `u` a strict prefix of listed words.
                let from = match find(u) {
                    Ok(i) => {
                        if self.words[i].generic {
                            linked_generic.push((i, t.weight()));
                        } else {
                            mark(&self.words[i]);
                        }
                        i + 1
                    }
                    Err(i) => i,
                };
                for w in self.words[from..].iter() {
                    if !w.text.starts_with(u) {
                        break;
                    }
                    mark(w);
                }
                // Listed words that are strict prefixes of `u` (ASCII).
                for k in 1..u.len() {
                    if let Ok(i) = find(&u[..k]) {
                        mark(&self.words[i]);
                    }
                }
                // Listed words close enough in spelling to pair. A generic
                // one ("republic" ~ "public") pairs only generic weight on
                // the list's side: its names are weighed below.
                if u.len() >= MIN_FUZZY_TOKEN_LEN {
                    let mu = letter_mask(u);
                    for (i, &sh) in self.shapes.iter().enumerate() {
                        if sh & (1 << 40) == 0 || !may_pair_shape(u.len(), mu, sh) {
                            continue;
                        }
                        let w = &self.words[i];
                        if w.text != u && token_similarity_words(u, &w.text) > 0.0 {
                            if w.generic {
                                linked_generic.push((i, t.weight()));
                            } else {
                                mark(w);
                            }
                        }
                    }
                }
            }
        }
        // A name whose only links with the party are generic words (equal,
        // or close in spelling) is compared only if those links alone could
        // reach the review threshold: at most `linked / (linked + rest)`,
        // where `linked` is each linked listed word's weight plus the
        // heaviest party word linked with it, and `rest` the weight of the
        // name's other words.
        for &(i, _) in &linked_generic {
            for &id in self.words[i].names.iter() {
                let id = usize::from(id);
                if c.contains(id) {
                    continue;
                }
                let (mut linked, mut rest) = (0.0, 0.0);
                for t in self.names[id].normal.tokens.iter() {
                    let party = linked_generic
                        .iter()
                        .filter(|(j, _)| t.generic && self.words[*j].text == t.text)
                        .map(|(_, w)| *w)
                        .fold(0.0, f64::max);
                    if party > 0.0 {
                        linked += t.weight() + party;
                    } else {
                        rest += t.weight();
                    }
                }
                if linked > 0.0 && linked / (linked + rest) >= REVIEW_THRESHOLD {
                    c.insert(id);
                }
            }
        }
        c
    }
}

impl IndexedName {
    /// A name of a table generated by [`Index::to_source`].
    #[doc(hidden)]
    pub const fn from_static(listed: &'static str, tokens: &'static [Token]) -> IndexedName {
        IndexedName {
            listed: Cow::Borrowed(listed),
            normal: NormalName::from_static(tokens),
        }
    }
}

impl IndexedWord {
    /// A word of a table generated by [`Index::to_source`].
    #[doc(hidden)]
    pub const fn from_static(
        text: &'static str,
        mask: u32,
        generic: bool,
        cjk: bool,
        names: &'static [u16],
    ) -> IndexedWord {
        IndexedWord {
            text: Cow::Borrowed(text),
            mask,
            generic,
            cjk,
            names: Cow::Borrowed(names),
        }
    }
}

/// One word of a normalised name. Borrowed from a static table when the
/// name was normalised ahead of time ([`Index`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    text: Cow<'static, str>,
    /// Chinese or Japanese script: compared only for equality.
    cjk: bool,
    /// Where each character's syllable starts in `text` (script words only).
    starts: Cow<'static, [usize]>,
    /// One of the [`GENERIC_WORDS`].
    generic: bool,
}

impl Token {
    fn new(text: String, cjk: bool, starts: Vec<usize>) -> Token {
        let generic = !cjk && generic_words().contains(text.as_str());
        Token {
            text: Cow::Owned(text),
            cjk,
            starts: Cow::Owned(starts),
            generic,
        }
    }

    /// A word of a table generated by [`Index::to_source`]; not for
    /// writing by hand (the generated table is checked against
    /// [`Index::build`] by the list's tests).
    #[doc(hidden)]
    pub const fn from_static(
        text: &'static str,
        cjk: bool,
        starts: &'static [usize],
        generic: bool,
    ) -> Token {
        Token {
            text: Cow::Borrowed(text),
            cjk,
            starts: Cow::Borrowed(starts),
            generic,
        }
    }

    fn generic(&self) -> bool {
        self.generic
    }

    fn weight(&self) -> f64 {
        let len = self.text.len() as f64;
        if self.generic {
            len * GENERIC_WEIGHT
        } else {
            len
        }
    }
}

/// A name after normalisation (see the module docs): its words, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalName {
    tokens: Cow<'static, [Token]>,
}

impl NormalName {
    /// A name of a table generated by [`Index::to_source`].
    #[doc(hidden)]
    pub const fn from_static(tokens: &'static [Token]) -> NormalName {
        NormalName {
            tokens: Cow::Borrowed(tokens),
        }
    }

    /// The words.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| &*t.text)
    }

    /// The words joined without spaces.
    pub fn compact(&self) -> String {
        self.words().collect()
    }

    fn letters(&self) -> impl Iterator<Item = u8> + '_ {
        self.tokens.iter().flat_map(|t| t.text.bytes())
    }

    /// Whether the name has no words at all.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether the name is specific: at least two words, one of them not
    /// generic.
    pub fn is_specific(&self) -> bool {
        self.tokens.len() >= 2 && self.tokens.iter().any(|t| !t.generic())
    }
}

impl fmt::Display for NormalName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words: Vec<&str> = self.words().collect();
        f.write_str(&words.join(" "))
    }
}

/// One transliterated unit before legal forms are stripped: a word, or one
/// syllable of a run of Chinese or Japanese script (`glued` to the syllable
/// before it).
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    cjk: bool,
    glued: bool,
}

/// Chinese and Japanese script, written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}')
}

/// Characters dropped inside a word: apostrophes and quotation marks (and
/// the transliterations of Hebrew aleph and ayin).
fn is_dropped(c: char) -> bool {
    matches!(c, '\'' | '`' | '"')
}

/// Steps 1 and 2 of the normalisation: transliterated, case-folded units.
fn units(name: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut word = String::new();
    let mut last_cjk = false;
    fn flush(out: &mut Vec<Unit>, word: &mut String) {
        if !word.is_empty() {
            out.push(Unit {
                text: std::mem::take(word),
                cjk: false,
                glued: false,
            });
        }
    }
    fn ascii(c: char, out: &mut Vec<Unit>, word: &mut String) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if is_dropped(c) {
        } else if c == '&' {
            flush(out, word);
            out.push(Unit {
                text: "and".into(),
                cjk: false,
                glued: false,
            });
        } else {
            flush(out, word);
        }
    }
    for c in name.chars() {
        if c.is_ascii() {
            ascii(c, &mut out, &mut word);
            last_cjk = false;
        } else if is_unspaced(c) {
            flush(&mut out, &mut word);
            let syllable: String = deunicode::deunicode_char(c)
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !syllable.is_empty() {
                out.push(Unit {
                    text: syllable,
                    cjk: true,
                    glued: last_cjk,
                });
                last_cjk = true;
            }
        } else {
            match deunicode::deunicode_char(c) {
                Some(t) => t.chars().for_each(|t| ascii(t, &mut out, &mut word)),
                None => flush(&mut out, &mut word),
            }
            last_cjk = false;
        }
    }
    flush(&mut out, &mut word);
    fold_initialisms(out)
}

/// Joins runs of two or more single letters ("n s o" → "nso").
fn fold_initialisms(units: Vec<Unit>) -> Vec<Unit> {
    let single =
        |u: &Unit| !u.cjk && u.text.len() == 1 && u.text.as_bytes()[0].is_ascii_alphabetic();
    if !units.windows(2).any(|w| single(&w[0]) && single(&w[1])) {
        return units;
    }
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    // How many single letters end `out`, joined into its last unit.
    let mut run = 0;
    for unit in units {
        if single(&unit) && run > 0 {
            out.last_mut().expect("run > 0").text.push_str(&unit.text);
            run += 1;
        } else {
            run = usize::from(single(&unit));
            out.push(unit);
        }
    }
    out
}

/// Step 3: the units with abbreviations spelt out (into one or more words).
fn expanded(units: Vec<Unit>) -> Vec<Unit> {
    let abbreviation = |u: &Unit| {
        if u.cjk {
            None
        } else {
            ABBREVIATIONS.iter().find(|(a, _)| *a == u.text)
        }
    };
    if !units.iter().any(|u| abbreviation(u).is_some()) {
        return units;
    }
    let mut out = Vec::with_capacity(units.len() + 2);
    for unit in units {
        match abbreviation(&unit) {
            Some((_, words)) => out.extend(words.split(' ').map(|w| Unit {
                text: w.to_owned(),
                cjk: false,
                glued: false,
            })),
            None => out.push(unit),
        }
    }
    out
}

/// A sorted set of short strings, searched without hashing: sorted by
/// length first, so that most comparisons end without reading a byte.
#[derive(Debug)]
struct Sorted(&'static [&'static str]);

impl Sorted {
    fn order(a: &str, b: &str) -> std::cmp::Ordering {
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    }

    fn contains(&self, word: &str) -> bool {
        self.0.binary_search_by(|w| Sorted::order(w, word)).is_ok()
    }

    /// The set made from `words`, as the static tables below are written
    /// (a test checks each table against its source list).
    #[cfg(test)]
    fn computed(words: impl Iterator<Item = String>) -> Vec<String> {
        let mut words: Vec<String> = words.collect();
        words.sort_by(|a, b| Sorted::order(a, b));
        words.dedup();
        words
    }
}

/// The normalised forms of a legal-form list, without spaces.
#[cfg(test)]
fn compact_forms(forms: &[&str]) -> Vec<String> {
    Sorted::computed(
        forms
            .iter()
            .map(|f| expanded(units(f)).into_iter().map(|u| u.text).collect()),
    )
}

// The dictionaries below, normalised ahead of time: a component lives for
// one evaluation, so normalising them on first use would cost on every case.
// `static_tables_are_the_normalised_lists` checks each against its source.

/// [`LEGAL_FORMS`], normalised, without spaces.
static LEGAL_FORMS_COMPACT: Sorted = Sorted(&[
    "ab",
    "ad",
    "ae",
    "ag",
    "ao",
    "as",
    "bm",
    "bv",
    "co",
    "kg",
    "kk",
    "lp",
    "nv",
    "oy",
    "sa",
    "se",
    "sl",
    "aps",
    "bhd",
    "doo",
    "ead",
    "fze",
    "ike",
    "inc",
    "jsc",
    "kft",
    "llc",
    "llp",
    "ltd",
    "oao",
    "ood",
    "ooo",
    "oyj",
    "pao",
    "pcl",
    "plc",
    "pte",
    "pty",
    "pvt",
    "sas",
    "spa",
    "srl",
    "sro",
    "zao",
    "zrt",
    "cjsc",
    "corp",
    "dmcc",
    "fzco",
    "gmbh",
    "nyrt",
    "ojsc",
    "pjsc",
    "sarl",
    "coltd",
    "fzllc",
    "spzoo",
    "gongsi",
    "pteltd",
    "ptyltd",
    "pvtltd",
    "sdnbhd",
    "company",
    "limited",
    "corporation",
    "gmbhandcokg",
    "incorporated",
    "youxiangongsi",
    "companylimited",
    "kabushikikaisha",
    "gufenyouxiangongsi",
    "youxianzerengongsi",
    "publiccompanylimited",
    "publiclimitedcompany",
]);

/// The last units of [`LEGAL_FORMS`]: a name that ends with none of them
/// ends with no legal form (the usual case, checked with one search).
static LEGAL_FORM_ENDS: Sorted = Sorted(&[
    "ab",
    "ad",
    "ae",
    "ag",
    "ao",
    "as",
    "bm",
    "bv",
    "co",
    "kg",
    "kk",
    "lp",
    "nv",
    "oy",
    "sa",
    "se",
    "si",
    "sl",
    "aps",
    "bhd",
    "doo",
    "ead",
    "fze",
    "ike",
    "inc",
    "jsc",
    "kft",
    "llc",
    "llp",
    "ltd",
    "oao",
    "ood",
    "ooo",
    "oyj",
    "pao",
    "pcl",
    "plc",
    "pte",
    "pty",
    "pvt",
    "sas",
    "spa",
    "srl",
    "sro",
    "zao",
    "zoo",
    "zrt",
    "cjsc",
    "corp",
    "dmcc",
    "fzco",
    "gmbh",
    "nyrt",
    "ojsc",
    "pjsc",
    "sarl",
    "gongsi",
    "kaisha",
    "company",
    "limited",
    "corporation",
    "incorporated",
]);

/// [`LEADING_LEGAL_FORMS`], normalised.
static LEADING_FORMS_COMPACT: Sorted = Sorted(&[
    "ao", "jsc", "oao", "ooo", "pao", "too", "tov", "zao", "cjsc", "ojsc", "pjsc",
]);

/// [`GENERIC_WORDS`], sorted.
static GENERIC_SORTED: Sorted = Sorted(&[
    "de",
    "in",
    "of",
    "and",
    "for",
    "the",
    "city",
    "group",
    "state",
    "trade",
    "branch",
    "bureau",
    "center",
    "centre",
    "county",
    "export",
    "global",
    "import",
    "office",
    "public",
    "region",
    "system",
    "digital",
    "holding",
    "network",
    "peoples",
    "science",
    "service",
    "systems",
    "trading",
    "district",
    "economic",
    "holdings",
    "industry",
    "ministry",
    "national",
    "networks",
    "province",
    "research",
    "security",
    "services",
    "software",
    "solution",
    "institute",
    "municipal",
    "solutions",
    "associates",
    "autonomous",
    "consulting",
    "department",
    "electronic",
    "enterprise",
    "government",
    "industrial",
    "industries",
    "investment",
    "prefecture",
    "provincial",
    "technology",
    "consultancy",
    "development",
    "electronics",
    "engineering",
    "enterprises",
    "information",
    "municipality",
    "international",
    "manufacturing",
    "communications",
]);

fn legal_forms() -> &'static Sorted {
    &LEGAL_FORMS_COMPACT
}

fn legal_form_ends() -> &'static Sorted {
    &LEGAL_FORM_ENDS
}

fn leading_legal_forms() -> &'static Sorted {
    &LEADING_FORMS_COMPACT
}

fn generic_words() -> &'static Sorted {
    &GENERIC_SORTED
}

/// The longest legal form that the units end with, in units.
fn trailing_form(units: &[Unit]) -> Option<usize> {
    // Longest form: "gu fen you xian gong si", six syllables; keep one unit.
    let max = units.len().saturating_sub(1).min(8);
    if max == 0 || !legal_form_ends().contains(&units[units.len() - 1].text) {
        return None;
    }
    let tail_units = &units[units.len() - max..];
    let tail: String = tail_units.iter().map(|u| u.text.as_str()).collect();
    // `tail[start..]` is the suffix made of the last `max - i` units.
    let mut start = 0;
    for (i, unit) in tail_units.iter().enumerate() {
        if legal_forms().contains(&tail[start..]) {
            return Some(max - i);
        }
        start += unit.text.len();
    }
    None
}

/// Normalises a name (see the module docs).
pub fn normalise(name: &str) -> NormalName {
    let mut units: Vec<Unit> = expanded(units(name));
    let leading = units
        .iter()
        .take_while(|u| !u.cjk && leading_legal_forms().contains(&u.text))
        .count()
        .min(units.len().saturating_sub(1));
    units.drain(..leading);
    while let Some(k) = trailing_form(&units) {
        units.truncate(units.len() - k);
    }
    let mut tokens: Vec<Token> = Vec::with_capacity(units.len());
    for unit in units {
        match tokens.last_mut() {
            Some(last) if unit.glued && last.cjk => {
                last.starts.to_mut().push(last.text.len());
                last.text.to_mut().push_str(&unit.text);
            }
            _ => tokens.push(Token::new(
                unit.text,
                unit.cjk,
                if unit.cjk { vec![0] } else { Vec::new() },
            )),
        }
    }
    NormalName {
        tokens: Cow::Owned(tokens),
    }
}

/// Joins runs of adjacent words of `side` that spell one word of `other`.
/// `None` when nothing joins (the usual case, without allocating).
fn join_spelt(side: &[Token], other: &[Token]) -> Option<Vec<Token>> {
    let may_join = |head: &str| {
        other
            .iter()
            .any(|t| t.text.len() > head.len() && t.text.starts_with(head))
    };
    if !side.iter().any(|t| !t.cjk && may_join(&t.text)) {
        return None;
    }
    let mut out = Vec::with_capacity(side.len());
    let mut i = 0;
    'outer: while i < side.len() {
        let joinable = may_join(&side[i].text);
        for j in (i + 2..=side.len().min(i + 6)).rev().filter(|_| joinable) {
            let run = &side[i..j];
            if run.iter().any(|t| t.cjk) {
                continue;
            }
            let joined: String = run.iter().map(|t| &*t.text).collect();
            if let Some(t) = other.iter().find(|t| t.text == joined) {
                out.push(Token {
                    text: Cow::Owned(joined),
                    cjk: t.cjk,
                    starts: t.starts.clone(),
                    generic: t.generic,
                });
                i = j;
                continue 'outer;
            }
        }
        out.push(side[i].clone());
        i += 1;
    }
    Some(out)
}

/// Whether a script word of `listed` with at least [`MIN_CJK_CONTAINED`]
/// characters occurs within a script word of `name`, starting and ending at
/// character boundaries.
fn within_script(name: &[Token], listed: &[Token]) -> bool {
    listed
        .iter()
        .filter(|l| l.cjk && l.starts.len() >= MIN_CJK_CONTAINED)
        .any(|l| {
            name.iter().filter(|n| n.cjk).any(|n| {
                n.starts.iter().any(|&at| {
                    let end = at + l.text.len();
                    n.text[at..].starts_with(&*l.text)
                        && (end == n.text.len() || n.starts.contains(&end))
                })
            })
        })
}

/// The share of characters in common between the script words of both
/// sides, for [`Basis::WithinScript`]: `2 · listed / (name + listed)`, the
/// listed word counted once.
fn script_dice(name: &[Token], listed: &[Token]) -> f64 {
    let count = |t: &[Token]| {
        t.iter()
            .filter(|t| t.cjk)
            .map(|t| t.starts.len())
            .sum::<usize>()
    };
    let (n, l) = (count(name), count(listed));
    if n + l == 0 {
        0.0
    } else {
        2.0 * l.min(n) as f64 / (n + l) as f64
    }
}

/// The similarity of two non-script words that are not equal (see
/// [`token_similarity`]).
fn token_similarity_words(a: &str, b: &str) -> f64 {
    if a.len() < MIN_FUZZY_TOKEN_LEN
        || b.len() < MIN_FUZZY_TOKEN_LEN
        || jaro_winkler_bound(a.as_bytes(), b.as_bytes()) < TOKEN_SIMILARITY_FLOOR
    {
        0.0
    } else {
        let s = strsim::jaro_winkler(a, b);
        if s >= TOKEN_SIMILARITY_FLOOR { s } else { 0.0 }
    }
}

fn token_similarity(a: &Token, b: &Token) -> f64 {
    if a.text == b.text {
        1.0
    } else if a.cjk || b.cjk {
        0.0
    } else {
        token_similarity_words(&a.text, &b.text)
    }
}

/// An upper bound of the Jaro–Winkler similarity of two lower-case ASCII
/// words, from their letters in common: Jaro's matches are at most the
/// letters the words share, transpositions at least none, and the prefix
/// bonus at most the common prefix (up to 4). Most pairs of words are far
/// below the floor, and this spares computing them.
fn jaro_winkler_bound(a: &[u8], b: &[u8]) -> f64 {
    // Jaro is at most (1 + shorter/longer + 1) / 3: for a word under half
    // as long as the other, that bound (under the floor) needs no counting.
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    if short == 0 {
        return 0.0;
    }
    if 2 * short < long {
        let jaro = (2.0 + short as f64 / long as f64) / 3.0;
        return jaro + 0.4 * (1.0 - jaro);
    }
    // Letters and digits only (normalised words); anything else shares a slot.
    let slot = |c: u8| match c {
        b'a'..=b'z' => usize::from(c - b'a'),
        b'0'..=b'9' => 26 + usize::from(c - b'0'),
        _ => 36,
    };
    let mut counts = [0u16; 37];
    for &c in a {
        counts[slot(c)] = counts[slot(c)].saturating_add(1);
    }
    let mut common = 0usize;
    for &c in b {
        let n = &mut counts[slot(c)];
        if *n > 0 {
            *n -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let m = common as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// The weighted token-set similarity of two token lists (module docs).
fn score(a: &[Token], b: &[Token]) -> f64 {
    let total: f64 = a.iter().chain(b).map(Token::weight).sum();
    if total == 0.0 {
        return 0.0;
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let s = token_similarity(x, y);
            if s > 0.0 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|p, q| q.0.total_cmp(&p.0));
    // Bit sets of the words already paired; words past the 128th of a
    // name stay unpaired.
    let (mut used_a, mut used_b) = (0u128, 0u128);
    let mut paired = 0.0;
    for (s, i, j) in pairs {
        if i >= 128 || j >= 128 {
            continue;
        }
        if used_a & (1 << i) == 0 && used_b & (1 << j) == 0 {
            used_a |= 1 << i;
            used_b |= 1 << j;
            paired += s * (a[i].weight() + b[j].weight());
        }
    }
    paired / total
}

/// Compares a normalised name with a normalised listed name (module docs).
pub fn compare(name: &NormalName, listed: &NormalName) -> Comparison {
    let specific = listed.is_specific();
    let distinctive =
        listed.tokens.iter().map(|t| t.text.len()).sum::<usize>() >= MIN_DISTINCTIVE_LEN;
    if name.is_empty() || listed.is_empty() {
        return Comparison {
            score: 0.0,
            basis: Basis::Scored,
            specific,
            distinctive,
        };
    }
    let a: Cow<'_, [Token]> =
        join_spelt(&name.tokens, &listed.tokens).map_or(Cow::Borrowed(&*name.tokens), Cow::Owned);
    let b: Cow<'_, [Token]> =
        join_spelt(&listed.tokens, &a).map_or(Cow::Borrowed(&*listed.tokens), Cow::Owned);
    let score = score(&a, &b);
    let same = |x: &[Token], y: &[Token]| {
        x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.text == q.text)
    };
    let inside =
        |x: &[Token], y: &[Token]| y.len() <= x.len() && x.windows(y.len()).any(|w| same(w, y));
    let basis = if same(&a, &b) || name.letters().eq(listed.letters()) {
        Basis::Exact
    } else if inside(&a, &b) {
        Basis::Contained
    } else if name.is_specific() && inside(&b, &a) {
        Basis::Partial
    } else if within_script(&a, &b) {
        Basis::WithinScript
    } else {
        Basis::Scored
    };
    let score = match basis {
        Basis::Exact => 1.0,
        // Script words pair only when equal; score the characters instead.
        Basis::WithinScript => score.max(script_dice(&a, &b)),
        _ => score,
    };
    Comparison {
        score,
        basis,
        specific,
        distinctive,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalise(s).to_string()
    }

    #[test]
    fn normalisation_folds_case_punctuation_script_and_legal_forms() {
        assert_eq!(n("N.S.O. Group Technologies Ltd."), "nso group technology");
        assert_eq!(n("Société Générale S.A."), "societe generale");
        assert_eq!(n("АО «Позитив Текнолоджиз»"), "pozitiv teknolodzhiz");
        assert_eq!(
            n("杭州海康威视数字技术股份有限公司"),
            "hangzhouhaikangweishishuzijishu"
        );
        assert_eq!(
            n("Zhejiang Dahua Jishu Gufen Youxian Gongsi"),
            "zhejiang dahua jishu"
        );
        assert_eq!(
            n("Computer Security Initiative Consultancy PTE. LTD."),
            "computer security initiative consultancy"
        );
        assert_eq!(n("Face++"), "face");
        assert_eq!(n("People's Government"), "peoples government");
        assert_eq!(n("Positive Technologies FZ-LLC"), "positive technology");
        assert_eq!(
            n("Science & Technology Co., Ltd."),
            "science and technology"
        );
        // A name is never reduced to nothing.
        assert_eq!(n("Limited"), "limited");
        assert_eq!(n("AO"), "ao");
    }

    #[test]
    fn hebrew_legal_form_is_stripped_with_either_quotation_mark() {
        assert_eq!(
            n("אן.אס.או גרופ טכנולוגיות בע\"מ"),
            n("אן.אס.או גרופ טכנולוגיות בע״מ")
        );
        assert_eq!(
            n("אן.אס.או גרופ טכנולוגיות בע״מ"),
            n("אן.אס.או גרופ טכנולוגיות")
        );
    }

    fn cmp(name: &str, listed: &str) -> Comparison {
        compare(&normalise(name), &normalise(listed))
    }

    #[test]
    fn exact_contained_and_scored() {
        assert_eq!(cmp("Hik Vision", "Hikvision").basis, Basis::Exact);
        assert_eq!(cmp("Haikang Weishi", "海康威视").basis, Basis::Exact);
        let c = cmp("NSO Group Technologies", "NSO Group");
        assert_eq!(c.basis, Basis::Contained);
        assert!(c.is_strong() && c.score < 1.0);
        let c = cmp("Hikvission", "Hikvision");
        assert_eq!(c.basis, Basis::Scored);
        assert!(c.is_near(), "{c:?}");
        // One word in a longer name: not contained, and far.
        let c = cmp("Dahua Pharmaceutical", "Dahua");
        assert!(!c.is_strong() && !c.is_near(), "{c:?}");
        let c = cmp("MEC Trading Ltd", "MEC");
        assert!(!c.is_strong() && !c.is_near(), "{c:?}");
        // Chinese script is never compared by syllable, and a short
        // Chinese name is not looked for inside a longer one.
        let c = cmp("浙江大华制药有限公司", "浙江大华技术");
        assert_eq!(c.score, 0.0);
        assert!(!cmp("浙江大华制药", "大华").is_near());
        let c = cmp("厦门市美亚柏科信息股份有限公司", "美亚柏科");
        assert_eq!(c.basis, Basis::WithinScript);
        assert!(c.is_near() && !c.is_strong());
    }

    #[test]
    fn specificity() {
        assert!(!normalise("Dahua").is_specific());
        assert!(!normalise("Face++").is_specific());
        assert!(!normalise("海康威视").is_specific());
        assert!(!normalise("Technology Group").is_specific());
        assert!(normalise("NSO Group").is_specific());
        assert!(normalise("Saito Tech").is_specific());
    }

    /// The shortcut never hides a comparison that would be reported.
    #[test]
    fn may_match_is_never_wrong_to_say_no() {
        let listed = [
            "NSO Group",
            "Saito Tech",
            "Intellexa S.A.",
            "Positive Technologies",
            "PT Security",
            "Computer Security Initiative Consultancy",
            "Myanmar Economic Holdings Public Company Limited",
            "XUAR PSB",
            "Hikvision",
            "Meiya Pico",
            "Science & Technology",
            "Face++",
            "Ministry of Defense",
            "Cytrox Holdings Zrt",
            "Candiru",
            "Q Cyber Technologies",
            "Yixin Science and Technology",
        ];
        let names = [
            "N.S.O. Group",
            "NSO Group Technologies",
            "Saito Technologies Ltd",
            "Intellexa Ltd",
            "Intelexa",
            "Positive Technolgies",
            "Pozitiv Teknolodzhiz",
            "PT Securitas",
            "Computer Security Initiative",
            "Myanmar Economic Holdings",
            "XUAR Public Security Bureau",
            "Hik Vision",
            "Hikvission",
            "Meiyapico",
            "Science and Technology",
            "Face",
            "Ministry of Defence",
            "Cytrox",
            "Kandiru",
            "Q Cyber",
            "Yixin Sci & Tech",
            "Dahua Pharmaceutical",
            "Siemens AG",
            "海康威视",
        ];
        for l in listed {
            for n in names {
                let name = normalise(n);
                let c = compare(&name, &normalise(l));
                let reportable = c.is_strong() || c.is_near() || c.score > 0.0;
                assert!(!reportable || may_match(&name, l), "{n} ~ {l}: {c:?}");
            }
        }
    }

    #[test]
    fn the_jaro_winkler_bound_is_an_upper_bound() {
        let words = [
            "candiru",
            "kandiru",
            "hikvision",
            "hikvission",
            "intellexa",
            "intelexa",
            "intel",
            "uighur",
            "uyghur",
            "securitas",
            "security",
            "positive",
            "pozitiv",
            "technology",
            "technolgies",
            "sensenets",
            "sensetime",
            "myanma",
            "myanmar",
            "abcde",
            "edcba",
            "aaaaab",
            "baaaaa",
        ];
        for a in words {
            for b in words {
                let bound = jaro_winkler_bound(a.as_bytes(), b.as_bytes());
                let actual = strsim::jaro_winkler(a, b);
                assert!(bound + 1e-12 >= actual, "{a} {b}: bound {bound} < {actual}");
            }
        }
    }

    #[test]
    fn every_legal_form_normalises_to_something() {
        for form in LEGAL_FORMS.iter().chain(LEADING_LEGAL_FORMS) {
            assert!(!compact_forms(&[form]).contains(&String::new()), "{form}");
        }
    }

    #[test]
    fn static_tables_are_the_normalised_lists() {
        let ends = Sorted::computed(
            LEGAL_FORMS
                .iter()
                .filter_map(|f| expanded(units(f)).pop().map(|u| u.text)),
        );
        let generic = Sorted::computed(GENERIC_WORDS.iter().map(|w| (*w).to_owned()));
        let mut stale = Vec::new();
        for (name, table, computed) in [
            (
                "LEGAL_FORMS_COMPACT",
                &LEGAL_FORMS_COMPACT,
                compact_forms(LEGAL_FORMS),
            ),
            ("LEGAL_FORM_ENDS", &LEGAL_FORM_ENDS, ends),
            (
                "LEADING_FORMS_COMPACT",
                &LEADING_FORMS_COMPACT,
                compact_forms(LEADING_LEGAL_FORMS),
            ),
            ("GENERIC_SORTED", &GENERIC_SORTED, generic),
        ] {
            if table.0 != computed.as_slice() {
                stale.push(format!("{name}: {computed:?}"));
            }
        }
        assert!(
            stale.is_empty(),
            "out of date, write:\n{}",
            stale.join("\n")
        );
    }
}
