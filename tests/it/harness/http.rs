//! A small blocking HTTP/1.1 client over a TCP socket (each request on its own connection), and
//! `vmcp serve` run as a child process: the tests see exactly the bytes and headers a client
//! would, including SSE streams read event by event.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use super::command::Vmcp;
use super::{vmcp, wait_for};

pub const MODERN: &str = "2026-07-28";

/// One response, read up to its headers; the body is read whole or event by event.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    reader: BufReader<TcpStream>,
    chunked: bool,
    length: Option<usize>,
    /// Body bytes decoded but not yet consumed as events.
    pending: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The next decoded piece of the body; `None` at its end.
    fn more(&mut self) -> Option<String> {
        if self.chunked {
            let mut size = String::new();
            if self.reader.read_line(&mut size).ok()? == 0 {
                return None;
            }
            let n = usize::from_str_radix(size.trim(), 16).ok()?;
            if n == 0 {
                return None;
            }
            let mut buf = vec![0; n + 2];
            self.reader.read_exact(&mut buf).ok()?;
            buf.truncate(n);
            return Some(String::from_utf8_lossy(&buf).into_owned());
        }
        let mut buf = Vec::new();
        match self.length.take() {
            Some(n) => {
                buf.resize(n, 0);
                self.reader.read_exact(&mut buf).ok()?;
            }
            None => {
                self.reader.read_to_end(&mut buf).ok()?;
            }
        }
        (!buf.is_empty()).then(|| String::from_utf8_lossy(&buf).into_owned())
    }

    pub fn text(mut self) -> String {
        let mut out = std::mem::take(&mut self.pending);
        while let Some(piece) = self.more() {
            out.push_str(&piece);
        }
        out
    }

    pub fn json(self) -> Value {
        let text = self.text();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }

    /// The next SSE event's JSON data (comments skipped); `None` when the stream ended.
    pub fn event(&mut self) -> Option<Value> {
        self.event_before(None)
    }

    /// [`Reply::event`], or `None` once `deadline` passed (keep-alive comments come often
    /// enough for it to be noticed).
    pub fn event_before(&mut self, deadline: Option<std::time::Instant>) -> Option<Value> {
        loop {
            if deadline.is_some_and(|d| std::time::Instant::now() > d) {
                return None;
            }
            if let Some(end) = self.pending.find("\n\n") {
                let event: String = self.pending.drain(..end + 2).collect();
                let data: Vec<&str> = event
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")))
                    .collect();
                if data.is_empty() {
                    continue;
                }
                return Some(serde_json::from_str(&data.join("\n")).expect("SSE data is JSON"));
            }
            let piece = self.more()?;
            self.pending.push_str(&piece);
        }
    }

    /// Every remaining SSE event.
    pub fn events(mut self) -> Vec<Value> {
        let mut out = Vec::new();
        while let Some(e) = self.event() {
            out.push(e);
        }
        out
    }

    /// The JSON-RPC message that answers: the body, or the last event of a stream.
    pub fn answer(self) -> Value {
        if self
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/event-stream"))
        {
            self.events().pop().expect("a stream with an answer")
        } else {
            self.json()
        }
    }
}

/// Sends one request; `url` is `http://host:port/path`.
pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let stream = TcpStream::connect(authority).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        let _ = write!(req, "Host: {authority}\r\n");
    }
    for (k, v) in headers {
        let _ = write!(req, "{k}: {v}\r\n");
    }
    let body = body.unwrap_or("");
    if method == "POST" {
        let _ = write!(req, "Content-Length: {}\r\n", body.len());
    }
    req += "\r\n";
    req += body;
    (&stream).write_all(req.as_bytes()).expect("send");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).expect("status line");
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).expect("header");
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let chunked = find("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let length = find("content-length").and_then(|v| v.parse().ok());
    Reply {
        status,
        headers,
        reader,
        chunked,
        length,
        pending: String::new(),
    }
}

/// POSTs one JSON-RPC message with the headers a client sends.
pub fn post(url: &str, extra: &[(&str, &str)], message: &Value) -> Reply {
    let mut headers = vec![
        ("Content-Type", "application/json"),
        ("Accept", "application/json, text/event-stream"),
    ];
    headers.extend_from_slice(extra);
    send("POST", url, &headers, Some(&message.to_string()))
}

/// A modern request's params: `params` plus the `_meta` every 2026-07-28 request carries (no
/// capabilities, unless `params` declare some).
pub fn modern_params(mut params: Value) -> Value {
    params["_meta"]["io.modelcontextprotocol/protocolVersion"] = json!(MODERN);
    let caps = &mut params["_meta"]["io.modelcontextprotocol/clientCapabilities"];
    if caps.is_null() {
        *caps = json!({});
    }
    params
}

