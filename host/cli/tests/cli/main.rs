//! The `echri` command line, end to end: tables, JSON, exit codes, bad
//! input, and a trapping module beside the built-in ones. `snapshots` holds
//! every subcommand's output and the main error messages under insta;
//! `defects` the command-line defects found by trying echri as a new user.

mod analysts;
mod defects;
mod drafting;
mod javascript;
mod policy_makers;
mod registry;
mod report;
mod signing;
mod snapshots;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use echri_tests::{example_cases, hostile, workspace};

fn echri() -> Command {
    let mut cmd = Command::cargo_bin("echri").expect("the echri binary is built for tests");
    // A cache of compiled modules under target/, so repeated runs skip
    // Cranelift without touching the user's cache directory.
    cmd.current_dir(workspace())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("ECHRI_NO_CACHE")
        .env_remove("ECHRI_QUIET")
        .env_remove("ECHRI_NO_DEFAULT_RULES")
        .env_remove("ECHRI_TRUST")
        .env_remove("ECHRI_REQUIRE_SIGNED")
        // No user trust store or policy: each signing test names its own.
        .env(
            "ECHRI_CONFIG_DIR",
            workspace().join("target/echri-test-no-config"),
        )
        .env(
            "ECHRI_CACHE_DIR",
            workspace().join("target/echri-test-cache"),
        );
    cmd
}

fn example(name: &str) -> PathBuf {
    workspace().join("examples/cases").join(name)
}

fn first_example() -> PathBuf {
    example_cases()
        .into_iter()
        .next()
        .expect("at least one example")
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
        assert!(
            out.contains(&format!("│ {iso} ")),
            "{iso} missing from\n{out}"
        );
    }
    assert!(out.contains("Alignment:"), "{out}");
}

#[test]
fn compare_json_for_every_example() {
    for case in example_cases() {
        let (code, out, err) =
            stdout_of(echri().arg("compare").arg(&case).args(["--format", "json"]));
        assert_eq!(code, 0, "{}: {err}", case.display());
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["schema"], "echri.compare/2");
        let results = v["results"].as_array().unwrap();
        assert_eq!(results.len(), 8, "{}", case.display());
        for r in results {
            assert_eq!(r["status"], "ok", "{}: {r}", case.display());
            assert!(r["findings"].as_array().is_some_and(|f| !f.is_empty()));
            for f in r["findings"].as_array().unwrap() {
                assert!(
                    !f["citation"].as_str().unwrap().is_empty(),
                    "finding without citation: {f}"
                );
            }
        }
        // Every module either decides the case or says it cannot.
        let undetermined = v["alignment"]["not_determined"].as_array().unwrap().len();
        assert_eq!(
            v["alignment"]["evaluated"].as_u64().unwrap() as usize + undetermined,
            8,
            "{}",
            case.display()
        );
    }
}

