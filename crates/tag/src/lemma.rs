//! Lemmas: English inflection rules by tag, and a table of the exceptions
//! (irregular and rule-breaking forms) learnt from the training data.

use rustc_hash::FxHashMap;

/// Exceptions keyed by (lower-cased form, tag).
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    pub exceptions: FxHashMap<(String, &'static str), String>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// After stripping -ed/-ing: does the stem want its silent e back?
/// ("reduc" -> "reduce", "charg" -> "charge", "troubl" -> "trouble").
fn wants_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let last = b[n - 1];
    // Consonant, one vowel, then k/m, or "at" not after e/o: the silent e of
    // "provoke", "make", "resume", "welcome", "negotiate", "escalate".
    // (Not t after other vowels, nor n or p: "visit", "imprison", "develop".)
    let short_vowel_before =
        n >= 3 && is_vowel(b[n - 2]) && b[n - 2] != b'e' && !is_vowel(b[n - 3]);
    match last {
        b'c' | b'g' | b's' | b'v' | b'z' | b'u' => !(last == b's' && b[n - 2] == b's'),
        b'l' => !is_vowel(b[n - 2]) && b[n - 2] != b'l',
        b'k' | b'm' => short_vowel_before,
        b't' => n >= 3 && b[n - 2] == b'a' && !matches!(b[n - 3], b'e' | b'o' | b'a'),
        _ => false,
    }
}

/// Undo a doubled final consonant ("stopp" -> "stop") when the rule fits.
fn undouble(stem: &str) -> &str {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3
        && b[n - 1] == b[n - 2]
        && matches!(
            b[n - 1],
            b'b' | b'd' | b'g' | b'm' | b'n' | b'p' | b'r' | b't'
        )
        && is_vowel(b[n - 3])
    {
        &stem[..n - 1]
    } else {
        stem
    }
}

/// "expell" -> "expel", "controll" -> "control": a doubled l after e or o
/// is undone when a vowel stands before that one (a final stressed or
/// British-doubled syllable: "compelled", "patrolled", "cancelled"); a
/// one-syllable stem keeps it ("shelled", "spelled", "quelled", "rolled").
fn undouble_final_l(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 5 || !stem.ends_with("ll") || !matches!(b[n - 3], b'e' | b'o') {
        return None;
    }
    let before = &b[..n - 3];
    // "qu" spells a consonant ("quell").
    let vowel = before
        .iter()
        .enumerate()
        .any(|(i, &c)| is_vowel(c) && !(c == b'u' && i > 0 && before[i - 1] == b'q'));
    vowel.then(|| &stem[..n - 1])
}

