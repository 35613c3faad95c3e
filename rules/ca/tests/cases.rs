#[test]
fn data_driven_cases() {
    echri_sdk::testing::check_dir::<echri_rule_ca::Ca>(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"),
        12,
    );
}
