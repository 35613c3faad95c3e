//! Embeds the built-in rule crates' sources (manifest, README, `src/` and
//! `tests/`) and the workspace manifest, so `echri new --from GB` can start
//! a draft from the module in force wherever the binary runs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let workspace = Path::new(&manifest)
        .ancestors()
        .nth(2)
        .expect("host/cli is two levels below the workspace root")
        .to_path_buf();
    let mut out = String::from(
        "/// Each built-in rule crate's sources: jurisdiction, package, files\n\
         /// (path inside the crate, contents).\n\
         pub(crate) const SOURCES: &[(&str, &str, Files)] = &[\n",
    );
    for entry in echri_sdk_build::registry::read(&workspace) {
        let mut found = Vec::new();
        for part in ["Cargo.toml", "README.md"] {
            found.push(entry.dir.join(part));
        }
        files(&entry.dir.join("src"), &mut found);
        files(&entry.dir.join("tests"), &mut found);
        let _ = writeln!(out, "    ({:?}, {:?}, &[", entry.iso, entry.package);
        for f in found.iter().filter(|f| f.is_file()) {
            let rel = f
                .strip_prefix(&entry.dir)
                .expect("inside the crate")
                .display()
                .to_string();
            let _ = writeln!(
                out,
                "        ({rel:?}, include_str!({:?})),",
                f.display().to_string()
            );
            println!("cargo:rerun-if-changed={}", f.display());
        }
        out.push_str("    ]),\n");
        println!("cargo:rerun-if-changed={}", entry.dir.join("src").display());
        println!(
            "cargo:rerun-if-changed={}",
            entry.dir.join("tests").display()
        );
    }
    out.push_str("];\n");
    let root = workspace.join("Cargo.toml");
    let _ = writeln!(
        out,
        "/// The workspace manifest (for the values rule crates inherit).\n\
         pub(crate) const WORKSPACE_MANIFEST: &str = include_str!({:?});",
        root.display().to_string()
    );
    println!("cargo:rerun-if-changed={}", root.display());
    println!(
        "cargo:rerun-if-changed={}",
        workspace.join("rules/registry/Cargo.toml").display()
    );
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("rule_sources.rs"), out)
        .expect("cannot write rule_sources.rs");
    println!("cargo:rerun-if-changed=build.rs");
}
