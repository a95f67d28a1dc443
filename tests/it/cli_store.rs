//! The management CLI against the store, through the real binary: human and JSON output
//! (snapshots, with machine-specific paths filtered), exit codes, and store contents.

use serde_json::{Value, json};

use crate::harness::command::Run;
use crate::harness::servers::regex_escape;
use crate::harness::{Client, Home, UPSTREAM, run_vmcp, vmcp};

/// Runs vmcp in `home` and renders exit code, stdout and stderr for a snapshot.
fn run(home: &Home, args: &[&str]) -> String {
    let (code, out, err) = run_vmcp(args, home.dir.path());
    format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

fn ok(home: &Home, args: &[&str]) -> String {
    let (code, out, err) = run_vmcp(args, home.dir.path());
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    out
}

macro_rules! snap {
    ($home:expr, $value:expr) => {
        insta::with_settings!({filters => vec![
            (regex_escape($home.dir.path().to_str().unwrap()).as_str(), "[HOME]"),
            (regex_escape(UPSTREAM).as_str(), "[UPSTREAM]"),
            (r"\d+ ms", "[N] ms"),
        ]}, {
            insta::assert_snapshot!($value);
        });
    };
}

fn add_upstream(home: &Home, name: &str) {
    ok(
        home,
        &[
            "server",
            "add",
            name,
            // Started and approved as it is added: its tools are exposed.
            "--approve",
            "--env",
            "LEVEL=warn",
            "--env",
            "API_TOKEN=sk-live-0123456789abcdef",
            "--",
            UPSTREAM,
            "--name",
            name,
        ],
    );
}

#[test]
fn servers_are_added_listed_and_shown() {
    let home = Home::new();
    // Commands that need not run here, so the table does not depend on where tests live.
    ok(
        &home,
        &[
            "server",
            "add",
            "alpha",
            "--env",
            "LEVEL=warn",
            "--env",
            "API_TOKEN=sk-live-0123456789abcdef",
            "--",
            "npx",
            "-y",
            "@modelcontextprotocol/server-everything",
        ],
    );
    ok(
        &home,
        &[
            "server",
            "add",
            "web",
            "--url",
            "http://127.0.0.1:9/mcp",
            "-H",
            "Authorization=Bearer ${env:WEB_TOKEN}",
            "--call-timeout",
            "5m",
        ],
    );
    ok(
        &home,
        &[
            "vmcp",
            "create",
            "mine",
            "-s",
            "alpha",
            "--description",
            "Mine",
        ],
    );
    snap!(home, run(&home, &["server", "list"]));
    snap!(home, run(&home, &["server", "list", "--json"]));
    snap!(home, run(&home, &["server", "show", "alpha"]));
    let secret = ok(
        &home,
        &["server", "show", "alpha", "--json", "--show-secrets"],
    );
    let v: Value = serde_json::from_str(&secret).unwrap();
    assert_eq!(v["config"]["env"]["API_TOKEN"], "sk-live-0123456789abcdef");
}

#[test]
fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(&home, &["vmcp", "create", "mine", "-s", "alpha"]);
    let before = ok(&home, &["server", "list", "--json"]);
    snap!(home, run(&home, &["server", "add", "alpha", "--", "true"]));
    snap!(
        home,
        run(&home, &["server", "add", "bad name", "--", "true"])
    );
    snap!(home, run(&home, &["server", "add", "nothing"]));
    snap!(
        home,
        run(&home, &["server", "add", "ftp", "--url", "ftp://x"])
    );
    snap!(home, run(&home, &["server", "remove", "alpha"]));
    snap!(home, run(&home, &["server", "show", "ghost"]));
    snap!(
        home,
        run(&home, &["vmcp", "create", "other", "-s", "ghost"])
    );
    snap!(
        home,
        run(
            &home,
            &["vmcp", "rename-tool", "mine", "alpha", "echo", "bad.name"]
        )
    );
    assert_eq!(ok(&home, &["server", "list", "--json"]), before);
    assert!(!ok(&home, &["vmcp", "list"]).contains("other"));
}

