//! Live definitions: a running `vmcp stdio` follows edits of its definition file and of the
//! store (and SIGHUP), applying only what changed — unchanged upstreams keep their processes.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::procs::{alive, signal, wait_gone};
use crate::harness::{Client, Home, UPSTREAM, run_vmcp, upstream_entry, wait_for};

const LIMIT: Duration = Duration::from_secs(20);

/// A definition file with the test upstreams `servers` (name, extra args) and vMCP `v` using
/// them (each with the selection text given, indented under its name).
pub(crate) fn yaml(
    servers: &[(&str, &[&str])],
    selections: &[(&str, &str)],
    vmcp_extra: &str,
) -> String {
    let mut y = String::from("servers:\n");
    for (name, args) in servers {
        y += &upstream_entry(name, args);
    }
    y += "vmcps:\n  v:\n";
    y += vmcp_extra;
    y += "    servers:\n";
    for (name, sel) in selections {
        if sel.is_empty() {
            let _ = writeln!(y, "      {name}: {{}}");
        } else {
            let _ = writeln!(y, "      {name}:");
            for line in sel.lines() {
                let _ = writeln!(y, "        {line}");
            }
        }
    }
    y
}

fn pid_of(c: &mut Client, tool: &str) -> i32 {
    c.call_text_when_up(tool, &json!({}), LIMIT)
        .parse()
        .expect("a pid")
}

/// Waits until `tools/list` satisfies `ok`; returns the names.
fn wait_tools(c: &mut Client, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let mut last = Vec::new();
    let found = wait_for(LIMIT, || {
        last = c.tool_names();
        ok(&last).then(|| last.clone())
    });
    found.unwrap_or_else(|| panic!("tools never matched; last: {last:?}\n{}", c.stderr()))
}

fn wait_stderr(c: &Client, needle: &str) -> String {
    wait_for(LIMIT, || {
        let e = c.stderr();
        e.contains(needle).then_some(e)
    })
    .unwrap_or_else(|| panic!("stderr never said {needle:?}:\n{}", c.stderr()))
}

fn started(home: &Home, yaml_text: &str) -> Client {
    home.config(yaml_text);
    let mut c = home.client("v");
    c.initialize();
    c
}

#[test]
fn an_edited_filter_changes_the_list_with_list_changed_and_touches_no_upstream() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let mut c = started(&home, &yaml(servers, &[("s", "")], ""));
    let before = c.tool_names();
    assert!(before.contains(&"s_echo".to_string()), "{before:?}");
    let pid = pid_of(&mut c, "s_pid");
    assert_eq!(c.call_text("s_counter", json!({})), "1");
    home.config(&yaml(servers, &[("s", "tools: [counter, pid]")], ""));
    c.notification("notifications/tools/list_changed");
    let after = wait_tools(&mut c, |t| !t.contains(&"s_echo".to_string()));
    assert_eq!(after, ["s_counter", "s_pid"]);
    // The same process, with its state.
    assert_eq!(c.call_text("s_counter", json!({})), "2");
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
}

#[test]
fn servers_added_removed_and_changed_are_started_stopped_and_restarted() {
    let home = Home::new();
    let old: &[(&str, &[&str])] = &[("a", &[]), ("b", &[]), ("c", &[])];
    let sel = |names: &[&'static str]| -> Vec<(&'static str, &'static str)> {
        names.iter().map(|n| (*n, "")).collect()
    };
    let mut c = started(&home, &yaml(old, &sel(&["a", "b", "c"]), ""));
    let (a, b, cc) = (
        pid_of(&mut c, "a_pid"),
        pid_of(&mut c, "b_pid"),
        pid_of(&mut c, "c_pid"),
    );
    assert_eq!(c.call_text("a_counter", json!({})), "1");
    assert!(c.tool_names().contains(&"b_pid".to_string()));
    // b removed, c's arguments changed, d added.
    let new: &[(&str, &[&str])] = &[("a", &[]), ("c", &["--tag-replies"]), ("d", &[])];
    home.config(&yaml(new, &sel(&["a", "c", "d"]), ""));
    c.notification("notifications/tools/list_changed");
    let tools = wait_tools(&mut c, |t| {
        t.contains(&"d_pid".to_string()) && !t.contains(&"b_pid".to_string())
    });
    assert!(tools.contains(&"c_pid".to_string()), "{tools:?}");
    assert!(
        wait_gone(&[b], LIMIT).is_empty(),
        "the removed server's process ended"
    );
    assert!(
        wait_gone(&[cc], LIMIT).is_empty(),
        "the changed server's old process ended"
    );
    assert_ne!(pid_of(&mut c, "c_pid"), cc, "the changed server runs anew");
    assert!(alive(pid_of(&mut c, "d_pid")));
    assert_eq!(
        pid_of(&mut c, "a_pid"),
        a,
        "the unchanged server kept its process"
    );
    assert_eq!(c.call_text("a_counter", json!({})), "2", "and its state");
    let e = c.stderr();
    assert!(
        e.contains("started d; stopped b; restarted c"),
        "the reload says what it did:\n{e}"
    );
}

