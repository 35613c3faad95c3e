//! `echri keygen NAME`: a new Ed25519 key pair for signing rule modules,
//! in `wasmsign2`'s file formats, and the trust store entry that trusts it.

use std::path::PathBuf;

use clap::Args;
use echri_trust::keys::SigningKey;
use echri_trust::verify::today;

use super::{Exit, GlobalArgs, Outcome, usage};

/// `echri keygen`.
#[derive(Args, Debug)]
pub(crate) struct KeygenArgs {
    /// Where to write the keys: `NAME.key` (the secret key, readable only
    /// by you) and `NAME.pub` (the public key). Existing files are never
    /// overwritten.
    #[arg(value_name = "NAME")]
    name: PathBuf,
    /// The jurisdiction (ISO 3166-1 alpha-2) the printed trust store entry
    /// lets the key vouch for; repeat for several.
    #[arg(long = "jurisdiction", value_name = "ISO")]
    jurisdictions: Vec<String>,
}

pub(crate) fn run(global: GlobalArgs, args: KeygenArgs) -> Outcome {
    let with = |ext: &str| {
        let mut p = args.name.as_os_str().to_owned();
        p.push(ext);
        PathBuf::from(p)
    };
    let (secret, public) = (with(".key"), with(".pub"));
    for j in &args.jurisdictions {
        if j.len() != 2 || !j.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(usage(anyhow::anyhow!(
                "`--jurisdiction {j}` is not an ISO 3166-1 alpha-2 code (two capital letters)"
            )));
        }
    }
    let key = SigningKey::generate();
    key.write_new(&secret).map_err(usage)?;
    key.public().write_new(&public).map_err(usage)?;
    if !global.quiet {
        eprintln!(
            "echri: wrote the secret key `{}` (keep it private) and the public key `{}`; key id {}",
            secret.display(),
            public.display(),
            key.public().key_id()
        );
    }
    let name = args
        .name
        .file_name()
        .map_or_else(|| "key".into(), |n| n.to_string_lossy().into_owned());
    let from = today();
    let text = from.to_string();
    let year: u16 = text[..4].parse().unwrap_or(2000);
    let mut to = format!("{}{}", year + 1, &text[4..]);
    if to.ends_with("-02-29") {
        to.replace_range(8.., "28");
    }
    let jurisdictions = if args.jurisdictions.is_empty() {
        "[] # the jurisdictions this key may vouch for, e.g. [\"GB\"]".to_owned()
    } else {
        format!("{:?}", args.jurisdictions)
    };
    super::print(&format!(
        "[[key]]\nname = {name:?}\npublic-key = \"{}\"\njurisdictions = {jurisdictions}\nnot-before = {from}\nnot-after = {to}\n",
        key.public().to_hex()
    ))?;
    Ok(Exit::Ok)
}