#[test]
fn a_conflict_hints_at_what_the_command_that_met_it_offers() {
    let home = Home::new();
    ok(&home, &["server", "add", "alpha", "--", "true"]);
    ok(&home, &["server", "add", "beta", "--", "true"]);
    ok(&home, &["vmcp", "create", "mine", "-s", "alpha"]);
    let refused = |args: &[&str]| {
        let (code, out, err) = run_vmcp(args, home.dir.path());
        assert_eq!((code, out.as_str()), (5, ""), "{args:?}: {err}");
        err
    };
    // Neither `vmcp create` nor `server rename` has a `--replace`.
    assert_eq!(
        refused(&["vmcp", "create", "mine"]),
        "error: vMCP `mine` already exists\n  hint: choose another name, or change it (`vmcp vmcp edit mine`)\n"
    );
    assert_eq!(
        refused(&["server", "rename", "alpha", "beta"]),
        "error: server `beta` already exists\n  hint: choose another name, or remove `beta` first (`vmcp server remove beta`)\n"
    );
    // An import cannot choose another name: it replaces or keeps.
    std::fs::write(
        home.path("other.yaml"),
        "servers:\n  alpha:\n    command: 'false'\n",
    )
    .unwrap();
    assert_eq!(
        refused(&["import", "other.yaml"]),
        "error: server `alpha` already exists\n  hint: replace what is stored (`--replace`), or keep it (`--skip-existing`)\n"
    );
}

#[test]
fn rename_and_forced_remove_follow_references() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(&home, &["vmcp", "create", "mine", "-s", "alpha"]);
    assert_eq!(
        ok(&home, &["server", "rename", "alpha", "beta"]),
        "renamed server `alpha` to `beta` (vMCPs updated: mine)\n"
    );
    let v: Value = serde_json::from_str(&ok(&home, &["vmcp", "show", "mine", "--json"])).unwrap();
    assert!(v["vmcp"]["servers"].get("beta").is_some(), "{v}");
    assert_eq!(
        ok(&home, &["server", "remove", "beta", "--force"]),
        "removed server `beta` (dropped from vMCPs: mine)\n"
    );
    let v: Value = serde_json::from_str(&ok(&home, &["vmcp", "show", "mine", "--json"])).unwrap();
    assert_eq!(v["vmcp"].get("servers"), None, "{v}");
}

#[test]
fn focused_edits_shape_what_stdio_serves() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(&home, &["vmcp", "create", "mine", "-s", "alpha"]);
    ok(
        &home,
        &[
            "vmcp",
            "filter",
            "mine",
            "alpha",
            "--tools",
            "echo,count*",
            "--exclude-tools",
            "crash",
        ],
    );
    ok(
        &home,
        &["vmcp", "rename-tool", "mine", "alpha", "echo", "say"],
    );
    ok(
        &home,
        &[
            "vmcp",
            "describe-tool",
            "mine",
            "alpha",
            "counter",
            "Counts calls",
        ],
    );
    ok(&home, &["vmcp", "set-instructions", "mine", "Be brief."]);
    ok(
        &home,
        &["vmcp", "add-server", "mine", "alpha", "--prefix", "a"],
    );
    snap!(home, run(&home, &["vmcp", "show", "mine"]));
    // The stored vMCP is what `vmcp stdio` serves (no file anywhere).
    let mut c = Client::spawn_home(home.dir.path(), "mine");
    let init = c.initialize();
    assert_eq!(init["instructions"], "Be brief.");
    let tools = c.ok("tools/list", Value::Null);
    let names: Vec<&str> = tools["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["say", "a_counter"]);
    assert_eq!(tools["tools"][1]["description"], "Counts calls");
    assert_eq!(c.call_text("say", json!({"message": "stored"})), "stored");
    // Reset and clear.
    ok(
        &home,
        &["vmcp", "rename-tool", "mine", "alpha", "echo", "--reset"],
    );
    ok(&home, &["vmcp", "filter", "mine", "alpha", "--tools", ""]);
    let v: Value = serde_json::from_str(&ok(&home, &["vmcp", "show", "mine", "--json"])).unwrap();
    assert_eq!(
        v["vmcp"]["servers"]["alpha"],
        json!({"prefix": "a", "exclude_tools": ["crash"], "describe": {"counter": "Counts calls"}})
    );
}

