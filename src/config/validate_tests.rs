use super::*;
use crate::config::model::{Selection, Selections};

fn server_cmd() -> ServerConfig {
    ServerConfig {
        command: Some("python3".into()),
        ..ServerConfig::default()
    }
}

fn messages(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| i.message.clone()).collect()
}

#[test]
fn server_transport_rules() {
    let cases: Vec<(ServerConfig, &str)> = vec![
        (ServerConfig::default(), "has neither `command` nor `url`"),
        (
            ServerConfig {
                url: Some("http://x/mcp".into()),
                ..server_cmd()
            },
            "has both `command` and `url`",
        ),
        (
            ServerConfig {
                url: Some("ftp://x".into()),
                ..ServerConfig::default()
            },
            "is not an http:// or https:// URL",
        ),
        (
            ServerConfig {
                transport: Some(TransportType::Sse),
                command: Some("server".into()),
                ..ServerConfig::default()
            },
            "`type: sse` needs `url`",
        ),
        (
            ServerConfig {
                url: Some("http://x/mcp".into()),
                cwd: Some("/tmp".into()),
                ..ServerConfig::default()
            },
            "`cwd` only applies",
        ),
    ];
    for (server, want) in cases {
        let got = messages(&validate_server("s", &server));
        assert!(got.iter().any(|m| m.contains(want)), "{want}: {got:?}");
    }
    assert!(validate_server("s", &server_cmd()).is_empty());
}

#[test]
fn vmcp_references_and_renames() {
    let mut file = ConfigFile::default();
    file.servers.insert("time".into(), server_cmd());
    file.servers.insert("everything".into(), server_cmd());
    let mut sel_a = Selection::default();
    sel_a.rename.insert("echo".into(), "say".into());
    let mut sel_b = Selection::default();
    sel_b.rename.insert("now".into(), "say".into());
    sel_b.prefix = Some("bad prefix".into());
    let mut servers = BTreeMap::new();
    servers.insert("everything".into(), sel_a);
    servers.insert("time".into(), sel_b);
    servers.insert("tme".into(), Selection::default());
    let v = VmcpConfig {
        servers: Selections(servers),
        ..VmcpConfig::default()
    };
    let issues = validate_vmcp(&file, "mine", &v);
    let got = messages(&issues);
    assert!(got.iter().any(|m| m == "unknown server `tme`"), "{got:?}");
    let unknown = issues.iter().find(|i| i.message.contains("tme")).unwrap();
    assert_eq!(unknown.hint.as_deref(), Some("did you mean `time`?"));
    assert!(
        got.iter().any(|m| m.contains("both renamed to `say`")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|m| m.contains("prefix `bad prefix`")),
        "{got:?}"
    );
}
