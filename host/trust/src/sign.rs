//! Signing a component, in the format of the WebAssembly signatures
//! proposal (`wasmsign2`): a `signature` custom section first in the
//! component, holding Ed25519 signatures over the SHA-256 of every section
//! after it. Signing a signed component adds a signature (a second
//! authority co-signs); a detached signature is the same section's payload
//! in a file of its own.

use crate::COMPONENT_PREAMBLE;
use crate::keys::SigningKey;

/// Why a component could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// Not a component: only components are signed (and run).
    #[error("not a WebAssembly component (it does not start with the component preamble)")]
    NotAComponent,
    /// The component's sections could not be read.
    #[error("the component's sections cannot be read: {reason}")]
    Malformed {
        /// The parser's reason.
        reason: String,
    },
    /// This key has already signed these bytes.
    #[error("the component is already signed by key `{key_id}`")]
    AlreadySigned {
        /// The key id.
        key_id: String,
    },
    /// A detached signature over a component that carries an embedded one
    /// would not verify once the embedded one is removed, so it is refused.
    #[error(
        "the component already carries an embedded signature; sign it embedded (without \
         `--detached`), or sign the unsigned component"
    )]
    DetachedOverEmbedded,
}

fn parse(bytes: &[u8]) -> Result<wasmsign2::Module, SignError> {
    if !bytes.starts_with(&COMPONENT_PREAMBLE) {
        return Err(SignError::NotAComponent);
    }
    wasmsign2::Module::deserialize(&mut &bytes[..]).map_err(|e| SignError::Malformed {
        reason: e.to_string(),
    })
}

fn serialize(module: &wasmsign2::Module) -> Vec<u8> {
    let mut out = Vec::new();
    module
        .serialize(&mut out)
        .expect("writing to a Vec cannot fail");
    out
}

/// `bytes` with a signature by `key` embedded (added to any there).
pub fn sign(bytes: &[u8], key: &SigningKey) -> Result<Vec<u8>, SignError> {
    let module = parse(bytes)?;
    let public = key.public();
    match key.0.sign_multi(module, public.0.key_id(), false, false) {
        Ok((signed, _)) => Ok(serialize(&signed)),
        Err(wasmsign2::WSError::DuplicateSignature) => Err(SignError::AlreadySigned {
            key_id: public.key_id().to_string(),
        }),
        Err(e) => Err(SignError::Malformed {
            reason: e.to_string(),
        }),
    }
}

/// A detached signature of `bytes` by `key`; `bytes` must carry no
/// embedded signature.
pub fn sign_detached(bytes: &[u8], key: &SigningKey) -> Result<Vec<u8>, SignError> {
    let module = parse(bytes)?;
    if module
        .sections
        .first()
        .is_some_and(|s| s.is_signature_header())
    {
        return Err(SignError::DetachedOverEmbedded);
    }
    let public = key.public();
    key.0
        .sign_multi(module, public.0.key_id(), true, false)
        .map(|(_, signature)| signature)
        .map_err(|e| SignError::Malformed {
            reason: e.to_string(),
        })
}

/// `bytes` without its embedded signatures, and them (as a detached
/// signature), if it has any.
pub fn strip(bytes: &[u8]) -> Result<(Vec<u8>, Option<Vec<u8>>), SignError> {
    let module = parse(bytes)?;
    match module.clone().detach_signature() {
        Ok((unsigned, signature)) => Ok((serialize(&unsigned), Some(signature))),
        Err(_) => Ok((serialize(&module), None)),
    }
}

/// Whether `bytes` carry an embedded signature (a `signature` custom
/// section first, where the format puts it).
pub fn has_embedded_signature(bytes: &[u8]) -> bool {
    let mut reader = bytes;
    wasmsign2::Module::init_from_reader(&mut reader)
        .and_then(wasmsign2::Module::iterate)
        .ok()
        .and_then(|mut sections| sections.next())
        .is_some_and(|first| first.is_ok_and(|s| s.is_signature_header()))
}
