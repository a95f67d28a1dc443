//! `cargo bench --bench proxy`: vmcp versus talking to the upstream directly, on the same
//! upstream (vmcp's test server, a Rust binary, so the proxy's own cost is what shows).
//!
//! Measures, as medians over several fresh processes:
//! - spawn → `initialize` answered, and (vmcp only: the upstream speaks only the legacy revision)
//!   spawn → `server/discover` answered, a modern client's first request;
//! - a modern client's echo calls through vmcp (p50, throughput) beside the legacy client's;
//! - spawn → complete `tools/list` with 5 upstreams that each take 300 ms to start (direct: one),
//!   catalog cache off (a cold start);
//! - the same with 5 upstreams taking 2 s each and a warm catalog cache;
//! - latency of 2,000 sequential echo calls (p50, p99), and the p50 again with every process
//!   pinned to one CPU (no cross-CPU wakeups: the proxy's own work plus context switches);
//! - throughput with 32 calls in flight;
//! - RSS of the vmcp process after the calls, and its private part (the rest is the binary's
//!   shared, file-backed pages).
//!
//! Then the store figures (`store.rs`), the recovery figures (`recovery.rs`) and the HTTP table
//! (`http.rs`: `vmcp serve` against the same upstream over HTTP, and FastMCP's proxy).
//!
//! Options (after `--`): `--reps N` (default 5), `--calls N` (2000), `--pipelined N` (5000),
//! `--http-only` (just the HTTP table; its own options are in `http.rs`).

#![allow(clippy::cast_precision_loss, clippy::unwrap_used)]
#![allow(
    clippy::disallowed_macros,
    clippy::disallowed_methods,
    reason = "the benchmark prints its report and starts vmcp from outside, as a client does: clippy.toml's rules are for vmcp's own rooms"
)]

mod conn;
mod http;
mod http_conn;
mod http_leaks;
mod http_mcp;
mod http_relay;
mod http_servers;
mod http_wide;
mod recovery;
mod store;

use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

use conn::Conn;

const VMCP: &str = env!("CARGO_BIN_EXE_vmcp");
const UPSTREAM: &str = env!("CARGO_BIN_EXE_vmcp-test-upstream");
const WINDOW: usize = 32;

/// One target: the upstream alone, or vmcp in front of `k` upstreams.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Direct,
    Vmcp,
}

/// Launches the target; `cache` turns vmcp's catalog cache on (off, every start is cold).
fn launch(target: Target, k: usize, startup_ms: u64, cache: bool, dir: &std::path::Path) -> Conn {
    let delay = startup_ms.to_string();
    match target {
        Target::Direct => {
            let mut cmd = Command::new(UPSTREAM);
            cmd.args(["--name", "s1", "--tools-only", "--startup-delay-ms", &delay]);
            Conn::spawn(cmd)
        }
        Target::Vmcp => {
            let mut yaml = String::from("servers:\n");
            for i in 1..=k {
                let _ = writeln!(
                    yaml,
                    "  s{i}:\n    command: {UPSTREAM}\n    args: [--name, s{i}, --tools-only, --startup-delay-ms, \"{delay}\"]\n    trust: always"
                );
            }
            let _ = writeln!(
                yaml,
                "vmcps:\n  bench:\n    catalog_cache: {}\n    servers:",
                if cache { "on" } else { "off" }
            );
            for i in 1..=k {
                let _ = writeln!(yaml, "      s{i}: {{}}");
            }
            let path = dir.join(format!("bench-{k}-{startup_ms}-{cache}.yaml"));
            std::fs::write(&path, yaml).expect("config");
            let mut cmd = Command::new(VMCP);
            // A private home: the call log is written there, not in the user's.
            cmd.args(["stdio", "--vmcp", "bench", "--config"])
                .arg(&path)
                .env("VMCP_HOME", dir)
                .env_remove("VMCP_LOG");
            Conn::spawn(cmd)
        }
    }
}

fn echo_tool(target: Target) -> &'static str {
    match target {
        Target::Direct => "echo",
        Target::Vmcp => "s1_echo",
    }
}