#[test]
fn a_trapping_module_beside_the_defaults_is_one_error_entry() {
    let case = first_example();
    let (code, out, _) = stdout_of(echri().arg("compare").arg(&case).args([
        "--format",
        "json",
        "--rules",
        hostile::ATTACKS,
    ]));
    assert_eq!(code, 1, "a module error exits 1");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 9);
    let bad: Vec<_> = results.iter().filter(|r| r["status"] == "error").collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["jurisdiction"], "AQ");
    assert_eq!(bad[0]["error"]["kind"], "trap");
    assert!(
        bad[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("deliberate panic")
    );
    assert_eq!(results.iter().filter(|r| r["status"] == "ok").count(), 8);

    // The table says so too.
    let (code, out, _) = stdout_of(
        echri()
            .arg("compare")
            .arg(&case)
            .args(["--rules", hostile::ATTACKS]),
    );
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
        echri()
            .arg("compare")
            .arg(first_example())
            .args(["--format", "json"])
            .arg("--rules")
            .arg(&bad),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("broken.wasm") && err.contains("failed to compile"),
        "{err}"
    );
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
    let good = std::fs::read_to_string(example("nso-laptops-ear99.toml"))
        .unwrap_or_else(|_| std::fs::read_to_string(first_example()).unwrap());
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write("syntax.toml", "id = \"x\"\nas_of = \n"),
            "syntax.toml:2",
        ),
        (
            write(
                "country.toml",
                &good.replacen("destination = \"", "destination = \"X", 1),
            ),
            "field `destination`",
        ),
        (
            write(
                "code.json",
                r#"{"id":"x","as_of":"2024-01-01","destination":"FR","items":[{"control_code":"5A1"}],"parties":[{"name":"a","country":"FR","kind":"private","role":"end-user"}]}"#,
            ),
            "code.json:1:",
        ),
        (write("case.yaml", "id: x"), "unknown format"),
    ];
    for (path, needle) in cases {
        let (code, out, err) = stdout_of(echri().arg("compare").arg(&path));
        assert_eq!(code, 2, "{}: {err}", path.display());
        assert!(out.is_empty(), "nothing on stdout for bad input");
        assert!(
            err.contains(needle),
            "{}: expected `{needle}` in: {err}",
            path.display()
        );
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
    let isos: Vec<&str> = modules
        .iter()
        .map(|m| m["info"]["jurisdiction"].as_str().unwrap())
        .collect();
    assert_eq!(isos, ["US", "GB", "CA", "AU", "NO", "DK", "FR", "NL"]);
    for m in modules {
        assert_eq!(m["sha256"].as_str().unwrap().len(), 64);
        assert_eq!(m["contract"], "0.2.0");
        assert!(!m["info"]["authority"].as_str().unwrap().is_empty());
        assert!(!m["info"]["sources"].as_array().unwrap().is_empty());
        // Contract 0.2: the catalogue, the stated period and the six Code of
        // Conduct commitments, the first with the module's own provision.
        let rules = m["info"]["rules"].as_array().unwrap();
        assert!(rules.len() >= 5, "{m}");
        assert!(
            rules
                .iter()
                .any(|r| r["id"].as_str().unwrap().ends_with("-SCOPE"))
        );
        assert!(m["info"]["stated_for"]["from"].is_string(), "{m}");
        let commitments = m["info"]["commitments"].as_array().unwrap();
        assert_eq!(commitments.len(), 6, "{m}");
        assert_eq!(commitments[0]["commitment"], "human-rights-review");
        assert_ne!(
            commitments[0]["citation"],
            "Export Controls and Human Rights Initiative Code of Conduct (30 March 2023)"
        );
    }
    let (code, out, _) = stdout_of(echri().arg("list"));
    assert_eq!(code, 0);
    assert!(
        out.contains("Contract") && out.contains("0.2.0") && out.contains("NL"),
        "{out}"
    );
    let (code, out, _) = stdout_of(echri().args(["list", "--catalogue"]));
    assert_eq!(code, 0);
    for id in ["US-EL-PoD", "UK-C2", "EU-CYBER-5", "NO-SCOPE", "DK-DECL"] {
        assert!(out.contains(id), "{id} missing from the catalogue:\n{out}");
    }
    let (code, out, _) = stdout_of(echri().args(["list", "--commitments"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("human-rights-review") && out.contains("capacity-building"),
        "{out}"
    );
}

#[test]
fn help_documents_exit_codes() {
    let (code, out, _) = stdout_of(echri().arg("--help"));
    assert_eq!(code, 0);
    assert!(
        out.contains("Exit status:") && out.contains("not legal advice"),
        "{out}"
    );
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

// ---------------------------------------------------------------------------
// Corpus commands: batch, align, generate.

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("echri-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The example cases as JSON Lines (one compact JSON case per line).
fn example_lines() -> Vec<String> {
    example_cases()
        .iter()
        .map(|p| {
            serde_json::to_string(&echri::input::case_file::read_case_file(p).unwrap()).unwrap()
        })
        .collect()
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect()
}

#[test]
fn batch_skips_a_bad_line_and_does_not_depend_on_threads() {
    let dir = scratch("batch");
    let cases = example_lines();
    let mut lines: Vec<String> = cases[..5].to_vec();
    // Line 3 is bad (no such country), line 5 is blank.
    lines.insert(
        2,
        cases[5].replacen("\"destination\":\"", "\"destination\":\"X", 1),
    );
    lines.insert(4, String::new());
    let file = dir.join("cases.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();

    let run =
        |threads: &str| stdout_of(echri().arg("batch").arg(&file).args(["--threads", threads]));
    let (code, out, err) = run("1");
    assert_eq!(code, 1, "a bad line exits 1: {err}");
    assert!(
        err.contains("cases.jsonl:3:") && err.contains("field `destination`"),
        "{err}"
    );
    assert!(
        err.contains("5 case(s)") && err.contains("1 bad input(s)"),
        "{err}"
    );
    let records = json_lines(&out);
    let line_numbers: Vec<u64> = records
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(line_numbers, [1, 2, 4, 6, 7]);
    for r in &records {
        assert_eq!(r["schema"], "echri.batch/1");
        assert_eq!(r["outcomes"].as_object().unwrap().len(), 8, "{r}");
        assert_eq!(r["decisive"].as_object().unwrap().len(), 8, "{r}");
        assert!(r.get("errors").is_none(), "{r}");
        assert!(r["spread"].as_u64().is_some() && r["unanimous"].is_boolean());
    }
    let (code2, out2, _) = run("2");
    assert_eq!(code2, 1);
    assert_eq!(out, out2, "output must not depend on the thread count");

    // CSV: a header, then one row per case.
    let (_, csv, _) =
        stdout_of(
            echri()
                .arg("batch")
                .arg(&file)
                .args(["--format", "csv", "--threads", "2"]),
        );
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "line,id,destination,as_of,items,capabilities,end_users,end_use,facts,\
         AU,CA,DK,FR,GB,NL,NO,US,spread,unanimous"
    );
    assert_eq!(rows.len(), 6);
    assert!(rows[1].starts_with("1,"), "{csv}");

    // --output writes the same bytes to a file.
    let out_file = dir.join("out.jsonl");
    let (code, stdout, _) = stdout_of(
        echri()
            .arg("batch")
            .arg(&file)
            .arg("--output")
            .arg(&out_file),
    );
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), out);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_shards_partition_the_input() {
    let dir = scratch("shard");
    let file = dir.join("all.jsonl");
    std::fs::write(&file, example_lines().join("\n")).unwrap();
    let (code, all, err) = stdout_of(echri().arg("batch").arg(&file));
    assert_eq!(code, 0, "{err}");
    let all = json_lines(&all);
    assert_eq!(all.len(), example_cases().len());
    let mut union = Vec::new();
    for i in 0..3 {
        let (code, out, err) = stdout_of(
            echri()
                .arg("batch")
                .arg(&file)
                .args(["--shard", &format!("{i}/3")]),
        );
        assert_eq!(code, 0, "{err}");
        let part = json_lines(&out);
        assert!(!part.is_empty());
        for r in &part {
            assert_eq!((r["line"].as_u64().unwrap() - 1) % 3, i, "{r}");
        }
        union.extend(part);
    }
    union.sort_by_key(|r| r["line"].as_u64().unwrap());
    assert_eq!(
        union, all,
        "the shards together are the whole input, each case once"
    );
    let (code, _, err) = stdout_of(echri().arg("batch").arg(&file).args(["--shard", "3/3"]));
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_reads_a_directory_and_reports_unreadable_input() {
    let (code, out, err) = stdout_of(echri().args(["batch", "examples/cases"]));
    assert_eq!(code, 0, "{err}");
    let records = json_lines(&out);
    assert_eq!(records.len(), example_cases().len());
    assert_eq!(records[0]["line"], 1);
    assert!(records[0]["file"].as_str().unwrap().ends_with(".toml"));
    let (code, out, err) = stdout_of(echri().args(["batch", "no/such/cases.jsonl"]));
    assert_eq!(code, 2);
    assert!(
        out.is_empty() && err.contains("no/such/cases.jsonl"),
        "{err}"
    );
}

/// Four cases under three jurisdictions, with figures worked out by hand.
const ALIGN_INPUT: &str = r#"{"schema":"echri.batch/1","line":1,"id":"a","as_of":"2024-01-01","destination":"EG","outcomes":{"CA":"deny","GB":"deny","US":"deny"},"decisive":{"CA":["CA-A"],"GB":["UK-A"],"US":["US-A"]},"spread":0,"unanimous":true}
{"schema":"echri.batch/1","line":2,"id":"b","as_of":"2024-01-01","destination":"EG","outcomes":{"CA":"deny","GB":"no-licence-required","US":"deny"},"decisive":{"CA":["CA-A"],"GB":["UK-NLR"],"US":["US-X"]},"spread":6,"unanimous":false}
{"schema":"echri.batch/1","line":3,"id":"c","as_of":"2024-01-01","destination":"RU","outcomes":{"CA":"prohibited","GB":"no-licence-required","US":"no-licence-required"},"decisive":{"CA":["CA-SEMA"],"GB":["UK-NLR"],"US":["US-NLR"]},"spread":7,"unanimous":false}
{"schema":"echri.batch/1","line":4,"id":"d","as_of":"2024-01-01","destination":"FR","outcomes":{"CA":"no-licence-required","GB":"no-licence-required","US":"no-licence-required"},"decisive":{"CA":["CA-NLR"],"GB":["UK-NLR"],"US":["US-NLR"]},"spread":0,"unanimous":true}
"#;

/// A not-determined outcome is neither agreement nor disagreement: the
/// pairs it is in count it apart, their figures are those of the decided
/// cases, and the case is not unanimous.
#[test]
fn align_counts_not_determined_apart() {
    let extra = r#"{"schema":"echri.batch/1","line":5,"id":"e","as_of":"2024-01-01","destination":"EG","outcomes":{"CA":"not-determined","GB":"deny","US":"deny"},"decisive":{"CA":["CA-SCOPE"],"GB":["UK-A"],"US":["US-A"]},"spread":0,"unanimous":false}
"#;
    let input = format!("{ALIGN_INPUT}{extra}");
    let (code, out, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .write_stdin(input),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pair = |a: &str, b: &str| {
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["a"] == a && p["b"] == b)
            .unwrap()
            .clone()
    };
    // CA's pairs: the four decided cases of the hand computation below, and
    // the fifth apart.
    let ca_gb = pair("CA", "GB");
    assert_eq!(
        (&ca_gb["cases"], &ca_gb["not_determined"]),
        (&4.into(), &1.into())
    );
    assert_eq!(ca_gb["agreement"], 0.5);
    // GB and US both decided the fifth case, and agree on it: 4 of 5.
    let gb_us = pair("GB", "US");
    assert_eq!(
        (&gb_us["cases"], &gb_us["not_determined"]),
        (&5.into(), &0.into())
    );
    assert_eq!(gb_us["agree"], 4);
    let ca = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["jurisdiction"] == "CA")
        .unwrap();
    assert_eq!(ca["outcomes"]["not-determined"], 1);
}

#[test]
fn align_figures_match_a_hand_computation() {
    let (code, out, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .write_stdin(ALIGN_INPUT),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "echri.align/1");
    assert_eq!(v["cases"], 4);
    let pair = |a: &str, b: &str| {
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["a"] == a && p["b"] == b)
            .unwrap()
            .clone()
    };
    // GB-US: agree on 1, 3, 4: p_o = 3/4. GB: deny 1, none 3; US: deny 2,
    // none 2; p_e = (1*2 + 3*2)/16 = 1/2; kappa = (3/4 - 1/2)/(1/2) = 1/2.
    // Distance: case 2, 6 steps: 6/4.
    let gb_us = pair("GB", "US");
    assert_eq!(gb_us["cases"], 4);
    assert_eq!(gb_us["agree"], 3);
    assert_eq!(gb_us["agreement"], 0.75);
    assert_eq!(gb_us["kappa"], 0.5);
    assert_eq!(gb_us["mean_distance"], 1.5);
    // CA-US: agree on 1, 2, 4: 3/4. CA: deny 2, prohibited 1, none 1; US:
    // deny 2, none 2; p_e = (2*2 + 1*2)/16 = 3/8; kappa = (3/4 - 3/8)/(5/8)
    // = 3/5. Distance: case 3, 7 steps: 7/4.
    let ca_us = pair("CA", "US");
    assert_eq!(ca_us["agreement"], 0.75);
    assert_eq!(ca_us["kappa"], 0.6);
    assert_eq!(ca_us["mean_distance"], 1.75);
    // CA-GB: agree on 1, 4: 1/2. CA as above; GB: deny 1, none 3; p_e =
    // (2*1 + 1*3)/16 = 5/16; kappa = (1/2 - 5/16)/(11/16) = 3/11.
    // Distance (6 + 7)/4. Divergences: cases 2 and 3; UK-NLR decided both.
    let ca_gb = pair("CA", "GB");
    assert_eq!(ca_gb["agreement"], 0.5);
    assert_eq!(ca_gb["kappa"], 0.272727);
    assert_eq!(ca_gb["mean_distance"], 3.25);
    let rules: Vec<(String, u64)> = ca_gb["top_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                format!(
                    "{}:{}",
                    r["jurisdiction"].as_str().unwrap(),
                    r["rule"].as_str().unwrap()
                ),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("GB:UK-NLR".to_owned(), 2),
            ("CA:CA-A".to_owned(), 1),
            ("CA:CA-SEMA".to_owned(), 1)
        ]
    );
    let divergent: Vec<&str> = v["most_divergent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(divergent, ["c", "b"]);
    let us = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["jurisdiction"] == "US")
        .unwrap();
    assert_eq!(us["outcomes"]["deny"], 2);
    assert_eq!(us["outcomes"]["no-licence-required"], 2);
    assert_eq!(us["outcomes"]["prohibited"], 0);

    // The other formats carry the same figures.
    let (code, csv, _) = stdout_of(
        echri()
            .args(["align", "-", "--format", "csv"])
            .write_stdin(ALIGN_INPUT),
    );
    assert_eq!(code, 0);
    assert!(
        csv.contains("\nGB,US,4,0,3,0.75,0.5,1.5,GB:UK-NLR=1;US:US-X=1\n"),
        "{csv}"
    );
    let (_, table, _) = stdout_of(echri().args(["align", "-"]).write_stdin(ALIGN_INPUT));
    assert!(
        table.contains("GB-US") && table.contains("75.0%") && table.contains("0.500"),
        "{table}"
    );
    let (_, md, _) = stdout_of(
        echri()
            .args(["align", "-", "--format", "markdown"])
            .write_stdin(ALIGN_INPUT),
    );
    assert!(
        md.contains("| GB-US | 4 | 0 | 75.0% | 0.500 | 1.500 |"),
        "{md}"
    );

    // A bad record is reported with its line and skipped.
    let bad = ALIGN_INPUT.replacen("\"line\":2,", "\"line\":\"two\",", 1);
    let (code, _, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .write_stdin(bad),
    );
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>:2:"), "{err}");
}

