//! Shrinking a case to the smallest one that still shows a behaviour: drop
//! facts, items, parties, notices, denials and assurances; clear item
//! capabilities, attributes and descriptions, party details; simplify the end
//! use and the transaction. Each step is kept only if the case still
//! `keeps` the behaviour (e.g. "the draft still flips it from deny to
//! case by case"), and the steps repeat until none applies: the result is
//! minimal in that no single step removes anything more.
//!
//! Deterministic: the steps are tried in one fixed order, so the same case
//! and behaviour give the same minimal case.

use echri_sdk::model::{Case, EndUse, Item, Items, Parties, Party, PartyRole, Sector, Transaction};

/// At most this many evaluations of `keeps` per shrink (each costs an
/// evaluation under two modules).
pub const MAX_TRIES: usize = 2000;

/// The smallest case reachable from `case` by the steps above that still
/// `keeps` the behaviour (`case` itself when none does), and how many
/// steps were kept. `case` must keep it.
pub fn shrink(case: &Case, keeps: &mut dyn FnMut(&Case) -> bool) -> (Case, usize) {
    let mut current = case.clone();
    let mut kept = 0;
    let mut tries = 0;
    'outer: loop {
        for candidate in candidates(&current) {
            if candidate == current {
                continue;
            }
            if tries >= MAX_TRIES {
                break 'outer;
            }
            tries += 1;
            if keeps(&candidate) {
                current = candidate;
                kept += 1;
                continue 'outer;
            }
        }
        break;
    }
    (current, kept)
}

/// Every case one step smaller than `case`, in the order they are tried:
/// whole parts first (they remove most), details after.
fn candidates(case: &Case) -> Vec<Case> {
    let mut out = Vec::new();
    for i in 0..case.facts.len() {
        let mut c = case.clone();
        c.facts.remove(i);
        out.push(c);
    }
    if case.items.len() > 1 {
        for i in 0..case.items.len() {
            let mut v: Vec<Item> = case.items.to_vec();
            v.remove(i);
            if let Ok(items) = Items::try_from(v) {
                let mut c = case.clone();
                c.items = items;
                out.push(c);
            }
        }
    }
    for i in 0..case.parties.len() {
        let mut v: Vec<Party> = case.parties.to_vec();
        v.remove(i);
        if let Ok(parties) = Parties::try_from(v) {
            let mut c = case.clone();
            c.parties = parties;
            out.push(c);
        }
    }
    for i in 0..case.notices.len() {
        let mut c = case.clone();
        c.notices.remove(i);
        out.push(c);
    }
    for i in 0..case.prior_denials.len() {
        let mut c = case.clone();
        c.prior_denials.remove(i);
        out.push(c);
    }
    for i in 0..case.mitigations.len() {
        let mut c = case.clone();
        c.mitigations.remove(i);
        out.push(c);
    }
    if case.transaction != Transaction::default() {
        let mut c = case.clone();
        c.transaction = Transaction::default();
        out.push(c);
    }
    if case.end_use != EndUse::default() {
        let mut c = case.clone();
        c.end_use = EndUse::default();
        out.push(c);
    }
    if !case.end_use.description.is_empty() {
        let mut c = case.clone();
        c.end_use.description.clear();
        out.push(c);
    }
    for i in 0..case.items.len() {
        let item = &case.items[i];
        let mut edits: Vec<Item> = Vec::new();
        for j in 0..item.capabilities.len() {
            let mut it = item.clone();
            it.capabilities.remove(j);
            edits.push(it);
        }
        for j in 0..item.attributes.len() {
            let mut it = item.clone();
            it.attributes.remove(j);
            edits.push(it);
        }
        for j in 0..item.other_lists.len() {
            let mut it = item.clone();
            it.other_lists.remove(j);
            edits.push(it);
        }
        if !item.description.is_empty() {
            let mut it = item.clone();
            it.description.clear();
            edits.push(it);
        }
        for it in edits {
            let mut v: Vec<Item> = case.items.to_vec();
            v[i] = it;
            if let Ok(items) = Items::try_from(v) {
                let mut c = case.clone();
                c.items = items;
                out.push(c);
            }
        }
    }
    for i in 0..case.parties.len() {
        let p = &case.parties[i];
        let mut edits = Vec::new();
        if p.sector != Sector::Unspecified {
            let mut q = p.clone();
            q.sector = Sector::Unspecified;
            edits.push(q);
        }
        if p.us_subsidiary {
            let mut q = p.clone();
            q.us_subsidiary = false;
            edits.push(q);
        }
        if !p.aliases.is_empty() {
            let mut q = p.clone();
            q.aliases.clear();
            edits.push(q);
        }
        if p.address_country.is_some() {
            let mut q = p.clone();
            q.address_country = None;
            edits.push(q);
        }
        if p.parent.is_some() {
            let mut q = p.clone();
            q.parent = None;
            edits.push(q);
        }
        if p.state_ownership_percent.is_some() {
            let mut q = p.clone();
            q.state_ownership_percent = None;
            edits.push(q);
        }
        if p.nationality.is_some() {
            let mut q = p.clone();
            q.nationality = None;
            edits.push(q);
        }
        if p.role != PartyRole::EndUser && p.country != case.destination {
            let mut q = p.clone();
            q.country = case.destination.clone();
            edits.push(q);
        }
        for q in edits {
            let mut v: Vec<Party> = case.parties.to_vec();
            v[i] = q;
            if let Ok(parties) = Parties::try_from(v) {
                let mut c = case.clone();
                c.parties = parties;
                out.push(c);
            }
        }
    }
    out
}

