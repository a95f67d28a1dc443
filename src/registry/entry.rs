//! A registry entry made into a server entry: which package or remote to use (what was asked
//! for, else what this machine can run), the command line that starts it (npm → `npx`, pypi →
//! `uvx`, oci → `docker run`), or the remote's URL, type and headers, with every input's value.

use std::collections::BTreeMap;
use std::path::Path;

use super::RegistryError;
use super::document::{Argument, ArgumentKind, KeyValueInput, Package, ServerDetail, Transport};
use super::inputs::{Ask, Values, What};
use crate::config::{Scalar, ServerConfig, TransportType};

/// What to use of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// A package this machine can run, else a remote, else a package whose runtime is missing.
    Auto,
    /// The first package of this registry type (`npm`, `pypi`, `oci`…).
    Package(String),
    /// The remote at this position (1 for the first).
    Remote(usize),
}

/// Values from the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    /// `--arg VALUE` (positional arguments, in order) and `--arg KEY=VALUE` (named arguments,
    /// value hints, variables).
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
}

/// What was used of the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Used {
    Package(String),
    Remote(usize),
}

/// The server entry, and what to tell the user about it.
#[derive(Debug)]
pub(crate) struct Built {
    pub config: ServerConfig,
    pub used: Used,
    /// `npm package @x/y@1.0.2, started with npx`.
    pub summary: String,
    /// The program the package needs, when it is not installed here.
    pub missing_runtime: Option<&'static str>,
    /// Environment variables secrets refer to (`${env:VAR}`): set them where vmcp runs.
    pub references: Vec<String>,
}

/// The program a package type runs with, or why vmcp cannot run it.
fn runtime(p: &Package) -> Result<&'static str, String> {
    let program = match p.registry_type.as_str() {
        "npm" => "npx",
        "pypi" => "uvx",
        "oci" => "docker",
        "nuget" => {
            return Err(format!(
                "nuget package `{}` runs with `dnx` from the .NET 10 SDK, which vmcp does not start",
                p.identifier
            ));
        }
        "mcpb" => {
            return Err(format!(
                "mcpb bundle `{}` is a file to download, check against its SHA-256 and unpack; vmcp does not install bundles",
                p.identifier
            ));
        }
        other => {
            return Err(format!(
                "package `{}` comes from `{other}`, a package registry vmcp does not know",
                p.identifier
            ));
        }
    };
    match p.transport.as_ref().map(|t| t.kind.as_str()) {
        None | Some("stdio") => Ok(program),
        Some(other) => Err(format!(
            "{} package `{}` serves {other} on a local port; vmcp starts packages over stdio only",
            p.registry_type, p.identifier
        )),
    }
}

/// What an entry offers, for messages (`npm, oci, remote 1`).
fn offers(d: &ServerDetail) -> String {
    let mut all: Vec<String> = d.packages.iter().map(|p| p.registry_type.clone()).collect();
    all.extend((1..=d.remotes.len()).map(|i| format!("remote {i}")));
    if all.is_empty() {
        "no package and no remote".into()
    } else {
        all.join(", ")
    }
}

enum Picked<'a> {
    Package(&'a Package, &'static str),
    Remote(usize, &'a Transport),
}

fn pick<'a>(
    d: &'a ServerDetail,
    choice: &Choice,
    installed: &dyn Fn(&str) -> bool,
) -> Result<Picked<'a>, RegistryError> {
    let unsupported = |why: String| Err(RegistryError::Unsupported(why));
    match choice {
        Choice::Package(kind) => {
            let Some(p) = d.packages.iter().find(|p| &p.registry_type == kind) else {
                return unsupported(format!(
                    "`{}` has no {kind} package (it offers {})",
                    d.name,
                    offers(d)
                ));
            };
            runtime(p)
                .map(|r| Picked::Package(p, r))
                .or_else(unsupported)
        }
        Choice::Remote(n) => match n.checked_sub(1).and_then(|i| d.remotes.get(i)) {
            Some(r) => Ok(Picked::Remote(*n, r)),
            None => unsupported(format!(
                "`{}` has {} remote{}, so there is no remote {n} (it offers {})",
                d.name,
                d.remotes.len(),
                if d.remotes.len() == 1 { "" } else { "s" },
                offers(d)
            )),
        },
        Choice::Auto => {
            let usable: Vec<(&Package, &'static str)> = d
                .packages
                .iter()
                .filter_map(|p| runtime(p).ok().map(|r| (p, r)))
                .collect();
            if let Some((p, r)) = usable.iter().find(|(_, r)| installed(r)) {
                return Ok(Picked::Package(p, r));
            }
            if let Some(r) = d.remotes.first() {
                return Ok(Picked::Remote(1, r));
            }
            if let Some((p, r)) = usable.first() {
                return Ok(Picked::Package(p, r));
            }
            let reasons: Vec<String> = d.packages.iter().filter_map(|p| runtime(p).err()).collect();
            unsupported(if reasons.is_empty() {
                format!("`{}` offers no package and no remote to start", d.name)
            } else {
                format!(
                    "`{}` offers nothing vmcp can start: {}",
                    d.name,
                    reasons.join("; ")
                )
            })
        }
    }
}

