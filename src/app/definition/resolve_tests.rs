use super::*;
use std::time::Duration;

const TEXT: &str = r#"servers:
  local:
    command: ./bin/server
    args: ["--token", "${env:TOKEN}"]
    env: { LEVEL: "${env:LEVEL:-warn}" }
    cwd: work
    call_timeout: 5s
  remote:
    url: "https://example.com/${env:TENANT}/mcp"
    headers: { Authorization: "Bearer ${env:TOKEN}" }
  unused:
    command: x
    env: { SECRET: "${env:NOT_SET_ANYWHERE}" }
vmcps:
  mine:
    instructions: hello
    servers:
      local: {}
      remote: { prefix: r }
"#;

fn env(name: &str) -> Option<String> {
    match name {
        "TOKEN" => Some("t0k".into()),
        "TENANT" => Some("acme".into()),
        "PATH" => Some("/usr/bin".into()),
        "HOME" => Some("/home/me".into()),
        "AWS_SECRET_ACCESS_KEY" => Some("leak".into()),
        _ => None,
    }
}

fn plan(doc: &Document, env: EnvLookup<'_>) -> Result<crate::session::SessionPlan, ConfigError> {
    session_plan(&Definition::from_document(doc, "mine")?, env, None)
}

fn doc() -> Document {
    Document::parse(Path::new("/etc/vmcp/vmcp.yaml"), TEXT).unwrap()
}

#[test]
fn resolves_only_the_selected_servers() {
    let plan = plan(&doc(), &env).unwrap();
    assert_eq!(plan.instructions.as_deref(), Some("hello"));
    let names: Vec<&str> = plan
        .servers
        .iter()
        .map(|s| s.upstream.name.as_str())
        .collect();
    assert_eq!(names, vec!["local", "remote"]);
    assert_eq!(plan.servers[0].prefix, "local");
    assert_eq!(plan.servers[1].prefix, "r");
}

#[test]
fn stdio_servers_get_expanded_args_and_an_allowlisted_env() {
    let plan = plan(&doc(), &env).unwrap();
    let local = &plan.servers[0].upstream;
    assert_eq!(local.call_timeout, Duration::from_secs(5));
    let TransportPlan::Stdio(s) = &local.transport else {
        panic!("stdio expected")
    };
    assert_eq!(s.program, "/etc/vmcp/./bin/server");
    assert_eq!(s.args, vec!["--token", "t0k"]);
    assert_eq!(s.cwd.as_deref(), Some(Path::new("/etc/vmcp/work")));
    assert_eq!(s.env.get("LEVEL").map(String::as_str), Some("warn"));
    assert_eq!(s.env.get("PATH").map(String::as_str), Some("/usr/bin"));
    assert!(
        !s.env.contains_key("AWS_SECRET_ACCESS_KEY"),
        "{:?}",
        s.env.keys()
    );
}

#[test]
fn http_servers_get_expanded_url_and_headers() {
    let plan = plan(&doc(), &env).unwrap();
    let TransportPlan::Http(h) = &plan.servers[1].upstream.transport else {
        panic!("http expected")
    };
    assert_eq!(h.url, "https://example.com/acme/mcp");
    assert_eq!(
        h.headers,
        vec![("Authorization".to_string(), "Bearer t0k".to_string())]
    );
}

#[test]
fn missing_variables_are_located() {
    let none = |_: &str| None;
    let err = plan(&doc(), &none).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("/etc/vmcp/vmcp.yaml:4:23: servers.local.args[1]: environment variable `TOKEN` is not set"),
        "{text}"
    );
    assert!(text.contains("servers.remote.url"), "{text}");
}

#[test]
fn static_credentials_become_headers_and_stay_out_of_debug() {
    let text = r#"servers:
  b:
    url: http://x/mcp
    auth: { bearer_token: "${env:TOKEN}" }
  p:
    url: http://x/mcp
    auth: { basic: { user: me, password: "${env:TOKEN}" } }
  k:
    url: http://x/mcp
    auth: { api_key: { header: X-Api-Key, value: "${env:TOKEN}" } }
vmcps:
  mine:
    servers: [b, p, k]
"#;
    let doc = Document::parse(Path::new("/etc/vmcp/vmcp.yaml"), text).unwrap();
    let plan = plan(&doc, &env).unwrap();
    let headers: Vec<Vec<(String, String)>> = plan
        .servers
        .iter()
        .map(|s| match &s.upstream.transport {
            TransportPlan::Http(h) => h.headers.clone(),
            TransportPlan::Stdio(_) => panic!("http expected"),
        })
        .collect();
    let h = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
    // BTreeMap order: b, k, p.
    assert_eq!(headers[0], h("Authorization", "Bearer t0k"));
    assert_eq!(headers[1], h("X-Api-Key", "t0k"));
    assert_eq!(headers[2], h("Authorization", "Basic bWU6dDBr"));
    let debug = format!("{:?}", plan.servers);
    assert!(
        !debug.contains("t0k") && !debug.contains("bWU6dDBr"),
        "{debug}"
    );
    // A missing variable is located at the credential.
    let none = |_: &str| None;
    let err = session_plan(
        &Definition::from_document(&doc, "mine").unwrap(),
        &none,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("/etc/vmcp/vmcp.yaml:4:")
            && err.contains("servers.b.auth.bearer_token: environment variable `TOKEN` is not set"),
        "{err}"
    );
}
