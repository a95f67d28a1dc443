//! A secret given as `${env:…}` never leaves vmcp: hunted in every output stream (stdout,
//! stderr, the log file, `--json`) of every command that may print it — for a server URL holding
//! it in user info, path and query, and for an `http` tool whose URL, query, headers and
//! credentials hold it, against a server that echoes the request back.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::harness::{self, HANDSHAKE, Home};

const SECRET: &str = "s3cr3tSENTINEL42";
const VAR: &str = "VMCP_TEST_SECRET";

/// One run of `vmcp ARGS` with the secret in the environment and `stdin` piped in, logging to
/// a file as well: (exit code, stdout, stderr + log file).
fn run(home: &Home, args: &[&str], stdin: &str) -> (i32, String, String) {
    let log = home.path("vmcp.log");
    let _ = std::fs::remove_file(&log);
    let out = harness::vmcp(home)
        .arg("--log-file")
        .arg(&log)
        .args(args)
        .env(VAR, SECRET)
        .stdin(stdin)
        .run();
    let mut err = out.stderr;
    err.push_str(&std::fs::read_to_string(&log).unwrap_or_default());
    (out.code, out.stdout, err)
}

/// Runs `args`, asserts the secret is nowhere in what it printed or logged, and returns it all.
fn hunt(home: &Home, args: &[&str], stdin: &str) -> String {
    let (code, out, err) = run(home, args, stdin);
    let all = format!("{out}{err}");
    assert!(
        !all.contains(SECRET),
        "`vmcp {}` (exit {code}) printed the secret:\n{all}",
        args.join(" ")
    );
    all
}

fn session_calling(tool: &str, args: &str) -> String {
    format!(
        "{HANDSHAKE}{}\n",
        serde_json::json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": tool, "arguments": serde_json::from_str::<serde_json::Value>(args).unwrap()}})
    )
}

#[test]
fn a_secret_in_a_server_url_is_never_printed() {
    let home = Home::new();
    // Port 9 on loopback refuses connections: every command fails and says where it tried.
    let url = format!(
        "http://me:${{env:{VAR}}}@127.0.0.1:9/p/${{env:{VAR}}}/mcp?api_key=${{env:{VAR}}}#${{env:{VAR}}}"
    );
    home.config(&format!(
        "servers:\n  r:\n    url: \"{url}\"\n    trust: always\n  s:\n    url: \"{url}\"\n    transport: sse\n    trust: always\nvmcps:\n  v:\n    servers: [r, s]\n"
    ));
    let shown = format!("http://127.0.0.1:9/p/${{env:{VAR}}}/mcp");
    let mut all = String::new();
    for args in [
        &["check"][..],
        &["check", "--json"],
        &["-vvv", "check"],
        &["server", "test", "r"],
        &["server", "test", "r", "--json"],
        &["-vvv", "server", "test", "s", "--json"],
        &["tools", "list", "--vmcp", "v"],
        &["tools", "list", "--vmcp", "v", "--json"],
        &["call", "--vmcp", "v", "r_echo", "message=hi"],
        &["call", "--vmcp", "v", "r_echo", "message=hi", "--json"],
        &["doctor", "--json"],
        &["server", "show", "r", "--json"],
    ] {
        all.push_str(&hunt(&home, args, ""));
    }
    for args in [
        &["stdio", "--vmcp", "v"][..],
        &["-vvv", "stdio", "--vmcp", "v"],
    ] {
        all.push_str(&hunt(
            &home,
            args,
            &session_calling("r_echo", r#"{"message":"hi"}"#),
        ));
    }
    // The messages still say where vmcp tried: the URL as the definition wrote it, cut.
    assert!(all.contains(&format!("cannot reach {shown}")), "{all}");
    for line in all.lines().filter(|l| l.contains("cannot reach")) {
        assert!(!line.contains("api_key") && !line.contains("me:"), "{line}");
    }
}

/// A server that answers every request 401 with the request's head (line and headers) as the
/// body, as some APIs do in their errors. Returns its port.
fn echo_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut head = String::new();
            let mut reader = BufReader::new(conn.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                head.push_str(&line);
                line.clear();
            }
            let _ = write!(
                conn,
                "HTTP/1.1 401 Unauthorized\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{head}",
                head.len()
            );
        }
    });
    port
}

