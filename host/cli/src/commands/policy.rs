//! Which modules may run: the trust store (`--trust FILE`, else the user's
//! configuration directory) and the signature policy (`--require-signed`,
//! else the store's `[policy] require-signed`), applied to every
//! `--rules` file as it is loaded.
//!
//! The order is the point: a file is read once, its exact bytes are
//! verified, and only those bytes are handed to the runtime, whose
//! compiled-module cache is keyed by their digest; so a compiled artifact
//! can never stand in for a module that was not verified. Once the runtime
//! has read the jurisdiction the module claims, a signer must vouch for it.
//! The built-in modules are part of the `echri` binary and trusted with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use clap::builder::BoolishValueParser;
use echri_runtime::{Origin, Runtime};
use echri_trust::lock::{Lock, LockError, LockedModule};
use echri_trust::registry::{ModuleStore, Pulled, Registry, parse_reference};
use echri_trust::store::TrustStore;
use echri_trust::verify::{Refusal, today};

use super::{Failure, GlobalArgs, Naming, usage, warn};

/// The trust options.
#[derive(Args, Debug, Clone)]
pub(crate) struct TrustArgs {
    /// The trust store (TOML: trusted keys with their jurisdictions and
    /// validity, revoked keys); default `$ECHRI_CONFIG_DIR/trust.toml`,
    /// else `$XDG_CONFIG_HOME/echri/trust.toml`, else
    /// `~/.config/echri/trust.toml`, if it exists.
    #[arg(long, value_name = "FILE", env = "ECHRI_TRUST")]
    pub(crate) trust: Option<PathBuf>,
    /// Load a `--rules` module only if a valid, unrevoked signature by a
    /// key the trust store trusts for the jurisdiction it claims is present
    /// (also set by the store's `[policy] require-signed = true`).
    #[arg(long, env = "ECHRI_REQUIRE_SIGNED", value_parser = BoolishValueParser::new())]
    pub(crate) require_signed: bool,
    /// Run only if the modules resolve to exactly those of the lock file
    /// (references, digests, signers): a changed digest is refused before
    /// the module is compiled.
    #[arg(long, env = "ECHRI_LOCKED", value_parser = BoolishValueParser::new())]
    pub(crate) locked: bool,
    /// The lock file `echri lock` writes and `--locked` checks.
    #[arg(long, value_name = "FILE", default_value = "echri.lock")]
    pub(crate) lock_file: PathBuf,
}

/// The trust store in force and whether signatures are required.
#[derive(Debug)]
pub(crate) struct Policy {
    pub(crate) store: Option<TrustStore>,
    pub(crate) required: bool,
    /// Under `--locked`: the lock file and what it holds.
    lock: Option<(PathBuf, Lock)>,
    /// The signer that vouched for each module loaded, by name.
    signers: HashMap<String, String>,
}

impl Policy {
    /// The policy `args` ask for; a required policy without a store is a
    /// usage error.
    pub(crate) fn open(args: &TrustArgs) -> Result<Policy, Failure> {
        let store = match &args.trust {
            Some(path) => Some(TrustStore::read(path).map_err(usage)?),
            None => match TrustStore::default_path() {
                Some(path) if path.exists() => Some(TrustStore::read(&path).map_err(usage)?),
                _ => None,
            },
        };
        let required = args.require_signed || store.as_ref().is_some_and(|s| s.require_signed);
        if required && store.is_none() {
            let default = TrustStore::default_path()
                .map_or_else(String::new, |p| format!(" or create `{}`", p.display()));
            return Err(usage(anyhow::anyhow!(
                "`--require-signed` needs a trust store: give one with `--trust FILE`{default}"
            )));
        }
        let lock = if args.locked {
            Some((
                args.lock_file.clone(),
                Lock::read(&args.lock_file).map_err(usage)?,
            ))
        } else {
            None
        };
        Ok(Policy {
            store,
            required,
            lock,
            signers: HashMap::new(),
        })
    }

