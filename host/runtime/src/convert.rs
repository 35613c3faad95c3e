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

use crate::bindings::v0_1::echri::policy::types as w1;
use crate::bindings::v0_2::echri::policy::types as w;

use echri_sdk::{__enum_conversions, __with_contract_enums};

__with_contract_enums!(__enum_conversions, m, w);
echri_sdk::__with_contract_flags!(__flag_conversions, m, w);

use echri_sdk::__flag_conversions;

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
            transaction: w::Transaction {
                kind: c.transaction.kind.into(),
                exporter_country: c
                    .transaction
                    .exporter_country
                    .as_ref()
                    .map(|c| c.to_string()),
                exporter_region: c.transaction.exporter_region.clone(),
            },
            items: c
                .items
                .iter()
                .map(|i| w::Item {
                    control_code: i.control_code.to_string(),
                    description: i.description.clone(),
                    capabilities: i.capabilities.iter().map(|&c| c.into()).collect(),
                    attributes: attributes_to_flags(&i.attributes),
                    other_lists: i
                        .other_lists
                        .iter()
                        .map(|e| w::ListEntry {
                            list: e.list.into(),
                            entry: e.entry.clone(),
                        })
                        .collect(),
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
                    identity: identity(p),
                })
                .collect(),
            end_use: w::EndUse {
                category: c.end_use.category.into(),
                description: c.end_use.description.clone(),
            },
            facts: c.facts.iter().map(|&f| f.into()).collect(),
            history: (!c.notices.is_empty() || !c.prior_denials.is_empty()).then(|| {
                w::LicenceHistory {
                    notices: c
                        .notices
                        .iter()
                        .map(|n| w::Notice {
                            basis: n.basis.into(),
                            authority: n.authority.to_string(),
                            date: n.date.map(Into::into),
                        })
                        .collect(),
                    prior_denials: c
                        .prior_denials
                        .iter()
                        .map(|d| w::PriorDenial {
                            by: d.by.to_string(),
                            date: d.date.map(Into::into),
                            essentially_identical: d.essentially_identical,
                        })
                        .collect(),
                }
            }),
            mitigations: mitigations_to_flags(&c.mitigations),
        }
    }
}

