//! A cache of compiled modules on disk, so `echri compare` does not run
//! Cranelift on every start.
//!
//! An entry is filed under the component's SHA-256, the engine's
//! compatibility hash (its settings and the wasmtime version) and this
//! crate's version, so a changed module, setting or runtime never reuses a
//! stale artifact.
//!
//! Loading a compiled artifact runs its machine code, so the cache is
//! trusted exactly as far as the current user is (the per-user trust model,
//! SECURITY.md):
//!
//! - the directory must belong to the current user and be writable by no
//!   one else, else [`CacheError::NotOwned`] / [`CacheError::Insecure`]
//!   (the CLI warns and compiles afresh);
//! - the HMAC key is a regular file of the current user, readable by no one
//!   else (`0600`), opened without following symlinks;
//! - every entry is opened without following symlinks (`O_NOFOLLOW`) and
//!   without blocking (`O_NONBLOCK`, so a FIFO cannot hang echri), must be a
//!   regular file (checked with `fstat` on the opened file) and is read up
//!   to a size cap (so `/dev/zero` or a huge file cannot exhaust memory);
//! - an entry's HMAC-SHA-256 tag covers the module digest, the engine
//!   compatibility hash, the echri version and the artifact together, so an
//!   entry copied over another module's name does not verify;
//! - an artifact is deserialized only after its tag verifies. Any failure
//!   only costs a compilation; the entry is then rewritten.
//!
//! (Someone who can read the user's files can also forge a tag; the cache
//! does not defend against the user's own account.)

#![allow(
    unsafe_code,
    reason = "deserializing a compiled component is unsafe; see `load`"
)]

use std::fs;
use std::hash::{BuildHasher as _, Hash, Hasher};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use wasmtime::Engine;
use wasmtime::component::Component;

type HmacSha256 = Hmac<Sha256>;

const TAG_LEN: usize = 32;
const KEY_LEN: usize = 32;

/// Separates the tag of this entry format from any other use of the key.
const TAG_DOMAIN: &[u8] = b"echri compiled-module cache entry v2\0";

/// The largest entry read, whatever the module: a compiled artifact is a
/// few times the size of its component (the 18 MB Python test module
/// compiles to about 60 MB).
const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// The on-disk cache of compiled components.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    key: [u8; KEY_LEN],
}

/// Why the cache cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// No cache directory could be determined.
    #[error("no cache directory: set `ECHRI_CACHE_DIR`, `XDG_CACHE_HOME` or `HOME`")]
    NoDirectory,
    /// The directory or key file could not be created or read.
    #[error("cache directory `{}`", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The directory is writable by others, or the key readable by others.
    #[error("cache `{}` is accessible to other users; refusing to load code from it", path.display())]
    Insecure {
        /// The directory or key file.
        path: PathBuf,
    },
    /// The directory or its key belongs to another user, or is not what it
    /// should be (a key that is a symlink, a FIFO, a directory).
    #[error(
        "cache `{}` belongs to uid {owner}, not to the current user (uid {user}); refusing to load code from it",
        path.display()
    )]
    NotOwned {
        /// The directory or key file.
        path: PathBuf,
        /// Its owner, or `u32::MAX` when it is not a file of the expected
        /// type at all.
        owner: u32,
        /// The effective uid of this process.
        user: u32,
    },
}

impl CacheError {
    /// A short machine-readable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            CacheError::NoDirectory => "no-directory",
            CacheError::Io { .. } => "io",
            CacheError::Insecure { .. } => "insecure",
            CacheError::NotOwned { .. } => "not-owned",
        }
    }
}

fn euid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Opens `path` read-only without following a symlink in its last
/// component and without blocking (a FIFO opens at once), for `fstat`.
fn open_nofollow(path: &Path, extra: rustix::fs::OFlags) -> std::io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | extra,
        Mode::empty(),
    )?;
    Ok(fs::File::from(fd))
}