/// How much a case holds, for reports: facts, items, parties and the other
/// lists together.
pub fn size(case: &Case) -> usize {
    case.facts.len()
        + case.items.len()
        + case.parties.len()
        + case.notices.len()
        + case.prior_denials.len()
        + case.mitigations.len()
        + case
            .items
            .iter()
            .map(|i| i.capabilities.len() + i.attributes.len() + i.other_lists.len())
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use echri_sdk::model::RiskFact;

    fn case() -> Case {
        serde_json::from_str(
            r#"{"id": "c", "as_of": "2024-01-01", "destination": "EG",
                "facts": ["clear-risk-internal-repression", "journalists-targeted", "military-end-use"],
                "end_use": {"category": "law-enforcement", "description": "interception"},
                "items": [{"control_code": "EAR99", "capabilities": ["facial-recognition"]},
                          {"control_code": "5A001.j", "description": "IP monitoring"}],
                "parties": [{"name": "A", "country": "EG", "kind": "police", "role": "end-user"},
                            {"name": "B", "country": "AE", "kind": "private", "role": "consignee"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn keeps_exactly_what_the_behaviour_needs() {
        let mut tries = 0;
        let (min, kept) = shrink(&case(), &mut |c| {
            tries += 1;
            c.facts.contains(&RiskFact::JournalistsTargeted)
                && c.items.iter().any(|i| i.control_code.as_str() == "5A001.j")
        });
        assert_eq!(min.facts, vec![RiskFact::JournalistsTargeted]);
        assert_eq!(min.items.len(), 1);
        assert_eq!(min.items[0].control_code.as_str(), "5A001.j");
        assert!(min.items[0].description.is_empty());
        assert_eq!(min.parties.len(), 1, "the consignee is not needed");
        assert_eq!(min.end_use, EndUse::default());
        assert!(kept >= 6, "{kept}");
        assert!(tries < MAX_TRIES);
    }

    #[test]
    fn a_case_nothing_can_be_removed_from_stays() {
        let c = case();
        let (min, kept) = shrink(&c, &mut |x| x == &c);
        assert_eq!(min, c);
        assert_eq!(kept, 0);
    }

    #[test]
    fn the_end_user_is_never_dropped() {
        let (min, _) = shrink(&case(), &mut |_| true);
        assert!(min.parties.iter().any(|p| p.role == PartyRole::EndUser));
        assert_eq!(min.items.len(), 1);
        assert!(min.facts.is_empty());
        assert_eq!(size(&min), 2);
    }
}
