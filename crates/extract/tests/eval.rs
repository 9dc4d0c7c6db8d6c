//! Main-content extraction quality on the shared benchmark (121 real pages).

use std::path::Path;

#[test]
fn extraction_f1() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/article-extraction");
    if !dir.join("ground-truth.json").exists() {
        println!("skipped: ../shared not found ({})", dir.display());
        return;
    }
    let s = dyad_extract::evaluate(&dir).expect("benchmark runs");
    println!(
        "extraction: f1={:.3} precision={:.3} recall={:.3} pages={}",
        s.f1, s.precision, s.recall, s.pages
    );
    assert_eq!(s.pages, 121);
    assert!(s.f1 >= 0.95, "F1 {:.3} below the 0.95 floor", s.f1);
}
