//! A cache of compiled modules on disk, so `echri compare` does not run
//! Cranelift on every start.
//!
//! An entry is keyed by the component's SHA-256, the engine's compatibility
//! hash (its settings and the wasmtime version) and this crate's version, so
//! a changed module, setting or runtime never reuses a stale artifact.
//!
//! Loading a compiled artifact runs its machine code, so the cache must not
//! be writable by anyone else: the directory is created `0700`, a directory
//! that others can write to is refused, and every artifact is authenticated
//! with HMAC-SHA-256 under a random key kept in the directory (`0600`). An
//! artifact whose tag does not verify is ignored and recompiled. (Someone who
//! can read the user's files can also forge a tag; the cache does not defend
//! against the user's own account.)

#![allow(unsafe_code, reason = "deserializing a compiled component is unsafe; see `load`")]

use std::fs;
use std::hash::{BuildHasher as _, Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use wasmtime::Engine;
use wasmtime::component::Component;

type HmacSha256 = Hmac<Sha256>;

const TAG_LEN: usize = 32;

/// The on-disk cache of compiled components.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    key: [u8; 32],
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
    /// The directory is writable by others.
    #[error("cache directory `{}` is writable by other users; refusing to load code from it", path.display())]
    Insecure {
        /// The path.
        path: PathBuf,
    },
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

    /// Opens (creating if needed) the cache in `dir`.
    pub fn open(dir: &Path) -> Result<Cache, CacheError> {
        let io = |source| CacheError::Io {
            path: dir.to_owned(),
            source,
        };
        create_private_dir(dir).map_err(io)?;
        check_private(dir)?;
        let key_path = dir.join("key");
        let key = match fs::read(&key_path) {
            Ok(k) if k.len() == 32 => k,
            _ => {
                let key = random_key().to_vec();
                write_private(&key_path, &key).map_err(io)?;
                key
            }
        };
        let mut k = [0u8; 32];
        k.copy_from_slice(&key);
        Ok(Cache { dir: dir.to_owned(), key: k })
    }

    fn path_for(&self, engine: &Engine, sha256: &str) -> PathBuf {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        engine.precompile_compatibility_hash().hash(&mut h);
        env!("CARGO_PKG_VERSION").hash(&mut h);
        self.dir.join(format!("{sha256}-{:016x}.cwasm", h.finish()))
    }

    fn tag(&self, bytes: &[u8]) -> [u8; TAG_LEN] {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(bytes);
        mac.finalize().into_bytes().into()
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
        let path = self.path_for(engine, sha256);
        if let Some(component) = fs::read(&path).ok().and_then(|stored| self.load(engine, &stored)) {
            return Ok(component);
        }
        let component = Component::new(engine, bytes)?;
        if let Ok(artifact) = component.serialize() {
            let mut entry = self.tag(&artifact).to_vec();
            entry.extend_from_slice(&artifact);
            let _ = write_private(&path, &entry);
        }
        Ok(component)
    }

    fn load(&self, engine: &Engine, stored: &[u8]) -> Option<Component> {
        if stored.len() < TAG_LEN {
            return None;
        }
        let (tag, artifact) = stored.split_at(TAG_LEN);
        let mut mac = HmacSha256::new_from_slice(&self.key).ok()?;
        mac.update(artifact);
        mac.verify_slice(tag).ok()?;
        // SAFETY: the artifact was written by `get_or_compile` with this
        // key (the tag verifies), from `Component::serialize` of an engine
        // with the same compatibility hash (part of the file name); wasmtime
        // checks the engine settings again while deserializing.
        unsafe { Component::deserialize(engine, artifact).ok() }
    }
}

fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    if let Ok(mut f) = fs::File::open("/dev/urandom") {
        use std::io::Read as _;
        if f.read_exact(&mut key).is_ok() {
            return key;
        }
    }
    // No /dev/urandom: fall back to std's randomly seeded hasher. Weaker,
    // but the directory permissions remain the primary defence.
    for (i, chunk) in key.chunks_mut(8).enumerate() {
        let h = std::collections::hash_map::RandomState::new().hash_one(i);
        chunk.copy_from_slice(&h.to_le_bytes());
    }
    key
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn check_private(dir: &Path) -> Result<(), CacheError> {
    use std::os::unix::fs::MetadataExt as _;
    let meta = fs::metadata(dir).map_err(|source| CacheError::Io {
        path: dir.to_owned(),
        source,
    })?;
    if meta.mode() & 0o022 != 0 {
        return Err(CacheError::Insecure { path: dir.to_owned() });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_dir: &Path) -> Result<(), CacheError> {
    Ok(())
}

/// Writes `bytes` to `path` atomically (temporary file, then rename), with
/// owner-only permissions.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all().ok();
    drop(f);
    fs::rename(&tmp, path)
}
