//! Reading coreference: what a mention, pronoun or description stands for.
//! `dyad-coref` fills [`Mention::refers_to`](crate::Mention::refers_to) (short
//! names, titles, descriptions such as "the minister" and pronouns point at the
//! mention that names the actor in full); these helpers follow it.

use crate::{Document, Span};

impl Document {
    /// The mention that names what mention `m` stands for: its `refers_to`
    /// chain followed to the end (`m` itself when it refers to nothing).
    pub fn antecedent(&self, m: usize) -> usize {
        let mut cur = m;
        // A chain never loops, but a bad input must not hang us.
        for _ in 0..self.mentions.len() {
            match self.mentions.get(cur).and_then(|x| x.refers_to) {
                Some(r) if r != cur && r < self.mentions.len() => cur = r,
                _ => break,
            }
        }
        cur
    }

    /// The innermost mention covering `span`, if any.
    pub fn mention_covering(&self, span: Span) -> Option<usize> {
        let first = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.span.start <= span.start)
            .filter(|(_, m)| m.span.contains(span))
            .min_by_key(|(_, m)| m.span.len())
            .map(|(i, _)| first + i)
    }

    /// What the words at `span` stand for, resolved: the antecedent of the
    /// innermost mention covering them ("he" -> the mention of "Maria
    /// Lindqvist").
    pub fn resolve(&self, span: Span) -> Option<usize> {
        self.mention_covering(span).map(|m| self.antecedent(m))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Mention, MentionKind, Span};

    #[test]
    fn pronouns_resolve_through_chains() {
        let text = "Ana Ruiz spoke. Ruiz left. She waved.";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let m = |span, kind, refers_to| Mention {
            span,
            kind,
            refers_to,
            ..Default::default()
        };
        let doc = Document {
            text: text.into(),
            mentions: vec![
                m(at("Ana Ruiz"), MentionKind::Person, None),
                m(
                    Span::new(at("Ruiz left").start, at("Ruiz left").start + 4),
                    MentionKind::Person,
                    Some(0),
                ),
                m(at("She"), MentionKind::Pronoun, Some(1)),
            ],
            ..Default::default()
        };
        assert_eq!(doc.antecedent(2), 0);
        assert_eq!(doc.resolve(at("She")), Some(0));
        assert_eq!(doc.resolve(at("spoke")), None);
    }
}
