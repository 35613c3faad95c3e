//! Runs the data-driven cases in `tests/cases/` and checks the catalogue
//! against them and the README.

#[test]
fn data_driven_cases() {
    echri_sdk::testing::check_dir::<echri_rule_us::Us>(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"),
        88,
    );
}

#[test]
fn catalogue_matches_readme_and_cases() {
    echri_sdk::testing::check_catalogue::<echri_rule_us::Us>(env!("CARGO_MANIFEST_DIR"));
}
