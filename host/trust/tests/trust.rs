//! Signing, verification and the trust store on the real built-in
//! components: each way a module can fail verification is refused with its
//! own typed [`Refusal`], and a verified module is then held to the
//! jurisdiction it claims once the runtime has read it.

use echri_runtime::{Limits, Origin, Runtime};
use echri_sdk::model::Date;
use echri_trust::keys::SigningKey;
use echri_trust::store::{StoreError, TrustStore};
use echri_trust::verify::{Refusal, Status};
use echri_trust::{inspect, sign};

fn component(iso: &str) -> &'static [u8] {
    echri_builtin::MODULES
        .iter()
        .find(|m| m.iso == iso)
        .expect("a built-in module")
        .bytes
}

fn today() -> Date {
    "2026-06-15".parse().unwrap()
}

/// A key entry valid 2026-01-01..=2026-12-31 for `jurisdictions`.
fn entry(name: &str, key: &SigningKey, jurisdictions: &[&str]) -> String {
    entry_between(name, key, jurisdictions, "2026-01-01", "2026-12-31")
}

fn entry_between(name: &str, key: &SigningKey, js: &[&str], from: &str, to: &str) -> String {
    format!(
        "[[key]]\nname = \"{name}\"\npublic-key = \"{}\"\njurisdictions = {js:?}\nnot-before = {from}\nnot-after = {to}\n\n",
        key.public().to_hex()
    )
}

fn store(text: &str) -> TrustStore {
    TrustStore::from_toml(text, None).expect("a valid store")
}

struct Fixture {
    gb_key: SigningKey,
    store: TrustStore,
}

fn fixture() -> Fixture {
    let gb_key = SigningKey::generate();
    let store = store(&entry("gb-2026", &gb_key, &["GB"]));
    Fixture { gb_key, store }
}

fn refusal(store: &TrustStore, bytes: &[u8]) -> Refusal {
    store
        .verify("m.wasm", bytes, None, today())
        .expect_err("refused")
}

#[test]
fn a_module_signed_by_a_trusted_key_verifies_and_is_authorized_for_its_jurisdiction() {
    let f = fixture();
    let signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    let verified = f.store.verify("gb.wasm", &signed, None, today()).unwrap();
    // The runtime reads the jurisdiction from the very bytes verified.
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    let module = runtime
        .load_bytes(Origin::File("gb.wasm".into()), &signed)
        .unwrap();
    assert_eq!(module.info().jurisdiction, "GB");
    assert_eq!(verified.authorize("GB").unwrap().name, "gb-2026");
    assert_eq!(module.sha256(), echri_trust::sha256(&signed));
}

#[test]
fn unsigned_is_refused() {
    let f = fixture();
    assert!(
        matches!(refusal(&f.store, component("GB")), Refusal::Unsigned { module } if module == "m.wasm")
    );
}

#[test]
fn one_byte_changed_after_signing_is_refused() {
    let f = fixture();
    let mut signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    // A byte in the middle of the code, and the last byte.
    let mid = signed.len() / 2;
    for at in [mid, signed.len() - 1] {
        let mut tampered = signed.clone();
        tampered[at] ^= 0x01;
        let r = refusal(&f.store, &tampered);
        assert!(
            matches!(&r, Refusal::Tampered { key, .. } if key == "gb-2026"),
            "{r}"
        );
    }
    // Unchanged, it still verifies.
    signed.truncate(signed.len());
    f.store.verify("m.wasm", &signed, None, today()).unwrap();
}

#[test]
fn a_custom_section_added_after_signing_is_refused() {
    let f = fixture();
    let mut signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    // Custom section 0, size 9: name "extra" (len 5) and 3 payload bytes.
    signed.extend_from_slice(&[0, 9, 5, b'e', b'x', b't', b'r', b'a', 1, 2, 3]);
    assert!(matches!(
        refusal(&f.store, &signed),
        Refusal::Tampered { .. }
    ));
}

