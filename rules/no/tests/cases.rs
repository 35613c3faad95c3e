#[test]
fn data_driven_cases() {
    echri_sdk::testing::check_dir::<echri_rule_no::No>(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"),
        31,
    );
}

/// The catalogue, the README and the cases agree: every rule documented and
/// exercised, no finding from outside the catalogue.
#[test]
fn catalogue_matches_readme_and_cases() {
    echri_sdk::testing::check_catalogue::<echri_rule_no::No>(env!("CARGO_MANIFEST_DIR"));
}
