//! Shell completions and man pages, generated from the clap definitions so that they never
//! drift from the real command line. `scripts/generate` writes them into `completions/` and
//! `man/`; an integration test fails when the committed files are not what this produces.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::Cli;

const BIN: &str = "vmcp";

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    shell: Shell,
}

/// `vmcp __generate DIR`: internal, run by `scripts/generate`.
pub(super) const GENERATE_SUBCOMMAND: &str = "__generate";

/// `vmcp completions SHELL`: the script on stdout, for the user to source or install. Built in
/// memory first: clap_complete panics on a failed write, and stdout may be a closed pipe.
pub(super) fn completions(a: &CompletionsArgs) {
    let mut script = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), BIN, &mut script);
    super::output::stdout(&script);
}

/// Writes every artefact under `dir` (`completions/` and `man/`, replacing what was there);
/// prints the paths written.
pub(super) fn generate(dir: Option<OsString>) -> anyhow::Result<()> {
    let dir = PathBuf::from(dir.context("usage: vmcp __generate DIR")?);
    let mut written = Vec::new();
    let completions = dir.join("completions");
    recreate(&completions)?;
    for &shell in Shell::value_variants() {
        let path = clap_complete::generate_to(shell, &mut Cli::command(), BIN, &completions)?;
        written.push(path);
    }
    let man = dir.join("man");
    recreate(&man)?;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, &man, &mut written)?;
    written.sort();
    let mut out = io::stdout().lock();
    for p in written {
        writeln!(out, "{}", p.display())?;
    }
    Ok(out.flush()?)
}

fn recreate(dir: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::create_dir_all(dir)
}

/// One page per visible command, named after its path (`vmcp-server-add.1`).
fn man_pages(cmd: &clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, dir, written)?;
    }
    let page = clap_mangen::Man::new(cmd.clone());
    written.push(page.generate_to(dir)?);
    Ok(())
}