/// A party's identity as the contract passes it: `None` when nothing beyond
/// name and country is stated (the common case costs nothing to pass).
fn identity(p: &m::Party) -> Option<w::PartyIdentity> {
    let stated = !p.aliases.is_empty()
        || p.address_country.is_some()
        || p.parent.is_some()
        || p.state_ownership_percent.is_some()
        || p.nationality.is_some();
    stated.then(|| w::PartyIdentity {
        aliases: p.aliases.clone(),
        address_country: p.address_country.as_ref().map(|c| c.to_string()),
        parent: p.parent.clone(),
        state_ownership_percent: p.state_ownership_percent,
        nationality: p.nationality.as_ref().map(|c| c.to_string()),
    })
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
/// Rules `info()` may list in its catalogue.
pub const INFO_RULES: usize = 1024;
/// Code of Conduct declarations `info()` may list.
pub const INFO_COMMITMENTS: usize = 64;

fn bounded(field: impl FnOnce() -> String, value: &str) -> Result<(), String> {
    if value.len() > INFO_TEXT_BYTES {
        return Err(format!(
            "`{}` is {} bytes, the limit is {INFO_TEXT_BYTES}",
            field(),
            value.len()
        ));
    }
    Ok(())
}

fn date(d: w::Date, field: impl FnOnce() -> String) -> Result<m::Date, String> {
    m::Date::new(d.year, d.month, d.day).map_err(|e| format!("`{}`: {e}", field()))
}

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
        bounded(|| field.to_owned(), value)?;
    }
    if i.sources.len() > INFO_SOURCES {
        return Err(format!(
            "{} `sources`, the limit is {INFO_SOURCES}",
            i.sources.len()
        ));
    }
    for (n, s) in i.sources.iter().enumerate() {
        bounded(|| format!("sources[{n}].title"), &s.title)?;
        bounded(|| format!("sources[{n}].url"), &s.url)?;
    }
    if i.rules.len() > INFO_RULES {
        return Err(format!(
            "{} `rules`, the limit is {INFO_RULES}",
            i.rules.len()
        ));
    }
    let mut rules = Vec::with_capacity(i.rules.len());
    let mut ids = std::collections::BTreeSet::new();
    for (n, r) in i.rules.into_iter().enumerate() {
        bounded(|| format!("rules[{n}].id"), &r.id)?;
        if r.id.is_empty() || !r.id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(format!(
                "`rules[{n}].id` must be printable ASCII without spaces"
            ));
        }
        if !ids.insert(r.id.clone()) {
            return Err(format!("`rules[{n}].id` repeats `{}`", r.id));
        }
        bounded(|| format!("rules[{n}].title"), &r.title)?;
        bounded(|| format!("rules[{n}].citation"), &r.citation)?;
        if let Some(a) = &r.assumption {
            bounded(|| format!("rules[{n}].assumption"), a)?;
        }
        rules.push(m::RuleInfo {
            applies_from: r
                .applies_from
                .map(|d| date(d, || format!("rules[{n}].applies_from")))
                .transpose()?,
            applies_until: r
                .applies_until
                .map(|d| date(d, || format!("rules[{n}].applies_until")))
                .transpose()?,
            id: r.id,
            title: r.title,
            citation: r.citation,
            assumption: r.assumption,
        });
    }
    if i.commitments.len() > INFO_COMMITMENTS {
        return Err(format!(
            "{} `commitments`, the limit is {INFO_COMMITMENTS}",
            i.commitments.len()
        ));
    }
    for (n, d) in i.commitments.iter().enumerate() {
        bounded(|| format!("commitments[{n}].how"), &d.how)?;
        bounded(|| format!("commitments[{n}].citation"), &d.citation)?;
    }
    let from = date(i.stated_for.from, || "stated_for.from".into())?;
    let until = date(i.stated_for.until, || "stated_for.until".into())?;
    if from > until {
        return Err(format!(
            "`stated_for` ends ({until}) before it starts ({from})"
        ));
    }
    Ok(m::ModuleInfo {
        jurisdiction: i.jurisdiction,
        name: i.name,
        authority: i.authority,
        version: i.version,
        stated_for: m::Period::new(from, until),
        sources: i
            .sources
            .into_iter()
            .map(|s| m::Source {
                title: s.title,
                url: s.url,
            })
            .collect(),
        rules,
        commitments: i
            .commitments
            .into_iter()
            .map(|d| m::Declaration {
                commitment: d.commitment.into(),
                how: d.how,
                citation: d.citation,
            })
            .collect(),
    })
}

/// Contract 0.1.0: what a 0.1.0 module sees of a 0.2.0 case, and how its
/// answers read as 0.2.0 ones.
pub(crate) mod v0_1 {
    use super::{m, w, w1};

    echri_sdk::__enum_conversions! {
        w::PartyKind <=> w1::PartyKind {
            Government, Police, Intelligence, Military, StateOwned, Private, Academic,
            Individual, Ngo,
        }
        w::PartyRole <=> w1::PartyRole { EndUser, Consignee, Intermediary, Purchaser }
        w::Sector <=> w1::Sector {
            Unspecified, Finance, Insurance, Health, Telecom, Technology, Defence,
        }
        w::Capability <=> w1::Capability {
            IntrusionSoftware, IpNetworkSurveillance, MonitoringCentre, MobileInterception,
            Cryptanalysis, ForensicExtraction, FacialRecognition, EmotionRecognition,
            LocationTracking, VideoSurveillance, CrowdControl, Restraint, ElectricShock,
            TortureImplement, BiometricIdentification,
        }
        w::EndUseCategory <=> w1::EndUseCategory {
            Civil, LawEnforcement, Military, Intelligence, SecurityResearch,
            VulnerabilityDisclosure, IncidentResponse, Wmd, Unknown,
        }
    }

