//! `vmcp settings list|set|unset`: settings kept in the store; clap types and printing. The work
//! is in `app::settings`.

use clap::Subcommand;

use super::render;
use crate::app::context::Context;
use crate::app::settings;

#[derive(Debug, Subcommand)]
pub(super) enum SettingsCommand {
    /// Show every setting with its value.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set a setting.
    Set { key: String, value: String },
    /// Return a setting to its default.
    Unset { key: String },
}

pub(super) fn run(cmd: SettingsCommand, ctx: &Context) -> anyhow::Result<()> {
    match cmd {
        SettingsCommand::List { json } => {
            let current = settings::list(ctx)?;
            if json {
                return render::json(&current);
            }
            let rows: Vec<Vec<String>> = settings::KNOWN
                .iter()
                .map(|(k, _, what)| {
                    vec![
                        (*k).to_string(),
                        current.get(*k).cloned().unwrap_or_default(),
                        (*what).to_string(),
                    ]
                })
                .collect();
            render::table(&["SETTING", "VALUE", "MEANING"], &rows);
        }
        SettingsCommand::Set { key, value } => {
            settings::set(ctx, &key, Some(&value))?;
            render::line(&format!("{key} = {value}"));
        }
        SettingsCommand::Unset { key } => {
            settings::set(ctx, &key, None)?;
            render::line(&format!("{key} reset to its default"));
        }
    }
    Ok(())
}
