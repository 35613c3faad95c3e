//! `echri sign MODULE --key KEY`: sign a rule module in the format of the
//! WebAssembly signatures proposal (`wasmsign2`): embedded in the component
//! (added to any signatures already there, so several authorities can
//! co-sign), or detached in a file of its own.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use echri_trust::keys::SigningKey;
use echri_trust::sign;

use super::{Exit, GlobalArgs, Outcome, usage};

/// `echri sign`.
#[derive(Args, Debug)]
pub(crate) struct SignArgs {
    /// The component to sign.
    module: PathBuf,
    /// The secret key (from `echri keygen` or `wasmsign2 keygen`; PEM and
    /// DER are read too).
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// Write a detached signature (to `MODULE.sig` unless `--output`)
    /// and leave the module unchanged.
    #[arg(long)]
    detached: bool,
    /// Where to write: the signed module (default: MODULE itself, replaced
    /// atomically), or with `--detached` the signature.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(global: GlobalArgs, args: SignArgs) -> Outcome {
    let key = SigningKey::from_file(&args.key).map_err(usage)?;
    let bytes = std::fs::read(&args.module)
        .with_context(|| format!("cannot read `{}`", args.module.display()))?;
    let in_module = |e| {
        usage(anyhow::Error::from(e).context(format!("cannot sign `{}`", args.module.display())))
    };
    let (out, what) = if args.detached {
        let out = args.output.clone().unwrap_or_else(|| {
            let mut p = args.module.as_os_str().to_owned();
            p.push(".sig");
            PathBuf::from(p)
        });
        (out, sign::sign_detached(&bytes, &key).map_err(in_module)?)
    } else {
        let out = args.output.clone().unwrap_or_else(|| args.module.clone());
        (out, sign::sign(&bytes, &key).map_err(in_module)?)
    };
    write_atomically(&out, &what)?;
    if !global.quiet {
        eprintln!(
            "echri: signed `{}` with key {}; wrote {}`{}`",
            args.module.display(),
            key.public().key_id(),
            if args.detached {
                "the signature to "
            } else {
                ""
            },
            out.display()
        );
    }
    Ok(Exit::Ok)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: a reader never sees half a module.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("cannot write `{}`", path.display()))
}
