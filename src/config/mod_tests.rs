use super::*;

fn parse(text: &str) -> Result<Document, ConfigError> {
    Document::parse(Path::new("vmcp.yaml"), text)
}

fn first_diag(err: ConfigError) -> Diagnostic {
    match err {
        ConfigError::Invalid(mut d) => d.remove(0),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

const FULL: &str = r#"
servers:
  time:
    command: python3
    args: ["-m", "mcp_server_time", --local-timezone=UTC, 8080]
    env: { LOG_LEVEL: "warn", PORT: 3000, TOKEN: "${env:MY_TOKEN}" }
    cwd: /some/dir
    startup_timeout: 10s
  everything:
    type: stdio
    command: npx
    args: ["-y", "@modelcontextprotocol/server-everything"]
  remote:
    url: http://127.0.0.1:8080/mcp
    headers: { Authorization: "Bearer ${env:REMOTE_TOKEN}" }
    call_timeout: 2m
vmcps:
  mytools:
    description: Tools for my daily work
    instructions: "Be nice."
    servers:
      time: {}
      remote:
      everything:
        prefix: ev
        tools: ["echo", "get-*"]
        exclude_tools: ["*long*"]
        rename: { echo: say }
        describe: { echo: "Repeat a message back" }
        prompts: ["*"]
        resources: ["*"]
  short:
    servers: [time, everything]
"#;

#[test]
fn parses_the_documented_example() {
    let doc = parse(FULL).unwrap();
    let f = &doc.file;
    assert_eq!(f.servers.len(), 3);
    let time = &f.servers["time"];
    assert_eq!(time.args[3].as_str(), "8080");
    assert_eq!(time.env["PORT"].as_str(), "3000");
    assert_eq!(
        time.startup_timeout.map(duration::ConfigDuration::get),
        Some(std::time::Duration::from_secs(10))
    );
    let mine = doc.vmcp("mytools").unwrap();
    assert_eq!(mine.servers.0.len(), 3);
    assert_eq!(mine.servers.0["remote"], Selection::default());
    let ev = &mine.servers.0["everything"];
    assert_eq!(ev.prefix.as_deref(), Some("ev"));
    assert_eq!(ev.rename["echo"], "say");
    assert_eq!(
        doc.vmcp("short")
            .unwrap()
            .servers
            .0
            .keys()
            .collect::<Vec<_>>(),
        vec!["everything", "time"]
    );
}

#[test]
fn accepts_claude_desktop_mcp_servers_block() {
    let text = r#"{"mcpServers": {"fs": {"command": "npx", "args": ["-y", "x"], "env": {}}}}"#;
    let doc = parse(text).unwrap();
    assert!(doc.file.servers.contains_key("fs"));
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let text =
        "servers:\n  a:\n    command: x\nvmcps:\n  v:\n    servers:\n      a:\n        tool: [x]\n";
    let d = first_diag(parse(text).unwrap_err());
    assert_eq!(d.position, Some(locate::Position { line: 8, column: 9 }));
    assert!(
        d.message.starts_with("unknown field `tool`"),
        "{}",
        d.message
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `tools`?"));
    assert_eq!(d.path, "vmcps.v.servers.a");
}

#[test]
fn syntax_errors_are_located() {
    let d = first_diag(parse("servers:\n  a: [\n").unwrap_err());
    assert!(d.position.is_some(), "{d}");
}

#[test]
fn semantic_errors_are_located() {
    let text = "servers:\n  a:\n    command: x\nvmcps:\n  v:\n    servers:\n      b: {}\n";
    let d = first_diag(parse(text).unwrap_err());
    assert_eq!(d.position, Some(locate::Position { line: 7, column: 7 }));
    assert_eq!(d.message, "unknown server `b`");
    assert_eq!(
        d.to_string(),
        "vmcp.yaml:7:7: vmcps.v.servers.b: unknown server `b`\n  hint: did you mean `a`?"
    );
}

#[test]
fn reports_every_problem() {
    let text = "servers:\n  a: {}\n  b:\n    url: ftp://x\n";
    match parse(text).unwrap_err() {
        ConfigError::Invalid(d) => assert_eq!(d.len(), 2, "{d:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_vmcp_lists_and_suggests() {
    let doc = parse(FULL).unwrap();
    let err = doc.vmcp("mytols").unwrap_err().to_string();
    assert!(err.contains("no vMCP named `mytols`"), "{err}");
    assert!(err.contains("defined: mytools, short"), "{err}");
    assert!(err.contains("did you mean `mytools`?"), "{err}");
}

#[test]
fn duplicate_alias_keys_are_rejected() {
    let text = "servers: {}\nmcpServers: {}\n";
    let d = first_diag(parse(text).unwrap_err());
    assert!(d.message.contains("duplicate field"), "{}", d.message);
}

#[test]
fn a_repeated_key_is_located_where_it_is_written_again() {
    // serde_yaml reports the start of the mapping (1:1 here); the mistake is at line 6.
    let text =
        "servers:\n  up: {command: x}\nvmcps:\n  daily:\n    servers: [up]\nvmcps:\n  b: {}\n";
    let d = first_diag(parse(text).unwrap_err());
    assert!(
        d.message.contains("duplicate field `vmcps`"),
        "{}",
        d.message
    );
    assert_eq!(
        d.position,
        Some(locate::Position { line: 6, column: 1 }),
        "{d:?}"
    );
    // A server named twice: the second name.
    let text = "servers:\n  up: {command: x}\n  other: {command: y}\n  up: {command: z}\n";
    let d = first_diag(parse(text).unwrap_err());
    assert!(
        d.message
            .contains("`up` is written twice in the same mapping (first at line 2, column 3)"),
        "{}",
        d.message
    );
    assert_eq!(d.path, "servers.up");
    assert_eq!(
        d.position,
        Some(locate::Position { line: 4, column: 3 }),
        "{d:?}"
    );
}

#[test]
fn empty_file_is_an_empty_config() {
    assert_eq!(parse("  \n").unwrap().file, ConfigFile::default());
}

#[test]
fn auth_errors_are_located() {
    let text = "servers:\n  a:\n    url: http://x/mcp\n    auth:\n      bearer_token: t\n      basic: { user: u, password: p }\n";
    let d = first_diag(parse(text).unwrap_err());
    assert_eq!(d.position, Some(locate::Position { line: 6, column: 7 }));
    assert!(d.message.contains("both `bearer_token` and `basic`"), "{d}");
    let text = "servers:\n  a:\n    url: http://x/mcp\n    auth:\n      api_key: { header: X-Key, valu: p }\n";
    let d = first_diag(parse(text).unwrap_err());
    assert!(d.position.is_some(), "{d}");
    assert!(d.to_string().contains("valu"), "{d}");
    let text = "servers:\n  a:\n    command: x\n    auth: { bearer_token: t }\n";
    let d = first_diag(parse(text).unwrap_err());
    assert_eq!(d.position, Some(locate::Position { line: 4, column: 5 }));
    assert!(
        d.message
            .contains("only applies to servers reached by `url`"),
        "{d}"
    );
    let text = "servers:\n  a:\n    url: http://x/mcp\n    headers: { authorization: x }\n    auth: { bearer_token: t }\n";
    let d = first_diag(parse(text).unwrap_err());
    assert!(d.message.contains("which `headers` sets too"), "{d}");
}

#[test]
fn protocol_choices_and_their_aliases() {
    let cases = [
        ("auto", ProtocolChoice::Auto),
        ("2026-07-28", ProtocolChoice::Modern),
        ("modern", ProtocolChoice::Modern),
        ("\"2025-11-25\"", ProtocolChoice::Legacy),
        ("legacy", ProtocolChoice::Legacy),
    ];
    for (written, expected) in cases {
        let doc = parse(&format!(
            "servers:\n  a:\n    command: x\n    protocol: {written}\n"
        ))
        .unwrap();
        assert_eq!(doc.file.servers["a"].protocol, Some(expected), "{written}");
    }
    assert_eq!(parse(FULL).unwrap().file.servers["time"].protocol, None);
    let d = first_diag(
        parse("servers:\n  a:\n    command: x\n    protocol: 2025-06-18\n").unwrap_err(),
    );
    assert_eq!(d.position.map(|p| p.line), Some(4), "{d}");
    assert!(
        d.message.contains("2025-06-18") && d.message.contains("2026-07-28"),
        "{d}"
    );
}
