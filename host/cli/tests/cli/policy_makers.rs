//! The policy makers' workflow: `echri test` (the rule crates' own cases
//! through the sandbox, coverage, JUnit, failures), drafts beside the rules
//! in force (`--rules NAME=FILE`, `--as`), `echri diff` and `echri search`,
//! each checked against what `compare` says of the same cases.

use std::path::{Path, PathBuf};

use super::{echri, stdout_of};
use echri_tests::workspace;

/// A scratch directory under target/, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = workspace().join("target/echri-test-policy").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn builtin(iso: &str) -> &'static [u8] {
    echri_builtin::MODULES
        .iter()
        .find(|m| m.iso == iso)
        .unwrap()
        .bytes
}

/// The built-in module of `iso` as a file: what a draft identical to the
/// rules in force looks like.
fn module_file(dir: &Path, iso: &str) -> PathBuf {
    let path = dir.join(format!("{}.wasm", iso.to_ascii_lowercase()));
    std::fs::write(&path, builtin(iso)).unwrap();
    path
}

fn rule_dirs() -> Vec<(String, PathBuf)> {
    echri_builtin::MODULES
        .iter()
        .map(|m| {
            (
                m.iso.to_owned(),
                workspace()
                    .join("rules")
                    .join(m.iso.to_ascii_lowercase())
                    .join("tests/cases"),
            )
        })
        .collect()
}

#[test]
fn every_rule_crates_cases_pass_through_the_sandbox_with_full_coverage() {
    for (iso, dir) in rule_dirs() {
        let (code, out, err) = stdout_of(
            echri()
                .args(["test", &iso])
                .arg(&dir)
                .args(["--coverage-threshold", "100"]),
        );
        assert_eq!(code, 0, "{iso}:\n{out}\n{err}");
        assert!(!out.contains("FAIL") && !out.contains("ERROR"), "{out}");
        assert!(out.contains("(100%)"), "{iso}: coverage\n{out}");
        let files = std::fs::read_dir(&dir).unwrap().count();
        assert!(
            out.contains(&format!(
                "{files} case(s): {files} passed, 0 failed, 0 error(s)"
            )),
            "{iso}: {out}"
        );
    }
}

#[test]
fn a_wrong_expectation_fails_with_the_difference_and_a_bad_file_is_an_error() {
    let dir = scratch("test-failures");
    let good = workspace().join("rules/gb/tests/cases");
    let first = std::fs::read_dir(&good)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    // The same case expecting another outcome than the one it states.
    let expected: toml::Table = toml::from_str(&text).unwrap();
    let outcome = expected["expect"]["outcome"].as_str().unwrap().to_owned();
    let other = if outcome == "prohibited" {
        "no-licence-required"
    } else {
        "prohibited"
    };
    let wrong = text.replacen(
        &format!("outcome = \"{outcome}\""),
        &format!("outcome = \"{other}\""),
        1,
    );
    assert_ne!(wrong, text);
    std::fs::write(dir.join("a-wrong.toml"), wrong).unwrap();
    std::fs::write(dir.join("b-good.toml"), &text).unwrap();
    std::fs::write(
        dir.join("c-broken.toml"),
        "[expect]\noutcome = \"deny\"\ndecisive = []\nreason = \"x\"\n[case]\nid = 3\n",
    )
    .unwrap();
    let (code, out, err) = stdout_of(echri().args(["test", "GB"]).arg(&dir));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("FAIL "), "{out}");
    assert!(
        out.contains(&format!("outcome: expected `{other}`, got `{outcome}`")),
        "{out}"
    );
    assert!(out.contains("PASS "), "{out}");
    assert!(
        out.contains("ERROR") && out.contains("c-broken.toml"),
        "{out}"
    );
    assert!(out.contains("line 6"), "the error names the line: {out}");
    assert!(
        out.contains("3 case(s): 1 passed, 1 failed, 1 error(s)"),
        "{out}"
    );

    // JUnit: one testcase per file, the failure and the error marked.
    let (code, xml, _) = stdout_of(echri().args(["test", "GB", "--format", "junit"]).arg(&dir));
    assert_eq!(code, 1);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 3, "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
    assert_eq!(xml.matches("<error ").count(), 1, "{xml}");
    assert!(
        xml.contains("tests=\"3\" failures=\"1\" errors=\"1\""),
        "{xml}"
    );
}

