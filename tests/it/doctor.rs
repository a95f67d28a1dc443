//! `vmcp doctor` through the real binary. VMCP_HOME, HOME and PATH all point into a temporary
//! directory: the client configurations are fake ones, and the PATH holds only the test upstream
//! (so no launcher is found and the output does not depend on the machine).

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

use crate::harness::servers::regex_escape;
use crate::harness::{Home, UPSTREAM, VMCP};

/// A temporary home: `vh/` is VMCP_HOME, `bin/` the whole PATH (holding `vmcp-test-upstream`).
struct Doctor {
    home: Home,
}

impl Doctor {
    fn new() -> Doctor {
        let home = Home::new();
        let bin = home.path("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(UPSTREAM, bin.join("vmcp-test-upstream")).unwrap();
        Doctor { home }
    }

    fn vmcp_home(&self) -> PathBuf {
        self.home.path("vh")
    }

    fn store(&self) -> PathBuf {
        self.vmcp_home().join("vmcp.redb")
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(VMCP)
            .args(args)
            .current_dir(self.home.dir.path())
            .env("VMCP_HOME", self.vmcp_home())
            .env("HOME", self.home.dir.path())
            .env("PATH", self.home.path("bin"))
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("VMCP_LOG")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    }

    /// `vmcp doctor --json`: exit code and the parsed report.
    fn json(&self) -> (i32, Value) {
        let (code, out, err) = self.run(&["doctor", "--json"]);
        let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}\n{err}"));
        (code, v)
    }

    fn write(&self, rel: &str, v: &Value) -> PathBuf {
        let p = self.home.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
        p
    }
}

fn by_name<'a>(list: &'a Value, key: &str, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == name)
        .unwrap_or_else(|| panic!("no {key} = {name} in {list:#}"))
}

#[test]
fn doctor_reports_found_and_missing_commands() {
    let d = Doctor::new();
    d.ok(&["server", "add", "up", "--", "vmcp-test-upstream"]);
    d.ok(&["server", "add", "gone", "--", "no-such-command-for-doctor"]);
    d.ok(&["vmcp", "create", "mine", "-s", "up"]);
    std::fs::write(
        d.vmcp_home().join("vmcp.yaml"),
        "servers:\n  remote:\n    url: https://me:hunter2@example.com/mcp?api_key=abc123&page=2\n",
    )
    .unwrap();

    let (code, r) = d.json();
    assert_eq!(code, 1, "a command that is not found is an error: {r:#}");
    assert_eq!(r["vmcp"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(r["vmcp"]["os"], std::env::consts::OS);
    assert_eq!(r["paths"]["vmcp_home"], json!(d.vmcp_home()));
    let config = &r["paths"]["config_file"];
    assert_eq!(config["exists"], true);
    assert_eq!(config["parses"], true);
    assert_eq!(config["servers"], 1);
    assert_eq!(r["paths"]["data_dir"]["writable"], true);
    let store = &r["store"];
    assert_eq!(store["path"], json!(d.store()));
    assert_eq!(store["health"], "ok");
    assert_eq!(store["schema_version"], 2);
    assert_eq!(store["supported_schema_version"], 2);
    assert_eq!(store["servers"], 2);
    assert_eq!(store["vmcps"], 1);
    assert_eq!(store["mode"], "0600");
    assert_eq!(store["writable"], true);

    let servers = &r["servers"];
    let up = by_name(servers, "name", "up");
    assert_eq!(up["source"], "store");
    assert_eq!(up["transport"], "stdio");
    assert_eq!(up["found"], json!(d.home.path("bin/vmcp-test-upstream")));
    assert_eq!(up["found_on_gui_path"], Value::Null);
    assert_eq!(up["status"], "warn", "on PATH, not on the GUI PATH");
    let gone = by_name(servers, "name", "gone");
    assert_eq!(gone["status"], "error");
    assert_eq!(gone["found"], Value::Null);
    let remote = by_name(servers, "name", "remote");
    assert_eq!(remote["source"], "default-file");
    assert_eq!(remote["transport"], "http");
    // Shown as everywhere else: without user info and query.
    assert_eq!(remote["url"], "https://example.com/mcp");

    let problems = r["problems"].as_array().unwrap();
    let missing = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("`gone`"))
        .unwrap();
    assert_eq!(missing["severity"], "error");
    assert!(
        missing["hint"]
            .as_str()
            .unwrap()
            .contains("vmcp server edit gone")
    );
    let gui = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("`up`"))
        .unwrap();
    assert_eq!(gui["severity"], "warn");
    let hint = gui["hint"].as_str().unwrap();
    let absolute = d.home.path("bin/vmcp-test-upstream");
    assert!(
        hint.contains(&format!("command: {}", absolute.display())),
        "{hint}"
    );
    for tool in r["tools"].as_array().unwrap() {
        assert_eq!(tool["path"], Value::Null, "PATH holds no launcher: {tool}");
    }

    let (code, out, err) = d.run(&["doctor"]);
    assert_eq!(code, 1);
    assert!(err.is_empty(), "{err}");
    assert!(!out.contains('\u{1b}'), "no colour codes");
    let home = regex_escape(d.home.dir.path().to_str().unwrap());
    let vmcp = std::fs::canonicalize(VMCP).unwrap();
    let vmcp = regex_escape(vmcp.to_str().unwrap());
    let version = regex_escape(env!("CARGO_PKG_VERSION"));
    let platform = regex_escape(&format!(
        "{} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    insta::with_settings!({filters => vec![
        (home.as_str(), "[HOME]"),
        (vmcp.as_str(), "[VMCP]"),
        (version.as_str(), "[VERSION]"),
        (platform.as_str(), "[PLATFORM]"),
        (r"/usr/local/bin:/usr/bin:/bin|/usr/bin:/bin:/usr/sbin:/sbin", "[GUI PATH]"),
        (r"\d+ bytes", "[N] bytes"),
    ]}, {
        insta::assert_snapshot!(out);
    });
}

