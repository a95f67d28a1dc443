//! Test fixtures built as cargo examples (they use dev-dependencies, which bins cannot): found
//! beside this test binary, in `target/<profile>/examples/`. `cargo test` builds them; a narrow
//! `cargo test --test it …` does not, so a missing one fails with the command that builds it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::servers::{ServerProcess, read_url};

/// The rmcp-upstream fixture (`tests/fixtures/rmcp_upstream/`): an rmcp MCP server that passes
/// the conformance suite's server scenarios of 2025-11-25 and 2026-07-28.
pub const RMCP_UPSTREAM: &str = "rmcp-upstream";

/// The path of the example `name`, built by the same cargo invocation as this test binary.
pub fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/it-HASH → target/<profile>/examples/NAME
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lives in target/<profile>/deps");
    let path = profile
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "the test fixture {name} is not built (expected at {}): it is a cargo example, which \
         `cargo test` builds but `cargo test --test it` does not; run `cargo build --example {name}` \
         (with the same --release/--profile as the tests) first",
        path.display()
    );
    path
}

/// Starts the rmcp-upstream fixture on streamable HTTP (a free port on 127.0.0.1) with extra
/// `args` (e.g. `--era modern`); returns it and its endpoint URL.
pub fn rmcp_upstream_http(args: &[&str]) -> (ServerProcess, String) {
    let child = Command::new(example(RMCP_UPSTREAM))
        .args(["--http", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn the rmcp-upstream fixture");
    read_url(child)
}
