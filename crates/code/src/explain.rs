//! Explanation: what the coder tried in one sentence and why
//! (`dyad explain FILE --sentence N`).

use dyad_document::Document;

use crate::context::code_of;
use crate::Coder;

impl Coder {
    /// What the coder makes of one sentence (index into
    /// [`Document::sentences`]) of a tagged, parsed and recognised document:
    /// its parse, its actor mentions, every pattern tried and why it was
    /// taken or not, and the events. `None` when there is no such sentence.
    pub fn explain(&self, doc: &Document, sentence: usize) -> Option<Explanation> {
        let s = *doc.sentences.get(sentence)?;
        let (events, tried) = self.run(doc, Some(sentence));
        let toks = &doc.tokens;
        let tokens = (s.first_token..s.last_token)
            .map(|i| {
                let t = &toks[i];
                let head = t
                    .head
                    .map(|h| (h + 1).saturating_sub(s.first_token).to_string())
                    .unwrap_or_else(|| "0".into());
                format!(
                    "{:>3}  {:<18} {:<5} {:<16} {:>4}  {}",
                    i + 1 - s.first_token,
                    doc.slice(t.span),
                    t.tag,
                    t.lemma,
                    head,
                    t.rel
                )
            })
            .collect();
        let mentions = doc
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| s.span.contains(m.span))
            .map(|(k, m)| {
                let kind = format!("{:?}", m.kind).to_lowercase();
                let code = code_of(doc, k).unwrap_or_else(|| "-".into());
                let via = match m.refers_to {
                    Some(r) => format!(" (refers to mention {r})"),
                    None => String::new(),
                };
                format!("{k:>3}  «{}» {kind} {code}{via}", doc.slice(m.span))
            })
            .collect();
        let events = events
            .iter()
            .filter(|e| e.sentence == sentence)
            .map(|e| {
                format!(
                    "{} -> {} {} (root {}, quad {}, goldstein {}{}) «{}» [{}]",
                    e.source.as_deref().unwrap_or("-"),
                    e.target.as_deref().unwrap_or("-"),
                    e.code,
                    e.root,
                    e.quad_class,
                    e.goldstein,
                    e.how
                        .as_deref()
                        .map(|h| format!(", how: {h}"))
                        .unwrap_or_default(),
                    doc.slice(e.span),
                    e.pattern
                )
            })
            .collect();
        Some(Explanation {
            sentence,
            text: doc.slice(s.span).to_string(),
            tokens,
            mentions,
            tried,
            events,
        })
    }
}

/// What [`Coder::explain`] says of one sentence; `Display` prints it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    /// Index in [`Document::sentences`].
    pub sentence: usize,
    pub text: String,
    /// One row per token: number, word, tag, lemma, head, relation.
    pub tokens: Vec<String>,
    /// The actor mentions in the sentence, with their codes.
    pub mentions: Vec<String>,
    /// Each verb or noun with candidate patterns, then each pattern tried
    /// and why it was accepted or rejected.
    pub tried: Vec<String>,
    /// The events coded from the sentence.
    pub events: Vec<String>,
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "# sentence {}: {}", self.sentence, self.text)?;
        writeln!(
            f,
            "\n## parse\n id  word               tag   lemma            head  rel"
        )?;
        for t in &self.tokens {
            writeln!(f, "{t}")?;
        }
        writeln!(f, "\n## actor mentions")?;
        if self.mentions.is_empty() {
            writeln!(f, "(none)")?;
        }
        for m in &self.mentions {
            writeln!(f, "{m}")?;
        }
        writeln!(f, "\n## patterns tried")?;
        if self.tried.is_empty() {
            writeln!(f, "(no verb or noun with a candidate pattern)")?;
        }
        for t in &self.tried {
            writeln!(f, "{t}")?;
        }
        writeln!(f, "\n## events")?;
        if self.events.is_empty() {
            writeln!(f, "(none)")?;
        }
        for e in &self.events {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}
