//! Verifying a module against a [`TrustStore`], in two steps:
//!
//! 1. [`TrustStore::verify`], before the module is compiled: the exact
//!    bytes must carry a valid signature (in the `wasmsign2` format,
//!    embedded or detached) by a key that the store trusts, that is not
//!    revoked and that is within its validity period today;
//! 2. [`Verified::authorize`], once the runtime has read the jurisdiction
//!    the module claims (`info()`): one of those signers must vouch for it.
//!
//! Every refusal is a [`Refusal`] naming the module, the key and the
//! reason.

use std::collections::BTreeSet;

use echri_sdk::model::Date;
use serde::Serialize;

use crate::COMPONENT_PREAMBLE;
use crate::keys::{KeyId, PublicKey};
use crate::store::{TrustStore, TrustedKey};

/// Why a module may not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The bytes are not a component.
    #[error("`{module}` is not a WebAssembly component, so its signatures cannot be checked")]
    NotAComponent {
        /// The module.
        module: String,
    },
    /// No signature at all.
    #[error("`{module}` is not signed; only modules signed by a trusted key may run")]
    Unsigned {
        /// The module.
        module: String,
    },
    /// The signature section cannot be decoded.
    #[error("`{module}` has a malformed signature: {reason}")]
    Malformed {
        /// The module.
        module: String,
        /// What is wrong.
        reason: String,
    },
    /// Signed, but by no key the store knows.
    #[error("`{module}` is signed only by keys the trust store does not know ({})", key_ids.join(", "))]
    UnknownKey {
        /// The module.
        module: String,
        /// The key ids the signatures name (`anonymous` for none).
        key_ids: Vec<String>,
    },
    /// A known key's signature is there but does not cover these bytes.
    #[error(
        "`{module}`: the signature by `{key}` does not match the module's bytes (they were \
         changed after signing, or the signature was made for another module)"
    )]
    Tampered {
        /// The module.
        module: String,
        /// The key.
        key: String,
    },
    /// Signed by a revoked key.
    #[error("`{module}` is signed by `{key}`, which is revoked: {reason}")]
    Revoked {
        /// The module.
        module: String,
        /// The key.
        key: String,
        /// The store's reason.
        reason: String,
    },
    /// Signed by a key whose validity period has ended.
    #[error("`{module}` is signed by `{key}`, which expired after {not_after} (today is {today})")]
    Expired {
        /// The module.
        module: String,
        /// The key.
        key: String,
        /// The key's last valid day.
        not_after: Date,
        /// Today.
        today: Date,
    },
    /// Signed by a key whose validity period has not begun.
    #[error(
        "`{module}` is signed by `{key}`, which is valid only from {not_before} (today is {today})"
    )]
    NotYetValid {
        /// The module.
        module: String,
        /// The key.
        key: String,
        /// The key's first valid day.
        not_before: Date,
        /// Today.
        today: Date,
    },
    /// Validly signed, but no signer vouches for the module's jurisdiction.
    #[error(
        "`{module}` claims jurisdiction `{jurisdiction}`, but its signer `{key}` is trusted only \
         for {}", allowed.join(", ")
    )]
    WrongJurisdiction {
        /// The module.
        module: String,
        /// The jurisdiction it claims.
        jurisdiction: String,
        /// The (first) valid signer.
        key: String,
        /// What that signer may vouch for.
        allowed: Vec<String>,
    },
}

impl Refusal {
    /// A short machine-readable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::NotAComponent { .. } => "not-a-component",
            Refusal::Unsigned { .. } => "unsigned",
            Refusal::Malformed { .. } => "malformed-signature",
            Refusal::UnknownKey { .. } => "unknown-key",
            Refusal::Tampered { .. } => "tampered",
            Refusal::Revoked { .. } => "revoked-key",
            Refusal::Expired { .. } => "expired-key",
            Refusal::NotYetValid { .. } => "key-not-yet-valid",
            Refusal::WrongJurisdiction { .. } => "wrong-jurisdiction",
        }
    }

    /// The module refused.
    pub fn module(&self) -> &str {
        match self {
            Refusal::NotAComponent { module }
            | Refusal::Unsigned { module }
            | Refusal::Malformed { module, .. }
            | Refusal::UnknownKey { module, .. }
            | Refusal::Tampered { module, .. }
            | Refusal::Revoked { module, .. }
            | Refusal::Expired { module, .. }
            | Refusal::NotYetValid { module, .. }
            | Refusal::WrongJurisdiction { module, .. } => module,
        }
    }
}

