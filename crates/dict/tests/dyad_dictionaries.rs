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
