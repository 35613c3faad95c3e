//! Runs the data-driven cases in `tests/cases/`.

#[test]
fn data_driven_cases() {
    echri_sdk::testing::check_dir::<echri_rule_us::Us>(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"),
        14,
    );
}
