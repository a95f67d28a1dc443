//! `examples/deploy/` cannot be built in CI (no container engine), so it is kept from drifting
//! here: the commands its files run are real vmcp commands whose flags parse and start a
//! server, what the Containerfile copies and builds exists, the proxy's backends are the compose
//! services, and where HAProxy is installed it accepts the configuration and, run as shipped in
//! front of two replicas, keeps a legacy session's requests on its replica.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::harness::http::{Serve, initialize, modern, post};
use crate::harness::{Home, one_upstream, vmcp};

fn deploy() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/deploy")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(deploy().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The Containerfile's `CMD` (exec form) and the compose services' `command`s.
fn commands() -> Vec<Vec<String>> {
    let containerfile = read("Containerfile");
    let cmd = containerfile
        .lines()
        .find_map(|l| l.strip_prefix("CMD "))
        .expect("a CMD line");
    let mut all = vec![serde_json::from_str::<Vec<String>>(cmd).expect("CMD in exec form")];
    let compose: serde_yaml::Value = serde_yaml::from_str(&read("compose.yaml")).unwrap();
    for (_, service) in compose["services"].as_mapping().unwrap() {
        if let Some(c) = service.get("command") {
            all.push(serde_yaml::from_value(c.clone()).unwrap());
        }
    }
    all
}

/// The arguments after the subcommand, without `--listen` and `--config` and their values.
fn rest(command: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = command.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "--listen" || a == "--config" {
            it.next();
        } else {
            out.push(a.clone());
        }
    }
    out
}

#[test]
fn the_deploy_commands_are_real_and_start_a_server() {
    let home = Home::new();
    let commands = commands();
    assert!(commands.len() >= 2, "{commands:?}");
    let help = vmcp(&home).args(["serve", "--help"]).run().success();
    for command in &commands {
        assert_eq!(command[0], "serve", "{command:?}");
        for flag in command.iter().filter(|a| a.starts_with("--")) {
            assert!(help.contains(flag.as_str()), "`vmcp serve` has no {flag}");
        }
        // The same flags, on a loopback port with a test definition: the server starts.
        let served = one_upstream(&[]);
        let rest = rest(command);
        let args: Vec<&str> = rest.iter().map(String::as_str).collect();
        let s = Serve::start(served.dir.path(), &served.path("vmcp.yaml"), &args);
        assert!(s.log().contains("serving vMCP `v`"), "{}", s.log());
    }
    // The install line of the README here.
    let readme = read("README.md");
    let install = vmcp(&home).args(["install", "--help"]).run().success();
    for flag in ["--http", "--url", "--token-env", "--client"] {
        assert!(readme.contains(flag) && install.contains(flag), "{flag}");
    }
    let token = vmcp(&home)
        .args(["serve", "token", "create", "--help"])
        .run()
        .success();
    assert!(readme.contains("vmcp serve token create") && token.contains("Usage"));
}

#[test]
fn the_containerfile_builds_what_exists_and_the_proxy_fronts_the_services() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let containerfile = read("Containerfile");
    for line in containerfile
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        for source in &words[1..words.len() - 1] {
            assert!(
                root.join(source).exists(),
                "COPY {source}: not in the repository"
            );
        }
    }
    assert!(containerfile.contains("cargo build --release --locked --bin vmcp"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"vmcp\"\npath = \"src/main.rs\""));
    // Every HAProxy server is a compose service on vmcp's port, and back.
    let haproxy = read("haproxy.cfg");
    let compose: serde_yaml::Value = serde_yaml::from_str(&read("compose.yaml")).unwrap();
    let services: Vec<String> = compose["services"]
        .as_mapping()
        .unwrap()
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .filter(|k| k.starts_with("vmcp"))
        .collect();
    let servers: Vec<String> = haproxy
        .lines()
        .filter_map(|l| l.trim().strip_prefix("server "))
        .map(|l| {
            let addr = l.split_whitespace().nth(1).unwrap();
            assert!(addr.ends_with(":7332"), "{addr}");
            addr.trim_end_matches(":7332").to_string()
        })
        .collect();
    assert_eq!(servers, services);
    for needed in [
        "stick store-response res.hdr(mcp-session-id)",
        "stick match req.hdr(mcp-session-id)",
        "GET /readyz",
    ] {
        assert!(haproxy.contains(needed), "{needed}");
    }
    let checked = std::process::Command::new("haproxy")
        .args(["-c", "-f"])
        .arg(deploy().join("haproxy.cfg"))
        .output();
    match checked {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => eprintln!("haproxy is not installed: its own check of haproxy.cfg is skipped"),
    }
}

/// `haproxy.cfg` with its backends and frontend on loopback ports: the rest as shipped.
fn loopback_haproxy(replicas: &[&str], port: u16) -> String {
    let mut cfg = read("haproxy.cfg").replace("bind :8080", &format!("bind 127.0.0.1:{port}"));
    for (i, base) in replicas.iter().enumerate() {
        let addr = base.trim_start_matches("http://");
        cfg = cfg.replace(&format!("vmcp-{}:7332", i + 1), addr);
    }
    cfg
}

#[test]
fn haproxy_as_shipped_keeps_a_legacy_session_on_its_replica() {
    if std::process::Command::new("haproxy")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("skipping: haproxy is not installed");
        return;
    }
    // Two replicas sharing one store, as in compose.yaml.
    let home = one_upstream(&[]);
    let config = home.path("vmcp.yaml");
    let one = Serve::start(home.dir.path(), &config, &["--no-auth"]);
    let two = Serve::start(home.dir.path(), &config, &["--no-auth"]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let cfg = home.path("haproxy.cfg");
    std::fs::write(&cfg, loopback_haproxy(&[&one.base, &two.base], port)).unwrap();
    let _proxy = crate::harness::servers::ServerProcess(
        std::process::Command::new("haproxy")
            .args(["-db", "-f"])
            .arg(&cfg)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("http://127.0.0.1:{port}");
    let up = crate::harness::wait_for(std::time::Duration::from_secs(10), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).ok()
    });
    assert!(up.is_some(), "haproxy did not start");
    let url = format!("{base}/mcp/v");
    let sid = initialize(&url, &[]);
    // Round robin alone would send every other request to the replica without the session.
    for id in 2..8 {
        let r = post(
            &url,
            &[
                ("Mcp-Session-Id", &sid),
                ("MCP-Protocol-Version", "2025-11-25"),
            ],
            &json!({"jsonrpc": "2.0", "id": id, "method": "tools/list"}),
        );
        assert_eq!(r.status, 200, "request {id} lost its session");
    }
    // The replica that does not hold it answers 404, which makes clients initialize again.
    let statuses: Vec<u16> = [&one, &two]
        .iter()
        .map(|s| {
            post(
                &s.url("v"),
                &[
                    ("Mcp-Session-Id", &sid),
                    ("MCP-Protocol-Version", "2025-11-25"),
                ],
                &json!({"jsonrpc": "2.0", "id": 9, "method": "tools/list"}),
            )
            .status
        })
        .collect();
    let mut sorted = statuses.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, vec![200, 404], "{statuses:?}");
    // Stateless requests go anywhere.
    for id in 10..14 {
        assert_eq!(modern(&url, &[], id, "tools/list", json!({})).status, 200);
    }
}
