//! `vmcp doctor`: explains the environment vmcp runs in — its paths and whether they are
//! writable, the store's health, whether each server's command can be found (also on the thin
//! PATH a GUI client gives vmcp), which AI clients launch vmcp, and the versions of the usual
//! launchers. Read-only: it never creates, migrates or writes the store or any other file (the
//! writability check creates and removes a temporary file next to them).

pub(crate) mod clients;
pub(crate) mod servers;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use self::clients::{ClientReport, ToolReport};
use self::servers::ServerReport;
use super::context::Context;
use super::definition::resolve;
use crate::config::{ConfigError, Document};
use crate::store::{StoreError, schema};

/// How long doctor waits for a store another process holds.
const STORE_WAIT: Duration = Duration::from_secs(2);

/// Facts about the process that the command line knows (kept out of `app` for tests).
#[derive(Debug, Clone, Default)]
pub(crate) struct DoctorInputs {
    /// This vmcp binary.
    pub executable: Option<PathBuf>,
    /// `VMCP_HOME`, when set.
    pub vmcp_home: Option<PathBuf>,
    /// `PATH`, when set.
    pub path: Option<OsString>,
}

/// How good something is: every section entry and every problem has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Ok,
    Warn,
    Error,
}

/// Something worth fixing, with how.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Problem {
    pub severity: Level,
    pub message: String,
    pub hint: Option<String>,
}

/// Everything `vmcp doctor` found (also its `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DoctorReport {
    pub vmcp: About,
    pub paths: PathsReport,
    pub store: StoreReport,
    pub servers: Vec<ServerReport>,
    pub clients: Vec<ClientReport>,
    pub tools: Vec<ToolReport>,
    pub problems: Vec<Problem>,
}

impl DoctorReport {
    pub(crate) fn errors(&self) -> usize {
        self.count(Level::Error)
    }

    pub(crate) fn warnings(&self) -> usize {
        self.count(Level::Warn)
    }

