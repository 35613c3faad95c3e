//! Builds the hostile test modules into components and hands their paths to
//! the tests as constants.

use std::fmt::Write as _;
use std::path::Path;

const HOSTILE: &[(&str, &str)] = &[
    ("ATTACKS", "echri-hostile-attacks"),
    ("CLAIMS_US", "echri-hostile-claims-us"),
    ("SIEGE", "echri-hostile-siege"),
    ("INFO_BLOCKS", "echri-hostile-info-blocks"),
    ("INFO_HUGE", "echri-hostile-info-huge"),
    ("INFO_SOURCES", "echri-hostile-info-sources"),
];

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let workspace = Path::new(&manifest)
        .parent()
        .expect("tests/ is inside the workspace");
    let packages: Vec<&str> = HOSTILE.iter().map(|(_, p)| *p).collect();
    // WASI 0.2, because these modules attack the WASI surface.
    let components =
        echri_sdk_build::build_components(workspace, &packages, echri_sdk_build::Target::WasiP2);
    let mut out = String::new();
    for ((name, _), c) in HOSTILE.iter().zip(&components) {
        writeln!(out, "/// Component built from `{}`.", c.package).expect("string write");
        writeln!(
            out,
            "pub const {name}: &str = {:?};",
            c.path.display().to_string()
        )
        .expect("string write");
    }
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("hostile.rs"), out).expect("cannot write hostile.rs");
    println!("cargo:rerun-if-changed=build.rs");
}
