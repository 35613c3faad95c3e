//! `echri report` and `echri compare --format html`: the pages are
//! self-contained, deterministic and escape module text; and in a real
//! browser (headless Chromium) they render without a console message, the
//! heatmap cells are in the DOM with the numbers of `echri align --format
//! json`, and a screenshot is taken.
//!
//! Without Chromium the browser tests are skipped with a message, unless
//! `CI` or `ECHRI_REQUIRE_BROWSER` is set: then they fail. `ECHRI_CHROMIUM`
//! names the binary (default: `chromium`, then `chromium-browser`).
//! `ECHRI_UPDATE_SCREENSHOT=1` copies the report's screenshot to
//! `docs/report.png` (the one README shows).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use super::{echri, example, scratch, stdout_of, workspace};

/// The browser, or `None` (after saying so) when the tests may skip.
fn chromium() -> Option<PathBuf> {
    let names: Vec<String> = match std::env::var("ECHRI_CHROMIUM") {
        Ok(name) if !name.is_empty() => vec![name],
        _ => vec!["chromium".into(), "chromium-browser".into()],
    };
    for name in &names {
        let found = Process::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if found {
            return Some(PathBuf::from(name));
        }
    }
    let required = ["CI", "ECHRI_REQUIRE_BROWSER"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0"));
    assert!(
        !required,
        "headless Chromium is required (CI or ECHRI_REQUIRE_BROWSER is set) but none of {names:?} runs: \
         `apt-get install -y chromium`"
    );
    eprintln!("skipping the browser test: no Chromium ({names:?}); `apt-get install -y chromium`");
    None
}

/// What one headless Chromium run gave.
struct Browser {
    stdout: String,
    /// The console messages (errors, CSP violations, `console.*` calls).
    console: Vec<String>,
}

/// Loads `page` in headless Chromium with `args` (`--dump-dom`,
/// `--screenshot=…`), its console logged to stderr; a fresh profile each
/// time, at most two minutes.
fn browse(chromium: &Path, page: &Path, args: &[String]) -> Browser {
    let profile = page.with_extension(format!("profile-{}", args.len()));
    let _ = std::fs::remove_dir_all(&profile);
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let out_path = page.with_extension("stdout");
    let err_path = page.with_extension("stderr");
    let mut child = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap();
    let stderr = std::fs::read_to_string(&err_path).unwrap();
    assert!(status.success(), "chromium failed on {url}: {stderr}");
    let _ = std::fs::remove_dir_all(&profile);
    Browser {
        stdout,
        // e.g. `[..:INFO:CONSOLE:1] "Uncaught ReferenceError: …", source: file:///… (1)`
        console: stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_owned)
            .collect(),
    }
}

/// The attributes of every element `<tag class="class" …>` in `dom`, the
/// text right after it up to the next tag (`#text`), and the text of the
/// first `cell-label` after it (`#label`).
fn elements(dom: &str, tag: &str, class: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{tag} class=\"{class}\"");
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("a closed tag");
        let mut attrs = BTreeMap::new();
        let mut s = &rest[tag.len()..end];
        while let Some(eq) = s.find("=\"") {
            let name = s[..eq].trim().to_owned();
            let after = &s[eq + 2..];
            let close = after.find('"').expect("a quoted attribute");
            attrs.insert(name, after[..close].replace("&amp;", "&"));
            s = &after[close + 1..];
        }
        let text_end = rest[end + 1..].find('<').unwrap_or(0);
        attrs.insert("#text".into(), rest[end + 1..end + 1 + text_end].to_owned());
        // The first cell label after it, before the next such element.
        let until = rest.find(&open).unwrap_or(rest.len());
        if let Some(l) = rest[..until].find("class=\"cell-label\"") {
            let from = l + rest[l..].find('>').unwrap() + 1;
            let to = from + rest[from..].find('<').unwrap();
            attrs.insert("#label".into(), rest[from..to].to_owned());
        }
        out.push(attrs);
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The grid's records, as the issue's pipeline makes them.
fn grid_records(dir: &Path) -> PathBuf {
    let (code, cases, err) = stdout_of(echri().args(["generate", "examples/grid.toml"]));
    assert_eq!(code, 0, "{err}");
    std::fs::write(dir.join("grid.jsonl"), &cases).unwrap();
    let (code, records, err) = stdout_of(echri().args(["batch", "-", "-q"]).write_stdin(cases));
    assert_eq!(code, 0, "{err}");
    let path = dir.join("records.jsonl");
    std::fs::write(&path, records).unwrap();
    path
}

