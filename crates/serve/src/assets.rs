//! Static assets, embedded in the binary: the stylesheet, the script (plain
//! JavaScript written for dyad, no library) and the map's world outline
//! (Natural Earth via npm `world-atlas`, converted by
//! `tools/assets/build.sh`). Only the names in [`FILES`] are served, so no
//! path can reach the file system.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::ApiError;
use crate::state::Shared;

/// Name, content type, bytes.
pub const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
];

/// The world outline: one ring a line, `lon,lat lon,lat ...`.
pub const WORLD: &str = include_str!("../assets/world.txt");

pub(crate) fn routes() -> Router<Shared> {
    Router::new().route("/static/{*path}", get(file))
}

async fn file(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == path) {
        Some((_, ctype, bytes)) => (
            [
                (header::CONTENT_TYPE, *ctype),
                (header::CACHE_CONTROL, "public, max-age=3600"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            *bytes,
        )
            .into_response(),
        None => ApiError::not_found(format!("no static file {path:?}")).into_response(),
    }
}
