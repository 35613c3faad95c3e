//! The subcommands, one file each, and what they share: which modules to
//! load, the sandbox limits, output files, and how a command ends (its exit
//! status, or one error said once by `main`).

use std::io;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use clap::builder::BoolishValueParser;
use echri_runtime::{Limits, Origin, Runtime};

pub(crate) mod align;
pub(crate) mod batch;
pub(crate) mod compare;
pub(crate) mod completions;
pub(crate) mod generate;
pub(crate) mod inspect;
pub(crate) mod keygen;
pub(crate) mod list;
pub(crate) mod lock;
pub(crate) mod man;
pub(crate) mod policy;
mod progress;
pub(crate) mod pull;
pub(crate) mod push;
pub(crate) mod replay;
pub(crate) mod report;
pub(crate) mod sensitivity;
pub(crate) mod sign;
pub(crate) mod verify;

/// How a command ended without an error of its own: the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Exit {
    /// Every module evaluated every case.
    Ok = 0,
    /// Results were written, but a module failed to load or evaluate, or an
    /// input line was bad (each said on stderr and in the output).
    Partial = 1,
    /// Usage error or invalid input: nothing was evaluated.
    Usage = 2,
}

/// A command's failure: what to say (once, by `main`) and the status.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: Exit,
    pub(crate) error: anyhow::Error,
}

/// What every command returns.
pub(crate) type Outcome = Result<Exit, Failure>;

/// Turns an error into a usage/input failure (exit 2).
pub(crate) fn usage(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        status: Exit::Usage,
        error: error.into(),
    }
}

impl From<anyhow::Error> for Failure {
    /// Anything not classified otherwise is an input or environment error.
    fn from(error: anyhow::Error) -> Failure {
        usage(error)
    }
}

/// Whether `err` is (caused by) a closed pipe: the reader went away
/// (`echri … | head`), which is not an error.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Options every command shares.
#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct GlobalArgs {
    /// Print only errors on stderr: no warnings, progress or summary.
    #[arg(long, short, global = true, env = "ECHRI_QUIET", value_parser = BoolishValueParser::new())]
    pub(crate) quiet: bool,
}

/// Says a warning on stderr unless `--quiet`.
pub(crate) fn warn(global: GlobalArgs, msg: impl std::fmt::Display) {
    if !global.quiet {
        eprintln!("echri: warning: {msg}");
    }
}

/// Which modules to load.
#[derive(Args, Debug)]
pub(crate) struct RulesArgs {
    /// Load this rule module (a component file, or `oci://HOST/REPO:TAG`
    /// from a registry), or every `.wasm` file in this directory, beside
    /// the built-in ones; repeat for several.
    #[arg(long = "rules", value_name = "FILE|DIR|OCI")]
    pub(crate) rules: Vec<PathBuf>,
    /// Do not load the built-in rule modules.
    #[arg(long, env = "ECHRI_NO_DEFAULT_RULES", value_parser = BoolishValueParser::new())]
    pub(crate) no_default_rules: bool,
    /// Compile every module afresh instead of using the compiled-module
    /// cache (in `$ECHRI_CACHE_DIR`, else `$XDG_CACHE_HOME/echri`, else
    /// `~/.cache/echri`).
    #[arg(long, env = "ECHRI_NO_CACHE", value_parser = BoolishValueParser::new())]
    pub(crate) no_cache: bool,
    #[command(flatten)]
    pub(crate) trust: policy::TrustArgs,
}

/// Sandbox limits per evaluation. Each is checked against its range when
/// the command line is parsed.
#[derive(Args, Debug)]
pub(crate) struct LimitArgs {
    /// Fuel (about one unit per WebAssembly instruction) per evaluation.
    #[arg(long, value_name = "UNITS", default_value_t = Limits::default().fuel,
          value_parser = clap::value_parser!(u64).range(Limits::FUEL_RANGE))]
    pub(crate) fuel: u64,
    /// Linear memory per module instance, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().memory_bytes >> 20,
          value_parser = clap::value_parser!(u64).range(Limits::MEMORY_MIB_RANGE))]
    pub(crate) memory_mib: u64,
    /// Largest assessment a module may return, in KiB.
    #[arg(long, value_name = "KIB", default_value_t = Limits::default().result_bytes >> 10,
          value_parser = clap::value_parser!(u64).range(Limits::RESULT_KIB_RANGE))]
    pub(crate) max_result_kib: u64,
    /// Wall-clock backstop per evaluation, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = Limits::default().deadline_ms,
          value_parser = clap::value_parser!(u64).range(Limits::DEADLINE_MS_RANGE))]
    pub(crate) deadline_ms: u64,
    /// Largest component accepted at load, in MiB (checked before it is
    /// compiled).
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().max_component_bytes >> 20,
          value_parser = clap::value_parser!(u64).range(Limits::COMPONENT_MIB_RANGE))]
    pub(crate) max_component_mib: u64,
    /// Most functions a component may define, all its core modules
    /// together (checked before it is compiled: compile time grows with it).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_functions,
          value_parser = clap::value_parser!(u64).range(Limits::FUNCTIONS_RANGE))]
    pub(crate) max_functions: u64,
}

