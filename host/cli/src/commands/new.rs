//! `echri new DIR`: a rule-module project outside this repository (a Rust
//! crate on the SDK, built with `echri build` for the fast componentized
//! target, a README skeleton, a first rule with its catalogue entry and
//! `tests/cases/`), or with `--from GB` a draft starting from a built-in
//! module's source. `echri build DIR`: the project made a component.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

use super::{Exit, GlobalArgs, Outcome, usage};

/// A crate's files: path inside the crate, contents.
type Files = &'static [(&'static str, &'static str)];

include!(concat!(env!("OUT_DIR"), "/rule_sources.rs"));

#[derive(Args, Debug)]
pub(crate) struct NewArgs {
    /// The project's directory (created; must not exist or be empty).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Start from this built-in module's source (a draft of the rules in
    /// force), e.g. `GB`.
    #[arg(long, value_name = "CODE", conflicts_with = "jurisdiction")]
    from: Option<String>,
    /// The jurisdiction a new module claims (ISO 3166-1 alpha-2), without
    /// `--from`.
    #[arg(long, value_name = "CODE", required_unless_present = "from")]
    jurisdiction: Option<String>,
    /// The SDK as a path dependency: the `guest-sdk` directory of an echri
    /// checkout (default: the checkout this `echri` was built from, if it
    /// is still there).
    #[arg(long, value_name = "DIR", conflicts_with = "sdk_git")]
    sdk: Option<PathBuf>,
    /// The SDK as a git dependency: the repository's URL.
    #[arg(long, value_name = "URL")]
    sdk_git: Option<String>,
    /// With `--sdk-git`: the commit, tag or branch.
    #[arg(long, value_name = "REV", requires = "sdk_git")]
    sdk_rev: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct BuildArgs {
    /// The project's directory.
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Copy the component to FILE.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Cargo's target directory (default `DIR/target`).
    #[arg(long, value_name = "DIR", env = "ECHRI_BUILD_TARGET_DIR")]
    target_dir: Option<PathBuf>,
}

/// How the project depends on the SDK (and, for EU members, the shared EU
/// baseline crate of the same checkout).
#[derive(Debug, Clone)]
enum SdkSource {
    Path(PathBuf),
    Git { url: String, rev: Option<String> },
}

impl SdkSource {
    fn of(args: &NewArgs) -> anyhow::Result<SdkSource> {
        if let Some(url) = &args.sdk_git {
            return Ok(SdkSource::Git {
                url: url.clone(),
                rev: args.sdk_rev.clone(),
            });
        }
        let dir = match &args.sdk {
            Some(d) => d.clone(),
            None => {
                let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guest-sdk");
                if !built_from.join("Cargo.toml").is_file() {
                    anyhow::bail!(
                        "say where the SDK is: `--sdk DIR` (the guest-sdk directory of an echri checkout) or `--sdk-git URL`"
                    );
                }
                built_from
            }
        };
        let dir = dir
            .canonicalize()
            .with_context(|| format!("the SDK directory `{}`", dir.display()))?;
        if !dir.join("Cargo.toml").is_file() || !dir.join("wit").exists() {
            anyhow::bail!(
                "`{}` is not the echri SDK (no Cargo.toml and wit/ there)",
                dir.display()
            );
        }
        Ok(SdkSource::Path(dir))
    }

    /// The dependency on `package` of the same checkout (`guest-sdk` for
    /// the SDK, `rules/eu` for the EU baseline).
    fn dependency(&self, package: &str) -> toml::Value {
        let mut t = toml::Table::new();
        match self {
            SdkSource::Path(sdk) => {
                let dir = match package {
                    "echri-sdk" => sdk.clone(),
                    "echri-law-eu" => sdk.join("../rules/eu"),
                    other => sdk.join("..").join(other),
                };
                let dir = dir.canonicalize().unwrap_or(dir);
                t.insert("path".into(), dir.display().to_string().into());
            }
            SdkSource::Git { url, rev } => {
                t.insert("git".into(), url.clone().into());
                if let Some(rev) = rev {
                    t.insert("rev".into(), rev.clone().into());
                }
            }
        }
        toml::Value::Table(t)
    }
}

fn check_empty(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "`{}` exists and is not empty: give a new directory",
                dir.display()
            );
        }
    }
    Ok(())
}

fn write(dir: &Path, rel: &str, text: &str) -> anyhow::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))
}

