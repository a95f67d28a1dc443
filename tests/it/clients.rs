//! Other clients' configurations: importing their MCP servers (and 1xn exports), and installing
//! vMCPs into them. HOME points at a temporary directory, so the "usual locations" are in it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::harness::client::fastrand;
use crate::harness::{self, Client, Home, UPSTREAM};

/// Runs vmcp with VMCP_HOME and HOME both set to the test home (and no variable that moves a
/// client's folder elsewhere).
pub(crate) fn vmcp(home: &Home, args: &[&str]) -> (i32, String, String) {
    harness::vmcp(home)
        .args(args)
        .vmcp_home(home.path("vmcp-home"))
        .env("HOME", home.dir.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("FLATPAK_XDG_CONFIG_HOME")
        .env_remove("CODEX_HOME")
        .env_remove("GEMINI_CLI_HOME")
        .run()
        .parts()
}

/// A home with server `up` and vMCP `mine` serving it.
pub(crate) fn home_with_vmcp() -> Home {
    let home = Home::new();
    ok(
        &home,
        &[
            "server",
            "add",
            "up",
            "--approve",
            "--",
            UPSTREAM,
            "--name",
            "up",
        ],
    );
    ok(&home, &["vmcp", "create", "mine", "-s", "up"]);
    home
}

pub(crate) fn ok(home: &Home, args: &[&str]) -> (String, String) {
    let (code, out, err) = vmcp(home, args);
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    (out, err)
}

/// Runs an installed entry (`command`, `args`, `env`) the way the client would, and calls a tool
/// of the vMCP (which serves server `up`) through it.
pub(crate) fn entry_works(home: &Home, entry: &Value) {
    let mut cmd = Command::new(entry["command"].as_str().unwrap());
    cmd.args(
        entry["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap()),
    );
    for (k, v) in entry["env"].as_object().unwrap() {
        cmd.env(k, v.as_str().unwrap());
    }
    let mut c = Client::spawn_command(cmd, home.path(&format!("entry-{}.log", fastrand())));
    c.initialize();
    assert_eq!(
        c.call_text("up_echo", json!({"message": "from the client"})),
        "from the client"
    );
}

/// The `doctor --json` report of one client.
pub(crate) fn doctor_report(home: &Home, client: &str) -> Value {
    let (_, out, _) = vmcp(home, &["doctor", "--json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client"] == client)
        .cloned()
        .unwrap()
}

fn write(path: &Path, v: &Value) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).unwrap();
}

fn claude_desktop(home: &Home) -> PathBuf {
    home.path(".config/Claude/claude_desktop_config.json")
}

#[test]
fn claude_desktop_servers_import_into_a_new_vmcp() {
    let home = Home::new();
    write(
        &claude_desktop(&home),
        &json!({"mcpServers": {
            "up": {"command": UPSTREAM, "args": ["--name", "up"]},
            "My Web": {"type": "http", "url": "http://127.0.0.1:9/mcp"},
            "legacy": {"url": "http://127.0.0.1:9/sse"}
        }, "globalShortcut": "Ctrl+Space"}),
    );
    let (out, _) = ok(
        &home,
        &[
            "import",
            "--from",
            "claude-desktop",
            "--dry-run",
            "--vmcp",
            "desk",
        ],
    );
    assert!(out.contains("My-Web:") && out.contains("desk:"), "{out}");
    let (_, list_err) = ok(&home, &["server", "list"]);
    assert!(list_err.is_empty());
    assert_eq!(
        ok(&home, &["server", "list", "--json"]).0.trim(),
        "[]",
        "a dry run writes nothing"
    );
    let (out, err) = ok(
        &home,
        &["import", "--from", "claude-desktop", "--vmcp", "desk"],
    );
    assert!(
        out.contains("servers: 3 added (My-Web, legacy, up)"),
        "{out}"
    );
    assert!(out.contains("vMCPs: 1 added (desk)"), "{out}");
    assert!(err.contains("note: `My Web` imported as `My-Web`"), "{err}");
    let (out, _) = ok(&home, &["import", "--from", "claude-desktop"]);
    assert!(out.contains("servers: 3 unchanged"), "{out}");
    // Imported servers are pinned: the first session approves their tools and serves them…
    let mut c = Client::spawn_home(&home.path("vmcp-home"), "desk");
    c.initialize();
    assert!(c.tool_names().contains(&"up_echo".to_string()));
    assert_eq!(
        c.call_text("up_echo", json!({"message": "imported"})),
        "imported"
    );
    drop(c);
    // …and the approval is recorded.
    let (out, _) = ok(&home, &["trust", "diff", "up"]);
    assert!(out.contains("approved automatically on first use"), "{out}");
}