impl Cache {
    /// The default location: `$ECHRI_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/echri`, else `$HOME/.cache/echri`.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("ECHRI_CACHE_DIR") {
            return Some(dir.into());
        }
        if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
            return Some(Path::new(&dir).join("echri"));
        }
        std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache").join("echri"))
    }

    /// Opens (creating if needed) the cache in `dir`. Refuses a directory or
    /// key of another user ([`CacheError::NotOwned`]) and one others can
    /// write or read ([`CacheError::Insecure`]).
    pub fn open(dir: &Path) -> Result<Cache, CacheError> {
        use std::os::unix::fs::MetadataExt as _;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| CacheError::Io { path, source }
        };
        let user = euid();
        create_private_dir(dir).map_err(io(dir))?;
        // The directory itself (a symlink to it is followed: what matters is
        // who controls the directory the entries are in).
        let meta = fs::metadata(dir).map_err(io(dir))?;
        if !meta.is_dir() {
            return Err(CacheError::NotOwned {
                path: dir.to_owned(),
                owner: u32::MAX,
                user,
            });
        }
        if meta.uid() != user {
            return Err(CacheError::NotOwned {
                path: dir.to_owned(),
                owner: meta.uid(),
                user,
            });
        }
        if meta.mode() & 0o022 != 0 {
            return Err(CacheError::Insecure {
                path: dir.to_owned(),
            });
        }

        let key_path = dir.join("key");
        let key = match open_nofollow(&key_path, rustix::fs::OFlags::empty()) {
            Ok(mut file) => {
                let meta = file.metadata().map_err(io(&key_path))?;
                if !meta.is_file() {
                    return Err(CacheError::NotOwned {
                        path: key_path,
                        owner: u32::MAX,
                        user,
                    });
                }
                if meta.uid() != user {
                    return Err(CacheError::NotOwned {
                        path: key_path,
                        owner: meta.uid(),
                        user,
                    });
                }
                if meta.mode() & 0o077 != 0 {
                    return Err(CacheError::Insecure { path: key_path });
                }
                let mut key = Vec::with_capacity(KEY_LEN);
                (&mut file)
                    .take(KEY_LEN as u64 + 1)
                    .read_to_end(&mut key)
                    .map_err(io(&key_path))?;
                if key.len() == KEY_LEN {
                    key
                } else {
                    // Ours, but damaged: a new key only invalidates entries.
                    let key = random_key().to_vec();
                    write_private(&key_path, &key).map_err(io(&key_path))?;
                    key
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = random_key().to_vec();
                write_private(&key_path, &key).map_err(io(&key_path))?;
                key
            }
            // A symlink (ELOOP) or anything else we cannot open as a file.
            Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
                return Err(CacheError::NotOwned {
                    path: key_path,
                    owner: u32::MAX,
                    user,
                });
            }
            Err(e) => {
                return Err(CacheError::Io {
                    path: key_path,
                    source: e,
                });
            }
        };
        let mut k = [0u8; KEY_LEN];
        k.copy_from_slice(&key);
        Ok(Cache {
            dir: dir.to_owned(),
            key: k,
        })
    }

    /// The engine compatibility hash and echri version, as one number.
    fn compat(engine: &Engine) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        engine.precompile_compatibility_hash().hash(&mut h);
        env!("CARGO_PKG_VERSION").hash(&mut h);
        h.finish()
    }

    fn path_for(&self, sha256: &str, compat: u64) -> PathBuf {
        self.dir.join(format!("{sha256}-{compat:016x}.cwasm"))
    }

    /// The tag of an entry: module digest, compatibility hash, echri
    /// version and artifact, each length-prefixed.
    fn tag(&self, sha256: &str, compat: u64, artifact: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(TAG_DOMAIN);
        for part in [
            sha256.as_bytes(),
            &compat.to_le_bytes(),
            env!("CARGO_PKG_VERSION").as_bytes(),
            artifact,
        ] {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part);
        }
        mac
    }

    /// The compiled component for `bytes` (whose SHA-256 is `sha256`): from
    /// the cache when a verified entry exists, else compiled and stored.
    /// Cache failures never fail the load; they only cost a compilation.
    pub fn get_or_compile(
        &self,
        engine: &Engine,
        bytes: &[u8],
        sha256: &str,
    ) -> wasmtime::Result<Component> {
        let compat = Cache::compat(engine);
        let path = self.path_for(sha256, compat);
        if let Some(component) =
            read_entry(&path).and_then(|stored| self.load(engine, sha256, compat, &stored))
        {
            return Ok(component);
        }
        let component = Component::new(engine, bytes)?;
        if let Ok(artifact) = component.serialize() {
            let mut entry = self
                .tag(sha256, compat, &artifact)
                .finalize()
                .into_bytes()
                .to_vec();
            entry.extend_from_slice(&artifact);
            let _ = write_private(&path, &entry);
        }
        Ok(component)
    }

    fn load(&self, engine: &Engine, sha256: &str, compat: u64, stored: &[u8]) -> Option<Component> {
        if stored.len() < TAG_LEN {
            return None;
        }
        let (tag, artifact) = stored.split_at(TAG_LEN);
        self.tag(sha256, compat, artifact).verify_slice(tag).ok()?;
        // SAFETY: the tag verifies under this cache's key (a file of the
        // current user that no one else can read), and it covers the module
        // digest, the engine compatibility hash and the echri version: the
        // artifact was written by `get_or_compile` from `Component::serialize`
        // of this very module on an engine with these settings. wasmtime
        // checks the engine settings again while deserializing.
        unsafe { Component::deserialize(engine, artifact).ok() }
    }
}

/// An entry's bytes, or `None` when there is none or it is not a regular
/// file of the current user below the size cap. Never follows a symlink,
/// never blocks on a FIFO, never reads more than the cap.
fn read_entry(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::fs::MetadataExt as _;
    let file = open_nofollow(path, rustix::fs::OFlags::empty()).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.uid() != euid() || meta.len() > MAX_ENTRY_BYTES {
        return None;
    }
    let mut stored = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    // The file may grow after `fstat`: read no more than the cap.
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut stored)
        .ok()?;
    if stored.len() as u64 > MAX_ENTRY_BYTES {
        return None;
    }
    Some(stored)
}

fn random_key() -> [u8; KEY_LEN] {
    let mut key = [0u8; KEY_LEN];
    if let Ok(mut f) = fs::File::open("/dev/urandom")
        && f.read_exact(&mut key).is_ok()
    {
        return key;
    }
    // No /dev/urandom: fall back to std's randomly seeded hasher. Weaker,
    // but the ownership and permission checks remain the primary defence.
    for (i, chunk) in key.chunks_mut(8).enumerate() {
        let h = std::collections::hash_map::RandomState::new().hash_one(i);
        chunk.copy_from_slice(&h.to_le_bytes());
    }
    key
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Writes `bytes` to `path` atomically (a new temporary file, then rename
/// over whatever is at `path`, a FIFO or symlink included), owner-only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let nonce = std::collections::hash_map::RandomState::new().hash_one(path);
    let tmp = path.with_extension(format!("tmp{}-{nonce:016x}", std::process::id()));
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(&tmp)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    drop(f);
    match written.and_then(|()| fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}
