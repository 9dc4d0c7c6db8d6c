//! Gender for pronoun agreement: from first names, titles and role nouns.

use crate::CorefError;

/// The grammatical gender a pronoun agrees with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// Titles that say a person's sex ("Ms Ruiz", "Sir Alan").
pub(crate) fn of_title(w: &str) -> Option<Gender> {
    match w.trim_end_matches('.') {
        "mr" | "sir" | "lord" | "king" | "prince" | "sheikh" | "emir" | "sultan" | "father"
        | "brother" | "congressman" | "spokesman" | "chairman" | "councilman" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "sister" | "mme"
        | "congresswoman" | "spokeswoman" | "chairwoman" | "councilwoman" => Some(Gender::Female),
        _ => None,
    }
}

/// Nouns that say a person's sex when said of them ("Ruiz is a mother of
/// three", "one of the first two women elected").
pub(crate) fn of_noun(lemma: &str) -> Option<Gender> {
    match lemma {
        "man" | "men" | "father" | "son" | "husband" | "brother" | "boy" | "grandfather"
        | "widower" | "businessman" | "nephew" | "uncle" => Some(Gender::Male),
        "woman" | "women" | "mother" | "daughter" | "wife" | "sister" | "girl" | "grandmother"
        | "widow" | "businesswoman" | "niece" | "aunt" | "actress" => Some(Gender::Female),
        _ => None,
    }
}

/// What a pronoun says of its antecedent's gender.
pub(crate) fn of_pronoun(w: &str) -> Option<Gender> {
    match w {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// Rows of a list: `word[<TAB>f|m]`, lower-cased, with their line numbers.
pub(crate) fn rows(
    text: &str,
    file: &str,
) -> Result<Vec<(usize, String, Option<Gender>)>, CorefError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let word = parts.next().unwrap_or("").trim().to_lowercase();
        let g = match parts.next().map(str::trim) {
            None | Some("") => None,
            Some("f") => Some(Gender::Female),
            Some("m") => Some(Gender::Male),
            Some(other) => {
                return Err(CorefError::BadLine {
                    file: file.into(),
                    line: i + 1,
                    message: format!("gender must be f or m, not {other:?}"),
                })
            }
        };
        out.push((i + 1, word, g));
    }
    Ok(out)
}
