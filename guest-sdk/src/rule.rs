//! Rules as typed metadata: each rule of a jurisdiction is declared once, as
//! a [`Rule`] constant, and every finding is made from that declaration.
//!
//! ```
//! use echri_sdk::prelude::*;
//!
//! /// Criterion 2(a): no licence where there is a clear risk of internal
//! /// repression.
//! pub const XT_C2: Rule = Rule::new(
//!     "XT-C2",
//!     "Clear risk of internal repression: licence refused",
//!     "Toy Licensing Criteria, Criterion 2(a)",
//! )
//! .applying_from(Date::ymd(2021, 12, 8))
//! .assuming("the case's clear-risk fact stands for the Government's determination");
//!
//! let f = XT_C2.finding(Outcome::Deny, "clear risk of internal repression by the end user");
//! assert_eq!(f.rule_id, "XT-C2");
//! assert_eq!(f.citation, "Toy Licensing Criteria, Criterion 2(a)");
//! assert_eq!(
//!     f.assumption.as_deref(),
//!     Some("the case's clear-risk fact stands for the Government's determination")
//! );
//! assert!(XT_C2.applies_on(Date::ymd(2021, 12, 8)));
//! assert!(!XT_C2.applies_on(Date::ymd(2021, 12, 7)));
//! ```
//!
//! A rule crate lists all its rules in its catalogue
//! ([`RuleModule::catalogue`](crate::RuleModule::catalogue)); the data-driven
//! test [`check_catalogue`](crate::testing::check_catalogue) then checks that
//! the catalogue, the README and the findings agree.

use std::fmt;

use serde::Serialize;

use crate::model::{Case, Date, Finding, Outcome, TransactionKind};

/// One rule: a stable id, a short plain-language title, the provision it
/// models, the date from which it applies and the assumption it always rests
/// on. Declare each rule once, as a `const` (or `static`), with
/// [`Rule::new`] and the builder methods, and make its findings with
/// [`Rule::finding`].
///
/// The fields are public to read; a rule is built only with [`Rule::new`]
/// (the struct is `#[non_exhaustive]`), which checks the id, title and
/// citation at compile time when used in a `const`. It serialises (for
/// listings of a module's catalogue) with the field names above and
/// `applies_from` as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// The rule id, e.g. `UK-C2`: the `rule_id` of every finding the rule
    /// makes, unique within a module's catalogue. Printable ASCII, no spaces.
    pub id: &'static str,
    /// A short plain-language title, e.g. "Clear risk of internal
    /// repression: licence refused".
    pub title: &'static str,
    /// The provision the rule models, as cited in its findings unless a
    /// finding names the provision as it applies to its case
    /// ([`Finding::citing`]).
    pub citation: &'static str,
    /// The date from which the rule applies, where the law gives one
    /// (commencement, listing or entry-into-force date). `None` when the
    /// rule applies on every date the module is used for.
    pub applies_from: Option<Date>,
    /// The last day the rule applies, where it has ended (a repealed
    /// provision, a lifted embargo). `None` while it is in force.
    pub applies_until: Option<Date>,
    /// A standing, documented assumption (often a \[VERIFY\] point) that every
    /// finding of the rule rests on; copied into each finding, where
    /// [`Finding::assuming`] may replace it or [`Finding::also_assuming`]
    /// add to it.
    pub assumption: Option<&'static str>,
}

