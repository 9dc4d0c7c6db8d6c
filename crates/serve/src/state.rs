//! What every handler shares: the connections, the pipeline (built on first
//! use: loading the models costs a second), CAMEO code names, the token.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use dyad_pipeline::Pipeline;
use dyad_store::Store;

use crate::error::ApiError;
use crate::pool::Pool;
use crate::{Config, Limits, ServeError};

pub(crate) struct State {
    pub pool: Pool,
    pub db: PathBuf,
    pub token: Option<String>,
    pub limits: Limits,
    pipeline: OnceLock<Pipeline>,
    /// The one writable connection, for ingest (opened on first use).
    writer: Mutex<Option<Store>>,
    cameo: HashMap<String, String>,
}

pub(crate) type Shared = Arc<State>;

impl State {
    pub fn new(config: &Config) -> Result<State, ServeError> {
        let (file, text) = dyad_code::DEFAULT_CAMEO;
        let cameo = dyad_dict::parse_cameo(text, file)
            .map(|codes| codes.into_iter().map(|c| (c.code, c.name)).collect())
            .unwrap_or_default();
        Ok(State {
            pool: Pool::new(config.db.clone(), config.limits.concurrency.max(1))?,
            db: config.db.clone(),
            token: config.ingest_token.clone(),
            limits: config.limits,
            pipeline: OnceLock::new(),
            writer: Mutex::new(None),
            cameo,
        })
    }

    pub fn pipeline(&self) -> &Pipeline {
        self.pipeline.get_or_init(Pipeline::default)
    }

    /// The CAMEO name of a code (`190` → "Use conventional military force").
    pub fn code_name(&self, code: &str) -> Option<&str> {
        self.cameo.get(code).map(|s| s.as_str())
    }

    /// Run `f` with the writable store (ingest), one writer at a time.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if w.is_none() {
            *w = Some(Store::open(&self.db)?);
        }
        f(w.as_mut().expect("opened above"))
    }
}

/// Run a read against the database on a blocking thread.
pub(crate) async fn read<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&State, &Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let conn = st.pool.get()?;
        f(&st, &conn)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Run CPU work (coding) on a blocking thread.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&State) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let st = state.clone();
    tokio::task::spawn_blocking(move || f(&st))
        .await
        .map_err(ApiError::internal)?
}
