//! An MCP client over the stdio of a spawned `vmcp stdio`. Every stdout line must be a JSON-RPC
//! message (anything else fails the test: stdout is the protocol). Server-initiated requests are
//! answered by a configurable responder.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::VMCP;

/// Answers a server-initiated request: Some(result) or None for a "method not found" error.
pub type Responder = Arc<dyn Fn(&str, &Value) -> Option<Value> + Send + Sync>;

pub struct Client {
    pub child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications (and stray messages) received while waiting for something else.
    pub backlog: Vec<Value>,
    pub responder: Arc<Mutex<Responder>>,
    /// Requests the server sent us (method, params).
    pub server_requests: Arc<Mutex<Vec<(String, Value)>>>,
    pub stderr_path: PathBuf,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

fn default_responder() -> Responder {
    Arc::new(|method: &str, params: &Value| match method {
        "sampling/createMessage" => {
            let text = params
                .pointer("/messages/0/content/text")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Some(
                json!({"role": "assistant", "content": {"type": "text", "text": format!("echo of {text}")}, "model": "test-model", "stopReason": "endTurn"}),
            )
        }
        "elicitation/create" => Some(json!({"action": "accept", "content": {"name": "Ada"}})),
        "roots/list" => Some(json!({"roots": [{"uri": "file:///work", "name": "work"}]})),
        "ping" => Some(json!({})),
        _ => None,
    })
}

impl Client {
    pub fn spawn(config: &Path, vmcp: &str, extra: &[&str]) -> Client {
        Self::spawn_with(config, vmcp, extra, &[])
    }

