//! The HTTP table's row about opening sessions of a wide vMCP: one `scope: shared` server of
//! 5,000 tools (the test upstream, default trust: pinned), already running, so a new session
//! should only build its own catalog view and routing. Session create → `initialize` answered
//! and → first complete `tools/list`, and vmcp's CPU per session (open, list, delete: the
//! server's CPU clock, which measures vmcp's work whoever else shares the machine).
//!
//! Options (after `--`): `--wide-sessions N` (100).

use std::time::Instant;

use nix::time::{clock_getcpuclockid, clock_gettime};
use nix::unistd::Pid;

use crate::http_conn::{Endpoint, HttpConn};
use crate::http_mcp::{legacy_delete, legacy_list, legacy_open};
use crate::{arg, median};

/// The tools of the wide vMCP's server.
pub(crate) const WIDE_TOOLS: usize = 5000;

/// `vmcp serve`'s CPU time so far (all its threads), in ms.
fn cpu_ms(pid: u32) -> f64 {
    let pid = Pid::from_raw(i32::try_from(pid).expect("a pid"));
    let clock = clock_getcpuclockid(pid).expect("the CPU clock of vmcp serve");
    let t = clock_gettime(clock).expect("its CPU time");
    t.tv_sec() as f64 * 1e3 + t.tv_nsec() as f64 / 1e6
}

/// One session: (ms to `initialize` answered, ms to the first `tools/list` answered).
async fn open_and_list(endpoint: &Endpoint) -> (f64, f64) {
    let t0 = Instant::now();
    let mut conn = HttpConn::connect(endpoint).await;
    let sid = legacy_open(&mut conn).await;
    let opened = t0.elapsed();
    let list = legacy_list(&mut conn, &sid, 1).await;
    let listed = t0.elapsed();
    let tools = list.answer().matches("\"inputSchema\"").count();
    assert!(
        list.ok() && tools >= WIDE_TOOLS,
        "the wide vMCP listed {tools} tools: {}",
        &list.answer()[..list.answer().len().min(300)]
    );
    assert_eq!(legacy_delete(&mut conn, &sid).await, 200);
    (opened.as_secs_f64() * 1e3, listed.as_secs_f64() * 1e3)
}

/// Prints the row for the wide vMCP of the server at `base` (process `vmcp`).
pub(crate) fn run(rt: &tokio::runtime::Runtime, vmcp: u32, base: &str) {
    let reps = arg("--wide-sessions", 100);
    let endpoint = Endpoint::parse(&format!("{base}/mcp/wide"));
    // The first session starts the shared server and records its first use: not measured.
    rt.block_on(open_and_list(&endpoint));
    let cpu0 = cpu_ms(vmcp);
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        times.push(rt.block_on(open_and_list(&endpoint)));
    }
    let cpu = (cpu_ms(vmcp) - cpu0) / reps as f64;
    let opened = median(times.iter().map(|t| t.0).collect());
    let listed = median(times.iter().map(|t| t.1).collect());
    println!(
        "session create → initialize answered / → first tools/list, one running scope: shared \
         server of {WIDE_TOOLS} tools (median of {reps}): {opened:.2} / {listed:.2} ms; vmcp's CPU \
         per session (open, list, delete): {cpu:.2} ms"
    );
}
