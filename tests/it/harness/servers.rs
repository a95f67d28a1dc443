//! Network servers a test starts (the test upstream over HTTP or SSE, reference servers): killed
//! when the guard drops, so a failing test leaves nothing listening.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::UPSTREAM;

/// A child process killed (and reaped) on drop.
pub struct ServerProcess(pub Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the test upstream with `args` (which select `--http PORT` or `--sse PORT`) and
/// `--events FILE`; returns it and the URL it prints once it listens.
pub fn test_upstream(args: &[&str], events: &Path) -> (ServerProcess, String) {
    let child = Command::new(UPSTREAM)
        .args(args)
        .arg("--events")
        .arg(events)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn the test upstream");
    read_url(child)
}

/// Guards a server spawned with piped stdout and reads the URL it prints once it listens.
pub fn read_url(mut child: Child) -> (ServerProcess, String) {
    let stdout = child.stdout.take().expect("stdout");
    let server = ServerProcess(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("its URL");
    assert!(
        line.starts_with("http://"),
        "the server printed no URL (it exited?): {line:?}"
    );
    (server, line.trim().to_string())
}

/// The port of a `http://127.0.0.1:PORT/…` URL.
pub fn port_of(url: &str) -> u16 {
    url.trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port in the URL")
}

/// Escapes `s` for use as a literal in an insta filter regex.
pub fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}
