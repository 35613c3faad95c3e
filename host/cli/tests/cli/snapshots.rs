//! Every subcommand's output (table and JSON, CSV, Markdown) and the main
//! error messages, under insta snapshots (`tests/cli/snapshots/`). A changed
//! message, a doubled error or a new column shows up in review. Temporary
//! paths, module digests and sizes, fuel counts and the version are
//! filtered: they change with every edit of a rule crate.

use std::path::Path;

use super::{echri, workspace};

/// Runs echri with `args` and renders what a user sees: the exit status,
/// stdout and stderr.
fn run(args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = echri();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_owned());
    }
    let out = cmd.output().expect("echri runs");
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
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
        settings.add_filter(r"[0-9a-f]{12}…", "[DIGEST]…");
        settings.add_filter(r#""fuel": \d+"#, r#""fuel": [FUEL]"#);
        settings.add_filter(r#""size": \d+"#, r#""size": [BYTES]"#);
        settings.add_filter(r"\d+\.\d s, \d+ cases/s", "[TIME]");
        // echri's own version (`echri 0.1.0`), not a contract version.
        settings.add_filter(
            &format!("echri {}", regex_escape(env!("CARGO_PKG_VERSION"))),
            "echri [VERSION]",
        );
        settings.add_filter(
            &format!(r#""echri": "{}""#, regex_escape(env!("CARGO_PKG_VERSION"))),
            r#""echri": "[VERSION]""#,
        );
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

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

const EGYPT: &str = "examples/cases/ipsurv-5a001j-egypt-police-clear-risk.toml";

#[test]
fn compare_table() {
    snapshot!("compare_table", run(&["compare", EGYPT], None));
}

#[test]
fn compare_json() {
    snapshot!(
        "compare_json",
        run(&["compare", EGYPT, "--format", "json"], None)
    );
}

#[test]
fn compare_narrow_terminal_width() {
    let mut cmd = echri();
    cmd.env("COLUMNS", "80").args(["compare", EGYPT]);
    let out = cmd.output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wider than 80 columns: {line:?}"
        );
    }
    snapshot!("compare_table_80", text);
}

#[test]
fn list_table_and_json() {
    snapshot!("list_table", run(&["list"], None));
    snapshot!("list_json", run(&["list", "--format", "json"], None));
}

#[test]
fn batch_jsonl_and_csv() {
    let lines = super::example_lines()[..3].join("\n") + "\n";
    snapshot!(
        "batch_jsonl",
        run(&["batch", "-", "--threads", "2"], Some(&lines))
    );
    snapshot!(
        "batch_csv",
        run(&["batch", "-", "--format", "csv"], Some(&lines))
    );
}

#[test]
fn align_every_format() {
    let lines = super::example_lines().join("\n") + "\n";
    let out = echri()
        .args(["batch", "-", "--quiet"])
        .write_stdin(lines)
        .output()
        .unwrap();
    let records = String::from_utf8(out.stdout).unwrap();
    for format in ["table", "json", "csv", "markdown"] {
        snapshot!(
            format!("align_{format}"),
            run(&["align", "-", "--format", format], Some(&records))
        );
    }
}

#[test]
fn generate_sample() {
    snapshot!(
        "generate_sample",
        run(
            &[
                "generate",
                "examples/grid.toml",
                "--sample",
                "2",
                "--seed",
                "7"
            ],
            None
        )
    );
}

#[test]
fn help() {
    snapshot!("help", run(&["--help"], None));
    snapshot!("help_compare", run(&["compare", "--help"], None));
}

#[test]
fn error_messages() {
    // Relative to the working directory (the workspace), so the path in the
    // output is the same on every run however the table wraps it.
    let dir = Path::new("target/echri-snap-errors");
    std::fs::create_dir_all(workspace().join(dir)).unwrap();
    let dir = &workspace().join(dir);
    let good = std::fs::read_to_string(workspace().join(EGYPT)).unwrap();
    let uk = write(
        dir,
        "uk.toml",
        &good.replace("destination = \"EG\"", "destination = \"UK\""),
    );
    let field = write(
        dir,
        "field.toml",
        &good.replace("[end_use]", "colour = \"red\"\n[end_use]"),
    );
    let json = write(dir, "syntax.json", "{\"id\": \"x\",\n  \"as_of\": 2024}\n");
    let ext = write(dir, "case.txt", "id = 1");
    write(dir, "broken.wasm", "\0asm\r\0\u{1}\0garbage");
    let broken = "target/echri-snap-errors/broken.wasm".to_owned();
    let missing = dir.join("missing.toml").display().to_string();
    let cases: &[(&str, Vec<&str>)] = &[
        ("error_unknown_country", vec!["compare", &uk]),
        ("error_unknown_field", vec!["compare", &field]),
        ("error_json_syntax", vec!["compare", &json]),
        ("error_unknown_extension", vec!["compare", &ext]),
        ("error_missing_file", vec!["compare", &missing]),
        ("error_broken_module", vec!["list", "--rules", &broken]),
        ("error_no_module", vec!["list", "--no-default-rules"]),
        ("error_fuel_zero", vec!["list", "--fuel", "0"]),
        (
            "error_memory_too_large",
            vec!["list", "--memory-mib", "100000"],
        ),
        ("error_bad_shard", vec!["batch", "-", "--shard", "3/3"]),
    ];
    for (name, args) in cases {
        snapshot!(*name, run(args, None));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Contract 0.2 beside 0.1.0: a case stating facts 0.1.0 cannot carry,
/// dated after the modules' stated period, under the committed 0.1.0
/// Norwegian module (as a partner would run a published module; the
/// built-in ones left out, since the built-in Norway would claim the same
/// jurisdiction), then under the 0.2 built-ins. The first says what the 0.1.0
/// module could not see; both say that later law is not modelled; in the
/// second the US model, which does not encode 5A980, does not determine the
/// case and is counted apart from the agreement figures.
#[test]
fn compare_with_a_0_1_module() {
    let dir = super::scratch("contract");
    let case = write(
        &dir,
        "rich.toml",
        r#"id = "rich-0.2-case"
as_of = "2026-06-01"
destination = "EG"
facts = ["clear-risk-internal-repression", "clear-risk-serious-ihl-violation"]
mitigations = ["end-user-undertaking"]

[transaction]
kind = "intangible-transfer"

[end_use]
category = "law-enforcement"

[[items]]
control_code = "5A001.j"
capabilities = ["ip-network-surveillance"]
attributes = ["covert-surveillance"]

[[items]]
control_code = "5A980"
description = "interception device"

[[parties]]
name = "Ministry of Interior"
aliases = ["MOI"]
country = "EG"
kind = "police"
role = "end-user"
"#,
    );
    let fixture = workspace().join("tests/fixtures/contract-0.1/echri-rule-no.wasm");
    let fixture = fixture.display().to_string();
    snapshot!(
        "compare_with_a_0_1_module",
        run(
            &["compare", "--no-default-rules", "--rules", &fixture, &case],
            None
        )
    );
    snapshot!("compare_0_2_case_builtin", run(&["compare", &case], None));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn policy_makers_commands() {
    snapshot!(
        "test_gb_cases",
        run(
            &[
                "test",
                "GB",
                "rules/gb/tests/cases",
                "--coverage-threshold",
                "100"
            ],
            None
        )
    );
    snapshot!(
        "diff_gb_us_examples",
        run(
            &[
                "diff",
                "GB",
                "US",
                "examples/cases",
                "--no-partners",
                "--examples",
                "1"
            ],
            None
        )
    );
    snapshot!(
        "diff_gb_us_examples_markdown",
        run(
            &[
                "diff",
                "GB",
                "US",
                "examples/cases",
                "--no-partners",
                "--examples",
                "1",
                "--format",
                "markdown",
            ],
            None
        )
    );
    snapshot!(
        "search_gb_us_grid",
        run(
            &["search", "GB", "US", "examples/grid.toml", "-n", "3"],
            None
        )
    );
    snapshot!("help_diff", run(&["diff", "--help"], None));
    snapshot!(
        "error_unknown_module",
        run(&["test", "XX", "rules/gb/tests/cases"], None)
    );
}
