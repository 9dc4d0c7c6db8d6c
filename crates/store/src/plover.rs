//! CAMEO code -> PLOVER event type and mode.
//!
//! By default from dyad's CAMEO table (`dictionaries/events/cameo.tsv`,
//! embedded), which gives a type to every code, the 01x statements and 02x
//! appeals included. A user who needs PLOVER exactly as published passes the
//! CAMEO->PLOVER crosswalk file (`CODE: EVENT, MODE, CONTEXT # name` lines,
//! as the PLOVER project distributes it) and gets its types, modes and
//! contexts; codes the crosswalk leaves out (PLOVER drops CAMEO's 01 and 02
//! roots) then have no PLOVER type. dyad does not ship the crosswalk (its
//! licence is CC BY-SA); `docs/plover.md` lists where dyad's table departs
//! from it and why.

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

/// A CAMEO->PLOVER crosswalk read from its published text.
#[derive(Debug, Clone, Default)]
pub struct Crosswalk {
    map: HashMap<String, Plover>,
}

/// PLOVER's type, mode and context of one CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plover {
    pub event: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
}

impl Crosswalk {
    /// Parse `CODE: EVENT, MODE, CONTEXT  # comment` lines; `#` lines and
    /// blank lines are skipped; a repeated code keeps its first line.
    pub fn parse(text: &str) -> Result<Crosswalk, String> {
        let mut map = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            // The published file closes its table with a line of tildes.
            if line.starts_with('~') {
                break;
            }
            let (code, rest) = line
                .split_once(':')
                .ok_or_else(|| format!("line {}: expected CODE: EVENT, MODE, CONTEXT", n + 1))?;
            let code = code.trim();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("line {}: {code:?} is not a CAMEO code", n + 1));
            }
            let mut fields = rest.split(',').map(str::trim);
            let event = fields.next().unwrap_or("").to_string();
            if event.is_empty() {
                continue;
            }
            let mode = fields.next().filter(|m| !m.is_empty()).map(str::to_string);
            let context = fields
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            map.entry(code.to_string()).or_insert(Plover {
                event,
                mode,
                context,
            });
        }
        if map.is_empty() {
            return Err("no CODE: EVENT lines".into());
        }
        Ok(Crosswalk { map })
    }

    /// The entry of a code, or of its nearest parent that has one.
    pub fn get(&self, code: &str) -> Option<&Plover> {
        (2..=code.len())
            .rev()
            .filter_map(|n| code.get(..n))
            .find_map(|c| self.map.get(c))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_crosswalk_is_read_from_its_published_layout() {
        let text = "# a header\n\n18: ASSAULT\n181: ASSAULT, abduct, human_security # Abduct\n\
                    0431: CONSULT, , diplomatic economic # a two-word context list\n~~~~~\nafter the end\n";
        let cw = super::Crosswalk::parse(text).unwrap();
        let p = cw.get("181").unwrap();
        assert_eq!(p.event, "ASSAULT");
        assert_eq!(p.mode.as_deref(), Some("abduct"));
        assert_eq!(p.context, ["human_security"]);
        assert_eq!(cw.get("1823").unwrap().event, "ASSAULT", "a parent's entry");
        assert!(cw.get("0431").unwrap().mode.is_none());
        assert!(
            cw.get("010").is_none(),
            "codes the crosswalk drops have no type"
        );
        assert!(super::Crosswalk::parse("not a table").is_err());
    }

    #[test]
    fn codes_map_to_plover_types() {
        assert_eq!(super::event_type("190"), Some("ASSAULT"));
        assert_eq!(super::event_type("0411"), super::event_type("041"));
    }
}
