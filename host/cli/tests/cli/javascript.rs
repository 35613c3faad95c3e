//! A rule module written in JavaScript (ComponentizeJS, from npm), built by
//! this test from `tests/js/is_demo.js` against `wit/` in place, then
//! signed, verified against a trust store and evaluated under
//! `--require-signed` beside the built-in modules: another toolchain's
//! component goes through exactly the same checks. Needs `componentize-js`
//! on the PATH (`.ci/run` installs it); fails, rather than skipping, when it
//! is missing.

use std::process::Command;

use super::{echri, scratch, stdout_of, workspace};

const EGYPT: &str = "examples/cases/ipsurv-5a001j-egypt-police-clear-risk.toml";

#[test]
fn a_javascript_module_is_built_signed_verified_and_evaluated() {
    let dir = scratch("javascript");
    let module = dir.join("is_demo.wasm");
    let _ = std::fs::remove_file(&module);
    let status = Command::new("componentize-js")
        .arg(workspace().join("host/cli/tests/js/is_demo.js"))
        .arg("--wit")
        .arg(workspace().join("wit"))
        .args([
            "--world-name",
            "rule-module",
            "-d",
            "http",
            "fetch-event",
            "-o",
        ])
        .arg(&module)
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run componentize-js ({e}); install it with \
                 `npm install -g @bytecodealliance/componentize-js@0.23.0`"
            )
        });
    assert!(status.success(), "componentize-js failed");

    let key = dir.join("is");
    let _ = std::fs::remove_file(dir.join("is.key"));
    let _ = std::fs::remove_file(dir.join("is.pub"));
    let (code, entry, err) = stdout_of(
        echri()
            .arg("keygen")
            .arg(&key)
            .args(["--jurisdiction", "IS"]),
    );
    assert_eq!(code, 0, "{err}");
    let trust = dir.join("trust.toml");
    std::fs::write(&trust, entry).unwrap();
    let (code, _, err) = stdout_of(
        echri()
            .arg("sign")
            .arg(&module)
            .arg("--key")
            .arg(dir.join("is.key")),
    );
    assert_eq!(code, 0, "{err}");

    let (code, out, err) = stdout_of(
        echri()
            .arg("inspect")
            .arg(&module)
            .arg("--trust")
            .arg(&trust),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("language: JavaScript"), "{out}");
    assert!(out.contains("ComponentizeJS"), "{out}");
    assert!(out.contains("valid, by `is`, trusted for IS"), "{out}");

    let (code, out, err) = stdout_of(
        echri()
            .arg("verify")
            .arg(&module)
            .arg("--trust")
            .arg(&trust),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("verified     signed by `is`, trusted for IS"),
        "{out}"
    );

    let (code, out, err) = stdout_of(
        echri()
            .args(["compare", EGYPT, "--format", "json", "--rules"])
            .arg(&module)
            .arg("--trust")
            .arg(&trust)
            .arg("--require-signed"),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let results = v["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        9,
        "eight built-ins and the JavaScript module"
    );
    let is = results
        .iter()
        .find(|r| r["jurisdiction"] == "IS")
        .expect("the JavaScript module's result");
    assert_eq!(is["status"], "ok", "{is}");
    assert_eq!(is["outcome"], "no-licence-required", "{is}");
    assert_eq!(is["findings"][0]["rule_id"], "IS-NLR", "{is}");

    // Tampered after signing, it is refused like any other module.
    let mut bytes = std::fs::read(&module).unwrap();
    bytes.extend_from_slice(&[0, 2, 1, b'x']);
    std::fs::write(&module, bytes).unwrap();
    let (code, _, err) = stdout_of(
        echri()
            .args(["compare", EGYPT, "--rules"])
            .arg(&module)
            .arg("--trust")
            .arg(&trust)
            .arg("--require-signed"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not match the module's bytes"), "{err}");
}
