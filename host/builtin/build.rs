//! Builds the registry's rule crates (`rules/registry/Cargo.toml`) into
//! components (see `echri_sdk_build`) and embeds them.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let workspace = Path::new(&manifest)
        .ancestors()
        .nth(2)
        .expect("host/builtin is two levels below the workspace root");
    let entries = echri_sdk_build::registry::read(workspace);
    let packages: Vec<&str> = entries.iter().map(|e| e.package.as_str()).collect();
    let components =
        echri_sdk_build::build_components(workspace, &packages, echri_sdk_build::Target::Unknown);

    let mut out = String::from(
        "/// The built-in modules, in report order.\npub const MODULES: &[Builtin] = &[\n",
    );
    for (e, c) in entries.iter().zip(&components) {
        writeln!(
            out,
            "    Builtin {{ iso: {:?}, package: {:?}, bytes: include_bytes!({:?}) }},",
            e.iso,
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
