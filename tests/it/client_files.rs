//! The clients whose files are not plain `mcpServers` JSON: Codex (`config.toml`), Gemini CLI
//! (`settings.json`, `httpUrl`) and Zed (`context_servers` in settings with comments). Imported
//! from and installed into at their usual places under a temporary HOME; the user's comments,
//! order and other entries survive a round trip byte for byte, and a file that does not parse is
//! refused with its line and column and never rewritten.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::clients::{doctor_report, entry_works, home_with_vmcp, ok, vmcp};
use crate::harness::Home;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Installs, checks idempotence, uninstalls: the file is back to its exact first bytes.
fn round_trip(home: &Home, client: &str, path: &Path) -> String {
    let original = read(path);
    let (out, _) = ok(home, &["install", "mine", "--client", client]);
    assert!(
        out.starts_with(&format!("installed `mine` in {client}")),
        "{out}"
    );
    let installed = read(path);
    let (out, _) = ok(home, &["install", "mine", "--client", client]);
    assert!(out.starts_with("`mine` is already installed"), "{out}");
    assert_eq!(read(path), installed, "a second install changes nothing");
    let (out, _) = ok(home, &["uninstall", "mine", "--client", client]);
    assert!(out.starts_with("removed `mine`"), "{out}");
    assert_eq!(read(path), original, "uninstall restores the file exactly");
    ok(home, &["install", "mine", "--client", client]);
    installed
}

const CODEX: &str = r#"# my Codex settings
model = "o3" # the one I like

# servers, in my order
[mcp_servers.docs]
command = "npx"   # launcher
args = ["-y", "docs-mcp"]
env_vars = ["DOCS_TOKEN"]

[mcp_servers.figma]
url = "https://mcp.figma.com/mcp"
bearer_token_env_var = "FIGMA_TOKEN"
http_headers = { "X-Region" = "eu" }
env_http_headers = { "X-Org" = "FIGMA_ORG" }
enabled = false

[profiles.fast]
model = "mini"
"#;

