//! Resilience figures: how long an upstream takes to serve again after it crashes (with the
//! default backoff, and with a 10 ms one to show vmcp's own cost), and a 100-iteration
//! crash/recover loop after which no process may be left over.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::conn::Conn;
use crate::{UPSTREAM, VMCP, median};

/// A vMCP over one test upstream tagged `tag` (to find its processes), restarting after
/// `retry_delay`.
fn launch(dir: &Path, tag: &str, retry_delay: &str) -> Conn {
    let yaml = format!(
        "servers:\n  flaky:\n    command: {UPSTREAM}\n    args: [--name, {tag}, --tools-only]\n    retry_delay: {retry_delay}\n    trust: always\nvmcps:\n  bench:\n    catalog_cache: off\n    servers: [flaky]\n"
    );
    let path = dir.join(format!("recovery-{tag}.yaml"));
    std::fs::write(&path, yaml).expect("config");
    let mut cmd = Command::new(VMCP);
    cmd.args(["stdio", "--vmcp", "bench", "--config"])
        .arg(&path)
        .env("VMCP_HOME", dir)
        .env_remove("VMCP_LOG");
    let mut c = Conn::spawn(cmd);
    c.initialize();
    c
}

const PID: &str = r#"{"name":"flaky_pid","arguments":{}}"#;
const CRASH: &str = r#"{"name":"flaky_crash","arguments":{}}"#;

/// Crashes the upstream, then polls until a call succeeds; returns the time from the crash.
fn crash_and_recover(c: &mut Conn) -> Duration {
    let before = c.call("tools/call", PID);
    assert!(!before.contains("\"isError\":true"), "not up: {before}");
    let t0 = Instant::now();
    let r = c.call("tools/call", CRASH);
    assert!(
        r.contains("\"isError\":true"),
        "the crash call must fail: {r}"
    );
    loop {
        let r = c.call("tools/call", PID);
        if !r.contains("\"isError\":true") {
            return t0.elapsed();
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "never recovered: {r}"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Processes whose command line carries `tag` (the upstream's `--name`).
fn processes_tagged(tag: &str) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .filter(|cmd| cmd.split(|b| *b == 0).any(|arg| arg == tag.as_bytes()))
        .count()
}

pub(crate) fn run(dir: &Path, reps: usize) {
    let tag = format!("recovery-bench-{}", std::process::id());
    let mut c = launch(dir, &tag, "1s");
    let default_ms: Vec<f64> = (0..reps)
        .map(|_| crash_and_recover(&mut c).as_secs_f64() * 1000.0)
        .collect();
    c.close();
    let fast_tag = format!("{tag}-fast");
    let mut c = launch(dir, &fast_tag, "10ms");
    let mut loop_ms = Vec::new();
    let mut most_alive = 0;
    for _ in 0..100 {
        loop_ms.push(crash_and_recover(&mut c).as_secs_f64() * 1000.0);
        most_alive = most_alive.max(processes_tagged(&fast_tag));
    }
    let vmcp_pid = c.child.id();
    c.close();
    // Give the reaper a moment, then count what is left of the 100 crashed upstreams.
    std::thread::sleep(Duration::from_millis(500));
    let leaked = processes_tagged(&fast_tag) + processes_tagged(&tag);
    let vmcp_alive = Path::new(&format!("/proc/{vmcp_pid}")).exists();
    println!("\nrecovery (one stdio upstream killed by a call; medians)\n");
    println!("| metric | figure | target |");
    println!("|---|---|---|");
    println!(
        "| crash → next successful call, default backoff (1 s ±25 %) | {:.0} ms | - |",
        median(default_ms)
    );
    println!(
        "| crash → next successful call, retry_delay 10 ms | {:.1} ms | - |",
        median(loop_ms.clone())
    );
    println!(
        "| 100 crash/recover iterations: upstream processes alive at once (max) | {most_alive} | 1 {} |",
        if most_alive <= 1 { "ok" } else { "MISSED" }
    );
    println!(
        "| processes left after vmcp exited | {leaked}{} | 0 {} |",
        if vmcp_alive { " (and vmcp itself)" } else { "" },
        if leaked == 0 && !vmcp_alive {
            "ok"
        } else {
            "MISSED"
        }
    );
}
