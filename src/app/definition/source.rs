//! Where a vMCP definition comes from: `--config FILE` if given; else the default definition
//! file, if it defines the name; else the store. The first that has it wins, and callers can
//! say which (`vmcp vmcp show`). A server started on its own (`vmcp server test`, `vmcp login`)
//! is found the other way round: the given file only, else the store, else the default file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::resolve::{self, Definition};
use crate::app::context::Context;
use crate::config::{ConfigError, Document, error::suggest};
use crate::config::{ConfigFile, ServerConfig, VmcpConfig};
use crate::store::{Store, StoreError, StoredDefinition};
use crate::support::paths::Paths;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// The file named by `--config`.
    File(PathBuf),
    /// The default definition file.
    DefaultFile(PathBuf),
    /// The embedded store.
    Store(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(p) => write!(f, "{} (--config)", p.display()),
            Source::DefaultFile(p) => write!(f, "{} (default definition file)", p.display()),
            Source::Store(p) => write!(f, "{} (store)", p.display()),
        }
    }
}

impl Source {
    /// A short word for tables and JSON: `file`, `default-file`, `store`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Source::File(_) => "file",
            Source::DefaultFile(_) => "default-file",
            Source::Store(_) => "store",
        }
    }

    /// The definition file, when the definition came from one (not the store).
    pub(crate) fn file(&self) -> Option<&Path> {
        match self {
            Source::File(p) | Source::DefaultFile(p) => Some(p),
            Source::Store(_) => None,
        }
    }

    pub(crate) fn path(&self) -> &Path {
        match self {
            Source::File(p) | Source::DefaultFile(p) | Source::Store(p) => p,
        }
    }
}

/// A vMCP found in one of the sources.
pub(crate) struct Found {
    pub name: String,
    pub source: Source,
    origin: Origin,
}

enum Origin {
    File(Document),
    Store(StoredDefinition),
}

impl Found {
    /// The definition, ready for [`resolve::session_plan`].
    pub(crate) fn definition(&self) -> Result<Definition<'_>, ConfigError> {
        match &self.origin {
            Origin::File(doc) => Definition::from_document(doc, &self.name),
            Origin::Store(d) => Ok(Definition {
                name: &self.name,
                vmcp: &d.vmcp,
                servers: &d.servers,
                // Stored commands and directories were made absolute when they were added.
                base_dir: Path::new(""),
                doc: None,
                origin: self.source.path(),
            }),
        }
    }
}

/// Finds vMCP `name` (see the module docs for the order).
pub(crate) fn find(
    name: &str,
    explicit: Option<&Path>,
    paths: &Paths,
    store: &Store,
) -> anyhow::Result<Found> {
    if let Some(file) = explicit {
        let doc = resolve::load(file)?;
        doc.vmcp(name)?;
        return Ok(Found {
            name: name.to_string(),
            source: Source::File(file.to_path_buf()),
            origin: Origin::File(doc),
        });
    }
    let default_doc = if paths.config_file.exists() {
        Some(resolve::load(&paths.config_file)?)
    } else {
        None
    };
    let default_doc = match default_doc {
        Some(doc) if doc.file.vmcps.contains_key(name) => {
            return Ok(Found {
                name: name.to_string(),
                source: Source::DefaultFile(paths.config_file.clone()),
                origin: Origin::File(doc),
            });
        }
        other => other,
    };
    if let Some(stored) = store.definition(name)? {
        return Ok(Found {
            name: name.to_string(),
            source: Source::Store(store.path().to_path_buf()),
            origin: Origin::Store(stored),
        });
    }
    let mut known: Vec<String> = default_doc
        .map(|d| d.file.vmcps.keys().cloned().collect())
        .unwrap_or_default();
    known.extend(store.vmcps()?.into_keys());
    known.sort();
    known.dedup();
    Err(NotFound {
        name: name.to_string(),
        suggestion: suggest(name, known.iter().map(String::as_str)),
        known,
        config_file: paths.config_file.clone(),
        store: store.path().to_path_buf(),
    }
    .into())
}

/// No source defines the vMCP.
#[derive(Debug, thiserror::Error)]
#[error("no vMCP named `{name}` in {} or the store {}{}{}", config_file.display(), store.display(),
    if known.is_empty() { "\n  hint: create one with `vmcp vmcp create` or write it in the definition file".to_string() } else { format!("; known: {}", known.join(", ")) },
    suggestion.as_ref().map(|s| format!("\n  hint: did you mean `{s}`?")).unwrap_or_default())]