/// The keys `--arg KEY=VALUE` may name in what was picked.
fn keys(args: &[&Argument], inputs: &[&BTreeMap<String, super::document::Input>]) -> Vec<String> {
    let mut out = Vec::new();
    for a in args {
        if let Some(k) = a.key() {
            out.push(k.to_string());
            out.push(k.trim_start_matches('-').to_string());
        }
        out.extend(a.input.variables.keys().cloned());
    }
    for vars in inputs {
        out.extend(vars.keys().cloned());
    }
    out
}

/// Makes the server entry of `d`.
pub(crate) fn build(
    d: &ServerDetail,
    choice: &Choice,
    installed: &dyn Fn(&str) -> bool,
    given: Given,
    cwd: &Path,
    ask: &mut dyn Ask,
) -> Result<Built, RegistryError> {
    let picked = pick(d, choice, installed)?;
    let env: BTreeMap<String, String> = given.env.into_iter().collect();
    let headers: BTreeMap<String, String> = given.headers.into_iter().collect();
    let misplaced = match picked {
        Picked::Package(..) if !headers.is_empty() => Some("`--header` applies to remotes"),
        Picked::Remote(..) if !env.is_empty() => {
            Some("`--env` applies to packages; a remote takes `--header`")
        }
        _ => None,
    };
    if let Some(why) = misplaced {
        return Err(RegistryError::BadValue(why.to_string()));
    }
    let built = match picked {
        Picked::Package(p, program) => {
            let args: Vec<&Argument> = p
                .runtime_arguments
                .iter()
                .chain(&p.package_arguments)
                .collect();
            let vars: Vec<_> = p
                .environment_variables
                .iter()
                .map(|e| &e.input.variables)
                .collect();
            let known = keys(&args, &vars);
            let mut values = Values::new(given.args, env, headers, &known, cwd, ask);
            let built = package(p, program, &mut values)?;
            finish(&values)?;
            Built {
                missing_runtime: (!installed(program)).then_some(program),
                references: values.references,
                ..built
            }
        }
        Picked::Remote(n, r) => {
            let mut vars: Vec<_> = vec![&r.variables];
            vars.extend(r.headers.iter().map(|h| &h.input.variables));
            let known = keys(&[], &vars);
            let mut values = Values::new(given.args, env, headers, &known, cwd, ask);
            let built = remote(n, r, &mut values)?;
            finish(&values)?;
            Built {
                references: values.references,
                ..built
            }
        }
    };
    Ok(built)
}

