//! The analysts' views: `align --by`, outliers, `--top`, `--table`,
//! `--convergence`, and `echri sensitivity`, each checked against figures
//! worked out by hand on a small corpus built here, and snapshotted.

use super::{echri, json_lines, stdout_of};

/// Five records under DK, FR, NL and US. The fifth predates the case
/// attributes (no `items`, `end_users`, `end_use` or `facts`).
///
/// | case | items           | DK | FR | NL | US | spread |
/// |------|-----------------|----|----|----|----|--------|
/// | a    | 5A001.j         | 6  | 6  | 6  | 4  | 2      |
/// | b    | 5A001.j, EAR99  | 4  | 4  | 4  | 4  | 0      |
/// | c    | EAR99           | 0  | 0  | 7  | 5  | 7      |
/// | d    | EAR99           | 0  | 0  | 0  | 7  | 7      |
/// | e    | (not recorded)  | 6  | 2  | 6  | 6  | 4      |
const RECORDS: &str = r#"{"schema":"echri.batch/1","line":1,"id":"a","as_of":"2024-01-01","destination":"EG","items":[{"control_code":"5A001.j","capabilities":["ip-network-surveillance"]}],"end_users":["police"],"end_use":"law-enforcement","facts":["clear-risk-internal-repression"],"outcomes":{"DK":"deny","FR":"deny","NL":"deny","US":"licence-required-case-by-case"},"decisive":{"DK":["EU-C2"],"FR":["EU-C2"],"NL":["EU-C2"],"US":["US-CC"]},"spread":2,"unanimous":false}
{"schema":"echri.batch/1","line":2,"id":"b","as_of":"2024-01-01","destination":"EG","items":[{"control_code":"5A001.j"},{"control_code":"EAR99"},{"control_code":"5A001.j"}],"end_users":["private"],"end_use":"civil","facts":[],"outcomes":{"DK":"licence-required-case-by-case","FR":"licence-required-case-by-case","NL":"licence-required-case-by-case","US":"licence-required-case-by-case"},"decisive":{"DK":["EU-LIST"],"FR":["EU-LIST"],"NL":["EU-LIST"],"US":["US-CC"]},"spread":0,"unanimous":true}
{"schema":"echri.batch/1","line":3,"id":"c","as_of":"2024-01-01","destination":"CN","items":[{"control_code":"EAR99"}],"end_users":["police"],"end_use":"law-enforcement","facts":["clear-risk-internal-repression","journalists-targeted"],"outcomes":{"DK":"no-licence-required","FR":"no-licence-required","NL":"prohibited","US":"presumption-of-denial"},"decisive":{"DK":["EU-NLR"],"FR":["EU-NLR"],"NL":["NL-X"],"US":["US-EL"]},"spread":7,"unanimous":false}
{"schema":"echri.batch/1","line":4,"id":"d","as_of":"2024-01-01","destination":"CN","items":[{"control_code":"EAR99"}],"end_users":["private"],"end_use":"civil","facts":[],"outcomes":{"DK":"no-licence-required","FR":"no-licence-required","NL":"no-licence-required","US":"prohibited"},"decisive":{"DK":["EU-NLR"],"FR":["EU-NLR"],"NL":["EU-NLR"],"US":["US-EMB"]},"spread":7,"unanimous":false}
{"schema":"echri.batch/1","line":5,"id":"e","as_of":"2024-01-01","destination":"CN","outcomes":{"DK":"deny","FR":"catch-all-notify","NL":"deny","US":"deny"},"decisive":{"DK":["EU-C2"],"FR":["FR-N"],"NL":["EU-C2"],"US":["US-X"]},"spread":4,"unanimous":false}
"#;

fn align_json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "json"])
            .args(args)
            .write_stdin(RECORDS),
    );
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn align_csv(args: &[&str]) -> String {
    let (code, out, err) = stdout_of(
        echri()
            .args(["align", "-", "--format", "csv"])
            .args(args)
            .write_stdin(RECORDS),
    );
    assert_eq!(code, 0, "{err}");
    out
}

