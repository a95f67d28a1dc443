use std::path::Path;

use super::*;
use crate::registry::document::{ServerDetail, decode};
use crate::registry::inputs::{Ask, Question};

/// Answers from a list, in order; records what was asked (secret or not).
#[derive(Default)]
struct Script {
    answers: Vec<Option<String>>,
    asked: Vec<(String, bool)>,
}

impl Ask for Script {
    fn ask(&mut self, q: &Question<'_>) -> Option<String> {
        self.asked.push((q.what.label(), q.secret));
        if self.answers.is_empty() {
            None
        } else {
            self.answers.remove(0)
        }
    }
}

fn detail(json: &str) -> ServerDetail {
    decode(json.as_bytes()).unwrap()
}

fn args(b: &Built) -> Vec<&str> {
    b.config.args.iter().map(Scalar::as_str).collect()
}

const FS: &str = r#"{"name":"io.github.modelcontextprotocol/filesystem","description":"d","version":"1.0.2",
 "packages":[
  {"registryType":"npm","identifier":"@modelcontextprotocol/server-filesystem","version":"1.0.2","transport":{"type":"stdio"},
   "packageArguments":[{"type":"positional","valueHint":"target_dir","isRequired":true,"isRepeated":true,"format":"filepath"}],
   "environmentVariables":[{"name":"LOG_LEVEL","default":"info"}]},
  {"registryType":"oci","identifier":"docker.io/mcp/filesystem:1.0.2","transport":{"type":"stdio"},
   "runtimeArguments":[{"type":"named","name":"--mount","value":"type=bind,src={source_path},dst={target_path}","isRequired":true,
     "variables":{"source_path":{"format":"filepath","isRequired":true},"target_path":{"isRequired":true,"default":"/project"}}}],
   "packageArguments":[{"type":"positional","valueHint":"target_dir","value":"/project"}],
   "environmentVariables":[{"name":"LOG_LEVEL","default":"info"}]}]}"#;

fn build_with(
    d: &ServerDetail,
    choice: &Choice,
    installed: &[&str],
    given: Given,
    script: &mut Script,
) -> Result<Built, RegistryError> {
    let installed: Vec<String> = installed.iter().map(|s| (*s).to_string()).collect();
    build(
        d,
        choice,
        &|p| installed.iter().any(|i| i == p),
        given,
        Path::new("/work"),
        script,
    )
}

#[test]
fn npm_takes_positional_values_in_order_and_defaults() {
    let d = detail(FS);
    let given = Given {
        args: vec!["notes".into(), "/tmp".into()],
        ..Given::default()
    };
    let b = build_with(
        &d,
        &Choice::Auto,
        &["npx", "docker"],
        given,
        &mut Script::default(),
    )
    .unwrap();
    assert_eq!(b.config.command.as_deref(), Some("npx"));
    assert_eq!(
        args(&b),
        [
            "-y",
            "@modelcontextprotocol/server-filesystem@1.0.2",
            "/work/notes",
            "/tmp"
        ]
    );
    assert_eq!(b.config.env["LOG_LEVEL"].as_str(), "info");
    assert_eq!(b.used, Used::Package("npm".into()));
    assert_eq!(b.missing_runtime, None);
}

#[test]
fn oci_fills_runtime_variables_and_passes_env_by_name() {
    let d = detail(FS);
    let given = Given {
        args: vec!["source_path=data".into()],
        ..Given::default()
    };
    // npx is missing: the image is chosen.
    let b = build_with(
        &d,
        &Choice::Auto,
        &["docker"],
        given,
        &mut Script::default(),
    )
    .unwrap();
    assert_eq!(b.config.command.as_deref(), Some("docker"));
    assert_eq!(
        args(&b),
        [
            "run",
            "-i",
            "--rm",
            "--mount",
            "type=bind,src=/work/data,dst=/project",
            "-e",
            "LOG_LEVEL",
            "docker.io/mcp/filesystem:1.0.2",
            "/project"
        ]
    );
}