#[test]
fn codex_config_toml_round_trips_with_its_comments() {
    let home = home_with_vmcp();
    // CODEX_HOME moves Codex's folder, and vmcp follows it.
    let codex_home = home.path("codex-home");
    let path = codex_home.join("config.toml");
    write(&path, CODEX);
    let run = |args: &[&str]| {
        let out = Command::new(crate::harness::VMCP)
            .args(args)
            .env("HOME", home.dir.path())
            .env("VMCP_HOME", home.path("vmcp-home"))
            .env("CODEX_HOME", &codex_home)
            .env_remove("XDG_CONFIG_HOME")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let (yaml, err) = run(&["import", "--from", "codex", "--dry-run"]);
    let servers: Value = serde_yaml::from_str(&yaml).unwrap();
    let servers = &servers["servers"];
    assert_eq!(servers["docs"]["args"], json!(["-y", "docs-mcp"]), "{yaml}");
    assert_eq!(servers["docs"]["env"]["DOCS_TOKEN"], "${env:DOCS_TOKEN}");
    let figma = &servers["figma"]["headers"];
    assert_eq!(
        figma["Authorization"], "Bearer ${env:FIGMA_TOKEN}",
        "{yaml}"
    );
    assert_eq!(figma["X-Org"], "${env:FIGMA_ORG}");
    assert_eq!(figma["X-Region"], "eu");
    assert!(err.contains("`figma` is disabled in codex"), "{err}");

    let (out, _) = run(&["install", "mine", "--client", "codex"]);
    assert!(out.contains(&path.display().to_string()), "{out}");
    let text = read(&path);
    // Everything before the new table is as it was; the new table follows the other servers.
    let (before, after) = text.split_once("[mcp_servers.mine]\n").unwrap();
    assert!(CODEX.starts_with(before), "{text}");
    assert!(after.starts_with("command = \""), "{text}");
    assert!(
        after.contains("args = [\"stdio\", \"--vmcp\", \"mine\"]"),
        "{text}"
    );
    assert!(
        text.ends_with("[profiles.fast]\nmodel = \"mini\"\n"),
        "{text}"
    );
    let (_, _) = run(&["uninstall", "mine", "--client", "codex"]);
    assert_eq!(read(&path), CODEX);
}

#[test]
fn codex_entry_installed_at_the_usual_place_runs_the_vmcp() {
    let home = home_with_vmcp();
    let path = home.path(".codex/config.toml");
    write(&path, CODEX);
    let installed = round_trip(&home, "codex", &path);
    let doc: toml_edit::DocumentMut = installed.parse().unwrap();
    let entry = &doc["mcp_servers"]["mine"];
    let as_json = json!({
        "command": entry["command"].as_str().unwrap(),
        "args": entry["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect::<Vec<_>>(),
        "env": {"VMCP_HOME": entry["env"]["VMCP_HOME"].as_str().unwrap()},
    });
    assert!(Path::new(as_json["command"].as_str().unwrap()).is_absolute());
    entry_works(&home, &as_json);
    // `codex` is one of doctor's clients, with the entry it found.
    let codex = doctor_report(&home, "codex");
    assert_eq!(codex["entries"][0]["vmcp"], "mine", "{codex}");
}

#[test]
fn a_broken_codex_file_is_located_and_left_alone() {
    let home = home_with_vmcp();
    let path = home.path(".codex/config.toml");
    let broken = "model = \"o3\"\n\n[mcp_servers.docs]\ncommand = npx\n";
    write(&path, broken);
    for args in [
        &["install", "mine", "--client", "codex"][..],
        &["uninstall", "mine", "--client", "codex"],
        &["import", "--from", "codex"],
    ] {
        let (code, _, err) = vmcp(&home, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("config.toml:4:11: "), "{err}");
    }
    assert_eq!(read(&path), broken);
    let backups = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert_eq!(backups, 1, "no backup, no temporary file");
}

const GEMINI: &str = r#"{
  // Gemini CLI reads comments too
  "theme": "Default",
  "mcpServers": {
    "stdio": {"command": "uvx", "args": ["mcp-server-time"], "env": {"TZ": "UTC"}, "trust": true},
    "streamable": {"httpUrl": "https://example.com/mcp", "headers": {"X-Key": "k"}},
    "legacy": {"url": "https://example.com/events", "type": "sse"},
    "typed": {"url": "https://example.com/other", "type": "http"}
  }
}
"#;

#[test]
fn gemini_settings_import_each_transport_and_round_trip() {
    let home = home_with_vmcp();
    let path = home.path(".gemini/settings.json");
    write(&path, GEMINI);
    let (yaml, _) = ok(&home, &["import", "--from", "gemini", "--dry-run"]);
    let file: Value = serde_yaml::from_str(&yaml).unwrap();
    let s = &file["servers"];
    assert_eq!(s["stdio"]["command"], "uvx", "{yaml}");
    assert_eq!(s["stdio"]["env"]["TZ"], "UTC");
    assert_eq!(s["streamable"]["url"], "https://example.com/mcp");
    assert_eq!(s["streamable"]["headers"]["X-Key"], "k");
    assert!(s["streamable"].get("type").is_none(), "{yaml}");
    assert_eq!(s["legacy"]["type"], "sse", "{yaml}");
    assert!(s["typed"].get("type").is_none(), "{yaml}");

    let installed = round_trip(&home, "gemini", &path);
    assert!(installed.starts_with("{\n  // Gemini CLI reads comments too\n"));
    let cfg: Value = jsonc(&installed);
    assert_eq!(cfg["theme"], "Default");
    let entry = &cfg["mcpServers"]["mine"];
    assert_eq!(entry["args"], json!(["stdio", "--vmcp", "mine"]));
    entry_works(&home, entry);
    // Importing back does not make vmcp a server of itself.
    let (_, err) = ok(&home, &["import", "--from", "gemini", "--dry-run"]);
    assert!(err.contains("`mine` skipped: it runs vmcp itself"), "{err}");
}

/// What Zed creates on first start, plus a server of the user's in both of Zed's shapes.
const ZED: &str = r#"// Zed settings
//
// For information on how to configure Zed, see the Zed
// documentation: https://zed.dev/docs/configuring-zed
{
  "ui_font_size": 16,
  "context_servers": {
    // my own
    "notes": {"command": "notes-mcp", "args": ["--dir", "/n"], "env": {},},
    "older": {"source": "custom", "command": {"path": "old-mcp", "args": ["x"]}},
    "remote": {"url": "https://example.com/mcp", "headers": {"Authorization": "Bearer t"}},
    "ext": {"source": "extension", "settings": {}},
    "off": {"command": "off-mcp", "args": [], "enabled": false},
  },
}
"#;

#[test]
fn zed_settings_keep_their_comments_and_take_the_entry() {
    let home = home_with_vmcp();
    let path = home.path(".config/zed/settings.json");
    write(&path, ZED);
    let (yaml, err) = ok(&home, &["import", "--from", "zed", "--dry-run"]);
    let file: Value = serde_yaml::from_str(&yaml).unwrap();
    let s = &file["servers"];
    assert_eq!(s["notes"]["args"], json!(["--dir", "/n"]), "{yaml}");
    assert_eq!(s["older"]["command"], "old-mcp", "{yaml}");
    assert_eq!(s["older"]["args"], json!(["x"]));
    assert_eq!(s["remote"]["headers"]["Authorization"], "Bearer t");
    assert!(s.get("ext").is_none(), "{yaml}");
    assert!(
        err.contains("`ext` skipped: it is provided by a Zed extension"),
        "{err}"
    );
    assert!(err.contains("`off` is disabled in zed"), "{err}");

    let installed = round_trip(&home, "zed", &path);
    let (head, tail) = installed.split_once("    \"mine\": {").unwrap();
    assert!(ZED.starts_with(head), "{installed}");
    assert!(tail.ends_with("  },\n}\n"), "{installed}");
    let entry = &jsonc(&installed)["context_servers"]["mine"];
    assert_eq!(entry["source"], "custom");
    entry_works(&home, entry);

    // An entry of the user's under that key is replaced only with --force.
    let theirs = ZED.replace("\"notes\":", "\"mine\":");
    write(&path, &theirs);
    let (code, _, err) = vmcp(&home, &["install", "mine", "--client", "zed"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("runs something else"), "{err}");
    assert_eq!(read(&path), theirs);
    let (code, _, err) = vmcp(&home, &["uninstall", "mine", "--client", "zed"]);
    assert_eq!(code, 2, "{err}");
    ok(&home, &["install", "mine", "--client", "zed", "--force"]);
    let replaced = read(&path);
    assert!(replaced.contains("\"--vmcp\""), "{replaced}");
    assert!(replaced.contains("// my own\n"), "{replaced}");
    ok(&home, &["uninstall", "mine", "--client", "zed"]);
    let removed = read(&path);
    assert!(!removed.contains("\"mine\""), "{removed}");
    assert!(removed.contains("// my own\n"), "{removed}");
}

#[test]
fn a_broken_zed_file_is_located_reported_by_doctor_and_left_alone() {
    let home = home_with_vmcp();
    let path = home.path(".config/zed/settings.json");
    let broken = "// Zed settings\n{\n  \"ui_font_size\": 16\n  \"theme\": \"One Dark\"\n}\n";
    write(&path, broken);
    let (code, _, err) = vmcp(&home, &["install", "mine", "--client", "zed"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("settings.json:3:21: Expected comma"), "{err}");
    let (code, _, err) = vmcp(&home, &["import", "--from", "zed"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("settings.json:3:21: "), "{err}");
    let zed = doctor_report(&home, "zed");
    assert!(
        zed["error"]
            .as_str()
            .unwrap()
            .starts_with("3:21: Expected comma"),
        "{zed}"
    );
    assert_eq!(read(&path), broken);
}

/// Parses JSON with comments and trailing commas, as the clients do.
fn jsonc(text: &str) -> Value {
    jsonc_parser::cst::CstRootNode::parse(text, &jsonc_parser::ParseOptions::default())
        .unwrap()
        .to_serde_value()
        .unwrap()
}
