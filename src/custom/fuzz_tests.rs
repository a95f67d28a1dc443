//! Fuzz tests of the template compiler (mention translation included) and of custom tools
//! loaded from generated definitions ([`crate::support::fuzz_inputs`]): nothing panics,
//! mention errors point inside the template and keep its lines, compiling either succeeds or
//! says why, rendering ends, and every load-time error of a definition is located in its file.

use std::collections::BTreeMap;
use std::path::Path;

use futures_util::FutureExt;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value};

use super::template::{Engine, Limits};
use super::{CustomSet, instructions, mention, stray, template_issues};
use crate::config::Document;
use crate::config::fuzz_tests::{assert_inside, assert_located, load};
use crate::support::fuzz_inputs::{config, hostile_text, mutated_example, template};

/// A YAML double-quoted scalar holding `s`: what YAML does not allow raw (control characters,
/// line breaks, U+FFFE…) escaped.
fn quoted(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if c >= '\u{a0}' && c != '\u{fffe}' && c != '\u{ffff}' && !c.is_whitespace() => {
                out.push(c);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// A definition whose every template (and python code) is generated: one tool of each kind,
/// a prompt, instructions and a config value.
fn custom_definition() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(template(), 15),
        prop_oneof![
            template(),
            template().prop_map(|t| format!("def main({t}):\n    return 1\n")),
            (hostile_text(6), template()).prop_map(|(a, t)| format!("async def main{a}({t}")),
        ],
    )
        .prop_map(|(t, code)| {
            let q = |i: usize| quoted(&t[i]);
            format!(
                "servers: {{}}
vmcps:
  v:
    servers: []
    config: {{ BOT: {} }}
    instructions: {}
    tools:
      - name: p
        kind: prompt
        params: {{ x: {{ type: string }} }}
        template: {}
      - name: c
        kind: command
        command: [{}, {}]
        stdin: {}
      - name: h
        kind: http
        request:
          url: {}
          query: {{ k: {} }}
          headers: {{ X-A: {} }}
          json: {{ a: {}, b: [{}] }}
      - name: py
        kind: python
        code: {}
      - name: comp
        kind: composite
        steps:
          - {{ id: s, call: {}, args: {{ a: {} }} }}
        result: {}
    prompts:
      - {{ name: pr, template: {} }}
",
                q(0),
                q(1),
                q(2),
                q(3),
                q(4),
                q(5),
                q(6),
                q(7),
                q(8),
                q(9),
                q(10),
                quoted(&code),
                q(11),
                q(12),
                q(13),
                q(14),
            )
        })
}

/// Loads `bytes` as a definition and compiles every vMCP's custom items: each error located;
/// the tools that compile rendered dry (`--render-only`) without a panic.
fn compile_everything(bytes: &[u8], x: &str) -> Result<(), TestCaseError> {
    let result = load(bytes);
    assert_located(bytes, &result)?;
    let Ok(doc) = result else {
        return Ok(());
    };
    for (name, v) in &doc.file.vmcps {
        let issues = template_issues(name, v, Path::new(""));
        for issue in &issues {
            assert_inside(&doc.text, &doc.diagnostic(issue))?;
        }
        let values: BTreeMap<String, String> = v
            .config
            .iter()
            .map(|(k, s)| (k.clone(), s.as_str().to_string()))
            .collect();
        if let Some(text) = &v.instructions {
            let _ = instructions::render(text, &values);
        }
        let Ok(set) = CustomSet::compile(name, v, values, Path::new("")) else {
            continue;
        };
        for tool in &v.tools {
            let mut args = Map::new();
            args.insert("x".into(), Value::String(x.to_string()));
            let _ = set.render_only(&tool.name, args).now_or_never();
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_mentions_translate_or_fail_inside_the_template(src in template()) {
        match mention::translate(&src) {
            Ok(out) => prop_assert_eq!(
                out.matches('\n').count(),
                src.matches('\n').count(),
                "lines moved: {:?}",
                out
            ),
            Err(e) => {
                let line = src.split('\n').nth(e.line - 1);
                prop_assert!(line.is_some(), "line {} of {:?}", e.line, src);
                let width = line.map_or(0, |l| l.chars().count());
                prop_assert!(e.column >= 1 && e.column <= width + 1, "{:?} in {:?}", e, src);
            }
        }
    }

    #[test]
    fn fuzz_templates_compile_or_say_why_and_render_to_an_end(
        src in template(),
        x in hostile_text(8),
        answer in hostile_text(8),
    ) {
        let mut engine = Engine::new(Limits::default());
        match engine.add("t", &src) {
            Err(e) => {
                let lines = src.split('\n').count();
                prop_assert!(e.line.is_none_or(|l| (1..=lines).contains(&l)), "{e:?}");
                prop_assert!(!e.message.is_empty());
            }
            Ok(()) => {
                let mut param = Map::new();
                param.insert("x".into(), Value::String(x));
                let mut cfg = Map::new();
                cfg.insert("BOT".into(), Value::String("b".into()));
                let rendered = engine
                    .render("t", &param, &cfg, |_| std::future::ready(Ok(answer.clone())))
                    .now_or_never();
                prop_assert!(rendered.is_some(), "a render waited on nothing");
            }
        }
        let _ = stray::first_in_tag(&src, None);
    }

    #[test]
    fn fuzz_custom_definitions_compile_or_fail_located(
        text in custom_definition(),
        x in hostile_text(8),
    ) {
        compile_everything(text.as_bytes(), &x)?;
    }

    #[test]
    fn fuzz_mutated_examples_compile_or_fail_located(
        bytes in mutated_example(4),
        x in hostile_text(8),
    ) {
        compile_everything(&bytes, &x)?;
    }
}

/// The definition the generator builds parses (a generator that only made YAML errors would
/// test nothing past the parser).
#[test]
fn generated_definitions_are_yaml() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..20 {
        let text = custom_definition()
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_default();
        let parsed = Document::parse_with(Path::new("g.yaml"), &text, |_| Vec::new());
        assert!(parsed.is_ok(), "{text}\n{:?}", parsed.err());
    }
}
