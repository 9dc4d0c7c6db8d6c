//! `dyad code --petrarch DIR`: a PETRARCH user's own dictionaries code the
//! events in place of dyad's. The dictionaries here are written for the test.

mod common;

fn folder(files: &[(&str, &str)]) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-pdict-{}-{}", std::process::id(), files.len()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    for (name, text) in files {
        std::fs::write(d.join(name), text).unwrap();
    }
    d
}

#[test]
fn own_petrarch_dictionaries_code_the_events() {
    let dir = folder(&[
        (
            "Test.verbs.txt",
            "--- CRITICIZE [121] ---\nCRITICIZE\n- SHARPLY * [122]\n",
        ),
        ("Test.actors.txt", "VALDORIA [VAL]\nKESTRIA [KES]\n"),
        ("Test.agents.txt", "GOVERNMENT [~GOV]\n"),
    ]);
    let out = common::dyad_stdin(
        &["code", "--petrarch", dir.to_str().unwrap(), "-"],
        b"The Valdoria government sharply criticized Kestria on Monday.\n",
    );
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e["source"], "VALGOV");
    assert_eq!(e["target"], "KES");
    assert_eq!(e["code"], "122");
    // QuadClass and Goldstein from dyad's CAMEO table; the pattern line named.
    assert_eq!(e["quad_class"], 3);
    assert!(e["pattern"].as_str().unwrap().contains("Test.verbs.txt:3:"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_folder_without_a_verb_dictionary_is_an_error() {
    let dir = folder(&[("Only.actors.txt", "VALDORIA [VAL]\n")]);
    let out = common::dyad(&["code", "--petrarch", dir.to_str().unwrap(), "-"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs exactly one verb dictionary"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
