//! `dyad eval seed` finds and resolves the seed article's time expressions.

mod common;
use common::{eval_seed, figure, line, shared};

#[test]
fn seed_time_expressions_are_found_and_resolved() {
    let Some(shared) = shared() else { return };
    let stdout = eval_seed(&shared);
    let line = line(&stdout, "seed-times:");
    assert!(figure(line, "found=") >= 10.0, "{stdout}");
    assert!(figure(line, "resolved=") >= 8.0, "{stdout}");
}