#[test]
fn a_1xn_export_imports_with_its_selections() {
    let home = Home::new();
    let export = json!({
        "name": "demo", "description": "from 1xn",
        "system_prompt": {"text": "Be helpful."},
        "vmcp_config": {
            "selected_servers": [{"name": "Local_One", "transport_type": "stdio", "server_id": "abc",
                                  "command": UPSTREAM, "args": ["--name", "local"], "env": {}, "headers": {}}],
            "selected_tools": {"abc": ["echo", "add"]},
            "selected_tool_overrides": {"abc": {"echo": {"name": "say", "description": "Says it"}}}
        },
        "custom_tools": [{"tool_type": "python", "name": "count"}]
    });
    write(&home.path("demo.json"), &export);
    let (out, err) = ok(&home, &["import", "--from", "1xn", "demo.json"]);
    assert!(out.contains("vMCPs: 1 added (demo)"), "{out}");
    assert!(
        err.contains("custom tool `count` not imported: it has no code"),
        "{err}"
    );
    ok(&home, &["server", "approve", "Local_One"]);
    let mut c = Client::spawn_home(&home.path("vmcp-home"), "demo");
    let init = c.initialize();
    assert_eq!(init["instructions"], "Be helpful.");
    // The names 1xn served: prefix = server name without underscores, renames prefixed too.
    assert_eq!(c.tool_names(), vec!["LocalOne_say", "LocalOne_add"]);
    assert_eq!(c.call_text("LocalOne_say", json!({"message": "hi"})), "hi");
}

/// The example shape of the 1xn research notes: prompt, python and http custom tools, a custom
/// prompt and environment variables import and run.
#[test]
fn a_1xn_export_with_custom_tools_imports_and_runs() {
    let home = Home::new();
    let port = crate::custom_kinds::http_server();
    let export = json!({
        "name": "demo",
        "vmcp_config": {
            "selected_servers": [{"name": "Local", "transport_type": "stdio", "server_id": "abc",
                                  "command": UPSTREAM, "args": ["--name", "local"], "env": {}, "headers": {}}],
            "selected_tools": {"abc": ["echo"]}
        },
        "custom_tools": [
            {"tool_type": "prompt", "name": "greet_via_tool", "variables": [{"name": "who", "required": true}],
             "text": "@tool.Local.echo(message: str = \"hello\") @param.who"},
            {"tool_type": "python", "name": "count_characters_in_word",
             "variables": [{"name": "word", "description": "the word", "required": true, "type": "str", "default_value": null}],
             "code": "def main(word:str, character:str):\n  return word.count(character)"},
            {"tool_type": "http", "name": "get_blog_posts",
             "variables": [{"name": "post_id", "required": false, "type": "str"}],
             "api_config": {"method": "GET", "url": format!("http://127.0.0.1:{port}/posts/@param.post_id"),
                            "headers": {"X-Bot": "@config.BOTNAME"}, "query_params": {"lang": "@param.lang"},
                            "body": null, "body_parsed": null,
                            "auth": {"type": "bearer", "token": "@config.API_TOKEN"}}}
        ],
        "custom_prompts": [{"name": "introduce", "variables": [{"name": "username", "required": false}],
                            "text": "You are @config.BOTNAME. User name is @param.username"}],
        "environment_variables": [{"name": "BOTNAME", "value": "sitara"}, {"name": "API_TOKEN", "value": "tok-123"}]
    });
    write(&home.path("demo.json"), &export);
    let (_, err) = ok(&home, &["import", "--from", "1xn", "demo.json"]);
    assert!(err.contains("2 environment variables imported"), "{err}");
    let mut c = Client::spawn_home(&home.path("vmcp-home"), "demo");
    c.initialize();
    assert_eq!(
        c.call_text("greet_via_tool", json!({"who": "Ada"})),
        "hello Ada"
    );
    assert_eq!(
        c.call_text(
            "count_characters_in_word",
            json!({"word": "strawberry", "character": "r"})
        ),
        "3"
    );
    let r = c.call("get_blog_posts", json!({"post_id": "1/../2", "lang": "en"}));
    let echo = &r["structuredContent"];
    assert_eq!(echo["target"], "/posts/1%2F..%2F2?lang=en", "{r}");
    assert_eq!(echo["headers"]["authorization"], "Bearer tok-123");
    assert_eq!(echo["headers"]["x-bot"], "sitara");
    let p = c.ok(
        "prompts/get",
        json!({"name": "introduce", "arguments": {"username": "Ada"}}),
    );
    assert_eq!(
        p["messages"][0]["content"]["text"],
        "You are sitara. User name is Ada"
    );
}