impl Rule {
    /// A rule with no commencement date and no standing assumption.
    ///
    /// Panics (at compile time, in a `const`) when `id` is empty or holds a
    /// character outside printable ASCII or a space, or when `title` or
    /// `citation` is empty.
    pub const fn new(id: &'static str, title: &'static str, citation: &'static str) -> Rule {
        assert!(!id.is_empty(), "Rule::new: empty rule id");
        let bytes = id.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            assert!(
                bytes[i].is_ascii_graphic(),
                "Rule::new: a rule id is printable ASCII without spaces"
            );
            i += 1;
        }
        assert!(!title.is_empty(), "Rule::new: empty title");
        assert!(!citation.is_empty(), "Rule::new: empty citation");
        Rule {
            id,
            title,
            citation,
            applies_from: None,
            applies_until: None,
            assumption: None,
        }
    }

    /// The same rule, applying from `date`.
    pub const fn applying_from(mut self, date: Date) -> Rule {
        self.applies_from = Some(date);
        self
    }

    /// The same rule, applying until `date` (the last day).
    pub const fn applying_until(mut self, date: Date) -> Rule {
        self.applies_until = Some(date);
        self
    }

    /// The same rule, with a standing assumption every finding rests on.
    ///
    /// Panics (at compile time, in a `const`) when `assumption` is empty.
    pub const fn assuming(mut self, assumption: &'static str) -> Rule {
        assert!(!assumption.is_empty(), "Rule::assuming: empty assumption");
        self.assumption = Some(assumption);
        self
    }

    /// Whether the rule applies on `date`: from its
    /// [`applies_from`](Rule::applies_from) date (if any) to its
    /// [`applies_until`](Rule::applies_until) date (if any).
    pub fn applies_on(&self, date: Date) -> bool {
        self.applies_from.is_none_or(|from| date >= from)
            && self.applies_until.is_none_or(|until| date <= until)
    }

    /// A finding of this rule: its id and citation, the standing assumption
    /// if any, the `outcome` this rule alone gives and the `explanation` of
    /// why it applies to the case.
    pub fn finding(&self, outcome: Outcome, explanation: impl Into<String>) -> Finding {
        let finding = Finding::new(self.id, self.citation, outcome, explanation);
        match self.assumption {
            Some(a) => finding.assuming(a),
            None => finding,
        }
    }

    /// For a module's scope rule: a `not-determined` finding when the case
    /// date `as_of` is before `from`, the first day the module states its
    /// law for; `None` otherwise.
    ///
    /// ```
    /// use echri_sdk::prelude::*;
    /// const SCOPE: Rule = Rule::new("XT-SCOPE", "Outside the model: not determined", "XT README");
    /// const FROM: Date = Date::ymd(2019, 1, 1);
    /// let f = SCOPE.before_period(Date::ymd(2018, 12, 31), FROM).unwrap();
    /// assert_eq!(f.outcome, Outcome::NotDetermined);
    /// assert!(SCOPE.before_period(FROM, FROM).is_none());
    /// ```
    pub fn before_period(&self, as_of: Date, from: Date) -> Option<Finding> {
        (as_of < from).then(|| {
            self.finding(
                Outcome::NotDetermined,
                format!(
                    "the case is dated {as_of}, before {from}, the first day this model states \
                     the law for: the law then is not modelled"
                ),
            )
        })
    }

    /// For a module's scope rule: a `not-determined` finding when the
    /// case's transaction is not one the module models: an exporter outside
    /// `jurisdiction`, or a transaction kind not in `modelled` (most modules
    /// model an export, physical or intangible, by an exporter in their own
    /// jurisdiction); `None` otherwise.
    ///
    /// ```
    /// use echri_sdk::prelude::*;
    /// const SCOPE: Rule = Rule::new("XT-SCOPE", "Outside the model: not determined", "XT README");
    /// let mut case: Case = serde_json::from_str(r#"{"id": "c", "as_of": "2024-01-01",
    ///     "destination": "FR", "items": [{"control_code": "5A001.j"}],
    ///     "parties": [{"name": "A", "country": "FR", "kind": "private", "role": "end-user"}]}"#).unwrap();
    /// const MODELLED: &[TransactionKind] = &[TransactionKind::Export];
    /// assert!(SCOPE.outside_transaction(&case, "GB", MODELLED).is_none());
    /// case.transaction.kind = TransactionKind::Brokering;
    /// let f = SCOPE.outside_transaction(&case, "GB", MODELLED).unwrap();
    /// assert_eq!(f.outcome, Outcome::NotDetermined);
    /// ```
    pub fn outside_transaction(
        &self,
        case: &Case,
        jurisdiction: &str,
        modelled: &[TransactionKind],
    ) -> Option<Finding> {
        let t = &case.transaction;
        if let Some(exporter) = t
            .exporter_country
            .as_ref()
            .filter(|c| c.code() != jurisdiction)
        {
            return Some(self.finding(
                Outcome::NotDetermined,
                format!(
                    "the exporter is in {exporter}, not {jurisdiction}: this model states the \
                     law for exports from {jurisdiction} only (any extraterritorial reach is not \
                     modelled)"
                ),
            ));
        }
        (!modelled.contains(&t.kind)).then(|| {
            self.finding(
                Outcome::NotDetermined,
                format!(
                    "the transaction is {}: this model states the law for {} only",
                    t.kind,
                    modelled
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            )
        })
    }

    /// For a module's scope rule: a `not-determined` finding when the case
    /// is outside what the module states, by date ([`Rule::before_period`],
    /// with `stated_from`) or by transaction ([`Rule::outside_transaction`],
    /// with [`EXPORTS`]); `None` otherwise.
    pub fn outside_model(
        &self,
        case: &Case,
        jurisdiction: &str,
        stated_from: Date,
    ) -> Option<Finding> {
        self.before_period(case.as_of, stated_from)
            .or_else(|| self.outside_transaction(case, jurisdiction, EXPORTS))
    }

    /// The rule in `catalogue` with `id`, if any.
    pub fn find(catalogue: &[Rule], id: &str) -> Option<Rule> {
        catalogue.iter().find(|r| r.id == id).copied()
    }
}

