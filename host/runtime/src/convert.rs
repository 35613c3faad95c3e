//! Conversions between the plain model (`echri_sdk::model`) and the host's
//! generated bindings. Answers from a module are untrusted: they are checked
//! against the size limits before being copied into the model.

use echri_sdk::model as m;

/// `text` cut to at most `max` bytes (on a character boundary), with a
/// marker saying how much was cut: how untrusted text enters an error
/// message or a record.
pub fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes cut)", &text[..end], text.len() - end)
}

use crate::bindings::echri::policy::types as w;

use echri_sdk::{__enum_conversions, __with_contract_enums};

__with_contract_enums!(__enum_conversions, m, w);

impl From<m::Date> for w::Date {
    fn from(d: m::Date) -> w::Date {
        w::Date {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

impl From<&m::Case> for w::Case {
    fn from(c: &m::Case) -> w::Case {
        w::Case {
            id: c.id.clone(),
            as_of: c.as_of.into(),
            destination: c.destination.to_string(),
            items: c
                .items
                .iter()
                .map(|i| w::Item {
                    control_code: i.control_code.to_string(),
                    description: i.description.clone(),
                    capabilities: i.capabilities.iter().map(|&c| c.into()).collect(),
                })
                .collect(),
            parties: c
                .parties
                .iter()
                .map(|p| w::Party {
                    name: p.name.clone(),
                    country: p.country.to_string(),
                    kind: p.kind.into(),
                    role: p.role.into(),
                    sector: p.sector.into(),
                    us_subsidiary: p.us_subsidiary,
                })
                .collect(),
            end_use: w::EndUse {
                category: c.end_use.category.into(),
                description: c.end_use.description.clone(),
            },
            facts: c.facts.iter().map(|&f| f.into()).collect(),
        }
    }
}

/// Approximate bytes an assessment occupies: its strings plus a fixed
/// overhead per list entry.
pub(crate) fn assessment_size(a: &w::Assessment) -> u64 {
    let findings: usize = a
        .findings
        .iter()
        .map(|f| {
            64 + f.rule_id.len()
                + f.citation.len()
                + f.explanation.len()
                + f.assumption.as_ref().map_or(0, String::len)
        })
        .sum();
    let conditions: usize = a.conditions.iter().map(|c| 24 + c.len()).sum();
    (findings + conditions) as u64
}

impl From<w::Assessment> for m::Assessment {
    fn from(a: w::Assessment) -> m::Assessment {
        m::Assessment {
            outcome: a.outcome.into(),
            findings: a
                .findings
                .into_iter()
                .map(|f| m::Finding {
                    rule_id: f.rule_id,
                    citation: f.citation,
                    explanation: f.explanation,
                    outcome: f.outcome.into(),
                    assumption: f.assumption,
                })
                .collect(),
            conditions: a.conditions,
        }
    }
}

/// Bytes a text field of `info()` may have.
pub const INFO_TEXT_BYTES: usize = 1 << 10;
/// Sources `info()` may list.
pub const INFO_SOURCES: usize = 256;

/// Checks `info()`'s answer against its bounds, and the jurisdiction, before
/// any of it is copied anywhere; the reason names fields and sizes, never
/// their untrusted content (except the jurisdiction when it is short).
pub(crate) fn module_info(i: w::ModuleInfo) -> Result<m::ModuleInfo, String> {
    // The jurisdiction first: it is repeated into every later message.
    let j = &i.jurisdiction;
    if j.len() != 2 || !j.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(if j.len() <= 8 && !j.chars().any(char::is_control) {
            format!("`jurisdiction` must be a two-letter ISO 3166-1 code, got `{j}`")
        } else {
            format!(
                "`jurisdiction` must be a two-letter ISO 3166-1 code, got {} bytes",
                j.len()
            )
        });
    }
    if let Err(reason) = m::Country::try_from(i.jurisdiction.clone()) {
        return Err(format!("`jurisdiction`: {reason}"));
    }
    for (field, value) in [
        ("name", &i.name),
        ("authority", &i.authority),
        ("version", &i.version),
    ] {
        if value.len() > INFO_TEXT_BYTES {
            return Err(format!(
                "`{field}` is {} bytes, the limit is {INFO_TEXT_BYTES}",
                value.len()
            ));
        }
    }
    if i.sources.len() > INFO_SOURCES {
        return Err(format!(
            "{} `sources`, the limit is {INFO_SOURCES}",
            i.sources.len()
        ));
    }
    for (n, s) in i.sources.iter().enumerate() {
        for (field, value) in [("title", &s.title), ("url", &s.url)] {
            if value.len() > INFO_TEXT_BYTES {
                return Err(format!(
                    "`sources[{n}].{field}` is {} bytes, the limit is {INFO_TEXT_BYTES}",
                    value.len()
                ));
            }
        }
    }
    let effective = m::Date::new(i.effective.year, i.effective.month, i.effective.day)
        .map_err(|e| format!("`effective`: {e}"))?;
    Ok(m::ModuleInfo {
        jurisdiction: i.jurisdiction,
        name: i.name,
        authority: i.authority,
        version: i.version,
        effective,
        sources: i
            .sources
            .into_iter()
            .map(|s| m::Source {
                title: s.title,
                url: s.url,
            })
            .collect(),
    })
}
