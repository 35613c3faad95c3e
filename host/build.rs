//! Builds the default rule modules (`rules/`) into `wasm32-wasip2`
//! components and embeds them in the `echri` binary.

use std::fmt::Write as _;
use std::path::Path;

/// The default rule set, in the order reports list it.
const DEFAULT_RULES: &[&str] = &[
    "echri-rule-us",
    "echri-rule-gb",
    "echri-rule-ca",
    "echri-rule-au",
    "echri-rule-no",
    "echri-rule-dk",
    "echri-rule-fr",
    "echri-rule-nl",
];

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let workspace = Path::new(&manifest).parent().expect("host/ is inside the workspace");
    let components =
        echri_sdk_build::build_components(workspace, DEFAULT_RULES, echri_sdk_build::Target::Unknown);

    let mut out = String::from("/// The built-in modules, in report order.\npub const MODULES: &[Builtin] = &[\n");
    for c in &components {
        writeln!(
            out,
            "    Builtin {{ package: {:?}, bytes: include_bytes!({:?}) }},",
            c.package,
            c.path.display().to_string()
        )
        .expect("writing to a string");
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("builtin_modules.rs"), out)
        .expect("cannot write builtin_modules.rs");
    println!("cargo:rerun-if-changed=build.rs");
}
