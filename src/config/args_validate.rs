//! Static checks of a selection's `args:` (the shaping of upstream tools' parameters): what can
//! be judged without the upstream's schema — empty names, rules that say nothing or contradict
//! themselves, two parameters exposed under one name. What needs the schema (a parameter the tool
//! does not have, a hidden required one, a value of the wrong type) is judged by the session
//! once the upstream has listed its tools.

use std::collections::BTreeMap;

use super::locate::Seg;
use super::model::{ArgRule, Selection};
use super::validate::Issue;

/// The path of a selection's `args` (`vmcps.V.servers.S.args`).
pub(crate) fn args_path(vmcp: &str, server: &str) -> Vec<Seg> {
    ["vmcps", vmcp, "servers", server, "args"]
        .into_iter()
        .map(Seg::from)
        .collect()
}

/// The fields of `rule` that are set, by key.
fn set_fields(rule: &ArgRule) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (key, set) in [
        ("value", rule.value.is_some()),
        ("default", rule.default.is_some()),
        ("hide", rule.hide),
        ("describe", rule.describe.is_some()),
        ("rename", rule.rename.is_some()),
    ] {
        if set {
            out.push(key);
        }
    }
    out
}

/// Validates the `args` of one server selection.
pub(crate) fn validate_args(vmcp: &str, server: &str, sel: &Selection) -> Vec<Issue> {
    let mut out = Vec::new();
    let base = args_path(vmcp, server);
    for (tool, params) in &sel.args {
        let mut here = base.clone();
        here.push(Seg::from(tool.as_str()));
        if tool.is_empty() {
            out.push(issue(&here, "an empty tool name".into(), None));
        }
        // exposed name -> parameter, to catch two parameters exposed under one name
        let mut exposed: BTreeMap<&str, &str> = BTreeMap::new();
        for (param, rule) in params {
            if rule.value.is_none() && !rule.hide && rule.rename.is_none() {
                exposed.insert(param, param);
            }
        }
        for (param, rule) in params {
            let mut at = here.clone();
            at.push(Seg::from(param.as_str()));
            if param.is_empty() {
                out.push(issue(&at, "an empty parameter name".into(), None));
            }
            out.extend(rule_issues(&at, param, rule));
            let Some(new) = &rule.rename else { continue };
            let mut rp = at.clone();
            rp.push(Seg::from("rename"));
            if new.is_empty() {
                out.push(issue(
                    &rp,
                    format!("`{param}` is renamed to an empty name"),
                    None,
                ));
            } else if let Some(other) = exposed.insert(new, param) {
                let message = if other == new {
                    format!("`{param}` is renamed to `{new}`, which is a parameter of its own")
                } else {
                    format!("`{other}` and `{param}` are both renamed to `{new}`")
                };
                out.push(issue(
                    &rp,
                    message,
                    Some("give each parameter its own name".into()),
                ));
            }
        }
    }
    out
}

/// A rule that says nothing, or whose fields contradict each other.
fn rule_issues(at: &[Seg], param: &str, rule: &ArgRule) -> Vec<Issue> {
    let mut out = Vec::new();
    let fields = set_fields(rule);
    if fields.is_empty() {
        out.push(issue(
            at,
            format!("the rule for `{param}` does nothing"),
            Some("give `value`, `default`, `hide`, `describe` or `rename`".into()),
        ));
    }
    let leader = if rule.value.is_some() {
        Some((
            "value",
            "fixes the parameter (it leaves the exposed schema)",
        ))
    } else if rule.hide {
        Some(("hide", "removes the parameter (it is never sent)"))
    } else {
        None
    };
    if let Some((lead, what)) = leader {
        for field in fields.iter().filter(|f| **f != lead) {
            let mut fp = at.to_vec();
            fp.push(Seg::from(*field));
            let hint = match (lead, *field) {
                ("hide", "default") => {
                    "to always send a value the client does not see, use `value` instead"
                }
                _ => "remove one of them",
            };
            out.push(issue(
                &fp,
                format!("`{lead}` {what}, so `{field}` has no effect on `{param}`"),
                Some(hint.into()),
            ));
        }
    }
    if rule.override_.is_some() && leader.is_none() {
        let mut fp = at.to_vec();
        fp.push(Seg::from("override"));
        out.push(issue(
            &fp,
            format!("`override` only applies to a fixed (`value`) or hidden (`hide`) parameter, and `{param}` is neither"),
            None,
        ));
    }
    out
}

