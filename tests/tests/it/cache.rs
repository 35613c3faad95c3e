//! The compiled-module cache: reused when intact, ignored when tampered
//! with, refused when others can write to it.

use echri_runtime::cache::{Cache, CacheError};
use echri_runtime::{Limits, Runtime};
use echri_tests::RuntimeExt as _;

use super::case;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("echri-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn runtime_with_cache(dir: &std::path::Path) -> Runtime {
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    runtime.use_cache(Cache::open(dir).expect("cache opens"));
    assert!(runtime.load_builtin().is_empty());
    runtime
}

fn artifacts(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "cwasm"))
        .collect();
    v.sort();
    v
}

#[test]
fn cache_is_reused_and_tampering_is_detected() {
    let dir = temp_dir("reuse");
    let first = runtime_with_cache(&dir);
    let files = artifacts(&dir);
    assert_eq!(files.len(), 8, "one artifact per built-in module");
    let baseline = first.compare(&case("x"));

    // Intact: loaded from the cache, same results.
    let second = runtime_with_cache(&dir);
    assert_eq!(second.compare(&case("x")).results.len(), baseline.results.len());
    for (a, b) in second.compare(&case("x")).results.iter().zip(&baseline.results) {
        assert_eq!(a.result, b.result);
    }

    // Tampered: every artifact's last byte flipped. The tag no longer
    // verifies, so each module is compiled afresh and the entry rewritten.
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for f in &files {
        let mut bytes = std::fs::read(f).unwrap();
        *bytes.last_mut().unwrap() ^= 0xff;
        std::fs::write(f, bytes).unwrap();
    }
    let third = runtime_with_cache(&dir);
    for (a, b) in third.compare(&case("x")).results.iter().zip(&baseline.results) {
        assert_eq!(a.result, b.result);
    }
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert_eq!(before, after, "tampered entries are replaced by good ones");
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn a_cache_others_can_write_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("insecure");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    assert!(matches!(Cache::open(&dir), Err(CacheError::Insecure { .. })));
    let _ = std::fs::remove_dir_all(dir);
}
