//! `echri diff BASE DRAFT CORPUS`: what a draft module changes against its
//! base over a corpus (a generator spec, JSON Lines, a case file or a
//! directory of them), and what that does to its alignment with every
//! other loaded module.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use echri::analysis::batch;
use echri::analysis::diff::{CaseDiff, DiffOptions, DiffReport, Differ, Sides};
use echri::analysis::generate::Spec;
use echri::input::corpus::Input;
use echri::render::{diff as render, text};
use echri_runtime::{Module, Slot};
use echri_sdk::model::Case;
use rayon::prelude::*;

use super::{Exit, Failure, GlobalArgs, LoadArgs, Loader, ModuleArg, Naming, Outcome, usage};

#[derive(Args, Debug)]
pub(crate) struct DiffArgs {
    /// The base: a built-in jurisdiction's code (`GB`) or a module file.
    #[arg(value_name = "BASE")]
    base: ModuleArg,
    /// The draft: a module file (it reports as `XX-draft`, XX the
    /// jurisdiction it claims, unless `--draft-name`), or a built-in code.
    #[arg(value_name = "DRAFT")]
    draft: ModuleArg,
    /// The corpus: a generator spec (`examples/grid.toml`: its whole grid,
    /// or `--sample`), a JSON Lines file (`-` for standard input), a case
    /// file or a directory of case files.
    #[arg(value_name = "CORPUS")]
    corpus: PathBuf,
    #[command(flatten)]
    corpus_args: SpecArgs,
    /// The name the draft reports under.
    #[arg(long, value_name = "NAME")]
    draft_name: Option<String>,
    /// Examples kept per transition.
    #[arg(long, value_name = "N", default_value_t = 3)]
    examples: usize,
    /// Do not shrink each transition's first example to a minimal case.
    #[arg(long)]
    no_shrink: bool,
    /// Do not load the built-in modules as partners (no alignment figures;
    /// faster).
    #[arg(long)]
    no_partners: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    /// Evaluation threads (default: every core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    load: LoadArgs,
}

/// How to walk a generator spec.
#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct SpecArgs {
    /// With a generator spec: draw N cases at random instead of walking the
    /// whole grid.
    #[arg(long, value_name = "N")]
    pub(crate) sample: Option<u64>,
    /// Seed of the sample.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub(crate) seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// Tables and explanations.
    Table,
    /// `echri.diff/1`.
    Json,
    /// Markdown.
    Markdown,
}

/// A generator spec, if `path` is one: a `.toml` file with the spec's
/// `destinations` and `items` lists (anything else is a case file). A spec
/// that does not parse is an error naming its line and field.
pub(crate) fn read_spec(path: &Path) -> Result<Option<Spec>, Failure> {
    if path.extension().is_none_or(|x| x != "toml") || !path.is_file() {
        return Ok(None);
    }
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read `{name}`"))?;
    let looks_like_spec = text
        .parse::<toml::Table>()
        .is_ok_and(|t| t.contains_key("destinations") && t.contains_key("items"));
    if !looks_like_spec {
        return Ok(None);
    }
    Spec::parse(&text, &name).map(Some).map_err(usage)
}

/// The cases of `spec`: its grid, or a sample.
pub(crate) fn spec_cases(spec: &Spec, args: SpecArgs) -> Box<dyn Iterator<Item = Case> + '_> {
    match args.sample {
        Some(n) => Box::new(spec.sample(n, args.seed)),
        None => Box::new(spec.grid()),
    }
}

fn loaded(loader: &Loader, slot: usize, what: &ModuleArg) -> Result<Module, Failure> {
    match &loader.runtime.slots()[slot] {
        Slot::Loaded(m) => Ok(m.clone()),
        Slot::Failed { message, .. } => Err(usage(anyhow::anyhow!(
            "cannot compare with `{what}`: {message}"
        ))),
    }
}