pub(crate) struct NotFound {
    pub name: String,
    pub known: Vec<String>,
    pub suggestion: Option<String>,
    pub config_file: PathBuf,
    pub store: PathBuf,
}

/// No server of that name in the definition file given with `--config`.
#[derive(Debug, thiserror::Error)]
#[error("server `{name}` is not defined in {}{}", file.display(),
    if known.is_empty() { String::new() } else { format!("; it defines: {}", known.join(", ")) })]
pub(crate) struct NotInFile {
    pub name: String,
    pub file: PathBuf,
    pub known: Vec<String>,
}

/// The server `name` and the directory its relative paths resolve against: from `config` when
/// given (that file only), else from the store, else from the default definition file.
pub(crate) fn find_server(
    ctx: &Context,
    name: &str,
    config: Option<&Path>,
) -> anyhow::Result<(ServerConfig, PathBuf)> {
    let in_file = |file: &Path| -> anyhow::Result<Option<(ServerConfig, PathBuf)>> {
        let doc = resolve::load(file)?;
        Ok(doc.file.servers.get(name).map(|s| {
            let base = doc.path.parent().unwrap_or(Path::new("")).to_path_buf();
            (s.clone(), base)
        }))
    };
    if let Some(file) = config {
        return in_file(file)?.ok_or_else(|| {
            let known = resolve::load(file)
                .map(|d| d.file.servers.into_keys().collect())
                .unwrap_or_default();
            NotInFile {
                name: name.to_string(),
                file: file.to_path_buf(),
                known,
            }
            .into()
        });
    }
    if let Some(s) = ctx.store.server(name)? {
        return Ok((s, PathBuf::new()));
    }
    if ctx.paths.config_file.exists()
        && let Some(found) = in_file(&ctx.paths.config_file)?
    {
        return Ok(found);
    }
    Err(StoreError::not_found("server", name).into())
}

/// The default definition file's contents, if it exists.
pub(crate) fn default_file(paths: &Paths) -> anyhow::Result<Option<ConfigFile>> {
    if paths.config_file.exists() {
        Ok(Some(resolve::load(&paths.config_file)?.file))
    } else {
        Ok(None)
    }
}

/// A server definition, the source that has it, and the vMCPs of that source that use it.
pub(crate) struct ServerDefinition {
    pub name: String,
    pub config: ServerConfig,
    /// `store` or `default-file`.
    pub source: &'static str,
    pub used_by: Vec<String>,
}

/// Every server definition: the store's, then the default file's (a name may be in both).
pub(crate) fn servers(ctx: &Context) -> anyhow::Result<Vec<ServerDefinition>> {
    let entry =
        |name: &String, config: &ServerConfig, source, vmcps: &BTreeMap<String, VmcpConfig>| {
            ServerDefinition {
                name: name.clone(),
                config: config.clone(),
                source,
                used_by: vmcps
                    .iter()
                    .filter(|(_, v)| v.servers.0.contains_key(name))
                    .map(|(n, _)| n.clone())
                    .collect(),
            }
        };
    let stored_vmcps = ctx.store.vmcps()?;
    let mut out: Vec<ServerDefinition> = ctx
        .store
        .servers()?
        .iter()
        .map(|(n, s)| entry(n, s, "store", &stored_vmcps))
        .collect();
    if let Some(file) = default_file(&ctx.paths)? {
        out.extend(
            file.servers
                .iter()
                .map(|(n, s)| entry(n, s, "default-file", &file.vmcps)),
        );
    }
    Ok(out)
}

/// Every vMCP defined where `find` looks: the `--config` file alone when given, else the
/// default file's and the store's (sorted, each once).
pub(crate) fn vmcp_names(
    explicit: Option<&Path>,
    paths: &Paths,
    store: &Store,
) -> anyhow::Result<Vec<String>> {
    if let Some(file) = explicit {
        return Ok(resolve::load(file)?.file.vmcps.into_keys().collect());
    }
    let mut names: Vec<String> = match default_file(paths)? {
        Some(file) => file.vmcps.into_keys().collect(),
        None => Vec::new(),
    };
    names.extend(store.vmcps()?.into_keys());
    names.sort();
    names.dedup();
    Ok(names)
}
