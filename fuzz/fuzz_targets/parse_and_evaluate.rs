//! Case parsing and validation on arbitrary input, then every rule crate's
//! evaluation on whatever parses: nothing may panic.
//!
//! Run (see SECURITY.md):
//!   cargo +nightly fuzz run parse_and_evaluate fuzz/corpus/parse_and_evaluate -- -max_total_time=600

#![no_main]

use echri_sdk::model::Case;
use libfuzzer_sys::fuzz_target;

/// Every built-in jurisdiction of the registry (`rules/registry`).
fn evaluate_everywhere(case: &Case) {
    for b in echri_rules::BUILTIN {
        let _ = (b.evaluate)(case);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = serde_json::from_slice::<Case>(data) {
        evaluate_everywhere(&case);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(case) = toml::from_str::<Case>(text) {
            evaluate_everywhere(&case);
        }
    }
});