#[test]
fn coverage_below_the_threshold_fails_and_names_the_rules_never_fired() {
    let dir = scratch("test-coverage");
    let src = workspace().join("rules/gb/tests/cases");
    let one = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    std::fs::copy(&one, dir.join("only.toml")).unwrap();
    let (code, out, _) = stdout_of(echri().args(["test", "GB"]).arg(&dir));
    assert_eq!(code, 0, "no threshold: passing cases pass\n{out}");
    assert!(out.contains("never fired: "), "{out}");
    let (code, out, _) = stdout_of(
        echri()
            .args(["test", "GB", "--coverage-threshold", "90"])
            .arg(&dir),
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("threshold 90%: NOT met"), "{out}");
    let (code, json, _) = stdout_of(echri().args(["test", "GB", "--format", "json"]).arg(&dir));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "echri.test/1");
    let rules = v["coverage"]["rules"].as_u64().unwrap();
    let fired = v["coverage"]["fired"].as_array().unwrap().len() as u64;
    let never = v["coverage"]["never_fired"].as_array().unwrap().len() as u64;
    assert_eq!(fired + never, rules);
    assert!(fired >= 1 && never >= 1);
}

#[test]
fn a_draft_runs_beside_the_rules_in_force_under_its_own_name() {
    let dir = scratch("draft-name");
    let draft = module_file(&dir, "GB");
    let case = workspace().join("examples/cases");
    let case = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    // Without a name the draft clashes with GB in force, and the error
    // says how to name it.
    let (code, _, err) = stdout_of(echri().arg("compare").arg(&case).arg("--rules").arg(&draft));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--rules GB-draft=FILE"), "{err}");
    for how in [
        vec![
            "--rules".to_owned(),
            format!("GB-draft={}", draft.display()),
        ],
        vec![
            "--rules".to_owned(),
            draft.display().to_string(),
            "--as".to_owned(),
            "GB-draft".to_owned(),
        ],
    ] {
        let (code, out, err) = stdout_of(echri().arg("compare").arg(&case).args(&how));
        assert_eq!(code, 0, "{how:?}: {err}");
        assert!(out.contains("│ GB-draft "), "{out}");
        assert!(out.contains("│ GB "), "{out}");
        // The note wraps with the table's width (and may break the path at
        // its hyphens): compare words.
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("GB-draft note: a module loaded under this name from `")
                && words.contains("gb.wasm`; it claims GB"),
            "{out}"
        );
        let (code, json, _) = stdout_of(
            echri()
                .arg("compare")
                .arg(&case)
                .args(&how)
                .args(["--format", "json"]),
        );
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let results = v["results"].as_array().unwrap();
        let gb = results.iter().find(|r| r["jurisdiction"] == "GB").unwrap();
        let draft_r = results
            .iter()
            .find(|r| r["jurisdiction"] == "GB-draft")
            .unwrap();
        assert_eq!(draft_r["claims"], "GB");
        assert!(gb.get("claims").is_none());
        // The same module: the same answer.
        assert_eq!(gb["outcome"], draft_r["outcome"]);
        let modules = v["record"]["modules"].as_array().unwrap();
        let m = modules.iter().find(|m| m["name"] == "GB-draft").unwrap();
        assert_eq!(m["jurisdiction"], "GB");
    }
    // Batch and align keep the two apart too.
    let (code, csv, err) = stdout_of(
        echri()
            .args(["batch", "examples/cases", "--format", "csv"])
            .arg("--rules")
            .arg(format!("GB-draft={}", draft.display())),
    );
    assert_eq!(code, 0, "{err}");
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",GB,") && header.contains("GB-draft"),
        "{header}"
    );
    // A bad name is refused before anything runs.
    let (code, _, err) = stdout_of(
        echri()
            .arg("compare")
            .arg(&case)
            .arg("--rules")
            .arg(&draft)
            .args(["--as", "GB draft!"]),
    );
    assert_eq!(code, 2, "{err}");
}

