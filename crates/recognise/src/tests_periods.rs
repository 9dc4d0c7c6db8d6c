//! Undated documents and organisations that came to govern.

use super::tests_news::run;
use super::*;

fn mention<'a>(d: &'a Document, s: &str) -> &'a Mention {
    d.mentions
        .iter()
        .find(|m| d.slice(m.span) == s)
        .unwrap_or_else(|| panic!("no mention {s:?}"))
}

#[test]
fn an_armed_group_is_not_the_government_the_text_names_apart() {
    let d = run(
        "The Syrian government accused Hayat Tahrir al-Sham of the attack.",
        None,
        None,
    );
    let m = mention(&d, "Hayat Tahrir al-Sham");
    assert_eq!(m.code.as_deref(), Some("SYRREB"));
    assert!(m
        .code_as_of
        .as_deref()
        .is_some_and(|a| a.contains("before")));
    assert_eq!(
        mention(&d, "Syrian government").code.as_deref(),
        Some("SYRGOV")
    );
}

#[test]
fn an_armed_group_alone_keeps_its_latest_code_and_a_date_decides() {
    let d = run("Hayat Tahrir al-Sham announced new elections.", None, None);
    assert_eq!(
        mention(&d, "Hayat Tahrir al-Sham").code.as_deref(),
        Some("SYRGOV")
    );
    let d = run(
        "The Syrian government thanked Hayat Tahrir al-Sham.",
        Some("2025-02-01"),
        None,
    );
    assert_eq!(
        mention(&d, "Hayat Tahrir al-Sham").code.as_deref(),
        Some("SYRGOV")
    );
}

#[test]
fn a_capital_standing_for_the_government_names_it_apart_too() {
    let d = run(
        "Kabul released 40 members of the Haqqani network on Monday.",
        None,
        None,
    );
    assert_eq!(
        mention(&d, "Haqqani network").code.as_deref(),
        Some("AFGREB")
    );
}
