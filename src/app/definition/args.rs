//! A selection's `args` resolved for the session: `${env:…}` expanded and `{{ config.X }}`
//! rendered in the strings of values and defaults (the same two mechanisms as everywhere else:
//! `config::interpolate` and the instructions' config-only templates), and each rule located in
//! the definition so problems found once the upstream answers point at it.

use serde_json::Value;

use super::resolve::{Definition, EnvLookup};
use crate::config::args_validate::args_path;
use crate::config::custom_validate::config_values;
use crate::config::{ArgRule, Issue, Seg, Selection, interpolate};
use crate::custom::instructions;
use crate::session::{ArgRules, ParamRule, ToolRules};

/// The resolved `args` of `server`'s selection in `def`.
pub(crate) fn arg_rules(
    def: &Definition<'_>,
    server: &str,
    sel: &Selection,
    env: EnvLookup<'_>,
) -> Result<ArgRules, Vec<Issue>> {
    let mut tools = Vec::with_capacity(sel.args.len());
    let mut issues = Vec::new();
    let mut config = None;
    for (key, params) in &sel.args {
        let mut out = Vec::with_capacity(params.len());
        for (param, rule) in params {
            let mut at = args_path(def.name, server);
            at.extend([Seg::from(key.as_str()), Seg::from(param.as_str())]);
            let mut interpolated = false;
            let mut resolve = |field: &str, v: &Option<Value>| -> Option<Value> {
                let mut v = v.clone()?;
                let mut fp = at.clone();
                fp.push(Seg::from(field));
                let mut resolver = Resolver {
                    def,
                    env,
                    config: &mut config,
                    changed: false,
                };
                match resolver.value(&mut v) {
                    Ok(()) => {
                        interpolated |= resolver.changed;
                        Some(v)
                    }
                    Err(message) => {
                        issues.push(Issue {
                            path: fp,
                            at_key: false,
                            message: format!("`{param}`: {message}"),
                            hint: None,
                        });
                        None
                    }
                }
            };
            let value = resolve("value", &rule.value);
            let default = resolve("default", &rule.default);
            out.push(param_rule(
                def,
                param,
                rule,
                value,
                default,
                interpolated,
                at,
            ));
        }
        tools.push(ToolRules {
            key: key.clone(),
            params: out,
        });
    }
    if issues.is_empty() {
        Ok(ArgRules(tools))
    } else {
        Err(issues)
    }
}

fn param_rule(
    def: &Definition<'_>,
    param: &str,
    rule: &ArgRule,
    value: Option<Value>,
    default: Option<Value>,
    interpolated: bool,
    at: Vec<Seg>,
) -> ParamRule {
    ParamRule {
        param: param.to_string(),
        value,
        default,
        interpolated,
        hide: rule.hide,
        describe: rule.describe.clone(),
        rename: rule.rename.clone(),
        allow_override: rule.allows_override(),
        origin: def.diagnostic(&Issue {
            path: at,
            at_key: true,
            message: String::new(),
            hint: None,
        }),
    }
}

/// Expands the strings of one value, reading the vMCP's `config` only when a template needs it.
struct Resolver<'a, 'd> {
    def: &'a Definition<'d>,
    env: EnvLookup<'a>,
    config: &'a mut Option<std::collections::BTreeMap<String, String>>,
    /// Whether any string was a placeholder or template.
    changed: bool,
}

impl Resolver<'_, '_> {
    fn value(&mut self, v: &mut Value) -> Result<(), String> {
        match v {
            Value::String(s) => {
                if let Some(resolved) = self.text(s)? {
                    *s = resolved;
                    self.changed = true;
                }
                Ok(())
            }
            Value::Array(items) => items.iter_mut().try_for_each(|i| self.value(i)),
            Value::Object(map) => map.values_mut().try_for_each(|i| self.value(i)),
            _ => Ok(()),
        }
    }

    /// The text with `${env:…}` expanded, then rendered over `config` when it is a template
    /// (`None`: plain text, kept as written).
    fn text(&mut self, s: &str) -> Result<Option<String>, String> {
        let template = instructions::is_template(s);
        if !template && !s.contains('$') {
            return Ok(None);
        }
        let expanded = interpolate::expand(s, self.env)?;
        if !template {
            return Ok((expanded != s).then_some(expanded));
        }
        if self.config.is_none() {
            let values = config_values(self.def.name, self.def.vmcp, self.env).map_err(|i| {
                let why = i.first().map(|i| i.message.as_str()).unwrap_or_default();
                format!("the vMCP's `config` cannot be read: {why}")
            })?;
            *self.config = Some(values);
        }
        let config = self.config.get_or_insert_default();
        instructions::render(&expanded, config).map(Some)
    }
}