impl fmt::Display for Rule {
    /// `UK-C2 (Clear risk of internal repression: licence refused)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.id, self.title)
    }
}

/// The transactions a module usually states the law for: an export,
/// physical or by intangible transfer of software or technology (which the
/// law treats as an export). Brokering, technical assistance, transit,
/// re-export and in-country transfer are their own provisions.
pub const EXPORTS: &[TransactionKind] =
    &[TransactionKind::Export, TransactionKind::IntangibleTransfer];

/// Joins two rule lists into one array at compile time, for a catalogue that
/// includes another crate's rules (a member state's catalogue with the EU
/// baseline rules it applies):
///
/// ```
/// use echri_sdk::prelude::*;
/// use echri_sdk::rule::join;
///
/// const SHARED: &[Rule] = &[Rule::new("EU-LIST", "Listed item", "Art. 3(1)")];
/// const NATIONAL: Rule = Rule::new("XX-DECL", "Declaration", "Notice 1");
/// static CATALOGUE: [Rule; SHARED.len() + 1] = join(SHARED, &[NATIONAL]);
/// assert_eq!(CATALOGUE[1].id, "XX-DECL");
/// ```
///
/// Panics (at compile time, in a `const` or `static`) unless `N` is the sum
/// of the two lengths and at least 1.
pub const fn join<const N: usize>(first: &[Rule], second: &[Rule]) -> [Rule; N] {
    assert!(
        first.len() + second.len() == N,
        "rule::join: the array length must be the sum of both lengths"
    );
    assert!(N > 0, "rule::join: nothing to join");
    let filler = if first.is_empty() {
        second[0]
    } else {
        first[0]
    };
    let mut out = [filler; N];
    let mut i = 0;
    while i < first.len() {
        out[i] = first[i];
        i += 1;
    }
    let mut j = 0;
    while j < second.len() {
        out[first.len() + j] = second[j];
        j += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Rule = Rule::new("XT-LIST", "Listed item: licence", "Toy Act s. 1");
    const DATED: Rule = Rule::new("XT-RU", "Russia ban", "Toy Order art. 2")
        .applying_from(Date::ymd(2022, 2, 24))
        .assuming("standing");

    #[test]
    fn findings_carry_the_declaration() {
        let f = PLAIN.finding(Outcome::LicenceRequiredCaseByCase, "why");
        assert_eq!(
            (
                f.rule_id.as_str(),
                f.citation.as_str(),
                f.assumption.as_deref()
            ),
            ("XT-LIST", "Toy Act s. 1", None)
        );
        assert!(f.is(&PLAIN) && !f.is(&DATED));

        let f = DATED.finding(Outcome::Prohibited, "why");
        assert_eq!(f.assumption.as_deref(), Some("standing"));
        assert_eq!(
            f.clone().assuming("specific").assumption.as_deref(),
            Some("specific")
        );
        assert_eq!(
            f.clone().also_assuming("specific").assumption.as_deref(),
            Some("standing; specific")
        );
        let f = f.citing("Toy Order art. 2(1) as amended");
        assert_eq!(
            (f.rule_id.as_str(), f.citation.as_str()),
            ("XT-RU", "Toy Order art. 2(1) as amended")
        );
    }

    #[test]
    fn dates_and_lookup() {
        assert!(PLAIN.applies_on(Date::ymd(1, 1, 1)));
        assert!(!DATED.applies_on(Date::ymd(2022, 2, 23)));
        assert!(DATED.applies_on(Date::ymd(2022, 2, 24)));
        let all: [Rule; 2] = join(&[PLAIN], &[DATED]);
        assert_eq!(Rule::find(&all, "XT-RU"), Some(DATED));
        assert_eq!(Rule::find(&all, "XT-NONE"), None);
        assert_eq!(PLAIN.to_string(), "XT-LIST (Listed item: licence)");
    }

    #[test]
    #[should_panic(expected = "printable ASCII")]
    fn ids_have_no_spaces() {
        let _ = Rule::new("XT LIST", "t", "c");
    }
}
