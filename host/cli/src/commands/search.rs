//! `echri search A B SPEC`: cases that split two modules, over a generator
//! spec, shrunk to minimal case files ready for `echri compare`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use echri::analysis::search;
use echri::render::diff as render;
use echri_runtime::Slot;

use super::diff::{SpecArgs, load_pair, read_spec, spec_cases};
use super::{Exit, GlobalArgs, LoadArgs, ModuleArg, Outcome, usage};

#[derive(Args, Debug)]
pub(crate) struct SearchArgs {
    /// The first module: a built-in jurisdiction's code (`GB`) or a file.
    #[arg(value_name = "A")]
    a: ModuleArg,
    /// The second module (a file claiming A's jurisdiction reports as
    /// `XX-draft`).
    #[arg(value_name = "B")]
    b: ModuleArg,
    /// The generator spec to search (`examples/grid.toml`).
    #[arg(value_name = "SPEC")]
    spec: PathBuf,
    #[command(flatten)]
    spec_args: SpecArgs,
    /// Stop after this many distinct splitting patterns.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    patterns: usize,
    /// Write each minimal case to DIR/split-K.toml as well.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Toml)]
    format: SearchFormat,
    /// Evaluation threads (default: every core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SearchFormat {
    /// The minimal cases as TOML case files, each after a comment naming
    /// its pattern.
    Toml,
    /// `echri.search/1`.
    Json,
}

pub(crate) fn run(global: GlobalArgs, args: SearchArgs) -> Outcome {
    let threads = super::threads(args.threads);
    let Some(spec) = read_spec(&args.spec)? else {
        return Err(usage(anyhow::anyhow!(
            "`{}` is not a generator spec (a `.toml` file with `destinations`, `end_users`, `items` and `as_of`; see examples/grid.toml)",
            args.spec.display()
        )));
    };
    if args.patterns == 0 {
        return Err(usage(anyhow::anyhow!("`--patterns 0` asks for nothing")));
    }
    let loader = args.load.loader(global, threads)?;
    let (loader, ia, ib) = load_pair(loader, &args.a, &args.b, None, false)?;
    let slots = loader.runtime.slots();
    let (Slot::Loaded(a), Slot::Loaded(b)) = (&slots[ia], &slots[ib]) else {
        unreachable!("both sides were checked to be loaded");
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("echri-search-{i}"))
        .build()
        .context("cannot start the evaluation threads")?;
    let mut cases = spec_cases(&spec, args.spec_args);
    let report = search::search(a, b, &mut cases, &pool, args.patterns);
    if let Some(dir) = &args.output_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        for s in &report.splits {
            let path = dir.join(format!("{}.toml", s.case.id));
            std::fs::write(&path, render::case_toml(&s.case))
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
    }
    let text = match args.format {
        SearchFormat::Toml => render::search_text(&report),
        SearchFormat::Json => {
            serde_json::to_string_pretty(&report).expect("the report serialises") + "\n"
        }
    };
    super::print(&text)?;
    Ok(if report.errors > 0 {
        Exit::Partial
    } else {
        Exit::Ok
    })
}