#[test]
fn the_default_file_wins_over_the_store_and_show_says_so() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(
        &home,
        &[
            "vmcp",
            "create",
            "both",
            "-s",
            "alpha",
            "--description",
            "from the store",
        ],
    );
    ok(&home, &["vmcp", "create", "stored", "-s", "alpha"]);
    home.config(&format!(
        "servers:\n  f:\n    command: {UPSTREAM}\n    trust: always\nvmcps:\n  both:\n    description: from the file\n    servers: [f]\n"
    ));
    snap!(home, run(&home, &["vmcp", "list"]));
    snap!(home, run(&home, &["vmcp", "list", "--json"]));
    snap!(home, run(&home, &["vmcp", "show", "stored", "--json"]));
    let v: Value = serde_json::from_str(&ok(&home, &["vmcp", "show", "both", "--json"])).unwrap();
    assert_eq!(v["source"]["kind"], "default-file");
    assert_eq!(v["vmcp"]["description"], "from the file");
    let v: Value = serde_json::from_str(&ok(&home, &["vmcp", "show", "stored", "--json"])).unwrap();
    assert_eq!(v["source"]["kind"], "store");
    let mut c = Client::spawn_home(home.dir.path(), "both");
    c.initialize();
    assert!(c.tool_names().contains(&"f_echo".to_string()));
}

#[test]
fn export_then_import_round_trips() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(
        &home,
        &[
            "server",
            "add",
            "web",
            "--url",
            "http://127.0.0.1:9/mcp",
            "-H",
            "Authorization=Bearer ${env:WEB_TOKEN}",
        ],
    );
    ok(
        &home,
        &[
            "vmcp",
            "create",
            "mine",
            "-s",
            "alpha",
            "-s",
            "web",
            "--instructions",
            "Hi",
        ],
    );
    ok(
        &home,
        &[
            "vmcp",
            "filter",
            "mine",
            "alpha",
            "--tools",
            "echo",
            "--prompts",
            "greet",
        ],
    );
    ok(
        &home,
        &["vmcp", "rename-tool", "mine", "alpha", "echo", "say"],
    );
    let exported = ok(&home, &["vmcp", "export", "mine"]);
    snap!(home, exported.clone());
    let other = Home::new();
    std::fs::write(other.path("mine.yaml"), &exported).unwrap();
    let report = ok(&other, &["import", "mine.yaml"]);
    assert!(report.contains("servers: 2 added (alpha, web)"), "{report}");
    assert_eq!(ok(&other, &["vmcp", "export", "mine"]), exported);
    assert_eq!(
        ok(
            &other,
            &["vmcp", "show", "mine", "--json", "--show-secrets"]
        )
        .replace(other.dir.path().to_str().unwrap(), "H"),
        ok(&home, &["vmcp", "show", "mine", "--json", "--show-secrets"])
            .replace(home.dir.path().to_str().unwrap(), "H")
    );
    // Importing again changes nothing; a conflicting import is refused whole.
    assert!(ok(&other, &["import", "mine.yaml"]).contains("2 unchanged"));
    let changed = exported.replace("Hi", "Hello");
    std::fs::write(other.path("changed.yaml"), changed).unwrap();
    let (code, _, err) = run_vmcp(&["import", "changed.yaml"], other.dir.path());
    assert_eq!(code, 5, "{err}");
    assert!(ok(&other, &["import", "changed.yaml", "--replace"]).contains("1 replaced (mine)"));
}

#[test]
fn import_makes_relative_paths_absolute_but_leaves_placeholders_to_expand() {
    let home = Home::new();
    std::fs::create_dir(home.path("defs")).unwrap();
    std::fs::write(
        home.path("defs/servers.yaml"),
        concat!(
            "servers:\n",
            "  local: { command: ./bin/server, cwd: work }\n",
            "  tools: { command: \"${env:TOOLS}/server\", cwd: \"${env:TOOLS}/work\" }\n",
        ),
    )
    .unwrap();
    ok(&home, &["import", "defs/servers.yaml"]);
    let shown = |name: &str| -> Value {
        let v: Value =
            serde_json::from_str(&ok(&home, &["server", "show", name, "--json"])).unwrap();
        json!([v["config"]["command"], v["config"]["cwd"]])
    };
    let defs = std::fs::canonicalize(home.path("defs")).unwrap();
    let defs = defs.to_str().unwrap();
    assert_eq!(
        shown("local"),
        json!([format!("{defs}/bin/server"), format!("{defs}/work")])
    );
    // Expanded when the server starts, to whatever the variable holds then.
    assert_eq!(
        shown("tools"),
        json!(["${env:TOOLS}/server", "${env:TOOLS}/work"])
    );
}

