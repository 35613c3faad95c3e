//! The JSON of a comparison is byte-identical across runs, runtimes and
//! thread counts.

use echri::input::case_file;
use echri::render::json as report;
use echri_runtime::{Limits, Runtime};
use echri_tests::RuntimeExt as _;
use echri_tests::example_cases;

fn all_json(threads: usize) -> Vec<String> {
    let mut runtime = Runtime::new(Limits::default(), threads).unwrap();
    assert!(runtime.load_builtin().is_empty());
    let cases: Vec<_> = example_cases()
        .iter()
        .map(|p| case_file::read_case_file(p).unwrap())
        .collect();
    let chunk = cases.len().div_ceil(threads).max(1);
    let runtime = &runtime;
    let mut out: Vec<(usize, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                s.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, c)| {
                            (
                                k * chunk + i,
                                report::compare(&runtime.compare(c), true, false),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, s)| s).collect()
}

#[test]
fn compare_json_is_byte_identical_across_runs_and_threads() {
    let one = all_json(1);
    assert!(!one.is_empty());
    assert_eq!(one, all_json(1), "two single-threaded runs differ");
    assert_eq!(one, all_json(3), "single- and multi-threaded runs differ");
}

#[test]
fn the_example_corpus_shows_divergence_in_at_least_half_its_cases() {
    let mut runtime = Runtime::new(Limits::default(), 1).unwrap();
    assert!(runtime.load_builtin().is_empty());
    let cases = example_cases();
    assert!(
        cases.len() >= 30,
        "issue 3 asks for at least 30 example cases"
    );
    let divergent = cases
        .iter()
        .filter(|p| {
            let c = runtime.compare(&case_file::read_case_file(p).unwrap());
            // Every module decides the case or says it cannot.
            assert_eq!(
                c.alignment.evaluated + c.alignment.not_determined.len(),
                8,
                "{}",
                p.display()
            );
            !c.alignment.unanimous
        })
        .count();
    assert!(
        divergent * 2 >= cases.len(),
        "{divergent} of {} diverge",
        cases.len()
    );
}