fn diff_json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = stdout_of(echri().arg("diff").args(args).args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_draft_identical_to_the_base_changes_nothing() {
    let dir = scratch("diff-identical");
    let draft = module_file(&dir, "GB");
    let v = diff_json(&["GB", draft.to_str().unwrap(), "examples/grid.toml"]);
    assert_eq!(v["schema"], "echri.diff/1");
    assert_eq!(v["cases"], 10080);
    assert_eq!(v["changed"], 0);
    assert!(v["transitions"].as_array().unwrap().is_empty());
    for cell in v["matrix"].as_array().unwrap() {
        assert_eq!(cell["from"], cell["to"], "{cell}");
    }
    assert_eq!(v["draft"]["name"], "GB-draft");
    assert_eq!(v["draft"]["claims"], "GB");
    // Partners: every other built-in; before and after are the same.
    let alignment = v["alignment"].as_array().unwrap();
    assert_eq!(alignment.len(), 7 + 1, "{alignment:?}");
    for a in alignment {
        assert_eq!(a["before"], a["after"], "{a}");
    }
    assert!(v["newly_firing"].as_array().unwrap().is_empty());
}

/// Runs `compare` on `case` and returns each jurisdiction's outcome.
fn outcomes_of(case: &Path, extra: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let (code, out, err) = stdout_of(
        echri()
            .arg("compare")
            .arg(case)
            .args(["--format", "json"])
            .args(extra),
    );
    assert!(code == 0 || code == 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["jurisdiction"].as_str().unwrap().to_owned(),
                r["outcome"].clone(),
            )
        })
        .collect()
}

#[test]
fn diff_between_two_jurisdictions_counts_and_shrinks_what_compare_confirms() {
    let v = diff_json(&["GB", "US", "examples/grid.toml", "--no-partners"]);
    let changed = v["changed"].as_u64().unwrap();
    assert!(changed > 0);
    let transitions = v["transitions"].as_array().unwrap();
    let sum: u64 = transitions
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, changed);
    let cells: u64 = v["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(cells + v["errors"].as_u64().unwrap(), 10080);
    let dir = scratch("diff-minimal");
    for (i, t) in transitions.iter().enumerate() {
        let m = &t["minimal"];
        assert!(m.is_object(), "every transition has a minimal example: {t}");
        let case: echri_sdk::model::Case = serde_json::from_value(m["case"].clone()).unwrap();
        let path = dir.join(format!("t{i}.json"));
        std::fs::write(&path, serde_json::to_string(&case).unwrap()).unwrap();
        let got = outcomes_of(&path, &[]);
        assert_eq!(got["GB"], t["from"], "{t}");
        assert_eq!(got["US"], t["to"], "{t}");
        // Minimal: no more facts, items or parties than the case it came
        // from, which has one item and one end user.
        assert_eq!(case.items.len(), 1);
        assert_eq!(case.parties.len(), 1);
    }
}

#[test]
fn search_finds_minimal_splitting_cases_that_compare_confirms() {
    let dir = scratch("search");
    let (code, out, err) = stdout_of(
        echri()
            .args([
                "search",
                "GB",
                "US",
                "examples/grid.toml",
                "-n",
                "6",
                "--output-dir",
            ])
            .arg(&dir),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("splitting pattern(s)"), "{out}");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 3, "{out}");
    for f in &files {
        let got = outcomes_of(f, &[]);
        assert_ne!(
            got["GB"],
            got["US"],
            "{} does not split:\n{out}",
            f.display()
        );
    }
    // The printed output is the same case files, each ready for compare.
    let first = std::fs::read_to_string(dir.join("split-1.toml")).unwrap();
    assert!(out.contains(&first), "{out}");
    // Deterministic across thread counts.
    let (_, one, _) = stdout_of(echri().args([
        "search",
        "GB",
        "US",
        "examples/grid.toml",
        "-n",
        "6",
        "-j",
        "1",
    ]));
    assert_eq!(one, out);
}

/// The SDK's package carries the contract (through its `wit` link), so a
/// rule crate depending on the published crate builds against it.
#[test]
fn the_sdk_package_holds_the_contract() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = std::process::Command::new(cargo)
        .current_dir(workspace())
        .args(["package", "-p", "echri-sdk", "--list", "--allow-dirty"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(list.lines().any(|l| l == "wit/policy.wit"), "{list}");
    assert!(list.lines().any(|l| l == "wit/v0.1.0/policy.wit"), "{list}");
    let sdk = std::fs::read_to_string(workspace().join("guest-sdk/src/lib.rs")).unwrap();
    assert!(sdk.contains("path: \"wit\""), "the SDK reads its own wit/");
}