#[test]
fn edit_saves_valid_yaml_and_keeps_the_old_version_on_errors() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    let editor = |script: &str| {
        let p = home.path(&format!("editor-{}.sh", script.len()));
        std::fs::write(&p, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::os::unix::fs::PermissionsExt::set_mode(
            &mut std::fs::metadata(&p).unwrap().permissions(),
            0o755,
        );
        std::process::Command::new("chmod")
            .arg("755")
            .arg(&p)
            .status()
            .unwrap();
        p
    };
    let good = editor("sed -i 's/LEVEL: warn/LEVEL: debug/' \"$1\"");
    let edit = |editor: &std::path::Path| {
        vmcp(&home)
            .args(["server", "edit", "alpha"])
            .env("EDITOR", editor)
            .run()
            .parts()
    };
    let (code, _, err) = edit(&good);
    assert_eq!(code, 0, "{err}");
    assert!(ok(&home, &["server", "show", "alpha"]).contains("LEVEL: debug"));
    let bad = editor("sed -i 's/LEVEL: debug/LEVL debug: [/' \"$1\"");
    let (code, _, err) = edit(&bad);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("vmcp-edit-server-alpha") && err.contains("your edit is kept in"),
        "{err}"
    );
    assert!(
        ok(&home, &["server", "show", "alpha"]).contains("LEVEL: debug"),
        "the old version stays"
    );
}

#[test]
fn server_test_reports_what_a_server_offers_or_why_it_failed() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(
        &home,
        &[
            "server",
            "add",
            "broken",
            "--",
            UPSTREAM,
            "--exit-immediately",
            "9",
        ],
    );
    let out = ok(&home, &["server", "test", "alpha"]);
    assert!(out.starts_with("server `alpha`: ready in "), "{out}");
    assert!(out.contains("  tools       20  echo, add,"), "{out}");
    let v: Value =
        serde_json::from_str(&ok(&home, &["server", "test", "alpha", "--json"])).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["protocol_version"], "2025-11-25");
    let (code, out, _) = run_vmcp(&["server", "test", "broken"], home.dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("process exited with status 9") && out.contains("simulated startup failure"),
        "{out}"
    );
}