#[test]
fn a_section_removed_after_signing_is_refused() {
    let f = fixture();
    let signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    let mut module = wasmsign2::Module::deserialize(&mut &signed[..]).unwrap();
    assert!(module.sections.len() > 2);
    // Every section but the signature: the last, and one in the middle.
    for index in [module.sections.len() - 1, module.sections.len() / 2] {
        let mut m = module.clone();
        m.sections.remove(index);
        let mut bytes = Vec::new();
        m.serialize(&mut bytes).unwrap();
        assert!(
            matches!(refusal(&f.store, &bytes), Refusal::Tampered { .. }),
            "section {index}"
        );
    }
    module.sections.remove(0);
    let mut unsigned = Vec::new();
    module.serialize(&mut unsigned).unwrap();
    assert!(matches!(
        refusal(&f.store, &unsigned),
        Refusal::Unsigned { .. }
    ));
}

#[test]
fn signed_by_an_unknown_key_is_refused() {
    let f = fixture();
    let stranger = SigningKey::generate();
    let signed = sign::sign(component("GB"), &stranger).unwrap();
    match refusal(&f.store, &signed) {
        Refusal::UnknownKey { key_ids, .. } => {
            assert_eq!(key_ids, [stranger.public().key_id().to_string()]);
        }
        other => panic!("{other}"),
    }
}

#[test]
fn signed_by_a_key_trusted_for_another_jurisdiction_is_refused_after_loading() {
    let fr_key = SigningKey::generate();
    let store = store(&entry("fr-2026", &fr_key, &["FR", "NL"]));
    let signed = sign::sign(component("GB"), &fr_key).unwrap();
    let verified = store.verify("gb.wasm", &signed, None, today()).unwrap();
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    let jurisdiction = runtime
        .load_bytes(Origin::File("gb.wasm".into()), &signed)
        .unwrap()
        .info()
        .jurisdiction
        .clone();
    let err = verified.authorize(&jurisdiction).unwrap_err();
    assert_eq!(
        err,
        Refusal::WrongJurisdiction {
            module: "gb.wasm".into(),
            jurisdiction: "GB".into(),
            key: "fr-2026".into(),
            allowed: vec!["FR".into(), "NL".into()],
        }
    );
    assert_eq!(
        err.to_string(),
        "`gb.wasm` claims jurisdiction `GB`, but its signer `fr-2026` is trusted only for FR, NL"
    );
}

#[test]
fn signed_by_a_revoked_key_is_refused() {
    let f = fixture();
    let text = format!(
        "{}[[revoked]]\npublic-key = \"{}\"\nreason = \"key compromised on 2026-03-02\"\n",
        entry("gb-2026", &f.gb_key, &["GB"]),
        f.gb_key.public().to_hex()
    );
    let signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    let r = refusal(&store(&text), &signed);
    assert!(
        matches!(&r, Refusal::Revoked { key, reason, .. } if key == "gb-2026" && reason.contains("compromised")),
        "{r}"
    );
    // A revoked key that is not (or no longer) among the trusted keys is
    // named by the revocation.
    let only_revoked = format!(
        "[[revoked]]\nname = \"gb-2025\"\npublic-key = \"{}\"\nreason = \"superseded\"\n",
        f.gb_key.public().to_hex()
    );
    assert!(
        matches!(refusal(&store(&only_revoked), &signed), Refusal::Revoked { key, .. } if key == "gb-2025")
    );
}

#[test]
fn signed_by_an_expired_or_not_yet_valid_key_is_refused() {
    let key = SigningKey::generate();
    let signed = sign::sign(component("GB"), &key).unwrap();
    let expired = store(&entry_between(
        "gb-2025",
        &key,
        &["GB"],
        "2025-01-01",
        "2025-12-31",
    ));
    let r = refusal(&expired, &signed);
    assert!(
        matches!(&r, Refusal::Expired { key, not_after, .. } if key == "gb-2025" && not_after.to_string() == "2025-12-31"),
        "{r}"
    );
    let early = store(&entry_between(
        "gb-2027",
        &key,
        &["GB"],
        "2027-01-01",
        "2027-12-31",
    ));
    assert!(matches!(
        refusal(&early, &signed),
        Refusal::NotYetValid { .. }
    ));
    // Both ends of the period are valid days.
    let exact = store(&entry_between(
        "gb-day",
        &key,
        &["GB"],
        "2026-06-15",
        "2026-06-15",
    ));
    exact.verify("m.wasm", &signed, None, today()).unwrap();
}

