//! The HTTP table: `vmcp serve` versus the same upstream reached directly over streamable HTTP
//! (the rmcp fixture, `rmcp-upstream --http`, an SDK server on hyper), and FastMCP's HTTP proxy
//! as a peer when `VMCP_BENCH_PYTHON` names a Python that has `fastmcp` installed.
//!
//! Rows: sequential latency (p50, p99) of stateless 2026-07-28 calls and of calls in a
//! 2025-11-25 session; throughput with 64 connections in flight; 1,000 stateless clients
//! calling at once; 100 legacy sessions × 20 calls at once; session create → first result;
//! vmcp's own memory per idle session; and a churn of sessions created, used and deleted, after
//! which nothing may be left (sessions answer 404; file descriptors, memory and upstream
//! processes are back where they started).
//!
//! Options (after `--`): `--http-calls N` (2000), `--churn N` (10000), `--idle N` (1000).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::http_conn::{Endpoint, HttpConn, Reply};
use crate::{UPSTREAM, VMCP, arg, median};

const MODERN: &str = "2026-07-28";
const LEGACY: &str = "2025-11-25";
/// The fixture's simplest tool: a fixed text block (an echo without arguments).
const TOOL: &str = "test_simple_text";

/// A process the table started; ended (SIGTERM, then waited for) when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.0.id()) {
            let _ = kill(Pid::from_raw(pid), Signal::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One server measured: where it answers and what the echo tool is called there.
struct Target {
    name: &'static str,
    endpoint: Endpoint,
    tool: String,
}

/// The rmcp fixture next to the bench's binaries; built (release) when missing.
fn rmcp_upstream() -> PathBuf {
    let dir = Path::new(VMCP).parent().expect("target dir");
    let path = dir.join("examples/rmcp-upstream");
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--example", "rmcp-upstream"])
            .status()
            .expect("cargo build --example rmcp-upstream");
        assert!(status.success(), "building the rmcp fixture failed");
    }
    path
}