#[test]
fn calls_are_logged_summarized_and_can_be_switched_off() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(&home, &["vmcp", "create", "mine", "-s", "alpha"]);
    let mut c = Client::spawn_home(home.dir.path(), "mine");
    c.initialize();
    c.call("alpha_echo", json!({"message": "one"}));
    c.call("alpha_echo", json!({"message": "two"}));
    c.call("alpha_fail", json!({}));
    let _ = c.request(
        "tools/call",
        json!({"name": "alpha_rpc_error", "arguments": {}}),
    );
    c.ok(
        "prompts/get",
        json!({"name": "alpha_greet", "arguments": {"name": "x"}}),
    );
    c.close_stdin();
    c.wait_exit(std::time::Duration::from_secs(10))
        .expect("exits");
    let log = ok(&home, &["log", "--json"]);
    let calls: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(calls.len(), 5, "{log}");
    let echo = &calls[0];
    assert_eq!(echo["vmcp"], "mine");
    assert_eq!(echo["server"], "alpha");
    assert_eq!(echo["kind"], "tool");
    assert_eq!(echo["name"], "echo");
    assert_eq!(echo["exposed"], "alpha_echo");
    assert_eq!(echo["ok"], true);
    assert!(echo["response_bytes"].as_u64().unwrap() > 0);
    assert!(!log.contains("\"one\""), "arguments are not stored");
    let oks: Vec<bool> = calls.iter().map(|c| c["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, vec![true, true, false, false, true]);
    let stats: Value =
        serde_json::from_str(&ok(&home, &["stats", "--json", "--since", "1h"])).unwrap();
    assert_eq!(stats["calls"], 5);
    assert_eq!(stats["errors"], 2);
    let echo_row = stats["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "alpha_echo")
        .unwrap();
    assert_eq!(echo_row["calls"], 2);
    assert_eq!(echo_row["kind"], "tool");
    assert_eq!(stats["servers"][0]["server"], "alpha");
    assert_eq!(stats["servers"][0]["calls"], 5);
    // Human output, with times and durations filtered.
    insta::with_settings!({filters => vec![
        (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", "[TIME]"),
        // Durations vary in width: eat the padding too.
        (r"\d+\.\d\d *", "[MS] "),
    ]}, {
        insta::assert_snapshot!(run(&home, &["log"]));
        insta::assert_snapshot!(run(&home, &["stats"]));
    });
    assert!(ok(&home, &["stats", "--vmcp", "other"]).starts_with("0 calls, 0 errors"));

    ok(&home, &["settings", "set", "call-log.enabled", "false"]);
    let settings: Value =
        serde_json::from_str(&ok(&home, &["settings", "list", "--json"])).unwrap();
    assert_eq!(
        settings,
        json!({"call-log.enabled": "false", "call-log.max-entries": "100000", "call-log.retention-days": "30", "registry.timeout": "15", "registry.url": "https://registry.modelcontextprotocol.io", "trust.default": "pinned", "trust.on-change": "withhold"})
    );
    let mut c = Client::spawn_home(home.dir.path(), "mine");
    c.initialize();
    c.call("alpha_echo", json!({"message": "unrecorded"}));
    c.close_stdin();
    c.wait_exit(std::time::Duration::from_secs(10))
        .expect("exits");
    assert_eq!(ok(&home, &["log", "--json"]).lines().count(), 5);
    let (code, _, err) = run_vmcp(
        &["settings", "set", "call-log.retention-days", "0"],
        home.dir.path(),
    );
    assert_eq!(code, 2, "{err}");
}

/// A read and a write both exit 6 with a message holding every `needle`, and leave the store
/// file byte for byte as it was.
fn refused_and_untouched(home: &Home, what: &str, needles: &[&str]) {
    let store = home.path("vmcp.redb");
    let before = std::fs::read(&store).unwrap();
    for args in [
        &["server", "list"][..],
        &["server", "add", "beta", "--", "true"][..],
    ] {
        let (code, out, err) = run_vmcp(args, home.dir.path());
        assert_eq!(code, 6, "{what} {args:?}: {out}{err}");
        assert!(needles.iter().all(|n| err.contains(n)), "{what}: {err}");
    }
    assert!(
        std::fs::read(&store).unwrap() == before,
        "{what}: the file was modified"
    );
}

#[test]
fn a_damaged_or_newer_store_is_reported_and_never_overwritten() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    let store = home.path("vmcp.redb");
    let good = std::fs::read(&store).unwrap();
    for (what, bytes) in [
        ("garbage", b"definitely not a database".to_vec()),
        ("truncated", good[..good.len() / 2].to_vec()),
    ] {
        std::fs::write(&store, &bytes).unwrap();
        refused_and_untouched(&home, what, &["is damaged", "vmcp did not modify it"]);
    }
    std::fs::write(&store, &good).unwrap();
    assert!(
        ok(&home, &["server", "list"]).contains("alpha"),
        "the restored file still works"
    );

    // A file from a future vmcp: readable layout, higher schema version.
    {
        let meta: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("meta");
        #[allow(
            clippy::disallowed_types,
            reason = "writing what vmcp's store would refuse to"
        )]
        let db = redb::Database::create(&store).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(meta)
            .unwrap()
            .insert("schema_version", 99)
            .unwrap();
        txn.commit().unwrap();
    }
    refused_and_untouched(
        &home,
        "newer",
        &["written by a newer vmcp (schema 99", "upgrade vmcp"],
    );
}

#[test]
fn a_store_left_mid_write_by_a_killed_process_is_repaired_and_the_original_kept() {
    let home = Home::new();
    add_upstream(&home, "alpha");
    let store = home.path("vmcp.redb");
    let status = std::process::Command::new(UPSTREAM)
        .arg("--die-mid-store-write")
        .arg(&store)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(9));
    // The next command repairs it (on a copy), and everything committed is still there.
    let (code, out, err) = run_vmcp(&["server", "list"], home.dir.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("alpha") && !out.contains("half-written"),
        "{out}"
    );
    let kept: Vec<_> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with("vmcp.redb.unclean-"))
        .collect();
    assert_eq!(kept.len(), 1, "the file as it was is kept: {kept:?}");
    // And it keeps working for writes.
    ok(&home, &["server", "add", "beta", "--", "true"]);
    assert!(ok(&home, &["server", "list"]).contains("beta"));
}

