//! Two actors with one code: an event needs two actors, and two sides with
//! the same code are usually one actor named twice ("Syria ... Damascus").
//! Two different people are two actors even when their offices give them
//! one code ("Obama criticized Bush": USAELI, USAELI),
//! except in statements (01), where one side quoting or naming a colleague
//! is how news is told, not an event between them.

use dyad_document::MentionKind;

use crate::actors::Actor;
use crate::context::Cx;

impl Cx<'_> {
    /// Whether `s` and `t` are two different named people.
    pub(crate) fn different_people(&self, s: &Actor, t: &Actor) -> bool {
        let (Some(a), Some(b)) = (s.mention, t.mention) else {
            return false;
        };
        let (a, b) = (self.doc.antecedent(a), self.doc.antecedent(b));
        let (ma, mb) = (&self.doc.mentions[a], &self.doc.mentions[b]);
        a != b
            && ma.kind == MentionKind::Person
            && mb.kind == MentionKind::Person
            && !ma.anonymous
            && !mb.anonymous
            && ma.entity.is_some()
            && ma.entity != mb.entity
    }
}
