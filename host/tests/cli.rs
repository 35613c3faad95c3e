//! The `echri` command line, end to end: tables, JSON, exit codes, bad
//! input, and a trapping module beside the built-in ones.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use echri_tests::{example_cases, hostile, workspace};

fn echri() -> Command {
    let mut cmd = Command::cargo_bin("echri").expect("the echri binary is built for tests");
    // A cache of compiled modules under target/, so repeated runs skip
    // Cranelift without touching the user's cache directory.
    cmd.current_dir(workspace())
        .env("NO_COLOR", "1")
        .env("ECHRI_CACHE_DIR", workspace().join("target/echri-test-cache"));
    cmd
}

fn example(name: &str) -> PathBuf {
    workspace().join("examples/cases").join(name)
}

fn first_example() -> PathBuf {
    example_cases().into_iter().next().expect("at least one example")
}

fn stdout_of(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn compare_prints_a_table_with_every_jurisdiction() {
    let (code, out, err) = stdout_of(echri().arg("compare").arg(first_example()));
    assert_eq!(code, 0, "{err}");
    for iso in ["US", "GB", "CA", "AU", "NO", "DK", "FR", "NL"] {
        assert!(out.contains(&format!("│ {iso} ")), "{iso} missing from\n{out}");
    }
    assert!(out.contains("Alignment:"), "{out}");
}

#[test]
fn compare_json_for_every_example() {
    for case in example_cases() {
        let (code, out, err) = stdout_of(echri().arg("compare").arg(&case).args(["--format", "json"]));
        assert_eq!(code, 0, "{}: {err}", case.display());
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["schema"], "echri.compare/1");
        let results = v["results"].as_array().unwrap();
        assert_eq!(results.len(), 8, "{}", case.display());
        for r in results {
            assert_eq!(r["status"], "ok", "{}: {r}", case.display());
            assert!(r["findings"].as_array().is_some_and(|f| !f.is_empty()));
            for f in r["findings"].as_array().unwrap() {
                assert!(!f["citation"].as_str().unwrap().is_empty(), "finding without citation: {f}");
            }
        }
        assert_eq!(v["alignment"]["evaluated"], 8);
    }
}

#[test]
fn a_trapping_module_beside_the_defaults_is_one_error_entry() {
    let case = first_example();
    let (code, out, _) = stdout_of(
        echri()
            .arg("compare")
            .arg(&case)
            .args(["--format", "json", "--rules", hostile::ATTACKS]),
    );
    assert_eq!(code, 1, "a module error exits 1");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 9);
    let bad: Vec<_> = results.iter().filter(|r| r["status"] == "error").collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["jurisdiction"], "AQ");
    assert_eq!(bad[0]["error"]["kind"], "trap");
    assert!(bad[0]["error"]["message"].as_str().unwrap().contains("deliberate panic"));
    assert_eq!(results.iter().filter(|r| r["status"] == "ok").count(), 8);

    // The table says so too.
    let (code, out, _) = stdout_of(echri().arg("compare").arg(&case).args(["--rules", hostile::ATTACKS]));
    assert_eq!(code, 1);
    assert!(out.contains("ERROR"), "{out}");
    assert!(out.contains("deliberate panic"), "{out}");
}

#[test]
fn a_broken_rules_file_is_reported_and_the_rest_still_runs() {
    let dir = std::env::temp_dir().join(format!("echri-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("broken.wasm");
    std::fs::write(&bad, b"\0asm\x0d\0\x01\0garbage").unwrap();
    let (code, out, err) = stdout_of(
        echri().arg("compare").arg(first_example()).args(["--format", "json"]).arg("--rules").arg(&bad),
    );
    assert_eq!(code, 1);
    assert!(err.contains("broken.wasm") && err.contains("failed to compile"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["alignment"]["evaluated"], 8);
    assert_eq!(v["alignment"]["failed"], 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn malformed_case_files_name_file_line_and_field() {
    let dir = std::env::temp_dir().join(format!("echri-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let good = std::fs::read_to_string(example("nso-laptops-ear99.toml")).unwrap_or_else(|_| {
        std::fs::read_to_string(first_example()).unwrap()
    });
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("syntax.toml", "id = \"x\"\nas_of = \n"), "syntax.toml:2"),
        (write("country.toml", &good.replacen("destination = \"", "destination = \"X", 1)), "field `destination`"),
        (write("code.json", r#"{"id":"x","as_of":"2024-01-01","destination":"FR","items":[{"control_code":"5A1"}],"parties":[{"name":"a","country":"FR","kind":"private","role":"end-user"}]}"#), "code.json:1:"),
        (write("case.yaml", "id: x"), "unknown format"),
    ];
    for (path, needle) in cases {
        let (code, out, err) = stdout_of(echri().arg("compare").arg(&path));
        assert_eq!(code, 2, "{}: {err}", path.display());
        assert!(out.is_empty(), "nothing on stdout for bad input");
        assert!(err.contains(needle), "{}: expected `{needle}` in: {err}", path.display());
        assert!(!err.contains("panicked"), "{err}");
    }
    let (code, _, err) = stdout_of(echri().arg("compare").arg(dir.join("missing.toml")));
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn list_shows_eight_modules_with_hashes() {
    let (code, out, err) = stdout_of(echri().args(["list", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let modules = v["modules"].as_array().unwrap();
    let isos: Vec<&str> = modules.iter().map(|m| m["info"]["jurisdiction"].as_str().unwrap()).collect();
    assert_eq!(isos, ["US", "GB", "CA", "AU", "NO", "DK", "FR", "NL"]);
    for m in modules {
        assert_eq!(m["sha256"].as_str().unwrap().len(), 64);
        assert!(!m["info"]["authority"].as_str().unwrap().is_empty());
        assert!(!m["info"]["sources"].as_array().unwrap().is_empty());
    }
    let (code, out, _) = stdout_of(echri().arg("list"));
    assert_eq!(code, 0);
    assert!(out.contains("Jurisdiction") && out.contains("NL"), "{out}");
}

#[test]
fn help_documents_exit_codes() {
    let (code, out, _) = stdout_of(echri().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("Exit status:") && out.contains("not legal advice"), "{out}");
    let (code, _, err) = stdout_of(echri().arg("compare"));
    assert_eq!(code, 2, "missing argument is a usage error: {err}");
}

#[test]
fn json_is_identical_across_runs() {
    let case = first_example();
    let run = || stdout_of(echri().arg("compare").arg(&case).args(["--format", "json"])).1;
    let first = run();
    assert_eq!(first, run());
    assert!(Path::new(&case).exists());
}
