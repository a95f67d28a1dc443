//! `examples/deploy/` cannot be built in CI (no container engine), so it is kept from drifting
//! here: the commands its files run are real vmcp commands whose flags parse and start a
//! server, what the Containerfile copies and builds exists, the proxy's backends are the compose
//! services, and HAProxy accepts its configuration where HAProxy is installed.

use std::path::{Path, PathBuf};

use crate::harness::http::Serve;
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
