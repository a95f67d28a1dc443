use super::*;
use crate::app::clients::Client;
use serde_json::json;

#[test]
fn claude_desktop_block_converts_and_skips_what_cannot_work() {
    let cfg = json!({"mcpServers": {
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], "env": {"DEBUG": 1}},
        "remote api": {"type": "http", "url": "https://example.com/mcp", "headers": {"X-Key": "${env:KEY}"}},
        "old": {"url": "https://example.com/sse"},
        "vs": {"command": "node", "args": ["${workspaceFolder}/server.js"]},
        "broken": {"args": []}
    }});
    let c = from_client(Client::ClaudeDesktop, &cfg);
    let names: Vec<&String> = c.file.servers.keys().collect();
    assert_eq!(names, vec!["filesystem", "old", "remote-api"]);
    // A URL ending in /sse without a type is the legacy SSE transport.
    assert_eq!(c.file.servers["old"].transport, Some(TransportType::Sse));
    assert_eq!(c.file.servers["remote-api"].transport, None);
    assert_eq!(c.file.servers["filesystem"].env["DEBUG"].as_str(), "1");
    assert_eq!(
        c.file.servers["remote-api"].headers["X-Key"].as_str(),
        "${env:KEY}"
    );
    let notes = c.notes.join("\n");
    assert!(
        notes.contains("`remote api` imported as `remote-api`"),
        "{notes}"
    );
    assert!(
        notes.contains("`vs` skipped: it uses `${workspaceFolder}`"),
        "{notes}"
    );
    assert!(
        notes.contains("`broken` skipped: it has neither"),
        "{notes}"
    );
}

#[test]
fn vscode_and_windsurf_use_their_own_keys() {
    let vs = from_client(
        Client::VsCode,
        &json!({"servers": {"a": {"type": "stdio", "command": "x"}}}),
    );
    assert!(vs.file.servers.contains_key("a"));
    let ws = from_client(
        Client::Windsurf,
        &json!({"mcpServers": {"b": {"serverUrl": "https://h/mcp"}}}),
    );
    assert_eq!(ws.file.servers["b"].url.as_deref(), Some("https://h/mcp"));
}

/// The example shape of the research notes (§2.3), trimmed.
fn onexn() -> Value {
    json!({
      "name": "demo", "description": "research vmcp",
      "system_prompt": {"text": "You are @config.BOTNAME"},
      "vmcp_config": {
        "selected_servers": [
          {"name": "Local", "transport_type": "stdio", "server_id": "2134aa2609ceb7fb",
           "command": "/usr/bin/python", "args": ["/srv/upstream.py", "stdio"], "env": {"FOO": "bar"}, "url": null, "headers": {}},
          {"name": "Remote_HTTP", "transport_type": "http", "server_id": "b2f5d08508b129f7", "url": "http://127.0.0.1:9101/mcp", "headers": null,
           "auth": {"type": "bearer", "access_token": "tok-1"}}
        ],
        "selected_tools": {"2134aa2609ceb7fb": ["echo", "add"], "b2f5d08508b129f7": ["echo"]},
        "selected_prompts": {"2134aa2609ceb7fb": ["greet"]},
        "selected_resources": {"2134aa2609ceb7fb": ["config://settings"]},
        "selected_resource_templates": {},
        "selected_tool_overrides": {"2134aa2609ceb7fb": {"echo": {"name": "say", "description": "Renamed echo"}}}
      },
      "custom_tools": [
        {"tool_type": "prompt", "name": "get_sydney_weather", "description": "Fetch the weather", "keywords": ["sydney"],
         "variables": [], "text": "@tool.Local.get_weather(city: str = \"sydney\", unit: str = \"celsius\")"},
        {"tool_type": "python", "name": "count_characters_in_word", "description": "count chars", "keywords": ["strawberry"],
         "variables": [{"name": "word", "description": "the word", "required": true, "type": "str", "default_value": null}],
         "code": "def main(word:str, character:str):\n  return word.count(character)", "imports": [], "dependencies": []},
        {"tool_type": "http", "name": "get_blog_posts", "description": "Get a post",
         "variables": [{"name": "post_id", "description": "id of the post", "required": false, "type": "str"}],
         "api_config": {"method": "GET", "url": "https://jsonplaceholder.typicode.com/posts/@param.post_id",
                        "headers": {"X-Bot": "@config.BOTNAME"}, "query_params": {"lang": "@param.lang"},
                        "body": null, "body_parsed": null,
                        "auth": {"type": "bearer", "token": "@config.API_TOKEN"}}},
        {"tool_type": "python", "name": "no_main", "code": "x = 1"},
        {"tool_type": "prompt", "name": "t"}
      ],
      "custom_prompts": [
        {"name": "introduce", "description": "vars demo",
         "variables": [{"name": "username", "description": "Your name", "required": false}],
         "text": "You are @config.BOTNAME, expert in @config.DOMAIN. User name is @param.username"}
      ],
      "custom_resources": [{"filename": "logo.png"}],
      "environment_variables": [{"name": "BOTNAME", "value": "sitara"}, {"name": "API_TOKEN", "value": "tok-${123}"},
                                {"name": "DOMAIN", "value": "maths"}]
    })
}

