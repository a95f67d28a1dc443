//! Memory stays bounded whatever the client does, through the real binary: a client that does
//! not read stops vmcp reading (instead of vmcp buffering what it cannot deliver), one large
//! message does not keep its buffer, and a client that closed its end of our stdout is gone.

use std::time::{Duration, Instant};

use crate::harness::raw::{RawClient, memory_kib};
use crate::harness::{one_upstream, wait_for};

const MIB: u64 = 1024;

/// Bytes a process has read so far (`rchar`).
fn bytes_read(pid: i32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/io"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_client_that_does_not_read_stops_vmcp_reading() {
    // The issue's scenario: many calls of a 1 MB result, and a client that does not read.
    const CALLS: usize = 300;
    let home = one_upstream(&["--only-tools", "big"]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    let pid = c.pid();
    for id in 0..CALLS {
        c.send(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"tools/call","params":{{"name":"s_big","arguments":{{"bytes":1000000}}}}}}"#).as_bytes());
    }
    // Not reading, until vmcp has either buffered far too much, or started reading results and
    // then stopped (what it has read stays the same for a while).
    let (mut last, mut since) = (0, Instant::now());
    let stopped = wait_for(Duration::from_secs(120), || {
        if memory_kib(pid, "VmHWM") > 200 * MIB {
            return Some(false);
        }
        let read = bytes_read(pid);
        if read != last {
            (last, since) = (read, Instant::now());
        }
        (read > 5_000_000 && since.elapsed() > Duration::from_secs(2)).then_some(true)
    });
    let peak = memory_kib(pid, "VmHWM");
    assert_eq!(
        stopped,
        Some(true),
        "vmcp kept reading while its client did not: {} MiB resident",
        peak / MIB
    );
    // Once the client reads, every call is answered.
    let mut answered = 0;
    while answered < CALLS {
        let line = c.line();
        assert!(
            line.contains("xxxxxxxxxx"),
            "{}",
            &line[..line.len().min(300)]
        );
        answered += 1;
    }
    let peak = memory_kib(pid, "VmHWM");
    assert!(
        peak < 80 * MIB,
        "peak resident memory {} MiB for {CALLS} MB the client did not read",
        peak / MIB
    );
}

#[test]
fn one_large_message_does_not_keep_its_memory() {
    let home = one_upstream(&[]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize();
    let pid = c.pid();
    c.send(br#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#);
    c.answer("1");
    let before = memory_kib(pid, "VmRSS");
    // Under the limit (served) and over it (skipped): neither keeps its buffer.
    let filler = "x".repeat(60 * 1024 * 1024);
    c.send(
        format!(r#"{{"jsonrpc":"2.0","id":2,"method":"ping","params":{{"x":"{filler}"}}}}"#)
            .as_bytes(),
    );
    c.answer("2");
    let kept = |what: &str| {
        let rss = memory_kib(pid, "VmRSS");
        assert!(
            rss < before + 16 * MIB,
            "after a large message ({what}), {} MiB resident instead of {} MiB",
            rss / MIB,
            before / MIB
        );
    };
    kept("served");
    let filler = "x".repeat(100 * 1024 * 1024);
    c.send(
        format!(r#"{{"jsonrpc":"2.0","id":3,"method":"ping","params":{{"x":"{filler}"}}}}"#)
            .as_bytes(),
    );
    c.answer("3");
    kept("skipped");
}

#[test]
fn a_client_that_closed_our_stdout_is_a_disconnect() {
    let home = one_upstream(&["--pidfile", "{dir}/s.pid"]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.initialize_here();
    let upstream = home.read_pid("s.pid");
    // The client stops reading for good but keeps our stdin open: vmcp ends as on end of input
    // (and stops its upstream), instead of running calls whose results nobody can read.
    c.close_stdout();
    let status = c.wait_exit(Duration::from_secs(10));
    assert!(
        status.is_some(),
        "vmcp kept running for a client that cannot read it; stderr:\n{}",
        c.stderr()
    );
    assert!(status.unwrap().success(), "{}", c.stderr());
    assert_eq!(
        crate::harness::procs::wait_gone(&[upstream], Duration::from_secs(5)),
        Vec::<i32>::new()
    );
}
