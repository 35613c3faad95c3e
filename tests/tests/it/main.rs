//! Library-level integration tests: hostile modules, determinism.
//! (CLI tests live in `host/cli/tests/cli/`, where cargo hands them the
//! binary.)

mod cache;
mod contract;
mod determinism;
mod hostile;
mod props;
mod python;
mod reproducible;
mod siege;

use echri_runtime::{Limits, Runtime};
use echri_sdk::model::Case;
use echri_tests::RuntimeExt as _;

/// A runtime with the built-in modules and `extra` component files.
pub fn runtime_with(limits: Limits, extra: &[&str]) -> Runtime {
    let mut runtime = Runtime::new(limits, 2).expect("engine");
    assert!(runtime.load_builtin().is_empty(), "built-in modules load");
    for path in extra {
        runtime
            .load_file(path.as_ref())
            .expect("extra module loads");
    }
    runtime
}

/// A small valid case with the given id (the hostile module keys on it).
pub fn case(id: &str) -> Case {
    let json = format!(
        r#"{{"id": "{id}", "as_of": "2024-06-01", "destination": "EG",
            "end_use": {{"category": "law-enforcement"}},
            "facts": ["clear-risk-internal-repression"],
            "items": [{{"control_code": "5A001.j", "capabilities": ["ip-network-surveillance"]}}],
            "parties": [{{"name": "Ministry of Interior", "country": "EG", "kind": "police", "role": "end-user"}}]}}"#
    );
    serde_json::from_str(&json).expect("valid case")
}
