//! dyad-serve: `dyad serve`, an HTTP API and a web view over a dyad database,
//! where every event explains itself.
//!
//! - API under `/api/` (JSON; [`openapi`] describes every route at
//!   `/api/openapi.json`): documents (search, paging, one as the contract
//!   JSON, one sentence's explanation), events with their mentions, quotes
//!   and sources, actors, the network, the timeline, the places, and
//!   `POST /api/code` (codes a posted article without storing it). The
//!   filters are `dyad query`'s ([`dyad_store::query::Filter::set`]); a bad
//!   one is a 400 naming the parameter. `POST /api/ingest` exists only with
//!   an ingest token ([`Config::ingest_token`]), and answers 401 without it.
//! - Pages rendered on the server (`/`, `/documents/{id}`, `/events`,
//!   `/network`, `/timeline`, `/map`), with a small stylesheet and script and
//!   the map's world outline embedded in the binary ([`assets`]).
//! - Bounded: request bodies ([`Limits::max_body`]), time to send the
//!   headers and to answer, requests in flight and open connections are
//!   limited; the API reads through read-only SQLite connections.
//!
//! Public API: [`Config`], [`Limits`], [`Server`] ([`Server::bind`],
//! [`Server::local_addr`], [`Server::run`]), [`ServeError`], the load
//! generator [`bench`] and its small HTTP client [`client`].

mod api;
pub mod assets;
pub mod bench;
pub mod client;
mod error;
mod html;
pub mod openapi;
pub(crate) mod pages;
mod params;
mod pool;
mod state;
mod svg;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;

pub use error::ApiError;
use state::State;

/// What `dyad serve` serves, and where.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    /// Loopback by default: another address exposes the database.
    pub addr: SocketAddr,
    /// `POST /api/ingest` is enabled only with a token, which each request
    /// must then bring as `Authorization: Bearer TOKEN`.
    pub ingest_token: Option<String>,
    pub limits: Limits,
}

/// What one client may cost the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of one request body (`POST /api/code`, `/api/ingest`).
    pub max_body: usize,
    /// Time to receive a request's headers (a slow client is cut off).
    pub header_timeout: Duration,
    /// Time to read the body and answer one request (408 past it).
    pub request_timeout: Duration,
    /// Requests handled at once; more wait in the accept queue.
    pub concurrency: usize,
    /// Open connections; more wait to be accepted.
    pub max_connections: usize,
    /// Rows of one page of an API answer.
    pub max_page: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 10 * 1024 * 1024,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            concurrency: 64,
            max_connections: 512,
            max_page: 1000,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: PathBuf::from("dyad.db"),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            limits: Limits::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("no database at {0} (run `dyad ingest` first)")]
    NoDatabase(String),
    #[error(transparent)]
    Store(#[from] dyad_store::StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A bound server, ready to run.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
}

impl Server {
    /// Check the database and bind the address (port 0 picks a free one).
    pub async fn bind(config: Config) -> Result<Server, ServeError> {
        if !config.db.is_file() {
            return Err(ServeError::NoDatabase(config.db.display().to_string()));
        }
        let state = Arc::new(State::new(&config)?);
        let app = api::routes()
            .merge(pages::routes())
            .merge(assets::routes())
            .with_state(state);
        let app = error::bounded(app, &config.limits);
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        Ok(Server {
            listener,
            app,
            limits: config.limits,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serve until `shutdown` completes; connections open then are dropped.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), ServeError> {
        use hyper_util::rt::{TokioIo, TokioTimer};
        use hyper_util::service::TowerToHyperService;
        let connections = Arc::new(tokio::sync::Semaphore::new(self.limits.max_connections));
        let header_timeout = self.limits.header_timeout;
        tokio::pin!(shutdown);
        loop {
            let permit = tokio::select! {
                _ = &mut shutdown => return Ok(()),
                p = connections.clone().acquire_owned() => p.expect("semaphore never closed"),
            };
            let (stream, _) = tokio::select! {
                _ = &mut shutdown => return Ok(()),
                a = self.listener.accept() => match a {
                    Ok(a) => a,
                    // Out of file descriptors and the like: wait, then go on.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
            };
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(self.app.clone());
            tokio::spawn(async move {
                let conn = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                let _ = conn.await;
                drop(permit);
            });
        }
    }
}

/// Serve until Ctrl-C or SIGTERM, on a runtime of its own (what `dyad serve`
/// calls); `bound` is told the address once it is listening.
pub fn serve_blocking(config: Config, bound: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let server = Server::bind(config).await?;
        bound(server.local_addr()?);
        server.run(shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
