//! The published PETRARCH dictionaries in `../shared/eval/petrarch2` load,
//! with counts checked against simple line counts of the files, and few
//! (reported) errors.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use dyad_dict::*;

fn data_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/petrarch2");
    if d.is_dir() {
        Some(d)
    } else {
        println!("skipped: ../shared not found");
        None
    }
}

fn lines(path: &PathBuf) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The part of a line before any `#` comment.
fn uncommented(l: &str) -> &str {
    l.split('#').next().unwrap_or("")
}

/// Prints the errors and checks that each names its file and a line, and
/// that they are fewer than 1 % of the file's lines.
fn report(name: &str, errors: &[DictError], n_lines: usize) {
    println!("{name}: {} errors in {n_lines} lines", errors.len());
    for e in errors {
        println!("  {e}");
        assert!(e.file.ends_with(name), "{e}");
        assert!(e.line >= 1 && e.line <= n_lines, "{e}");
        assert!(e
            .to_string()
            .starts_with(&format!("{}:{}: ", e.file, e.line)));
    }
    assert!(
        errors.len() * 100 < n_lines.max(100),
        "{name}: too many errors"
    );
}

const ACTOR_FILES: [&str; 4] = [
    "PETR.Validate.actors.txt",
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
];

#[test]
fn actor_files() {
    let Some(dir) = data_dir() else { return };
    for name in ACTOR_FILES {
        let path = dir.join(name);
        let text = lines(&path);
        // primaries: lines starting with an ASCII letter or digit (so not
        // `+`, `[`, tab, `#`, `<` or blank); synonyms: lines starting with
        // `+`; brackets: `[` in the uncommented part of lines that are not
        // `<...>` comments (one per code written).
        let primaries = text
            .iter()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphanumeric()))
            .count();
        let synonyms = text.iter().filter(|l| l.starts_with('+')).count();
        let brackets: usize = text
            .iter()
            .filter(|l| !l.starts_with('<'))
            .map(|l| uncommented(l).matches('[').count())
            .sum();
        let loaded = read_petrarch_actors(&path).unwrap();
        let entries = &loaded.value;
        let names: usize = entries.iter().map(|e| e.names.len()).sum();
        let codes: usize = entries.iter().map(|e| e.codes.len()).sum();
        let dated = entries
            .iter()
            .flat_map(|e| &e.codes)
            .filter(|c| c.from.is_some() || c.to.is_some())
            .count();
        println!(
            "{name}: entries={} (primary lines {primaries}) names={names} (primary+synonym lines {}) codes={codes} (brackets {brackets}, dated {dated})",
            entries.len(),
            primaries + synonyms
        );
        report(name, &loaded.errors, text.len());
        assert_eq!(entries.len(), primaries);
        // Names repeated within an entry (ignoring case) are kept once.
        assert!(names <= primaries + synonyms);
        assert!(names * 100 >= (primaries + synonyms) * 99);
        // Every bracket is a code, except those on lines reported as errors.
        assert!(codes <= brackets && codes + loaded.errors.len() >= brackets);
        assert!(entries.iter().all(|e| e.kind == ActorKind::Petrarch));
    }
}

#[test]
fn agent_files() {
    let Some(dir) = data_dir() else { return };
    for name in ["PETR.Validate.agents.txt", "Phoenix.agents.txt"] {
        let path = dir.join(name);
        let text = lines(&path);
        let loaded = read_petrarch_agents(&path).unwrap();
        let bad: HashSet<usize> = loaded.errors.iter().map(|e| e.line).collect();
        // agent lines: uncommented part holds a `[`; substitution sets:
        // lines starting with `!` holding `=`.
        let agent_lines = text
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                !l.starts_with('<') && uncommented(l).contains('[') && !bad.contains(&(i + 1))
            })
            .count();
        let subst = text
            .iter()
            .filter(|l| l.starts_with('!') && l.contains('='))
            .count();
        let a = &loaded.value;
        let nouns: usize = a.iter().map(|a| a.nouns.len()).sum();
        let tilde = a.iter().filter(|a| a.prefix).count();
        println!(
            "{name}: agents={} (lines with [ {agent_lines}) substitution sets={subst} nouns={nouns} ~prefix={tilde}",
            a.len()
        );
        report(name, &loaded.errors, text.len());
        assert_eq!(a.len(), agent_lines);
        assert!(a.iter().all(|a| !a.nouns.is_empty()));
    }
}