/// POSTs a modern request with correct `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name`
/// (the name, URI or task id), unless `extra` sets them otherwise.
pub fn modern(url: &str, extra: &[(&str, &str)], id: i64, method: &str, params: Value) -> Reply {
    let params = modern_params(params);
    let name = params
        .get("name")
        .or_else(|| params.get("uri"))
        .or_else(|| params.get("taskId"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut headers = vec![("MCP-Protocol-Version", MODERN), ("Mcp-Method", method)];
    if let Some(n) = name.as_deref() {
        headers.push(("Mcp-Name", n));
    }
    headers.retain(|(k, _)| !extra.iter().any(|(e, _)| e.eq_ignore_ascii_case(k)));
    headers.extend_from_slice(extra);
    post(
        url,
        &headers,
        &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
    )
}

/// `vmcp serve` running on a free loopback port.
pub struct Serve {
    pub child: Child,
    pub base: String,
    pub stderr: PathBuf,
}

impl Serve {
    /// Starts `vmcp serve --listen 127.0.0.1:0 --config FILE ARGS…` with VMCP_HOME = `home`.
    pub fn start(home: &Path, config: &Path, args: &[&str]) -> Serve {
        Serve::start_with(home, config, args, &[])
    }

    /// [`Serve::start`] with more environment variables.
    pub fn start_with(home: &Path, config: &Path, args: &[&str], env: &[(&str, &str)]) -> Serve {
        let command = vmcp(home).envs(env.iter().copied());
        Serve::launch(home, command, "127.0.0.1:0", config, args)
    }

    /// `vmcp serve --listen 0.0.0.0:0 …` in a private network namespace of its own (nothing
    /// outside reaches it; see `netns.rs`): clients run in [`Serve::inside`]. `None`, said
    /// loudly, where no namespace can be made.
    pub fn start_on_every_interface(home: &Path, config: &Path, args: &[&str]) -> Option<Serve> {
        if !super::netns::available("a test of vmcp serve on every interface") {
            return None;
        }
        let launcher = super::netns::command(super::VMCP);
        Some(Serve::launch(
            home,
            super::command::vmcp_by(launcher, home),
            "0.0.0.0:0",
            config,
            args,
        ))
    }

    /// Starts `serve --listen LISTEN --config CONFIG ARGS…` and waits until it serves; the base
    /// URL is on 127.0.0.1 whatever address it listens on.
    fn launch(home: &Path, command: Vmcp, listen: &str, config: &Path, args: &[&str]) -> Serve {
        let stderr = home.join(format!("serve-{}.log", super::client::fastrand()));
        let child = command
            .args(["serve", "--listen", listen, "--config"])
            .arg(config)
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn();
        let base = wait_for(Duration::from_secs(20), || {
            let log = std::fs::read_to_string(&stderr).ok()?;
            let start = log.find("serving vMCP ")?;
            let rest = &log[start..];
            let rest = &rest[rest.find(" at http://")? + " at http://".len()..];
            let authority = &rest[..rest.find("/mcp/")?];
            let port = authority.rsplit(':').next()?;
            Some(format!("http://127.0.0.1:{port}"))
        })
        .unwrap_or_else(|| {
            panic!(
                "vmcp serve did not start: {}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            )
        });
        Serve {
            child,
            base,
            stderr,
        }
    }

    /// Runs `f` in the network namespace of a server [`Serve::start_on_every_interface`]
    /// started, where it can be reached.
    pub fn inside<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        super::netns::inside(self.pid(), f)
    }

    pub fn url(&self, vmcp: &str) -> String {
        format!("{}/mcp/{vmcp}", self.base)
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).unwrap()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Opens a legacy session; returns its id.
    pub fn initialize(&self, vmcp: &str, extra: &[(&str, &str)]) -> String {
        initialize(&self.url(vmcp), extra)
    }
}

/// Opens a legacy session at `url`; returns its id.
pub fn initialize(url: &str, extra: &[(&str, &str)]) -> String {
    let r = post(
        url,
        extra,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {},
            "clientInfo": {"name": "http-test", "version": "1"}}}),
    );
    if r.status != 200 {
        let status = r.status;
        panic!("initialize: {status} {}", r.text());
    }
    let id = r
        .header("mcp-session-id")
        .expect("a session id")
        .to_string();
    let answer = r.json();
    assert_eq!(
        answer["result"]["protocolVersion"], "2025-11-25",
        "{answer}"
    );
    id
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