/// The two modules of a diff or a search, with the built-ins beside them
/// unless `no_partners`.
pub(crate) fn load_pair(
    mut loader: Loader,
    a: &ModuleArg,
    b: &ModuleArg,
    b_name: Option<String>,
    partners: bool,
) -> Result<(Loader, usize, usize), Failure> {
    if partners {
        loader.builtins();
    }
    let a_naming = match a {
        // A file for the base: it reports under its jurisdiction unless
        // that name is taken (by the built-in module it may replace).
        ModuleArg::Path(_) if partners => Naming::Suffixed("base"),
        _ => Naming::Claim,
    };
    let ia = loader.load(a, &a_naming)?;
    let b_naming = match (b, b_name) {
        (_, Some(name)) => {
            if !super::valid_label(&name) {
                return Err(usage(anyhow::anyhow!(
                    "`{name}`: a module's name is 1 to 32 letters, digits, `-` or `_`, starting with a letter"
                )));
            }
            Naming::As(name)
        }
        (ModuleArg::Path(_), None) => Naming::Suffixed("draft"),
        (ModuleArg::Builtin(_), None) => Naming::Claim,
    };
    let ib = loader.load(b, &b_naming)?;
    loaded(&loader, ia, a)?;
    loaded(&loader, ib, b)?;
    if ia == ib {
        return Err(usage(anyhow::anyhow!(
            "`{a}` and `{b}` are the same module: there is nothing to compare"
        )));
    }
    Ok((loader, ia, ib))
}

pub(crate) fn run(global: GlobalArgs, args: DiffArgs) -> Outcome {
    let threads = super::threads(args.threads);
    let spec = read_spec(&args.corpus)?;
    let input = Input::from_arg(&args.corpus);
    if spec.is_none() {
        input.check_readable().map_err(usage)?;
    }
    let loader = args.load.loader(global, threads)?;
    let (loader, base, draft) = load_pair(
        loader,
        &args.base,
        &args.draft,
        args.draft_name.clone(),
        !args.no_partners,
    )?;
    let slots = loader.runtime.slots();
    let sides = Sides::new(slots, base, draft, args.no_partners);
    // Sides::new keeps only loaded partners.
    let names: Vec<String> = sides
        .partners
        .iter()
        .filter_map(|&i| match &slots[i] {
            Slot::Loaded(m) => Some(m.name().to_owned()),
            Slot::Failed { .. } => None,
        })
        .collect();
    let mut differ = Differ::new(
        DiffOptions {
            examples: args.examples,
            shrink: !args.no_shrink,
        },
        names,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("echri-diff-{i}"))
        .build()
        .context("cannot start the evaluation threads")?;
    let mut bad = 0u64;
    match &spec {
        Some(spec) => {
            let mut cases = spec_cases(spec, args.corpus_args);
            let mut chunk: Vec<(u64, Case)> = Vec::with_capacity(batch::CHUNK);
            let mut next = 0u64;
            loop {
                chunk.clear();
                for c in cases.by_ref().take(batch::CHUNK) {
                    chunk.push((next, c));
                    next += 1;
                }
                if chunk.is_empty() {
                    break;
                }
                let done: Vec<CaseDiff> = pool.install(|| {
                    chunk
                        .par_iter()
                        .map(|(i, c)| CaseDiff::evaluate(slots, &sides, c, *i))
                        .collect()
                });
                for d in &done {
                    differ.add(d);
                }
            }
        }
        None => {
            let eval = |slots: &[Slot], case: &Case, line: u64, _file: Option<String>| {
                CaseDiff::evaluate(slots, &sides, case, line)
            };
            batch::run_with(
                &input,
                &pool,
                slots,
                None,
                batch::CHUNK,
                &eval,
                &mut |d| {
                    differ.add(d);
                    Ok(())
                },
                &mut |msg| {
                    bad += 1;
                    eprintln!("echri: bad case: {msg}");
                },
                &mut |_, _| {},
            )
            // The records go to memory, not to an output: every error is
            // the input's.
            .map_err(usage)?;
        }
    }
    let (Slot::Loaded(b), Slot::Loaded(d)) = (&slots[base], &slots[draft]) else {
        unreachable!("both sides were checked to be loaded");
    };
    let report: DiffReport = differ.finish(b, d);
    let text = match args.format {
        DiffFormat::Table => render::diff_table(&report, text::width()),
        DiffFormat::Json => {
            serde_json::to_string_pretty(&report).expect("the report serialises") + "\n"
        }
        DiffFormat::Markdown => render::diff_markdown(&report),
    };
    super::print(&text)?;
    let failed_partners = slots.len()
        - slots
            .iter()
            .filter(|s| matches!(s, Slot::Loaded(_)))
            .count();
    Ok(if report.errors > 0 || bad > 0 || failed_partners > 0 {
        Exit::Partial
    } else {
        Exit::Ok
    })
}