#[test]
fn install_writes_a_working_entry_idempotently_with_a_backup() {
    let home = home_with_vmcp();
    let path = claude_desktop(&home);
    write(
        &path,
        &json!({"mcpServers": {"other": {"command": "npx", "args": ["x"]}}, "theme": "dark"}),
    );

    let (diff, _) = ok(
        &home,
        &["install", "mine", "--client", "claude-desktop", "--dry-run"],
    );
    assert!(
        diff.contains("+    \"mine\": {") && diff.contains("\"--vmcp\""),
        "{diff}"
    );
    let untouched: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        untouched["mcpServers"].get("mine").is_none(),
        "a dry run writes nothing"
    );

    let (out, err) = ok(&home, &["install", "mine", "--client", "claude-desktop"]);
    assert!(
        out.starts_with("installed `mine` in claude-desktop"),
        "{out}"
    );
    assert!(err.contains("backup of the previous file"), "{err}");
    let cfg: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(cfg["theme"], "dark", "other settings are kept");
    assert_eq!(
        cfg["mcpServers"]["other"]["command"], "npx",
        "other servers are kept"
    );
    let entry = &cfg["mcpServers"]["mine"];
    assert!(Path::new(entry["command"].as_str().unwrap()).is_absolute());
    assert_eq!(entry["args"], json!(["stdio", "--vmcp", "mine"]));
    let (out, _) = ok(&home, &["install", "mine", "--client", "claude-desktop"]);
    assert!(out.starts_with("`mine` is already installed"), "{out}");

    // The entry works: run it the way the client would.
    entry_works(&home, entry);

    // Someone else's entry under the same key is not replaced without --force.
    let (code, _, err) = vmcp(&home, &["install", "other", "--client", "claude-desktop"]);
    assert_eq!(code, 4, "unknown vMCP first: {err}");
    let (code, _, err) = vmcp(
        &home,
        &[
            "install",
            "mine",
            "--client",
            "claude-desktop",
            "--as",
            "other",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("runs something else"), "{err}");

    let (out, _) = ok(&home, &["uninstall", "mine", "--client", "claude-desktop"]);
    assert!(out.starts_with("removed `mine`"), "{out}");
    let cfg: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(cfg["mcpServers"].get("mine").is_none());
    assert_eq!(cfg["mcpServers"]["other"]["command"], "npx");
}

#[test]
fn vscode_gets_its_own_shape_and_broken_files_are_left_alone() {
    let home = home_with_vmcp();
    let file = home.path("proj/.vscode/mcp.json");
    let install = [
        "install",
        "mine",
        "--client",
        "vscode",
        "--file",
        file.to_str().unwrap(),
    ];
    ok(&home, &install);
    let cfg: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(cfg["servers"]["mine"]["type"], "stdio");
    // VS Code's file is JSON with comments: they are kept, and so is the rest of the file.
    let jsonc = "{\n  // mine\n  \"servers\": {\n    \"other\": {\"command\": \"npx\"}, // theirs\n  },\n}\n";
    std::fs::write(&file, jsonc).unwrap();
    ok(&home, &install);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(
            "{\n  // mine\n  \"servers\": {\n    \"other\": {\"command\": \"npx\"}, // theirs\n"
        ),
        "{text}"
    );
    assert!(text.contains("\"--vmcp\""), "{text}");
    // A file that does not parse is refused with where, and left as it is.
    let broken = "{\n  \"servers\": {\n    \"a\": {\"command\": \"x\"}\n    \"b\": {}\n  }\n}\n";
    std::fs::write(&file, broken).unwrap();
    let (code, _, err) = vmcp(&home, &install);
    assert_eq!(code, 2);
    assert!(err.contains("mcp.json:3:26: Expected comma"), "{err}");
    assert!(err.contains("not touching it"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
}
