//! A vMCP's `instructions` (its system prompt) as a template over its `config` values: rendered
//! once, when the definition loads, in the same sandbox as every template. Instructions cannot
//! call tools, prompts or resources: they are sent before any server is up.

use std::collections::BTreeMap;

use futures_util::FutureExt;
use serde_json::{Map, Value};

use super::template::{Engine, Limits};
use crate::config::{Issue, Seg};

/// Whether `text` uses template or mention syntax at all (plain text is sent as is).
pub(crate) fn is_template(text: &str) -> bool {
    text.contains("{{")
        || text.contains("{%")
        || text.contains("@config.")
        || text.contains("@param.")
}

/// Renders `text` with `config` (`config.X`, `@config.X`); the error says what is wrong and, for
/// syntax errors, on which line of the instructions.
pub(crate) fn render(text: &str, config: &BTreeMap<String, String>) -> Result<String, String> {
    let engine = compile(text)?;
    let config: Map<String, Value> = config
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let no_params = Map::new();
    let rendering = engine.render("instructions", &no_params, &config, |_| async {
        Err("instructions cannot call tools, prompts or resources".to_string())
    });
    // Without calls the render completes at once; a call would be the error above.
    rendering
        .now_or_never()
        .unwrap_or_else(|| Err("instructions cannot call tools, prompts or resources".into()))
}

/// Whether `text` compiles (without rendering it: the `config` values may not be known yet).
pub(crate) fn check(text: &str) -> Result<(), String> {
    compile(text).map(drop)
}

fn compile(text: &str) -> Result<Engine, String> {
    let mut engine = Engine::new(Limits::default());
    engine.add("instructions", text).map_err(|e| match e.line {
        Some(line) => format!("line {line}: {}", e.message),
        None => e.message,
    })?;
    Ok(engine)
}

/// The issue of vMCP `vmcp` whose instructions fail with `message`.
pub(crate) fn issue(vmcp: &str, message: &str) -> Issue {
    Issue {
        path: vec![
            Seg::from("vmcps"),
            Seg::from(vmcp),
            Seg::from("instructions"),
        ],
        at_key: false,
        message: format!("the instructions template: {message}"),
        hint: Some("instructions read `config.X` (or `@config.X`) values only".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> BTreeMap<String, String> {
        [("BOT".to_string(), "sitara".to_string())].into()
    }

    #[test]
    fn config_values_fill_the_instructions_and_plain_text_stays() {
        assert!(!is_template("Be brief."));
        assert_eq!(
            render("You are @config.BOT.", &config()).unwrap(),
            "You are sitara."
        );
        assert_eq!(
            render(
                "{% if config.BOT %}Hi {{ config.BOT | upper }}{% endif %}",
                &config()
            )
            .unwrap(),
            "Hi SITARA"
        );
    }

    #[test]
    fn calls_unknown_values_and_syntax_errors_are_refused() {
        let e = render("@tool.up.echo(message=\"x\")", &config()).unwrap_err();
        assert!(e.contains("cannot call tools"), "{e}");
        assert!(
            render("{{ config.NOPE }}", &config())
                .unwrap_err()
                .contains("undefined")
        );
        assert!(
            render("ok\n{% if %}", &config())
                .unwrap_err()
                .starts_with("line 2")
        );
    }
}
