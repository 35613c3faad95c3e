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
pub(crate) mod diff;
pub(crate) mod generate;
pub(crate) mod inspect;
pub(crate) mod keygen;
pub(crate) mod list;
pub(crate) mod lock;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod policy;
mod progress;
pub(crate) mod pull;
pub(crate) mod push;
pub(crate) mod replay;
pub(crate) mod report;
pub(crate) mod search;
pub(crate) mod sensitivity;
pub(crate) mod sign;
pub(crate) mod test;
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
    /// the built-in ones; repeat for several. `NAME=FILE` loads a module
    /// under another name than its jurisdiction, e.g. a draft beside the
    /// rules in force: `--rules GB-draft=draft.wasm`.
    #[arg(long = "rules", value_name = "[NAME=]FILE|DIR|OCI")]
    pub(crate) rules: Vec<PathBuf>,
    /// The name the one `--rules` module reports under instead of its
    /// jurisdiction (the same as `--rules NAME=FILE`), e.g. `GB-draft`.
    #[arg(long = "as", value_name = "NAME", requires = "rules")]
    pub(crate) label: Option<String>,
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

/// One module `--rules` names, and the name it reports under if not its
/// jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuleSpec {
    pub(crate) label: Option<String>,
    pub(crate) path: PathBuf,
}

/// The name a module loaded from a file reports under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Naming {
    /// The jurisdiction it claims.
    Claim,
    /// This name.
    As(String),
    /// The jurisdiction it claims and this suffix: `GB-draft`.
    Suffixed(&'static str),
}

impl Naming {
    /// The label for a module that says `info` of itself (`None`: its
    /// jurisdiction).
    pub(crate) fn name(&self, info: &echri_sdk::model::ModuleInfo) -> Option<String> {
        match self {
            Naming::Claim => None,
            Naming::As(name) => Some(name.clone()),
            Naming::Suffixed(suffix) => Some(format!("{}-{suffix}", info.jurisdiction)),
        }
    }
}

impl From<Option<String>> for Naming {
    fn from(label: Option<String>) -> Naming {
        label.map_or(Naming::Claim, Naming::As)
    }
}