/// What one signature of a module amounts to under a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum Status {
    /// Valid, by a trusted key, today within its validity period.
    Valid {
        /// The key's name.
        key: String,
        /// What it vouches for.
        jurisdictions: Vec<String>,
        /// Its last valid day.
        not_after: Date,
    },
    /// By a trusted key, but not over these bytes.
    Tampered {
        /// The key's name.
        key: String,
    },
    /// Valid, by a revoked key.
    Revoked {
        /// The key's name.
        key: String,
        /// Why it was revoked.
        reason: String,
    },
    /// Valid, by a trusted key outside its validity period.
    Expired {
        /// The key's name.
        key: String,
        /// Its last valid day.
        not_after: Date,
    },
    /// Valid, by a trusted key whose validity has not begun.
    NotYetValid {
        /// The key's name.
        key: String,
        /// Its first valid day.
        not_before: Date,
    },
    /// By a key the store does not know.
    UnknownKey,
}

/// One signature found on a module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureReport {
    /// The key id the signature names (none: an anonymous signature).
    pub key_id: Option<KeyId>,
    /// What it amounts to.
    #[serde(flatten)]
    pub status: Status,
}

/// A module whose bytes verified: the keys that may vouch for it.
#[derive(Debug, Clone)]
pub struct Verified {
    module: String,
    signers: Vec<TrustedKey>,
}

impl Verified {
    /// The valid signers (trusted, unrevoked, in their validity period).
    pub fn signers(&self) -> &[TrustedKey] {
        &self.signers
    }

    /// The first signer trusted for `jurisdiction`, the one the module
    /// claims; else [`Refusal::WrongJurisdiction`].
    pub fn authorize(&self, jurisdiction: &str) -> Result<&TrustedKey, Refusal> {
        if let Some(k) = self
            .signers
            .iter()
            .find(|k| k.jurisdictions.iter().any(|j| j == jurisdiction))
        {
            return Ok(k);
        }
        let first = &self.signers[0];
        let allowed: BTreeSet<&String> =
            self.signers.iter().flat_map(|k| &k.jurisdictions).collect();
        Err(Refusal::WrongJurisdiction {
            module: self.module.clone(),
            jurisdiction: jurisdiction.to_owned(),
            key: first.name.clone(),
            allowed: allowed.into_iter().cloned().collect(),
        })
    }
}

/// Today's date (UTC), from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).expect("a day after 1970 within year 9999")
}

/// The signatures a module carries (embedded, or `detached`).
fn signature_data(
    module: &str,
    bytes: &[u8],
    detached: Option<&[u8]>,
) -> Result<wasmsign2::SignatureData, Refusal> {
    if !bytes.starts_with(&COMPONENT_PREAMBLE) {
        return Err(Refusal::NotAComponent {
            module: module.to_owned(),
        });
    }
    let malformed = |e: wasmsign2::WSError| Refusal::Malformed {
        module: module.to_owned(),
        reason: e.to_string().to_lowercase(),
    };
    if let Some(detached) = detached {
        return wasmsign2::SignatureData::deserialize(detached).map_err(malformed);
    }
    let mut reader = bytes;
    let mut sections = wasmsign2::Module::iterate(
        wasmsign2::Module::init_from_reader(&mut reader).map_err(malformed)?,
    )
    .map_err(malformed)?;
    match sections.next() {
        Some(Ok(wasmsign2::Section::Custom(c))) if c.is_signature_header() => {
            c.signature_data().map_err(malformed)
        }
        Some(Err(e)) => Err(malformed(e)),
        _ => Err(Refusal::Unsigned {
            module: module.to_owned(),
        }),
    }
}

/// Whether `key` made a signature over exactly `bytes` (every section after
/// the embedded signature, or every section with a detached one).
fn signed_by(key: &PublicKey, bytes: &[u8], detached: Option<&[u8]>) -> bool {
    key.0.verify(&mut &bytes[..], detached).is_ok()
}