fn issue(path: &[Seg], message: String, hint: Option<String>) -> Issue {
    Issue {
        path: path.to_vec(),
        at_key: true,
        message,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(yaml: &str) -> Selection {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn messages(yaml: &str) -> Vec<String> {
        validate_args("v", "s", &sel(yaml))
            .into_iter()
            .map(|i| {
                format!(
                    "{}: {}",
                    super::super::locate::render_path(&i.path),
                    i.message
                )
            })
            .collect()
    }

    #[test]
    fn sound_rules_pass() {
        let yaml = r#"
args:
  create_issue:
    owner: { value: acme }
    repo: { default: platform }
    labels: { hide: true, override: allow }
    body: { describe: "Markdown" }
    title: { rename: summary }
  "search_*":
    per_page: { value: 20 }
    a: { rename: b }
    b: { rename: a }
"#;
        assert_eq!(messages(yaml), Vec::<String>::new());
    }

    #[test]
    fn contradictions_and_collisions_are_reported_where_they_are() {
        let cases = [
            (
                "args: {t: {p: {}}}",
                "vmcps.v.servers.s.args.t.p: the rule for `p` does nothing",
            ),
            (
                "args: {t: {p: {value: 1, default: 2}}}",
                "vmcps.v.servers.s.args.t.p.default: `value` fixes the parameter (it leaves the exposed schema), so `default` has no effect on `p`",
            ),
            (
                "args: {t: {p: {hide: true, default: 2}}}",
                "vmcps.v.servers.s.args.t.p.default: `hide` removes the parameter (it is never sent), so `default` has no effect on `p`",
            ),
            (
                "args: {t: {p: {value: 1, rename: q}}}",
                "vmcps.v.servers.s.args.t.p.rename: `value` fixes the parameter (it leaves the exposed schema), so `rename` has no effect on `p`",
            ),
            (
                "args: {t: {p: {describe: x, override: allow}}}",
                "vmcps.v.servers.s.args.t.p.override: `override` only applies to a fixed (`value`) or hidden (`hide`) parameter, and `p` is neither",
            ),
            (
                "args: {t: {a: {rename: z}, b: {rename: z}}}",
                "vmcps.v.servers.s.args.t.b.rename: `a` and `b` are both renamed to `z`",
            ),
            (
                "args: {t: {a: {rename: b}, b: {describe: x}}}",
                "vmcps.v.servers.s.args.t.a.rename: `a` is renamed to `b`, which is a parameter of its own",
            ),
            (
                "args: {t: {a: {rename: ''}}}",
                "vmcps.v.servers.s.args.t.a.rename: `a` is renamed to an empty name",
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(messages(yaml), vec![want.to_string()], "{yaml}");
        }
    }

    #[test]
    fn values_keep_their_json_types_and_override_is_a_word() {
        let s = sel("args: {t: {n: {value: 20}, s: {value: '20'}, o: {value: {k: [1, true]}}}}");
        let t = &s.args["t"];
        assert_eq!(t["n"].value, Some(serde_json::json!(20)));
        assert_eq!(t["s"].value, Some(serde_json::json!("20")));
        assert_eq!(t["o"].value, Some(serde_json::json!({"k": [1, true]})));
        let e = serde_yaml::from_str::<Selection>("args: {t: {p: {hide: true, override: yes}}}")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown variant"), "{e}");
    }
}