/// Whether `name` may name a module: 1 to 32 ASCII letters, digits, `-`
/// and `_`, starting with a letter (it appears in tables, CSV headers and
/// records unescaped).
pub(crate) fn valid_label(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Splits `NAME=FILE`; an argument that is an existing path, or whose part
/// before `=` is no valid name, is a plain path.
fn rule_spec(arg: &Path) -> RuleSpec {
    let plain = RuleSpec {
        label: None,
        path: arg.to_owned(),
    };
    let Some(text) = arg.to_str() else {
        return plain;
    };
    match text.split_once('=') {
        Some((name, path))
            if !arg.exists()
                && !path.is_empty()
                && !text.starts_with(echri_trust::registry::SCHEME)
                && valid_label(name) =>
        {
            RuleSpec {
                label: Some(name.to_owned()),
                path: PathBuf::from(path),
            }
        }
        _ => plain,
    }
}

/// The modules `--rules` (and `--as`) name: files as given, directories
/// expanded to their `.wasm` files in name order.
fn rule_specs(rules: &RulesArgs) -> Result<Vec<RuleSpec>, Failure> {
    let mut specs: Vec<RuleSpec> = rules.rules.iter().map(|p| rule_spec(p)).collect();
    if let Some(label) = &rules.label {
        if !valid_label(label) {
            return Err(usage(anyhow::anyhow!(
                "`--as {label}`: a module's name is 1 to 32 letters, digits, `-` or `_`, starting with a letter"
            )));
        }
        match specs.as_mut_slice() {
            [one] if one.label.is_none() && !one.path.is_dir() => one.label = Some(label.clone()),
            _ => {
                return Err(usage(anyhow::anyhow!(
                    "`--as {label}` names the one module of `--rules FILE`; with several, name each: `--rules NAME=FILE`"
                )));
            }
        }
    }
    let mut files = Vec::new();
    for spec in specs {
        if spec.path.is_dir() {
            if let Some(label) = &spec.label {
                return Err(usage(anyhow::anyhow!(
                    "`--rules {label}={}`: a name is given to one module file, not to a directory",
                    spec.path.display()
                )));
            }
            let mut found: Vec<PathBuf> = std::fs::read_dir(&spec.path)
                .with_context(|| {
                    format!("cannot read the rules directory `{}`", spec.path.display())
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("wasm"))
                })
                .collect();
            found.sort();
            files.extend(found.into_iter().map(|path| RuleSpec { label: None, path }));
        } else {
            files.push(spec);
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
    let files = rule_specs(rules)?;
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
    let mut loader = Loader::new(global, &rules.trust, rules.no_cache, limits, threads)?;
    if !rules.no_default_rules {
        loader.builtins();
    }
    for spec in &files {
        let naming = Naming::from(spec.label.clone());
        loader.load(&ModuleArg::Path(spec.path.clone()), &naming)?;
    }
    let Loader {
        global: _,
        policy,
        runtime,
    } = loader;
    policy.check_locked(&runtime)?;
    let resolved = policy.resolved(&runtime);
    Ok((runtime, resolved))
}

/// A module named on the command line: a built-in jurisdiction's code, a
/// component file, or an `oci://` reference.
#[derive(Debug, Clone)]
pub(crate) enum ModuleArg {
    /// The built-in module of a jurisdiction.
    Builtin(&'static echri_builtin::Builtin),
    /// A file or `oci://` reference.
    Path(PathBuf),
}

impl std::str::FromStr for ModuleArg {
    type Err = String;
    /// An existing file, a `.wasm` name or an `oci://` reference is a path;
    /// else a built-in jurisdiction's code (`GB`, case ignored).
    fn from_str(s: &str) -> Result<ModuleArg, String> {
        let path = Path::new(s);
        if path.exists()
            || s.starts_with(echri_trust::registry::SCHEME)
            || path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("wasm"))
        {
            return Ok(ModuleArg::Path(path.to_owned()));
        }
        echri_builtin::MODULES
            .iter()
            .find(|m| m.iso.eq_ignore_ascii_case(s))
            .map(ModuleArg::Builtin)
            .ok_or_else(|| {
                let codes: Vec<&str> = echri_builtin::MODULES.iter().map(|m| m.iso).collect();
                format!(
                    "`{s}` is neither a module file nor a built-in jurisdiction ({})",
                    codes.join(", ")
                )
            })
    }
}

impl std::fmt::Display for ModuleArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModuleArg::Builtin(b) => write!(f, "{}", b.iso),
            ModuleArg::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// How the commands that name their modules (`test`, `diff`, `search`)
/// load them: the cache, the trust policy and the sandbox limits.
#[derive(Args, Debug)]
pub(crate) struct LoadArgs {
    /// Compile every module afresh instead of using the compiled-module
    /// cache.
    #[arg(long, env = "ECHRI_NO_CACHE", value_parser = BoolishValueParser::new())]
    pub(crate) no_cache: bool,
    #[command(flatten)]
    pub(crate) trust: policy::TrustArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

impl LoadArgs {
    /// An empty runtime for `threads` evaluations under these options.
    pub(crate) fn loader(&self, global: GlobalArgs, threads: usize) -> Result<Loader, Failure> {
        Loader::new(global, &self.trust, self.no_cache, &self.limits, threads)
    }
}

/// Loads modules into one runtime under one trust policy.
pub(crate) struct Loader {
    pub(crate) global: GlobalArgs,
    pub(crate) policy: policy::Policy,
    pub(crate) runtime: Runtime,
}

impl Loader {
    /// An empty runtime with `limits`, the trust policy of `trust` and the
    /// compiled-module cache unless `no_cache`.
    pub(crate) fn new(
        global: GlobalArgs,
        trust: &policy::TrustArgs,
        no_cache: bool,
        limits: &LimitArgs,
        threads: usize,
    ) -> Result<Loader, Failure> {
        let policy = policy::Policy::open(trust)?;
        let mut runtime = Runtime::new(limits.limits(), threads)?;
        if !no_cache {
            use_cache(global, &mut runtime);
        }
        Ok(Loader {
            global,
            policy,
            runtime,
        })
    }

    /// Loads every built-in module; each that fails is said once and kept
    /// as a failed slot.
    pub(crate) fn builtins(&mut self) {
        for m in echri_builtin::MODULES {
            self.builtin(m);
        }
    }

    fn builtin(&mut self, m: &echri_builtin::Builtin) {
        if let Err(e) = self
            .runtime
            .load_bytes(Origin::Builtin(m.package.to_owned()), m.bytes)
        {
            eprintln!("echri: error: {:#}", anyhow::Error::from(e));
        }
    }

    /// Loads `arg` (a built-in already loaded is not loaded again) and
    /// returns its slot's index: a module that fails to load is said once
    /// and kept as a failed slot, a refused one ends the command when
    /// signatures are required.
    pub(crate) fn load(&mut self, arg: &ModuleArg, naming: &Naming) -> Result<usize, Failure> {
        match arg {
            ModuleArg::Builtin(m) => {
                let origin = Origin::Builtin(m.package.to_owned());
                if let Some(i) = self.runtime.slots().iter().position(|s| match s {
                    echri_runtime::Slot::Loaded(l) => l.origin() == &origin,
                    echri_runtime::Slot::Failed { origin: o, .. } => o == &origin,
                }) {
                    return Ok(i);
                }
                self.builtin(m);
            }
            ModuleArg::Path(path) => {
                let global = self.global;
                match path
                    .to_str()
                    .filter(|p| p.starts_with(echri_trust::registry::SCHEME))
                {
                    Some(reference) => {
                        self.policy
                            .load_remote(global, &mut self.runtime, reference, naming)?;
                    }
                    None => self
                        .policy
                        .load_file(global, &mut self.runtime, path, naming)?,
                }
            }
        }
        Ok(self.runtime.slots().len() - 1)
    }
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