#[test]
fn required_values_are_asked_and_secrets_become_references() {
    let d = detail(
        r#"{"name":"io.x/w","version":"0.5.0","packages":[{"registryType":"pypi","identifier":"weather-mcp-server","version":"0.5.0",
        "environmentVariables":[{"name":"WEATHER_API_KEY","isRequired":true,"isSecret":true},
                                {"name":"UNITS","isRequired":true,"choices":["celsius","fahrenheit"]}]}]}"#,
    );
    let mut script = Script {
        answers: vec![None, Some("kelvin".into())],
        ..Script::default()
    };
    let e = build_with(&d, &Choice::Auto, &["uvx"], Given::default(), &mut script).unwrap_err();
    assert!(e.to_string().contains("one of celsius, fahrenheit"), "{e}");
    let mut script = Script {
        answers: vec![None, Some("celsius".into())],
        ..Script::default()
    };
    let b = build_with(&d, &Choice::Auto, &["uvx"], Given::default(), &mut script).unwrap();
    assert_eq!(args(&b), ["weather-mcp-server==0.5.0"]);
    assert_eq!(
        b.config.env["WEATHER_API_KEY"].as_str(),
        "${env:WEATHER_API_KEY}"
    );
    assert_eq!(b.references, ["WEATHER_API_KEY"]);
    assert_eq!(
        script.asked,
        [
            ("environment variable WEATHER_API_KEY".to_string(), true),
            ("environment variable UNITS".to_string(), false)
        ]
    );
    // Nobody to ask a required plain value: the error says which flag gives it.
    let e = build_with(
        &d,
        &Choice::Auto,
        &["uvx"],
        Given::default(),
        &mut Script::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("--env UNITS=VALUE"), "{e}");
}

#[test]
fn remotes_substitute_variables_and_take_headers() {
    let d = detail(
        r#"{"name":"io.github.user/remote-weather","version":"2.1.0","remotes":[{"type":"streamable-http","url":"https://{host}/mcp",
        "headers":[{"name":"Authorization","isSecret":true,"isRequired":true}],
        "variables":{"host":{"description":"API host","default":"api.example.com"}}}]}"#,
    );
    let b = build_with(
        &d,
        &Choice::Auto,
        &[],
        Given::default(),
        &mut Script::default(),
    )
    .unwrap();
    assert_eq!(b.config.url.as_deref(), Some("https://api.example.com/mcp"));
    assert_eq!(b.config.transport, Some(TransportType::Http));
    assert_eq!(
        b.config.headers["Authorization"].as_str(),
        "${env:AUTHORIZATION}"
    );
    let given = Given {
        args: vec!["host=h.example".into()],
        headers: vec![("Authorization".into(), "Bearer x".into())],
        ..Given::default()
    };
    let b = build_with(&d, &Choice::Remote(1), &[], given, &mut Script::default()).unwrap();
    assert_eq!(b.config.url.as_deref(), Some("https://h.example/mcp"));
    assert_eq!(b.config.headers["Authorization"].as_str(), "Bearer x");
    assert!(b.references.is_empty());
}

#[test]
fn what_cannot_be_run_is_refused_with_its_reason() {
    let d = detail(
        r#"{"name":"io.x/n","version":"1","packages":[{"registryType":"nuget","identifier":"Knapcode.SampleMcpServer","version":"0.5.0"},
        {"registryType":"mcpb","identifier":"https://github.com/x/y.mcpb","fileSha256":"00"}]}"#,
    );
    let e = build_with(
        &d,
        &Choice::Auto,
        &["npx"],
        Given::default(),
        &mut Script::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("dnx") && e.contains("does not install bundles"),
        "{e}"
    );
    let e = build_with(
        &d,
        &Choice::Package("npm".into()),
        &[],
        Given::default(),
        &mut Script::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("has no npm package (it offers nuget, mcpb)"),
        "{e}"
    );
    let e = build_with(
        &d,
        &Choice::Remote(2),
        &[],
        Given::default(),
        &mut Script::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("no remote 2"), "{e}");
    let e = build_with(
        &detail(FS),
        &Choice::Auto,
        &["npx"],
        Given {
            args: vec!["a".into(), "--nope=1".into()],
            ..Given::default()
        },
        &mut Script::default(),
    );
    assert!(e.is_ok(), "a repeated positional takes every value");
    let e = build_with(
        &detail(FS),
        &Choice::Package("oci".into()),
        &[],
        Given {
            args: vec!["source_path=/a".into(), "extra".into()],
            ..Given::default()
        },
        &mut Script::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("no argument of this entry takes `extra`"), "{e}");
}