const SPEC: &str = r#"
id_prefix = "t"
destinations = ["EG", "CN", "FR"]
as_of = ["2024-06-01", "2022-03-01"]
fact_sets = [[], ["clear-risk-internal-repression"]]
[[end_users]]
kind = "police"
name = "Police"
[[end_users]]
kind = "private"
name = "Bank"
sector = "finance"
[[items]]
control_code = "5A001.j"
capabilities = ["ip-network-surveillance"]
[[items]]
control_code = "EAR99"
"#;

#[test]
fn generate_is_deterministic_and_the_grid_is_the_product() {
    let dir = scratch("generate");
    let spec = dir.join("spec.toml");
    std::fs::write(&spec, SPEC).unwrap();
    let (code, grid, err) = stdout_of(echri().arg("generate").arg(&spec));
    assert_eq!(code, 0, "{err}");
    assert_eq!(grid.lines().count(), 3 * 2 * 2 * 2 * 2);
    let sample = |seed: &str| {
        stdout_of(
            echri()
                .arg("generate")
                .arg(&spec)
                .args(["--sample", "25", "--seed", seed]),
        )
        .1
    };
    let a = sample("42");
    assert_eq!(a.lines().count(), 25);
    assert_eq!(a, sample("42"), "same seed, same bytes");
    assert_ne!(a, sample("43"));
    // Every generated case is valid input for batch.
    for line in grid.lines().chain(a.lines()) {
        echri::input::case_file::parse_case(
            line,
            echri::input::case_file::Format::Json,
            "generated",
        )
        .unwrap();
    }
    // The shipped grid: 12 destinations x 7 end users x 8 items x 5 fact
    // sets x 3 dates.
    let (code, out, _) = stdout_of(echri().args(["generate", "examples/grid.toml"]));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 12 * 7 * 8 * 5 * 3);
    // A bad spec is located.
    std::fs::write(&spec, SPEC.replace("\"CN\"", "\"UK\"")).unwrap();
    let (code, _, err) = stdout_of(echri().arg("generate").arg(&spec));
    assert_eq!(code, 2);
    assert!(
        err.contains("spec.toml:3:") && err.contains("destinations[1]"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn generate_batch_align_pipeline() {
    let (code, cases, err) = stdout_of(echri().args([
        "generate",
        "examples/grid.toml",
        "--sample",
        "300",
        "--seed",
        "1",
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, results, err) = stdout_of(echri().args(["batch", "-"]).write_stdin(cases));
    assert_eq!(code, 0, "{err}");
    assert_eq!(results.lines().count(), 300);
    let (code, report, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .write_stdin(results),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["cases"], 300);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 28);
    assert!(v["most_divergent"].as_array().unwrap().len() <= 10);

    // align --cases evaluates straight from the cases, with the same result.
    let (code, direct, err) =
        stdout_of(echri().args(["align", "--cases", "examples/cases", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let (_, via, _) = stdout_of(echri().args(["batch", "examples/cases"]));
    let (_, via, _) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .write_stdin(via),
    );
    assert_eq!(direct, via);
}

#[test]
fn batch_records_a_failing_module_per_case_and_goes_on() {
    let lines = example_lines()[..3].join("\n");
    let (code, out, err) = stdout_of(
        echri()
            .args(["batch", "-", "--rules", hostile::ATTACKS])
            .write_stdin(lines),
    );
    assert_eq!(code, 1, "a module error exits 1: {err}");
    assert!(err.contains("3 module error(s)"), "{err}");
    let records = json_lines(&out);
    assert_eq!(records.len(), 3);
    for r in &records {
        assert_eq!(r["outcomes"].as_object().unwrap().len(), 8, "{r}");
        assert!(
            r["errors"]["AQ"]
                .as_str()
                .unwrap()
                .contains("deliberate panic"),
            "{r}"
        );
    }
}

#[test]
fn batch_takes_a_single_case_file() {
    let case = example("ear99-laptops-to-nso-group-2024.toml");
    let (code, out, err) = stdout_of(echri().arg("batch").arg(&case));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["id"], "ear99-laptops-to-nso-group-2024");
    assert_eq!(v["outcomes"]["US"], "presumption-of-denial");
    assert_eq!(v["outcomes"]["GB"], "no-licence-required");
}

/// A compare result carries its decision record (echri and contract
/// versions, the case and its digest, every module's reference, version,
/// digest and signer), and `echri replay` reruns it: identical as written;
/// a changed result is reported as a difference (exit 1); a record whose case
/// no longer matches its digest is refused (exit 2).
#[test]
fn replay_reruns_a_compare_record() {
    let dir = scratch("replay");
    let (code, out, err) = stdout_of(echri().args([
        "compare",
        "examples/cases/ipsurv-5a001j-egypt-police-clear-risk.toml",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let record = &v["record"];
    assert_eq!(record["contract"], "0.2.0");
    assert!(
        record["case_digest"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    let modules = record["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 8);
    let (_, list, _) = stdout_of(echri().args(["list", "--format", "json"]));
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    for (m, l) in modules.iter().zip(list["modules"].as_array().unwrap()) {
        // The digests are those `echri list` (and `echri inspect`) show.
        assert_eq!(
            m["digest"].as_str().unwrap(),
            format!("sha256:{}", l["sha256"].as_str().unwrap())
        );
        assert_eq!(m["version"], l["info"]["version"]);
        assert!(m["reference"].as_str().unwrap().starts_with("builtin:"));
        assert!(m["signer"].is_null(), "built-in modules are not signed");
    }
    let path = dir.join("record.json");
    std::fs::write(&path, &out).unwrap();
    let (code, said, err) = stdout_of(echri().arg("replay").arg(&path));
    assert_eq!(code, 0, "{said}{err}");
    assert!(said.starts_with("identical: case sha256:"), "{said}");

    let mut changed = v.clone();
    changed["results"][1]["outcome"] = "no-licence-required".into();
    std::fs::write(&path, changed.to_string()).unwrap();
    let (code, said, _) = stdout_of(echri().arg("replay").arg(&path));
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("GB (no-licence-required recorded, deny now)"),
        "{said}"
    );

    let mut forged = v.clone();
    forged["record"]["case"]["destination"] = "FR".into();
    std::fs::write(&path, forged.to_string()).unwrap();
    let (code, _, err) = stdout_of(echri().arg("replay").arg(&path));
    assert_eq!(code, 2);
    assert!(err.contains("does not match the recorded digest"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
