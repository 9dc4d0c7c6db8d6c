//! The PETRARCH validation suite through `dyad validate`: dyad codes each
//! record's text with its own tokens, tags and parse and the dictionaries the
//! suite names. The floor is 85 % of records exactly right.

mod common;
use common::{dyad, shared};

#[test]
fn petrarch_unit_test_suite_floor() {
    let Some(shared) = shared() else { return };
    let suite = shared.join("eval/petrarch2/PETR.UnitTest.records.xml");
    let out = dyad(&["validate", suite.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().expect("output");
    println!("{last}");
    let num = |key: &str| -> usize {
        last.split_whitespace()
            .find_map(|w| w.strip_prefix(key))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {last:?}"))
    };
    let (correct, total) = (num("correct="), num("total="));
    assert!(last.starts_with("petrarch: "), "{last}");
    assert_eq!(total, 284, "{last}");
    // Every failing record is listed with what was expected and got.
    let fails = stdout.lines().filter(|l| l.starts_with("FAIL ")).count();
    assert_eq!(fails, total - correct, "{stdout}");
    assert!(
        correct * 100 >= total * 85,
        "below the 85 % floor: {last}\n{stdout}"
    );
}
