#[test]
fn data_driven_cases() {
    echri_sdk::testing::check_dir::<echri_rule_gb::Gb>(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"),
        35,
    );
}

/// The catalogue, the README and the cases agree: every rule documented and
/// exercised, no finding from outside the catalogue.
#[test]
fn catalogue_matches_readme_and_cases() {
    echri_sdk::testing::check_catalogue::<echri_rule_gb::Gb>(env!("CARGO_MANIFEST_DIR"));
}
