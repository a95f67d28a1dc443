//! A stamp beside the store (`vmcp.redb.changes`) that every change to a definition rewrites:
//! servers, vMCPs and trust pins. A running session reads it to learn that its definition may
//! have changed without opening the store (which would take part in its locking), and file-system
//! notifications see it change. The call log and the catalog cache, written all the time, do not
//! touch it.
//!
//! The stamp is a counter with the writer's pid and the time, written to a temporary file and
//! renamed over the old one: two processes that bump it at once each leave a different text, so
//! a reader that compares texts never misses a change for a lost increment.

use std::path::PathBuf;

use super::Store;

impl Store {
    /// The stamp file beside the store.
    pub(crate) fn stamp_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".changes");
        self.path.with_file_name(name)
    }

    /// The stamp now (`None`: no definition was changed since the store was made, or it cannot
    /// be read).
    pub(crate) fn stamp(&self) -> Option<String> {
        std::fs::read_to_string(self.stamp_path()).ok()
    }

    /// [`Store::write`] for a change to a definition: the stamp is rewritten once it committed.
    pub(super) fn write_definition<T>(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<T, super::StoreError>,
    ) -> Result<T, super::StoreError> {
        let out = self.write(f)?;
        self.bump_stamp();
        Ok(out)
    }

    /// Rewrites the stamp after a definition changed. Best effort: a stamp that cannot be
    /// written costs running sessions only the change's prompt arrival (they also poll).
    fn bump_stamp(&self) {
        let path = self.stamp_path();
        let count = self
            .stamp()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let text = format!("{} {} {nanos}\n", count + 1, std::process::id());
        let mut temp = path.clone().into_os_string();
        temp.push(format!(".{}", std::process::id()));
        let temp = PathBuf::from(temp);
        let written = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            tracing::debug!("cannot write {}: {e}", path.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{ServerConfig, VmcpConfig};
    use crate::store::Store;

    #[test]
    fn definition_writes_change_the_stamp_and_call_log_writes_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("vmcp.redb"));
        assert_eq!(store.stamp(), None);
        let server = ServerConfig {
            command: Some("true".into()),
            ..ServerConfig::default()
        };
        store.put_server("s", &server, false).unwrap();
        let first = store.stamp().expect("a stamp after a server was added");
        let mut v = VmcpConfig::default();
        v.servers
            .0
            .insert("s".into(), crate::config::Selection::default());
        store.put_vmcp("v", &v, false).unwrap();
        let second = store.stamp().unwrap();
        assert_ne!(first, second);
        store.set_setting("x", Some("1")).unwrap();
        store.append_calls(&[]).unwrap();
        assert_eq!(store.stamp().unwrap(), second, "not a definition");
        store
            .update_vmcp("v", |v| {
                v.description = Some("d".into());
                Ok(())
            })
            .unwrap();
        assert_ne!(store.stamp().unwrap(), second);
    }
}
