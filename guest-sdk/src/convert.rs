//! Conversions between the generated bindings and the plain model, inside
//! the component. Case fields are moved, not copied; codes are validated
//! again because a component cannot trust the host that runs it to have
//! done so.

use crate::bindings::echri::policy::types as w;
use crate::model as m;

use crate::{__enum_conversions, __with_contract_enums};

__with_contract_enums!(__enum_conversions, m, w);
crate::__with_contract_flags!(__flag_conversions, m, w);

use crate::__flag_conversions;

impl From<m::CaseError> for w::CaseError {
    fn from(e: m::CaseError) -> w::CaseError {
        w::CaseError {
            field: e.field,
            message: e.message,
        }
    }
}

impl From<m::Date> for w::Date {
    fn from(d: m::Date) -> w::Date {
        w::Date {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

impl TryFrom<w::Date> for m::Date {
    type Error = String;
    fn try_from(d: w::Date) -> Result<m::Date, String> {
        m::Date::new(d.year, d.month, d.day)
    }
}

fn field<T, E: ToString>(
    r: Result<T, E>,
    name: impl FnOnce() -> String,
) -> Result<T, m::CaseError> {
    r.map_err(|e| m::CaseError::new(name(), e.to_string()))
}

impl TryFrom<w::Case> for m::Case {
    type Error = m::CaseError;
    fn try_from(c: w::Case) -> Result<m::Case, m::CaseError> {
        let as_of = field(m::Date::try_from(c.as_of), || "as_of".into())?;
        let destination = field(m::Country::try_from(c.destination), || "destination".into())?;
        let items = c
            .items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                Ok(m::Item {
                    control_code: field(m::ControlCode::try_from(item.control_code), || {
                        format!("items[{i}].control_code")
                    })?,
                    description: item.description,
                    capabilities: item.capabilities.into_iter().map(Into::into).collect(),
                    attributes: attributes_from_flags(item.attributes),
                    other_lists: item
                        .other_lists
                        .into_iter()
                        .map(|e| m::ListEntry {
                            list: e.list.into(),
                            entry: e.entry,
                        })
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>, m::CaseError>>()?;
        let parties = c
            .parties
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let identity = p.identity.unwrap_or(w::PartyIdentity {
                    aliases: Vec::new(),
                    address_country: None,
                    parent: None,
                    state_ownership_percent: None,
                    nationality: None,
                });
                Ok(m::Party {
                    name: p.name,
                    country: field(m::Country::try_from(p.country), || {
                        format!("parties[{i}].country")
                    })?,
                    kind: p.kind.into(),
                    role: p.role.into(),
                    sector: p.sector.into(),
                    us_subsidiary: p.us_subsidiary,
                    aliases: identity.aliases,
                    address_country: country(identity.address_country, || {
                        format!("parties[{i}].address_country")
                    })?,
                    parent: identity.parent,
                    state_ownership_percent: match identity.state_ownership_percent {
                        Some(n) if n > 100 => {
                            return Err(m::CaseError::new(
                                format!("parties[{i}].state_ownership_percent"),
                                format!("a share of {n} per cent is more than 100"),
                            ));
                        }
                        n => n,
                    },
                    nationality: country(identity.nationality, || {
                        format!("parties[{i}].nationality")
                    })?,
                })
            })
            .collect::<Result<Vec<_>, m::CaseError>>()?;
        let transaction = m::Transaction {
            kind: c.transaction.kind.into(),
            exporter_country: country(c.transaction.exporter_country, || {
                "transaction.exporter_country".into()
            })?,
            exporter_region: match c.transaction.exporter_region {
                Some(r) => {
                    field(m::check_region(&r), || "transaction.exporter_region".into())?;
                    Some(r)
                }
                None => None,
            },
        };
        let history = c.history.unwrap_or(w::LicenceHistory {
            notices: Vec::new(),
            prior_denials: Vec::new(),
        });
        let notices = history
            .notices
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                Ok(m::Notice {
                    basis: n.basis.into(),
                    authority: field(m::Country::try_from(n.authority), || {
                        format!("notices[{i}].authority")
                    })?,
                    date: date(n.date, || format!("notices[{i}].date"))?,
                })
            })
            .collect::<Result<Vec<_>, m::CaseError>>()?;
        let prior_denials = history
            .prior_denials
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                Ok(m::PriorDenial {
                    by: field(m::Country::try_from(d.by), || {
                        format!("prior_denials[{i}].by")
                    })?,
                    date: date(d.date, || format!("prior_denials[{i}].date"))?,
                    essentially_identical: d.essentially_identical,
                })
            })
            .collect::<Result<Vec<_>, m::CaseError>>()?;
        let mut case = m::Case::new(
            c.id,
            as_of,
            destination,
            items,
            parties,
            m::EndUse {
                category: c.end_use.category.into(),
                description: c.end_use.description,
            },
            c.facts.into_iter().map(Into::into).collect(),
        )?;
        case.transaction = transaction;
        case.notices = notices;
        case.prior_denials = prior_denials;
        case.mitigations = mitigations_from_flags(c.mitigations);
        Ok(case)
    }
}

fn country(
    code: Option<String>,
    name: impl FnOnce() -> String,
) -> Result<Option<m::Country>, m::CaseError> {
    code.map(|c| field(m::Country::try_from(c), name))
        .transpose()
}

fn date(
    d: Option<w::Date>,
    name: impl FnOnce() -> String,
) -> Result<Option<m::Date>, m::CaseError> {
    d.map(|d| field(m::Date::try_from(d), name)).transpose()
}

impl From<m::Finding> for w::Finding {
    fn from(f: m::Finding) -> w::Finding {
        w::Finding {
            rule_id: f.rule_id,
            citation: f.citation,
            explanation: f.explanation,
            outcome: f.outcome.into(),
            assumption: f.assumption,
        }
    }
}

impl From<m::Assessment> for w::Assessment {
    fn from(a: m::Assessment) -> w::Assessment {
        w::Assessment {
            outcome: a.outcome.into(),
            findings: a.findings.into_iter().map(Into::into).collect(),
            conditions: a.conditions,
        }
    }
}

impl From<m::ModuleInfo> for w::ModuleInfo {
    fn from(i: m::ModuleInfo) -> w::ModuleInfo {
        w::ModuleInfo {
            jurisdiction: i.jurisdiction,
            name: i.name,
            authority: i.authority,
            version: i.version,
            stated_for: w::Period {
                // A module built with this SDK always states both ends; a
                // missing start is the 0.1.0 host-side reading only.
                from: i.stated_for.from.unwrap_or(i.stated_for.until).into(),
                until: i.stated_for.until.into(),
            },
            sources: i
                .sources
                .into_iter()
                .map(|s| w::Source {
                    title: s.title,
                    url: s.url,
                })
                .collect(),
            rules: i
                .rules
                .into_iter()
                .map(|r| w::RuleInfo {
                    id: r.id,
                    title: r.title,
                    citation: r.citation,
                    applies_from: r.applies_from.map(Into::into),
                    applies_until: r.applies_until.map(Into::into),
                    assumption: r.assumption,
                })
                .collect(),
            commitments: i
                .commitments
                .into_iter()
                .map(|d| w::CommitmentDeclaration {
                    commitment: d.commitment.into(),
                    how: d.how,
                    citation: d.citation,
                })
                .collect(),
        }
    }
}
