//! Distribution through OCI registries, in the CNCF Wasm OCI artifact
//! layout (TAG Runtime's `wasm-oci-artifact`, what `wkg` and `oci-wasm`
//! write): one `application/wasm` layer holding the component exactly as
//! signed (its embedded signatures travel with it), and a config of media
//! type `application/vnd.wasm.config.v0+json` listing its imports and
//! exports. The manifest carries the module's metadata as the standard
//! `org.opencontainers.image.*` annotations.
//!
//! Pulled modules are kept in a [`ModuleStore`] by their SHA-256, so a
//! reference pinned by digest needs no network once fetched. Nothing here
//! decides whether a module may run: pull the bytes, then verify them with
//! [`crate::store::TrustStore::verify`] like any other module.
//!
//! Registries on a loopback address (`127.0.0.1`, `localhost`, `[::1]`)
//! are spoken to over plain HTTP; all others over HTTPS only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use oci_client::client::{ClientConfig, ClientProtocol, Config, ImageLayer};
use oci_client::manifest::OciImageManifest;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};

use crate::inspect::Inspection;

/// The layer media type of a Wasm component.
pub const WASM_LAYER: &str = "application/wasm";
/// The config media type of the CNCF Wasm OCI artifact layout.
pub const WASM_CONFIG: &str = "application/vnd.wasm.config.v0+json";
/// The prefix of an OCI reference on echri's command line.
pub const SCHEME: &str = "oci://";

/// Why a registry operation failed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Not an OCI reference.
    #[error(
        "`{text}` is not an OCI reference (expected `oci://HOST/REPOSITORY:TAG` or `oci://HOST/REPOSITORY@sha256:DIGEST`)"
    )]
    BadReference {
        /// The text, cut to 200 characters.
        text: String,
    },
    /// The registry refused or failed.
    #[error("registry operation on `{reference}` failed: {reason}")]
    Registry {
        /// The reference.
        reference: String,
        /// The client's reason.
        reason: String,
    },
    /// The artifact is not a Wasm component artifact.
    #[error("`{reference}` is not a Wasm component artifact: {reason}")]
    NotWasm {
        /// The reference.
        reference: String,
        /// What is wrong.
        reason: String,
    },
    /// The layer is larger than allowed.
    #[error("`{reference}`'s component is larger than {limit} bytes")]
    TooLarge {
        /// The reference.
        reference: String,
        /// The limit.
        limit: u64,
    },
    /// The module store could not be read or written.
    #[error("the module store `{}` cannot be used", dir.display())]
    Store {
        /// Its directory.
        dir: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The async runtime could not start.
    #[error("cannot start the network runtime")]
    Runtime(#[source] std::io::Error),
}

/// `text` (with or without `oci://`) as a reference.
pub fn parse_reference(text: &str) -> Result<Reference, RegistryError> {
    let bare = text.strip_prefix(SCHEME).unwrap_or(text);
    bare.parse::<Reference>()
        .map_err(|_| RegistryError::BadReference {
            text: text.chars().take(200).collect(),
        })
}

/// What [`Registry::push`] published.
#[derive(Debug, Clone)]
pub struct Pushed {
    /// The reference pushed to, as given.
    pub reference: String,
    /// The component's digest (`sha256:…`): the layer's.
    pub digest: String,
    /// Where the manifest is.
    pub manifest_url: String,
}

/// What [`Registry::pull`] fetched.
#[derive(Debug, Clone)]
pub struct Pulled {
    /// The reference pinned to the component's manifest digest
    /// (`oci://HOST/REPO@sha256:…`).
    pub pinned: String,
    /// The component's digest (`sha256:…`), checked against its bytes.
    pub digest: String,
    /// The component.
    pub bytes: Vec<u8>,
}

/// A registry client (anonymous access).
pub struct Registry {
    client: Client,
    runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Registry")
    }
}

