//! Ed25519 keys, in `wasmsign2`'s formats so its own command line reads
//! them too: a secret key file is `0x81` followed by the 64-byte Ed25519
//! secret key, a public key file `0x01` followed by the 32-byte public key.
//! A key is named in signatures by its key id, `wasmsign2`'s default: the
//! first 12 bytes of HMAC-SHA-256 keyed with `key_id` over the public key.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What went wrong with a key or a key file.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file could not be read.
    #[error("cannot read the key file `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file could not be written (it is never overwritten).
    #[error("cannot create the key file `{}`", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file holds no Ed25519 secret key in a format `wasmsign2` reads.
    #[error("`{}` is not an Ed25519 secret key (expected a key written by `echri keygen` or `wasmsign2 keygen`, PEM or DER)", path.display())]
    NotASecretKey {
        /// The file.
        path: PathBuf,
    },
    /// The file holds no Ed25519 public key.
    #[error("`{}` is not an Ed25519 public key", path.display())]
    NotAPublicKey {
        /// The file.
        path: PathBuf,
    },
    /// A public key written as text is not 64 hex digits.
    #[error("`{text}` is not an Ed25519 public key (expected 64 hexadecimal digits)")]
    BadHex {
        /// The text, cut to 80 characters.
        text: String,
    },
}

/// A key id: 12 bytes, shown as 24 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub Vec<u8>);

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::hex(&self.0))
    }
}

impl serde::Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A public key, with its key id attached.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(pub(crate) wasmsign2::PublicKey);

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

impl PublicKey {
    fn new(pk: wasmsign2::PublicKey) -> PublicKey {
        PublicKey(wasmsign2::PublicKey { key_id: None, ..pk }.attach_default_key_id())
    }

    /// The key from 64 hex digits (the trust store's form).
    pub fn from_hex(text: &str) -> Result<PublicKey, KeyError> {
        let bad = || KeyError::BadHex {
            text: text.chars().take(80).collect(),
        };
        let raw = unhex(text.trim())
            .filter(|b| b.len() == 32)
            .ok_or_else(bad)?;
        let mut bytes = vec![ED25519_PUBLIC];
        bytes.extend_from_slice(&raw);
        let pk = wasmsign2::PublicKey::from_bytes(&bytes).map_err(|_| bad())?;
        Ok(PublicKey::new(pk))
    }

    /// The key as 64 hex digits.
    pub fn to_hex(&self) -> String {
        crate::hex(self.0.pk.as_ref())
    }

    /// The key id signatures by this key carry.
    pub fn key_id(&self) -> KeyId {
        KeyId(self.0.key_id().cloned().unwrap_or_default())
    }

    /// Reads a public key file (`wasmsign2`'s raw form, PEM or DER).
    pub fn from_file(path: &Path) -> Result<PublicKey, KeyError> {
        let bytes = std::fs::read(path).map_err(|source| KeyError::Read {
            path: path.to_owned(),
            source,
        })?;
        let pk = wasmsign2::PublicKey::from_bytes(&bytes)
            .or_else(|_| wasmsign2::PublicKey::from_der(&bytes))
            .or_else(|_| {
                std::str::from_utf8(&bytes)
                    .map_err(|_| wasmsign2::WSError::ParseError)
                    .and_then(wasmsign2::PublicKey::from_pem)
            })
            .map_err(|_| KeyError::NotAPublicKey {
                path: path.to_owned(),
            })?;
        Ok(PublicKey::new(pk))
    }

    /// Writes the key in `wasmsign2`'s raw form to a new file.
    pub fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        write_new(path, &self.0.to_bytes(), 0o644)
    }
}

/// `wasmsign2`'s type tag of an Ed25519 public key in its raw form.
const ED25519_PUBLIC: u8 = 0x01;

/// A secret signing key.
#[derive(Clone)]
pub struct SigningKey(pub(crate) wasmsign2::SecretKey);

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the secret itself.
        write!(f, "SigningKey(public {})", self.public().to_hex())
    }
}

impl SigningKey {
    /// A new random key (the operating system's random source).
    pub fn generate() -> SigningKey {
        SigningKey(wasmsign2::KeyPair::generate().sk)
    }

    /// Reads a secret key file: `wasmsign2`'s raw form, PEM or DER.
    pub fn from_file(path: &Path) -> Result<SigningKey, KeyError> {
        let bytes = std::fs::read(path).map_err(|source| KeyError::Read {
            path: path.to_owned(),
            source,
        })?;
        wasmsign2::SecretKey::from_any(&bytes)
            .map(SigningKey)
            .map_err(|_| KeyError::NotASecretKey {
                path: path.to_owned(),
            })
    }

    /// Writes the key in `wasmsign2`'s raw form to a new file that only
    /// its owner may read (mode `0600`); an existing file is never
    /// overwritten.
    pub fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        write_new(path, &self.0.to_bytes(), 0o600)
    }

    /// The public half, with its key id.
    pub fn public(&self) -> PublicKey {
        PublicKey::new(wasmsign2::PublicKey {
            pk: self.0.sk.public_key(),
            key_id: None,
        })
    }
}

fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), KeyError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .map_err(|source| KeyError::Write {
            path: path.to_owned(),
            source,
        })
}

/// `text` as bytes, if it is an even number of hex digits.
pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            if !pair.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()
        })
        .collect()
}