/// The stem left by -ed or -ing, with a doubled consonant undone
/// ("stopp" -> "stop") or a silent e restored ("reduc" -> "reduce").
fn restore_stem(stem: &str) -> String {
    if let Some(base) = undouble_final_l(stem) {
        return base.to_string();
    }
    let undoubled = undouble(stem);
    if undoubled.len() < stem.len() {
        undoubled.to_string()
    } else if wants_e(stem) {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

/// The rule-based lemma of a lower-cased word with a Penn tag.
pub fn rule(lower: &str, tag: &str) -> String {
    let w = lower;
    let strip = |suf: &str| w.strip_suffix(suf).filter(|s| s.len() >= 2);
    match tag {
        "NNS" | "NNPS" | "VBZ" => {
            if let Some(s) = strip("ies") {
                return format!("{s}y");
            }
            for suf in ["sses", "shes", "ches", "xes", "zzes"] {
                if let Some(s) = strip(suf) {
                    return format!("{s}{}", &suf[..suf.len() - 2]);
                }
            }
            if tag == "VBZ" {
                if let Some(s) = strip("oes") {
                    return format!("{s}o");
                }
            }
            if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
                return w.to_string();
            }
            strip("s").map_or_else(|| w.to_string(), str::to_string)
        }
        "VBD" | "VBN" => {
            if let Some(s) = strip("ied") {
                return format!("{s}y");
            }
            if let Some(s) = strip("eed") {
                return format!("{s}ee");
            }
            strip("ed").map_or_else(|| w.to_string(), restore_stem)
        }
        "VBG" => {
            if let Some(s) = strip("ying") {
                return format!("{s}ie");
            }
            strip("ing").map_or_else(|| w.to_string(), restore_stem)
        }
        "JJR" | "RBR" => {
            if let Some(s) = strip("ier") {
                return format!("{s}y");
            }
            strip("er").map_or_else(|| w.to_string(), |s| undouble(s).to_string())
        }
        "JJS" | "RBS" => {
            if let Some(s) = strip("iest") {
                return format!("{s}y");
            }
            strip("est").map_or_else(|| w.to_string(), |s| undouble(s).to_string())
        }
        _ => w.to_string(),
    }
}

impl Lemmatizer {
    /// The lemma of `word` tagged `tag`. Proper nouns keep their case.
    pub fn lemma(&self, word: &str, tag: &'static str) -> String {
        let lower = word.to_lowercase();
        if let Some(l) = self.exceptions.get(&(lower.clone(), tag)) {
            return l.clone();
        }
        if tag == "NNP" {
            return word.to_string();
        }
        // Proper adjectives and plural proper nouns keep their capital:
        // "Syrian", "Russians" -> "Russian".
        if matches!(tag, "JJ" | "NNPS") && word.chars().next().is_some_and(char::is_uppercase) {
            return if tag == "NNPS" && word.ends_with('s') && word.len() > 3 {
                word[..word.len() - 1].to_string()
            } else {
                word.to_string()
            };
        }
        if tag == "PRP" || tag == "PRP$" {
            return lower;
        }
        rule(&lower, tag)
    }

    /// Learn the exceptions: forms whose usual lemma in the data differs
    /// from the rule's, seen at least `min_count` times.
    pub fn learn<'a>(
        samples: impl Iterator<Item = (&'a str, &'static str, &'a str)>,
        min_count: usize,
    ) -> Lemmatizer {
        let mut counts: FxHashMap<(String, &'static str), FxHashMap<String, usize>> =
            FxHashMap::default();
        for (word, tag, lemma) in samples {
            if tag == "NNP" || lemma.is_empty() {
                continue;
            }
            *counts
                .entry((word.to_lowercase(), tag))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut exceptions = FxHashMap::default();
        for ((w, t), lemmas) in counts {
            let total: usize = lemmas.values().sum();
            let Some((best, n)) = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            else {
                continue;
            };
            if total >= min_count && n * 2 > total && best != rule(&w, t) {
                exceptions.insert((w, t), best);
            }
        }
        Lemmatizer { exceptions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        for (w, t, l) in [
            ("talks", "NNS", "talk"),
            ("militias", "NNS", "militia"),
            ("countries", "NNS", "country"),
            ("pushes", "VBZ", "push"),
            ("attacked", "VBD", "attack"),
            ("reduced", "VBN", "reduce"),
            ("stopped", "VBD", "stop"),
            ("urged", "VBD", "urge"),
            ("agreed", "VBD", "agree"),
            ("carried", "VBN", "carry"),
            ("troubled", "VBN", "trouble"),
            ("pushing", "VBG", "push"),
            ("getting", "VBG", "get"),
            ("having", "VBG", "have"),
            ("provoking", "VBG", "provoke"),
            ("resumed", "VBD", "resume"),
            ("negotiating", "VBG", "negotiate"),
            ("visiting", "VBG", "visit"),
            ("developing", "VBG", "develop"),
            ("attacking", "VBG", "attack"),
            ("speaking", "VBG", "speak"),
            ("claimed", "VBN", "claim"),
            ("treated", "VBN", "treat"),
            ("expelled", "VBD", "expel"),
            ("compelling", "VBG", "compel"),
            ("patrolled", "VBD", "patrol"),
            ("cancelled", "VBN", "cancel"),
            ("shelled", "VBD", "shell"),
            ("quelled", "VBD", "quell"),
            ("killed", "VBD", "kill"),
            ("installed", "VBN", "install"),
            ("rolled", "VBD", "roll"),
            ("bigger", "JJR", "big"),
            ("earliest", "JJS", "early"),
        ] {
            assert_eq!(rule(w, t), l, "{w}/{t}");
        }
    }

    #[test]
    fn exceptions_win_and_proper_nouns_keep_case() {
        let samples = vec![("took", "VBD", "take"); 3];
        let lem = Lemmatizer::learn(samples.into_iter(), 2);
        assert_eq!(lem.lemma("Took", "VBD"), "take");
        assert_eq!(lem.lemma("Aleppo", "NNP"), "Aleppo");
        assert_eq!(lem.lemma("Rebels", "NNS"), "rebel");
    }
}
