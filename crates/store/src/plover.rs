//! CAMEO code -> PLOVER event type and mode, from dyad's CAMEO table
//! (`dictionaries/events/cameo.tsv`, embedded).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../../dictionaries/events/cameo.tsv");

fn table() -> &'static HashMap<String, (String, String)> {
    static T: OnceLock<HashMap<String, (String, String)>> = OnceLock::new();
    T.get_or_init(|| {
        dyad_dict::parse_cameo(TABLE, "cameo.tsv")
            .map(|codes| {
                codes
                    .into_iter()
                    .map(|c| (c.code, (c.plover_event, c.plover_mode)))
                    .collect()
            })
            .unwrap_or_default()
    })
}

fn lookup(code: &str) -> Option<&'static (String, String)> {
    // A code missing from the table takes its parent's entry.
    let t = table();
    (2..=code.len())
        .rev()
        .filter_map(|n| code.get(..n))
        .find_map(|c| t.get(c))
}

/// PLOVER event type of a CAMEO code (`None` when the table gives none).
pub fn event_type(code: &str) -> Option<&'static str> {
    lookup(code)
        .map(|(e, _)| e.as_str())
        .filter(|e| !e.is_empty() && *e != "-")
}

/// PLOVER mode of a CAMEO code (`None` for none or `-`).
pub fn mode(code: &str) -> Option<&'static str> {
    lookup(code)
        .map(|(_, m)| m.as_str())
        .filter(|m| !m.is_empty() && *m != "-")
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_map_to_plover_types() {
        assert_eq!(super::event_type("190"), Some("ASSAULT"));
        assert_eq!(super::event_type("0411"), super::event_type("041"));
    }
}