/// Refuses `--arg` values that nothing took.
fn finish(values: &Values<'_>) -> Result<(), RegistryError> {
    let unused = values.unused_keys();
    if !values.positional.is_empty() || !unused.is_empty() {
        let mut all: Vec<String> = values.positional.iter().cloned().collect();
        all.extend(unused.into_iter().map(|k| format!("{k}=…")));
        return Err(RegistryError::BadValue(format!(
            "no argument of this entry takes {}",
            all.iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(())
}

/// An image reference with its tag: `mcp/fs` + `1.0.2` → `mcp/fs:1.0.2`; one that has a tag or
/// digest already is kept.
fn image(identifier: &str, version: Option<&str>) -> String {
    let last = identifier.rsplit('/').next().unwrap_or(identifier);
    match version {
        Some(v) if !last.contains(':') && !identifier.contains('@') => format!("{identifier}:{v}"),
        _ => identifier.to_string(),
    }
}

fn package(
    p: &Package,
    program: &'static str,
    values: &mut Values<'_>,
) -> Result<Built, RegistryError> {
    let mut env = BTreeMap::new();
    for e in &p.environment_variables {
        let given = values.env.remove(&e.name);
        if let Some(v) = values.resolve(&What::Env(e.name.clone()), &e.input, given)? {
            env.insert(e.name.clone(), Scalar(v));
        }
    }
    // Variables the entry does not declare, given anyway, are the user's to add.
    for (k, v) in std::mem::take(&mut values.env) {
        env.insert(k, Scalar(v));
    }
    let mut runtime_args = Vec::new();
    arguments(&p.runtime_arguments, values, &mut runtime_args)?;
    let mut package_args = Vec::new();
    arguments(&p.package_arguments, values, &mut package_args)?;
    let version = p.version.as_deref();
    let mut args: Vec<String> = Vec::new();
    let target = match p.registry_type.as_str() {
        "npm" => {
            args.push("-y".into());
            args.extend(runtime_args);
            version.map_or_else(|| p.identifier.clone(), |v| format!("{}@{v}", p.identifier))
        }
        "pypi" => {
            args.extend(runtime_args);
            version.map_or_else(
                || p.identifier.clone(),
                |v| format!("{}=={v}", p.identifier),
            )
        }
        _ => {
            args.extend(["run", "-i", "--rm"].map(String::from));
            args.extend(runtime_args);
            // The container sees only what it is given: each variable by name, its value taken
            // from the environment vmcp gives docker.
            for name in env.keys() {
                args.extend(["-e".to_string(), name.clone()]);
            }
            image(&p.identifier, version)
        }
    };
    args.push(target.clone());
    args.extend(package_args);
    Ok(Built {
        config: ServerConfig {
            command: Some(program.to_string()),
            args: args.into_iter().map(Scalar).collect(),
            env,
            ..ServerConfig::default()
        },
        used: Used::Package(p.registry_type.clone()),
        summary: format!(
            "{} package {target}, started with {program}",
            p.registry_type
        ),
        missing_runtime: None,
        references: Vec::new(),
    })
}

fn arguments(
    args: &[Argument],
    values: &mut Values<'_>,
    out: &mut Vec<String>,
) -> Result<(), RegistryError> {
    for a in args {
        let label = a.key().unwrap_or("(unnamed)").to_string();
        let what = What::Argument(label.clone());
        let mut given = match a.key() {
            Some(k) if a.input.value.is_none() => values.take_keyed(k),
            _ => Vec::new(),
        };
        if given.is_empty() && a.kind == ArgumentKind::Positional && a.input.value.is_none() {
            if a.is_repeated {
                given = values.positional.drain(..).collect();
            } else if let Some(v) = values.positional.pop_front() {
                given.push(v);
            }
        }
        if given.len() > 1 && !a.is_repeated {
            return Err(RegistryError::BadValue(format!(
                "argument {label} takes one value, not {}",
                given.len()
            )));
        }
        let resolved: Vec<String> = if given.is_empty() {
            values.resolve(&what, &a.input, None)?.into_iter().collect()
        } else {
            let mut all = Vec::new();
            for g in given {
                all.extend(values.resolve(&what, &a.input, Some(g))?);
            }
            all
        };
        for v in resolved {
            if a.kind == ArgumentKind::Named {
                out.push(a.name.clone().unwrap_or_default());
            }
            out.push(v);
        }
    }
    Ok(())
}

fn header_values(
    headers: &[KeyValueInput],
    values: &mut Values<'_>,
) -> Result<BTreeMap<String, Scalar>, RegistryError> {
    let mut out = BTreeMap::new();
    for h in headers {
        let given = values.headers.remove(&h.name);
        if let Some(v) = values.resolve(&What::Header(h.name.clone()), &h.input, given)? {
            out.insert(h.name.clone(), Scalar(v));
        }
    }
    for (k, v) in std::mem::take(&mut values.headers) {
        out.insert(k, Scalar(v));
    }
    Ok(out)
}

fn remote(n: usize, r: &Transport, values: &mut Values<'_>) -> Result<Built, RegistryError> {
    let transport = match r.kind.as_str() {
        "streamable-http" => TransportType::Http,
        "sse" => TransportType::Sse,
        other => {
            return Err(RegistryError::Unsupported(format!(
                "remote {n} uses transport `{other}`; vmcp speaks streamable-http and sse"
            )));
        }
    };
    let Some(template) = &r.url else {
        return Err(RegistryError::Unsupported(format!("remote {n} has no URL")));
    };
    let url = values
        .resolve(
            &What::Variable("url".into()),
            &super::document::Input {
                value: Some(template.clone()),
                variables: r.variables.clone(),
                ..Default::default()
            },
            None,
        )?
        .unwrap_or_default();
    let headers = header_values(&r.headers, values)?;
    Ok(Built {
        config: ServerConfig {
            transport: Some(transport),
            url: Some(url),
            headers,
            ..ServerConfig::default()
        },
        used: Used::Remote(n),
        summary: format!("remote {n}, {} at {template}", r.kind),
        missing_runtime: None,
        references: Vec::new(),
    })
}

#[cfg(test)]
#[path = "entry_tests.rs"]
mod tests;