#[test]
fn report_heatmap_equals_align_json_in_chromium() {
    let dir = scratch("report-browser");
    let records = grid_records(&dir);
    // echri generate examples/grid.toml | echri batch - | echri report - -o r.html
    let page = dir.join("r.html");
    let (code, out, err) = stdout_of(
        echri()
            .args(["report", "-", "-o"])
            .arg(&page)
            .write_stdin(read(&records)),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "", "with -o nothing goes to stdout");
    let (code, align, err) = stdout_of(echri().args(["align", "--format", "json"]).arg(&records));
    assert_eq!(code, 0, "{err}");
    let align: serde_json::Value = serde_json::from_str(&align).unwrap();
    let pairs = align["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 28, "eight jurisdictions");

    let Some(chromium) = chromium() else { return };
    let dom = browse(&chromium, &page, &["--dump-dom".into()]);
    assert!(
        dom.console.is_empty(),
        "console messages: {:#?}",
        dom.console
    );
    assert!(
        dom.stdout
            .contains("<h1>Alignment of 8 jurisdictions over 10080 case(s)</h1>")
    );

    let cells = elements(&dom.stdout, "rect", "heat-cell");
    assert_eq!(cells.len(), 2 * 8 * 7, "both heatmaps, every ordered pair");
    for pair in pairs {
        let (a, b) = (pair["a"].as_str().unwrap(), pair["b"].as_str().unwrap());
        for metric in ["agreement", "kappa"] {
            let expected = &pair[metric];
            let found: Vec<_> = cells
                .iter()
                .filter(|c| {
                    c["data-metric"] == metric
                        && ((c["data-a"] == a && c["data-b"] == b)
                            || (c["data-a"] == b && c["data-b"] == a))
                })
                .collect();
            assert_eq!(
                found.len(),
                2,
                "{metric} {a}-{b}: both halves of the matrix"
            );
            // The label printed in the cell matches the figure too.
            let text = match (metric, expected.as_f64()) {
                (_, None) => "n/a".to_owned(),
                ("agreement", Some(x)) => format!("{:.0}%", x * 100.0),
                (_, Some(x)) => format!("{x:.2}"),
            };
            for c in found {
                assert_eq!(c["#label"], text, "{metric} {a}-{b}: the cell's label");
                let shown = &c["data-value"];
                match expected.as_f64() {
                    Some(x) => assert_eq!(
                        shown.parse::<f64>().ok(),
                        Some(x),
                        "{metric} {a}-{b}: DOM {shown}, JSON {x}"
                    ),
                    None => assert_eq!(shown, "", "{metric} {a}-{b}: undefined in JSON"),
                }
            }
        }
    }
    // The distribution table: every jurisdiction's case count.
    for d in align["jurisdictions"].as_array().unwrap() {
        let j = d["jurisdiction"].as_str().unwrap();
        assert!(
            dom.stdout.contains(&format!(
                "<th scope=\"row\">{j}</th><td class=\"num\">{}</td>",
                d["cases"]
            )),
            "{j}'s row in the distribution table"
        );
    }

    let shot = dir.join("report.png");
    browse(
        &chromium,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1500".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000,
        "a real picture"
    );
    if std::env::var_os("ECHRI_UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        std::fs::copy(&shot, workspace().join("docs/report.png")).unwrap();
    }
}

#[test]
fn the_console_check_catches_errors_and_requests() {
    let Some(chromium) = chromium() else { return };
    let dir = scratch("report-negative");
    let (code, page, err) = stdout_of(
        echri()
            .arg("compare")
            .arg(example("ipsurv-5a001j-egypt-police-clear-risk.toml"))
            .args(["--format", "html"]),
    );
    assert_eq!(code, 0, "{err}");
    // What a careless template might do: a script with an error, a chart
    // library from a CDN. The page's policy refuses both, and says so.
    for (name, injected) in [
        ("script", "<script>undefinedFunction()</script>"),
        (
            "cdn",
            "<img src=\"https://cdn.invalid/chart.png\" alt=\"\">",
        ),
    ] {
        let bad = dir.join(format!("{name}.html"));
        std::fs::write(&bad, page.replace("</main>", &format!("{injected}</main>"))).unwrap();
        let run = browse(&chromium, &bad, &["--dump-dom".into()]);
        assert!(
            !run.console.is_empty(),
            "{name}: the injected fault went unnoticed"
        );
    }
    // Without the policy, a script error is caught as such.
    let bad = dir.join("uncaught.html");
    std::fs::write(
        &bad,
        "<!doctype html><title>x</title><script>undefinedFunction()</script>",
    )
    .unwrap();
    let run = browse(&chromium, &bad, &["--dump-dom".into()]);
    assert!(
        run.console
            .iter()
            .any(|l| l.contains("Uncaught ReferenceError")),
        "{:?}",
        run.console
    );
}

#[test]
fn compare_html_in_chromium_shows_every_jurisdiction_side_by_side() {
    let case = example("ipsurv-5a001j-egypt-police-clear-risk.toml");
    let (code, json, err) = stdout_of(echri().arg("compare").arg(&case).args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let dir = scratch("compare-html");
    let page = dir.join("compare.html");
    let (code, html, err) = stdout_of(echri().arg("compare").arg(&case).args(["--format", "html"]));
    assert_eq!(code, 0, "{err}");
    std::fs::write(&page, &html).unwrap();
    for r in json["results"].as_array().unwrap() {
        for f in r["findings"].as_array().unwrap() {
            let cite = f["citation"].as_str().unwrap();
            let escaped = cite
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(html.contains(&escaped), "citation {cite} missing");
        }
    }
    let Some(chromium) = chromium() else { return };
    let dom = browse(&chromium, &page, &["--dump-dom".into()]);
    assert!(dom.console.is_empty(), "{:#?}", dom.console);
    for r in json["results"].as_array().unwrap() {
        let j = r["jurisdiction"].as_str().unwrap();
        let row = format!(
            "<tr data-jurisdiction=\"{j}\"><th scope=\"row\">{j}</th><td data-step=\"{}\">",
            r["step"]
        );
        assert!(
            dom.stdout.contains(&row),
            "{j}'s row with step {}",
            r["step"]
        );
    }
}

#[test]
fn report_is_deterministic_and_explains_with_cases() {
    let dir = scratch("report-cases");
    let lines = super::example_lines().join("\n") + "\n";
    let cases = dir.join("cases.jsonl");
    std::fs::write(&cases, &lines).unwrap();
    let (code, records, err) = stdout_of(echri().arg("batch").arg(&cases).arg("-q"));
    assert_eq!(code, 0, "{err}");
    let (code, sens, err) = stdout_of(
        echri()
            .arg("sensitivity")
            .arg(&cases)
            .args(["--format", "json", "-q"]),
    );
    assert_eq!(code, 0, "{err}");
    let sens_path = dir.join("s.json");
    std::fs::write(&sens_path, sens).unwrap();
    let report = |extra: &[&std::ffi::OsStr]| {
        let (code, out, err) = stdout_of(
            echri()
                .args(["report", "-"])
                .args(extra)
                .write_stdin(records.clone()),
        );
        assert_eq!(code, 0, "{err}");
        out
    };
    let plain = report(&[]);
    assert_eq!(plain, report(&[]), "the same records give the same bytes");
    assert!(plain.contains("give the cases the records were made from"));
    let full = report(&[
        "--cases".as_ref(),
        cases.as_os_str(),
        "--sensitivity".as_ref(),
        sens_path.as_os_str(),
    ]);
    assert!(full.contains("id=\"sensitivity\""));
    // The most divergent case's findings, with their citations.
    let first = full.find("<details class=\"case\"").unwrap();
    let case = &full[first..];
    assert!(case.contains("class=\"cite\""), "citations shown");
    assert!(!full.contains("give the cases the records were made from"));
    // Without records, the cases evaluated here in one pass: the same page
    // but for where it says the figures come from.
    let (code, one_pass, err) = stdout_of(
        echri()
            .args(["report", "--cases", "-", "--sensitivity"])
            .arg(&sens_path)
            .write_stdin(lines.clone()),
    );
    assert_eq!(code, 0, "{err}");
    let n = super::example_lines().len();
    assert!(err.contains(&format!("echri report: {n} case(s)")), "{err}");
    assert_eq!(
        one_pass.replace(
            "Cases evaluated from standard input",
            "Batch records from standard input"
        ),
        full
    );
    // Nothing from outside.
    for page in [&plain, &full] {
        assert!(!page.contains("<script"), "no script");
        assert!(!page.contains("src=\"http"), "no remote resource");
        assert!(page.contains("default-src 'none'"));
    }
}

#[test]
fn report_escapes_module_text() {
    // A record a hostile module could have caused: markup in its rule id,
    // a bidirectional override in the case id, a huge error text.
    let hostile = format!(
        r#"{{"schema":"echri.batch/1","line":1,"id":"x\u202e<img src=x onerror=alert(1)>","as_of":"2024-01-01","destination":"EG","outcomes":{{"AQ":"deny","US":"no-licence-required","GB":"no-licence-required"}},"decisive":{{"AQ":["<script>alert(1)</script>"],"US":["US-A"],"GB":["UK-A"]}},"errors":{{"ZZ":"{}"}},"spread":6,"unanimous":false}}"#,
        "e".repeat(10_000)
    );
    let (code, page, err) = stdout_of(echri().args(["report", "-"]).write_stdin(hostile + "\n"));
    assert_eq!(code, 0, "{err}");
    assert!(!page.contains("<script>alert"), "markup escaped");
    assert!(!page.contains("<img src=x"), "markup escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains('\u{202e}'), "bidi override made visible");
    assert!(page.contains("\\u{202e}"));
    assert!(page.contains("… (8000 more)"), "long text clipped");
}

#[test]
fn report_errors_exit_2_and_name_the_input() {
    let dir = scratch("report-errors");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"schema\": \"echri.align/1\"}").unwrap();
    let (code, out, err) = stdout_of(
        echri()
            .args(["report", "-", "--sensitivity"])
            .arg(&bad)
            .write_stdin(""),
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("is not a sensitivity report"), "{err}");
    assert_eq!(err.matches("echri: error:").count(), 1, "said once: {err}");

    let records = dir.join("r.jsonl");
    std::fs::write(&records, "").unwrap();
    let (code, _, err) = stdout_of(echri().arg("report").arg(&records).arg("-o").arg(&records));
    assert_eq!(code, 2);
    assert!(err.contains("refusing to write the output"), "{err}");

    let (code, _, err) = stdout_of(echri().args(["report", "/nonexistent/records.jsonl"]));
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/records.jsonl"), "{err}");
}
