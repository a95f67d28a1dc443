//! The composition root of every command: where vmcp's files are, and the one store handle,
//! built once and passed down.

use anyhow::Context as _;

use crate::store::Store;
use crate::support::paths::Paths;

pub struct Context {
    pub paths: Paths,
    pub store: Store,
}

impl Context {
    pub fn new(paths: Paths) -> Context {
        let store = Store::new(paths.store_file.clone());
        Context { paths, store }
    }

    /// From `VMCP_HOME` or the platform directories.
    pub fn from_env() -> anyhow::Result<Context> {
        let paths = Paths::from_env()
            .context("cannot determine where vmcp keeps its files: set VMCP_HOME")?;
        Ok(Context::new(paths))
    }
}
