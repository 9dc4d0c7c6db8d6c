//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through each
//! target: every input a fuzzer kept, and every crash it once found, runs in
//! `cargo test` without cargo-fuzz.

use std::path::Path;

#[test]
fn every_corpus_input_runs_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut total = 0;
    for (name, target) in dyad_fuzzing::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no corpus", dir.display());
        for f in &files {
            let data = std::fs::read(f).unwrap();
            // A panic names the input that caused it.
            let r = std::panic::catch_unwind(|| target(&data));
            assert!(r.is_ok(), "{name}: {} panics", f.display());
        }
        total += files.len();
    }
    eprintln!("replayed {total} corpus inputs");
}