#[test]
fn an_invalid_edit_is_logged_with_its_location_and_the_old_catalog_keeps_serving() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let mut c = started(&home, &yaml(servers, &[("s", "")], ""));
    let pid = pid_of(&mut c, "s_pid");
    // An unknown key in the selection.
    home.config(&yaml(servers, &[("s", "toolz: [echo]")], ""));
    let e = wait_stderr(&c, "still serving the previous definition");
    assert!(e.contains("vmcp.yaml:"), "the location is named:\n{e}");
    assert!(e.contains("toolz"), "{e}");
    assert!(c.tool_names().contains(&"s_echo".to_string()));
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
    // A file that is not YAML at all, then a vMCP that is gone: still serving.
    std::fs::write(home.path("vmcp.yaml"), "servers: [\n").unwrap();
    wait_for(LIMIT, || {
        (c.stderr()
            .matches("still serving the previous definition")
            .count()
            >= 2)
            .then_some(())
    })
    .expect("the second bad edit is logged too");
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
    // The next valid edit applies.
    home.config(&yaml(servers, &[("s", "tools: [pid]")], ""));
    let tools = wait_tools(&mut c, |t| t.len() == 1);
    assert_eq!(tools, ["s_pid"]);
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
}

#[test]
fn a_vmcp_that_disappears_keeps_serving_what_it_had() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let mut c = started(&home, &yaml(servers, &[("s", "")], ""));
    let pid = pid_of(&mut c, "s_pid");
    home.config(&format!(
        "servers:\n{}vmcps:\n  other:\n    servers: [s]\n",
        upstream_entry("s", &[])
    ));
    let e = wait_stderr(&c, "still serving the previous definition");
    assert!(e.contains("`v`"), "says which vMCP is missing:\n{e}");
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
}

#[test]
fn sighup_reloads_at_once_and_watch_off_follows_no_edit() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let mut c = started(&home, &yaml(servers, &[("s", "")], "    watch: false\n"));
    wait_stderr(&c, "not following edits");
    let pid = pid_of(&mut c, "s_pid");
    home.config(&yaml(
        servers,
        &[("s", "tools: [pid]")],
        "    watch: false\n",
    ));
    signal(c.pid(), "HUP");
    wait_stderr(&c, "reloaded (SIGHUP)");
    assert_eq!(c.tool_names(), ["s_pid"]);
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
    assert!(alive(c.pid()), "SIGHUP does not stop vmcp stdio");
    assert!(
        !c.stderr().contains("reloaded (the definition changed)"),
        "nothing watched the file:\n{}",
        c.stderr()
    );
}

#[test]
fn no_watch_on_the_command_line_turns_watching_off() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let config = home.config(&yaml(servers, &[("s", "")], ""));
    let mut c = Client::spawn(&config, "v", &["--no-watch"]);
    c.initialize();
    wait_stderr(&c, "not following edits");
    assert!(c.tool_names().contains(&"s_echo".to_string()));
}

#[test]
fn a_store_edit_reaches_a_running_session() {
    let home = Home::new();
    let dir = home.dir.path();
    let add = [
        "server", "add", "s", "--trust", "always", "--", UPSTREAM, "--name", "s",
    ];
    assert_eq!(run_vmcp(&add, dir).0, 0);
    assert_eq!(run_vmcp(&["vmcp", "create", "v", "-s", "s"], dir).0, 0);
    let mut c = Client::spawn_home(dir, "v");
    c.initialize();
    let pid = pid_of(&mut c, "s_pid");
    assert!(c.tool_names().contains(&"s_echo".to_string()));
    let (code, _, err) = run_vmcp(&["vmcp", "rename-tool", "v", "s", "echo", "say"], dir);
    assert_eq!(code, 0, "{err}");
    c.notification("notifications/tools/list_changed");
    wait_tools(&mut c, |t| t.contains(&"say".to_string()));
    let (code, _, err) = run_vmcp(&["vmcp", "filter", "v", "s", "--tools", "echo,pid"], dir);
    assert_eq!(code, 0, "{err}");
    let tools = wait_tools(&mut c, |t| t.len() == 2);
    assert_eq!(tools, ["say", "s_pid"]);
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
}

