//! What the end-to-end tests share: running the binary, finding
//! `../shared`, reading `dyad eval seed` lines.
#![allow(dead_code)] // each test file uses its own part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("dyad runs")
}

/// `../shared` beside the repository, or None (and a note) when absent.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("seed").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared not found beside the repository");
        None
    }
}

/// The output of `dyad eval seed` (which must succeed).
pub fn eval_seed(shared: &Path) -> String {
    let out = dyad(&["eval", "seed", "--shared", shared.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The line of `stdout` starting with `prefix`.
pub fn line<'a>(stdout: &'a str, prefix: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} line in:\n{stdout}"))
}

/// The number after `key` (`recall=`) on a line, up to a blank or `/`.
pub fn figure(line: &str, key: &str) -> f64 {
    let at = line
        .find(key)
        .unwrap_or_else(|| panic!("no {key} in {line:?}"));
    line[at + key.len()..]
        .split([' ', '/'])
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no number after {key} in {line:?}"))
}

/// `dyad ARGS` with `stdin` written to its standard input.
pub fn dyad_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs dyad");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// `dyad code -` on a text: the one JSON document it prints.
pub fn code_text(text: &str) -> serde_json::Value {
    let out = dyad_stdin(&["code", "-"], text.as_bytes());
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}
