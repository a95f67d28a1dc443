//! Finding and adding servers from an MCP registry, through the real binary, against the
//! loopback registry of the harness serving real server.json documents: search with paging,
//! show, `server add --from` for each package type and a remote with variables, secrets never
//! printed, answers from the cache when the registry is down, outdated/upgrade, and every kind
//! of bad input with its exit code, nothing stored.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::harness::registry::{Mode, Registry};
use crate::harness::servers::regex_escape;
use crate::harness::{self, Home, UPSTREAM};

/// A home using `reg`, with a bin directory whose programs (`npx`, `uvx`, `docker`, as asked)
/// all start the test upstream, whatever their arguments.
struct Setup {
    home: Home,
    reg: Registry,
    bin: PathBuf,
}

impl Setup {
    fn new(programs: &[&str]) -> Setup {
        let home = Home::new();
        let reg = Registry::start();
        let bin = home.path("bin");
        std::fs::create_dir_all(&bin).unwrap();
        for p in programs {
            install(&bin, p);
        }
        let s = Setup { home, reg, bin };
        s.ok(&["settings", "set", "registry.url", &s.reg.url.clone()]);
        s.ok(&["settings", "set", "registry.timeout", "2"]);
        s
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        harness::vmcp(&self.home)
            .args(args)
            .env("PATH", &self.bin)
            .run()
            .parts()
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
        out
    }