#[test]
fn an_in_flight_call_to_a_removed_server_ends_with_a_clear_tool_error() {
    let home = Home::new();
    let events = home.path("b-events");
    let events_arg = events.display().to_string();
    let b_args: &[&str] = &["--events", &events_arg];
    let mut c = started(
        &home,
        &yaml(&[("a", &[]), ("b", b_args)], &[("a", ""), ("b", "")], ""),
    );
    c.call_text_when_up("b_echo", &json!({"text": "up"}), LIMIT);
    // Far longer than a removed server's requests may take to finish.
    let id = c.send_request(
        "tools/call",
        json!({"name": "b_slow", "arguments": {"ms": 600_000}}),
    );
    home.wait_event("b-events", "slow started");
    home.config(&yaml(&[("a", &[])], &[("a", "")], ""));
    let resp = c.response(&json!(id));
    let result: &Value = &resp["result"];
    assert_eq!(result["isError"], true, "{resp}");
    let text = result["content"][0]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("server `b`") && text.contains("removed from the vMCP"),
        "{text}"
    );
    assert!(!c.tool_names().iter().any(|t| t.starts_with("b_")));
}

#[test]
fn under_stdio_an_edited_scope_restarts_nothing() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let mut c = started(&home, &yaml(servers, &[("s", "")], ""));
    assert!(c.tool_names().contains(&"s_echo".to_string()));
    let pid = pid_of(&mut c, "s_pid");
    assert_eq!(c.call_text("s_counter", json!({})), "1");
    // The filter shows when the edit is applied; the scope means nothing to one session.
    home.config(&yaml(
        servers,
        &[("s", "scope: shared\ntools: [counter, pid]")],
        "",
    ));
    c.notification("notifications/tools/list_changed");
    wait_tools(&mut c, |t| !t.contains(&"s_echo".to_string()));
    assert_eq!(pid_of(&mut c, "s_pid"), pid);
    assert_eq!(c.call_text("s_counter", json!({})), "2");
}

#[test]
fn an_in_flight_call_to_a_removed_server_finishes_before_its_process_stops() {
    let home = Home::new();
    let mut c = started(
        &home,
        &yaml(&[("a", &[]), ("b", &[])], &[("a", ""), ("b", "")], ""),
    );
    let b = pid_of(&mut c, "b_pid");
    // The call stays in flight until the test answers the question it asks.
    let (release, gate) = std::sync::mpsc::channel::<()>();
    let gate = std::sync::Mutex::new(gate);
    *c.responder.lock().unwrap() = std::sync::Arc::new(move |method: &str, _: &Value| {
        (method == "elicitation/create").then(|| {
            let _ = gate.lock().unwrap().recv_timeout(LIMIT);
            json!({"action": "accept", "content": {"name": "Ada"}})
        })
    });
    let id = c.send_request(
        "tools/call",
        json!({"name": "b_elicit", "arguments": {"message": "who?"}}),
    );
    let asked = c.server_requests.clone();
    wait_for(LIMIT, || {
        asked
            .lock()
            .unwrap()
            .iter()
            .any(|(m, _)| m == "elicitation/create")
            .then_some(())
    })
    .expect("the call asks its question");
    home.config(&yaml(&[("a", &[])], &[("a", "")], ""));
    wait_stderr(&c, "stopped b");
    assert!(
        alive(b),
        "the removed server still serves the call in flight"
    );
    release.send(()).unwrap();
    let resp = c.response(&json!(id));
    assert_ne!(resp["result"]["isError"], true, "{resp}");
    let text = resp["result"]["content"][0]["text"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains("Ada"), "the call completed: {resp}");
    assert!(
        wait_gone(&[b], LIMIT).is_empty(),
        "then the removed server's process ends"
    );
    assert!(!c.tool_names().iter().any(|t| t.starts_with("b_")));
}