fn find<'v>(list: &'v serde_json::Value, key: &str, value: &str) -> &'v serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list}"))
}

#[test]
fn outliers_match_a_hand_computation() {
    let v = align_json(&[]);
    let o = &v["outliers"];
    // a: DK, FR, NL deny, US case by case: US alone, more lenient (US-CC).
    // b: unanimous. c: three outcomes, nobody alone. d: US alone, stricter
    // (US-EMB). e: DK, NL, US deny, FR notify: FR alone, more lenient.
    let us = find(o, "jurisdiction", "US");
    assert_eq!(us["cases"], 5);
    assert_eq!(us["stands_apart"], 2);
    assert_eq!(us["share"], 0.4);
    assert_eq!(
        (&us["stricter"], &us["more_lenient"]),
        (&1.into(), &1.into())
    );
    let rules: Vec<(&str, u64, f64)> = us["top_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap(),
                r["count"].as_u64().unwrap(),
                r["share"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rules, [("US-CC", 1, 0.5), ("US-EMB", 1, 0.5)]);
    let fr = find(o, "jurisdiction", "FR");
    assert_eq!(
        (&fr["stands_apart"], &fr["share"]),
        (&1.into(), &0.2.into())
    );
    assert_eq!(fr["top_rules"][0]["rule"], "FR-N");
    assert_eq!(fr["top_rules"][0]["share"], 1.0);
    for j in ["DK", "NL"] {
        assert_eq!(find(o, "jurisdiction", j)["stands_apart"], 0, "{j}");
    }
    // --top 2: spreads 2, 0, 7, 7, 4: c and d, in input order.
    let v = align_json(&["--top", "2"]);
    let ids: Vec<&str> = v["most_divergent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c", "d"]);
    assert_eq!(
        align_json(&["--top", "0"])["most_divergent"],
        serde_json::json!([])
    );
    // The same figures as CSV.
    let csv = align_csv(&["--table", "outliers"]);
    assert!(
        csv.starts_with("jurisdiction,cases,stands_apart,share,stricter,more_lenient,top_rules\n")
    );
    assert!(csv.contains("\nUS,5,2,0.4,1,1,US-CC=1;US-EMB=1\n"), "{csv}");
    assert!(csv.contains("\nFR,5,1,0.2,0,1,FR-N=1\n"), "{csv}");
}

