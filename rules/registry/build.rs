//! Generates the native table of the built-in jurisdictions from the
//! registry (this crate's own `[dependencies]`), and refuses to build when a
//! registered rule crate has no test cases.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let workspace = Path::new(&manifest)
        .ancestors()
        .nth(2)
        .expect("rules/registry is two levels below the workspace root");
    let entries = echri_sdk_build::registry::read(workspace);

    let mut table = String::from(
        "/// The built-in jurisdictions, in report order.\npub const BUILTIN: &[Builtin] = &[\n",
    );
    let mut each = String::new();
    for e in &entries {
        let cases = e.case_files();
        // The compile-time form of wasmtime's `assert_test_exists`: a
        // registered module without data-driven cases does not build.
        assert!(
            !cases.is_empty(),
            "registered rule module `{}` has no test cases: add at least one `{}/tests/cases/*.toml`",
            e.package,
            e.dir.display()
        );
        println!(
            "cargo:rerun-if-changed={}",
            e.dir.join("tests/cases").display()
        );
        let krate = e.crate_ident();
        writeln!(
            table,
            "    Builtin {{ iso: {iso:?}, package: {package:?}, dir: {dir:?}, \
             info: <{krate}::Module as echri_sdk::RuleModule>::info, \
             evaluate: <{krate}::Module as echri_sdk::RuleModule>::evaluate, \
             catalogue: <{krate}::Module as echri_sdk::RuleModule>::catalogue }},",
            iso = e.iso,
            package = e.package,
            dir = e.dir.display().to_string(),
        )
        .expect("writing to a string");
        writeln!(each, "        $m!({krate}, {:?});", e.iso).expect("writing to a string");
    }
    table.push_str("];\n");
    let out = format!(
        "{table}\n\
         /// Calls `$m!(crate_ident, \"ISO\")` once per built-in jurisdiction, in\n\
         /// report order, e.g. to generate one test per module.\n\
         #[macro_export]\n\
         macro_rules! foreach_builtin {{\n    ($m:ident) => {{\n{each}    }};\n}}\n"
    );
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("registry.rs"), out).expect("cannot write registry.rs");
    println!("cargo:rerun-if-changed=build.rs");
}
