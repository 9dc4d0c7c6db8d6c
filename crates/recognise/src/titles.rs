//! Titles written before a person's name ("Sen.", "Lt. Col.", "press
//! secretary"), read from `dictionaries/actors/titles/en.txt`: each gives a role
//! code and, for a few (US news-style abbreviations), a country.

use std::collections::HashMap;

use crate::{case_of, case_ok, Case};

/// One title.
#[derive(Debug, Clone)]
pub struct Title {
    /// Lower-case words without final full stops.
    pub words: Vec<String>,
    /// Role code (`LEG`, `MIL`).
    pub role: String,
    /// The country the title alone implies.
    pub country: Option<String>,
    pub(crate) case: Case,
}

/// A title list.
#[derive(Debug, Clone, Default)]
pub struct Titles {
    pub titles: Vec<Title>,
    /// Longest title, in words.
    pub longest: usize,
    /// Titles by their last word, longest first (the lookup is on the hot
    /// path: every capitalised name asks it).
    by_last: HashMap<String, Vec<usize>>,
}

/// The embedded default title list.
pub const DEFAULT_TITLES: &str = include_str!("../../../dictionaries/actors/titles/en.txt");

/// The embedded default member list (`WORD | ROLE`: who an association's
/// name says its members are).
pub const DEFAULT_MEMBERS: &str = include_str!("../../../dictionaries/actors/titles/members.txt");

/// Words in an association's name that decide its role ("Nurses" -> LAB,
/// "Manufacturers" -> BUS), read from `WORD | ROLE` lines.
#[derive(Debug, Clone, Default)]
pub struct Members {
    by_word: HashMap<String, String>,
}

impl Members {
    /// Reads `WORD | ROLE` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Members, String> {
        let mut by_word = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            if f.len() != 2 || f.iter().any(|x| x.is_empty()) || f[0].contains(' ') {
                return Err(format!("members:{}: expected WORD | ROLE", n + 1));
            }
            by_word.insert(f[0].to_lowercase(), f[1].to_string());
        }
        Ok(Members { by_word })
    }

    /// The role members named by this word give their association.
    pub fn role(&self, word: &str) -> Option<&str> {
        self.by_word.get(&title_word(word)).map(String::as_str)
    }
}

/// A word as titles compare it: lower case, final full stops dropped.
pub fn title_word(w: &str) -> String {
    w.trim_end_matches('.').to_lowercase()
}

impl Titles {
    /// Reads `TITLE | ROLE | COUNTRY` lines; `#` starts a comment. Lines
    /// without three fields are errors, reported with their number.
    pub fn parse(text: &str) -> Result<Titles, String> {
        let mut titles = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            if f.len() != 3 || f.iter().any(|x| x.is_empty()) {
                return Err(format!("titles:{}: expected TITLE | ROLE | COUNTRY", n + 1));
            }
            titles.push(Title {
                words: f[0].split_whitespace().map(title_word).collect(),
                role: f[1].to_string(),
                country: (f[2] != "-").then(|| f[2].to_string()),
                case: match case_of(f[0], false) {
                    Case::Exact => Case::Capital,
                    c => c,
                },
            });
        }
        let longest = titles.iter().map(|t| t.words.len()).max().unwrap_or(0);
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in titles.iter().enumerate() {
            if let Some(w) = t.words.last() {
                by_last.entry(w.clone()).or_default().push(i);
            }
        }
        for v in by_last.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(titles[i].words.len()));
        }
        Ok(Titles {
            titles,
            longest,
            by_last,
        })
    }

    /// The longest title whose words are `words` ending at the last one,
    /// with the number of words it takes. `words` are the text's words.
    pub fn ending_at(&self, words: &[&str]) -> Option<(&Title, usize)> {
        let last = words.last()?;
        let cands = self.by_last.get(&title_word(last))?;
        for &i in cands {
            let t = &self.titles[i];
            let k = t.words.len();
            if k > words.len() {
                continue;
            }
            let tail = &words[words.len() - k..];
            if tail[..k - 1]
                .iter()
                .zip(&t.words)
                .all(|(w, tw)| title_word(w) == *tw)
                && case_ok(t.case, tail[0])
            {
                return Some((t, k));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_list_parses_and_longer_titles_win() {
        let t = Titles::parse(DEFAULT_TITLES).unwrap();
        let (lt, k) = t.ending_at(&["the", "Lt.", "Gov."]).unwrap();
        assert_eq!((lt.role.as_str(), k), ("GOV", 2));
        let (sen, _) = t.ending_at(&["Sen"]).unwrap();
        assert_eq!(sen.country.as_deref(), Some("USA"));
        // Capitalised titles need capitals in the text; lower-case ones don't.
        assert!(t.ending_at(&["his", "father"]).is_none());
        assert!(t.ending_at(&["Press", "Secretary"]).is_some());
    }

    #[test]
    fn member_words_give_an_association_its_role() {
        let m = Members::parse(DEFAULT_MEMBERS).unwrap();
        assert_eq!(m.role("Nurses"), Some("LAB"));
        assert_eq!(m.role("manufacturers"), Some("BUS"));
        assert_eq!(m.role("Friends"), None);
        assert!(Members::parse("two words | LAB").is_err());
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(Titles::parse("Sen. | LEG").is_err());
        assert!(Titles::parse("# only a comment\n")
            .unwrap()
            .titles
            .is_empty());
    }
}
