//! The processes the HTTP table measures: the rmcp fixture over HTTP, `vmcp serve` in front of
//! it, and FastMCP's proxy; each ended (SIGTERM, then waited for) when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::http_wide::WIDE_TOOLS;
use crate::{UPSTREAM, VMCP};

/// A process the table started; ended (SIGTERM, then waited for) when dropped.
pub(crate) struct Proc(pub(crate) Child);

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

/// The rmcp fixture next to the bench's binaries; built (release) when missing.
pub(crate) fn rmcp_upstream() -> PathBuf {
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
pub(crate) fn start_printing_url(mut cmd: Command) -> (Proc, String) {
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

pub(crate) fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// `vmcp serve` with three vMCPs: `bench` (the HTTP upstream), `procs` (a stdio test upstream,
/// to count processes) and `wide` (one `scope: shared` test upstream of `WIDE_TOOLS` tools,
/// trust as by default); returns the process and its base URL.
pub(crate) fn start_vmcp(dir: &Path, upstream_url: &str) -> (Proc, String) {
    let extra = WIDE_TOOLS - 1;
    let yaml = format!(
        "servers:\n  up:\n    url: {upstream_url}\n    trust: always\n  local:\n    command: {UPSTREAM}\n    \
         args: [--name, local, --tools-only]\n    trust: always\n  many:\n    command: {UPSTREAM}\n    \
         args: [--name, many, --tools-only, --only-tools, echo, --extra-tools, '{extra}']\n\
         vmcps:\n  bench:\n    servers:\n      up: {{}}\n  procs:\n    servers:\n      local: {{}}\n  \
         wide:\n    servers:\n      many: {{scope: shared}}\n"
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
pub(crate) fn start_peer(upstream_url: &str) -> Option<(Proc, String)> {
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