#[test]
fn groups_by_item_match_a_hand_computation() {
    let v = align_json(&["--by", "item"]);
    let g = &v["groups"];
    assert_eq!(g["by"], "item");
    let names: Vec<&str> = g["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["group"].as_str().unwrap())
        .collect();
    // b has two items (5A001.j twice, counted once): it is in both groups;
    // e has no attributes.
    assert_eq!(names, ["(not recorded)", "5A001.j", "EAR99"]);
    // 5A001.j: a and b. Agreeing pairs: a 3 of 6 (DK-FR, DK-NL, FR-NL),
    // b 6 of 6: 9/12. US: a 0 of 3, b 3 of 3: 1/2. DK: a 2 of 3, b 3 of 3:
    // 5/6. US stands apart on a. Spreads 2 and 0: mean 1.
    let j = find(&g["groups"], "group", "5A001.j");
    assert_eq!((&j["cases"], &j["unanimous"]), (&2.into(), &1.into()));
    assert_eq!(j["pair_agreement"], 0.75);
    assert_eq!(j["mean_spread"], 1.0);
    let us = find(&j["jurisdictions"], "jurisdiction", "US");
    assert_eq!(
        (&us["agreement_with_others"], &us["stands_apart"]),
        (&0.5.into(), &1.into())
    );
    assert_eq!(
        find(&j["jurisdictions"], "jurisdiction", "DK")["agreement_with_others"],
        0.833333
    );
    let dk_us = find(&j["pairs"], "a", "DK");
    assert_eq!(dk_us["b"], "FR");
    assert_eq!(dk_us["agreement"], 1.0);
    // EAR99: b, c, d. Agreeing pairs: b 6, c 1 (DK-FR), d 3: 10/18. US:
    // b 3, c 0, d 0 of 9. NL: b 3, c 0, d 2 of 9. US stands apart on d.
    let e = find(&g["groups"], "group", "EAR99");
    assert_eq!(e["cases"], 3);
    assert_eq!(e["pair_agreement"], 0.555556);
    let us = find(&e["jurisdictions"], "jurisdiction", "US");
    assert_eq!(
        (&us["agreement_with_others"], &us["stands_apart"]),
        (&0.333333.into(), &1.into())
    );
    assert_eq!(
        find(&e["jurisdictions"], "jurisdiction", "NL")["agreement_with_others"],
        0.555556
    );
    // e alone: DK-NL, DK-US, NL-US agree: 3/6; FR stands apart.
    let old = find(&g["groups"], "group", "(not recorded)");
    assert_eq!(
        (&old["cases"], &old["pair_agreement"]),
        (&1.into(), &0.5.into())
    );
    assert_eq!(
        find(&old["jurisdictions"], "jurisdiction", "FR")["stands_apart"],
        1
    );

    let csv = align_csv(&["--by", "item", "--table", "groups"]);
    assert!(
        csv.contains("\nitem,5A001.j,2,1,1,0.75,US,2,0.5,1\n"),
        "{csv}"
    );
    let csv = align_csv(&["--by", "item", "--table", "group-pairs"]);
    assert!(
        csv.starts_with("by,group,a,b,cases,not_determined,agree,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 3 * 6);

    // Facts: a clear risk; b, d none; c clear risk and journalists.
    let v = align_json(&["--by", "fact"]);
    let cases: Vec<(String, u64)> = v["groups"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["group"].as_str().unwrap().to_owned(),
                x["cases"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = [
        ("(none)", 2),
        ("(not recorded)", 1),
        ("clear-risk-internal-repression", 2),
        ("journalists-targeted", 1),
    ]
    .iter()
    .map(|&(k, n)| (k.to_owned(), n))
    .collect();
    assert_eq!(cases, want);
    // End users: police a, c; private b, d. Destinations: EG a, b; CN c, d, e.
    let v = align_json(&["--by", "end-user"]);
    assert_eq!(find(&v["groups"]["groups"], "group", "police")["cases"], 2);
    let v = align_json(&["--by", "destination"]);
    assert_eq!(find(&v["groups"]["groups"], "group", "CN")["cases"], 3);
    let v = align_json(&["--by", "end-use"]);
    assert_eq!(find(&v["groups"]["groups"], "group", "civil")["cases"], 2);
}

#[test]
fn convergence_matches_a_hand_computation() {
    let v = align_json(&["--convergence", "US:DK,FR,NL"]);
    let c = &v["convergence"];
    assert_eq!(
        (&c["a"], &c["members"]),
        (&"US".into(), &serde_json::json!(["DK", "FR", "NL"]))
    );
    let cmp = |b: &str| find(&c["comparisons"], "b", b).clone();
    let dirs = |x: &serde_json::Value| {
        [&x["agree"], &x["a_stricter"], &x["b_stricter"]].map(|d| d["cases"].as_u64().unwrap())
    };
    // US - DK in steps: a -2, b 0, c +5, d +7, e 0: agree 2, US stricter 2,
    // DK stricter 1; mean difference 10/5.
    let dk = cmp("DK");
    assert_eq!((dk["cases"].as_u64(), dirs(&dk)), (Some(5), [2, 2, 1]));
    assert_eq!(dk["mean_difference"], 2.0);
    assert_eq!(dk["a_stricter"]["b_rules"][0]["rule"], "EU-NLR");
    assert_eq!(dk["a_stricter"]["b_rules"][0]["count"], 2);
    let us_rules: Vec<&str> = dk["a_stricter"]["a_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(us_rules, ["US-EL", "US-EMB"]);
    // US - FR: -2, 0, +5, +7, +4: 1, 3, 1; 14/5.
    let fr = cmp("FR");
    assert_eq!(dirs(&fr), [1, 3, 1]);
    assert_eq!(fr["mean_difference"], 2.8);
    // US - NL: -2, 0, -2, +7, 0: 2, 1, 2; 3/5.
    let nl = cmp("NL");
    assert_eq!(dirs(&nl), [2, 1, 2]);
    assert_eq!(nl["mean_difference"], 0.6);
    // Consensus: a (deny), b (case by case), d (none); not c or e. US -
    // consensus: -2, 0, +7: 1, 1, 1 over 3; 5/3. Behind the EU being
    // stricter on a: EU-C2, cited by all three.
    let k = cmp("consensus");
    assert_eq!((k["cases"].as_u64(), dirs(&k)), (Some(3), [1, 1, 1]));
    assert_eq!(k["mean_difference"], 1.666667);
    assert_eq!(k["b_stricter"]["b_rules"][0]["jurisdiction"], "DK+FR+NL");
    assert_eq!(k["b_stricter"]["b_rules"][0]["rule"], "EU-C2");
    assert_eq!(k["b_stricter"]["a_rules"][0]["rule"], "US-CC");
    // Without a value: US against DK, FR, NL.
    assert_eq!(align_json(&["--convergence"])["convergence"], *c);
    let csv = align_csv(&["--convergence", "US:DK,FR,NL", "--table", "convergence"]);
    assert!(
        csv.contains(
            "\nUS,consensus,DK;FR;NL,b-stricter,1,0.333333,1.666667,US:US-CC=1,DK+FR+NL:EU-C2=1\n"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 4 * 3);
}

#[test]
fn every_align_table_is_available_as_csv() {
    let all = ["--by", "item", "--convergence"];
    for (table, header) in [
        (
            "pairs",
            "a,b,cases,not_determined,agree,agreement,kappa,mean_distance,top_rules",
        ),
        ("matrix", "jurisdiction,DK,FR,NL,US"),
        ("distribution", "jurisdiction,cases,no-licence-required,"),
        ("divergent", "line,id,spread,DK,FR,NL,US"),
        ("outliers", "jurisdiction,cases,stands_apart,"),
        ("groups", "by,group,cases,unanimous,"),
        ("group-pairs", "by,group,a,b,"),
        ("convergence", "a,b,members,direction,"),
    ] {
        let csv = align_csv(&[&all[..], &["--table", table]].concat());
        assert!(csv.starts_with(header), "{table}: {csv}");
    }
    // DK agrees with FR on a, b, c, d; with NL on a, b, d, e; with US on b
    // and e.
    let csv = align_csv(&["--table", "matrix"]);
    assert!(csv.contains("\nDK,,0.8,0.8,0.4\n"), "{csv}");
    // Tables that need an option say so; JSON holds every table.
    for args in [
        &["--table", "groups"][..],
        &["--table", "convergence"],
        &["--table", "pairs", "--format", "json"],
        &["--convergence", "US"],
    ] {
        let (code, out, err) =
            stdout_of(echri().args(["align", "-"]).args(args).write_stdin(RECORDS));
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(!err.is_empty());
    }
}

#[test]
fn analyst_views_snapshots() {
    let run = |args: &[&str]| {
        let (code, out, err) =
            stdout_of(echri().args(["align", "-"]).args(args).write_stdin(RECORDS));
        format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
    };
    let all = ["--by", "item", "--convergence", "--top", "3"];
    insta::assert_snapshot!("align_analysts_table", run(&all));
    insta::assert_snapshot!(
        "align_analysts_json",
        run(&[&all[..], &["--format", "json"]].concat())
    );
    insta::assert_snapshot!(
        "align_analysts_markdown",
        run(&[&all[..], &["--format", "markdown", "--table", "outliers"]].concat())
    );
}

// ---------------------------------------------------------------------------
// Sensitivity.

const HR: [&str; 7] = [
    "clear-risk-internal-repression",
    "substantial-risk-serious-violation",
    "serious-violations-established",
    "journalists-targeted",
    "gross-violations-pattern",
    "exporter-aware-of-misuse",
    "exporter-informed-by-authority",
];

/// Three cases from the Egypt police example: its clear risk, no facts,
/// and a military end use with targeted journalists.
fn sensitivity_cases() -> Vec<serde_json::Value> {
    let egypt = echri::input::case_file::read_case_file(
        &super::workspace().join("examples/cases/ipsurv-5a001j-egypt-police-clear-risk.toml"),
    )
    .unwrap();
    let base = serde_json::to_value(&egypt).unwrap();
    let mut out = Vec::new();
    for (id, facts) in [
        (
            "clear-risk",
            serde_json::json!(["clear-risk-internal-repression"]),
        ),
        ("no-facts", serde_json::json!([])),
        (
            "military-journalists",
            serde_json::json!(["military-end-use", "journalists-targeted"]),
        ),
    ] {
        let mut c = base.clone();
        c["id"] = id.into();
        c["facts"] = facts;
        out.push(c);
    }
    out
}

fn to_lines(cases: &[serde_json::Value]) -> String {
    cases.iter().map(|c| c.to_string() + "\n").collect()
}

fn batch_outcomes(cases: &[serde_json::Value]) -> Vec<serde_json::Value> {
    let (code, out, err) = stdout_of(
        echri()
            .args(["batch", "-", "--quiet"])
            .write_stdin(to_lines(cases)),
    );
    assert_eq!(code, 0, "{err}");
    json_lines(&out)
        .into_iter()
        .map(|r| r["outcomes"].clone())
        .collect()
}

fn step(outcome: &serde_json::Value) -> i64 {
    const SCALE: [&str; 8] = [
        "no-licence-required",
        "licence-exception",
        "catch-all-notify",
        "licence-required-favourable",
        "licence-required-case-by-case",
        "presumption-of-denial",
        "deny",
        "prohibited",
    ];
    SCALE.iter().position(|s| outcome == s).unwrap() as i64
}

#[test]
fn sensitivity_matches_twins_built_by_hand() {
    let cases = sensitivity_cases();
    // The twins, built here: facts filtered by hand, and all seven added.
    let removed: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let mut t = c.clone();
            let kept: Vec<serde_json::Value> = c["facts"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| !HR.contains(&f.as_str().unwrap()))
                .cloned()
                .collect();
            t["facts"] = kept.into();
            t
        })
        .collect();
    let added: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let mut t = c.clone();
            let mut facts = c["facts"].as_array().unwrap().clone();
            for f in HR {
                if !facts.iter().any(|x| x == f) {
                    facts.push(f.into());
                }
            }
            t["facts"] = facts.into();
            t
        })
        .collect();
    let base = batch_outcomes(&cases);
    let twins = [
        ("removed", batch_outcomes(&removed)),
        ("added", batch_outcomes(&added)),
    ];

    let (code, out, err) = stdout_of(
        echri()
            .args(["sensitivity", "-", "--format", "json"])
            .write_stdin(to_lines(&cases)),
    );
    assert_eq!(code, 0, "{err}");
    // 3 cases; removal twins for 2 (no-facts has none), additions for 3:
    // 3 + 2 + 3 to evaluate, but two are the same (id aside) as one
    // evaluated before and reused: clear-risk's removal twin is no-facts,
    // and its addition twin (the risk first, then the six others in order)
    // is no-facts' addition twin. (3 + 2 + 3 - 2) x 8 evaluations, however
    // the threads interleave.
    assert!(err.contains("(48 evaluation(s))"), "{err}");
    assert!(err.contains("; 2 case(s) or twin(s) identical"), "{err}");
    // Evaluating every twin gives the same figures.
    let (code, every, err) = stdout_of(
        echri()
            .args(["sensitivity", "-", "--format", "json", "--no-reuse"])
            .write_stdin(to_lines(&cases)),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(64 evaluation(s))"), "{err}");
    assert!(err.contains("; 0 case(s) or twin(s) identical"), "{err}");
    assert_eq!(every, out, "reuse changes no figure");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "echri.sensitivity/1");
    assert_eq!(v["cases"], 3);
    assert_eq!(v["human_rights_facts"], serde_json::json!(HR));
    for (side, twin) in &twins {
        let per = v[side]["jurisdictions"].as_array().unwrap();
        assert_eq!(per.len(), 8);
        for j in per {
            let name = j["jurisdiction"].as_str().unwrap();
            let deltas: Vec<i64> = base
                .iter()
                .zip(twin)
                .map(|(b, t)| step(&t[name]) - step(&b[name]))
                .collect();
            let changed = deltas.iter().filter(|&&d| d != 0).count() as u64;
            let steps: i64 = deltas.iter().map(|d| d.abs()).sum();
            let shift: i64 = deltas.iter().sum();
            let round = |x: f64| (x * 1e6).round() / 1e6;
            assert_eq!(j["cases"], 3, "{name}");
            assert_eq!(
                j["affected"],
                if *side == "removed" { 2 } else { 3 },
                "{name}"
            );
            assert_eq!(j["changed"], changed, "{side} {name}");
            assert_eq!(j["share"], round(changed as f64 / 3.0), "{side} {name}");
            assert_eq!(j["mean_steps"], round(steps as f64 / 3.0), "{side} {name}");
            assert_eq!(j["mean_shift"], round(shift as f64 / 3.0), "{side} {name}");
            let up = deltas.iter().filter(|&&d| d > 0).count() as u64;
            assert_eq!(j["more_restrictive"], up, "{side} {name}");
        }
        // One control code, 5A001.j: the same figures.
        let items = v[side]["by_item"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["control_code"], "5A001.j");
        assert_eq!(items[0]["cases"], 3);
        assert_eq!(items[0]["jurisdictions"], v[side]["jurisdictions"]);
    }
    // Taking a clear risk of internal repression away from a 5A001.j export
    // to Egyptian police moves the UK off a Criterion 2 refusal.
    let gb = find(&v["removed"]["jurisdictions"], "jurisdiction", "GB");
    assert!(gb["changed"].as_u64().unwrap() >= 1, "{gb}");
    assert_eq!(gb["more_restrictive"], 0);

    let (code, csv, _) = stdout_of(
        echri()
            .args(["sensitivity", "-", "--format", "csv", "--quiet"])
            .write_stdin(to_lines(&cases)),
    );
    assert_eq!(code, 0);
    // A header, then 2 twins x (all + 5A001.j) x 8 jurisdictions.
    assert_eq!(csv.lines().count(), 1 + 2 * 2 * 8);
    assert!(csv.starts_with("twin,control_code,jurisdiction,cases,affected,changed,share,"));
    // Output does not depend on the thread count.
    let (_, one, _) = stdout_of(
        echri()
            .args(["sensitivity", "-", "--format", "json", "--threads", "1"])
            .write_stdin(to_lines(&cases)),
    );
    assert_eq!(one, out);
}

#[test]
fn sensitivity_snapshots() {
    let lines = to_lines(&sensitivity_cases());
    let run = |format: &str| {
        let (code, out, err) = stdout_of(
            echri()
                .args(["sensitivity", "-", "--format", format])
                .write_stdin(lines.clone()),
        );
        format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
    };
    insta::assert_snapshot!("sensitivity_table", run("table"));
    insta::assert_snapshot!("sensitivity_json", run("json"));
    // A bad line is said and skipped: exit 1.
    let bad = lines.clone() + "{\"id\": 1}\n";
    let (code, out, err) = stdout_of(
        echri()
            .args(["sensitivity", "-", "--format", "json"])
            .write_stdin(bad),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("<stdin>:4:"), "{err}");
    assert!(out.contains("\"cases\": 3"));
}