    /// The modules `runtime` holds, as a lock file records them.
    pub(crate) fn resolved(&self, runtime: &Runtime) -> Vec<LockedModule> {
        runtime
            .modules()
            .map(|m| {
                let reference = match m.origin() {
                    Origin::Builtin(package) => format!("builtin:{package}"),
                    Origin::File(name) => name.clone(),
                };
                LockedModule {
                    signer: self.signers.get(&reference).cloned(),
                    reference,
                    jurisdiction: m.info().jurisdiction.clone(),
                    digest: format!("sha256:{}", m.sha256()),
                }
            })
            .collect()
    }

    /// Under `--locked`, refuses any difference between `runtime`'s modules
    /// and the lock file.
    pub(crate) fn check_locked(&self, runtime: &Runtime) -> Result<(), Failure> {
        let Some((path, lock)) = &self.lock else {
            return Ok(());
        };
        let differences = lock.differences(&self.resolved(runtime));
        if differences.is_empty() {
            return Ok(());
        }
        Err(usage(LockError::Differs {
            path: path.clone(),
            differences,
        }))
    }

    /// Under `--locked`, refuses `bytes` unless the lock file has `name`
    /// with their digest: before they are verified or compiled.
    fn check_locked_digest(&self, name: &str, bytes: &[u8]) -> Result<(), Failure> {
        let Some((path, lock)) = &self.lock else {
            return Ok(());
        };
        let digest = format!("sha256:{}", echri_trust::sha256(bytes));
        let difference = match lock.get(name) {
            None => format!("`{name}` is not in the lock file"),
            Some(l) if l.digest != digest => format!(
                "`{name}`: digest `{}` in the lock file, `{digest}` now",
                l.digest
            ),
            Some(_) => return Ok(()),
        };
        Err(usage(LockError::Differs {
            path: path.clone(),
            differences: vec![difference],
        }))
    }

    /// The store, or a usage error for commands that cannot work without.
    pub(crate) fn store(&self) -> Result<&TrustStore, Failure> {
        self.store.as_ref().ok_or_else(|| {
            let default = TrustStore::default_path()
                .map_or_else(String::new, |p| format!(", or create `{}`", p.display()));
            usage(anyhow::anyhow!(
                "no trust store: give one with `--trust FILE`{default}"
            ))
        })
    }

    /// A refusal: fatal under a required policy (exit 2, nothing runs),
    /// else a warning.
    fn refuse(&self, global: GlobalArgs, refusal: Refusal) -> Result<(), Failure> {
        if self.required {
            return Err(usage(refusal));
        }
        if !matches!(refusal, Refusal::Unsigned { .. }) {
            warn(
                global,
                format_args!("{refusal} (loaded anyway: signatures are not required)"),
            );
        }
        Ok(())
    }

    /// Loads the component file `path` into `runtime` under this policy. A
    /// module the runtime cannot load is said on stderr and kept as a
    /// failed slot, as without a policy; a refused one ends the command
    /// when signatures are required.
    pub(crate) fn load_file(
        &mut self,
        global: GlobalArgs,
        runtime: &mut Runtime,
        path: &Path,
        naming: &Naming,
    ) -> Result<(), Failure> {
        let Ok(bytes) = std::fs::read(path) else {
            // The runtime says why, as a failed slot.
            if let Err(e) = runtime.load_file(path) {
                eprintln!("echri: error: {:#}", anyhow::Error::from(e));
            }
            return Ok(());
        };
        // `MODULE.sig` counts only for a module without an embedded
        // signature: a stale file beside a signed module changes nothing.
        let detached = if self.store.is_none() || echri_trust::sign::has_embedded_signature(&bytes)
        {
            None
        } else {
            read_detached(path)?
        };
        self.load_bytes(
            global,
            runtime,
            path.display().to_string(),
            &bytes,
            detached.as_deref(),
            naming,
        )
    }

