//! Conversions between the generated bindings and the plain model, inside
//! the component. Case fields are moved, not copied; codes are validated
//! again because a component cannot trust the host that runs it to have
//! done so.

use crate::bindings::echri::policy::types as w;
use crate::model as m;

use crate::{__enum_conversions, __with_contract_enums};

__with_contract_enums!(__enum_conversions, m, w);

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
                })
            })
            .collect::<Result<Vec<_>, m::CaseError>>()?;
        let parties = c
            .parties
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                Ok(m::Party {
                    name: p.name,
                    country: field(m::Country::try_from(p.country), || {
                        format!("parties[{i}].country")
                    })?,
                    kind: p.kind.into(),
                    role: p.role.into(),
                    sector: p.sector.into(),
                    us_subsidiary: p.us_subsidiary,
                })
            })
            .collect::<Result<Vec<_>, m::CaseError>>()?;
        m::Case::new(
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
        )
    }
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
            effective: i.effective.into(),
            sources: i
                .sources
                .into_iter()
                .map(|s| w::Source {
                    title: s.title,
                    url: s.url,
                })
                .collect(),
        }
    }
}
