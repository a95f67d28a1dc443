//! The HTTP table: `vmcp serve` versus the same upstream reached directly over streamable HTTP
//! (the rmcp fixture, `rmcp-upstream --http`, an SDK server on hyper), a bare TCP relay in front
//! of it (the floor of any separate proxy, `http_relay.rs`), and FastMCP's HTTP proxy as a peer
//! when `VMCP_BENCH_PYTHON` names a Python that has `fastmcp` installed.
//!
//! Rows: sequential latency (p50, p99) of stateless 2026-07-28 calls and of calls in a
//! 2025-11-25 session; throughput with 64 connections in flight; 1,000 stateless clients
//! calling at once; 100 legacy sessions × 20 calls at once; session create → first result (and,
//! `http_wide.rs`, → first `tools/list` of a vMCP over a shared server of 5,000 tools);
//! vmcp's own memory per idle session; and a churn of sessions created, used and deleted, after
//! which nothing may be left (sessions answer 404; file descriptors, memory and upstream
//! processes are back where they started).
//!
//! Options (after `--`): `--http-calls N` (2000), `--churn N` (10000), `--idle N` (1000),
//! `--wide-sessions N` (100).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use futures_util::future::join_all;

use crate::http_conn::{Endpoint, HttpConn};
use crate::http_mcp::{legacy_call, legacy_delete, legacy_open, modern_call};
use crate::http_servers::{rmcp_upstream, start_peer, start_printing_url, start_vmcp};
use crate::{arg, median};

/// The fixture's simplest tool: a fixed text block (an echo without arguments).
const TOOL: &str = "test_simple_text";

/// One measurement of one target: its figures, in the row's order.
type BoxedCell<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Vec<f64>> + 'a>>;

