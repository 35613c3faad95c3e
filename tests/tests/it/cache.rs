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
    assert_eq!(
        second.compare(&case("x")).results.len(),
        baseline.results.len()
    );
    for (a, b) in second
        .compare(&case("x"))
        .results
        .iter()
        .zip(&baseline.results)
    {
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
    for (a, b) in third
        .compare(&case("x"))
        .results
        .iter()
        .zip(&baseline.results)
    {
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
    assert!(matches!(
        Cache::open(&dir),
        Err(CacheError::Insecure { .. })
    ));
    let _ = std::fs::remove_dir_all(dir);
}

/// A uid that is not ours: `nobody`. The tests run as root (CI), which may
/// hand files to another user.
const OTHER_UID: u32 = 65534;

/// Removes the directory even when a test fails halfway.
struct Cleanup(std::path::PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    // `/proc/self` belongs to the process's effective uid.
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[test]
fn a_cache_directory_of_another_user_is_refused() {
    if !is_root() {
        eprintln!("skipped: needs root to give a directory to another uid");
        return;
    }
    let dir = temp_dir("other-dir");
    let _cleanup = Cleanup(dir.clone());
    // As another user would have made it: 0755, files 0644.
    std::fs::create_dir_all(&dir).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.join("key"), [7u8; 32]).unwrap();
    std::fs::set_permissions(dir.join("key"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::chown(dir.join("key"), Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    std::os::unix::fs::chown(&dir, Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    match Cache::open(&dir) {
        Err(
            e @ CacheError::NotOwned {
                owner: OTHER_UID, ..
            },
        ) => {
            assert_eq!(e.kind(), "not-owned");
            let message = e.to_string();
            assert!(message.contains("belongs to uid 65534"), "{message}");
        }
        other => panic!("expected not-owned, got {other:?}"),
    }
}

#[test]
fn a_cache_key_of_another_user_is_refused() {
    if !is_root() {
        eprintln!("skipped: needs root to give a file to another uid");
        return;
    }
    let dir = temp_dir("other-key");
    let _cleanup = Cleanup(dir.clone());
    Cache::open(&dir).expect("a fresh cache opens");
    std::os::unix::fs::chown(dir.join("key"), Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    assert!(matches!(
        Cache::open(&dir),
        Err(CacheError::NotOwned {
            owner: OTHER_UID,
            ..
        })
    ));
    // A key others can read is refused too.
    std::os::unix::fs::chown(dir.join("key"), Some(0), Some(0)).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(dir.join("key"), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(matches!(
        Cache::open(&dir),
        Err(CacheError::Insecure { .. })
    ));
    // A key that is a symlink is not followed.
    std::fs::remove_file(dir.join("key")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("key")).unwrap();
    assert!(matches!(
        Cache::open(&dir),
        Err(CacheError::NotOwned { .. })
    ));
}

/// A cache in `dir` with the built-in modules in it; returns the entries
/// and the results of a run.
fn filled(
    dir: &std::path::Path,
) -> (
    Vec<std::path::PathBuf>,
    echri::analysis::compare::Comparison,
) {
    let runtime = runtime_with_cache(dir);
    let files = artifacts(dir);
    assert_eq!(files.len(), 8);
    (files, runtime.compare(&case("x")))
}

/// Loads from the cache again, and checks every result equals `baseline`
/// and that the entry at `path` was rewritten as a good one.
fn reload_is_intact(
    dir: &std::path::Path,
    baseline: &echri::analysis::compare::Comparison,
    path: &std::path::Path,
) {
    let start = std::time::Instant::now();
    let runtime = runtime_with_cache(dir);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    let again = runtime.compare(&case("x"));
    assert_eq!(again.results.len(), baseline.results.len());
    for (a, b) in again.results.iter().zip(&baseline.results) {
        assert_eq!(a.jurisdiction, b.jurisdiction);
        assert_eq!(a.result, b.result);
    }
    let meta = std::fs::symlink_metadata(path).unwrap();
    assert!(
        meta.file_type().is_file(),
        "{} was not rewritten",
        path.display()
    );
}

#[test]
fn an_entry_copied_over_another_modules_name_is_not_loaded() {
    let dir = temp_dir("swap");
    let _cleanup = Cleanup(dir.clone());
    let (files, baseline) = filled(&dir);
    // Every entry replaced by the first one: a valid tag, the wrong module.
    let first = std::fs::read(&files[0]).unwrap();
    for f in &files[1..] {
        std::fs::write(f, &first).unwrap();
    }
    reload_is_intact(&dir, &baseline, &files[1]);
    assert_ne!(std::fs::read(&files[1]).unwrap(), first);
}

#[test]
fn a_fifo_entry_does_not_hang() {
    let dir = temp_dir("fifo");
    let _cleanup = Cleanup(dir.clone());
    let (files, baseline) = filled(&dir);
    std::fs::remove_file(&files[0]).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(&files[0])
        .status()
        .unwrap();
    assert!(status.success());
    reload_is_intact(&dir, &baseline, &files[0]);
}

#[test]
fn a_symlink_entry_is_not_followed() {
    let dir = temp_dir("symlink");
    let _cleanup = Cleanup(dir.clone());
    let (files, baseline) = filled(&dir);
    std::fs::remove_file(&files[0]).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &files[0]).unwrap();
    reload_is_intact(&dir, &baseline, &files[0]);
}

#[test]
fn an_oversized_entry_is_not_read() {
    let dir = temp_dir("oversized");
    let _cleanup = Cleanup(dir.clone());
    let (files, baseline) = filled(&dir);
    // 4 GiB, sparse: reading it would exhaust memory.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&files[0])
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    reload_is_intact(&dir, &baseline, &files[0]);
    assert!(std::fs::metadata(&files[0]).unwrap().len() < 1 << 30);
}