    /// Exit code, stdout and stderr as one text, for snapshots.
    fn shown(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn stored(&self, name: &str) -> Value {
        self.json(&["server", "show", name, "--json", "--show-secrets"])["config"].clone()
    }

    fn servers(&self) -> Vec<String> {
        self.json(&["server", "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    }
}

fn install(bin: &Path, program: &str) {
    let p = bin.join(program);
    std::fs::write(&p, format!("#!/bin/sh\nexec {UPSTREAM} --name {program}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

macro_rules! snap {
    ($setup:expr, $value:expr) => {
        insta::with_settings!({filters => vec![
            (regex_escape(&$setup.reg.url).as_str(), "[REGISTRY]"),
            (regex_escape($setup.home.dir.path().to_str().unwrap()).as_str(), "[HOME]"),
            (r"fetched \d+ (s|min) ago", "fetched [AGE] ago"),
            (r#""fetched": \d+"#, r#""fetched": [TIME]"#),
        ]}, {
            insta::assert_snapshot!($value);
        });
    };
}

fn names(pages: &Value) -> Vec<String> {
    pages
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["servers"].as_array().unwrap().clone())
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_pages_through_the_registry() {
    let s = Setup::new(&[]);
    snap!(s, s.shown(&["registry", "search", "weather"]));
    snap!(
        s,
        s.shown(&["registry", "search", "--limit", "5", "--json"])
    );
    // Following the cursor visits every entry once.
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut args = vec!["registry", "search", "--limit", "5", "--json"];
        if let Some(c) = &cursor {
            args.extend(["--cursor", c.as_str()]);
        }
        let pages = s.json(&args);
        all.extend(names(&pages));
        match pages[0]["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut expected: Vec<String> = crate::harness::registry::documents()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_string())
        .collect();
    expected.sort();
    assert_eq!(all, expected);
    // A newer version replaces the older one in results.
    s.reg.publish("io.github.user/weather", "1.0.3", |_| {});
    let pages = s.json(&["registry", "search", "io.github.user/weather", "--json"]);
    assert_eq!(pages[0]["servers"].as_array().unwrap().len(), 1);
    assert_eq!(pages[0]["servers"][0]["version"], "1.0.3");
}

#[test]
fn show_describes_an_entry_and_its_versions() {
    let s = Setup::new(&[]);
    s.reg
        .publish("io.github.modelcontextprotocol/filesystem", "1.0.3", |_| {});
    snap!(
        s,
        s.shown(&[
            "registry",
            "show",
            "io.github.modelcontextprotocol/filesystem@1.0.2"
        ])
    );
    snap!(
        s,
        s.shown(&[
            "registry",
            "show",
            "io.github.user/remote-weather",
            "--json"
        ])
    );
    let (code, _, err) = s.run(&["registry", "show", "io.github.nobody/nothing"]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("`io.github.nobody/nothing` is not in registry"),
        "{err}"
    );
    let (code, _, err) = s.run(&["registry", "show", "io.github.user/weather@9.9.9"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("io.github.user/weather@9.9.9"), "{err}");
}

#[test]
fn each_package_type_becomes_a_server_entry() {
    let s = Setup::new(&["npx", "uvx", "docker"]);
    // npm, a repeated positional argument and a default.
    let out = s.ok(&[
        "server",
        "add",
        "fs",
        "--from",
        "io.github.modelcontextprotocol/filesystem@1.0.2",
        "--package",
        "npm",
        "--arg",
        "/srv/notes",
        "--arg",
        "/srv/data",
        "--no-approve",
    ]);
    assert!(
        out.contains("added server `fs` from io.github.modelcontextprotocol/filesystem@1.0.2: npm package @modelcontextprotocol/server-filesystem@1.0.2, started with npx"),
        "{out}"
    );
    let fs = s.stored("fs");
    assert_eq!(fs["command"], "npx");
    assert_eq!(
        fs["args"],
        json!([
            "-y",
            "@modelcontextprotocol/server-filesystem@1.0.2",
            "/srv/notes",
            "/srv/data"
        ])
    );
    assert_eq!(fs["env"], json!({"LOG_LEVEL": "info"}));
    assert_eq!(
        fs["from"],
        json!({"registry": s.reg.url, "name": "io.github.modelcontextprotocol/filesystem",
               "version": "1.0.2", "package": "npm", "args": ["/srv/notes", "/srv/data"]})
    );
    // pypi: a secret nobody gave is stored as a reference, a default is filled in.
    let (code, out, err) = s.run(&[
        "server",
        "add",
        "weather",
        "--from",
        "io.github.example/weather-mcp",
        "--no-approve",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("pypi package weather-mcp-server==0.5.0, started with uvx"),
        "{out}"
    );
    assert!(err.contains("set WEATHER_API_KEY"), "{err}");
    let w = s.stored("weather");
    assert_eq!(
        (w["command"].clone(), w["args"].clone()),
        (json!("uvx"), json!(["weather-mcp-server==0.5.0"]))
    );
    assert_eq!(
        w["env"],
        json!({"WEATHER_API_KEY": "${env:WEATHER_API_KEY}", "WEATHER_UNITS": "celsius"})
    );
    // oci: runtime arguments with their variables, environment passed into the container.
    s.ok(&[
        "server",
        "add",
        "db",
        "--from",
        "io.github.example/database-manager",
        "--arg",
        "db_type=postgres",
        "--arg",
        "--port=5432",
        "--arg",
        "sales",
        "--env",
        "DB_USERNAME=app",
        "--no-approve",
    ]);
    let db = s.stored("db");
    assert_eq!(db["command"], "docker");
    assert_eq!(
        db["args"],
        json!([
            "run",
            "-i",
            "--rm",
            "--network",
            "host",
            "-e",
            "DB_TYPE=postgres",
            "-e",
            "DB_PASSWORD",
            "-e",
            "DB_USERNAME",
            "-e",
            "SSL_MODE",
            "docker.io/example/database-manager-mcp:3.1.0",
            "--host",
            "localhost",
            "--port",
            "5432",
            "sales"
        ])
    );
    assert_eq!(
        db["env"],
        json!({"DB_PASSWORD": "${env:DB_PASSWORD}", "DB_USERNAME": "app", "SSL_MODE": "prefer"})
    );
    snap!(s, s.shown(&["server", "show", "weather", "--json"]));
}

#[test]
fn a_remote_takes_its_url_variables_and_headers() {
    let s = Setup::new(&[]);
    // A remote with a URL variable and a secret header.
    let out = s.ok(&[
        "server",
        "add",
        "rw",
        "--from",
        "io.github.user/remote-weather",
        "--arg",
        "host=weather.example.org",
        "--no-approve",
    ]);
    assert!(
        out.contains("remote 1, streamable-http at https://{host}/mcp"),
        "{out}"
    );
    let rw = s.stored("rw");
    assert_eq!(rw["url"], "https://weather.example.org/mcp");
    assert_eq!(rw["type"], "http");
    assert_eq!(
        rw["headers"],
        json!({"Authorization": "${env:AUTHORIZATION}"})
    );
    // `server show` says where it came from.
    snap!(s, s.shown(&["server", "show", "rw"]));
}

#[test]
fn the_choice_follows_what_is_installed_and_says_so() {
    // Only docker: the filesystem entry's image is used.
    let s = Setup::new(&["docker"]);
    let out = s.ok(&[
        "server",
        "add",
        "fs",
        "--from",
        "io.github.modelcontextprotocol/filesystem",
        "--arg",
        "source_path=me",
        "--no-approve",
    ]);
    assert!(
        out.contains("oci package docker.io/mcp/filesystem:1.0.2, started with docker"),
        "{out}"
    );
    // A `filepath` given relative is made absolute.
    let me = s.home.path("me").display().to_string();
    assert_eq!(
        s.stored("fs")["args"],
        json!([
            "run",
            "-i",
            "--rm",
            "--mount",
            format!("type=bind,src={me},dst=/project"),
            "-e",
            "LOG_LEVEL",
            "docker.io/mcp/filesystem:1.0.2",
            "/project"
        ])
    );
    // Nothing installed: a remote before a package that cannot start.
    let out = s.ok(&[
        "server",
        "add",
        "hy",
        "--from",
        "io.modelcontextprotocol.anonymous/hybrid-mcp",
        "--no-approve",
    ]);
    assert!(out.contains("remote 1, streamable-http"), "{out}");
    // A package whose runtime is missing is still used when asked for, with a warning.
    let (code, _, err) = s.run(&[
        "server",
        "add",
        "ev",
        "--from",
        "io.modelcontextprotocol/everything",
        "--no-approve",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`npx` is not on the PATH"), "{err}");
}

#[test]
fn secrets_are_never_printed() {
    let s = Setup::new(&["npx"]);
    let secret = "sk-live-0123456789abcdefSECRET";
    let header = "Bearer tok-9f8e7d6c5b4a3928SECRET";
    let mut all = String::new();
    for args in [
        vec![
            "server",
            "add",
            "brave",
            "--from",
            "io.modelcontextprotocol.anonymous/brave-search",
            "--env",
            &format!("BRAVE_API_KEY={secret}"),
            "--no-approve",
        ],
        vec![
            "server",
            "add",
            "rw",
            "--from",
            "io.github.user/remote-weather",
            "--header",
            &format!("Authorization={header}"),
            "--no-approve",
        ],
        vec!["server", "show", "brave"],
        vec!["server", "show", "rw", "--json"],
        vec!["server", "list"],
        vec!["server", "outdated"],
        vec!["server", "upgrade", "brave"],
    ] {
        let (code, out, err) = s.run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        all.push_str(&out);
        all.push_str(&err);
    }
    assert!(!all.contains("SECRET"), "{all}");
    // Stored as given (a literal the user chose), shown only on request.
    assert_eq!(s.stored("brave")["env"]["BRAVE_API_KEY"], secret);
    // A value that must be one of a list is checked without echoing a secret.
    let (code, _, err) = s.run(&[
        "server",
        "add",
        "hy",
        "--from",
        "io.modelcontextprotocol.anonymous/hybrid-mcp",
        "--remote",
        "1",
        "--header",
        "X-Region=mars",
        "--no-approve",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "header X-Region takes one of us-east-1, eu-west-1, ap-southeast-1, not `mars`"
        ),
        "{err}"
    );
}

#[test]
fn search_answers_from_the_cache_when_the_registry_is_down() {
    let s = Setup::new(&[]);
    // A fresh home has nothing cached: a clear error, exit 8.
    s.reg.set_mode(Mode::Down);
    let (code, _, err) = s.run(&["registry", "search", "weather"]);
    assert_eq!(code, 8, "{err}");
    assert!(
        err.contains(&format!("registry {} cannot be reached", s.reg.url)),
        "{err}"
    );
    s.reg.set_mode(Mode::Normal);
    s.ok(&["registry", "search", "--limit", "100"]);
    s.ok(&["registry", "show", "io.github.user/remote-weather"]);
    s.reg.set_mode(Mode::Down);
    // The same page, and a query never asked: both from what was fetched, saying how old.
    snap!(s, s.shown(&["registry", "search", "weather"]));
    let pages = s.json(&["registry", "search", "brave", "--json"]);
    assert_eq!(
        names(&pages),
        ["io.modelcontextprotocol.anonymous/brave-search"]
    );
    assert!(
        pages[0]["cached"]["because"]
            .as_str()
            .unwrap()
            .contains("cannot be reached")
    );
    // Show and add work from the cache too.
    let (code, out, err) = s.run(&["registry", "show", "io.github.user/remote-weather"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("remote 1: streamable-http https://{host}/mcp"),
        "{out}"
    );
    assert!(err.contains("answered from the cache"), "{err}");
    s.ok(&[
        "server",
        "add",
        "rw",
        "--from",
        "io.github.user/remote-weather",
        "--no-approve",
    ]);
    // Forgotten: the registry's absence is an error again.
    s.ok(&["registry", "clear-cache"]);
    let (code, _, _) = s.run(&["registry", "search", "weather"]);
    assert_eq!(code, 8);
}

#[test]
fn bad_input_is_refused_with_a_reason_and_nothing_is_stored() {
    let s = Setup::new(&["npx", "uvx", "docker"]);
    // Command lines split at spaces.
    let cases: &[(&str, i32, &str)] = &[
        (
            "server add x --from io.github.nobody/nothing",
            4,
            "`io.github.nobody/nothing` is not in registry",
        ),
        (
            "server add x --from io.github.joelverhagen/knapcode-samplemcpserver",
            10,
            "offers nothing vmcp can start: nuget package `Knapcode.SampleMcpServer` runs with `dnx`",
        ),
        (
            "server add x --from io.modelcontextprotocol/text-editor",
            10,
            "vmcp does not install bundles",
        ),
        (
            "server add x --from io.modelcontextprotocol.anonymous/embedded-mcp",
            10,
            "offers no package and no remote",
        ),
        (
            "server add x --from io.modelcontextprotocol/everything --package pypi",
            10,
            "has no pypi package (it offers npm)",
        ),
        (
            "server add x --from io.modelcontextprotocol.anonymous/hybrid-mcp --remote 3",
            10,
            "no remote 3",
        ),
        (
            "server add x --from io.github.example/database-manager --arg db_type=postgres --env DB_USERNAME=u",
            2,
            "argument database_name is required (Name of the database to connect to): pass `--arg database_name=VALUE`",
        ),
        (
            "server add x --from io.github.example/database-manager --arg db_type=oracle --arg d --env DB_USERNAME=u",
            2,
            "variable db_type takes one of postgres, mysql, mongodb, redis, not `oracle`",
        ),
        (
            "server add x --from io.github.example/database-manager --arg db_type=redis --arg --port=high --arg d --env DB_USERNAME=u",
            2,
            "argument --port takes a number, not `high`",
        ),
        (
            "server add x --from io.modelcontextprotocol/everything --arg stray",
            2,
            "no argument of this entry takes `stray`",
        ),
        (
            "server add x --from io.github.user/remote-weather --env A=b",
            2,
            "`--env` applies to packages",
        ),
        (
            "server add bad/name --from io.modelcontextprotocol/everything",
            2,
            "server name",
        ),
        (
            "server add x --from io.modelcontextprotocol/everything --registry ftp://r",
            2,
            "invalid registry URL",
        ),
        (
            "server add x --from io.modelcontextprotocol/everything --registry http://127.0.0.1:1",
            8,
            "cannot be reached",
        ),
        (
            "settings set registry.url ftp://r",
            2,
            "invalid registry URL",
        ),
        (
            "server upgrade nothing",
            4,
            "server `nothing` does not exist",
        ),
    ];
    for (line, code, message) in cases {
        let args: Vec<&str> = line.split(' ').collect();
        let (got, out, err) = s.run(&args);
        assert_eq!(got, *code, "{args:?}\n{out}\n{err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    assert!(s.servers().is_empty(), "{:?}", s.servers());
}

#[test]
fn withdrawn_entries_and_failing_registries_are_refused() {
    let s = Setup::new(&["npx"]);
    s.reg.set_status("io.github.user/weather", "deleted");
    let (code, _, err) = s.run(&["server", "add", "x", "--from", "io.github.user/weather"]);
    assert_eq!(code, 10, "{err}");
    assert!(
        err.contains("`io.github.user/weather@1.0.2` is deleted in the registry"),
        "{err}"
    );
    // A slow registry is given up on after `registry.timeout` (what was never cached cannot be
    // answered from it).
    s.reg.set_mode(Mode::Slow);
    let (code, _, err) = s.run(&["registry", "show", "io.snyk/cli-mcp"]);
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("did not answer within 2 s"), "{err}");
    // A malformed answer names what is wrong.
    s.reg.set_mode(Mode::Malformed);
    let (code, _, err) = s.run(&["registry", "search", "x"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("sent a malformed document for the server list: at `servers[0].server.version`: invalid type: integer `7`, expected a string"),
        "{err}"
    );
    assert!(s.servers().is_empty(), "{:?}", s.servers());
    // An existing server is refused before anything is asked or fetched.
    s.reg.set_mode(Mode::Normal);
    s.ok(&[
        "server",
        "add",
        "x",
        "--from",
        "io.modelcontextprotocol/everything",
        "--no-approve",
    ]);
    let (code, _, err) = s.run(&[
        "server",
        "add",
        "x",
        "--from",
        "io.github.example/weather-mcp",
    ]);
    assert_eq!(code, 5, "{err}");
    assert_eq!(s.stored("x")["command"], "npx");
    // A status this vmcp does not know is shown and warned about, not a malformed answer.
    s.reg.set_status("io.snyk/cli-mcp", "archived");
    let pages = s.json(&["registry", "search", "snyk", "--json"]);
    assert_eq!(pages[0]["servers"][0]["status"], "unknown");
    let (code, _, err) = s.run(&[
        "server",
        "add",
        "sn",
        "--from",
        "io.snyk/cli-mcp",
        "--no-approve",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("a status this vmcp does not know"), "{err}");
    // Deprecated entries are added with a warning.
    s.reg
        .set_status("io.modelcontextprotocol/everything", "deprecated");
    let (code, _, err) = s.run(&[
        "server",
        "add",
        "y",
        "--from",
        "io.modelcontextprotocol/everything",
        "--no-approve",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("is deprecated by its publisher"), "{err}");
}

#[test]
fn outdated_servers_are_found_and_upgraded_with_the_same_choices() {
    let s = Setup::new(&["npx", "uvx", "docker"]);
    s.ok(&[
        "server",
        "add",
        "fs",
        "--from",
        "io.github.modelcontextprotocol/filesystem",
        "--package",
        "npm",
        "--arg",
        "/data",
        "--trust",
        "review",
        "--call-timeout",
        "5m",
        "--no-approve",
    ]);
    s.ok(&[
        "server",
        "add",
        "w",
        "--from",
        "io.github.example/weather-mcp",
        "--env",
        "WEATHER_UNITS=fahrenheit",
        "--no-approve",
    ]);
    snap!(s, s.shown(&["server", "outdated"]));
    s.reg
        .publish("io.github.modelcontextprotocol/filesystem", "1.1.0", |d| {
            d["packages"][0]["version"] = json!("1.1.0");
            d["packages"][0]["environmentVariables"][0]["default"] = json!("warn");
        });
    snap!(s, s.shown(&["server", "outdated", "--json"]));
    let out = s.ok(&["server", "upgrade", "fs"]);
    assert!(
        out.contains("upgraded server `fs` from io.github.modelcontextprotocol/filesystem@1.0.2 to 1.1.0: npm package @modelcontextprotocol/server-filesystem@1.1.0"),
        "{out}"
    );
    let fs = s.stored("fs");
    assert_eq!(
        fs["args"],
        json!([
            "-y",
            "@modelcontextprotocol/server-filesystem@1.1.0",
            "/data"
        ])
    );
    // The value it had is kept; the user's own settings too.
    assert_eq!(fs["env"], json!({"LOG_LEVEL": "info"}));
    assert_eq!(
        (fs["trust"].clone(), fs["call_timeout"].clone()),
        (json!("review"), json!("5m"))
    );
    assert_eq!(fs["from"]["version"], "1.1.0");
    assert_eq!(s.stored("w")["env"]["WEATHER_UNITS"], "fahrenheit");
    snap!(s, s.shown(&["server", "upgrade", "w", "--json"]));
    let out = s.ok(&["server", "upgrade", "w"]);
    assert!(
        out.contains("server `w` is up to date (io.github.example/weather-mcp@0.5.0)"),
        "{out}"
    );
    let rows = s.json(&["server", "outdated", "--json"]);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["outdated"] == false),
        "{rows}"
    );
    // A server not added from a registry has nothing to upgrade to.
    s.ok(&["server", "add", "plain", "--no-approve", "--", UPSTREAM]);
    let (code, _, err) = s.run(&["server", "upgrade", "plain"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("was not added from a registry"), "{err}");
}

#[test]
fn a_server_found_and_added_from_the_registry_answers_calls() {
    // `npx` here starts the test upstream: search → add → call, as a user would.
    let s = Setup::new(&["npx"]);
    let found = s.json(&["registry", "search", "everything", "--json"]);
    assert_eq!(names(&found), ["io.modelcontextprotocol/everything"]);
    s.ok(&[
        "server",
        "add",
        "ev",
        "--from",
        "io.modelcontextprotocol/everything",
        "--trust",
        "always",
    ]);
    s.ok(&["vmcp", "create", "v", "--server", "ev"]);
    let out = s.ok(&["call", "--vmcp", "v", "ev_echo", "message=hello"]);
    assert!(out.contains("hello"), "{out}");
}

/// `script`, which gives a command a terminal, when installed.
fn script_program() -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("script"))
        .find(|p| p.is_file())
}

#[test]
fn a_terminal_is_asked_for_what_is_missing_and_secrets_are_not_echoed() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    let Some(script) = script_program() else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    };
    let s = Setup::new(&["docker"]);
    let secret = "pw-7f3a9c1e5bSECRET";
    let cmd = format!(
        "{} server add db --from io.github.example/database-manager --no-approve",
        crate::harness::VMCP
    );
    let mut child = Command::new(script)
        .args(["-qfec", &cmd, "/dev/null"])
        .env("VMCP_HOME", s.home.dir.path())
        .env("PATH", &s.bin)
        .env_remove("VMCP_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let mut out = child.stdout.take().unwrap();
    let sink = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    // Each question is answered once it is on the screen.
    for (question, answer) in [
        (
            "environment variable DB_USERNAME (Database username): ",
            "app",
        ),
        (
            "environment variable DB_PASSWORD (Database password), a secret",
            secret,
        ),
        (
            "variable db_type (Type of database) [postgres/mysql/mongodb/redis]: ",
            "postgres",
        ),
        (
            "argument database_name (Name of the database to connect to): ",
            "sales",
        ),
    ] {
        let asked = crate::harness::wait_for(Duration::from_secs(10), || {
            seen.lock().unwrap().contains(question).then_some(())
        });
        assert!(
            asked.is_some(),
            "not asked {question:?}: {}",
            seen.lock().unwrap()
        );
        writeln!(stdin, "{answer}").unwrap();
    }
    assert!(child.wait().unwrap().success(), "{}", seen.lock().unwrap());
    let screen = seen.lock().unwrap().clone();
    assert!(
        screen.contains("app") && screen.contains("added server `db`"),
        "{screen}"
    );
    assert!(
        !screen.contains("SECRET"),
        "the secret was echoed: {screen}"
    );
    let db = s.stored("db");
    assert_eq!(db["env"]["DB_PASSWORD"], secret);
    assert_eq!(db["env"]["DB_USERNAME"], "app");
    let args: Vec<&str> = db["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        args.contains(&"DB_TYPE=postgres") && args.ends_with(&["sales"]),
        "{args:?}"
    );
}

#[test]
fn several_registries_are_asked_in_order() {
    let s = Setup::new(&["uvx"]);
    let other = Registry::start();
    let both = format!("{},{}", other.url, s.reg.url);
    s.ok(&["settings", "set", "registry.url", &both]);
    other.set_status("io.github.example/weather-mcp", "deprecated");
    let pages = s.json(&["registry", "search", "weather-mcp", "--json"]);
    assert_eq!(pages.as_array().unwrap().len(), 2);
    assert_eq!(pages[0]["registry"], other.url);
    assert_eq!(pages[0]["servers"][0]["status"], "deprecated");
    // The first that answers wins; one that is down leaves it to the next.
    other.set_mode(Mode::Down);
    let (code, out, err) = s.run(&[
        "server",
        "add",
        "w",
        "--from",
        "io.github.example/weather-mcp",
        "--no-approve",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added server `w`"), "{out}");
    assert_eq!(s.stored("w")["from"]["registry"], s.reg.url);
    let (code, out, err) = s.run(&["registry", "search", "weather-mcp"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("# {}", s.reg.url)), "{out}");
}