/// `manifest` with what it inherits from the workspace written out, its
/// echri dependencies on `sdk`, and an empty `[workspace]` so it builds on
/// its own.
fn standalone_manifest(manifest: &str, sdk: &SdkSource) -> anyhow::Result<String> {
    let ws: toml::Table = toml::from_str(WORKSPACE_MANIFEST).context("the workspace manifest")?;
    let ws = ws
        .get("workspace")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let ws_package = ws
        .get("package")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let ws_deps = ws
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let mut doc: toml::Table = toml::from_str(manifest).context("the crate's manifest")?;
    if let Some(toml::Value::Table(package)) = doc.get_mut("package") {
        for (key, value) in package.iter_mut() {
            let inherited = value
                .as_table()
                .is_some_and(|t| t.get("workspace").and_then(toml::Value::as_bool) == Some(true));
            if inherited && let Some(v) = ws_package.get(key) {
                *value = v.clone();
            }
        }
        package.insert("publish".into(), false.into());
    }
    for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
        let Some(toml::Value::Table(deps)) = doc.get_mut(section) else {
            continue;
        };
        for (name, value) in deps.iter_mut() {
            if name.starts_with("echri-") {
                *value = sdk.dependency(name);
                continue;
            }
            let Some(t) = value.as_table() else { continue };
            if t.get("workspace").and_then(toml::Value::as_bool) != Some(true) {
                continue;
            }
            let mut resolved = match ws_deps.get(name) {
                Some(toml::Value::String(v)) => {
                    let mut r = toml::Table::new();
                    r.insert("version".into(), v.clone().into());
                    r
                }
                Some(toml::Value::Table(r)) => r.clone(),
                _ => continue,
            };
            if let Some(toml::Value::Array(extra)) = t.get("features") {
                let mut features = resolved
                    .get("features")
                    .and_then(toml::Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                features.extend(extra.iter().cloned());
                resolved.insert("features".into(), toml::Value::Array(features));
            }
            *value = toml::Value::Table(resolved);
        }
    }
    // The workspace's lints are the repository's; a project sets its own.
    doc.remove("lints");
    doc.insert("workspace".into(), toml::Value::Table(toml::Table::new()));
    let mut profile = toml::Table::new();
    let mut release = toml::Table::new();
    release.insert("debug".into(), false.into());
    release.insert("codegen-units".into(), 16.into());
    profile.insert("release".into(), toml::Value::Table(release));
    doc.insert("profile".into(), toml::Value::Table(profile));
    Ok(format!(
        "# A rule-module project of its own (not a member of an enclosing\n\
         # workspace). Build it with `echri build`, test it with `echri test`.\n{}",
        toml::to_string(&doc).context("writing the manifest")?
    ))
}

/// A Rust identifier from a package name.
fn ident(package: &str) -> String {
    package.replace('-', "_")
}

fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_owned();
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s
    } else {
        format!("rule-{s}")
    }
}

pub(crate) fn run_new(global: GlobalArgs, args: NewArgs) -> Outcome {
    check_empty(&args.dir).map_err(usage)?;
    let sdk = SdkSource::of(&args).map_err(usage)?;
    let written = match &args.from {
        Some(code) => {
            let Some((iso, package, files)) = SOURCES
                .iter()
                .find(|(iso, _, _)| iso.eq_ignore_ascii_case(code))
            else {
                let codes: Vec<&str> = SOURCES.iter().map(|s| s.0).collect();
                return Err(usage(anyhow::anyhow!(
                    "`--from {code}`: no built-in module for it (built-ins: {})",
                    codes.join(", ")
                )));
            };
            for (rel, text) in *files {
                let text = if *rel == "Cargo.toml" {
                    standalone_manifest(text, &sdk).map_err(usage)?
                } else {
                    (*text).to_owned()
                };
                write(&args.dir, rel, &text)?;
            }
            write(&args.dir, ".gitignore", "/target\n")?;
            format!(
                "a draft of {iso}'s rules in force (package `{package}`, {} files)",
                files.len()
            )
        }
        None => {
            let jurisdiction = args
                .jurisdiction
                .as_deref()
                .unwrap_or_default()
                .to_ascii_uppercase();
            if echri_sdk::model::Country::try_from(jurisdiction.clone()).is_err() {
                return Err(usage(anyhow::anyhow!(
                    "`--jurisdiction {jurisdiction}`: not an ISO 3166-1 alpha-2 code"
                )));
            }
            let base = args
                .dir
                .file_name()
                .map_or_else(|| "rules".to_owned(), |n| n.to_string_lossy().into_owned());
            let package = sanitize(&base);
            scaffold(&args.dir, &package, &jurisdiction, &sdk)?;
            format!("a new rule module for {jurisdiction} (package `{package}`)")
        }
    };
    if !global.quiet {
        let dir = args.dir.display();
        eprintln!(
            "echri: created {written} in `{dir}`\n\
             next: edit src/lib.rs, then\n  \
             echri build {dir} -o {dir}/draft.wasm\n  \
             echri test {dir}/draft.wasm {dir}/tests/cases\n  \
             echri diff <BASE> {dir}/draft.wasm examples/grid.toml"
        );
    }
    Ok(Exit::Ok)
}