#[test]
fn discard_and_issue_files() {
    let Some(dir) = data_dir() else { return };
    for name in ["PETR.Validate.discards.txt", "Phoenix.discards.txt"] {
        let path = dir.join(name);
        let text = lines(&path);
        // phrases: lines with something before any `#`; story: starting `+`.
        let phrases = text
            .iter()
            .filter(|l| !l.starts_with('<') && !uncommented(l).trim().is_empty())
            .count();
        let story = text.iter().filter(|l| l.starts_with('+')).count();
        let loaded = read_discards(&path).unwrap();
        let d = &loaded.value;
        println!(
            "{name}: discards={} (lines {phrases}) story={}",
            d.len(),
            d.iter().filter(|d| d.story).count()
        );
        report(name, &loaded.errors, text.len());
        assert_eq!(d.len(), phrases);
        assert_eq!(d.iter().filter(|d| d.story).count(), story);
    }

    let name = "Phoenix.IssueCoding.txt";
    let path = dir.join(name);
    let text = lines(&path);
    // coded lines: uncommented part holds a `[`; ignore lines start with `~`.
    let coded = text
        .iter()
        .filter(|l| !l.starts_with('<') && !l.starts_with('~') && uncommented(l).contains('['))
        .count();
    let ignore = text.iter().filter(|l| l.starts_with('~')).count();
    let loaded = read_issues(&path).unwrap();
    let v = &loaded.value;
    let codes: HashSet<&str> = v.iter().map(|i| i.code.as_str()).collect();
    let categories: HashSet<&str> = v.iter().filter_map(|i| i.category.as_deref()).collect();
    let forms: usize = v.iter().map(|i| i.forms.len()).sum();
    println!(
        "{name}: issues={} (coded lines {coded} + ignore lines {ignore}) codes={} categories={} forms={forms}",
        v.len(),
        codes.len(),
        categories.len()
    );
    report(name, &loaded.errors, text.len());
    assert_eq!(v.len(), coded + ignore);
}

#[test]
fn verb_files() {
    let Some(dir) = data_dir() else { return };
    for (name, flavour) in [
        ("PETR.Validate.verbs.txt", VerbFlavour::Petrarch1),
        ("CAMEO.2.0.txt", VerbFlavour::Petrarch2),
    ] {
        let path = dir.join(name);
        let text = lines(&path);
        let loaded = if flavour == VerbFlavour::Petrarch1 {
            read_verbs_petrarch1(&path)
        } else {
            read_verbs_petrarch2(&path)
        }
        .unwrap();
        let bad: HashSet<usize> = loaded.errors.iter().map(|e| e.line).collect();
        // blocks: lines starting `---`; synsets: lines starting `&`;
        // patterns: lines starting `- ` not reported as errors;
        // transformations: lines starting `~`.
        let blocks = text.iter().filter(|l| l.starts_with("---")).count();
        let synsets = text.iter().filter(|l| l.starts_with('&')).count();
        let patterns = text
            .iter()
            .enumerate()
            .filter(|(i, l)| l.starts_with("- ") && !bad.contains(&(i + 1)))
            .count();
        let transformations = text.iter().filter(|l| l.starts_with('~')).count();
        let d = &loaded.value;
        let words: usize = d.blocks.iter().map(|b| b.words.len()).sum();
        let got: usize = d.blocks.iter().map(|b| b.patterns.len()).sum();
        let other = d
            .blocks
            .iter()
            .flat_map(|b| &b.patterns)
            .filter(|p| p.tokens.iter().any(|t| matches!(t, PatternToken::Other(_))))
            .count();
        println!(
            "{name}: blocks={} (--- lines {blocks}) synsets={} ({synsets}) verbs={words} patterns={got} ({patterns}) with Other tokens={other} transformations={}",
            d.blocks.len(),
            d.synsets.len(),
            d.transformations.len()
        );
        report(name, &loaded.errors, text.len());
        assert_eq!(d.blocks.len(), blocks);
        assert_eq!(d.synsets.len(), synsets);
        assert_eq!(got, patterns);
        assert_eq!(d.transformations.len(), transformations);
        for p in d.blocks.iter().flat_map(|b| &b.patterns) {
            assert_eq!(text[p.origin.line - 1], p.raw);
        }
    }
}

#[test]
fn phoenix_load_time() {
    let Some(dir) = data_dir() else { return };
    let t = Instant::now();
    let mut n = 0;
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        n += read_petrarch_actors(dir.join(f)).unwrap().value.len();
    }
    n += read_petrarch_agents(dir.join("Phoenix.agents.txt"))
        .unwrap()
        .value
        .len();
    n += read_discards(dir.join("Phoenix.discards.txt"))
        .unwrap()
        .value
        .len();
    n += read_issues(dir.join("Phoenix.IssueCoding.txt"))
        .unwrap()
        .value
        .len();
    n += read_verbs_petrarch2(dir.join("CAMEO.2.0.txt"))
        .unwrap()
        .value
        .blocks
        .len();
    println!(
        "read all Phoenix files + CAMEO.2.0 ({n} items) in {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
