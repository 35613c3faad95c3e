//! OCI distribution against a real registry: Debian's `docker-registry`
//! (the CNCF Distribution registry), started on 127.0.0.1 by the test and
//! stopped when it ends. A signed module is pushed, pulled into a fresh
//! cache directory, verified against a trust store and evaluated; an
//! unsigned, a tampered and a wrongly vouched-for module are refused.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{echri, scratch, stdout_of};

const EGYPT: &str = "examples/cases/ipsurv-5a001j-egypt-police-clear-risk.toml";

/// A registry serving from a scratch directory; killed on drop.
struct LocalRegistry {
    child: Child,
    addr: String,
}

impl LocalRegistry {
    fn start(dir: &Path) -> LocalRegistry {
        let binary = ["/usr/bin/docker-registry", "/usr/sbin/docker-registry"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect(
                "`docker-registry` is installed (`apt-get install docker-registry`; .ci/run does)",
            );
        // A free port: bound, read, released for the registry.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let config = dir.join("registry.yml");
        std::fs::write(
            &config,
            format!(
                "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {}\nhttp:\n  addr: {addr}\n",
                dir.join("data").display()
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join("registry.log")).unwrap();
        let child = Command::new(binary)
            .arg("serve")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("docker-registry starts");
        let registry = LocalRegistry { child, addr };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(&registry.addr).is_err() {
            assert!(
                Instant::now() < deadline,
                "the registry did not listen on {} within 20 s: {}",
                registry.addr,
                std::fs::read_to_string(dir.join("registry.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        registry
    }

    fn reference(&self, repo_tag: &str) -> String {
        format!("oci://{}/{repo_tag}", self.addr)
    }
}

impl Drop for LocalRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn component(iso: &str) -> &'static [u8] {
    echri_builtin::MODULES
        .iter()
        .find(|m| m.iso == iso)
        .expect("a built-in module")
        .bytes
}

fn keygen(dir: &Path, name: &str) -> String {
    let (code, out, err) = stdout_of(echri().arg("keygen").arg(dir.join(name)));
    assert_eq!(code, 0, "{err}");
    out.lines()
        .find_map(|l| l.strip_prefix("public-key = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("a public-key line")
        .to_owned()
}

fn sign(dir: &Path, module: &Path, key: &str) {
    let (code, _, err) = stdout_of(
        echri()
            .arg("sign")
            .arg(module)
            .arg("--key")
            .arg(dir.join(format!("{key}.key"))),
    );
    assert_eq!(code, 0, "{err}");
}

fn push(module: &Path, reference: &str) {
    let (code, out, err) = stdout_of(echri().arg("push").arg(module).arg(reference));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("digest   sha256:"), "{out}");
}

#[test]
fn a_signed_module_is_published_pulled_into_a_fresh_cache_verified_and_evaluated() {
    let dir = scratch("registry");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let registry = LocalRegistry::start(&dir);
    let gb = keygen(&dir, "gb");
    let fr = keygen(&dir, "fr");
    let trust = dir.join("trust.toml");
    std::fs::write(
        &trust,
        format!(
            "[[key]]\nname = \"gb-ecju\"\npublic-key = \"{gb}\"\njurisdictions = [\"GB\"]\nnot-before = 2000-01-01\nnot-after = 2999-12-31\n\n\
             [[key]]\nname = \"fr-sbdu\"\npublic-key = \"{fr}\"\njurisdictions = [\"FR\"]\nnot-before = 2000-01-01\nnot-after = 2999-12-31\n"
        ),
    )
    .unwrap();
    let module = dir.join("gb.wasm");
    std::fs::write(&module, component("GB")).unwrap();
    sign(&dir, &module, "gb");
    let signed = std::fs::read(&module).unwrap();
    let reference = registry.reference("echri/gb:2025.1");
    push(&module, &reference);

    // A fresh cache directory: nothing compiled, nothing pulled.
    let fresh = dir.join("fresh-cache");
    let trust_arg = trust.display().to_string();
    let compare = |reference: &str| {
        stdout_of(echri().env("ECHRI_CACHE_DIR", &fresh).args([
            "compare",
            EGYPT,
            "--no-default-rules",
            "--rules",
            reference,
            "--trust",
            &trust_arg,
            "--require-signed",
        ]))
    };
    let (code, out, err) = compare(&reference);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ GB "), "{out}");
    // Kept by digest in the fresh cache's module store.
    let digest = echri_trust::sha256(&signed);
    let kept = fresh.join("modules").join(format!("sha256-{digest}.wasm"));
    assert_eq!(std::fs::read(&kept).unwrap(), signed);

    // `echri pull` gives the same bytes and the reference pinned by digest.
    let pulled = dir.join("pulled.wasm");
    let (code, out, err) = stdout_of(
        echri()
            .env("ECHRI_CACHE_DIR", &fresh)
            .arg("pull")
            .arg(&reference)
            .arg("-o")
            .arg(&pulled),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&pulled).unwrap(), signed);
    let pinned = out
        .lines()
        .find_map(|l| l.strip_prefix("pinned   "))
        .expect("a pinned line")
        .to_owned();
    assert!(pinned.contains("@sha256:"), "{out}");
    let (code, out, err) = compare(&pinned);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ GB "), "{out}");

    // What the registry serves is verified like a file: unsigned, tampered
    // after signing, and signed by a key trusted for another jurisdiction.
    let unsigned = dir.join("unsigned.wasm");
    std::fs::write(&unsigned, component("GB")).unwrap();
    push(&unsigned, &registry.reference("echri/gb:unsigned"));
    let mut one_byte = signed.clone();
    let mid = one_byte.len() / 2;
    one_byte[mid] ^= 1;
    let tampered = dir.join("tampered.wasm");
    std::fs::write(&tampered, &one_byte).unwrap();
    push(&tampered, &registry.reference("echri/gb:tampered"));
    let by_fr = dir.join("by-fr.wasm");
    std::fs::write(&by_fr, component("GB")).unwrap();
    sign(&dir, &by_fr, "fr");
    push(&by_fr, &registry.reference("echri/gb:by-fr"));
    for (tag, reason) in [
        ("unsigned", "is not signed"),
        ("tampered", "does not match the module's bytes"),
        (
            "by-fr",
            "claims jurisdiction `GB`, but its signer `fr-sbdu` is trusted only for FR",
        ),
    ] {
        let reference = registry.reference(&format!("echri/gb:{tag}"));
        let (code, out, err) = compare(&reference);
        assert_eq!((code, out.as_str()), (2, ""), "{tag}: {err}");
        assert!(
            err.contains(reason) && err.contains(&format!("`{reference}`")),
            "{tag}: {err}"
        );
    }

    // A reference to nothing is an error naming it.
    let (code, _, err) = compare(&registry.reference("echri/none:1"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("echri/none:1"), "{err}");
    drop(registry);
}