fn scaffold(dir: &Path, package: &str, iso: &str, sdk: &SdkSource) -> anyhow::Result<()> {
    let lower = iso.to_ascii_lowercase();
    let manifest = format!(
        r#"[package]
name = "{package}"
version = "0.1.0"
edition = "2024"
description = "echri rule module: the export-licensing human-rights rules of {iso} (draft)"
license = "Apache-2.0"
publish = false

[lib]
crate-type = ["cdylib", "rlib"]

[dependencies]
echri-sdk = "*"
"#
    );
    write(dir, "Cargo.toml", &standalone_manifest(&manifest, sdk)?)?;
    let ty = format!("{}{}", &iso[..1], iso[1..].to_ascii_lowercase());
    let lib = format!(
        r#"//! # {package}: the export-licensing human-rights rules of {iso}, as a
//! draft model for echri. See README.md for sources and assumptions. It
//! models policy; it is not legal advice.

#![warn(missing_docs)]

use echri_sdk::prelude::*;

/// The module.
#[derive(Debug, Clone, Copy, Default)]
pub struct {ty};

echri_sdk::export_rule_module!({ty});

/// The first date the module states the law for.
const STATED_FROM: Date = Date::ymd(2024, 1, 1);
/// The date the module states the law as of.
const STATED_UNTIL: Date = Date::ymd(2026, 1, 1);

/// {iso}-SCOPE: a case outside what the module states (before its period,
/// or a transaction it does not model) is not determined.
pub const {iso}_SCOPE: Rule = Rule::new(
    "{iso}-SCOPE",
    "Outside the model: not determined",
    "This module's stated period and transactions",
);

/// {iso}-LIST: an item on a control list needs a licence, case by case.
pub const {iso}_LIST: Rule = Rule::new(
    "{iso}-LIST",
    "Listed item: licence, case by case",
    "TODO: the provision (act, section), as in force on its date",
)
.assuming("[VERIFY] every listed item is licensable to every destination");

/// {iso}-NLR: nothing else applies.
pub const {iso}_NLR: Rule = Rule::new(
    "{iso}-NLR",
    "Unlisted item, no catch-all: no licence required",
    "TODO: the provision",
);

/// Every rule of the module.
pub const CATALOGUE: &[Rule] = &[{iso}_SCOPE, {iso}_LIST, {iso}_NLR];

impl RuleModule for {ty} {{
    fn info() -> ModuleInfo {{
        ModuleInfo {{
            jurisdiction: "{iso}".into(),
            name: "{iso}: export-licensing human-rights rules (draft)".into(),
            authority: "TODO: the licensing authority".into(),
            version: "0.1.0".into(),
            stated_for: Period::new(STATED_FROM, STATED_UNTIL),
            sources: vec![],
            // Filled in from the catalogue.
            rules: vec![],
            commitments: echri_sdk::conduct::declarations(
                "TODO: how human rights are taken into account",
                "TODO: the provision",
            ),
        }}
    }}

    fn evaluate(case: &Case) -> Result<Assessment, CaseError> {{
        if let Some(outside) = {iso}_SCOPE.outside_model(case, "{iso}", STATED_FROM) {{
            return Ok(Assessment::most_restrictive(vec![outside]));
        }}
        let mut findings = Vec::new();
        for item in case.items.iter().filter(|i| !i.control_code.is_unlisted()) {{
            findings.push({iso}_LIST.finding(
                Outcome::LicenceRequiredCaseByCase,
                format!("{{}} is on a control list", item.control_code),
            ));
        }}
        if findings.is_empty() {{
            findings.push({iso}_NLR.finding(
                Outcome::NoLicenceRequired,
                "no item is listed and no catch-all applies",
            ));
        }}
        Ok(Assessment::most_restrictive(findings))
    }}

    fn catalogue() -> &'static [Rule] {{
        CATALOGUE
    }}
}}
"#
    );
    write(dir, "src/lib.rs", &lib)?;
    let krate = ident(package);
    write(
        dir,
        "tests/cases.rs",
        &format!(
            r#"//! The data-driven cases of tests/cases/, run natively; `echri test`
//! runs the same files through the sandbox against the built component.

#[test]
fn data_driven_cases() {{
    echri_sdk::testing::check_dir::<{krate}::{ty}>(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"),
        3,
    );
}}

#[test]
fn catalogue_matches_readme_and_cases() {{
    echri_sdk::testing::check_catalogue::<{krate}::{ty}>(env!("CARGO_MANIFEST_DIR"));
}}
"#
        ),
    )?;
    let party = format!(
        "[[case.parties]]\nname = \"Example Trading Co\"\ncountry = \"{iso}\"\nkind = \"private\"\nrole = \"end-user\"\n"
    );
    let cases = [
        (
            "listed-item",
            "licence-required-case-by-case",
            format!("{iso}-LIST"),
            "a listed item needs a licence",
            "2025-01-01",
            "5A001.j",
        ),
        (
            "unlisted-item",
            "no-licence-required",
            format!("{iso}-NLR"),
            "an unlisted item with no catch-all needs none",
            "2025-01-01",
            "EAR99",
        ),
        (
            "before-stated-period",
            "not-determined",
            format!("{iso}-SCOPE"),
            "the module does not state the law before 2024",
            "2023-12-31",
            "5A001.j",
        ),
    ];
    for (name, outcome, rule, reason, date, code) in cases {
        write(
            dir,
            &format!("tests/cases/{name}.toml"),
            &format!(
                "[expect]\noutcome = \"{outcome}\"\ndecisive = [\"{rule}\"]\nreason = \"{reason}\"\n\n\
                 [case]\nid = \"{lower}-{name}\"\nas_of = \"{date}\"\ndestination = \"{iso}\"\n\
                 [[case.items]]\ncontrol_code = \"{code}\"\n{party}"
            ),
        )?;
    }
    write(
        dir,
        "README.md",
        &format!(
            "# {package}\n\nThe export-licensing human-rights rules of {iso}, as an echri rule module (draft).\n\
             It models policy; it is not legal advice.\n\n\
             ## Sources\n\n- TODO: each act, regulation and guidance used, with its date and URL.\n\n\
             ## Stated period\n\nCases dated from 2024-01-01; the law as of 2026-01-01. Earlier cases are not determined (`{iso}-SCOPE`); later ones carry a warning.\n\n\
             ## Rules\n\n| Rule id | Provision | What it decides |\n|---|---|---|\n\
             | `{iso}-SCOPE` | the stated period and transactions | not determined outside them |\n\
             | `{iso}-LIST` | TODO | listed items: licence, case by case |\n\
             | `{iso}-NLR` | TODO | nothing else applies: no licence required |\n\n\
             ## Simplifications and assumptions\n\n- [VERIFY] every listed item is licensable to every destination (`{iso}-LIST`).\n\n\
             ## The loop\n\n```sh\nechri build . -o draft.wasm\nechri test draft.wasm tests/cases --coverage-threshold 100\ncargo test                      # the same cases, natively\n```\n"
        ),
    )?;
    write(dir, ".gitignore", "/target\n")?;
    Ok(())
}

pub(crate) fn run_build(global: GlobalArgs, args: BuildArgs) -> Outcome {
    let built = echri_sdk_build::project::build(&args.dir, args.target_dir.as_deref())
        .map_err(|e| usage(anyhow::anyhow!(e)))?;
    let path = match &args.output {
        Some(out) => {
            std::fs::copy(&built.component, out).with_context(|| {
                format!(
                    "cannot copy `{}` to `{}`",
                    built.component.display(),
                    out.display()
                )
            })?;
            out.clone()
        }
        None => built.component.clone(),
    };
    if !global.quiet {
        eprintln!("echri: built `{}` into a component", built.package);
    }
    super::print(&format!("{}\n", path.display()))?;
    Ok(Exit::Ok)
}