#[derive(Default)]
struct Run {
    init_ms: f64,
    list_ms: f64,
    p50_us: f64,
    p99_us: f64,
    pinned_p50_us: f64,
    calls_per_s: f64,
    rss_mib: f64,
    anon_mib: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn startup(target: Target, dir: &std::path::Path) -> (f64, f64) {
    let t0 = Instant::now();
    let mut c = launch(target, 1, 0, false, dir);
    c.initialize();
    let init = ms(t0.elapsed());
    c.close();
    // 5 upstreams x 300 ms (direct: the one upstream, 300 ms): spawn -> complete tools/list.
    let k = if target == Target::Direct { 1 } else { 5 };
    let t0 = Instant::now();
    let mut c = launch(target, k, 300, false, dir);
    c.initialize();
    let r = c.call("tools/list", "{}");
    let list = ms(t0.elapsed());
    let want = if target == Target::Direct { 1 } else { 5 };
    assert_eq!(r.matches("echo\"").count(), want, "incomplete list: {r}");
    c.close();
    (init, list)
}

/// Spawn → `server/discover` answered by vmcp (median of `reps`).
fn discover_ms(dir: &std::path::Path, reps: usize) -> f64 {
    let runs = (0..reps)
        .map(|_| {
            let t0 = Instant::now();
            let mut c = launch(Target::Vmcp, 1, 0, false, dir);
            c.discover();
            let took = ms(t0.elapsed());
            c.close();
            took
        })
        .collect();
    median(runs)
}

/// Spawn → complete `tools/list` with 5 upstreams that take 2 s each to start, the catalog cache
/// warm (one session warms it first). Direct: the one upstream, cold (a direct connection has no
/// cache).
fn warm_cache_list(target: Target, dir: &std::path::Path, reps: usize) -> f64 {
    const SLOW_MS: u64 = 2000;
    let k = if target == Target::Direct { 1 } else { 5 };
    let list = |c: &mut Conn| {
        let r = c.call("tools/list", "{}");
        assert_eq!(r.matches("echo\"").count(), k, "incomplete list: {r}");
    };
    if target == Target::Vmcp {
        let mut c = launch(target, k, SLOW_MS, true, dir);
        c.initialize();
        list(&mut c);
        c.close();
    }
    let mut times = Vec::new();
    for _ in 0..reps {
        let t0 = Instant::now();
        let mut c = launch(target, k, SLOW_MS, true, dir);
        c.initialize();
        list(&mut c);
        times.push(ms(t0.elapsed()));
        c.close();
    }
    median(times)
}

/// p50 of sequential echo calls with the client, vmcp and the upstream all on CPU 0: the
/// latency without cross-CPU wakeups (costly on small VMs), i.e. CPU work plus context switches.
fn pinned_p50(target: Target, dir: &std::path::Path, sequential: usize) -> f64 {
    let _pinned = conn::Pinned::to_cpu0();
    let mut c = launch(target, 1, 0, false, dir);
    c.initialize();
    let params = conn::echo_params(echo_tool(target));
    c.warm_up(&params);
    let lat = c.sequential_latencies(&params, sequential);
    c.close();
    lat[lat.len() / 2]
}

fn calls(
    target: Target,
    dir: &std::path::Path,
    sequential: usize,
    pipelined: usize,
) -> (f64, f64, f64, f64, f64) {
    let mut c = launch(target, 1, 0, false, dir);
    c.initialize();
    let params = conn::echo_params(echo_tool(target));
    c.warm_up(&params);
    let lat = c.sequential_latencies(&params, sequential);
    let p50 = lat[lat.len() / 2];
    let p99 = lat[(lat.len() * 99 / 100).min(lat.len() - 1)];
    // Pipelined: keep WINDOW requests in flight.
    let per_s = c.pipelined_rate(&params, pipelined, WINDOW);
    let rss = c.rss_kib("VmRSS") as f64 / 1024.0;
    let anon = c.rss_kib("RssAnon") as f64 / 1024.0;
    c.close();
    (p50, p99, per_s, rss, anon)
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` / `cargo test --benches` discovery: nothing to list.
    }
    if http_relay::run_if_asked() {
        return;
    }
    if std::env::args().any(|a| a == "--http-only") {
        let dir = tempfile::tempdir().expect("tempdir");
        http::run(dir.path());
        return;
    }
    let reps = arg("--reps", 5);
    let sequential = arg("--calls", 2000);
    let pipelined = arg("--pipelined", 5000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut results: Vec<(Target, Run)> = Vec::new();
    for target in [Target::Direct, Target::Vmcp] {
        let mut runs: Vec<Run> = Vec::new();
        for _ in 0..reps {
            let (init_ms, list_ms) = startup(target, dir.path());
            let (p50_us, p99_us, calls_per_s, rss_mib, anon_mib) =
                calls(target, dir.path(), sequential, pipelined);
            let pinned_p50_us = pinned_p50(target, dir.path(), sequential);
            runs.push(Run {
                init_ms,
                list_ms,
                p50_us,
                p99_us,
                pinned_p50_us,
                calls_per_s,
                rss_mib,
                anon_mib,
            });
        }
        let pick = |f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
        results.push((
            target,
            Run {
                init_ms: pick(|r| r.init_ms),
                list_ms: pick(|r| r.list_ms),
                p50_us: pick(|r| r.p50_us),
                p99_us: pick(|r| r.p99_us),
                pinned_p50_us: pick(|r| r.pinned_p50_us),
                calls_per_s: pick(|r| r.calls_per_s),
                rss_mib: pick(|r| r.rss_mib),
                anon_mib: pick(|r| r.anon_mib),
            },
        ));
    }
    let warm = (
        warm_cache_list(Target::Direct, dir.path(), reps),
        warm_cache_list(Target::Vmcp, dir.path(), reps),
    );
    println!(
        "vmcp proxy benchmark: medians of {reps} runs, {sequential} sequential calls, {pipelined} calls with {WINDOW} in flight"
    );
    let discover = discover_ms(dir.path(), reps);
    report(&results[0].1, &results[1].1, warm, discover);
    let modern: Vec<(f64, f64)> = (0..reps)
        .map(|_| modern_calls(dir.path(), sequential, pipelined))
        .collect();
    let modern_p50 = median(modern.iter().map(|m| m.0).collect());
    let modern_rate = median(modern.iter().map(|m| m.1).collect());
    let legacy = &results[1].1;
    println!(
        "\nmodern (2026-07-28) client through vmcp stdio, beside the legacy client's figures above:\n\n\
         | metric | legacy client | modern client | ratio | target |\n|---|---|---|---|---|\n\
         | echo call p50 | {:.2} µs | {modern_p50:.2} µs | {:.2}x | within 5 % {} |\n\
         | calls/s, {WINDOW} in flight | {:.0} | {modern_rate:.0} | {:.2}x | - |",
        legacy.p50_us,
        modern_p50 / legacy.p50_us,
        if modern_p50 <= legacy.p50_us * 1.05 {
            "ok"
        } else {
            "MISSED"
        },
        legacy.calls_per_s,
        modern_rate / legacy.calls_per_s,
    );
    store::run(dir.path(), reps, sequential);
    recovery::run(dir.path(), reps);
    http::run(dir.path());
}

/// A modern client's echo calls through vmcp stdio (no handshake; `_meta` on each request):
/// (p50 µs of sequential calls, calls/s with `WINDOW` in flight).
fn modern_calls(dir: &std::path::Path, sequential: usize, pipelined: usize) -> (f64, f64) {
    let mut c = launch(Target::Vmcp, 1, 0, false, dir);
    c.discover();
    let params = format!(
        r#"{{"name":"{}","arguments":{{"message":"ping"}},"_meta":{{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{{}}}}}}"#,
        echo_tool(Target::Vmcp)
    );
    c.warm_up(&params);
    let lat = c.sequential_latencies(&params, sequential);
    let per_s = c.pipelined_rate(&params, pipelined, WINDOW);
    c.close();
    (lat[lat.len() / 2], per_s)
}

/// Prints the main table: direct vs vmcp, with the targets.
fn report(d: &Run, v: &Run, warm: (f64, f64), discover_ms: f64) {
    let (warm_direct, warm_vmcp) = warm;
    println!(
        "upstream: vmcp-test-upstream (stdio); direct = the upstream alone; vmcp = vmcp stdio in front of it\n"
    );
    println!("| metric | direct | vmcp | ratio | target |");
    println!("|---|---|---|---|---|");
    let row = |name: &str, dv: f64, vv: f64, unit: &str, target: &str, ok: bool| {
        println!(
            "| {name} | {dv:.2} {unit} | {vv:.2} {unit} | {:.2}x | {target} {} |",
            vv / dv,
            if ok { "ok" } else { "MISSED" }
        );
    };
    row(
        "spawn → initialize",
        d.init_ms,
        v.init_ms,
        "ms",
        "≤ 5 ms",
        v.init_ms <= 5.0,
    );
    println!(
        "| spawn → server/discover (modern client) | - | {discover_ms:.2} ms | - | ≤ 5 ms {} |",
        if discover_ms <= 5.0 { "ok" } else { "MISSED" }
    );
    row(
        "spawn → tools/list, 5×300 ms upstreams (direct: 1)",
        d.list_ms,
        v.list_ms,
        "ms",
        "≤ 1.1x",
        v.list_ms <= d.list_ms * 1.1,
    );
    row(
        "spawn → tools/list, 5×2 s upstreams, warm catalog cache (direct: 1, no cache)",
        warm_direct,
        warm_vmcp,
        "ms",
        "≤ 20 ms",
        warm_vmcp <= 20.0,
    );
    row(
        "echo latency p50",
        d.p50_us,
        v.p50_us,
        "µs",
        "≤ 1.3x",
        v.p50_us <= d.p50_us * 1.3,
    );
    row("echo latency p99", d.p99_us, v.p99_us, "µs", "-", true);
    row(
        "echo latency p50, all processes on one CPU",
        d.pinned_p50_us,
        v.pinned_p50_us,
        "µs",
        "-",
        true,
    );
    println!(
        "| throughput, {WINDOW} in flight | {:.0} calls/s | {:.0} calls/s | {:.2}x | ≥ 0.8x {} |",
        d.calls_per_s,
        v.calls_per_s,
        v.calls_per_s / d.calls_per_s,
        if v.calls_per_s >= 0.8 * d.calls_per_s {
            "ok"
        } else {
            "MISSED"
        }
    );
    println!(
        "| RSS after the calls | {:.1} MiB | {:.1} MiB | {:.2}x | vmcp ≤ 12 MB {} |",
        d.rss_mib,
        v.rss_mib,
        v.rss_mib / d.rss_mib,
        if v.rss_mib * 1.048_576 <= 12.0 {
            "ok"
        } else {
            "MISSED"
        }
    );
    println!(
        "| of which private (heap, stacks) | {:.1} MiB | {:.1} MiB | {:.2}x | - |",
        d.anon_mib,
        v.anon_mib,
        v.anon_mib / d.anon_mib,
    );
}
