//! A client that speaks to `vmcp stdio` in raw bytes: lines go in exactly as written (invalid
//! UTF-8, hundreds of MiB, arrays), and come out exactly as vmcp wrote them (numbers and ids as
//! text, not parsed). Its stdout is left unread until the test asks: a client that does not read.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::value::RawValue;

use super::VMCP;
use super::client::{TIMEOUT, fastrand};

const INITIALIZE: &[u8] = br#"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#;
const INITIALIZED: &[u8] = br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;

pub struct RawClient {
    pub child: Child,
    stdin: Option<ChildStdin>,
    stdout: Option<BufReader<ChildStdout>>,
    rx: Option<Receiver<String>>,
    pub stderr_path: PathBuf,
}

impl RawClient {
    /// Spawns `vmcp stdio --vmcp NAME --config FILE`.
    pub fn spawn(config: &Path, vmcp: &str) -> RawClient {
        let stderr_path = config.with_file_name(format!("vmcp-stderr-{}.log", fastrand()));
        let stderr = std::fs::File::create(&stderr_path).expect("stderr file");
        let mut child = Command::new(VMCP)
            .args(["stdio", "--vmcp", vmcp, "--config"])
            .arg(config)
            .arg("-vv")
            .env("VMCP_HOME", config.parent().unwrap_or(Path::new(".")))
            .env_remove("VMCP_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("spawn vmcp");
        RawClient {
            stdin: child.stdin.take(),
            stdout: child.stdout.take().map(BufReader::new),
            child,
            rx: None,
            stderr_path,
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid")
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// Writes `bytes` and a newline.
    pub fn send(&mut self, bytes: &[u8]) {
        let s = self.stdin.as_mut().expect("stdin open");
        s.write_all(bytes).expect("write to vmcp");
        s.write_all(b"\n").expect("write to vmcp");
        s.flush().expect("flush");
    }

    /// Starts reading stdout (every line must be JSON-RPC: stdout is the protocol).
    pub fn start_reading(&mut self) {
        let Some(stdout) = self.stdout.take() else {
            return;
        };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines() {
                let Ok(line) = line else { break };
                let ok = fields(&line)
                    .is_some_and(|f| f.get("jsonrpc").map(|v| v.get()) == Some("\"2.0\""));
                assert!(ok, "vmcp wrote a line that is not JSON-RPC: {line:?}");
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        self.rx = Some(rx);
    }

    /// The next line vmcp writes, as written.
    pub fn line(&mut self) -> String {
        self.start_reading();
        let rx = self.rx.as_ref().expect("reading");
        rx.recv_timeout(TIMEOUT).unwrap_or_else(|e| {
            panic!(
                "no line from vmcp within {TIMEOUT:?} ({e}); stderr:\n{}",
                self.stderr()
            )
        })
    }

    /// The next line that answers `id` (its JSON text, e.g. `7` or `"a"`); others are skipped.
    pub fn answer(&mut self, id: &str) -> String {
        loop {
            let line = self.line();
            let is_answer = fields(&line).is_some_and(|f| !f.contains_key("method"))
                && (line.contains(&format!("\"id\":{id},"))
                    || line.contains(&format!("\"id\":{id}}}")));
            if is_answer {
                return line;
            }
        }
    }

    /// The next notification with `method`; other lines are skipped.
    pub fn notification(&mut self, method: &str) -> String {
        loop {
            let line = self.line();
            if line.contains(&format!(r#""method":"{method}""#)) && !line.contains(r#""id":"#) {
                return line;
            }
        }
    }

    /// `initialize` (id `"init"`) and `notifications/initialized`.
    pub fn initialize(&mut self) {
        self.send(INITIALIZE);
        self.answer("\"init\"");
        self.send(INITIALIZED);
    }

    /// [`RawClient::initialize`], reading its answer on this thread (so that stdout can be
    /// closed afterwards: a reading thread would keep it open).
    pub fn initialize_here(&mut self) {
        self.send(INITIALIZE);
        let mut answer = String::new();
        let stdout = self.stdout.as_mut().expect("stdout not read by a thread");
        stdout.read_line(&mut answer).expect("read");
        assert!(answer.contains(r#""id":"init""#), "{answer}");
        self.send(INITIALIZED);
    }

    /// Closes our end of vmcp's stdout (a client that stopped reading for good).
    pub fn close_stdout(&mut self) {
        self.stdout.take();
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        super::procs::wait_exit(&mut self.child, limit)
    }
}

impl Drop for RawClient {
    fn drop(&mut self) {
        self.close_stdin();
        super::procs::end(&mut self.child);
    }
}

/// A message's top-level fields, values as written (numbers beyond f64 included).
fn fields(line: &str) -> Option<HashMap<String, Box<RawValue>>> {
    serde_json::from_str(line).ok()
}

/// A process's resident memory (`VmRSS`) or its peak (`VmHWM`), in KiB, from /proc.
pub fn memory_kib(pid: i32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
