//! The network, the timeline and the map, drawn on the server as SVG; each
//! mark is a link to the events behind it (the page's filter kept).

use std::fmt::Write;
use std::sync::OnceLock;

use dyad_store::query::{Network, PlaceCount};

use crate::html::esc;

/// A mean Goldstein score (-10 conflict .. +10 cooperation) as a colour:
/// red through grey to green.
pub(crate) fn goldstein_colour(g: f64) -> String {
    let g = g.clamp(-10.0, 10.0);
    let hue = if g < 0.0 { 0.0 } else { 130.0 };
    let sat = (g.abs() / 10.0 * 70.0 + 10.0).round();
    format!("hsl({hue},{sat}%,45%)")
}

fn link(filter: &str, set: &str) -> String {
    if filter.is_empty() {
        format!("/events?{set}")
    } else {
        format!("/events?{set}&{filter}")
    }
}

fn enc(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap_or_default()[2..].to_string()
}

/// Actors on a circle, sized by their events and coloured by their mean
/// Goldstein score; dyads as arrows. At most `max_nodes` actors.
pub(crate) fn network(n: &Network, filter: &str, max_nodes: usize) -> String {
    let nodes: Vec<_> = n.nodes.iter().take(max_nodes).collect();
    if nodes.is_empty() {
        return r#"<p class="empty">No events with both actors for this filter.</p>"#.into();
    }
    let (w, h) = (640.0, 640.0);
    let (cx, cy, radius) = (w / 2.0, h / 2.0, 250.0);
    let max_events = nodes.iter().map(|n| n.events).max().unwrap_or(1).max(1) as f64;
    let k = nodes.len() as f64;
    let pos = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / k - std::f64::consts::FRAC_PI_2;
        (cx + radius * a.cos(), cy + radius * a.sin())
    };
    let index = |code: &str| nodes.iter().position(|n| n.code == code);
    let mut s = format!(
        r##"<svg class="network" viewBox="0 0 {w} {h}" role="img" aria-label="actor network">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#667"/></marker></defs>"##
    );
    let max_edge = n.edges.iter().map(|e| e.events).max().unwrap_or(1).max(1) as f64;
    for e in &n.edges {
        let (Some(a), Some(b)) = (index(&e.source), index(&e.target)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let ((x1, y1), (x2, y2)) = (pos(a), pos(b));
        // Stop short of the target's circle, so the arrowhead shows.
        let rb = node_radius(nodes[b].events as f64, max_events) + 2.0;
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (x2, y2) = (x2 - dx / len * rb, y2 - dy / len * rb);
        let _ = write!(
            s,
            r#"<a class="edge" href="{}"><line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}" stroke-width="{:.1}" marker-end="url(#arrow)"/><title>{} → {}: {} events, mean Goldstein {:.1}</title></a>"#,
            esc(&link(
                filter,
                &format!("dyad={},{}", enc(&e.source), enc(&e.target))
            )),
            goldstein_colour(e.goldstein),
            1.0 + 5.0 * e.events as f64 / max_edge,
            esc(&e.source),
            esc(&e.target),
            e.events,
            e.goldstein
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = pos(i);
        let r = node_radius(node.events as f64, max_events);
        let (lx, anchor) = if x < cx - 1.0 {
            (x - r - 4.0, "end")
        } else {
            (x + r + 4.0, "start")
        };
        let _ = write!(
            s,
            r#"<a class="node" href="{}" data-code="{}"><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{}"/><text x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text><title>{}: {} events, mean Goldstein {:.1}</title></a>"#,
            esc(&link(filter, &format!("actor={}", enc(&node.code)))),
            esc(&node.code),
            goldstein_colour(node.goldstein),
            y + 4.0,
            esc(&node.code),
            esc(&node.code),
            node.events,
            node.goldstein
        );
    }
    s.push_str("</svg>");
    s
}

fn node_radius(events: f64, max: f64) -> f64 {
    5.0 + 20.0 * (events / max).sqrt()
}

pub(crate) const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// Stacked bars of events by QuadClass per period. `periods`: (key, counts
/// of QuadClass 1..4, the key's last day for links).
pub(crate) fn timeline(periods: &[(String, [i64; 4], String)], filter: &str) -> String {
    if periods.is_empty() {
        return r#"<p class="empty">No dated events for this filter.</p>"#.into();
    }
    let (w, h, left, bottom, top) = (800.0, 300.0, 40.0, 40.0, 10.0);
    let max = periods
        .iter()
        .map(|p| p.1.iter().sum::<i64>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let bw = (w - left) / periods.len() as f64;
    let scale = (h - bottom - top) / max;
    let mut s = format!(
        r#"<svg class="timeline" viewBox="0 0 {w} {h}" role="img" aria-label="events by QuadClass over time">
<line x1="{left}" y1="{y0}" x2="{w}" y2="{y0}" class="axis"/><text x="{lx}" y="{ty}" text-anchor="end" class="tick">{max}</text><text x="{lx}" y="{y0}" text-anchor="end" class="tick">0</text>"#,
        y0 = h - bottom,
        lx = left - 4.0,
        ty = top + 8.0,
    );
    let label_every = (periods.len() / 8).max(1);
    for (i, (key, quads, last)) in periods.iter().enumerate() {
        let x = left + i as f64 * bw;
        let mut y = h - bottom;
        for (q, &n) in quads.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let bh = n as f64 * scale;
            y -= bh;
            let set = format!("since={}&until={}&quad={}", enc(key), enc(last), q + 1);
            let _ = write!(
                s,
                r#"<a class="bar" href="{}"><rect class="q{}" x="{:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}"/><title>{}: {n} events of {}</title></a>"#,
                esc(&link(filter, &set)),
                q + 1,
                x + bw * 0.1,
                (bw * 0.8).max(1.0),
                esc(key),
                QUAD_NAMES[q]
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" class="tick" text-anchor="middle">{}</text>"#,
                x + bw / 2.0,
                h - bottom + 16.0,
                esc(key)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The world outline as one SVG path (equirectangular, x = lon + 180,
/// y = 90 - lat), built once.
fn world_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let mut d = String::with_capacity(crate::assets::WORLD.len());
        for line in crate::assets::WORLD.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            for (i, pt) in line.split(' ').enumerate() {
                let Some((lon, lat)) = pt.split_once(',') else {
                    continue;
                };
                let (Ok(lon), Ok(lat)) = (lon.parse::<f64>(), lat.parse::<f64>()) else {
                    continue;
                };
                let _ = write!(
                    d,
                    "{}{:.1} {:.1}",
                    if i == 0 { "M" } else { "L" },
                    lon + 180.0,
                    90.0 - lat
                );
            }
            d.push('Z');
        }
        d
    })
}

/// Whether a place is a point of an area (a country's or region's
/// representative point) rather than a location.
pub(crate) fn is_area(feature: &str) -> bool {
    matches!(feature, "country" | "admin1" | "admin2" | "region")
}

/// Event places on the world outline: a town or city is a solid dot, a
/// country's or region's representative point a dashed ring (its precision
/// is the area, not the point).
pub(crate) fn map(places: &[PlaceCount], filter: &str) -> String {
    let mut s = format!(
        r#"<svg class="map" viewBox="0 0 360 180" role="img" aria-label="event places"><rect class="sea" width="360" height="180"/><path class="land" d="{}"/>"#,
        world_path()
    );
    let max = places.iter().map(|p| p.events).max().unwrap_or(1).max(1) as f64;
    // Largest first, so small marks stay on top and clickable.
    for p in places {
        let (x, y) = (p.lon + 180.0, 90.0 - p.lat);
        let r = 1.0 + 4.0 * (p.events as f64 / max).sqrt();
        let set = match (&p.country, p.feature.as_str()) {
            (Some(c), "country") => format!("country={}", enc(c)),
            _ => format!("place={}", enc(&p.name)),
        };
        let (class, r) = if is_area(&p.feature) {
            ("area", r + 1.5)
        } else {
            ("city", r)
        };
        let _ = write!(
            s,
            r#"<a class="place {class}" href="{}" data-feature="{}"><circle cx="{x:.2}" cy="{y:.2}" r="{r:.2}"/><title>{} ({}{}): {} events</title></a>"#,
            esc(&link(filter, &set)),
            esc(&p.feature),
            esc(&p.name),
            esc(&p.feature),
            if is_area(&p.feature) {
                ", representative point of the area"
            } else {
                ""
            },
            p.events
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_store::query::{Edge, Node};

    #[test]
    fn colours_run_from_conflict_to_cooperation() {
        assert!(goldstein_colour(-10.0).starts_with("hsl(0,80%"));
        assert!(goldstein_colour(7.0).starts_with("hsl(130,"));
        assert_eq!(goldstein_colour(0.0), "hsl(130,10%,45%)");
    }

    #[test]
    fn the_network_links_each_actor_and_dyad_to_its_events() {
        let n = Network {
            nodes: vec![
                Node {
                    code: "KEN".into(),
                    events: 3,
                    goldstein: 2.0,
                },
                Node {
                    code: "UGA<".into(),
                    events: 3,
                    goldstein: 2.0,
                },
            ],
            edges: vec![Edge {
                source: "KEN".into(),
                target: "UGA<".into(),
                events: 3,
                mentions: 4,
                quad: [3, 0, 0, 0],
                goldstein: 2.0,
            }],
        };
        let s = network(&n, "since=2030", 10);
        assert!(
            s.contains(r#"href="/events?dyad=KEN,UGA%3C&amp;since=2030""#),
            "{s}"
        );
        assert!(s.contains(r#"href="/events?actor=KEN&amp;since=2030""#));
        assert!(!s.contains("UGA<"));
    }

    #[test]
    fn area_points_look_different_from_cities() {
        let p = |name: &str, feature: &str| PlaceCount {
            name: name.into(),
            country: Some("NO".into()),
            lat: 60.0,
            lon: 10.0,
            feature: feature.into(),
            events: 2,
        };
        let s = map(&[p("Norway", "country"), p("Bergen", "city")], "");
        assert!(
            s.contains(r#"class="place area" href="/events?country=NO""#),
            "{s}"
        );
        assert!(s.contains(r#"class="place city" href="/events?place=Bergen""#));
        assert!(world_path().len() > 10_000);
    }
}