#[test]
fn a_session_started_from_a_warm_catalog_cache_keeps_its_upstream_across_an_edit() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    // A first session fills the catalog cache (what the server offered, the revision it spoke).
    let mut first = started(&home, &yaml(servers, &[("s", "")], ""));
    pid_of(&mut first, "s_pid");
    first.close_stdin();
    first.wait_exit(LIMIT).expect("the first session ends");
    let mut c = started(&home, &yaml(servers, &[("s", "")], ""));
    let pid = pid_of(&mut c, "s_pid");
    home.config(&yaml(servers, &[("s", "tools: [counter, pid]")], ""));
    wait_tools(&mut c, |t| t.len() == 2);
    assert_eq!(
        pid_of(&mut c, "s_pid"),
        pid,
        "a filter restarted the server"
    );
    assert!(!c.stderr().contains("restarted s"), "{}", c.stderr());
}

#[test]
fn an_unrelated_store_write_reloads_a_vmcp_with_custom_items_without_a_change() {
    let home = Home::new();
    // The definition is in a file of its own, so `server add` writes to the store.
    let defs = home.path("defs.yaml");
    let text = format!(
        "servers:\n{}vmcps:\n  v:\n    servers:\n      s: {{}}\n    tools:\n      - name: hello\n        kind: prompt\n        template: hello\n",
        upstream_entry("s", &[])
    );
    std::fs::write(&defs, text).unwrap();
    let mut c = Client::spawn(&defs, "v", &[]);
    c.initialize();
    pid_of(&mut c, "s_pid");
    assert!(c.tool_names().contains(&"hello".to_string()));
    c.backlog.clear();
    let add = [
        "server", "add", "other", "--trust", "always", "--", UPSTREAM, "--name", "other",
    ];
    let (code, _, err) = run_vmcp(&add, home.dir.path());
    assert_eq!(code, 0, "{err}");
    let e = wait_stderr(&c, "reloaded (the definition changed)");
    assert!(e.contains("nothing changed"), "{e}");
    assert!(!e.contains("vMCP settings applied"), "{e}");
    c.tool_names();
    assert!(
        !c.backlog
            .iter()
            .any(|m| m["method"] == "notifications/tools/list_changed"),
        "{:?}",
        c.backlog
    );
}

#[test]
fn rapid_successive_saves_apply_once() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("s", &[])];
    let mut c = started(&home, &yaml(servers, &[("s", "")], ""));
    pid_of(&mut c, "s_pid");
    c.tool_names();
    c.backlog.clear();
    // An editor's or a script's burst: each save differs from the last.
    for tools in [
        "echo",
        "echo, add",
        "echo, add, slow",
        "pid, counter",
        "pid",
    ] {
        home.config(&yaml(servers, &[("s", &format!("tools: [{tools}]"))], ""));
    }
    wait_stderr(&c, "reloaded (the definition changed)");
    assert_eq!(c.tool_names(), ["s_pid"]);
    // The list above was answered after the reload announced its change.
    let changes = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "notifications/tools/list_changed")
        .count();
    assert_eq!(changes, 1, "{:?}", c.backlog);
    assert_eq!(
        c.stderr()
            .matches("reloaded (the definition changed)")
            .count(),
        1,
        "{}",
        c.stderr()
    );
}

#[test]
fn a_server_added_by_a_reload_is_listed_from_the_catalog_cache_while_it_starts() {
    let home = Home::new();
    // `t` starts at once while the marker exists, and takes a minute once it is gone.
    let marker = home.path("t-started");
    std::fs::write(&marker, "").unwrap();
    let marker = marker.display().to_string();
    let t_args: &[&str] = &["--startup-delay-ms", "60000", "--slow-once", &marker];
    let definition = |v_servers: &str| {
        format!(
            "servers:\n{}{}vmcps:\n  v:\n    servers: [{v_servers}]\n  w:\n    servers: [t]\n",
            upstream_entry("s", &[]),
            upstream_entry("t", t_args)
        )
    };
    home.config(&definition("s"));
    // A session of `w` leaves what `t` offers in the catalog cache.
    let mut w = home.client("w");
    w.initialize();
    pid_of(&mut w, "t_pid");
    w.close_stdin();
    w.wait_exit(LIMIT).expect("the session of w ends");
    std::fs::remove_file(&marker).unwrap();
    let mut c = started(&home, &definition("s"));
    pid_of(&mut c, "s_pid");
    home.config(&definition("s, t"));
    let tools = wait_tools(&mut c, |t| t.contains(&"t_echo".to_string()));
    assert!(tools.contains(&"s_echo".to_string()), "{tools:?}");
    let e = c.stderr();
    assert!(e.contains("started t"), "{e}");
    assert!(
        !e.contains("upstream ready server=\"t\""),
        "t is still starting:\n{e}"
    );
}
