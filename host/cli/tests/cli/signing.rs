//! Signed modules end to end through the binary: `echri keygen`, `sign`,
//! `verify`, `inspect`, and `--require-signed` on the commands that load
//! `--rules`. Each way a module can fail verification is refused with its
//! own message, naming the module, the key and the reason; `inspect` and
//! `verify` output is under insta snapshots.

use std::path::PathBuf;

use super::{echri, scratch, stdout_of, workspace};

const EGYPT: &str = "examples/cases/ipsurv-5a001j-egypt-police-clear-risk.toml";

fn component(iso: &str) -> &'static [u8] {
    echri_builtin::MODULES
        .iter()
        .find(|m| m.iso == iso)
        .expect("a built-in module")
        .bytes
}

/// Runs echri and renders the exit status, stdout and stderr.
fn run(args: &[&str]) -> String {
    let (code, out, err) = stdout_of(echri().args(args));
    format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

macro_rules! snapshot {
    ($name:expr, $text:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.add_filter(&regex_escape(&workspace().display().to_string()), "[WS]");
        settings.add_filter(
            &regex_escape(&std::env::temp_dir().display().to_string()),
            "[TMP]",
        );
        settings.add_filter(r"echri-[a-z-]+-\d+", "[SCRATCH]");
        settings.add_filter(r"[0-9a-f]{64}", "[SHA256]");
        settings.add_filter(r"\b[0-9a-f]{24}\b", "[KEYID]");
        // The contract version moves with wit/; what is shown around it is
        // what these snapshots check.
        settings.add_filter(r"(echri:policy[a-z/-]*)@\d+\.\d+\.\d+", "$1@[CONTRACT]");
        settings.add_filter(r"\d+ bytes", "[N] bytes");
        settings.add_filter(r"today is \d{4}-\d\d-\d\d", "today is [TODAY]");
        settings.add_filter(r"wit-component \d+\.\d+\.\d+", "wit-component [VERSION]");
        settings.add_filter(r#""size": \d+"#, r#""size": [BYTES]"#);
        settings.bind(|| insta::assert_snapshot!($name, $text));
    }};
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A scratch directory with keys made by `echri keygen`, modules, and a
/// trust store.
struct Setup {
    dir: PathBuf,
}

impl Setup {
    fn new(name: &str) -> Setup {
        let dir = scratch(name);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            let _ = std::fs::remove_file(p);
        }
        Setup { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// `echri keygen NAME`; the public key's hex.
    fn keygen(&self, name: &str) -> String {
        let (code, out, err) = stdout_of(echri().arg("keygen").arg(self.path(name)));
        assert_eq!(code, 0, "{err}");
        out.lines()
            .find_map(|l| l.strip_prefix("public-key = \""))
            .and_then(|l| l.strip_suffix('"'))
            .expect("a public-key line")
            .to_owned()
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.arg(name)
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    /// `echri sign MODULE --key NAME.key [extra]`.
    fn sign(&self, module: &str, key: &str, extra: &[&str]) {
        let (code, _, err) = stdout_of(
            echri()
                .arg("sign")
                .arg(self.path(module))
                .arg("--key")
                .arg(self.path(&format!("{key}.key")))
                .args(extra),
        );
        assert_eq!(code, 0, "{err}");
    }
}

/// A `[[key]]` entry.
fn key(name: &str, public: &str, jurisdictions: &[&str], from: &str, to: &str) -> String {
    format!(
        "[[key]]\nname = \"{name}\"\npublic-key = \"{public}\"\njurisdictions = {jurisdictions:?}\nnot-before = {from}\nnot-after = {to}\n\n"
    )
}

/// Every module of the tampering cases, with the trust store that refuses
/// each: (name, file).
struct Cases {
    setup: Setup,
    trust: String,
    cases: Vec<(&'static str, String)>,
}

fn tampering_cases() -> Cases {
    let s = Setup::new("signing-cases");
    let gb = s.keygen("gb");
    let fr = s.keygen("fr");
    let revoked = s.keygen("revoked");
    let expired = s.keygen("expired");
    let _stranger = s.keygen("stranger");
    let trust = s.write(
        "trust.toml",
        format!(
            "{}{}{}{}[[revoked]]\npublic-key = \"{revoked}\"\nreason = \"key compromised on 2026-03-02\"\n",
            key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31"),
            key("fr-sbdu", &fr, &["FR"], "2000-01-01", "2999-12-31"),
            key("gb-old", &revoked, &["GB"], "2000-01-01", "2999-12-31"),
            key("gb-2019", &expired, &["GB"], "2019-01-01", "2019-12-31"),
        )
        .as_bytes(),
    );
    let mut cases = Vec::new();
    let mut add = |name: &'static str, file: &str, bytes: &[u8], signer: Option<&str>| {
        let path = s.write(file, bytes);
        if let Some(k) = signer {
            s.sign(file, k, &[]);
        }
        cases.push((name, path));
    };
    add("unsigned", "unsigned.wasm", component("GB"), None);
    add(
        "unknown key",
        "stranger.wasm",
        component("GB"),
        Some("stranger"),
    );
    add(
        "key trusted for another jurisdiction",
        "by-fr.wasm",
        component("GB"),
        Some("fr"),
    );
    add(
        "revoked key",
        "by-revoked.wasm",
        component("GB"),
        Some("revoked"),
    );
    add(
        "expired key",
        "by-expired.wasm",
        component("GB"),
        Some("expired"),
    );
    add("signed", "signed.wasm", component("GB"), Some("gb"));
    let signed = s.read("signed.wasm");
    let mut one_byte = signed.clone();
    let mid = one_byte.len() / 2;
    one_byte[mid] ^= 1;
    add("one byte changed", "one-byte.wasm", &one_byte, None);
    let mut added = signed.clone();
    added.extend_from_slice(&[0, 6, 5, b'e', b'x', b't', b'r', b'a']);
    add("custom section added", "section-added.wasm", &added, None);
    let mut module = wasmsign2::Module::deserialize(&mut &signed[..]).unwrap();
    module.sections.pop();
    let mut removed = Vec::new();
    module.serialize(&mut removed).unwrap();
    add("section removed", "section-removed.wasm", &removed, None);
    // GB's signature section, put on the FR module.
    let (_, signature) = wasmsign2::Module::deserialize(&mut &signed[..])
        .unwrap()
        .detach_signature()
        .unwrap();
    let mut copied = Vec::new();
    wasmsign2::Module::deserialize(&mut &component("FR")[..])
        .unwrap()
        .attach_signature(&signature)
        .unwrap()
        .serialize(&mut copied)
        .unwrap();
    add(
        "signature copied from another module",
        "copied.wasm",
        &copied,
        None,
    );
    Cases {
        setup: s,
        trust,
        cases,
    }
}

#[test]
fn verify_and_require_signed_refuse_every_tampering_case() {
    let c = tampering_cases();
    let mut shown = String::new();
    for (name, path) in &c.cases {
        let out = run(&["verify", path, "--trust", &c.trust]);
        shown.push_str(&format!("=== {name}\n{out}\n"));
        let expected = if *name == "signed" { 0 } else { 1 };
        assert!(
            out.starts_with(&format!("exit: {expected}\n")),
            "{name}: {out}"
        );
        // The same module under --require-signed: accepted and evaluated,
        // or refused before anything is evaluated (exit 2), with the same
        // reason.
        let (code, out, err) = stdout_of(echri().args([
            "compare",
            EGYPT,
            "--no-default-rules",
            "--rules",
            path,
            "--trust",
            &c.trust,
            "--require-signed",
        ]));
        if *name == "signed" {
            assert_eq!(code, 0, "{err}");
            assert!(out.contains("│ GB "), "{out}");
        } else {
            assert_eq!(code, 2, "{name}: {out}{err}");
            assert!(out.is_empty(), "{name}: {out}");
            assert_eq!(err.matches("echri: error:").count(), 1, "{name}: {err}");
            assert!(
                err.contains(&format!("`{path}`")),
                "{name} names the module: {err}"
            );
        }
    }
    let expected_words = [
        ("unsigned", "is not signed"),
        (
            "unknown key",
            "signed only by keys the trust store does not know",
        ),
        (
            "another jurisdiction",
            "claims jurisdiction `GB`, but its signer `fr-sbdu` is trusted only for FR",
        ),
        (
            "revoked",
            "signed by `gb-old`, which is revoked: key compromised",
        ),
        (
            "expired",
            "signed by `gb-2019`, which expired after 2019-12-31",
        ),
        (
            "one byte",
            "the signature by `gb-ecju` does not match the module's bytes",
        ),
    ];
    for (case, words) in expected_words {
        assert!(
            shown.contains(words),
            "{case}: `{words}` missing from\n{shown}"
        );
    }
    snapshot!("verify_tampering_cases", shown);
    drop(c.setup);
}

#[test]
fn inspect_shows_contract_metadata_info_and_signers() {
    let s = Setup::new("signing-inspect");
    let gb = s.keygen("gb");
    let trust = s.write(
        "trust.toml",
        key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31").as_bytes(),
    );
    let mut add = wasm_metadata::AddMetadata::default();
    add.name = wasm_metadata::AddMetadataField::Set("echri-rule-gb".into());
    add.version = wasm_metadata::AddMetadataField::Set(wasm_metadata::Version::new("2025.1.0"));
    add.authors = wasm_metadata::AddMetadataField::Set(wasm_metadata::Authors::new(
        "Export Control Joint Unit \u{1b}[2J",
    ));
    add.description = wasm_metadata::AddMetadataField::Set(wasm_metadata::Description::new(
        "UK human-rights export rules",
    ));
    add.licenses =
        wasm_metadata::AddMetadataField::Set(wasm_metadata::Licenses::new("Apache-2.0").unwrap());
    add.source = wasm_metadata::AddMetadataField::Set(
        wasm_metadata::Source::new("https://example.invalid/echri").unwrap(),
    );
    add.revision = wasm_metadata::AddMetadataField::Set(wasm_metadata::Revision::new("0123abc"));
    let module = s.write("gb.wasm", &add.to_wasm(component("GB")).unwrap());
    s.sign("gb.wasm", "gb", &[]);
    let table = run(&["inspect", &module, "--trust", &trust]);
    assert!(table.starts_with("exit: 0\n"), "{table}");
    // The module's own text reaches the terminal escaped.
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(
        table.contains("Export Control Joint Unit \\u{1b}[2J"),
        "{table}"
    );
    snapshot!("inspect_signed_table", table);
    let json = run(&["inspect", &module, "--trust", &trust, "--format", "json"]);
    let body = json
        .split("--- stdout\n")
        .nth(1)
        .unwrap()
        .split("--- stderr")
        .next()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(v["schema"], "echri.inspect/1");
    assert!(v["contract"].is_string(), "{v}");
    assert_eq!(v["metadata"]["revision"], "0123abc");
    assert_eq!(v["info"]["jurisdiction"], "GB");
    assert_eq!(v["info_error"], serde_json::Value::Null);
    assert_eq!(v["verified_signatures"][0]["status"], "valid");
    assert_eq!(v["verified_signatures"][0]["key"], "gb-ecju");
    // Without a trust store the key ids are listed, nobody named.
    let bare = run(&["inspect", &module]);
    assert!(bare.contains(": no trust store to say whose"), "{bare}");
    snapshot!(
        "verify_signed_json",
        run(&["verify", &module, "--trust", &trust, "--format", "json"])
    );
}

#[test]
fn the_cache_never_lets_an_unverified_module_run() {
    let s = Setup::new("signing-cache");
    let gb = s.keygen("gb");
    let trust = s.write(
        "trust.toml",
        key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31").as_bytes(),
    );
    let unsigned = s.write("gb.wasm", component("GB"));
    // Without a policy the unsigned module runs, and its compiled code is
    // now in the cache.
    let list = |extra: &[&str]| {
        let mut args = vec!["list", "--no-default-rules", "--rules", unsigned.as_str()];
        args.extend_from_slice(extra);
        stdout_of(echri().args(&args))
    };
    let (code, out, err) = list(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("GB"), "{out}");
    // Under the policy the cached artifact is no way around verification.
    let (code, out, err) = list(&["--trust", &trust, "--require-signed"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("is not signed"), "{err}");
    // Signed, it runs (and is cached under the signed bytes' digest)...
    s.sign("gb.wasm", "gb", &[]);
    let (code, _, err) = list(&["--trust", &trust, "--require-signed"]);
    assert_eq!(code, 0, "{err}");
    // ...and once tampered, the warm cache does not help it either.
    let mut tampered = s.read("gb.wasm");
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    s.write("gb.wasm", &tampered);
    let (code, _, err) = list(&["--trust", &trust, "--require-signed"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not match the module's bytes"), "{err}");
}

#[test]
fn the_config_directory_supplies_the_trust_store_and_the_policy() {
    let s = Setup::new("signing-config");
    let gb = s.keygen("gb");
    let config = s.path("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("trust.toml"),
        format!(
            "[policy]\nrequire-signed = true\n\n{}",
            key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31")
        ),
    )
    .unwrap();
    let unsigned = s.write("unsigned.wasm", component("GB"));
    s.write("signed.wasm", component("GB"));
    s.sign("signed.wasm", "gb", &[]);
    let compare = |module: &str| {
        stdout_of(echri().env("ECHRI_CONFIG_DIR", &config).args([
            "compare",
            EGYPT,
            "--no-default-rules",
            "--rules",
            module,
        ]))
    };
    let (code, _, err) = compare(&unsigned);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not signed"), "{err}");
    let (code, out, err) = compare(&s.arg("signed.wasm"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ GB "), "{out}");
    // The built-in modules are part of the binary and load under the policy.
    let (code, out, err) = stdout_of(
        echri()
            .env("ECHRI_CONFIG_DIR", &config)
            .args(["compare", EGYPT]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ FR "), "{out}");
}

#[test]
fn require_signed_without_a_trust_store_is_a_usage_error() {
    let (code, out, err) = stdout_of(echri().args(["list", "--require-signed"]));
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("`--require-signed` needs a trust store"),
        "{err}"
    );
    let (code, _, err) = stdout_of(echri().args(["verify", "x.wasm"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no trust store"), "{err}");
}

#[test]
fn without_require_signed_a_bad_signature_is_a_warning() {
    let s = Setup::new("signing-warn");
    let gb = s.keygen("gb");
    let trust = s.write(
        "trust.toml",
        key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31").as_bytes(),
    );
    s.write("gb.wasm", component("GB"));
    s.sign("gb.wasm", "gb", &[]);
    let mut tampered = s.read("gb.wasm");
    tampered.extend_from_slice(&[0, 2, 1, b'x']);
    let module = s.write("gb.wasm", &tampered);
    let (code, out, err) = stdout_of(echri().args([
        "list",
        "--no-default-rules",
        "--rules",
        &module,
        "--trust",
        &trust,
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("GB"), "{out}");
    assert!(
        err.contains("echri: warning:")
            && err.contains("loaded anyway: signatures are not required"),
        "{err}"
    );
}

#[test]
fn a_detached_signature_beside_the_module_is_used() {
    let s = Setup::new("signing-detached");
    let gb = s.keygen("gb");
    let trust = s.write(
        "trust.toml",
        key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31").as_bytes(),
    );
    let module = s.write("gb.wasm", component("GB"));
    s.sign("gb.wasm", "gb", &["--detached"]);
    assert_eq!(
        s.read("gb.wasm"),
        component("GB"),
        "the module is unchanged"
    );
    assert!(s.path("gb.wasm.sig").exists());
    let (code, out, err) = stdout_of(echri().args([
        "compare",
        EGYPT,
        "--no-default-rules",
        "--rules",
        &module,
        "--trust",
        &trust,
        "--require-signed",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ GB "), "{out}");
    // Moved to another module, the detached signature does not verify.
    let other = s.write("fr.wasm", component("FR"));
    std::fs::copy(s.path("gb.wasm.sig"), s.path("fr.wasm.sig")).unwrap();
    let (code, _, err) = stdout_of(echri().args(["verify", &other, "--trust", &trust]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("does not match the module's bytes"), "{err}");
}

#[test]
fn keygen_writes_a_private_secret_key_and_never_overwrites() {
    let s = Setup::new("signing-keygen");
    let (code, out, err) = stdout_of(
        echri()
            .arg("keygen")
            .arg(s.path("gb"))
            .args(["--jurisdiction", "GB"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("jurisdictions = [\"GB\"]"), "{out}");
    // The printed entry is a valid trust store.
    let trust = s.write("trust.toml", out.as_bytes());
    s.write("gb.wasm", component("GB"));
    s.sign("gb.wasm", "gb", &[]);
    let (code, _, err) = stdout_of(echri().args(["verify", &s.arg("gb.wasm"), "--trust", &trust]));
    assert_eq!(code, 0, "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(s.path("gb.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    let (code, _, err) = stdout_of(echri().arg("keygen").arg(s.path("gb")));
    assert_eq!(code, 2);
    assert!(err.contains("cannot create the key file"), "{err}");
    let (code, _, err) = stdout_of(echri().args(["keygen", "x", "--jurisdiction", "gb"]));
    assert_eq!(code, 2);
    assert!(err.contains("not an ISO 3166-1 alpha-2 code"), "{err}");
}

#[test]
fn lock_records_the_module_set_and_locked_refuses_any_difference() {
    let s = Setup::new("signing-lock");
    let gb = s.keygen("gb");
    let gb2 = s.keygen("gb2");
    let trust = s.write(
        "trust.toml",
        format!(
            "{}{}",
            key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31"),
            key("gb-ecju-2", &gb2, &["GB"], "2000-01-01", "2999-12-31")
        )
        .as_bytes(),
    );
    let module = s.write("gb.wasm", component("GB"));
    s.sign("gb.wasm", "gb", &[]);
    let lock = s.arg("echri.lock");
    let with = |cmd: &str, extra: &[&str]| {
        let mut args = vec![cmd];
        if cmd == "compare" {
            args.push(EGYPT);
        }
        args.extend_from_slice(&[
            "--no-default-rules",
            "--rules",
            &module,
            "--trust",
            &trust,
            "--lock-file",
            &lock,
        ]);
        args.extend_from_slice(extra);
        stdout_of(echri().args(&args))
    };
    let (code, _, err) = with("lock", &[]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&lock).unwrap();
    assert!(text.contains("signer = \"gb-ecju\""), "{text}");
    assert!(
        text.contains(&format!(
            "digest = \"sha256:{}\"",
            echri_trust::sha256(&s.read("gb.wasm"))
        )),
        "{text}"
    );
    snapshot!("lock_file", text);
    let (code, out, err) = with("compare", &["--locked"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ GB "), "{out}");
    // Co-signed by another trusted key: the same code, other bytes.
    s.sign("gb.wasm", "gb2", &[]);
    let (code, out, err) = with("compare", &["--locked"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("differ from the lock file") && err.contains("in the lock file,"),
        "{err}"
    );
    snapshot!("locked_digest_differs", err);
    // A module beside the locked ones, and a locked one missing.
    let fr = s.write("fr.wasm", component("FR"));
    let (code, _, err) = stdout_of(echri().args([
        "list",
        "--no-default-rules",
        "--rules",
        &fr,
        "--lock-file",
        &lock,
        "--locked",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fr.wasm` is not in the lock file"), "{err}");
    // Built-in modules are locked by package and digest.
    let all = s.arg("all.lock");
    let (code, _, err) = stdout_of(echri().args(["lock", "--lock-file", &all]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&all).unwrap();
    assert_eq!(text.matches("reference = \"builtin:").count(), 8, "{text}");
    let (code, _, err) = stdout_of(echri().args(["list", "--lock-file", &all, "--locked"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_stale_detached_signature_does_not_shadow_an_embedded_one_and_inspect_names_a_malformed_one() {
    let s = Setup::new("signing-stale");
    let gb = s.keygen("gb");
    let trust = s.write(
        "trust.toml",
        key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31").as_bytes(),
    );
    let module = s.write("gb.wasm", component("GB"));
    s.sign("gb.wasm", "gb", &[]);
    s.write("gb.wasm.sig", b"not a signature");
    let (code, _, err) = stdout_of(echri().args([
        "list",
        "--no-default-rules",
        "--rules",
        &module,
        "--trust",
        &trust,
        "--require-signed",
    ]));
    assert_eq!(code, 0, "{err}");
    // A `signature` section that does not decode.
    let mut garbage = component("GB")[..8].to_vec();
    garbage.extend_from_slice(&[0, 12, 9]);
    garbage.extend_from_slice(b"signature");
    garbage.extend_from_slice(&[0xff, 0xff]);
    garbage.extend_from_slice(&component("GB")[8..]);
    let bad = s.write("bad.wasm", &garbage);
    let out = run(&["inspect", &bad, "--trust", &trust]);
    assert!(out.contains("has a malformed signature"), "{out}");
    let out = run(&["verify", &bad, "--trust", &trust]);
    assert!(
        out.starts_with("exit: 1\n") && out.contains("has a malformed signature"),
        "{out}"
    );
}

/// A batch record names every module it was evaluated under, with the
/// digest and verified signer `echri inspect` shows for it, and `echri
/// replay` reruns the record (the case given with `--case`) to the same
/// result; with another case it refuses (exit 2).
#[test]
fn batch_records_name_the_signer_inspect_shows_and_replay_identically() {
    let s = Setup::new("signing-batch");
    let gb = s.keygen("gb");
    let trust = s.write(
        "trust.toml",
        key("gb-ecju", &gb, &["GB"], "2000-01-01", "2999-12-31").as_bytes(),
    );
    let module = s.write("gb.wasm", component("GB"));
    s.sign("gb.wasm", "gb", &[]);
    let (code, out, err) = stdout_of(echri().args([
        "batch",
        EGYPT,
        "--no-default-rules",
        "--rules",
        &module,
        "--trust",
        &trust,
        "--require-signed",
    ]));
    assert_eq!(code, 0, "{err}");
    let record: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let m = &record["modules"][0];
    assert_eq!(m["jurisdiction"], "GB");
    assert_eq!(m["signer"], "gb-ecju");

    let (code, inspected, err) =
        stdout_of(echri().args(["inspect", &module, "--trust", &trust, "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&inspected).unwrap();
    assert_eq!(v["verified_signatures"][0]["key"], m["signer"]);
    let sha = v["sha256"].as_str().expect("inspect shows the sha256");
    assert_eq!(m["digest"].as_str().unwrap(), format!("sha256:{sha}"));

    let path = s.write("record.json", out.trim().as_bytes());
    let (code, said, err) = stdout_of(echri().args(["replay", &path, "--case", EGYPT]));
    assert_eq!(code, 0, "{said}{err}");
    assert!(said.starts_with("identical: case sha256:"), "{said}");
    let other = "examples/cases/ace-4d004-saudi-ministry.toml";
    let (code, _, err) = stdout_of(echri().args(["replay", &path, "--case", other]));
    assert_eq!(code, 2);
    assert!(err.contains("does not match the recorded digest"), "{err}");
}

/// Every built-in component carries the ecosystem's metadata (name,
/// version, description, licence, source), which `echri inspect` shows.
#[test]
fn built_in_components_carry_their_metadata() {
    let s = Setup::new("signing-metadata");
    for iso in ["US", "GB", "CA", "AU", "NO", "DK", "FR", "NL"] {
        let module = s.write(&format!("{iso}.wasm"), component(iso));
        let out = run(&["inspect", &module]);
        let package = format!("name: echri-rule-{}", iso.to_ascii_lowercase());
        for want in [
            package.as_str(),
            "licenses: Apache-2.0",
            "source: https://",
            &format!("human-rights rules of {iso}"),
        ] {
            assert!(out.contains(want), "{iso}: `{want}` missing:\n{out}");
        }
    }
}