impl LimitArgs {
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            fuel: self.fuel,
            memory_bytes: self.memory_mib << 20,
            result_bytes: self.max_result_kib << 10,
            deadline_ms: self.deadline_ms,
            max_component_bytes: self.max_component_mib << 20,
            max_functions: self.max_functions,
            ..Limits::default()
        }
    }
}

/// The component files `--rules` names: files as given, directories
/// expanded to their `.wasm` files in name order.
fn rule_files(rules: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in rules {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read the rules directory `{}`", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("wasm"))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// A runtime with the requested modules loaded. Each module that fails to
/// load is said once on stderr and kept as a failed slot (so every result
/// reports it); loading nothing at all is a usage error.
pub(crate) fn load(
    global: GlobalArgs,
    rules: &RulesArgs,
    limits: &LimitArgs,
    threads: usize,
) -> Result<Runtime, Failure> {
    load_resolved(global, rules, limits, threads).map(|(runtime, _)| runtime)
}

/// [`load`], and the loaded modules as a lock file records them.
pub(crate) fn load_resolved(
    global: GlobalArgs,
    rules: &RulesArgs,
    limits: &LimitArgs,
    threads: usize,
) -> Result<(Runtime, Vec<echri_trust::lock::LockedModule>), Failure> {
    let files = rule_files(&rules.rules)?;
    if rules.no_default_rules && files.is_empty() {
        let given = if rules.rules.is_empty() {
            "`--no-default-rules` without `--rules`".to_owned()
        } else {
            format!(
                "no `.wasm` file in {}",
                rules
                    .rules
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(usage(anyhow::anyhow!(
            "no rule module to run: {given}; load one with `--rules FILE`"
        )));
    }
    let mut policy = policy::Policy::open(&rules.trust)?;
    let mut runtime = Runtime::new(limits.limits(), threads)?;
    if !rules.no_cache {
        use_cache(global, &mut runtime);
    }
    if !rules.no_default_rules {
        for m in echri_builtin::MODULES {
            if let Err(e) = runtime.load_bytes(Origin::Builtin(m.package.to_owned()), m.bytes) {
                eprintln!("echri: error: {:#}", anyhow::Error::from(e));
            }
        }
    }
    for path in &files {
        match path
            .to_str()
            .filter(|p| p.starts_with(echri_trust::registry::SCHEME))
        {
            Some(reference) => policy.load_remote(global, &mut runtime, reference)?,
            None => policy.load_file(global, &mut runtime, path)?,
        }
    }
    policy.check_locked(&runtime)?;
    let resolved = policy.resolved(&runtime);
    Ok((runtime, resolved))
}

/// Gives `runtime` the compiled-module cache, or warns why not.
pub(crate) fn use_cache(global: GlobalArgs, runtime: &mut Runtime) {
    let opened = echri_runtime::cache::Cache::default_dir()
        .ok_or(echri_runtime::cache::CacheError::NoDirectory)
        .and_then(|dir| echri_runtime::cache::Cache::open(&dir));
    match opened {
        Ok(cache) => runtime.use_cache(cache),
        Err(e) => warn(
            global,
            format_args!("not caching compiled modules: {:#}", anyhow::Error::from(e)),
        ),
    }
}

/// Evaluation threads: `n`, else every core.
pub(crate) fn threads(n: Option<usize>) -> usize {
    n.filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Refuses an output file that is one of the inputs: creating it would
/// empty the input before it is read.
pub(crate) fn check_output_is_not_input(
    output: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), Failure> {
    let Some(output) = output else { return Ok(()) };
    for input in inputs {
        if input.as_os_str() != "-" && same_file::is_same_file(output, input).unwrap_or(false) {
            return Err(usage(anyhow::anyhow!(
                "refusing to write the output to `{}`: it is the input `{}` (writing would empty it before it is read)",
                output.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Creates the output file, or standard output.
pub(crate) fn create_output(path: Option<&Path>) -> anyhow::Result<Box<dyn io::Write>> {
    use std::io::BufWriter;
    Ok(match path {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 16,
            std::fs::File::create(p).with_context(|| format!("cannot create `{}`", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    })
}

/// Writes `text` to standard output.
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to stdout")
}