#[test]
fn a_signature_copied_from_another_module_is_refused() {
    let f = fixture();
    let gb_signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    let (_, signature) = sign::strip(&gb_signed).unwrap();
    let signature = signature.expect("signed");
    // Embedded in another module...
    let fr = wasmsign2::Module::deserialize(&mut &component("FR")[..]).unwrap();
    let mut forged = Vec::new();
    fr.attach_signature(&signature)
        .unwrap()
        .serialize(&mut forged)
        .unwrap();
    assert!(
        matches!(refusal(&f.store, &forged), Refusal::Tampered { key, .. } if key == "gb-2026")
    );
    // ...or given as a detached signature for it.
    let r = f
        .store
        .verify("fr.wasm", component("FR"), Some(&signature), today())
        .unwrap_err();
    assert!(matches!(r, Refusal::Tampered { .. }), "{r}");
}

#[test]
fn a_detached_signature_verifies_the_unchanged_module() {
    let f = fixture();
    let detached = sign::sign_detached(component("GB"), &f.gb_key).unwrap();
    f.store
        .verify("gb.wasm", component("GB"), Some(&detached), today())
        .unwrap();
    let mut changed = component("GB").to_vec();
    changed.extend_from_slice(&[0, 2, 1, b'x']);
    assert!(matches!(
        f.store
            .verify("gb.wasm", &changed, Some(&detached), today()),
        Err(Refusal::Tampered { .. })
    ));
    assert!(!sign::has_embedded_signature(component("GB")));
    assert!(sign::has_embedded_signature(
        &sign::sign(component("GB"), &f.gb_key).unwrap()
    ));
    // A detached signature over an already signed module is refused: it
    // could never verify once the embedded one is taken off.
    let signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    assert!(matches!(
        sign::sign_detached(&signed, &f.gb_key),
        Err(sign::SignError::DetachedOverEmbedded)
    ));
}

#[test]
fn a_co_signed_module_is_accepted_through_any_valid_signer() {
    let stranger = SigningKey::generate();
    let f = fixture();
    let once = sign::sign(component("GB"), &stranger).unwrap();
    let twice = sign::sign(&once, &f.gb_key).unwrap();
    let reports = f.store.examine("m.wasm", &twice, None, today()).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].status, Status::UnknownKey);
    assert!(matches!(&reports[1].status, Status::Valid { key, .. } if key == "gb-2026"));
    f.store
        .verify("m.wasm", &twice, None, today())
        .unwrap()
        .authorize("GB")
        .unwrap();
    assert!(matches!(
        sign::sign(&twice, &f.gb_key),
        Err(sign::SignError::AlreadySigned { .. })
    ));
}

#[test]
fn non_components_and_garbage_signatures_are_refused() {
    let f = fixture();
    assert!(matches!(
        refusal(&f.store, b"not wasm"),
        Refusal::NotAComponent { .. }
    ));
    // A core module preamble over signed sections: the signature format
    // does not hash the preamble, so echri insists on the component one.
    let mut signed = sign::sign(component("GB"), &f.gb_key).unwrap();
    signed[4..8].copy_from_slice(&[1, 0, 0, 0]);
    assert!(matches!(
        refusal(&f.store, &signed),
        Refusal::NotAComponent { .. }
    ));
    // A `signature` section that is not one.
    let mut garbage = echri_trust::COMPONENT_PREAMBLE.to_vec();
    garbage.extend_from_slice(&[0, 12, 9]);
    garbage.extend_from_slice(b"signature");
    garbage.extend_from_slice(&[0xff, 0xff]);
    garbage.extend_from_slice(&component("GB")[8..]);
    assert!(matches!(
        refusal(&f.store, &garbage),
        Refusal::Malformed { .. }
    ));
}