    fn count(&self, level: Level) -> usize {
        self.problems.iter().filter(|p| p.severity == level).count()
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct About {
    pub version: &'static str,
    pub os: &'static str,
    pub arch: &'static str,
    pub executable: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PathsReport {
    /// `VMCP_HOME`, when set (otherwise the platform directories are used).
    pub vmcp_home: Option<PathBuf>,
    pub config_file: ConfigFileReport,
    pub config_dir: DirReport,
    pub data_dir: DirReport,
}

/// The default definition file.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ConfigFileReport {
    pub path: PathBuf,
    pub exists: bool,
    pub readable: bool,
    /// `None` when it does not exist or cannot be read.
    pub parses: Option<bool>,
    /// Why it cannot be read or parsed (with file:line:column).
    pub error: Option<String>,
    pub servers: usize,
    pub vmcps: usize,
}

/// A directory vmcp writes to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DirReport {
    pub path: PathBuf,
    pub exists: bool,
    /// Whether vmcp can create files in it (or create it, when it does not exist yet).
    pub writable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum StoreHealth {
    Ok,
    /// No file yet: the first `vmcp server add` (or import) creates it.
    NotCreated,
    /// Another process held it longer than doctor waits.
    Busy,
    Damaged,
    /// Written by a newer vmcp: refused.
    Newer,
    /// Written by an older vmcp: migrated on the next write.
    Older,
    /// Cannot be opened for another reason (permissions…).
    Unreadable,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StoreReport {
    pub path: PathBuf,
    pub health: StoreHealth,
    pub schema_version: Option<u64>,
    /// The newest schema this vmcp reads.
    pub supported_schema_version: u64,
    pub servers: Option<u64>,
    pub vmcps: Option<u64>,
    pub size_bytes: Option<u64>,
    /// Unix permission bits, e.g. `0600` (expected).
    pub mode: Option<String>,
    pub writable: Option<bool>,
    pub error: Option<String>,
}

/// Collects problems while the sections are built.
#[derive(Debug, Default)]
pub(super) struct Problems(pub(super) Vec<Problem>);

impl Problems {
    pub(super) fn add(&mut self, severity: Level, message: String, hint: Option<String>) {
        self.0.push(Problem {
            severity,
            message,
            hint,
        });
    }

    /// An error's text as a problem: its message and its `hint:` line, split.
    fn add_error_text(&mut self, text: &str, severity: Level) {
        let (message, hint) = match text.split_once("\n  hint: ") {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => (text.to_string(), None),
        };
        self.add(severity, message, hint);
    }
}

/// Examines everything; problems are in the report, never returned as errors.
pub(crate) async fn run(ctx: &Context, inputs: &DoctorInputs) -> DoctorReport {
    let mut problems = Problems::default();
    if let Err(e) = ctx.check_home() {
        problems.add_error_text(&e.to_string(), Level::Error);
    }
    let (config, doc) = config_file(&ctx.paths.config_file, &mut problems);
    let paths = PathsReport {
        vmcp_home: inputs.vmcp_home.clone(),
        config_file: config,
        config_dir: dir(ctx.paths.config_file.parent()),
        data_dir: dir(ctx.paths.store_file.parent()),
    };
    for d in [&paths.config_dir, &paths.data_dir] {
        let said = problems
            .0
            .iter()
            .any(|p| p.message.contains(&*d.path.to_string_lossy()));
        if !d.writable && !said {
            problems.add(
                Level::Error,
                format!("vmcp cannot create files in {}", d.path.display()),
                Some("fix its permissions, or point VMCP_HOME at a directory you own".into()),
            );
        }
    }
    let store_handle = ctx.store.clone().with_lock_wait(STORE_WAIT);
    let store = store(&store_handle, &mut problems);
    // Records are read only from a file of the current schema: reading an older one would
    // migrate it.
    let readable = store.health == StoreHealth::Ok;
    let stored_servers = if readable {
        store_handle.servers().unwrap_or_default()
    } else {
        std::collections::BTreeMap::default()
    };
    let mut known_vmcps: Vec<String> = if readable {
        store_handle
            .vmcps()
            .unwrap_or_default()
            .into_keys()
            .collect()
    } else {
        Vec::new()
    };
    let mut servers = servers::check(
        &stored_servers,
        "store",
        Path::new(""),
        inputs.path.as_deref(),
        &mut problems,
    );
    if let Some(doc) = &doc {
        known_vmcps.extend(doc.file.vmcps.keys().cloned());
        servers.extend(servers::check(
            &doc.file.servers,
            "default-file",
            doc.path.parent().unwrap_or(Path::new("")),
            inputs.path.as_deref(),
            &mut problems,
        ));
    }
    if readable {
        let cached = store_handle.all_cached_catalogs().unwrap_or_default();
        servers::remembered_protocols(&mut servers, &cached);
    }
    let clients = clients::clients(
        inputs.vmcp_home.as_deref(),
        &known_vmcps,
        inputs.path.as_deref(),
        &mut problems,
    );
    DoctorReport {
        vmcp: About {
            version: env!("CARGO_PKG_VERSION"),
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            executable: inputs.executable.clone(),
        },
        paths,
        store,
        servers,
        clients,
        tools: clients::tools(inputs.path.as_deref()).await,
        problems: problems.0,
    }
}

fn config_file(path: &Path, problems: &mut Problems) -> (ConfigFileReport, Option<Document>) {
    let mut report = ConfigFileReport {
        path: path.to_path_buf(),
        exists: path.exists(),
        readable: false,
        parses: None,
        error: None,
        servers: 0,
        vmcps: 0,
    };
    if !report.exists {
        return (report, None);
    }
    match resolve::load(path) {
        Ok(doc) => {
            report.readable = true;
            report.parses = Some(true);
            report.servers = doc.file.servers.len();
            report.vmcps = doc.file.vmcps.len();
            (report, Some(doc))
        }
        Err(e) => {
            report.readable = !matches!(e, ConfigError::Read { .. } | ConfigError::Missing { .. });
            report.parses = report.readable.then_some(false);
            let what = if report.readable {
                "does not parse"
            } else {
                "cannot be read"
            };
            problems.add(
                Level::Error,
                format!("the default definition file {what}: {e}"),
                Some(format!(
                    "fix {} (`vmcp check` shows every problem); nothing in it is used until then",
                    path.display()
                )),
            );
            report.error = Some(e.to_string());
            (report, None)
        }
    }
}

fn dir(path: Option<&Path>) -> DirReport {
    let path = path.unwrap_or(Path::new(".")).to_path_buf();
    let exists = path.is_dir();
    // A missing directory is created on first use: what matters is whether it can be, which a
    // file in its place (or above it) forbids.
    let probe = path
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("."));
    DirReport {
        writable: probe.is_dir() && can_create_in(probe),
        path,
        exists,
    }
}

/// Whether a file can be created in `dir` (tried, then removed).
fn can_create_in(dir: &Path) -> bool {
    let probe = dir.join(format!(
        ".vmcp-doctor-{}-{}",
        std::process::id(),
        fastrand::u32(..)
    ));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

fn store(store: &crate::store::Store, problems: &mut Problems) -> StoreReport {
    let path = store.path().to_path_buf();
    let mut report = StoreReport {
        path: path.clone(),
        health: StoreHealth::NotCreated,
        schema_version: None,
        supported_schema_version: schema::SCHEMA_VERSION,
        servers: None,
        vmcps: None,
        size_bytes: None,
        mode: None,
        writable: None,
        error: None,
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return report;
    };
    report.size_bytes = Some(meta.len());
    report.mode = file_mode(&meta);
    if let Some(mode) = report.mode.as_deref().filter(|m| *m != "0600") {
        problems.add(
            Level::Warn,
            format!(
                "the store {} has mode {mode}; vmcp keeps it private (0600)",
                path.display()
            ),
            Some(format!("chmod 600 {}", path.display())),
        );
    }
    // Opening for writing without writing anything changes neither contents nor times.
    let writable = std::fs::OpenOptions::new().write(true).open(&path).is_ok();
    report.writable = Some(writable);
    if !writable {
        problems.add(
            Level::Error,
            format!("the store {} is not writable", path.display()),
            Some("fix its owner or permissions (vmcp needs to write it)".to_string()),
        );
    }
    match store.inspect() {
        Ok(None) => {}
        Ok(Some(summary)) => {
            report.schema_version = summary.schema_version;
            report.servers = Some(summary.servers);
            report.vmcps = Some(summary.vmcps);
            report.health = match summary.schema_version {
                Some(v) if v > schema::SCHEMA_VERSION => StoreHealth::Newer,
                Some(v) if v < schema::SCHEMA_VERSION => StoreHealth::Older,
                _ => StoreHealth::Ok,
            };
            if report.health == StoreHealth::Newer {
                let e = StoreError::Newer {
                    found: summary.schema_version.unwrap_or_default(),
                    supported: schema::SCHEMA_VERSION,
                };
                store_problem(&e, problems);
                report.error = Some(e.to_string());
            }
        }
        Err(e) => {
            report.health = match &e {
                StoreError::Busy { .. } => StoreHealth::Busy,
                StoreError::Corrupt { .. } | StoreError::Damaged(_) => StoreHealth::Damaged,
                StoreError::Newer { .. } => StoreHealth::Newer,
                _ => StoreHealth::Unreadable,
            };
            store_problem(&e, problems);
            report.error = Some(e.to_string());
        }
    }
    report
}

/// A store error as a problem.
fn store_problem(e: &StoreError, problems: &mut Problems) {
    let level = if matches!(e, StoreError::Busy { .. }) {
        Level::Warn
    } else {
        Level::Error
    };
    problems.add_error_text(&e.to_string(), level);
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` elsewhere
fn file_mode(meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    Some(format!("{:04o}", meta.permissions().mode() & 0o7777))
}

#[cfg(not(unix))]
fn file_mode(_meta: &std::fs::Metadata) -> Option<String> {
    None
}