/// One server measured: where it answers and what the echo tool is called there.
pub(crate) struct Target {
    pub(crate) name: &'static str,
    pub(crate) endpoint: Endpoint,
    pub(crate) tool: String,
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "an index in 0..len"
)]
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn p50_p99(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (percentile(&v, 0.5), percentile(&v, 0.99))
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Sequential stateless calls on one connection: (p50, p99) in µs.
async fn sequential_modern(t: &Target, n: usize) -> (f64, f64) {
    let mut conn = HttpConn::connect(&t.endpoint).await;
    for i in 0..50 {
        assert!(
            modern_call(&mut conn, i, &t.tool).await.ok(),
            "{}: warm-up call failed",
            t.name
        );
    }
    let mut lat = Vec::with_capacity(n);
    for i in 0..n as u64 {
        let t0 = Instant::now();
        let r = modern_call(&mut conn, i, &t.tool).await;
        lat.push(micros(t0.elapsed()));
        assert!(r.ok(), "{}: {} {}", t.name, r.status, r.answer());
    }
    p50_p99(lat)
}

/// Sequential calls in one legacy session: (p50, p99) in µs.
async fn sequential_legacy(t: &Target, n: usize) -> (f64, f64) {
    let mut conn = HttpConn::connect(&t.endpoint).await;
    let sid = legacy_open(&mut conn).await;
    for i in 0..50 {
        assert!(
            legacy_call(&mut conn, &sid, i, &t.tool).await.ok(),
            "{}: warm-up",
            t.name
        );
    }
    let mut lat = Vec::with_capacity(n);
    for i in 0..n as u64 {
        let t0 = Instant::now();
        let r = legacy_call(&mut conn, &sid, i, &t.tool).await;
        lat.push(micros(t0.elapsed()));
        assert!(r.ok(), "{}: {} {}", t.name, r.status, r.answer());
    }
    legacy_delete(&mut conn, &sid).await;
    p50_p99(lat)
}

/// `conns` connections each making `per` stateless calls back to back: calls per second.
async fn throughput_modern(t: &Target, conns: usize, per: usize) -> f64 {
    let mut all = Vec::with_capacity(conns);
    for _ in 0..conns {
        all.push(HttpConn::connect(&t.endpoint).await);
    }
    let t0 = Instant::now();
    let runs = all.into_iter().map(|mut conn| {
        let tool = t.tool.clone();
        async move {
            for i in 0..per as u64 {
                assert!(modern_call(&mut conn, i, &tool).await.ok());
            }
        }
    });
    join_all(runs).await;
    (conns * per) as f64 / t0.elapsed().as_secs_f64()
}

/// `clients` stateless clients, each on its own new connection, calling at once: (wall ms,
/// p50 µs, p99 µs, failures).
async fn burst_modern(t: &Target, clients: usize) -> (f64, f64, f64, usize) {
    let t0 = Instant::now();
    let runs = (0..clients).map(|i| {
        let tool = t.tool.clone();
        let endpoint = t.endpoint.clone();
        async move {
            let start = Instant::now();
            let mut conn = HttpConn::connect(&endpoint).await;
            let ok = modern_call(&mut conn, i as u64, &tool).await.ok();
            (micros(start.elapsed()), ok)
        }
    });
    let results = join_all(runs).await;
    let wall = t0.elapsed().as_secs_f64() * 1000.0;
    let failures = results.iter().filter(|(_, ok)| !ok).count();
    let (p50, p99) = p50_p99(results.into_iter().map(|(l, _)| l).collect());
    (wall, p50, p99, failures)
}

/// `sessions` legacy sessions opened, then `calls` calls in each, all sessions at once:
/// (calls per second, p99 µs).
async fn sessions_legacy(t: &Target, sessions: usize, calls: usize) -> (f64, f64) {
    let mut open = Vec::with_capacity(sessions);
    for _ in 0..sessions {
        let mut conn = HttpConn::connect(&t.endpoint).await;
        let sid = legacy_open(&mut conn).await;
        open.push((conn, sid));
    }
    let t0 = Instant::now();
    let runs = open.into_iter().map(|(mut conn, sid)| {
        let tool = t.tool.clone();
        async move {
            let mut lat = Vec::with_capacity(calls);
            for i in 0..calls as u64 {
                let s = Instant::now();
                assert!(legacy_call(&mut conn, &sid, i, &tool).await.ok());
                lat.push(micros(s.elapsed()));
            }
            legacy_delete(&mut conn, &sid).await;
            lat
        }
    });
    let lat: Vec<f64> = join_all(runs).await.into_iter().flatten().collect();
    let rate = (sessions * calls) as f64 / t0.elapsed().as_secs_f64();
    (rate, p50_p99(lat).1)
}

/// New connection → initialize → initialized → first call answered, median ms over `reps`.
async fn create_to_first(t: &Target, reps: usize) -> f64 {
    let mut times = Vec::with_capacity(reps);
    for i in 0..reps {
        let t0 = Instant::now();
        let mut conn = HttpConn::connect(&t.endpoint).await;
        let sid = legacy_open(&mut conn).await;
        assert!(legacy_call(&mut conn, &sid, i as u64, &t.tool).await.ok());
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        legacy_delete(&mut conn, &sid).await;
    }
    median(times)
}

/// What the table measures, in its columns' order: the upstream itself, vmcp, the relay, and
/// FastMCP's proxy when it runs.
fn targets(upstream_url: &str, base: &str, relay_url: &str, peer: Option<&str>) -> Vec<Target> {
    let mut targets = vec![
        Target {
            name: "direct",
            endpoint: Endpoint::parse(upstream_url),
            tool: TOOL.into(),
        },
        Target {
            name: "vmcp serve",
            endpoint: Endpoint::parse(&format!("{base}/mcp/bench")),
            tool: format!("up_{TOOL}"),
        },
        Target {
            name: "bare TCP relay",
            endpoint: Endpoint::parse(relay_url),
            tool: TOOL.into(),
        },
    ];
    if let Some(url) = peer {
        targets.push(Target {
            name: "FastMCP proxy",
            endpoint: Endpoint::parse(url),
            tool: TOOL.into(),
        });
    }
    targets
}

pub(crate) fn run(dir: &Path) {
    let calls = arg("--http-calls", 2000);
    let (_upstream, upstream_url) = {
        let mut cmd = Command::new(rmcp_upstream());
        cmd.args(["--http", "0"]);
        start_printing_url(cmd)
    };
    let (relay, relay_url) = crate::http_relay::start(&upstream_url);
    let (vmcp, base) = start_vmcp(dir, &upstream_url);
    let vmcp_pid = vmcp.0.id();
    let peer = start_peer(&upstream_url);
    let targets = targets(
        &upstream_url,
        &base,
        &relay_url,
        peer.as_ref().map(|p| p.1.as_str()),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let budget = Duration::from_secs(arg("--cell-budget", 120) as u64);
    // Each cell runs within the budget (a slow peer must not hold the table hostage), and says
    // when it is done, on stderr, so a long run shows where it is.
    let cell = |t: &Target, what: &str, fut: BoxedCell<'_>| -> Option<Vec<f64>> {
        let got = rt.block_on(async { tokio::time::timeout(budget, fut).await.ok() });
        eprintln!(
            "  {}: {what}{}",
            t.name,
            if got.is_some() { "" } else { ": over budget" }
        );
        got
    };
    let over = format!("over {} s", budget.as_secs());
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut measure = |name: &str,
                       fut: &dyn Fn(&Target) -> BoxedCell<'_>,
                       show: &dyn Fn(&[f64]) -> String| {
        let got: Vec<Option<Vec<f64>>> = targets.iter().map(|t| cell(t, name, fut(t))).collect();
        rows.push((
            name.to_string(),
            got.iter()
                .map(|g| g.as_deref().map_or_else(|| over.clone(), show))
                .collect(),
        ));
        got
    };
    let us = |v: &[f64]| format!("{:.0} / {:.0}", v[0], v[1]);
    let seq_m = measure(
        "stateless call, sequential p50 / p99 (µs)",
        &|t| {
            Box::pin(async move {
                let (a, b) = sequential_modern(t, calls).await;
                vec![a, b]
            })
        },
        &us,
    );
    let seq_l = measure(
        "session call, sequential p50 / p99 (µs)",
        &|t| {
            Box::pin(async move {
                let (a, b) = sequential_legacy(t, calls).await;
                vec![a, b]
            })
        },
        &us,
    );
    let rates = measure(
        "stateless calls/s, 64 connections",
        &|t| Box::pin(async move { vec![throughput_modern(t, 64, calls / 4).await] }),
        &|v| format!("{:.0}", v[0]),
    );
    measure(
        "1,000 stateless clients at once: wall ms, p50 / p99 ms, failed",
        &|t| {
            Box::pin(async move {
                let (wall, p50, p99, failed) = burst_modern(t, 1000).await;
                vec![wall, p50 / 1000.0, p99 / 1000.0, failed as f64]
            })
        },
        &|v| format!("{:.0}, {:.1} / {:.1}, {}", v[0], v[1], v[2], v[3]),
    );
    measure(
        "100 sessions × 20 calls at once: calls/s, p99 ms",
        &|t| {
            Box::pin(async move {
                let (rate, p99) = sessions_legacy(t, 100, 20).await;
                vec![rate, p99 / 1000.0]
            })
        },
        &|v| format!("{:.0}, {:.1}", v[0], v[1]),
    );
    measure(
        "session create → first result, median ms",
        &|t| Box::pin(async move { vec![create_to_first(t, 30).await] }),
        &|v| format!("{:.2}", v[0]),
    );
    let p50 = |v: &[Option<Vec<f64>>]| -> Vec<f64> {
        v.iter()
            .map(|g| g.as_ref().map_or(f64::NAN, |x| x[0]))
            .collect()
    };
    let (seq_m, seq_l) = (p50(&seq_m), p50(&seq_l));
    let rate = rates[1].as_ref().map_or(0.0, |v| v[0]);
    print_table(&targets, &rows, &seq_m, &seq_l);
    let own_rate = rt.block_on(own_capacity(&base, calls));
    crate::http_wide::run(&rt, vmcp_pid, &base);
    crate::http_leaks::leaks(&rt, vmcp_pid, &base, &targets[1], rate.max(own_rate));
    drop(peer);
    drop(relay);
    drop(vmcp);
}

/// vmcp's own capacity, without the rmcp upstream's cost: stateless calls/s with 64
/// connections in front of the test upstream over stdio.
async fn own_capacity(base: &str, calls: usize) -> f64 {
    let own = Target {
        name: "vmcp serve (stdio upstream)",
        endpoint: Endpoint::parse(&format!("{base}/mcp/procs")),
        tool: "local_pid".into(),
    };
    let rate = throughput_modern(&own, 64, calls / 4).await;
    println!(
        "vmcp serve stateless calls/s, 64 connections, in front of the stdio test upstream: {rate:.0}"
    );
    rate
}

/// The table as markdown, with the targets for vmcp's column.
fn print_table(targets: &[Target], rows: &[(String, Vec<String>)], m: &[f64], l: &[f64]) {
    let mut out = String::from(
        "\nHTTP: vmcp serve vs the same upstream reached directly (rmcp fixture, streamable HTTP)\n\n| metric |",
    );
    for t in targets {
        let _ = write!(out, " {} |", t.name);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(targets.len()));
    out.push('\n');
    for (name, cells) in rows {
        let _ = write!(out, "| {name} |");
        for c in cells {
            let _ = write!(out, " {c} |");
        }
        out.push('\n');
    }
    let verdict = |ok: bool| if ok { "ok" } else { "MISSED" };
    let (stateless, session) = (m[1] / m[0], l[1] / l[0]);
    let _ = writeln!(
        out,
        "\nvmcp / direct p50: stateless {stateless:.2}x, session {session:.2}x (target <= 1.2x: {}, {})",
        verdict(stateless <= 1.2),
        verdict(session <= 1.2)
    );
    // The relay only copies bytes: what is left between it and vmcp is vmcp's own work.
    let _ = writeln!(
        out,
        "bare TCP relay / direct p50 (the floor of any separate proxy): stateless {:.2}x, session {:.2}x\n\
         vmcp / bare TCP relay p50: stateless {:.2}x, session {:.2}x; vmcp's own cost per call: stateless {:.0} µs, session {:.0} µs",
        m[2] / m[0],
        l[2] / l[0],
        m[1] / m[2],
        l[1] / l[2],
        m[1] - m[2],
        l[1] - l[2]
    );
    if targets.len() > 3 {
        let _ = writeln!(
            out,
            "FastMCP proxy / vmcp p50: stateless {:.2}x, session {:.2}x",
            m[3] / m[1],
            l[3] / l[1]
        );
    }
    print!("{out}");
}
