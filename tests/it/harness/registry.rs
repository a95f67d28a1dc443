//! A loopback MCP registry: the v0.1 read API (`/v0.1/servers` with search, limit, cursor and
//! `version=latest`; `/v0.1/servers/{name}/versions[/{version|latest}]`) over the real
//! server.json documents in `tests/data/registry/` (see PROVENANCE there). Tests add versions,
//! set statuses, and make it fail: down, too slow, or answering malformed documents.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

/// How the registry behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Closes every connection without answering.
    Down,
    /// Reads the request, never answers.
    Slow,
    /// Answers 200 with documents of the wrong shape.
    Malformed,
}

struct State {
    mode: Mode,
    /// (server.json, status), in publication order.
    entries: Vec<(Value, String)>,
}

pub struct Registry {
    pub url: String,
    state: Arc<Mutex<State>>,
}

/// The documents of `tests/data/registry/`.
pub fn documents() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/registry");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

impl Registry {
    /// Serves every document of `tests/data/registry/`, all active.
    pub fn start() -> Registry {
        let entries = documents()
            .into_iter()
            .map(|d| (d, "active".to_string()))
            .collect();
        let state = Arc::new(Mutex::new(State {
            mode: Mode::Normal,
            entries,
        }));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Registry { url, state }
    }

    pub fn set_mode(&self, mode: Mode) {
        self.state.lock().unwrap().mode = mode;
    }

    /// Publishes another version (a copy of the latest of `name` with `version` and `change`
    /// applied to it).
    pub fn publish(&self, name: &str, version: &str, change: impl FnOnce(&mut Value)) {
        let mut s = self.state.lock().unwrap();
        let mut doc = s
            .entries
            .iter()
            .rev()
            .find(|(d, _)| d["name"] == name)
            .map(|(d, _)| d.clone())
            .expect("a document of that name");
        doc["version"] = json!(version);
        change(&mut doc);
        s.entries.push((doc, "active".into()));
    }

    /// Sets the status of every version of `name`.
    pub fn set_status(&self, name: &str, status: &str) {
        for (d, s) in &mut self.state.lock().unwrap().entries {
            if d["name"] == name {
                *s = status.to_string();
            }
        }
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

fn response(entry: &(Value, String), latest: bool) -> Value {
    json!({
        "server": entry.0,
        "_meta": {"io.modelcontextprotocol.registry/official": {
            "status": entry.1,
            "publishedAt": "2025-11-01T10:30:00Z",
            "updatedAt": "2025-11-02T10:30:00Z",
            "isLatest": latest,
        }}
    })
}

/// (status, body) for a GET of `target`.
fn answer(state: &State, target: &str) -> (u16, String) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let params: Vec<(String, String)> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect();
    let param = |k: &str| params.iter().find(|p| p.0 == k).map(|p| p.1.clone());
    let is_latest = |i: usize| {
        let name = &state.entries[i].0["name"];
        !state.entries[i + 1..]
            .iter()
            .any(|(d, _)| &d["name"] == name)
    };
    let not_found = (404, json!({"error": "Server not found"}).to_string());
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(decode)
        .collect();
    match segments
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["v0.1", "servers"] => {
            let search = param("search").unwrap_or_default().to_lowercase();
            let latest_only = param("version").as_deref() == Some("latest");
            let mut all: Vec<(usize, &(Value, String))> = state
                .entries
                .iter()
                .enumerate()
                .filter(|(i, (d, _))| {
                    d["name"].as_str().unwrap().to_lowercase().contains(&search)
                        && (!latest_only || is_latest(*i))
                })
                .collect();
            all.sort_by(|a, b| a.1.0["name"].as_str().cmp(&b.1.0["name"].as_str()));
            let start: usize = param("cursor").and_then(|c| c.parse().ok()).unwrap_or(0);
            let limit: usize = param("limit").and_then(|l| l.parse().ok()).unwrap_or(30);
            let page: Vec<Value> = all
                .iter()
                .skip(start)
                .take(limit)
                .map(|(i, e)| response(e, is_latest(*i)))
                .collect();
            let mut metadata = json!({"count": page.len()});
            if start + limit < all.len() {
                metadata["nextCursor"] = json!((start + limit).to_string());
            }
            (
                200,
                json!({"servers": page, "metadata": metadata}).to_string(),
            )
        }
        ["v0.1", "servers", name, "versions"] => {
            let mut found: Vec<Value> = state
                .entries
                .iter()
                .enumerate()
                .filter(|(_, (d, _))| d["name"] == *name)
                .map(|(i, e)| response(e, is_latest(i)))
                .collect();
            if found.is_empty() {
                return not_found;
            }
            found.reverse();
            let count = found.len();
            (
                200,
                json!({"servers": found, "metadata": {"count": count}}).to_string(),
            )
        }
        ["v0.1", "servers", name, "versions", version] => {
            let found = state.entries.iter().enumerate().rev().find(|(i, (d, _))| {
                d["name"] == *name
                    && if *version == "latest" {
                        is_latest(*i)
                    } else {
                        d["version"] == *version
                    }
            });
            match found {
                Some((i, e)) => (200, response(e, is_latest(i)).to_string()),
                None => not_found,
            }
        }
        _ => (404, json!({"error": "Not found"}).to_string()),
    }
}

fn serve(mut stream: TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (mode, (status, body)) = {
        let s = state.lock().unwrap();
        (s.mode, answer(&s, &target))
    };
    let (status, body) = match mode {
        Mode::Normal => (status, body),
        Mode::Down => return,
        Mode::Slow => {
            // Holds the connection until the client gives up.
            let mut rest = Vec::new();
            let _ = std::io::Read::read_to_end(&mut reader, &mut rest);
            return;
        }
        Mode::Malformed => (
            200,
            json!({"servers": [{"server": {"name": "io.x/y", "version": 7}}]}).to_string(),
        ),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
}