#[test]
fn doctor_reports_a_damaged_store_and_leaves_it_untouched() {
    let d = Doctor::new();
    std::fs::create_dir_all(d.vmcp_home()).unwrap();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(d.store(), &garbage).unwrap();

    let (code, r) = d.json();
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(r["store"]["health"], "damaged");
    assert_eq!(r["store"]["size_bytes"], 4096);
    assert!(r["store"]["error"].as_str().unwrap().contains("is damaged"));
    let problem = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("damaged"))
        .unwrap();
    assert_eq!(problem["severity"], "error");
    assert!(problem["hint"].as_str().unwrap().contains("move it away"));

    let (code, out, _) = d.run(&["doctor"]);
    assert_eq!(code, 1);
    assert!(out.contains("✗ damaged"), "{out}");
    assert_eq!(std::fs::read(d.store()).unwrap(), garbage, "left untouched");
}

#[test]
fn doctor_finds_vmcp_installed_in_a_client() {
    let d = Doctor::new();
    d.ok(&["server", "add", "up", "--", "vmcp-test-upstream"]);
    d.ok(&["vmcp", "create", "mine", "-s", "up"]);
    let home = d.vmcp_home().display().to_string();
    d.write(
        ".cursor/mcp.json",
        &json!({"mcpServers": {
            "mine": {"command": VMCP, "args": ["stdio", "--vmcp", "mine"], "env": {"VMCP_HOME": home}},
            "ghost": {"command": VMCP, "args": ["stdio", "--vmcp=ghost"], "env": {"VMCP_HOME": home}},
            "other": {"command": "npx", "args": ["-y", "something"]}
        }}),
    );
    let desktop = d.home.path(".config/Claude/claude_desktop_config.json");
    std::fs::create_dir_all(desktop.parent().unwrap()).unwrap();
    std::fs::write(&desktop, "{ // comments are not JSON\n}").unwrap();

    let (code, r) = d.json();
    assert_eq!(code, 0, "warnings only: {r:#}");
    let cursor = by_name(&r["clients"], "client", "cursor");
    assert_eq!(cursor["exists"], true);
    assert_eq!(
        cursor["config_path"],
        json!(d.home.path(".cursor/mcp.json"))
    );
    let entries = cursor["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "`other` does not run vmcp: {entries:#?}");
    let mine = by_name(&cursor["entries"], "key", "mine");
    assert_eq!(mine["vmcp"], "mine");
    assert_eq!(mine["command"], VMCP);
    assert_eq!(mine["vmcp_home"], json!(home));
    assert_eq!(mine["command_found"], true);
    assert_eq!(by_name(&cursor["entries"], "key", "ghost")["vmcp"], "ghost");

    let problems = r["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|p| p["severity"] == "warn"
            && p["message"]
                .as_str()
                .unwrap()
                .contains("serves vMCP `ghost`, which is not defined")),
        "{problems:#?}"
    );
    let claude = by_name(&r["clients"], "client", "claude-desktop");
    assert!(claude["error"].is_string(), "{claude}");
    assert!(
        problems.iter().any(|p| p["severity"] == "warn"
            && p["message"]
                .as_str()
                .unwrap()
                .contains("claude_desktop_config.json")),
        "an invalid file is reported, not fatal"
    );
    let (_, out, _) = d.run(&["doctor"]);
    assert!(out.contains("✓ `mine` serves vMCP `mine`"), "{out}");
}

#[test]
fn doctor_does_not_create_a_missing_store() {
    let d = Doctor::new();
    let (code, r) = d.json();
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["store"]["health"], "not-created");
    assert_eq!(r["store"]["schema_version"], Value::Null);
    assert_eq!(r["paths"]["data_dir"]["exists"], false);
    assert_eq!(
        r["paths"]["data_dir"]["writable"], true,
        "it can be created"
    );
    assert_eq!(r["servers"], json!([]));
    assert_eq!(r["problems"], json!([]));
    let (code, out, _) = d.run(&["doctor"]);
    assert_eq!(code, 0);
    assert!(out.contains("not created yet"), "{out}");
    assert!(!d.store().exists(), "doctor created the store");
    assert!(!d.vmcp_home().exists(), "doctor created VMCP_HOME");
    let leftovers: Vec<_> = std::fs::read_dir(d.home.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(".vmcp-doctor"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `VMCP_HOME` naming a regular file: doctor reports it (it used to find no problems), and every
/// command that uses vmcp's files fails naming `VMCP_HOME` and the fix, with the store's exit
/// code, instead of reading an empty store or failing on "Not a directory".
#[test]
fn vmcp_home_that_is_a_file_is_reported_by_doctor_and_refused_by_every_command() {
    let d = Doctor::new();
    std::fs::write(d.vmcp_home(), "not a directory\n").unwrap();

    let (code, r) = d.json();
    assert_eq!(code, 1, "{r:#}");
    let problem = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("VMCP_HOME"))
        .unwrap_or_else(|| panic!("no VMCP_HOME problem: {r:#}"));
    assert_eq!(problem["severity"], "error");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("not a directory"),
        "{problem}"
    );
    assert!(
        problem["hint"].as_str().unwrap().contains("VMCP_HOME"),
        "{problem}"
    );
    assert_eq!(r["paths"]["data_dir"]["writable"], false, "{r:#}");
    let (code, out, _) = d.run(&["doctor"]);
    assert_eq!(code, 1);
    assert!(!out.contains("no problems found"), "{out}");

    for args in [
        &["server", "add", "up", "--", "vmcp-test-upstream"][..],
        &["server", "list"][..],
        &["vmcp", "list"][..],
        &["log"][..],
        &["stdio", "--vmcp", "mine"][..],
    ] {
        let (code, out, err) = d.run(args);
        assert_eq!(code, 6, "{args:?}: {out}{err}");
        assert!(
            err.contains(&format!("VMCP_HOME ({})", d.vmcp_home().display()))
                && err.contains("not a directory")
                && err.contains("hint:"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("os error"), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(d.vmcp_home()).unwrap(),
        "not a directory\n",
        "the file is left alone"
    );
}

#[test]
fn launcher_versions_are_read_and_nothing_they_start_outlives_doctor() {
    let d = Doctor::new();
    let script = |name: &str, body: &str| {
        let p = d.home.path(&format!("bin/{name}"));
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    };
    script("node", "echo v22.1.0");
    // Older Pythons print their version on stderr.
    script("python3", "echo 'Python 3.12.1' >&2");
    script("docker", "echo broken; exit 3");
    // A launcher that leaves something running behind it (as `npx` can).
    let pid_file = d.home.path("left.pid");
    script(
        "uvx",
        &format!(
            "/bin/sleep 30 >/dev/null 2>&1 &\necho $! > {}\necho uv 0.5.0",
            pid_file.display()
        ),
    );
    let (_, r) = d.json();
    let tool = |name: &str| by_name(&r["tools"], "name", name).clone();
    assert_eq!(tool("node")["version"], "v22.1.0");
    assert_eq!(tool("python3")["version"], "Python 3.12.1");
    assert_eq!(tool("docker")["error"], "exit status: 3: broken");
    assert_eq!(tool("uvx")["version"], "uv 0.5.0");
    let left: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let survivors = crate::harness::procs::wait_gone(&[left], std::time::Duration::from_secs(5));
    if !survivors.is_empty() {
        crate::harness::procs::signal(left, "KILL");
    }
    assert!(survivors.is_empty(), "what `uvx --version` left runs on");
}
