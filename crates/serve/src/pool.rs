//! Read-only database connections, reused across requests (each keeps its
//! prepared statements and page cache), one per blocking task at a time.

use std::path::PathBuf;
use std::sync::Mutex;

use dyad_store::{Store, StoreError};

pub(crate) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    max_idle: usize,
}

impl Pool {
    pub fn new(path: PathBuf, max_idle: usize) -> Result<Pool, StoreError> {
        let first = Store::open_read_only(&path)?;
        Ok(Pool {
            path,
            idle: Mutex::new(vec![first]),
            max_idle,
        })
    }

    /// A connection: an idle one, or a new one.
    pub fn get(&self) -> Result<Pooled<'_>, StoreError> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let store = match idle {
            Some(s) => s,
            None => Store::open_read_only(&self.path)?,
        };
        Ok(Pooled {
            store: Some(store),
            pool: self,
        })
    }
}

pub(crate) struct Pooled<'a> {
    store: Option<Store>,
    pool: &'a Pool,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store.as_ref().expect("held until dropped")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.store.take() {
            let mut idle = self.pool.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < self.pool.max_idle {
                idle.push(s);
            }
        }
    }
}
