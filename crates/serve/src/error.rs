//! JSON errors, and the layers that bound what a request may cost.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::json;

use crate::Limits;

/// An API error: its status, a message and, for a bad parameter, its name.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub param: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            param: None,
        }
    }
    pub fn bad_param(param: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            param: Some(param.to_string()),
        }
    }
    pub fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }
    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
    pub fn body(&self) -> serde_json::Value {
        let mut e = json!({"status": self.status.as_u16(), "message": self.message});
        if let Some(p) = &self.param {
            e["param"] = json!(p);
        }
        json!({ "error": e })
    }
}

impl From<dyad_store::StoreError> for ApiError {
    fn from(e: dyad_store::StoreError) -> ApiError {
        // An FTS5 syntax error is the user's query, not the server.
        let msg = e.to_string();
        if msg.contains("fts5") {
            return ApiError::bad_param("text", msg);
        }
        ApiError::internal(msg)
    }
}

impl From<dyad_store::query::FilterError> for ApiError {
    fn from(e: dyad_store::query::FilterError) -> ApiError {
        ApiError::bad_param(&e.param, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(self.body())).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        r
    }
}

/// The router with its limits: body size, time to answer, requests at once.
/// The limits' own refusals are JSON errors like the rest.
pub(crate) fn bounded(app: Router, limits: &Limits) -> Router {
    use axum::http::StatusCode;
    use tower_http::limit::RequestBodyLimitLayer;
    use tower_http::timeout::TimeoutLayer;
    app.fallback(|| async { ApiError::not_found("no such page or API route") })
        .layer(axum::extract::DefaultBodyLimit::max(limits.max_body))
        .layer(RequestBodyLimitLayer::new(limits.max_body))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            limits.concurrency,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(axum::middleware::map_response(json_refusals))
}

/// tower-http answers an oversized body (413) and a timeout (408) with an
/// empty or plain-text body: give them the JSON error every other refusal has.
async fn json_refusals(r: Response) -> Response {
    let s = r.status();
    let plain = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if plain && (s == StatusCode::PAYLOAD_TOO_LARGE || s == StatusCode::REQUEST_TIMEOUT) {
        let msg = if s == StatusCode::PAYLOAD_TOO_LARGE {
            "request body too large"
        } else {
            "request took too long"
        };
        return ApiError::new(s, msg).into_response();
    }
    r
}
