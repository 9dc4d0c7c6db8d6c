//! dyad's own dictionaries (`dictionaries/actors`) load without errors and
//! `check` finds no problems in them.

use std::path::PathBuf;

use dyad_dict::*;

fn files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries/actors");
    let mut v = Vec::new();
    for dir in [root.clone(), root.join("people")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

#[test]
fn dyad_dictionaries_are_clean() {
    let mut actors = Vec::new();
    let mut agents = Vec::new();
    let mut errors = Vec::new();
    for p in files() {
        let text = std::fs::read_to_string(&p).unwrap();
        let l = parse_dyad_actors(&text, &p.display().to_string());
        assert_eq!(
            read_dyad_actors(&p).is_ok(),
            l.errors.is_empty(),
            "{}",
            p.display()
        );
        errors.extend(l.errors);
        actors.extend(l.value.0);
        agents.extend(l.value.1);
    }
    for e in &errors {
        println!("{e}");
    }
    assert!(errors.is_empty(), "{} errors", errors.len());
    let count = |k| actors.iter().filter(|a: &&ActorEntry| a.kind == k).count();
    let names: usize = actors.iter().map(|a| a.names.len()).sum();
    let codes: usize = actors.iter().map(|a| a.codes.len()).sum();
    println!(
        "dyad dictionaries: country={} person={} org={} agent={} names={names} codes={codes}",
        count(ActorKind::Country),
        count(ActorKind::Person),
        count(ActorKind::Org),
        agents.len()
    );
    let problems = check(&actors, &agents);
    for p in &problems {
        println!("{p}");
    }
    assert!(problems.is_empty(), "{} problems", problems.len());
}

/// dyad's own event dictionaries: the CAMEO table covers all 20 roots, and
/// every pattern file loads with known codes.
#[test]
fn dyad_event_dictionaries_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries/events");
    let codes = dyad_dict::read_cameo(&dir.join("cameo.tsv")).expect("cameo.tsv loads");
    let roots: std::collections::BTreeSet<&str> = codes.iter().map(|c| c.root()).collect();
    assert_eq!(roots.len(), 20, "all 20 CAMEO roots");
    assert!(codes.len() >= 290, "{} codes", codes.len());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "verbs"))
        .collect();
    files.sort();
    let mut total = 0;
    for f in &files {
        let p = dyad_dict::read_event_patterns(f, Some(&codes)).expect("patterns load");
        total += p.len();
    }
    println!(
        "{} CAMEO codes, {} event patterns in {} files",
        codes.len(),
        total,
        files.len()
    );
    assert!(total >= 3000, "{total} patterns");
}

/// Offices one person holds at a time: a head of state or government, a
/// foreign, defence, interior or finance minister, a member of the US
/// cabinet. Their `what:` text names the office and the country.
fn single_holder_office(what: &str) -> bool {
    const OFFICES: &[&str] = &[
        "President of ",
        "Prime Minister of ",
        "Foreign Minister of ",
        "Defence Minister of ",
        "Defense Minister of ",
        "Interior Minister of ",
        "Finance Minister of ",
        "Secretary of ",
        "Home Secretary",
        "Foreign Secretary",
        "Chancellor of the Exchequer",
        "Defence Secretary",
        "Attorney General",
        "White House Chief of Staff",
        "US Trade Representative",
    ];
    let skip = [
        "acting",
        "former",
        "National Assembly",
        "Senate",
        "General Assembly",
    ];
    OFFICES.iter().any(|o| what.starts_with(o)) && !skip.iter().any(|s| what.contains(s))
}

#[test]
fn terms_of_one_office_do_not_overlap() {
    use std::collections::HashMap;
    // Dates written to the month or year stand for their first day, so a
    // handover within a month is no overlap.
    const SLACK_DAYS: i64 = 31;
    let mut offices: HashMap<String, Vec<(NaiveDate, NaiveDate, String, String)>> = HashMap::new();
    for p in files()
        .into_iter()
        .filter(|p| p.parent().is_some_and(|d| d.ends_with("people")))
    {
        let text = std::fs::read_to_string(&p).unwrap();
        for e in parse_dyad_actors(&text, &p.display().to_string()).value.0 {
            for c in e.codes.iter().filter(|c| !c.default) {
                let Some(what) = c.note.as_deref().filter(|w| single_holder_office(w)) else {
                    continue;
                };
                let from = c.from.unwrap_or(NaiveDate::MIN);
                let to = c.to.unwrap_or(NaiveDate::MAX);
                let at = format!("{}:{}", e.origin.file, c.line);
                offices
                    .entry(what.to_string())
                    .or_default()
                    .push((from, to, e.name.clone(), at));
            }
        }
    }
    let mut clashes = Vec::new();
    for (what, terms) in &offices {
        for (i, a) in terms.iter().enumerate() {
            for b in &terms[i + 1..] {
                if a.2 == b.2 {
                    continue;
                }
                let start = a.0.max(b.0);
                let end = a.1.min(b.1);
                if start < end && (end - start).num_days() > SLACK_DAYS {
                    clashes.push(format!("{what}: {} ({}) and {} ({})", a.2, a.3, b.2, b.3));
                }
            }
        }
    }
    clashes.sort();
    assert!(
        clashes.is_empty(),
        "{} overlaps:\n{}",
        clashes.len(),
        clashes.join("\n")
    );
}