    fn outcome(o: w1::Outcome) -> w::Outcome {
        match o {
            w1::Outcome::NoLicenceRequired => w::Outcome::NoLicenceRequired,
            w1::Outcome::LicenceException => w::Outcome::LicenceException,
            w1::Outcome::CatchAllNotify => w::Outcome::CatchAllNotify,
            w1::Outcome::LicenceRequiredFavourable => w::Outcome::LicenceRequiredFavourable,
            w1::Outcome::LicenceRequiredCaseByCase => w::Outcome::LicenceRequiredCaseByCase,
            w1::Outcome::PresumptionOfDenial => w::Outcome::PresumptionOfDenial,
            w1::Outcome::Deny => w::Outcome::Deny,
            w1::Outcome::Prohibited => w::Outcome::Prohibited,
        }
    }

    /// The 0.1.0 fact for a 0.2.0 one, if 0.1.0 has it.
    fn fact(f: w::RiskFact) -> Option<w1::RiskFact> {
        use w::RiskFact as F;
        use w1::RiskFact as G;
        Some(match f {
            F::ClearRiskInternalRepression => G::ClearRiskInternalRepression,
            F::SubstantialRiskSeriousViolation => G::SubstantialRiskSeriousViolation,
            F::SeriousViolationsEstablished => G::SeriousViolationsEstablished,
            F::JournalistsTargeted => G::JournalistsTargeted,
            F::CivilDisorder => G::CivilDisorder,
            F::GrossViolationsPattern => G::GrossViolationsPattern,
            F::ExporterAwareOfMisuse => G::ExporterAwareOfMisuse,
            F::ExporterInformedByAuthority => G::ExporterInformedByAuthority,
            F::UnauthorisedAccessKnowledge => G::UnauthorisedAccessKnowledge,
            F::ManagementDeclarationSupplied => G::ManagementDeclarationSupplied,
            F::MilitaryEndUse => G::MilitaryEndUse,
            F::WmdEndUse => G::WmdEndUse,
            F::ClearRiskSeriousIhlViolation
            | F::RiskGenderBasedViolence
            | F::RiskTerrorism
            | F::RiskOrganisedCrime
            | F::RiskDiversion
            | F::TortureUseGrounds
            | F::GroundsForSuspecting
            | F::EndUserPastViolations
            | F::TransnationalRepression => return None,
        })
    }

