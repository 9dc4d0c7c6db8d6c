//! Undated documents: an organisation whose latest period is a country's
//! government (an armed group that took power) cannot be that government
//! in a text that names the government apart ("the Syrian government
//! accused the group of the attack"): the text speaks from a time before it governed,
//! so the organisation takes its latest other period.

use dyad_dict::{ActorKind, NaiveDate};
use dyad_document::MentionKind;

use super::{Ctx, M};

/// What `code_as_of` says of a mention recoded here.
const AS_OF: &str = "latest before it governed (the text names the government apart)";

pub(super) fn governments_named_apart(cx: &Ctx, out: &mut [M]) {
    if cx.date.is_some() {
        return;
    }
    // Each mention's antecedent at the end of its `refers_to` chain.
    let roots: Vec<usize> = (0..out.len())
        .map(|mut i| {
            for _ in 0..out.len() {
                match out[i].m.refers_to {
                    Some(r) if r != i => i = r,
                    _ => break,
                }
            }
            i
        })
        .collect();
    let mut recoded: Vec<(usize, String, String)> = Vec::new();
    for i in 0..out.len() {
        let m = &out[i].m;
        let (Some(code), Some(entity)) = (m.code.as_deref(), m.entity.as_deref()) else {
            continue;
        };
        if m.kind != MentionKind::Org
            || m.code_as_of.as_deref() != Some("latest")
            || !code.ends_with("GOV")
        {
            continue;
        }
        let apart = out.iter().enumerate().any(|(j, o)| {
            j != i
                && o.m.code.as_deref() == Some(code)
                && o.m.entity.as_deref() != Some(entity)
                && roots[j] != roots[i]
        });
        if !apart {
            continue;
        }
        let (entries, _) = cx.r.lookup(entity);
        let Some(e) = entries
            .into_iter()
            .find(|e| e.kind != ActorKind::Person && e.name == entity)
        else {
            continue;
        };
        // The latest period with another code (open ends latest).
        let other = e
            .codes
            .iter()
            .filter(|c| !c.default && c.code != code)
            .max_by_key(|c| (c.to.unwrap_or(NaiveDate::MAX), c.from));
        if let Some(c) = other {
            recoded.push((i, code.to_string(), c.code.clone()));
        }
    }
    for (i, old, new) in recoded {
        for j in 0..out.len() {
            if (j == i || roots[j] == i) && out[j].m.code.as_deref() == Some(old.as_str()) {
                out[j].m.code = Some(new.clone());
                out[j].m.code_as_of = Some(AS_OF.to_string());
            }
        }
    }
}