impl TrustStore {
    /// Every signature on `bytes` (embedded, or `detached`) and what it
    /// amounts to on `today`. Errs only when there is nothing to examine
    /// (not a component, unsigned, malformed signature).
    pub fn examine(
        &self,
        module: &str,
        bytes: &[u8],
        detached: Option<&[u8]>,
        today: Date,
    ) -> Result<Vec<SignatureReport>, Refusal> {
        let data = signature_data(module, bytes, detached)?;
        let ids: Vec<Option<KeyId>> = data
            .signed_hashes_set
            .iter()
            .flat_map(|s| &s.signatures)
            .map(|s| s.key_id.clone().map(KeyId))
            .collect();
        if ids.is_empty() {
            return Err(Refusal::Unsigned {
                module: module.to_owned(),
            });
        }
        let mut reports = Vec::new();
        for id in ids {
            // Only the keys the signature names are tried (an anonymous one
            // is tried with all), so verifying costs one pass over the
            // module per key named, not per key in the store.
            let trusted: Vec<&TrustedKey> = match &id {
                Some(id) => self.key(id).into_iter().collect(),
                None => self.keys.iter().collect(),
            };
            let revoked: Vec<_> = match &id {
                Some(id) => self.revoked_key(id).into_iter().collect(),
                None => self.revoked.iter().collect(),
            };
            let status = if let Some(r) = revoked
                .iter()
                .find(|r| signed_by(&r.public_key, bytes, detached))
            {
                // The trusted entry's name if it has one: it is the name
                // the user knows the key by.
                let name = self
                    .keys
                    .iter()
                    .find(|k| k.public_key == r.public_key)
                    .map_or(&r.name, |k| &k.name);
                Status::Revoked {
                    key: name.clone(),
                    reason: r.reason.clone(),
                }
            } else if let Some(k) = trusted
                .iter()
                .find(|k| signed_by(&k.public_key, bytes, detached))
            {
                if let Some(r) = self.revocation(&k.public_key) {
                    Status::Revoked {
                        key: k.name.clone(),
                        reason: r.reason.clone(),
                    }
                } else if today > k.not_after {
                    Status::Expired {
                        key: k.name.clone(),
                        not_after: k.not_after,
                    }
                } else if today < k.not_before {
                    Status::NotYetValid {
                        key: k.name.clone(),
                        not_before: k.not_before,
                    }
                } else {
                    Status::Valid {
                        key: k.name.clone(),
                        jurisdictions: k.jurisdictions.clone(),
                        not_after: k.not_after,
                    }
                }
            } else if let (Some(_), Some(k)) = (&id, trusted.first()) {
                Status::Tampered {
                    key: k.name.clone(),
                }
            } else if let (Some(_), Some(r)) = (&id, revoked.first()) {
                Status::Tampered {
                    key: r.name.clone(),
                }
            } else {
                Status::UnknownKey
            };
            reports.push(SignatureReport { key_id: id, status });
        }
        Ok(reports)
    }

    /// Checks `bytes` (with a `detached` signature, or the embedded ones)
    /// on `today`: at least one signature must be valid, by a trusted key,
    /// unrevoked and in its validity period. Load exactly these bytes
    /// afterwards, then call [`Verified::authorize`] with the jurisdiction
    /// the module claims.
    pub fn verify(
        &self,
        module: &str,
        bytes: &[u8],
        detached: Option<&[u8]>,
        today: Date,
    ) -> Result<Verified, Refusal> {
        let reports = self.examine(module, bytes, detached, today)?;
        let signers: Vec<TrustedKey> = reports
            .iter()
            .filter_map(|r| match &r.status {
                Status::Valid { key, .. } => self.keys.iter().find(|k| &k.name == key).cloned(),
                _ => None,
            })
            .collect();
        if !signers.is_empty() {
            return Ok(Verified {
                module: module.to_owned(),
                signers,
            });
        }
        Err(refusal(module, today, &reports))
    }
}

/// The most telling reason among signatures none of which is valid: a
/// known key's verdict before an unknown key's.
fn refusal(module: &str, today: Date, reports: &[SignatureReport]) -> Refusal {
    let module = module.to_owned();
    let rank = |s: &Status| match s {
        Status::Revoked { .. } => 0,
        Status::Expired { .. } => 1,
        Status::NotYetValid { .. } => 2,
        Status::Tampered { .. } => 3,
        Status::UnknownKey | Status::Valid { .. } => 4,
    };
    let best = reports.iter().min_by_key(|r| rank(&r.status));
    match best.map(|r| &r.status) {
        Some(Status::Revoked { key, reason }) => Refusal::Revoked {
            module,
            key: key.clone(),
            reason: reason.clone(),
        },
        Some(Status::Expired { key, not_after }) => Refusal::Expired {
            module,
            key: key.clone(),
            not_after: *not_after,
            today,
        },
        Some(Status::NotYetValid { key, not_before }) => Refusal::NotYetValid {
            module,
            key: key.clone(),
            not_before: *not_before,
            today,
        },
        Some(Status::Tampered { key }) => Refusal::Tampered {
            module,
            key: key.clone(),
        },
        _ => Refusal::UnknownKey {
            module,
            key_ids: reports
                .iter()
                .map(|r| {
                    r.key_id
                        .as_ref()
                        .map_or_else(|| "anonymous".to_owned(), KeyId::to_string)
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(civil_from_days(20_788).to_string(), "2026-12-01");
    }
}
