//! The HTTP table's rows about vmcp alone: memory per idle session, and churns of sessions
//! after which nothing may be left (sessions answer 404; file descriptors and upstream
//! processes back where they started).

use std::time::{Duration, Instant};

use futures_util::future::join_all;

use crate::arg;
use crate::http::Target;
use crate::http_conn::{Endpoint, HttpConn};
use crate::http_mcp::{legacy_call, legacy_delete, legacy_open};

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

/// The rows that only concern vmcp: throughput against the target, idle memory, the churns.
pub(crate) fn leaks(
    rt: &tokio::runtime::Runtime,
    vmcp_pid: u32,
    base: &str,
    through: &Target,
    rate: f64,
) {
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
