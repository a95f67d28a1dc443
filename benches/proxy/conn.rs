//! A minimal blocking MCP client over a child's stdio, for measuring.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::Pid;

pub(crate) struct Conn {
    pub(crate) child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: u64,
    line: String,
}

impl Conn {
    pub(crate) fn spawn(mut cmd: Command) -> Conn {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::with_capacity(1 << 16, child.stdout.take().expect("stdout"));
        Conn {
            child,
            stdin,
            stdout,
            next_id: 0,
            line: String::new(),
        }
    }

    pub(crate) fn send(&mut self, method: &str, params: &str) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        // One write per message, as a real client does (a formatted write would issue several).
        let line = format!(
            "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{params}}}\n"
        );
        self.stdin.write_all(line.as_bytes()).expect("write");
        id
    }

    /// Reads lines until a response arrives; returns it (notifications are skipped).
    pub(crate) fn recv(&mut self) -> &str {
        loop {
            self.line.clear();
            let n = self.stdout.read_line(&mut self.line).expect("read");
            assert!(n > 0, "server closed stdout");
            if self.line.contains("\"id\"") && !self.line.contains("\"method\"") {
                return &self.line;
            }
        }
    }

    pub(crate) fn call(&mut self, method: &str, params: &str) -> String {
        self.send(method, params);
        self.recv().to_string()
    }

    /// 100 echo calls that must succeed, so that the measured ones find everything warm.
    pub(crate) fn warm_up(&mut self, params: &str) {
        for _ in 0..100 {
            let r = self.call("tools/call", params);
            assert!(r.contains("ping"), "{r}");
        }
    }

    /// Latencies of `n` sequential calls, in µs, sorted.
    pub(crate) fn sequential_latencies(&mut self, params: &str, n: usize) -> Vec<f64> {
        let mut lat: Vec<f64> = (0..n)
            .map(|_| {
                let t = Instant::now();
                self.call("tools/call", params);
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        lat.sort_by(f64::total_cmp);
        lat
    }

    /// Calls per second over `n` echo calls with `window` of them in flight at a time.
    pub(crate) fn pipelined_rate(&mut self, params: &str, n: usize, window: usize) -> f64 {
        let t0 = Instant::now();
        let mut sent = 0;
        while sent < window.min(n) {
            self.send("tools/call", params);
            sent += 1;
        }
        for _ in 0..n {
            assert!(self.recv().contains("ping"), "bad pipelined response");
            if sent < n {
                self.send("tools/call", params);
                sent += 1;
            }
        }
        n as f64 / t0.elapsed().as_secs_f64()
    }

    pub(crate) fn initialize(&mut self) {
        let r = self.call("initialize", r#"{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}"#);
        assert!(r.contains("protocolVersion"), "{r}");
        self.stdin
            .write_all(b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n")
            .expect("write");
    }

    /// A modern (2026-07-28) client's first request: no handshake.
    pub(crate) fn discover(&mut self) {
        let r = self.call(
            "server/discover",
            r#"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}"#,
        );
        assert!(r.contains("supportedVersions"), "{r}");
    }

    /// A memory figure from /proc, in KiB: `VmRSS` (all resident pages) or `RssAnon` (private
    /// heap and stacks, without the binary's shared, file-backed pages).
    pub(crate) fn rss_kib(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// CPU time the process has used so far, all threads, in ns (from schedstat: exact, unlike
    /// the 10 ms ticks of /proc/PID/stat).
    pub(crate) fn cpu_ns(&self) -> u64 {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{}/task", self.child.id())) else {
            return 0;
        };
        tasks
            .filter_map(Result::ok)
            .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
            .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .sum()
    }

    pub(crate) fn close(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }
}

/// `tools/call` params echoing `ping` through `tool`.
pub(crate) fn echo_params(tool: &str) -> String {
    format!(r#"{{"name":"{tool}","arguments":{{"message":"ping"}}}}"#)
}

/// Pins this process (and the processes it starts) to CPU 0 until dropped.
pub(crate) struct Pinned(Option<CpuSet>);

impl Pinned {
    pub(crate) fn to_cpu0() -> Pinned {
        let me = Pid::from_raw(0);
        let before = sched_getaffinity(me).ok();
        let mut one = CpuSet::new();
        let pinned = one.set(0).is_ok() && sched_setaffinity(me, &one).is_ok();
        Pinned(if pinned { before } else { None })
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        if let Some(before) = &self.0 {
            let _ = sched_setaffinity(Pid::from_raw(0), before);
        }
    }
}
