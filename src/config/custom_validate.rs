//! Static checks of a vMCP's custom tools, prompts, resources and config values: names, required
//! fields per kind, defaults against their types, composite steps. Templates are compiled (and
//! their syntax checked) by `crate::custom`, which needs the template engine.

use std::collections::{BTreeMap, BTreeSet};

use super::custom::{CustomTool, HttpRequest, ParamSpec, ToolKind, is_identifier};
use super::interpolate;
use super::locate::Seg;
use super::model::VmcpConfig;
use super::names::check_exposed;
use super::validate::Issue;

/// Builds issue paths under `vmcps.<name>`.
struct At<'a>(&'a str);

impl At<'_> {
    fn path(&self, parts: &[Seg]) -> Vec<Seg> {
        let mut p = vec![Seg::from("vmcps"), Seg::from(self.0)];
        p.extend_from_slice(parts);
        p
    }
}

fn key(s: &str) -> Seg {
    Seg::from(s)
}

fn issue(path: Vec<Seg>, at_key: bool, message: String, hint: Option<String>) -> Issue {
    Issue {
        path,
        at_key,
        message,
        hint,
    }
}

/// Validates everything custom in one vMCP.
pub(crate) fn validate_custom(vmcp: &str, v: &VmcpConfig) -> Vec<Issue> {
    let at = At(vmcp);
    let mut out = Vec::new();
    for name in v.config.keys() {
        if !is_identifier(name) {
            out.push(issue(
                at.path(&[key("config"), key(name)]),
                true,
                format!("config name `{name}` cannot be read as `config.{name}`"),
                Some("use letters, digits and `_`, starting with a letter".into()),
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (i, tool) in v.tools.iter().enumerate() {
        let here = [key("tools"), Seg::Index(i)];
        let name_path = at.path(&[key("tools"), Seg::Index(i), key("name")]);
        if let Err(e) = check_exposed(&tool.name) {
            out.push(issue(
                name_path.clone(),
                false,
                format!("tool name: {e}"),
                None,
            ));
        }
        if !seen.insert(tool.name.as_str()) {
            out.push(issue(
                name_path,
                false,
                format!("custom tool `{}` is defined twice", tool.name),
                Some("give each tool its own name".into()),
            ));
        }
        validate_tool(&at, &here, tool, &mut out);
    }
    let mut seen = BTreeSet::new();
    for (i, prompt) in v.prompts.iter().enumerate() {
        let name_path = at.path(&[key("prompts"), Seg::Index(i), key("name")]);
        if let Err(e) = check_exposed(&prompt.name) {
            out.push(issue(
                name_path.clone(),
                false,
                format!("prompt name: {e}"),
                None,
            ));
        }
        if !seen.insert(prompt.name.as_str()) {
            out.push(issue(
                name_path,
                false,
                format!("custom prompt `{}` is defined twice", prompt.name),
                Some("give each prompt its own name".into()),
            ));
        }
        let mut args = BTreeSet::new();
        for (j, arg) in prompt.arguments.iter().enumerate() {
            let p = at.path(&[
                key("prompts"),
                Seg::Index(i),
                key("arguments"),
                Seg::Index(j),
                key("name"),
            ]);
            if !is_identifier(&arg.name) {
                out.push(issue(
                    p,
                    false,
                    format!(
                        "argument name `{}` cannot be read as `param.{}`",
                        arg.name, arg.name
                    ),
                    Some("use letters, digits and `_`, starting with a letter".into()),
                ));
            } else if !args.insert(arg.name.as_str()) {
                out.push(issue(
                    p,
                    false,
                    format!("argument `{}` is listed twice", arg.name),
                    None,
                ));
            }
        }
    }
    validate_resources(&at, v, &mut out);
    out
}

fn validate_resources(at: &At<'_>, v: &VmcpConfig, out: &mut Vec<Issue>) {
    let mut seen = BTreeSet::new();
    for (i, res) in v.resources.iter().enumerate() {
        let here = |f: &str| at.path(&[key("resources"), Seg::Index(i), key(f)]);
        if !res.uri.contains(':') || res.uri.starts_with(':') {
            out.push(issue(
                here("uri"),
                false,
                format!(
                    "`{}` is not a URI (expected `scheme:…`, e.g. `notes://team`)",
                    res.uri
                ),
                None,
            ));
        } else if !seen.insert(res.uri.as_str()) {
            out.push(issue(
                here("uri"),
                false,
                format!("custom resource `{}` is defined twice", res.uri),
                None,
            ));
        }
        if res.name.trim().is_empty() {
            out.push(issue(here("name"), false, "`name` is empty".into(), None));
        }
        match (&res.text, &res.file) {
            (Some(_), Some(_)) => out.push(issue(
                here("file"),
                true,
                "has both `text` and `file`".into(),
                Some("keep one of them".into()),
            )),
            (None, None) => out.push(issue(
                here("uri"),
                true,
                "has neither `text` nor `file`".into(),
                Some("add `text: …` or `file: ./path`".into()),
            )),
            (None, Some(f)) if f.trim().is_empty() => {
                out.push(issue(here("file"), false, "`file` is empty".into(), None));
            }
            _ => {}
        }
    }
}

/// Fields of a tool that are set, with the kinds they apply to.
fn set_fields(t: &CustomTool) -> Vec<(&'static str, &'static [ToolKind])> {
    use ToolKind::{Command, Composite, Http, Prompt, Python};
    [
        ("template", t.template.is_some(), &[Prompt][..]),
        ("request", t.request.is_some(), &[Http][..]),
        ("command", !t.command.is_empty(), &[Command][..]),
        ("stdin", t.stdin.is_some(), &[Command][..]),
        ("env", !t.env.is_empty(), &[Command, Python][..]),
        ("cwd", t.cwd.is_some(), &[Command, Python][..]),
        ("code", t.code.is_some(), &[Python][..]),
        ("python", t.python.is_some(), &[Python][..]),
        ("steps", !t.steps.is_empty(), &[Composite][..]),
        ("result", t.result.is_some(), &[Composite][..]),
    ]
    .into_iter()
    .filter(|(_, set, _)| *set)
    .map(|(f, _, kinds)| (f, kinds))
    .collect()
}

fn validate_tool(at: &At<'_>, here: &[Seg], t: &CustomTool, out: &mut Vec<Issue>) {
    let field = |f: &str| {
        let mut p = here.to_vec();
        p.push(key(f));
        at.path(&p)
    };
    for (f, kinds) in set_fields(t) {
        if !kinds.contains(&t.kind) {
            let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            out.push(issue(
                field(f),
                true,
                format!("`{f}` does not apply to a tool of kind `{}`", t.kind),
                Some(format!("`{f}` is for kind {}", names.join(", "))),
            ));
        }
    }
    let missing = match t.kind {
        ToolKind::Prompt => t.template.is_none().then_some("template"),
        ToolKind::Http => t.request.is_none().then_some("request"),
        ToolKind::Command => t.command.is_empty().then_some("command"),
        ToolKind::Python => t.code.is_none().then_some("code"),
        ToolKind::Composite => t.steps.is_empty().then_some("steps"),
    };
    if let Some(f) = missing {
        out.push(issue(
            field("kind"),
            false,
            format!("a tool of kind `{}` needs `{f}`", t.kind),
            None,
        ));
    }
    if t.command
        .first()
        .is_some_and(|c| c.as_str().trim().is_empty())
    {
        let mut p = here.to_vec();
        p.extend([key("command"), Seg::Index(0)]);
        out.push(issue(
            at.path(&p),
            false,
            "the program is empty".into(),
            None,
        ));
    }
    for name in t.env.keys() {
        if name.is_empty() || name.contains('=') || name.contains('\0') {
            let mut p = here.to_vec();
            p.extend([key("env"), key(name)]);
            out.push(issue(
                at.path(&p),
                true,
                format!("invalid environment variable name `{name}`"),
                None,
            ));
        }
    }
    if let Some(req) = &t.request {
        validate_request(at, here, req, out);
    }
    let mut ids = BTreeSet::new();
    for (i, step) in t.steps.iter().enumerate() {
        let mut p = here.to_vec();
        p.extend([key("steps"), Seg::Index(i)]);
        let sp = |f: &str| {
            let mut q = p.clone();
            q.push(key(f));
            at.path(&q)
        };
        if !is_identifier(&step.id) {
            out.push(issue(
                sp("id"),
                false,
                format!(
                    "step id `{}` cannot be read as `steps.{}`",
                    step.id, step.id
                ),
                Some("use letters, digits and `_`, starting with a letter".into()),
            ));
        } else if !ids.insert(step.id.as_str()) {
            out.push(issue(
                sp("id"),
                false,
                format!("step id `{}` is used twice", step.id),
                None,
            ));
        }
        if step.call.trim().is_empty() {
            out.push(issue(sp("call"), false, "`call` is empty".into(), None));
        }
    }
    for (name, spec) in &t.params {
        let mut p = here.to_vec();
        p.extend([key("params"), key(name)]);
        if !is_identifier(name) {
            out.push(issue(
                at.path(&p),
                true,
                format!("parameter name `{name}` cannot be read as `param.{name}`"),
                Some("use letters, digits and `_`, starting with a letter".into()),
            ));
        }
        validate_param(&at.path(&p), name, spec, out);
    }
}

fn validate_request(at: &At<'_>, here: &[Seg], req: &HttpRequest, out: &mut Vec<Issue>) {
    const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    if let Some(m) = &req.method
        && !METHODS.contains(&m.to_ascii_uppercase().as_str())
    {
        let mut p = here.to_vec();
        p.extend([key("request"), key("method")]);
        out.push(issue(
            at.path(&p),
            false,
            format!("unknown HTTP method `{m}`"),
            Some(format!("use one of {}", METHODS.join(", "))),
        ));
    }
    if let Some(auth) = &req.auth {
        let kinds = [
            auth.bearer.is_some(),
            auth.basic.is_some(),
            auth.api_key.is_some(),
        ];
        if kinds.iter().filter(|b| **b).count() != 1 {
            let mut p = here.to_vec();
            p.extend([key("request"), key("auth")]);
            out.push(issue(
                at.path(&p),
                false,
                "`auth` needs exactly one of `bearer`, `basic` and `api_key`".into(),
                None,
            ));
        }
    }
    let bodies = [req.json.is_some(), !req.form.is_empty(), req.body.is_some()];
    if bodies.iter().filter(|b| **b).count() > 1 {
        let mut p = here.to_vec();
        p.push(key("request"));
        out.push(issue(
            at.path(&p),
            false,
            "a request has at most one of `json`, `form` and `body`".into(),
            None,
        ));
    }
}

fn validate_param(path: &[Seg], name: &str, spec: &ParamSpec, out: &mut Vec<Issue>) {
    let field = |f: &str| {
        let mut p = path.to_vec();
        p.push(key(f));
        p
    };
    let ty = spec.param_type();
    for (j, v) in spec.allowed.iter().enumerate() {
        if !ty.accepts(v) {
            let mut p = field("enum");
            p.push(Seg::Index(j));
            out.push(issue(
                p,
                false,
                format!("enum value {v} of `{name}` is not of type {}", ty.as_str()),
                None,
            ));
        }
    }
    if let Some(d) = &spec.default {
        if !ty.accepts(d) {
            out.push(issue(
                field("default"),
                false,
                format!("default {d} of `{name}` is not of type {}", ty.as_str()),
                None,
            ));
        } else if !spec.allowed.is_empty() && !spec.allowed.contains(d) {
            out.push(issue(
                field("default"),
                false,
                format!("default {d} of `{name}` is not one of its `enum` values"),
                None,
            ));
        }
    }
    if spec.required == Some(true) && spec.default.is_some() {
        out.push(issue(
            field("required"),
            true,
            format!("`{name}` has a default, so it cannot be required"),
            Some("remove `required: true` or the default".into()),
        ));
    }
    match (&spec.items, ty) {
        (Some(items), super::custom::ParamType::Array) => {
            validate_param(&field("items"), name, items, out);
        }
        (Some(_), _) => out.push(issue(
            field("items"),
            true,
            "`items` only applies to parameters of type array".into(),
            None,
        )),
        (None, _) => {}
    }
}

/// The vMCP's `config` values with `${env:VAR}` expanded; unset variables are located issues.
pub(crate) fn config_values(
    vmcp: &str,
    v: &VmcpConfig,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<BTreeMap<String, String>, Vec<Issue>> {
    let at = At(vmcp);
    let mut out = BTreeMap::new();
    let mut issues = Vec::new();
    for (name, value) in &v.config {
        match interpolate::expand(value.as_str(), lookup) {
            Ok(s) => {
                out.insert(name.clone(), s);
            }
            Err(message) => issues.push(issue(
                at.path(&[key("config"), key(name)]),
                false,
                message,
                None,
            )),
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

#[cfg(test)]
#[path = "custom_tests.rs"]
mod tests;
