//! Time expressions ("in 2011", "last week", "two weeks ago") and their
//! normalised ISO-8601 values, as the `dyad-times` stage finds them.

use serde::{Deserialize, Serialize};

use crate::{CharIndex, Span};

/// What a time expression denotes; it also says the shape of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// A day: `2024-12-04`.
    #[default]
    Date,
    /// A month: `2024-10`.
    Month,
    /// A year: `2011`.
    Year,
    /// A decade, as the interval of its years: `1990/1999`.
    Decade,
    /// A stretch of time: `2024-11-25/2024-12-01`, `2023-12/2024-12`.
    Interval,
    /// The start of an open stretch ("since 2017" -> `2017`).
    Since,
    /// A relative expression ("last week") that could not be resolved, for
    /// want of a publication date; its value is then `None`.
    Relative,
}

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeExpr {
    pub span: Span,
    pub kind: TimeKind,
    /// ISO-8601 style value (`2024-12-04`, `2024-10`, `2011`,
    /// `2024-11-25/2024-12-01`); `None` when it could not be resolved.
    pub value: Option<String>,
    /// An "about" value ("two weeks ago" -> about `2024-11-20`).
    pub approximate: bool,
    /// The date a relative expression was resolved against (the
    /// publication date); `None` for absolute expressions.
    pub anchor: Option<String>,
}

/// A time expression in the contract: `{text, start, end, value, kind,
/// approximate, anchor}` (character offsets; `anchor` omitted when absent).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractTime {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
    pub kind: TimeKind,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

impl TimeExpr {
    pub(crate) fn to_contract(&self, text: &str, ix: &CharIndex) -> ContractTime {
        ContractTime {
            text: text[self.span.range()].to_string(),
            start: ix.char_of(self.span.start),
            end: ix.char_of(self.span.end),
            value: self.value.clone(),
            kind: self.kind,
            approximate: self.approximate,
            anchor: self.anchor.clone(),
        }
    }

    pub(crate) fn from_contract(c: ContractTime, span: Span) -> TimeExpr {
        TimeExpr {
            span,
            kind: c.kind,
            value: c.value,
            approximate: c.approximate,
            anchor: c.anchor,
        }
    }
}
