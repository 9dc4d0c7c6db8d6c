//! The OpenAPI 3.1 description served at `/api/openapi.json`. A test walks
//! every route in it against a running server, and every route the server
//! has against it ([`ROUTES`]).

use serde_json::{json, Value};

/// Method and path template of every API route.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/documents/{id}/explain"),
    ("get", "/api/events"),
    ("get", "/api/quotes"),
    ("get", "/api/actors"),
    ("get", "/api/actors/{code}"),
    ("get", "/api/network"),
    ("get", "/api/timeline"),
    ("get", "/api/places"),
    ("post", "/api/code"),
    ("post", "/api/ingest"),
];

fn q(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn path(name: &str, desc: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": desc,
           "schema": {"type": "string"}})
}

fn s() -> Value {
    json!({"type": "string"})
}

fn int() -> Value {
    json!({"type": "integer", "minimum": 0})
}

/// `dyad query`'s filters as query parameters.
fn filters() -> Vec<Value> {
    vec![
        q("actor", "Actor as source or target: a CAMEO code or prefix (SYR, USAGOV) or a canonical name; repeat for alternatives", s()),
        q("source", "Actor as source", s()),
        q("target", "Actor as target", s()),
        q("dyad", "Source and target: SOURCE,TARGET", s()),
        q("code", "CAMEO code or prefix (19: every code under root 19)", s()),
        q("root", "CAMEO root, two digits", s()),
        q("quad", "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict", json!({"type": "integer", "minimum": 1, "maximum": 4})),
        q("plover", "PLOVER event type (ASSAULT, CONSULT, ...)", s()),
        q("since", "First day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)", s()),
        q("until", "Last day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)", s()),
        q("country", "Country of the event's place (ISO 3166-1 alpha-2)", s()),
        q("place", "Place or first-level region name", s()),
        q("near", "Within a radius of a point: LAT,LON,KM", s()),
        q("outlet", "Outlet of a reporting article", s()),
        q("text", "Full-text query (SQLite FTS5) over the event's sentence", s()),
        q("one_a_day", "Phoenix's one-a-day filter", json!({"type": "boolean"})),
    ]
}

fn paging(default: u64) -> Vec<Value> {
    vec![
        q(
            "limit",
            &format!("At most this many rows (default {default}, at most 1000)"),
            int(),
        ),
        q("offset", "Skip this many rows", int()),
    ]
}

fn with(mut a: Vec<Value>, b: Vec<Value>) -> Value {
    a.extend(b);
    Value::Array(a)
}

fn ok(desc: &str, schema: &str) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "default": {"$ref": "#/components/responses/Error"}
    })
}