#[test]
fn a_secret_in_an_http_tool_is_never_printed_nor_given_to_the_model() {
    let home = Home::new();
    let port = echo_server();
    home.config(&format!(
        r#"servers: {{}}
vmcps:
  v:
    servers: []
    config: {{ KEY: "${{env:{VAR}}}" }}
    tools:
      - name: get
        kind: http
        params: {{ q: {{ type: string }} }}
        request:
          url: "http://127.0.0.1:{port}/x/{{{{ config.KEY }}}}?key={{{{ config.KEY }}}}"
          query: {{ q: "{{{{ param.q }}}}", k2: "{{{{ config.KEY }}}}" }}
          headers: {{ X-Custom: "v {{{{ config.KEY }}}}" }}
          auth: {{ api_key: {{ in: query, name: api_key, value: "{{{{ config.KEY }}}}" }} }}
      - name: down
        kind: http
        request:
          url: "http://u:{{{{ config.KEY }}}}@127.0.0.1:9/?key={{{{ config.KEY }}}}"
          auth: {{ bearer: "{{{{ config.KEY }}}}" }}
"#
    ));
    for args in [
        &["tool", "test", "--vmcp", "v", "get", "q=hi"][..],
        &["tool", "test", "--vmcp", "v", "get", "q=hi", "--json"],
        &["tool", "test", "--vmcp", "v", "down"],
        &["-vvv", "tool", "test", "--vmcp", "v", "down", "--json"],
        &["call", "--vmcp", "v", "get", "q=hi"],
        &["call", "--vmcp", "v", "down", "--json"],
        &["tool", "test", "--vmcp", "v", "down", "--render-only"],
    ] {
        hunt(&home, args, "");
    }
    // The server echoed the secret back: the tool error says 401, with the secret hidden.
    let all = hunt(&home, &["call", "--vmcp", "v", "get", "q=hi"], "");
    assert!(
        all.contains("answered 401") && all.contains("<hidden>"),
        "{all}"
    );
    // Through stdio, the tool result the model reads.
    for (tool, args) in [("get", r#"{"q":"hi"}"#), ("down", "{}")] {
        let all = hunt(
            &home,
            &["stdio", "--vmcp", "v"],
            &session_calling(tool, args),
        );
        assert!(all.contains(r#""isError":true"#), "{all}");
    }
    // --render-only: the URL without user info or query, the query apart, secrets hidden.
    let (code, out, err) = run(
        &home,
        &[
            "tool",
            "test",
            "--vmcp",
            "v",
            "get",
            "q=hi",
            "--render-only",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["url"], format!("http://127.0.0.1:{port}/x/<hidden>"));
    assert_eq!(
        shown["query"],
        serde_json::json!([
            ["key", "<hidden>"],
            ["k2", "<hidden>"],
            ["q", "hi"],
            ["api_key", "<hidden>"]
        ])
    );
    assert_eq!(shown["headers"]["x-custom"], "v <hidden>");
    assert!(!out.contains(SECRET), "{out}");
    let (_, out, _) = run(
        &home,
        &["tool", "test", "--vmcp", "v", "down", "--render-only"],
        "",
    );
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["url"], "http://127.0.0.1:9/");
}

#[test]
fn server_list_and_show_hide_a_urls_user_info_and_query_unless_asked() {
    let home = Home::new();
    home.config(
        "servers:\n  r:\n    url: \"https://me:hunter2@example.com/mcp?api_key=k3y\"\nvmcps: {}\n",
    );
    for args in [
        &["server", "list"][..],
        &["server", "list", "--json"],
        &["server", "show", "r"],
        &["server", "show", "r", "--json"],
        &["doctor", "--json"],
    ] {
        let (_, out, err) = run(&home, args, "");
        assert!(
            !out.contains("hunter2")
                && !out.contains("k3y")
                && out.contains("https://example.com/mcp"),
            "{args:?}: {out}{err}"
        );
    }
    let (_, out, _) = run(&home, &["server", "show", "r", "--show-secrets"], "");
    assert!(
        out.contains("https://me:hunter2@example.com/mcp?api_key=k3y"),
        "{out}"
    );
}

#[test]
fn settings_list_hides_a_registry_urls_credentials() {
    let home = Home::new();
    let url = format!("https://me:{SECRET}@registry.example/base?token={SECRET}");
    let (code, _, err) = run(&home, &["settings", "set", "registry.url", &url], "");
    assert_eq!(code, 0, "{err}");
    for args in [&["settings", "list"][..], &["settings", "list", "--json"]] {
        let all = hunt(&home, args, "");
        assert!(all.contains("https://registry.example/base"), "{all}");
    }
}