/// Starts a program that prints its URL on stdout's first line.
fn start_printing_url(mut cmd: Command) -> (Proc, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the URL");
    (Proc(child), line.trim().to_string())
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// `vmcp serve` with two vMCPs: `bench` (the HTTP upstream) and `procs` (a stdio test upstream,
/// to count processes); returns the process and its base URL.
fn start_vmcp(dir: &Path, upstream_url: &str) -> (Proc, String) {
    let yaml = format!(
        "servers:\n  up:\n    url: {upstream_url}\n    trust: always\n  local:\n    command: {UPSTREAM}\n    \
         args: [--name, local, --tools-only]\n    trust: always\nvmcps:\n  bench:\n    servers:\n      \
         up: {{}}\n  procs:\n    servers:\n      local: {{}}\n"
    );
    let config = dir.join("http-bench.yaml");
    std::fs::write(&config, yaml).expect("config");
    let log = dir.join("http-bench-serve.log");
    let child = Command::new(VMCP)
        .args([
            "serve",
            "--no-auth",
            "--listen",
            "127.0.0.1:0",
            "--max-sessions",
            "100000",
            "--config",
        ])
        .arg(&config)
        .env("VMCP_HOME", dir)
        .env_remove("VMCP_LOG")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("vmcp serve");
    let proc = Proc(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(start) = text.find("http://127.0.0.1:")
            && let Some(end) = text[start..].find("/mcp/")
        {
            return (proc, text[start..start + end].to_string());
        }
        assert!(
            Instant::now() < deadline,
            "vmcp serve did not start: {text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// FastMCP's proxy in front of the upstream, if a Python with fastmcp was named.
fn start_peer(upstream_url: &str) -> Option<(Proc, String)> {
    let python = std::env::var("VMCP_BENCH_PYTHON").ok()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/proxy/fastmcp_proxy.py");
    let port = free_port();
    let child = Command::new(python)
        .arg(script)
        .args([upstream_url, &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python");
    let proc = Proc(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the FastMCP proxy did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((proc, format!("http://127.0.0.1:{port}/mcp")))
}

fn modern_body(id: u64, tool: &str) -> Vec<u8> {
    format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"{tool}\",\
         \"arguments\":{{}},\"_meta\":{{\"io.modelcontextprotocol/protocolVersion\":\"{MODERN}\",\
         \"io.modelcontextprotocol/clientInfo\":{{\"name\":\"bench\",\"version\":\"1\"}},\
         \"io.modelcontextprotocol/clientCapabilities\":{{}}}}}}}}"
    )
    .into_bytes()
}

async fn modern_call(conn: &mut HttpConn, id: u64, tool: &str) -> Reply {
    let headers = [
        ("MCP-Protocol-Version", MODERN),
        ("Mcp-Method", "tools/call"),
        ("Mcp-Name", tool),
    ];
    conn.request("POST", &headers, &modern_body(id, tool)).await
}

/// initialize + notifications/initialized; the session id.
async fn legacy_open(conn: &mut HttpConn) -> String {
    let init = format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{{\"protocolVersion\":\
         \"{LEGACY}\",\"capabilities\":{{}},\"clientInfo\":{{\"name\":\"bench\",\"version\":\"1\"}}}}}}"
    );
    let reply = conn.request("POST", &[], init.as_bytes()).await;
    assert!(
        reply.ok(),
        "initialize failed: {} {}",
        reply.status,
        reply.answer()
    );
    let sid = reply.session.expect("an Mcp-Session-Id");
    let done = br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
    let headers = [
        ("Mcp-Session-Id", sid.as_str()),
        ("MCP-Protocol-Version", LEGACY),
    ];
    let ack = conn.request("POST", &headers, done).await;
    assert_eq!(ack.status, 202, "notifications/initialized");
    sid
}

async fn legacy_call(conn: &mut HttpConn, sid: &str, id: u64, tool: &str) -> Reply {
    let body = format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"{tool}\",\"arguments\":{{}}}}}}"
    );
    let headers = [("Mcp-Session-Id", sid), ("MCP-Protocol-Version", LEGACY)];
    conn.request("POST", &headers, body.as_bytes()).await
}

async fn legacy_delete(conn: &mut HttpConn, sid: &str) -> u16 {
    let headers = [("Mcp-Session-Id", sid), ("MCP-Protocol-Version", LEGACY)];
    conn.request("DELETE", &headers, b"").await.status
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

fn status_kib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count)
}

/// Processes whose parent is `pid` (vmcp's upstreams and its reaper).
fn children(pid: u32) -> usize {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0;
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| {
            // The parent is the 2nd field after the parenthesised command name.
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .is_some_and(|ppid| ppid == pid.to_string())
        })
        .count()
}

/// vmcp's own resident growth per idle legacy session (each has called once, so its upstream
/// connection is open), in KiB; the sessions are deleted afterwards.
async fn idle_session_kib(vmcp: u32, t: &Target, n: usize) -> f64 {
    let before = status_kib(vmcp, "VmRSS:");
    let mut conn = HttpConn::connect(&t.endpoint).await;
    let mut sids = Vec::with_capacity(n);
    for i in 0..n {
        let sid = legacy_open(&mut conn).await;
        assert!(legacy_call(&mut conn, &sid, i as u64, &t.tool).await.ok());
        sids.push(sid);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = status_kib(vmcp, "VmRSS:");
    for sid in &sids {
        legacy_delete(&mut conn, sid).await;
    }
    (after - before) / n as f64
}

/// Sessions created, called once and deleted, 32 at a time. Returns the figures before and
/// after (RSS KiB, fds, children) and how many deleted sessions still answered something other
/// than 404.
struct Churn {
    rss: (f64, f64),
    fds: (usize, usize),
    children: (usize, usize),
    alive_after: usize,
    per_s: f64,
}

async fn churn(vmcp: u32, t: &Target, n: usize) -> Churn {
    // Settle first: one session, so lazily built state exists before the baseline.
    let mut warm = HttpConn::connect(&t.endpoint).await;
    let sid = legacy_open(&mut warm).await;
    assert!(legacy_call(&mut warm, &sid, 0, &t.tool).await.ok());
    legacy_delete(&mut warm, &sid).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss0 = status_kib(vmcp, "VmRSS:");
    let fds0 = fds(vmcp);
    let children0 = children(vmcp);
    let t0 = Instant::now();
    let workers = 32;
    let runs = (0..workers).map(|w| {
        let endpoint = t.endpoint.clone();
        let tool = t.tool.clone();
        async move {
            let mut conn = HttpConn::connect(&endpoint).await;
            let mut last = None;
            for i in (w..n).step_by(workers) {
                let sid = legacy_open(&mut conn).await;
                assert!(legacy_call(&mut conn, &sid, i as u64, &tool).await.ok());
                assert_eq!(legacy_delete(&mut conn, &sid).await, 200);
                last = Some(sid);
            }
            (conn, last)
        }
    });
    let ended = join_all(runs).await;
    let per_s = n as f64 / t0.elapsed().as_secs_f64();
    let mut alive_after = 0;
    for (mut conn, sid) in ended {
        if let Some(sid) = sid
            && legacy_call(&mut conn, &sid, 1, &t.tool).await.status != 404
        {
            alive_after += 1;
        }
    }
    // Upstreams end after their session; give the reaper a moment before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    Churn {
        rss: (rss0, status_kib(vmcp, "VmRSS:")),
        fds: (fds0, fds(vmcp)),
        children: (children0, children(vmcp)),
        alive_after,
        per_s,
    }
}

pub(crate) fn run(dir: &Path) {
    let calls = arg("--http-calls", 2000);
    let (_upstream, upstream_url) = {
        let mut cmd = Command::new(rmcp_upstream());
        cmd.args(["--http", "0"]);
        start_printing_url(cmd)
    };
    let (vmcp, base) = start_vmcp(dir, &upstream_url);
    let vmcp_pid = vmcp.0.id();
    let peer = start_peer(&upstream_url);
    let mut targets = vec![
        Target {
            name: "direct",
            endpoint: Endpoint::parse(&upstream_url),
            tool: TOOL.into(),
        },
        Target {
            name: "vmcp serve",
            endpoint: Endpoint::parse(&format!("{base}/mcp/bench")),
            tool: format!("up_{TOOL}"),
        },
    ];
    if let Some((_, url)) = &peer {
        targets.push(Target {
            name: "FastMCP proxy",
            endpoint: Endpoint::parse(url),
            tool: TOOL.into(),
        });
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |name: &str, cells: Vec<String>| rows.push((name.to_string(), cells));
    let each = |f: &dyn Fn(&Target) -> String| targets.iter().map(f).collect::<Vec<_>>();
    let seq_m: Vec<(f64, f64)> = targets
        .iter()
        .map(|t| rt.block_on(sequential_modern(t, calls)))
        .collect();
    row(
        "stateless call, sequential p50 / p99 (µs)",
        seq_m
            .iter()
            .map(|(a, b)| format!("{a:.0} / {b:.0}"))
            .collect(),
    );
    let seq_l: Vec<(f64, f64)> = targets
        .iter()
        .map(|t| rt.block_on(sequential_legacy(t, calls)))
        .collect();
    row(
        "session call, sequential p50 / p99 (µs)",
        seq_l
            .iter()
            .map(|(a, b)| format!("{a:.0} / {b:.0}"))
            .collect(),
    );
    let rates: Vec<f64> = targets
        .iter()
        .map(|t| rt.block_on(throughput_modern(t, 64, calls / 4)))
        .collect();
    row(
        "stateless calls/s, 64 connections",
        rates.iter().map(|r| format!("{r:.0}")).collect(),
    );
    row(
        "1,000 stateless clients at once: wall ms, p50 / p99 ms, failed",
        each(&|t| {
            let (wall, p50, p99, failed) = rt.block_on(burst_modern(t, 1000));
            format!(
                "{wall:.0}, {:.1} / {:.1}, {failed}",
                p50 / 1000.0,
                p99 / 1000.0
            )
        }),
    );
    row(
        "100 sessions × 20 calls at once: calls/s, p99 ms",
        each(&|t| {
            let (rate, p99) = rt.block_on(sessions_legacy(t, 100, 20));
            format!("{rate:.0}, {:.1}", p99 / 1000.0)
        }),
    );
    row(
        "session create → first result, median ms",
        each(&|t| format!("{:.2}", rt.block_on(create_to_first(t, 30)))),
    );
    print_table(&targets, &rows, &seq_m, &seq_l);
    leaks(&rt, vmcp_pid, &base, &targets[1], rates[1]);
    drop(peer);
    drop(vmcp);
}

/// The rows that only concern vmcp: throughput against the target, idle memory, the churns.
fn leaks(rt: &tokio::runtime::Runtime, vmcp_pid: u32, base: &str, through: &Target, rate: f64) {
    let churn_n = arg("--churn", 10_000);
    let idle_n = arg("--idle", 1000);
    println!(
        "vmcp serve stateless throughput: {:.0} calls/s (target >= 20,000: {})",
        rate,
        if rate >= 20_000.0 { "ok" } else { "MISSED" }
    );
    let idle = rt.block_on(idle_session_kib(vmcp_pid, through, idle_n));
    println!(
        "vmcp's own memory per idle session ({idle_n} sessions): {idle:.1} KiB (target <= 64: {})",
        if idle <= 64.0 { "ok" } else { "MISSED" }
    );
    let c = rt.block_on(churn(vmcp_pid, through, churn_n));
    println!(
        "churn of {churn_n} sessions (HTTP upstream): {:.0} sessions/s; still alive after DELETE: {}; \
         fds {} → {}; RSS {:.1} → {:.1} MiB",
        c.per_s,
        c.alive_after,
        c.fds.0,
        c.fds.1,
        c.rss.0 / 1024.0,
        c.rss.1 / 1024.0
    );
    let procs = Target {
        name: "vmcp serve (stdio upstream)",
        endpoint: Endpoint::parse(&format!("{base}/mcp/procs")),
        tool: "local_pid".into(),
    };
    let process_churn = (churn_n / 10).max(100);
    let p = rt.block_on(churn(vmcp_pid, &procs, process_churn));
    println!(
        "churn of {process_churn} sessions (each its own stdio upstream): {:.0} sessions/s; still \
         alive: {}; vmcp's child processes {} → {}; fds {} → {}",
        p.per_s, p.alive_after, p.children.0, p.children.1, p.fds.0, p.fds.1
    );
    let clean = c.alive_after == 0
        && p.alive_after == 0
        && c.fds.1 <= c.fds.0
        && p.fds.1 <= p.fds.0
        && p.children.1 <= p.children.0;
    println!(
        "leaked sessions or processes after the churns: {} (target: none)",
        if clean { "none: ok" } else { "MISSED" }
    );
}

/// The table as markdown, with the issue's targets for vmcp's column.
fn print_table(
    targets: &[Target],
    rows: &[(String, Vec<String>)],
    m: &[(f64, f64)],
    l: &[(f64, f64)],
) {
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
    let (stateless, session) = (m[1].0 / m[0].0, l[1].0 / l[0].0);
    let _ = writeln!(
        out,
        "\nvmcp / direct p50: stateless {stateless:.2}x, session {session:.2}x (target <= 1.2x: {}, {})",
        verdict(stateless <= 1.2),
        verdict(session <= 1.2)
    );
    if targets.len() > 2 {
        let _ = writeln!(
            out,
            "FastMCP proxy / vmcp p50: stateless {:.2}x, session {:.2}x",
            m[2].0 / m[1].0,
            l[2].0 / l[1].0
        );
    }
    print!("{out}");
}
