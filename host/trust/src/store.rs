//! The trust store: which public keys may vouch for which jurisdictions,
//! from when to when, which keys are revoked, and whether signatures are
//! required. A TOML file, given with `--trust FILE` or found in the user's
//! configuration directory ([`TrustStore::default_path`]):
//!
//! ```toml
//! [policy]
//! require-signed = true          # the default for `--require-signed`
//!
//! [[key]]
//! name = "gb-ecju-2026"          # how messages name the key
//! public-key = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
//! jurisdictions = ["GB"]         # what modules it may vouch for
//! not-before = 2026-01-01        # its validity period, both days included
//! not-after = 2027-12-31
//!
//! [[revoked]]
//! public-key = "…"
//! name = "gb-ecju-2025"          # optional
//! reason = "key compromised on 2026-03-02"
//! ```
//!
//! A revoked key stays revoked whatever `[[key]]` says about it.

use std::path::{Path, PathBuf};

use echri_sdk::model::Date;
use serde::Deserialize;

use crate::keys::{KeyError, KeyId, PublicKey};

/// Largest trust store read: far above any honest one.
pub const MAX_STORE_BYTES: u64 = 1 << 20;

/// Why a trust store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read.
    #[error("cannot read the trust store `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_STORE_BYTES`].
    #[error("the trust store `{}` is larger than {MAX_STORE_BYTES} bytes", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// Not valid TOML, or not the trust store's fields.
    #[error("the trust store {} is invalid: {error}", at(.path))]
    Syntax {
        /// The file, if read from one.
        path: Option<PathBuf>,
        /// The parser's error (with line and column), said in the message.
        error: toml::de::Error,
    },
    /// A key entry is wrong.
    #[error("the trust store {} is invalid: key `{name}`: {reason}", at(.path))]
    BadKey {
        /// The file, if read from one.
        path: Option<PathBuf>,
        /// The entry's name.
        name: String,
        /// What is wrong.
        reason: String,
    },
}