    /// Loads the module `reference` names (`oci://…`) under this policy:
    /// resolved at its registry, fetched unless the module store already
    /// holds its digest, then verified and loaded like a file.
    pub(crate) fn load_remote(
        &mut self,
        global: GlobalArgs,
        runtime: &mut Runtime,
        reference: &str,
        naming: &Naming,
    ) -> Result<(), Failure> {
        let pulled = pull(reference, runtime.sandbox().limits().max_component_bytes)?;
        self.load_bytes(
            global,
            runtime,
            reference.to_owned(),
            &pulled.bytes,
            None,
            naming,
        )
    }

    /// Verifies `bytes` (a store permitting) and loads exactly them.
    fn load_bytes(
        &mut self,
        global: GlobalArgs,
        runtime: &mut Runtime,
        name: String,
        bytes: &[u8],
        detached: Option<&[u8]>,
        naming: &Naming,
    ) -> Result<(), Failure> {
        self.check_locked_digest(&name, bytes)?;
        let verified = match &self.store {
            None => None,
            Some(store) => match store.verify(&name, bytes, detached, today()) {
                Ok(v) => Some(v),
                Err(refusal) => {
                    self.refuse(global, refusal)?;
                    None
                }
            },
        };
        // Exactly the bytes verified.
        match runtime.load_bytes_named(Origin::File(name.clone()), bytes, &|info| naming.name(info))
        {
            Ok(module) => {
                if let Some(v) = verified {
                    let jurisdiction = module.info().jurisdiction.clone();
                    match v.authorize(&jurisdiction) {
                        Ok(signer) => {
                            self.signers.insert(name, signer.name.clone());
                        }
                        Err(refusal) => self.refuse(global, refusal)?,
                    }
                }
            }
            Err(e) => eprintln!("echri: error: {:#}", anyhow::Error::from(e)),
        }
        Ok(())
    }
}

/// Where pulled modules are kept: `$ECHRI_MODULE_DIR`, else `modules/` in
/// the compiled-module cache's directory.
pub(crate) fn module_store() -> Option<ModuleStore> {
    let dir = std::env::var_os("ECHRI_MODULE_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| echri_runtime::cache::Cache::default_dir().map(|d| d.join("modules")))?;
    Some(ModuleStore::new(&dir))
}

/// Pulls `reference` through the module store.
pub(crate) fn pull(reference: &str, limit: u64) -> Result<Pulled, Failure> {
    let image = parse_reference(reference).map_err(usage)?;
    let registry = Registry::new(&image).map_err(usage)?;
    let store = module_store();
    registry
        .pull(reference, limit, store.as_ref())
        .map_err(|e| usage(anyhow::Error::from(e)))
}

/// The detached signature beside `module` (`MODULE.sig`), if there is one.
pub(crate) fn read_detached(module: &Path) -> Result<Option<Vec<u8>>, Failure> {
    let mut sig = module.as_os_str().to_owned();
    sig.push(".sig");
    let sig = PathBuf::from(sig);
    if !sig.exists() {
        return Ok(None);
    }
    read_signature(&sig).map(Some)
}

/// A detached signature file (at most 64 KiB: 256 signatures of about
/// 100 bytes each is the format's own limit).
pub(crate) fn read_signature(path: &Path) -> Result<Vec<u8>, Failure> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the signature `{}`", path.display()))?;
    if bytes.len() > 64 << 10 {
        return Err(usage(anyhow::anyhow!(
            "the signature `{}` is larger than 64 KiB",
            path.display()
        )));
    }
    Ok(bytes)
}

/// A runtime with just `bytes` loaded (a failed slot if it does not load),
/// using the compiled-module cache unless `no_cache`.
pub(crate) fn one_module(
    global: GlobalArgs,
    name: &str,
    bytes: &[u8],
    no_cache: bool,
) -> Result<Runtime, Failure> {
    let mut runtime = Runtime::new(echri_runtime::Limits::default(), 1)?;
    if !no_cache {
        super::use_cache(global, &mut runtime);
    }
    let _ = runtime.load_bytes(Origin::File(name.to_owned()), bytes);
    Ok(runtime)
}
