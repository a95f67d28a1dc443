//! `vmcp check`: validate a definition file without starting anything — syntax, unknown keys,
//! references, names, and that every `${env:…}` of the checked vMCPs is set.

use std::path::{Path, PathBuf};

use super::context::Context;
use super::resolve::{self, Definition, EnvLookup};
use crate::config::ConfigError;

pub struct CheckOptions {
    pub config: Option<PathBuf>,
    /// Only this vMCP (default: all of them).
    pub vmcp: Option<String>,
}

/// What was checked, for the report.
#[derive(Debug)]
pub struct CheckReport {
    pub file: PathBuf,
    /// (vMCP name, number of servers it uses).
    pub vmcps: Vec<(String, usize)>,
    pub servers: usize,
}

pub fn run(opts: &CheckOptions, ctx: &Context, env: EnvLookup<'_>) -> anyhow::Result<CheckReport> {
    let path = opts
        .config
        .clone()
        .unwrap_or_else(|| ctx.paths.config_file.clone());
    check_file(&path, opts.vmcp.as_deref(), env).map_err(anyhow::Error::from)
}

fn check_file(
    path: &Path,
    only: Option<&str>,
    env: EnvLookup<'_>,
) -> Result<CheckReport, ConfigError> {
    let doc = resolve::load(path)?;
    let names: Vec<String> = match only {
        Some(n) => {
            doc.vmcp(n)?;
            vec![n.to_string()]
        }
        None => doc.file.vmcps.keys().cloned().collect(),
    };
    let mut vmcps = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match Definition::from_document(&doc, &name)
            .and_then(|d| resolve::session_plan(&d, env, None))
        {
            Ok(plan) => vmcps.push((name, plan.servers.len())),
            Err(ConfigError::Invalid(mut d)) => problems.append(&mut d),
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        problems.dedup();
        return Err(ConfigError::Invalid(problems));
    }
    Ok(CheckReport {
        file: path.to_path_buf(),
        vmcps,
        servers: doc.file.servers.len(),
    })
}
