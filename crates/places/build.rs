//! Builds the gazetteer's index (an fst of names and packed entry records,
//! see `src/index.rs`) from the committed source table
//! `data/gazetteer.tsv.gz` (made by `tools/gazetteer/build.py`) and the
//! hand-written `data/regions.txt`, into `OUT_DIR`.

use std::io::Read;
use std::path::PathBuf;

#[path = "src/index.rs"]
mod index;

fn main() {
    println!("cargo:rerun-if-changed=data/gazetteer.tsv.gz");
    println!("cargo:rerun-if-changed=data/regions.txt");
    println!("cargo:rerun-if-changed=data/abbreviations.txt");
    println!("cargo:rerun-if-changed=src/index.rs");
    let gz = std::fs::read("data/gazetteer.tsv.gz").expect("data/gazetteer.tsv.gz");
    let mut tsv = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut tsv)
        .expect("data/gazetteer.tsv.gz is gzipped UTF-8");
    let regions = std::fs::read_to_string("data/regions.txt").expect("data/regions.txt");
    let abbreviations =
        std::fs::read_to_string("data/abbreviations.txt").expect("data/abbreviations.txt");
    let built = match index::build(&tsv, &regions, &abbreviations) {
        Ok(b) => b,
        Err(e) => panic!("{}:{}: {}", e.file, e.line, e.why),
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    for (name, bytes) in [
        ("names.fst", &built.names),
        ("senses.bin", &built.senses),
        ("entries.bin", &built.entries),
        ("strings.bin", &built.strings),
        ("meta.bin", &built.meta),
    ] {
        std::fs::write(out.join(name), bytes).expect("write to OUT_DIR");
    }
}
