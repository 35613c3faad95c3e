//! The lock file (`echri.lock`): the resolved module set, each module's
//! reference, jurisdiction, digest and verified signer, written by
//! `echri lock`; with `--locked`, any difference is refused, a changed
//! digest before the module is compiled.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The lock file's format version.
pub const LOCK_VERSION: u32 = 1;

/// One locked module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedModule {
    /// How it was named: a path, an `oci://` reference, or
    /// `builtin:PACKAGE` for a module built into echri.
    pub reference: String,
    /// The jurisdiction it claims.
    pub jurisdiction: String,
    /// SHA-256 of the component (`sha256:…`).
    pub digest: String,
    /// The trust store's name for the key that vouched for it (none:
    /// loaded without verification, or built in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
}

/// A lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// [`LOCK_VERSION`].
    pub version: u32,
    /// The modules, in load order.
    #[serde(default, rename = "module")]
    pub modules: Vec<LockedModule>,
}

/// Why a lock file could not be used, or what differs from it.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// It could not be read or written.
    #[error("cannot use the lock file `{}`", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// It is not a lock file.
    #[error("the lock file `{}` is invalid: {error}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The parser's error, said in the message.
        error: toml::de::Error,
    },
    /// Another format version.
    #[error("the lock file `{}` has version {found}; this echri reads version {LOCK_VERSION}", path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
    /// The resolved modules differ from the lock file.
    #[error("the modules differ from the lock file `{}` (`--locked`): {}", path.display(), differences.join("; "))]
    Differs {
        /// The file.
        path: PathBuf,
        /// Each difference, in words.
        differences: Vec<String>,
    },
}

impl Lock {
    /// Reads a lock file.
    pub fn read(path: &Path) -> Result<Lock, LockError> {
        let text = std::fs::read_to_string(path).map_err(|source| LockError::Io {
            path: path.to_owned(),
            source,
        })?;
        let lock: Lock = toml::from_str(&text).map_err(|error| LockError::Syntax {
            path: path.to_owned(),
            error,
        })?;
        if lock.version != LOCK_VERSION {
            return Err(LockError::Version {
                path: path.to_owned(),
                found: lock.version,
            });
        }
        Ok(lock)
    }

    /// The lock file's text.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("a lock serializes");
        format!(
            "# Written by `echri lock`: the resolved rule modules. `--locked` refuses any difference.\n{body}"
        )
    }

    /// The entry for `reference`, if any.
    pub fn get(&self, reference: &str) -> Option<&LockedModule> {
        self.modules.iter().find(|m| m.reference == reference)
    }

    /// Every difference between `resolved` and this lock, in words (none:
    /// identical, order aside).
    pub fn differences(&self, resolved: &[LockedModule]) -> Vec<String> {
        let mut out = Vec::new();
        for m in resolved {
            match self.get(&m.reference) {
                None => out.push(format!("`{}` is not in the lock file", m.reference)),
                Some(l) if l != m => {
                    for (what, locked, now) in [
                        ("jurisdiction", Some(&l.jurisdiction), Some(&m.jurisdiction)),
                        ("digest", Some(&l.digest), Some(&m.digest)),
                        ("signer", l.signer.as_ref(), m.signer.as_ref()),
                    ] {
                        if locked != now {
                            let show = |v: Option<&String>| {
                                v.map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
                            };
                            out.push(format!(
                                "`{}`: {what} {} in the lock file, {} now",
                                m.reference,
                                show(locked),
                                show(now)
                            ));
                        }
                    }
                }
                Some(_) => {}
            }
        }
        for l in &self.modules {
            if !resolved.iter().any(|m| m.reference == l.reference) {
                out.push(format!("`{}` is locked but not loaded", l.reference));
            }
        }
        out
    }
}