/// The whole description.
pub fn spec() -> Value {
    let any = json!({"type": "object", "additionalProperties": true});
    let body = json!({
        "required": true,
        "description": "An article: plain text, an HTML page, or JSON lines ({\"id\", \"url\", \"title\", \"published\", \"text\" | \"html\"} per line); the format is read from the content. At most 10 MB.",
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}}
        }
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "dyad",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Political events (CAMEO) coded from news, each explainable to its sentence and dictionary line. Read-only except POST /api/ingest (enabled with --allow-ingest and a bearer token)."
        },
        "paths": {
            "/api/openapi.json": {"get": {"operationId": "openapi", "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": any}}}}}},
            "/api/documents": {"get": {"operationId": "documents", "summary": "Stored documents, newest first: search and paging",
                "parameters": with(vec![
                    q("search", "Words in the title, id or URL", s()),
                    q("text", "Full-text query (FTS5) over the sentences", s()),
                    q("outlet", "Outlet", s()),
                    q("since", "Published on or after (YYYY-MM-DD, YYYY-MM or YYYY)", s()),
                    q("until", "Published on or before", s()),
                ], paging(50)),
                "responses": ok("A page of documents", "DocPage")}},
            "/api/documents/{id}": {"get": {"operationId": "document", "summary": "One document as the output contract JSON",
                "parameters": [path("id", "Document id")],
                "responses": ok("The document", "Contract")}},
            "/api/documents/{id}/explain": {"get": {"operationId": "explain", "summary": "What `dyad explain` prints for one sentence: its parse, actor mentions, every pattern tried and why, the events",
                "parameters": [path("id", "Document id"), {"name": "sentence", "in": "query", "required": true, "description": "Sentence index (0-based, as events[].sentence)", "schema": int()}],
                "responses": ok("The explanation", "Explanation")}},
            "/api/events": {"get": {"operationId": "events", "summary": "Merged events (or one row per report with mentions=true), each with its mentions",
                "parameters": with(filters(), {
                    let mut p = paging(100);
                    p.push(q("mentions", "One row per mention instead of per merged event", json!({"type": "boolean"})));
                    p
                }),
                "responses": ok("A page of events", "Events")}},
            "/api/quotes": {"get": {"operationId": "quotes", "summary": "Quotes with their speakers, and the sources they come from",
                "parameters": with(vec![
                    q("doc", "Document id", s()),
                    q("speaker", "Speaker: a code prefix or a name", s()),
                    q("kind", "direct, indirect or belief", json!({"type": "string", "enum": ["direct", "indirect", "belief"]})),
                    q("anonymous", "Only anonymous (true) or named (false) speakers", json!({"type": "boolean"})),
                ], paging(100)),
                "responses": ok("Quotes and sources", "Quotes")}},
            "/api/actors": {"get": {"operationId": "actors", "summary": "Actors of the selected events, most events first",
                "parameters": with(filters(), vec![q("limit", "At most this many actors (default 50)", int())]),
                "responses": ok("Actors", "Actors")}},
            "/api/actors/{code}": {"get": {"operationId": "actor", "summary": "One actor's events (code or prefix, or a canonical name)",
                "parameters": with(vec![path("code", "CAMEO actor code or prefix, or a canonical name")], with(filters(), paging(100)).as_array().cloned().unwrap_or_default()),
                "responses": ok("The actor's events and counts by QuadClass", "Actor")}},
            "/api/network": {"get": {"operationId": "network", "summary": "The actor network: nodes and directed dyads with counts and mean Goldstein",
                "parameters": with(filters(), vec![q("limit", "At most this many dyads, largest first (default 200)", int())]),
                "responses": ok("Nodes and edges", "Network")}},
            "/api/timeline": {"get": {"operationId": "timeline", "summary": "Event counts by period and QuadClass",
                "parameters": with(filters(), vec![q("by", "Period", json!({"type": "string", "enum": ["week", "day", "month"]}))]),
                "responses": ok("Counts per period", "Timeline")}},
            "/api/places": {"get": {"operationId": "places", "summary": "Where the selected events took place, with precision (feature)",
                "parameters": with(filters(), vec![q("limit", "At most this many places (default 500)", int())]),
                "responses": ok("Places", "Places")}},
            "/api/code": {"post": {"operationId": "code", "summary": "Code a posted article without storing it",
                "requestBody": body.clone(),
                "responses": {
                    "200": {"description": "The coded document (an array for several JSON lines)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Contract"}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "413": {"$ref": "#/components/responses/Error"},
                    "422": {"$ref": "#/components/responses/Error"},
                    "default": {"$ref": "#/components/responses/Error"}}}},
            "/api/ingest": {"post": {"operationId": "ingest", "summary": "Code and store posted articles (only with --allow-ingest)",
                "security": [{"bearer": []}],
                "requestBody": body,
                "responses": {
                    "200": {"description": "What was stored", "content": {"application/json": {"schema": any}}},
                    "401": {"$ref": "#/components/responses/Error"},
                    "403": {"$ref": "#/components/responses/Error"},
                    "413": {"$ref": "#/components/responses/Error"},
                    "422": {"$ref": "#/components/responses/Error"},
                    "default": {"$ref": "#/components/responses/Error"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                "description": "The token given to dyad serve in DYAD_INGEST_TOKEN"}},
            "responses": {
                "BadRequest": {"description": "A bad parameter, named in error.param",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "Error": {"description": "An error",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["status", "message"],
                    "properties": {"status": {"type": "integer"}, "message": {"type": "string"},
                                   "param": {"type": "string"}}}}},
                "DocPage": {"type": "object", "required": ["total", "offset", "documents"],
                    "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
                                   "documents": {"type": "array", "items": any}}},
                "Contract": {"type": "object", "required": ["id", "text"],
                    "description": "The output contract (README: Output contract)", "additionalProperties": true},
                "Explanation": {"type": "object", "required": ["sentence", "text", "parse", "tried", "events"],
                    "properties": {"sentence": {"type": "integer"}, "text": {"type": "string"},
                        "parse": {"type": "array", "items": {"type": "string"}},
                        "mentions": {"type": "array", "items": {"type": "string"}},
                        "tried": {"type": "array", "items": {"type": "string"}},
                        "events": {"type": "array", "items": {"type": "string"}},
                        "printed": {"type": "string"}}},
                "Events": {"type": "object", "required": ["events"],
                    "properties": {"offset": {"type": "integer"}, "limit": {"type": "integer"},
                                   "events": {"type": "array", "items": any}}},
                "Quotes": {"type": "object", "required": ["quotes", "sources"],
                    "properties": {"quotes": {"type": "array", "items": any}, "sources": any}},
                "Actors": {"type": "object", "required": ["actors"],
                    "properties": {"actors": {"type": "array", "items": any}}},
                "Actor": {"type": "object", "required": ["actor", "events"],
                    "properties": {"actor": {"type": "string"}, "by_quad": {"type": "array", "items": any},
                                   "events": {"type": "array", "items": any}}},
                "Network": {"type": "object", "required": ["nodes", "edges"],
                    "properties": {"nodes": {"type": "array", "items": any}, "edges": {"type": "array", "items": any}}},
                "Timeline": {"type": "object", "required": ["by", "periods"],
                    "properties": {"by": {"type": "string"}, "periods": {"type": "array", "items": any}}},
                "Places": {"type": "object", "required": ["places"],
                    "properties": {"places": {"type": "array", "items": any}}}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_lists_exactly_the_routes() {
        let spec = spec();
        let paths = spec["paths"].as_object().unwrap();
        let mut described: Vec<(String, String)> = vec![];
        for (p, ops) in paths {
            for m in ops.as_object().unwrap().keys() {
                described.push((m.clone(), p.clone()));
            }
        }
        let mut routes: Vec<(String, String)> = ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        described.sort();
        routes.sort();
        assert_eq!(described, routes);
    }
}