    /// Spawns with extra environment variables.
    pub fn spawn_with(config: &Path, vmcp: &str, extra: &[&str], env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(VMCP);
        cmd.args(["stdio", "--vmcp", vmcp, "--config"])
            .arg(config)
            .args(["-vv"])
            .args(extra)
            .env("VMCP_HOME", config.parent().unwrap_or(Path::new(".")))
            .env_remove("VMCP_LOG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let stderr_path = config.with_file_name(format!("vmcp-stderr-{}.log", fastrand()));
        Self::spawn_command(cmd, stderr_path)
    }

    /// Spawns `vmcp stdio --vmcp NAME` with VMCP_HOME = `home` and no `--config`, so the
    /// definition comes from the default file or the store.
    pub fn spawn_home(home: &Path, vmcp: &str) -> Client {
        let mut cmd = Command::new(VMCP);
        cmd.args(["stdio", "--vmcp", vmcp, "-vv"])
            .env("VMCP_HOME", home)
            .env_remove("VMCP_LOG");
        Self::spawn_command(cmd, home.join(format!("vmcp-stderr-{}.log", fastrand())))
    }

    /// Speaks MCP to any stdio server (used to compare vmcp with a direct connection).
    pub fn spawn_command(mut cmd: Command, stderr_path: PathBuf) -> Client {
        let stderr = std::fs::File::create(&stderr_path).expect("stderr file");
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr));
        let mut child = cmd.spawn().expect("spawn the server");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let responder = Arc::new(Mutex::new(default_responder()));
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = channel();
        {
            let stdin = stdin.clone();
            let responder = responder.clone();
            let server_requests = server_requests.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    let msg: Value = serde_json::from_str(&line).unwrap_or_else(|e| {
                        panic!("vmcp wrote a non-JSON line to stdout ({e}): {line:?}")
                    });
                    assert_eq!(msg["jsonrpc"], "2.0", "not JSON-RPC: {line}");
                    if msg.get("method").is_some() && msg.get("id").is_some() {
                        let method = msg["method"].as_str().unwrap_or_default().to_string();
                        let params = msg.get("params").cloned().unwrap_or(Value::Null);
                        server_requests
                            .lock()
                            .unwrap()
                            .push((method.clone(), params.clone()));
                        let r = responder.lock().unwrap().clone();
                        let reply = match r(&method, &params) {
                            Some(result) => {
                                json!({"jsonrpc": "2.0", "id": msg["id"], "result": result})
                            }
                            None => {
                                json!({"jsonrpc": "2.0", "id": msg["id"], "error": {"code": -32601, "message": "not supported by the test client"}})
                            }
                        };
                        if let Some(s) = stdin.lock().unwrap().as_mut() {
                            let _ = writeln!(s, "{reply}");
                        }
                        continue;
                    }
                    if tx.send(msg).is_err() {
                        break;
                    }
                }
            });
        }
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
            backlog: Vec::new(),
            responder,
            server_requests,
            stderr_path,
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid")
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    pub fn send_line(&mut self, line: &str) {
        let mut guard = self.stdin.lock().unwrap();
        let s = guard.as_mut().expect("stdin open");
        writeln!(s, "{line}").expect("write to vmcp");
        s.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let msg = if params.is_null() {
            json!({"jsonrpc": "2.0", "method": method})
        } else {
            json!({"jsonrpc": "2.0", "method": method, "params": params})
        };
        self.send_line(&msg.to_string());
    }

    /// Sends a request and returns its id without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        let msg = if params.is_null() {
            json!({"jsonrpc": "2.0", "id": id, "method": method})
        } else {
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        };
        self.send_line(&msg.to_string());
        id
    }

    /// Waits for the response with `id`; notifications seen meanwhile go to the backlog.
    pub fn response(&mut self, id: &Value) -> Value {
        let end = Instant::now() + TIMEOUT;
        if let Some(i) = self
            .backlog
            .iter()
            .position(|m| m.get("id") == Some(id) && m.get("method").is_none())
        {
            return self.backlog.remove(i);
        }
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m.get("id") == Some(id) && m.get("method").is_none() => return m,
                Ok(m) => self.backlog.push(m),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no response to {id} within {TIMEOUT:?}; stderr:\n{}",
                    self.stderr()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "vmcp closed stdout while waiting for {id}; stderr:\n{}",
                    self.stderr()
                ),
            }
        }
    }

    /// Request → Ok(result) or Err(error object).
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        let resp = self.response(&json!(id));
        match (resp.get("result"), resp.get("error")) {
            (Some(r), None) => Ok(r.clone()),
            (None, Some(e)) => Err(e.clone()),
            _ => panic!("malformed response {resp}"),
        }
    }

    pub fn ok(&mut self, method: &str, params: Value) -> Value {
        match self.request(method, params.clone()) {
            Ok(r) => r,
            Err(e) => panic!("{method} {params} failed: {e}\nstderr:\n{}", self.stderr()),
        }
    }

    pub fn initialize_with(&mut self, capabilities: Value) -> Value {
        let r = self.ok(
            "initialize",
            json!({"protocolVersion": "2025-11-25", "capabilities": capabilities, "clientInfo": {"name": "vmcp-tests", "version": "1"}}),
        );
        self.notify("notifications/initialized", Value::Null);
        r
    }

    /// Initializes with sampling, elicitation and roots declared.
    pub fn initialize(&mut self) -> Value {
        self.initialize_with(
            json!({"sampling": {}, "elicitation": {}, "roots": {"listChanged": true}}),
        )
    }

    pub fn tool_names(&mut self) -> Vec<String> {
        let r = self.ok("tools/list", Value::Null);
        r["tools"]
            .as_array()
            .expect("tools")
            .iter()
            .map(|t| t["name"].as_str().expect("name").to_string())
            .collect()
    }

    pub fn call(&mut self, name: &str, args: Value) -> Value {
        self.ok("tools/call", json!({"name": name, "arguments": args}))
    }

    /// The text of the first content item of a tool result.
    /// Calls `name` until it is served (not a tool error), at most `limit`; returns its text.
    pub fn call_text_when_up(&mut self, name: &str, args: &Value, limit: Duration) -> String {
        super::wait_for(limit, || {
            let r = self.call(name, args.clone());
            (r["isError"] != true).then(|| {
                r["content"][0]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
        })
        .unwrap_or_else(|| {
            panic!(
                "`{name}` was not served within {limit:?}; stderr:\n{}",
                self.stderr()
            )
        })
    }

    pub fn call_text(&mut self, name: &str, args: Value) -> String {
        let r = self.call(name, args);
        r["content"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits for a notification with `method` (searching the backlog first).
    pub fn notification(&mut self, method: &str) -> Value {
        self.try_notification(method, TIMEOUT)
            .unwrap_or_else(|| panic!("no {method} notification; stderr:\n{}", self.stderr()))
    }

    pub fn try_notification(&mut self, method: &str, limit: Duration) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(|m| m["method"] == method) {
            return Some(self.backlog.remove(i));
        }
        let end = Instant::now() + limit;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m["method"] == method => return Some(m),
                Ok(m) => self.backlog.push(m),
                Err(_) => return None,
            }
        }
    }

    pub fn close_stdin(&mut self) {
        self.stdin.lock().unwrap().take();
    }

    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        super::procs::wait_exit(&mut self.child, limit)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.close_stdin();
        super::procs::end(&mut self.child);
    }
}

/// A process-unique number for file names.
pub fn fastrand() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(1);
    N.fetch_add(1, Ordering::SeqCst)
}