/// A session whose last call-log write is still waiting its turn for a busy store when the
/// client closes it waits for that write instead of exiting without it (it used to give up about
/// 9 s after the end of input: 2 s per flush and 5 s for the writes, and the call was lost).
#[test]
fn a_session_ending_while_its_write_waits_for_a_busy_store_still_records_it() {
    use std::io::BufRead;

    let home = Home::new();
    add_upstream(&home, "alpha");
    ok(&home, &["vmcp", "create", "mine", "-s", "alpha"]);
    let mut c = Client::spawn_home(home.dir.path(), "mine");
    c.initialize();

    // Long enough to outlast the session's flush limits and the old wait at exit.
    let mut holder = std::process::Command::new(UPSTREAM)
        .args(["--hold-ms", "13000", "--hold-store-write"])
        .arg(home.path("vmcp.redb"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "holding");

    assert_eq!(
        c.call_text("alpha_echo", json!({"message": "kept"})),
        "kept"
    );
    c.close_stdin();
    let status = c
        .wait_exit(std::time::Duration::from_secs(40))
        .expect("the session exits");
    assert!(status.success(), "{}", c.stderr());
    assert!(holder.wait().unwrap().success());

    let log = ok(&home, &["log", "--json"]);
    assert_eq!(log.lines().count(), 1, "the call is recorded: {log}");
    assert!(log.contains("alpha_echo"), "{log}");
}

/// Runs vmcp as a user who cannot write `home` or the files in it, though it can read them: as
/// root, that is another user (root may write anything); otherwise the write permissions are
/// taken away for the run.
fn run_unwritable(home: &Home, args: &[&str]) -> (i32, String, String) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;

    let set = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    let root = std::fs::metadata(home.dir.path()).unwrap().uid() == 0;
    let files: Vec<_> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for f in &files {
        set(f, if root { 0o644 } else { 0o444 });
    }
    set(home.dir.path(), if root { 0o755 } else { 0o555 });
    let mut cmd = vmcp(home).args(args).command();
    if root {
        cmd.uid(65534).gid(65534);
    }
    let out = Run::from(cmd.output().unwrap());
    set(home.dir.path(), 0o700);
    for f in &files {
        set(f, 0o600);
    }
    out.parts()
}

/// README: exit 6 when the store is unavailable — also when it cannot be written; reads still
/// work, and nothing stored is lost.
#[test]
fn an_unwritable_store_exits_6_with_a_hint_and_stays_readable() {
    let home = Home::new();
    ok(&home, &["server", "add", "alpha", "--", "true"]);

    let (code, out, err) = run_unwritable(&home, &["server", "add", "beta", "--", "true"]);
    assert_eq!(code, 6, "{out}{err}");
    assert!(
        err.contains("cannot access the store") && err.contains("vmcp.redb"),
        "{err}"
    );
    assert!(
        err.contains("hint:") && err.contains("permissions"),
        "{err}"
    );
    assert_eq!(
        err.matches("Permission denied").count(),
        1,
        "the cause is said once: {err}"
    );

    let (code, out, err) = run_unwritable(&home, &["server", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("alpha") && !out.contains("beta"), "{out}");
    assert!(ok(&home, &["server", "list"]).contains("alpha"));
}

/// A store whose directory cannot be searched is unavailable (exit 6), not empty.
#[test]
fn a_store_in_a_directory_that_cannot_be_searched_is_unavailable_not_empty() {
    use std::os::unix::fs::PermissionsExt;

    let home = Home::new();
    ok(&home, &["server", "add", "alpha", "--", "true"]);
    // The store's directory inside VMCP_HOME is VMCP_HOME itself: put the home one level down
    // and close the level above it.
    let outer = home.path("outer");
    let inner = outer.join("home");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::rename(home.path("vmcp.redb"), inner.join("vmcp.redb")).unwrap();
    let run = |args: &[&str]| {
        // Run from the home: the directory of VMCP_HOME is about to be closed.
        let mut cmd = vmcp(&inner)
            .args(args)
            .current_dir(home.dir.path())
            .command();
        if std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&outer).unwrap()) == 0 {
            std::os::unix::process::CommandExt::uid(&mut cmd, 65534);
            std::os::unix::process::CommandExt::gid(&mut cmd, 65534);
            std::fs::set_permissions(home.dir.path(), std::fs::Permissions::from_mode(0o755))
                .unwrap();
        }
        std::fs::set_permissions(&outer, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = Run::from(cmd.output().unwrap());
        std::fs::set_permissions(&outer, std::fs::Permissions::from_mode(0o700)).unwrap();
        out.parts()
    };
    for args in [
        &["server", "list"][..],
        &["server", "add", "beta", "--", "true"][..],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 6, "{args:?}: {out}{err}");
        assert!(err.contains("Permission denied"), "{args:?}: {err}");
    }
}
