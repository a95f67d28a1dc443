//! Sessions with OAuth upstreams: stored tokens used lazily, refreshed before expiry and after a
//! 401, rotated refresh tokens kept safe across processes, and clear errors when login is needed.

use std::time::Duration;

use serde_json::{Value, json};

use crate::auth::{auth_rows, start_http, start_login};
use crate::harness::{Client, Home, run_vmcp, upstream_entry, wait_for};

fn logged_in(home: &Home, name: &str) {
    let (code, out) = start_login(home, name, &[], &[]).approve(|l| l);
    assert_eq!(code, 0, "{out}");
}

fn refreshes(home: &Home, log: &str) -> usize {
    home.events(log)
        .iter()
        .filter(|l| l.contains("token issued refresh"))
        .count()
}

#[test]
fn tokens_are_refreshed_before_expiry_and_once_after_a_401() {
    let home = Home::new();
    // `early` says its tokens last 2 s; `liar` says an hour but rejects them after 2 s.
    let early = start_http(&home, "early", &["--oauth", "--token-ttl", "2"]);
    let liar = start_http(
        &home,
        "liar",
        &["--oauth", "--token-ttl", "2", "--advertise-ttl", "3600"],
    );
    let config = home.config(&format!(
        "servers:\n  early:\n    url: {}\n    trust: always\n  liar:\n    url: {}\n    trust: always\nvmcps:\n  v:\n    servers: [early, liar]\n",
        early.url, liar.url
    ));
    logged_in(&home, "early");
    logged_in(&home, "liar");
    let mut c = Client::spawn(&config, "v", &["-vvv"]);
    c.initialize();
    let names = c.tool_names();
    assert!(
        names.contains(&"early_echo".to_string()) && names.contains(&"liar_echo".to_string()),
        "{names:?}\n{}",
        c.stderr()
    );
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(c.call_text("early_echo", json!({"message": "a"})), "a");
    assert!(
        refreshes(&home, "early.log") >= 1,
        "{:?}",
        home.events("early.log")
    );
    assert_eq!(c.call_text("liar_echo", json!({"message": "b"})), "b");
    home.wait_event("liar.log", "mcp rejected: expired token");
    assert_eq!(
        refreshes(&home, "liar.log"),
        1,
        "{:?}",
        home.events("liar.log")
    );
    c.close_stdin();
    let _ = c.wait_exit(Duration::from_secs(10));
    // Tokens (the test server's are `at-N` and `rt-N`) never reach the logs, even at trace.
    let stderr = c.stderr();
    assert!(stderr.contains("DEBUG"), "{stderr}");
    for (i, _) in stderr.match_indices("t-") {
        let next = stderr[i + 2..].chars().next();
        let before = stderr[..i].chars().last();
        assert!(
            !(matches!(before, Some('a' | 'r')) && next.is_some_and(|c| c.is_ascii_digit())),
            "a token was logged: {}",
            &stderr[i.saturating_sub(40)..(i + 20).min(stderr.len())]
        );
    }
    // The rotated tokens were stored: a new process uses them without a login.
    assert_eq!(auth_rows(&home)[0]["state"], "logged_in");
    let (code, out, err) = run_vmcp(
        &[
            "call",
            "--config",
            config.to_str().unwrap(),
            "--vmcp",
            "v",
            "liar_echo",
            "message=c",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn without_credentials_other_servers_keep_serving_and_calls_say_what_to_run() {
    let home = Home::new();
    let web = start_http(&home, "web", &["--oauth"]);
    let config = home.config(&format!(
        "servers:\n  web:\n    url: {}\n    trust: always\n{}vmcps:\n  v:\n    servers: [web, ok]\n",
        web.url,
        upstream_entry("ok", &[])
    ));
    // Not logged in: `server test` says so, distinctly (exit 9).
    let (code, out, _) = run_vmcp(&["server", "test", "web"], home.dir.path());
    assert_eq!(code, 9, "{out}");
    assert!(
        out.contains("needs login") && out.contains("vmcp login web"),
        "{out}"
    );
    let (code, out, _) = run_vmcp(&["server", "test", "web", "--json"], home.dir.path());
    assert_eq!(code, 9);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["needs_login"], true);
    let mut c = Client::spawn(&config, "v", &[]);
    c.initialize();
    let names = c.tool_names();
    assert!(names.iter().all(|n| n.starts_with("ok_")), "{names:?}");
    assert_eq!(c.call_text("ok_echo", json!({"message": "x"})), "x");
    assert!(c.stderr().contains("vmcp login web"), "{}", c.stderr());
    // Logging in while the session runs brings the server in: its tools appear.
    logged_in(&home, "web");
    c.notification("notifications/tools/list_changed");
    assert!(c.tool_names().contains(&"web_echo".to_string()));
    assert_eq!(c.call_text("web_echo", json!({"message": "in"})), "in");
    c.close_stdin();
    let _ = c.wait_exit(Duration::from_secs(10));

    // Logged in, then logged out mid-session: calls become tool errors naming the fix.
    let mut c = Client::spawn(&config, "v", &[]);
    c.initialize();
    assert_eq!(c.call_text("web_echo", json!({"message": "y"})), "y");
    let (code, _, err) = run_vmcp(&["logout", "web"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    let result = c.call("web_echo", json!({"message": "z"}));
    assert_eq!(result["isError"], true, "{result}");
    let text = result["content"][0]["text"].as_str().unwrap_or_default();
    assert!(text.contains("vmcp login web"), "{result}");
    assert_eq!(c.call_text("ok_echo", json!({"message": "still"})), "still");
    c.close_stdin();
    let _ = c.wait_exit(Duration::from_secs(10));
}

#[test]
fn insufficient_scope_says_how_to_step_up_and_a_new_login_is_picked_up() {
    let home = Home::new();
    let web = start_http(&home, "web", &["--oauth", "--step-up-tool", "add"]);
    let config = home.config(&format!(
        "servers:\n  web:\n    url: {}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n",
        web.url
    ));
    logged_in(&home, "web");
    let mut c = Client::spawn(&config, "v", &[]);
    c.initialize();
    assert_eq!(c.call_text("web_echo", json!({"message": "r"})), "r");
    // A tool error the model can read, naming the fix.
    let result = c.call("web_add", json!({"a": 1, "b": 2}));
    assert_eq!(result["isError"], true, "{result}");
    let err = result["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        err.contains(&format!(
            "vmcp login web --config {} --scope read,write",
            config.display()
        )),
        "{err}"
    );
    // The user steps up while the session runs; the next call uses the new token.
    let (code, out) = start_login(&home, "web", &["--scope", "read,write"], &[]).approve(|l| l);
    assert_eq!(code, 0, "{out}");
    let sum = c.call_text("web_add", json!({"a": 1, "b": 2}));
    assert_eq!(sum, "3");
    c.close_stdin();
    let _ = c.wait_exit(Duration::from_secs(10));
}

#[test]
fn two_processes_refreshing_at_once_keep_the_newest_rotated_token() {
    let home = Home::new();
    let web = start_http(
        &home,
        "web",
        &[
            "--oauth",
            "--multi-session",
            "--token-ttl",
            "2",
            "--token-delay-ms",
            "300",
        ],
    );
    let config = home.config(&format!(
        "servers:\n  web:\n    url: {}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n",
        web.url
    ));
    logged_in(&home, "web");
    let mut a = Client::spawn(&config, "v", &[]);
    let mut b = Client::spawn(&config, "v", &[]);
    for c in [&mut a, &mut b] {
        c.initialize();
        assert_eq!(c.call_text("web_echo", json!({"message": "0"})), "0");
    }
    for round in 1..=2 {
        std::thread::sleep(Duration::from_millis(2300));
        // Both tokens are due: both processes refresh with the same refresh token at once.
        let ia = a.send_request(
            "tools/call",
            json!({"name": "web_echo", "arguments": {"message": "a"}}),
        );
        let ib = b.send_request(
            "tools/call",
            json!({"name": "web_echo", "arguments": {"message": "b"}}),
        );
        let ra = a.response(&json!(ia));
        let rb = b.response(&json!(ib));
        assert_eq!(
            ra["result"]["content"][0]["text"],
            "a",
            "round {round}: {ra}\n{}",
            a.stderr()
        );
        assert_eq!(
            rb["result"]["content"][0]["text"],
            "b",
            "round {round}: {rb}\n{}",
            b.stderr()
        );
    }
    assert!(
        refreshes(&home, "web.log") >= 2,
        "{:?}",
        home.events("web.log")
    );
    for c in [&mut a, &mut b] {
        c.close_stdin();
        let _ = c.wait_exit(Duration::from_secs(10));
    }
    // The stored refresh token is the live one: a later process refreshes with it.
    std::thread::sleep(Duration::from_millis(2300));
    let (code, out, err) = run_vmcp(
        &[
            "call",
            "--config",
            config.to_str().unwrap(),
            "--vmcp",
            "v",
            "web_echo",
            "message=c",
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{out}{err}\n{:?}", home.events("web.log"));
}

#[test]
fn an_expired_token_without_a_refresh_token_means_login() {
    let home = Home::new();
    let web = start_http(
        &home,
        "web",
        &["--oauth", "--token-ttl", "6", "--no-refresh-tokens"],
    );
    let config = home.config(&format!(
        "servers:\n  web:\n    url: {}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n",
        web.url
    ));
    logged_in(&home, "web");
    let mut c = Client::spawn(&config, "v", &[]);
    c.initialize();
    assert_eq!(c.call_text("web_echo", json!({"message": "1"})), "1");
    // The token lives 6 s (long enough for a loaded machine to get the first call through);
    // wait until vmcp itself sees it expired rather than sleeping a fixed time.
    let expired = wait_for(Duration::from_secs(20), || {
        (auth_rows(&home)[0]["state"] == "expired").then_some(())
    });
    assert!(
        expired.is_some(),
        "the token never expired: {}",
        auth_rows(&home)
    );
    let result = c.call("web_echo", json!({"message": "2"}));
    assert_eq!(result["isError"], true, "{result}");
    let text = result["content"][0]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("no refresh token") && text.contains("vmcp login web"),
        "{result}"
    );
    let row = &auth_rows(&home)[0];
    assert_eq!(row["state"], "expired", "{row}");
    assert_eq!(row["refreshable"], false, "{row}");
    // The command it names works as printed: it carries the server's name.
    let (_, out, _) = run_vmcp(&["auth", "status"], home.dir.path());
    assert!(out.contains("expired (run `vmcp login web`)"), "{out}");
    c.close_stdin();
    let _ = c.wait_exit(Duration::from_secs(10));
}

/// The words of a command as a POSIX shell splits it (single quotes only, as vmcp's hints quote).
fn shell_words(command: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in command.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

#[test]
fn a_server_of_a_definition_file_logs_in_with_the_command_check_prints() {
    let home = Home::new();
    let web = start_http(&home, "web", &["--oauth"]);
    let dir = home.path("my defs");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("remote.yaml");
    std::fs::write(
        &file,
        format!(
            "servers:\n  web:\n    url: {}\nvmcps:\n  v:\n    servers: [web]\n",
            web.url
        ),
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let (code, out, _) = run_vmcp(&["check", "--config", f], home.dir.path());
    assert_eq!(code, 1, "{out}");
    let hint = out
        .split('`')
        .find(|s| s.starts_with("vmcp login "))
        .unwrap_or_else(|| panic!("no login hint in {out}"));
    assert_eq!(hint, format!("vmcp login web --config '{f}'"));
    let words = shell_words(hint);
    let args: Vec<&str> = words[3..].iter().map(String::as_str).collect();
    let (code, out) = start_login(&home, &words[2], &args, &[]).approve(|l| l);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run_vmcp(&["check", "--config", f], home.dir.path());
    assert_eq!(code, 0, "logged in, the check passes:\n{out}");
}

#[test]
fn a_server_without_stored_credentials_reads_the_store_once_not_per_request() {
    let home = Home::new();
    let web = start_http(&home, "web", &[]);
    let config = home.config(&format!(
        "servers:\n  web:\n    url: {}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n",
        web.url
    ));
    let mut c = Client::spawn(&config, "v", &[]);
    c.initialize();
    assert_eq!(c.call_text("web_echo", json!({"message": "a"})), "a");
    // The session has looked for credentials and found none. A store that cannot be read from
    // now on shows whether it is read again for every request: each read would warn.
    std::fs::write(home.path("vmcp.redb"), b"not a redb file").unwrap();
    for m in ["b", "c", "d"] {
        assert_eq!(c.call_text("web_echo", json!({"message": m})), m);
    }
    let warned = c.stderr().matches("cannot read credentials").count();
    assert_eq!(warned, 0, "{}", c.stderr());
    c.close_stdin();
    let _ = c.wait_exit(Duration::from_secs(10));
}
