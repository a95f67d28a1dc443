//! What `vmcp server` does with registry entries: `server add --from` (an entry becomes a
//! stored server), `server outdated` and `server upgrade` (mirrors `app/registry/origin.rs`).

use super::{AddArgs, trust_mode};
use crate::app::context::Context;
use crate::app::registry::origin;
use crate::cli::prompt::Terminal;
use crate::cli::{hint, progress, render};
use crate::registry::entry::{Choice, Given};
use crate::store::StoreError;
use crate::trust::ServerRef;

/// `vmcp server add NAME --from ENTRY`.
pub(super) async fn add_from(a: Box<AddArgs>, ctx: &Context) -> anyhow::Result<()> {
    let name = a.name.clone();
    let choice = match (a.package, a.remote) {
        (Some(p), _) => Some(Choice::Package(p)),
        (None, Some(n)) => Some(Choice::Remote(usize::from(n))),
        (None, None) => None,
    };
    let req = origin::AddFrom {
        name: a.name,
        entry: a.from.unwrap_or_default(),
        registry: a.registry,
        choice,
        given: Given {
            args: a.args,
            env: a.env,
            headers: a.headers,
        },
        cwd: a.cwd,
        description: a.description,
        startup_timeout: a.startup_timeout,
        call_timeout: a.call_timeout,
        trust: a.trust.map(trust_mode),
        replace: a.replace,
    };
    let cwd = std::env::current_dir()?;
    let path = std::env::var_os("PATH");
    let machine = origin::Machine {
        path: path.as_deref(),
        cwd: &cwd,
    };
    let added = hint::on_store(
        origin::add(ctx, req, &machine, &mut Terminal::new()).await,
        |e| {
            matches!(e, StoreError::Exists { .. })
                .then(|| "choose another name, or replace it (`--replace`)".into())
        },
    )?;
    if let Some(c) = &added.cached {
        let registry = added
            .config
            .from
            .as_ref()
            .map_or("", |f| f.registry.as_str());
        crate::cli::registry::cached_note(&crate::support::url::redacted(registry), c);
    }
    for w in &added.warnings {
        render::note(&format!("warning: {w}"));
    }
    let verb = if added.existed { "replaced" } else { "added" };
    let from = added.config.from.as_ref();
    render::line(&format!(
        "{verb} server `{name}` from {}@{}: {}",
        from.map_or("", |f| f.name.as_str()),
        from.map_or("", |f| f.version.as_str()),
        added.summary
    ));
    references_note(&added.references);
    if !a.no_approve {
        let server = ServerRef {
            name: name.clone(),
            file: None,
        };
        let mode = crate::app::definition::trust_policy::mode(&ctx.store, &added.config);
        crate::cli::trust::offer_approval(ctx, &server, mode, a.approve).await?;
    }
    Ok(())
}

/// Which environment variables the stored secrets read.
fn references_note(vars: &[String]) {
    if !vars.is_empty() {
        render::note(&format!(
            "note: secrets are read from the environment when the server starts: set {}",
            vars.join(", ")
        ));
    }
}

/// `vmcp server outdated`.
pub(super) async fn outdated(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let spinner = progress::spinner("asking the registries…");
    let rows = origin::outdated(ctx).await;
    spinner.finish();
    let rows = rows?;
    if json {
        return render::json(&rows);
    }
    if rows.is_empty() {
        render::line("no server was added from a registry (`vmcp server add NAME --from ENTRY`)");
        return Ok(());
    }
    for r in &rows {
        if let Some(c) = &r.cached {
            crate::cli::registry::cached_note(&r.registry, c);
        }
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let state = match (&r.error, r.outdated) {
                (Some(e), _) => format!("unknown: {e}"),
                (None, true) => format!("outdated (`vmcp server upgrade {}`)", r.server),
                (None, false) => "up to date".into(),
            };
            let status = r.status.filter(|s| *s != "active");
            vec![
                r.server.clone(),
                r.entry.clone(),
                r.current.clone(),
                r.latest.clone().unwrap_or_else(|| "-".into())
                    + &status.map(|s| format!(" ({s})")).unwrap_or_default(),
                state,
            ]
        })
        .collect();
    render::table(&["SERVER", "ENTRY", "CURRENT", "LATEST", "STATE"], &table);
    Ok(())
}

/// `vmcp server upgrade NAME`.
pub(super) async fn upgrade(ctx: &Context, name: &str, json: bool) -> anyhow::Result<()> {
    let cwd = std::env::current_dir()?;
    let path = std::env::var_os("PATH");
    let machine = origin::Machine {
        path: path.as_deref(),
        cwd: &cwd,
    };
    let done = origin::upgrade(ctx, name, &machine, &mut Terminal::new()).await?;
    if let Some(c) = &done.cached {
        crate::cli::registry::cached_note(&done.registry, c);
    }
    for w in &done.warnings {
        render::note(&format!("warning: {w}"));
    }
    if json {
        return render::json(&done);
    }
    if done.changed {
        render::line(&format!(
            "upgraded server `{name}` from {}@{} to {}: {}",
            done.entry, done.from, done.to, done.summary
        ));
        references_note(&done.references);
        render::note(&format!(
            "note: tools that changed are reviewed as its trust settings say (`vmcp server test {name}`, `vmcp trust diff {name}`)"
        ));
    } else {
        render::line(&format!(
            "server `{name}` is up to date ({}@{})",
            done.entry, done.from
        ));
    }
    Ok(())
}
