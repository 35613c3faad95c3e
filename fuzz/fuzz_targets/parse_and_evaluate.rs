//! Case parsing and validation on arbitrary input, then every rule crate's
//! evaluation on whatever parses: nothing may panic.
//!
//! Run (see SECURITY.md):
//!   cargo +nightly fuzz run parse_and_evaluate fuzz/corpus/parse_and_evaluate -- -max_total_time=600

#![no_main]

use echri_sdk::RuleModule;
use echri_sdk::model::Case;
use libfuzzer_sys::fuzz_target;

fn evaluate_everywhere(case: &Case) {
    let _ = echri_rule_us::Us::evaluate(case);
    let _ = echri_rule_gb::Gb::evaluate(case);
    let _ = echri_rule_ca::Ca::evaluate(case);
    let _ = echri_rule_au::Au::evaluate(case);
    let _ = echri_rule_no::No::evaluate(case);
    let _ = echri_rule_dk::Dk::evaluate(case);
    let _ = echri_rule_fr::Fr::evaluate(case);
    let _ = echri_rule_nl::Nl::evaluate(case);
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
