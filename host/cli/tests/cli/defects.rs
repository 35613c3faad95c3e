//! One test per command-line defect found by trying echri as a new user
//! would (issue: "a house a newcomer can find their way in").

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use super::{echri, example, scratch, stdout_of, workspace};

const EGYPT: &str = "ipsurv-5a001j-egypt-police-clear-risk.toml";

#[test]
fn a_case_file_error_is_said_once() {
    let dir = scratch("once");
    let bad = dir.join("bad.toml");
    let good = std::fs::read_to_string(example(EGYPT)).unwrap();
    std::fs::write(
        &bad,
        good.replace("destination = \"EG\"", "destination = \"UK\""),
    )
    .unwrap();
    let (code, out, err) = stdout_of(echri().arg("compare").arg(&bad));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.matches("unknown country code `UK`").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.toml:") && err.contains("field `destination`"),
        "{err}"
    );
}

#[test]
fn boolish_environment_variables() {
    for value in ["1", "true", "yes", "on"] {
        let (code, _, err) = stdout_of(echri().env("ECHRI_NO_CACHE", value).arg("list"));
        assert_eq!(code, 0, "ECHRI_NO_CACHE={value}: {err}");
    }
    let (code, _, err) = stdout_of(echri().env("ECHRI_NO_DEFAULT_RULES", "1").arg("list"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no rule module to run"), "{err}");
}

#[test]
fn batch_refuses_to_write_over_its_input() {
    let dir = scratch("same");
    let input = dir.join("same.jsonl");
    let lines = super::example_lines()[..2].join("\n") + "\n";
    std::fs::write(&input, &lines).unwrap();
    let (code, _, err) = stdout_of(echri().arg("batch").arg(&input).arg("-o").arg(&input));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("refusing to write the output"), "{err}");
    // The input is untouched; writing through another name for it too.
    assert_eq!(std::fs::read_to_string(&input).unwrap(), lines);
    let spec = workspace().join("examples/grid.toml");
    let (code, _, err) = stdout_of(echri().arg("generate").arg(&spec).arg("-o").arg(&spec));
    assert_eq!(code, 2, "{err}");
    assert!(
        std::fs::read_to_string(&spec)
            .unwrap()
            .contains("destinations")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let grid = echri()
        .args(["generate", "examples/grid.toml"])
        .output()
        .unwrap()
        .stdout;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("echri"))
        .current_dir(workspace())
        .env(
            "ECHRI_CACHE_DIR",
            workspace().join("target/echri-test-cache"),
        )
        .args(["batch", "-", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // The batch may stop reading once its output is closed.
        let _ = stdin.write_all(&grid);
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.starts_with("{\"schema\":\"echri.batch/1\""),
        "{first}"
    );
    // Dropping the reader closes the pipe (`| head -1`).
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn no_module_at_all_is_a_usage_error() {
    let dir = scratch("empty-rules");
    let (code, out, err) = stdout_of(
        echri()
            .args(["list", "--no-default-rules", "--rules"])
            .arg(&dir),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("no `.wasm` file in"), "{err}");
}

#[test]
fn align_fed_cases_says_so_once() {
    let lines = super::example_lines().join("\n") + "\n";
    let (code, out, err) = stdout_of(echri().args(["align", "-"]).write_stdin(lines));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("did you mean `echri align --cases -`?"),
        "{err}"
    );
}

#[test]
fn align_counts_a_repeated_record_once_and_says_so() {
    let lines = super::example_lines()[..4].join("\n") + "\n";
    let records = echri()
        .args(["batch", "-", "--quiet"])
        .write_stdin(lines)
        .output()
        .unwrap()
        .stdout;
    let records = String::from_utf8(records).unwrap();
    let once = echri()
        .args(["align", "-", "--format", "json"])
        .write_stdin(records.clone())
        .output()
        .unwrap();
    let twice = format!("{records}{records}");
    let (code, out, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .write_stdin(twice),
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        String::from_utf8(once.stdout).unwrap(),
        "duplicates are not counted"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert!(err.contains("4 record(s) repeat a case id"), "{err}");
}

#[test]
fn limits_are_checked_when_parsed() {
    for (flag, value) in [
        ("--fuel", "0"),
        ("--memory-mib", "100000"),
        ("--deadline-ms", "0"),
        ("--max-result-kib", "0"),
    ] {
        let (code, out, err) = stdout_of(
            echri()
                .args(["compare"])
                .arg(example(EGYPT))
                .args([flag, value]),
        );
        assert_eq!(code, 2, "{flag} {value}: {err}");
        assert!(out.is_empty(), "nothing is evaluated");
        assert!(
            err.contains(&format!("invalid value '{value}' for '{flag}")),
            "{err}"
        );
        assert!(err.contains("is not in"), "the range is named: {err}");
    }
}

#[test]
fn compare_reads_stdin_and_upper_case_extensions() {
    let toml = std::fs::read_to_string(example(EGYPT)).unwrap();
    let (code, from_stdin, err) = stdout_of(
        echri()
            .args(["compare", "-", "--format", "json"])
            .write_stdin(toml.clone()),
    );
    assert_eq!(code, 0, "{err}");
    let (_, from_file, _) = stdout_of(
        echri()
            .arg("compare")
            .arg(example(EGYPT))
            .args(["--format", "json"]),
    );
    assert_eq!(from_stdin, from_file);

    let dir = scratch("upper");
    let upper = dir.join("CASE.TOML");
    std::fs::write(&upper, &toml).unwrap();
    let (code, out, err) = stdout_of(
        echri()
            .arg("compare")
            .arg(&upper)
            .args(["--format", "json"]),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, from_file);
}

#[test]
fn quiet_silences_everything_but_errors() {
    let lines = super::example_lines()[..2].join("\n") + "\n";
    let (code, _, err) = stdout_of(echri().args(["batch", "-"]).write_stdin(lines.clone()));
    assert_eq!(code, 0);
    assert!(
        err.contains("echri batch:"),
        "the summary is there without --quiet: {err}"
    );
    let (code, _, err) = stdout_of(echri().args(["batch", "-", "--quiet"]).write_stdin(lines));
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn completions_and_man_page() {
    let (code, out, err) = stdout_of(echri().args(["completions", "bash"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("complete") && out.contains("compare"), "{out}");
    let (code, out, _) = stdout_of(echri().args(["completions", "zsh"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("#compdef echri"), "{out}");
    let (code, out, _) = stdout_of(echri().arg("man"));
    assert_eq!(code, 0);
    assert!(
        out.contains(".TH echri") && out.contains("compare"),
        "{out}"
    );
}

/// The hostile `siege` module's `spoof` and `huge-rule-id` attacks through
/// the whole command line: its text reaches the terminal escaped and
/// clipped, and the built-in modules' rows are intact.
#[test]
fn module_text_reaches_the_terminal_escaped_and_clipped() {
    let dir = scratch("spoof");
    let good = std::fs::read_to_string(example(EGYPT)).unwrap();
    for attack in ["spoof", "huge-rule-id"] {
        let case = dir.join(format!("{attack}.toml"));
        std::fs::write(
            &case,
            good.replace(
                "id = \"ipsurv-5a001j-egypt-police-clear-risk\"",
                &format!("id = \"{attack}\""),
            ),
        )
        .unwrap();
        let (code, out, err) = stdout_of(
            echri()
                .arg("compare")
                .arg(&case)
                .args(["--rules", echri_tests::hostile::SIEGE]),
        );
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{attack}: a control character reached stdout"
        );
        assert!(!out.contains('\u{202e}'), "{attack}");
        assert!(out.len() < 64 << 10, "{attack}: {} bytes", out.len());
        assert_eq!(
            out.lines().filter(|l| l.starts_with("│ GB ")).count(),
            1,
            "{attack}: one GB row\n{out}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("  GB UK-C2: forged")),
            "{attack}: forged Why line\n{out}"
        );
        for iso in ["US", "CA", "AU", "NO", "DK", "FR", "NL", "BV"] {
            assert!(
                out.contains(&format!("│ {iso} ")),
                "{attack}: {iso} row missing"
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
