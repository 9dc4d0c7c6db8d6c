//! `dyad eval seed` finds and resolves the seed article's time expressions.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared` beside the repository, or None (and a note) when absent.
fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("seed").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared not found beside the repository");
        None
    }
}

/// The number before `/` after `key=` on the `seed-times:` line.
fn figure(line: &str, key: &str) -> usize {
    let rest = &line[line.find(key).unwrap_or_else(|| panic!("{key} in {line}")) + key.len()..];
    rest.split('/').next().unwrap().parse().unwrap()
}

#[test]
fn seed_time_expressions_are_found_and_resolved() {
    let Some(shared) = shared() else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["eval", "seed", "--shared", shared.to_str().unwrap()])
        .output()
        .expect("dyad runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("seed-times:"))
        .unwrap_or_else(|| panic!("no seed-times line in:\n{stdout}"));
    assert!(figure(line, "found=") >= 10, "{stdout}");
    assert!(figure(line, "resolved=") >= 8, "{stdout}");
}