    /// `case` as contract 0.1.0 states it, and the stated facts 0.1.0
    /// cannot carry, each named by its field (and value, for facts and
    /// lists of names), in case order. A notice under EU Art. 5(1) becomes
    /// the 0.1.0 fact `exporter-informed-by-authority`, which 0.1.0 defines
    /// as exactly that notice.
    pub(crate) fn lower(c: &w::Case) -> (w1::Case, Vec<String>) {
        let mut unseen = Vec::new();
        let t = &c.transaction;
        if t.kind != w::TransactionKind::Export {
            unseen.push(format!(
                "transaction.kind ({})",
                m::TransactionKind::from(t.kind)
            ));
        }
        if let Some(country) = &t.exporter_country {
            unseen.push(format!("transaction.exporter_country ({country})"));
        }
        if let Some(region) = &t.exporter_region {
            unseen.push(format!("transaction.exporter_region ({region})"));
        }
        let items = c
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                if i.attributes != w::ItemAttributes::empty() {
                    unseen.push(format!("items[{n}].attributes"));
                }
                if !i.other_lists.is_empty() {
                    unseen.push(format!("items[{n}].other_lists"));
                }
                w1::Item {
                    control_code: i.control_code.clone(),
                    description: i.description.clone(),
                    capabilities: i.capabilities.iter().map(|&c| c.into()).collect(),
                }
            })
            .collect();
        let parties = c
            .parties
            .iter()
            .enumerate()
            .map(|(n, p)| {
                if let Some(id) = &p.identity {
                    for (field, stated) in [
                        ("aliases", !id.aliases.is_empty()),
                        ("address_country", id.address_country.is_some()),
                        ("parent", id.parent.is_some()),
                        (
                            "state_ownership_percent",
                            id.state_ownership_percent.is_some(),
                        ),
                        ("nationality", id.nationality.is_some()),
                    ] {
                        if stated {
                            unseen.push(format!("parties[{n}].{field}"));
                        }
                    }
                }
                w1::Party {
                    name: p.name.clone(),
                    country: p.country.clone(),
                    kind: p.kind.into(),
                    role: p.role.into(),
                    sector: p.sector.into(),
                    us_subsidiary: p.us_subsidiary,
                }
            })
            .collect();
        let mut facts: Vec<w1::RiskFact> = Vec::with_capacity(c.facts.len());
        for &f in &c.facts {
            match fact(f) {
                Some(g) => facts.push(g),
                None => unseen.push(format!("facts ({})", m::RiskFact::from(f))),
            }
        }
        let (notices, prior_denials) = match &c.history {
            Some(h) => (h.notices.as_slice(), h.prior_denials.as_slice()),
            None => (&[][..], &[][..]),
        };
        for (n, notice) in notices.iter().enumerate() {
            if notice.basis == w::NoticeBasis::EuDualUseArt5 {
                if !facts.contains(&w1::RiskFact::ExporterInformedByAuthority) {
                    facts.push(w1::RiskFact::ExporterInformedByAuthority);
                }
            } else {
                unseen.push(format!("notices[{n}]"));
            }
        }
        if !prior_denials.is_empty() {
            unseen.push("prior_denials".into());
        }
        if c.mitigations != w::Mitigations::empty() {
            unseen.push("mitigations".into());
        }
        let case = w1::Case {
            id: c.id.clone(),
            as_of: w1::Date {
                year: c.as_of.year,
                month: c.as_of.month,
                day: c.as_of.day,
            },
            destination: c.destination.clone(),
            items,
            parties,
            end_use: w1::EndUse {
                category: c.end_use.category.into(),
                description: c.end_use.description.clone(),
            },
            facts,
        };
        (case, unseen)
    }

    /// A 0.1.0 assessment as a 0.2.0 one (the same fields).
    pub(crate) fn assessment(a: w1::Assessment) -> w::Assessment {
        w::Assessment {
            outcome: outcome(a.outcome),
            findings: a
                .findings
                .into_iter()
                .map(|f| w::Finding {
                    rule_id: f.rule_id,
                    citation: f.citation,
                    explanation: f.explanation,
                    outcome: outcome(f.outcome),
                    assumption: f.assumption,
                })
                .collect(),
            conditions: a.conditions,
        }
    }

    /// A 0.1.0 `case-error` as a 0.2.0 one.
    pub(crate) fn case_error(e: w1::CaseError) -> w::CaseError {
        w::CaseError {
            field: e.field,
            message: e.message,
        }
    }

    /// Checks a 0.1.0 `info()` answer as [`super::module_info`] checks a
    /// 0.2.0 one. 0.1.0 states only the date the law is stated as of, no
    /// start, no catalogue and no commitments.
    pub(crate) fn module_info(i: w1::ModuleInfo) -> Result<m::ModuleInfo, String> {
        let until = w::Date {
            year: i.effective.year,
            month: i.effective.month,
            day: i.effective.day,
        };
        let mut info = super::module_info(w::ModuleInfo {
            jurisdiction: i.jurisdiction,
            name: i.name,
            authority: i.authority,
            version: i.version,
            stated_for: w::Period { from: until, until },
            sources: i
                .sources
                .into_iter()
                .map(|s| w::Source {
                    title: s.title,
                    url: s.url,
                })
                .collect(),
            rules: Vec::new(),
            commitments: Vec::new(),
        })
        .map_err(|e| e.replace("stated_for.until", "effective"))?;
        info.stated_for.from = None;
        Ok(info)
    }
}
