//! `echri lock`: resolve the module set (the built-in modules and every
//! `--rules` file or `oci://` reference, verified under the trust store)
//! and write each module's reference, jurisdiction, digest and signer to
//! the lock file (`echri.lock`). Any later command run with `--locked`
//! refuses to evaluate with a different set.

use clap::Args;
use echri_runtime::Slot;
use echri_trust::lock::{LOCK_VERSION, Lock};

use super::{Exit, GlobalArgs, LimitArgs, Outcome, RulesArgs, usage};

/// `echri lock`.
#[derive(Args, Debug)]
pub(crate) struct LockArgs {
    #[command(flatten)]
    rules: RulesArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

pub(crate) fn run(global: GlobalArgs, args: LockArgs) -> Outcome {
    let (runtime, modules) = super::load_resolved(global, &args.rules, &args.limits, 1)?;
    if let Some(Slot::Failed { origin, .. }) = runtime
        .slots()
        .iter()
        .find(|s| matches!(s, Slot::Failed { .. }))
    {
        return Err(usage(anyhow::anyhow!(
            "not writing the lock file: {origin} did not load"
        )));
    }
    let lock = Lock {
        version: LOCK_VERSION,
        modules,
    };
    let path = &args.rules.trust.lock_file;
    std::fs::write(path, lock.to_toml()).map_err(|e| {
        usage(anyhow::Error::from(e).context(format!("cannot write `{}`", path.display())))
    })?;
    if !global.quiet {
        eprintln!(
            "echri: locked {} modules in `{}`",
            lock.modules.len(),
            path.display()
        );
    }
    Ok(Exit::Ok)
}
