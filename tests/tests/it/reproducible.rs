//! Reproducible modules: a built-in rule module built twice from clean (two
//! empty target directories) gives the same bytes, and the same bytes as
//! the module this build embeds, so a partner can check that a published
//! module is the build of its published source (README, "Checking a
//! published module").

use std::path::Path;
use std::process::Command;

use echri_tests::workspace;

/// Builds `package` for `wasm32-unknown-unknown` in release mode into the
/// empty `target_dir`, as `guest-sdk/build` does (without the outer build's
/// flags), and returns the core module's bytes.
fn clean_build(package: &str, target_dir: &Path) -> Vec<u8> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace())
        .args(["build", "--release", "--locked", "--quiet"])
        .args(["--target", "wasm32-unknown-unknown", "-p", package])
        .arg("--target-dir")
        .arg(target_dir);
    for var in [
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTFLAGS",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_BUILD_TARGET_DIR",
        "CARGO_PRIMARY_PACKAGE",
        "RUSTC_WORKSPACE_WRAPPER",
    ] {
        cmd.env_remove(var);
    }
    let status = cmd.status().expect("cargo runs");
    assert!(status.success(), "building {package} from clean failed");
    let file = format!("{}.wasm", package.replace('-', "_"));
    std::fs::read(target_dir.join("wasm32-unknown-unknown/release").join(file))
        .expect("the build wrote the module")
}

#[test]
fn a_built_in_module_builds_to_the_same_bytes_twice_from_clean() {
    let scratch = std::env::temp_dir().join(format!("echri-repro-{}", std::process::id()));
    let first = clean_build("echri-rule-no", &scratch.join("a"));
    let second = clean_build("echri-rule-no", &scratch.join("b"));
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(first == second, "two clean builds differ");
    // The module this build embeds (made by the same command in the
    // workspace's own target directory) is the same build.
    let shipped =
        workspace().join("target/wasm-guests/wasm32-unknown-unknown/release/echri_rule_no.wasm");
    let shipped = std::fs::read(&shipped).expect("the built-in modules were built");
    assert!(
        first == shipped,
        "a clean build differs from the embedded module's core"
    );
}
