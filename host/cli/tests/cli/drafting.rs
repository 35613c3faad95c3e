//! The whole drafting loop as a policy maker runs it, in a directory
//! outside the repository: `echri new` → edit → `echri build` → `echri test`
//! → `echri diff`. The projects depend on this checkout's SDK by path and
//! share one cargo target directory under target/, so a second run only
//! rebuilds the project itself.

use std::path::{Path, PathBuf};

use super::{echri, stdout_of};
use echri_tests::workspace;

/// A fresh directory outside the repository.
fn outside(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("echri-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Removes the directory when the test ends, passed or not.
struct Cleanup(PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn build(project: &Path) -> PathBuf {
    let out = project.join("draft.wasm");
    let (code, stdout, err) = stdout_of(echri().arg("build").arg(project).arg("-o").arg(&out).env(
        "ECHRI_BUILD_TARGET_DIR",
        workspace().join("target/echri-projects"),
    ));
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout.trim(), out.display().to_string());
    out
}

#[test]
fn a_new_project_builds_tests_and_runs_outside_the_repository() {
    let dir = outside("new");
    let _cleanup = Cleanup(dir.clone());
    let (code, _, err) = stdout_of(echri().arg("new").arg(&dir).args(["--jurisdiction", "NZ"]));
    assert_eq!(code, 0, "{err}");
    for f in ["Cargo.toml", "src/lib.rs", "README.md", "tests/cases.rs"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("workspace = true"), "{manifest}");
    assert!(manifest.contains("[workspace]"), "{manifest}");
    // A second `new` into the same, non-empty directory is refused.
    let (code, _, err) = stdout_of(echri().arg("new").arg(&dir).args(["--jurisdiction", "NZ"]));
    assert_eq!(code, 2, "{err}");
    let module = build(&dir);
    let (code, out, err) = stdout_of(
        echri()
            .arg("test")
            .arg(&module)
            .arg(dir.join("tests/cases"))
            .args(["--coverage-threshold", "100"]),
    );
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("3 case(s): 3 passed"), "{out}");
    assert!(out.contains("(100%)"), "{out}");
    // It runs beside the built-in modules, under the name it claims.
    let case = workspace().join("examples/cases");
    let first = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let (code, out, err) = stdout_of(
        echri()
            .arg("compare")
            .arg(&first)
            .arg("--rules")
            .arg(&module),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("│ NZ "), "{out}");
}

/// The draft's policy: Criterion 2 refusals become a presumption of
/// denial. Returns how many findings were changed.
fn soften_criterion_2(lib: &Path) -> usize {
    let text = std::fs::read_to_string(lib).unwrap();
    let mut out = String::new();
    let mut changed = 0;
    let mut rest = text.as_str();
    while let Some(i) = rest.find("UK_C2.finding(") {
        let (head, tail) = rest.split_at(i + "UK_C2.finding(".len());
        out.push_str(head);
        let trimmed = tail.trim_start();
        if let Some(after) = trimmed.strip_prefix("Outcome::Deny") {
            out.push_str("Outcome::PresumptionOfDenial");
            changed += 1;
            rest = after;
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    std::fs::write(lib, out).unwrap();
    changed
}

/// The draft's own cases follow its policy: where Criterion 2 alone refused,
/// the draft presumes denial; where another rule also refused, that rule
/// still decides.
fn follow_in_cases(dir: &Path) -> usize {
    let mut changed = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let expect = &doc["expect"];
        let decisive: Vec<&str> = expect["decisive"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if expect["outcome"].as_str() != Some("deny") || !decisive.contains(&"UK-C2") {
            continue;
        }
        let new = if decisive == ["UK-C2"] {
            text.replacen(
                "outcome = \"deny\"",
                "outcome = \"presumption-of-denial\"",
                1,
            )
        } else {
            let others: Vec<String> = decisive
                .iter()
                .filter(|d| **d != "UK-C2")
                .map(|d| format!("\"{d}\""))
                .collect();
            let old_line = text
                .lines()
                .find(|l| l.starts_with("decisive"))
                .unwrap()
                .to_owned();
            text.replacen(&old_line, &format!("decisive = [{}]", others.join(", ")), 1)
        };
        assert_ne!(new, text, "{}", path.display());
        std::fs::write(&path, new).unwrap();
        changed += 1;
    }
    changed
}

#[test]
fn the_drafting_loop_from_the_rules_in_force_to_the_alignment_change() {
    let dir = outside("draft-gb");
    let _cleanup = Cleanup(dir.clone());
    let (code, _, err) = stdout_of(echri().arg("new").arg(&dir).args(["--from", "GB"]));
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("tests/cases").is_dir());
    assert!(soften_criterion_2(&dir.join("src/lib.rs")) >= 1);
    assert!(follow_in_cases(&dir.join("tests/cases")) >= 1);
    let module = build(&dir);

    let (code, out, err) = stdout_of(
        echri()
            .arg("test")
            .arg(&module)
            .arg(dir.join("tests/cases")),
    );
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Rule coverage: "), "{out}");
    assert!(!out.contains("FAIL"), "{out}");

    let (code, json, err) = stdout_of(echri().args(["diff", "GB"]).arg(&module).args([
        "examples/grid.toml",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let transitions = v["transitions"].as_array().unwrap();
    let softened = transitions
        .iter()
        .find(|t| t["from"] == "deny" && t["to"] == "presumption-of-denial")
        .unwrap_or_else(|| panic!("no deny -> presumption-of-denial transition: {transitions:?}"));
    assert!(
        transitions
            .iter()
            .all(|t| t["to"] == "presumption-of-denial"),
        "the draft only softens refusals: {transitions:?}"
    );
    // The minimal example still flips when run with compare, the draft
    // beside the rules in force.
    let minimal: echri_sdk::model::Case =
        serde_json::from_value(softened["minimal"]["case"].clone()).unwrap();
    let case = dir.join("minimal.json");
    std::fs::write(&case, serde_json::to_string(&minimal).unwrap()).unwrap();
    let (code, out, err) = stdout_of(
        echri()
            .arg("compare")
            .arg(&case)
            .arg("--rules")
            .arg(format!("GB-draft={}", module.display()))
            .args(["--format", "json"]),
    );
    assert_eq!(code, 0, "{err}");
    let c: serde_json::Value = serde_json::from_str(&out).unwrap();
    let outcome = |who: &str| {
        c["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["jurisdiction"] == who)
            .unwrap()["outcome"]
            .clone()
    };
    assert_eq!(outcome("GB"), "deny");
    assert_eq!(outcome("GB-draft"), "presumption-of-denial");
    // Softening refusals moves GB's agreement with its partners: the
    // figures change with at least one, and the table says so.
    let alignment = v["alignment"].as_array().unwrap();
    assert!(alignment.iter().any(|a| a["partner"] == "all partners"));
    assert!(
        alignment.iter().any(|a| a["before"] != a["after"]),
        "{alignment:?}"
    );
    let (code, table, _) = stdout_of(
        echri()
            .args(["diff", "GB"])
            .arg(&module)
            .arg("examples/grid.toml"),
    );
    assert_eq!(code, 0);
    assert!(table.contains("the draft moves GB from "), "{table}");
    assert!(table.contains("minimal example"), "{table}");
}