fn at(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map_or_else(|| "text".to_owned(), |p| format!("`{}`", p.display()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreFile {
    #[serde(default)]
    policy: PolicyFile,
    #[serde(default)]
    key: Vec<KeyFile>,
    #[serde(default)]
    revoked: Vec<RevokedFile>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PolicyFile {
    #[serde(default)]
    require_signed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct KeyFile {
    name: String,
    public_key: String,
    jurisdictions: Vec<String>,
    not_before: Date,
    not_after: Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RevokedFile {
    public_key: String,
    #[serde(default)]
    name: Option<String>,
    reason: String,
}

/// A key the store trusts.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    /// How messages name it.
    pub name: String,
    /// The key.
    pub public_key: PublicKey,
    /// The jurisdictions (ISO 3166-1 alpha-2) it may vouch for.
    pub jurisdictions: Vec<String>,
    /// First day it is valid.
    pub not_before: Date,
    /// Last day it is valid.
    pub not_after: Date,
}

/// A revoked key.
#[derive(Debug, Clone)]
pub struct RevokedKey {
    /// How messages name it: the store's name for it, else its key id.
    pub name: String,
    /// The key.
    pub public_key: PublicKey,
    /// Why it was revoked.
    pub reason: String,
}

/// The trust store.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// Whether only signed modules may load (`[policy] require-signed`).
    pub require_signed: bool,
    /// The trusted keys.
    pub keys: Vec<TrustedKey>,
    /// The revoked keys.
    pub revoked: Vec<RevokedKey>,
}

impl TrustStore {
    /// The store in the user's configuration directory:
    /// `$ECHRI_CONFIG_DIR/trust.toml`, else `$XDG_CONFIG_HOME/echri/trust.toml`,
    /// else `~/.config/echri/trust.toml` (whether or not it exists).
    pub fn default_path() -> Option<PathBuf> {
        let var = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let dir = var("ECHRI_CONFIG_DIR")
            .or_else(|| var("XDG_CONFIG_HOME").map(|d| d.join("echri")))
            .or_else(|| var("HOME").map(|d| d.join(".config/echri")))?;
        Some(dir.join("trust.toml"))
    }

    /// Reads a trust store file.
    pub fn read(path: &Path) -> Result<TrustStore, StoreError> {
        use std::io::Read as _;
        let read = |source| StoreError::Read {
            path: path.to_owned(),
            source,
        };
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(read)?
            .take(MAX_STORE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(read)?;
        if text.len() as u64 > MAX_STORE_BYTES {
            return Err(StoreError::TooLarge {
                path: path.to_owned(),
            });
        }
        TrustStore::from_toml(&text, Some(path))
    }

    /// Parses a trust store; `path` is for messages.
    pub fn from_toml(text: &str, path: Option<&Path>) -> Result<TrustStore, StoreError> {
        let path = path.map(Path::to_owned);
        let file: StoreFile = toml::from_str(text).map_err(|error| StoreError::Syntax {
            path: path.clone(),
            error,
        })?;
        let bad = |name: &str, reason: String| StoreError::BadKey {
            path: path.clone(),
            name: name.to_owned(),
            reason,
        };
        let mut keys: Vec<TrustedKey> = Vec::new();
        for k in file.key {
            let public_key = PublicKey::from_hex(&k.public_key)
                .map_err(|e: KeyError| bad(&k.name, e.to_string()))?;
            if k.name.trim().is_empty() || k.name.chars().any(char::is_control) {
                return Err(bad(
                    &k.name,
                    "a name must be non-empty text without control characters".into(),
                ));
            }
            if k.jurisdictions.is_empty() {
                return Err(bad(&k.name, "it vouches for no jurisdiction".into()));
            }
            if let Some(j) = k
                .jurisdictions
                .iter()
                .find(|j| j.len() != 2 || !j.bytes().all(|b| b.is_ascii_uppercase()))
            {
                return Err(bad(
                    &k.name,
                    format!("`{j}` is not an ISO 3166-1 alpha-2 code (two capital letters)"),
                ));
            }
            if k.not_after < k.not_before {
                return Err(bad(
                    &k.name,
                    format!(
                        "`not-after` {} is before `not-before` {}",
                        k.not_after, k.not_before
                    ),
                ));
            }
            if let Some(other) = keys
                .iter()
                .find(|o| o.name == k.name || o.public_key == public_key)
            {
                return Err(bad(
                    &k.name,
                    format!("the same name or public key as the key `{}`", other.name),
                ));
            }
            keys.push(TrustedKey {
                name: k.name,
                public_key,
                jurisdictions: k.jurisdictions,
                not_before: k.not_before,
                not_after: k.not_after,
            });
        }
        let mut revoked = Vec::new();
        for r in file.revoked {
            let label = r.name.clone().unwrap_or_else(|| r.public_key.clone());
            let public_key =
                PublicKey::from_hex(&r.public_key).map_err(|e| bad(&label, e.to_string()))?;
            let name = r.name.unwrap_or_else(|| public_key.key_id().to_string());
            revoked.push(RevokedKey {
                name,
                public_key,
                reason: r.reason,
            });
        }
        Ok(TrustStore {
            path,
            require_signed: file.policy.require_signed,
            keys,
            revoked,
        })
    }

    /// The trusted key with this key id, if any.
    pub fn key(&self, id: &KeyId) -> Option<&TrustedKey> {
        self.keys.iter().find(|k| &k.public_key.key_id() == id)
    }

    /// The revocation of `key`, if it is revoked.
    pub fn revocation(&self, key: &PublicKey) -> Option<&RevokedKey> {
        self.revoked.iter().find(|r| &r.public_key == key)
    }

    /// The revoked key with this key id, if any.
    pub fn revoked_key(&self, id: &KeyId) -> Option<&RevokedKey> {
        self.revoked.iter().find(|r| &r.public_key.key_id() == id)
    }
}
