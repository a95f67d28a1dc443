//! Test harness: a temporary vmcp home with a definition file, and an MCP client that drives the
//! real `vmcp` binary over its stdio (answering sampling / elicitation / roots on request).

pub mod client;
pub mod command;
pub mod fixtures;
pub mod http;
pub mod netns;
pub mod otlp;
pub mod procs;
pub mod raw;
pub mod registry;
pub mod servers;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use client::Client;
pub use command::vmcp;

pub const VMCP: &str = env!("CARGO_BIN_EXE_vmcp");
pub const UPSTREAM: &str = env!("CARGO_BIN_EXE_vmcp-test-upstream");

/// A temporary directory holding a definition file and upstream event logs.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `vmcp.yaml` (with `{upstream}` replaced by the test upstream's path and `{dir}` by
    /// this directory) and returns its path.
    pub fn config(&self, yaml: &str) -> PathBuf {
        let text = yaml
            .replace("{upstream}", UPSTREAM)
            .replace("{dir}", &self.dir.path().display().to_string());
        let p = self.path("vmcp.yaml");
        std::fs::write(&p, text).expect("write config");
        p
    }

    /// The lines an upstream appended to an events file (empty if none yet).
    pub fn events(&self, file: &str) -> Vec<String> {
        std::fs::read_to_string(self.path(file))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Waits until an events file has a line containing `needle`.
    pub fn wait_event(&self, file: &str, needle: &str) -> String {
        let found = wait_for(Duration::from_secs(10), || {
            self.events(file).into_iter().find(|l| l.contains(needle))
        });
        found.unwrap_or_else(|| {
            panic!(
                "no event containing {needle:?} in {file}: {:?}",
                self.events(file)
            )
        })
    }

    /// Spawns `vmcp stdio` for `vmcp` on this home's config.
    pub fn client(&self, vmcp: &str) -> Client {
        Client::spawn(&self.path("vmcp.yaml"), vmcp, &[])
    }

    pub fn read_pid(&self, file: &str) -> i32 {
        let text = wait_for(Duration::from_secs(10), || {
            std::fs::read_to_string(self.path(file))
                .ok()
                .filter(|t| !t.is_empty())
        })
        .unwrap_or_else(|| panic!("pid file {file} never written"));
        text.trim().parse().expect("pid")
    }
}

/// A home whose vMCP `v` serves one test upstream, `s`, started with `args`.
pub fn one_upstream(args: &[&str]) -> Home {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n",
        upstream_entry("s", args)
    ));
    home
}

/// Polls `f` until it returns Some or `limit` passes.
pub fn wait_for<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let end = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() > end {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `vmcp` with arguments in `cwd`, which is also its VMCP_HOME; returns (exit code, stdout,
/// stderr). Shorthand for [`vmcp`]`(cwd).args(args).run().parts()`.
pub fn run_vmcp(args: &[&str], cwd: &Path) -> (i32, String, String) {
    vmcp(cwd).args(args).run().parts()
}

/// What a client sends first, one JSON-RPC message per line: `initialize`, `initialized` and
/// `tools/list` (id 2), for `vmcp stdio` fed from a pipe ([`command::Vmcp::stdin`]).
pub const HANDSHAKE: &str = concat!(
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
    "\n",
    r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
    "\n",
    r#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
    "\n",
);

/// A stdio server entry for the test upstream with extra arguments. It is the repo's own test
/// server, so it is trusted as it is (`trust: always`); `tests/it/trust_gate.rs` covers the gate.
pub fn upstream_entry(name: &str, args: &[&str]) -> String {
    let mut all = vec!["--name".to_string(), name.to_string()];
    all.extend(args.iter().map(|a| (*a).to_string()));
    let quoted: Vec<String> = all.iter().map(|a| format!("{a:?}")).collect();
    format!(
        "  {name}:\n    command: {UPSTREAM}\n    args: [{}]\n    trust: always\n",
        quoted.join(", ")
    )
}