#[test]
fn onexn_export_maps_selections_renames_and_prefixes() {
    let c = from_1xn(&onexn());
    let v = &c.file.vmcps["demo"];
    assert_eq!(v.description.as_deref(), Some("research vmcp"));
    assert_eq!(v.instructions.as_deref(), Some("You are @config.BOTNAME"));
    let local = &v.servers.0["Local"];
    assert_eq!(local.prefix.as_deref(), Some("Local"));
    assert_eq!(
        local
            .tools
            .as_ref()
            .unwrap()
            .iter()
            .map(Glob::as_str)
            .collect::<Vec<_>>(),
        vec!["echo", "add"]
    );
    assert_eq!(local.rename["echo"], "Local_say");
    assert_eq!(local.describe["echo"], "Renamed echo");
    assert_eq!(local.resources.as_ref().unwrap().len(), 1);
    let remote = &v.servers.0["Remote_HTTP"];
    assert_eq!(
        remote.prefix.as_deref(),
        Some("RemoteHTTP"),
        "1xn drops underscores from prefixes"
    );
    assert_eq!(remote.prompts, None, "no selection = everything");
    assert_eq!(
        c.file.servers["Remote_HTTP"].headers["Authorization"].as_str(),
        "Bearer tok-1"
    );
    assert_eq!(c.file.servers["Local"].env["FOO"].as_str(), "bar");
    let notes = c.notes.join("\n");
    assert!(
        notes.contains("3 environment variables imported as `config` values"),
        "{notes}"
    );
    assert!(
        notes.contains("custom tool `no_main` not imported") && notes.contains("def main"),
        "{notes}"
    );
    assert!(
        notes.contains("custom tool `t` not imported: it has no text"),
        "{notes}"
    );
    assert!(notes.contains("1 custom resources not imported"), "{notes}");
    assert_eq!(v.config["API_TOKEN"].as_str(), "tok-$${123}");
    let names: Vec<&str> = v.tools.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "get_sydney_weather",
            "count_characters_in_word",
            "get_blog_posts"
        ]
    );
    assert_eq!(
        v.tools[0].description.as_deref(),
        Some("Fetch the weather [Keywords: sydney]")
    );
    assert!(v.tools[1].params.is_empty(), "derived from main");
    let http = &v.tools[2];
    let req = http.request.as_ref().unwrap();
    assert_eq!(
        req.auth.as_ref().unwrap().bearer.as_deref(),
        Some("@config.API_TOKEN")
    );
    assert_eq!(req.query["lang"].as_str(), "@param.lang");
    assert!(!http.params["post_id"].is_required());
    assert!(!http.params["lang"].is_required(), "mentioned, so declared");
    assert_eq!(v.prompts[0].arguments[0].name, "username");
    assert!(notes.contains("placeholders"), "{notes}");
    // And the result is a valid definition.
    assert!(crate::config::validate::validate_file(&c.file).is_empty());
}