#[test]
fn inspect_reads_contract_imports_exports_metadata_and_key_ids() {
    let key = SigningKey::generate();
    let mut add = wasm_metadata::AddMetadata::default();
    add.name = wasm_metadata::AddMetadataField::Set("echri-law-gb".into());
    add.version = wasm_metadata::AddMetadataField::Set(wasm_metadata::Version::new("1.2.3"));
    add.authors = wasm_metadata::AddMetadataField::Set(wasm_metadata::Authors::new(
        "Export Control Joint Unit",
    ));
    add.licenses =
        wasm_metadata::AddMetadataField::Set(wasm_metadata::Licenses::new("Apache-2.0").unwrap());
    add.revision = wasm_metadata::AddMetadataField::Set(wasm_metadata::Revision::new("abc123"));
    let with_metadata = add.to_wasm(component("GB")).unwrap();
    let signed = sign::sign(&with_metadata, &key).unwrap();
    let i = inspect::inspect(&signed).unwrap();
    // The contract version is whatever the built-in modules export.
    let contract = i.contract.clone().expect("a rules export");
    assert!(
        i.exports
            .iter()
            .any(|e| *e == format!("echri:policy/rules@{contract}")),
        "{:?}",
        i.exports
    );
    assert!(
        i.imports
            .iter()
            .all(|n| n.starts_with("wasi:") || n.starts_with("echri:")),
        "{:?}",
        i.imports
    );
    assert_eq!(i.metadata.name.as_deref(), Some("echri-law-gb"));
    assert_eq!(i.metadata.version.as_deref(), Some("1.2.3"));
    assert_eq!(i.metadata.licenses.as_deref(), Some("Apache-2.0"));
    assert_eq!(i.metadata.revision.as_deref(), Some("abc123"));
    assert_eq!(i.signatures, [Some(key.public().key_id())]);
    assert_eq!(i.size, signed.len());
    // Without its signatures, the digest is the unsigned build's: what a
    // rebuild from source is compared with.
    assert_eq!(i.unsigned_sha256, echri_trust::sha256(&with_metadata));
    assert_ne!(i.sha256, i.unsigned_sha256);
    for m in echri_builtin::MODULES {
        let signed = sign::sign(m.bytes, &key).unwrap();
        assert_eq!(sign::strip(&signed).unwrap().0, m.bytes, "{}", m.package);
    }
    // Metadata added before signing is covered by the signature.
    let store = store(&entry("gb", &key, &["GB"]));
    store.verify("m.wasm", &signed, None, today()).unwrap();
}

#[test]
fn trust_store_errors_name_the_key_and_the_fault() {
    let key = SigningKey::generate();
    let bad = |text: &str| TrustStore::from_toml(text, None).unwrap_err().to_string();
    let e = bad(&entry("gb", &key, &["gb"]));
    assert!(
        e.contains("key `gb`") && e.contains("`gb` is not an ISO 3166-1"),
        "{e}"
    );
    let e = bad(&entry_between(
        "gb",
        &key,
        &["GB"],
        "2026-02-01",
        "2026-01-01",
    ));
    assert!(
        e.contains("`not-after` 2026-01-01 is before `not-before` 2026-02-01"),
        "{e}"
    );
    let e = bad(&entry("gb", &key, &["GB"]).replace(&key.public().to_hex(), "00ff"));
    assert!(e.contains("not an Ed25519 public key"), "{e}");
    let e = bad(&format!(
        "{}{}",
        entry("a", &key, &["GB"]),
        entry("b", &key, &["FR"])
    ));
    assert!(
        e.contains("the same name or public key as the key `a`"),
        "{e}"
    );
    let e = TrustStore::from_toml("[[key]]\nname = \"x\"\ncolour = 1\n", None).unwrap_err();
    assert!(matches!(e, StoreError::Syntax { .. }), "{e}");
    assert!(e.to_string().contains("colour"), "{e}");
}

#[test]
fn key_files_round_trip_and_the_secret_is_private() {
    let dir = std::env::temp_dir().join(format!("echri-trust-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = SigningKey::generate();
    key.write_new(&dir.join("k.key")).unwrap();
    key.public().write_new(&dir.join("k.pub")).unwrap();
    let read = SigningKey::from_file(&dir.join("k.key")).unwrap();
    assert_eq!(read.public(), key.public());
    assert_eq!(
        echri_trust::keys::PublicKey::from_file(&dir.join("k.pub")).unwrap(),
        key.public()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("k.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // Never overwritten.
    assert!(
        SigningKey::generate()
            .write_new(&dir.join("k.key"))
            .is_err()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