fn is_loopback(registry: &str) -> bool {
    let host = registry
        .rsplit_once(':')
        .filter(|(h, port)| !h.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(registry, |(h, _)| h);
    matches!(host, "localhost" | "[::1]")
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl Registry {
    /// A client; `reference`'s registry decides HTTP (loopback) or HTTPS.
    pub fn new(reference: &Reference) -> Result<Registry, RegistryError> {
        // rustls is built without a bundled provider: ring is it. Already
        // installed (a second client) is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let registry = reference.resolve_registry().to_owned();
        let protocol = if is_loopback(&registry) {
            ClientProtocol::HttpsExcept(vec![registry])
        } else {
            ClientProtocol::Https
        };
        let client = Client::new(ClientConfig {
            protocol,
            ..ClientConfig::default()
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(RegistryError::Runtime)?;
        Ok(Registry { client, runtime })
    }

    /// Pushes `bytes` (a component, as signed) to `reference`.
    pub fn push(
        &self,
        reference: &str,
        bytes: &[u8],
        inspection: &Inspection,
    ) -> Result<Pushed, RegistryError> {
        let image = parse_reference(reference)?;
        let fail = |e: oci_client::errors::OciDistributionError| RegistryError::Registry {
            reference: reference.to_owned(),
            reason: e.to_string(),
        };
        let digest = format!("sha256:{}", crate::sha256(bytes));
        let config = serde_json::json!({
            "created": format!("{}T00:00:00Z", crate::verify::today()),
            "architecture": "wasm",
            "os": "wasip2",
            "layerDigests": [digest],
            "component": {
                "exports": inspection.exports,
                "imports": inspection.imports,
            },
        });
        let config = Config::new(
            serde_json::to_vec(&config).expect("JSON of plain values"),
            WASM_CONFIG.to_owned(),
            None,
        );
        let layers = [ImageLayer::new(bytes.to_vec(), WASM_LAYER.to_owned(), None)];
        let manifest = OciImageManifest::build(&layers, &config, annotations(inspection));
        let response = self
            .runtime
            .block_on(self.client.push(
                &image,
                &layers,
                config,
                &RegistryAuth::Anonymous,
                Some(manifest),
            ))
            .map_err(fail)?;
        Ok(Pushed {
            reference: reference.to_owned(),
            digest,
            manifest_url: response.manifest_url,
        })
    }

    /// Pulls the component `reference` names, at most `limit` bytes; its
    /// digest is checked against the manifest. The manifest is always
    /// asked for (a tag may move); the component is taken from `store` when
    /// it holds that digest, else fetched and kept there.
    pub fn pull(
        &self,
        reference: &str,
        limit: u64,
        store: Option<&ModuleStore>,
    ) -> Result<Pulled, RegistryError> {
        let image = parse_reference(reference)?;
        let fail = |e: oci_client::errors::OciDistributionError| RegistryError::Registry {
            reference: reference.to_owned(),
            reason: e.to_string(),
        };
        let not_wasm = |reason: String| RegistryError::NotWasm {
            reference: reference.to_owned(),
            reason,
        };
        let (manifest, manifest_digest) = self
            .runtime
            .block_on(
                self.client
                    .pull_image_manifest(&image, &RegistryAuth::Anonymous),
            )
            .map_err(fail)?;
        if manifest.config.media_type != WASM_CONFIG {
            return Err(not_wasm(format!(
                "its config is `{}`, not `{WASM_CONFIG}`",
                manifest.config.media_type
            )));
        }
        let [layer] = manifest.layers.as_slice() else {
            return Err(not_wasm(format!(
                "it has {} layers, not one",
                manifest.layers.len()
            )));
        };
        if layer.media_type != WASM_LAYER {
            return Err(not_wasm(format!(
                "its layer is `{}`, not `{WASM_LAYER}`",
                layer.media_type
            )));
        }
        let too_large = || RegistryError::TooLarge {
            reference: reference.to_owned(),
            limit,
        };
        if layer.size < 0 || layer.size as u64 > limit {
            return Err(too_large());
        }
        let pinned = format!(
            "{SCHEME}{}/{}@{manifest_digest}",
            image.registry(),
            image.repository()
        );
        if let Some((_, bytes)) = store.and_then(|s| s.get(&layer.digest)) {
            return Ok(Pulled {
                pinned,
                digest: layer.digest.clone(),
                bytes,
            });
        }
        let mut out = Bounded {
            bytes: Vec::with_capacity(layer.size as usize),
            limit,
        };
        // oci-client checks the blob against the layer's digest as it reads.
        self.runtime
            .block_on(self.client.pull_blob(&image, layer, &mut out))
            .map_err(|e| {
                if out.bytes.len() as u64 >= limit {
                    too_large()
                } else {
                    fail(e)
                }
            })?;
        let digest = format!("sha256:{}", crate::sha256(&out.bytes));
        if digest != layer.digest {
            return Err(not_wasm(format!(
                "its layer is `{}` but its bytes are `{digest}`",
                layer.digest
            )));
        }
        if let Some(store) = store {
            store.put(&out.bytes)?;
        }
        Ok(Pulled {
            pinned,
            digest,
            bytes: out.bytes,
        })
    }
}

/// The module's metadata as the OCI annotations `wasm-metadata` maps it to.
fn annotations(i: &Inspection) -> Option<BTreeMap<String, String>> {
    let m = &i.metadata;
    let pairs = [
        ("org.opencontainers.image.title", &m.name),
        ("org.opencontainers.image.version", &m.version),
        ("org.opencontainers.image.authors", &m.authors),
        ("org.opencontainers.image.description", &m.description),
        ("org.opencontainers.image.licenses", &m.licenses),
        ("org.opencontainers.image.source", &m.source),
        ("org.opencontainers.image.url", &m.homepage),
        ("org.opencontainers.image.revision", &m.revision),
    ];
    let map: BTreeMap<String, String> = pairs
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_owned(), v.clone())))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// A writer that fails past `limit` bytes.
struct Bounded {
    bytes: Vec<u8>,
    limit: u64,
}

impl tokio::io::AsyncWrite for Bounded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if (self.bytes.len() + buf.len()) as u64 > self.limit {
            return Poll::Ready(Err(std::io::Error::other("component too large")));
        }
        self.bytes.extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// Pulled components, kept by SHA-256 (`sha256-HEX.wasm`); an entry is
/// returned only if its bytes still have its name's digest.
#[derive(Debug, Clone)]
pub struct ModuleStore {
    dir: PathBuf,
}

impl ModuleStore {
    /// A store in `dir` (created when first written).
    pub fn new(dir: &Path) -> ModuleStore {
        ModuleStore {
            dir: dir.to_owned(),
        }
    }

    /// Its directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, digest: &str) -> Option<PathBuf> {
        let hex = digest.strip_prefix("sha256:")?;
        (hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| self.dir.join(format!("sha256-{hex}.wasm")))
    }

    /// The component with `digest` (`sha256:…`), if kept and intact.
    pub fn get(&self, digest: &str) -> Option<(PathBuf, Vec<u8>)> {
        let path = self.path(digest)?;
        let bytes = std::fs::read(&path).ok()?;
        (format!("sha256:{}", crate::sha256(&bytes)) == digest).then_some((path, bytes))
    }

    /// Keeps `bytes`; returns where.
    pub fn put(&self, bytes: &[u8]) -> Result<PathBuf, RegistryError> {
        let store = |source| RegistryError::Store {
            dir: self.dir.clone(),
            source,
        };
        let digest = format!("sha256:{}", crate::sha256(bytes));
        let path = self.path(&digest).expect("a sha256 digest");
        std::fs::create_dir_all(&self.dir).map_err(store)?;
        let tmp = self
            .dir
            .join(format!(".tmp-{}-{}", std::process::id(), &digest[7..19]));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(store)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_loopback, parse_reference};

    #[test]
    fn only_loopback_registries_get_plain_http() {
        for r in [
            "127.0.0.1:5000",
            "localhost:5000",
            "localhost",
            "[::1]:5000",
            "127.1.2.3",
        ] {
            assert!(is_loopback(r), "{r}");
        }
        for r in [
            "ghcr.io",
            "127.0.0.1.example.com",
            "localhost.evil:5000",
            "10.0.0.1:5000",
        ] {
            assert!(!is_loopback(r), "{r}");
        }
    }

    #[test]
    fn references_parse_with_and_without_the_scheme() {
        let r = parse_reference("oci://127.0.0.1:5000/echri/gb:2025.1").unwrap();
        assert_eq!(r.registry(), "127.0.0.1:5000");
        assert_eq!(r.repository(), "echri/gb");
        assert_eq!(r.tag(), Some("2025.1"));
        assert!(parse_reference("oci://").is_err());
    }
}
