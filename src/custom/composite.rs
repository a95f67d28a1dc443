//! Tools of kind `composite`: steps run in order (a step marked `parallel` runs at the same time
//! as the one before it), each calling a tool with templated arguments, optionally gated by
//! `when`; later steps and the `result` template read `steps.<id>`:
//! `text`, `structured` (the `structuredContent`, else the text parsed as JSON, else null),
//! `ok`, `skipped` and `error`.
//!
//! `call` names a tool as the AI client sees it (an exposed name: `up_add`, or a custom tool's
//! name), or `SERVER.TOOL` with the upstream's own tool name (`vmcp.TOOL` for custom tools), as
//! mentions do.

use serde_json::{Map, Value, json};

use crate::config::Seg;
use crate::config::custom::OnError;

use super::compile::Compiler;
use super::results::tool_text;
use super::{CustomSet, Host, MAX_DEPTH, SELF_SERVER};

struct Step {
    id: String,
    call: String,
    args: Value,
    when: bool,
    on_error: OnError,
    /// Runs concurrently with the step before it.
    parallel: bool,
}

/// What one step did.
enum Outcome {
    Skipped,
    Done { text: String, structured: Value },
    Failed(String),
}

/// A compiled `composite` tool (its templates live in the engine).
pub(super) struct CompositeTool {
    steps: Vec<Step>,
    result: bool,
}

pub(super) fn compile(c: &mut Compiler<'_>) -> CompositeTool {
    let t = c.tool;
    let mut steps = Vec::new();
    for (i, step) in t.steps.iter().enumerate() {
        let args = Value::Object(step.args.clone().into_iter().collect());
        let at = |f: &str| vec![Seg::from("steps"), Seg::Index(i), Seg::from(f)];
        c.add_json(&format!("step{i}:args"), &args, &at("args"));
        if let Some(w) = &step.when {
            // A bare expression (`steps.a.ok`) is accepted as well as `{{ … }}`.
            let source = if w.contains("{{") || w.contains("{%") {
                w.clone()
            } else {
                format!("{{{{ ({w}) }}}}")
            };
            c.add(&format!("step{i}:when"), &source, &at("when"));
        }
        steps.push(Step {
            id: step.id.clone(),
            call: step.call.trim().to_string(),
            args,
            when: step.when.is_some(),
            on_error: step.on_error.unwrap_or(OnError::Abort),
            parallel: step.parallel && i > 0,
        });
    }
    if let Some(r) = &t.result {
        c.add("result", r, &[Seg::from("result")]);
    }
    CompositeTool {
        steps,
        result: t.result.is_some(),
    }
}

/// Whether a rendered `when` lets its step run.
fn truthy(rendered: &str) -> bool {
    !matches!(
        rendered.trim().to_ascii_lowercase().as_str(),
        "" | "false" | "0" | "none" | "null" | "no" | "off"
    )
}

fn record(text: &str, structured: Value, ok: bool, skipped: bool, error: Option<&str>) -> Value {
    let mut v = json!({ "text": text, "ok": ok, "skipped": skipped, "error": error });
    v["structured"] = structured;
    v
}

impl CustomSet {
    pub(super) async fn run_composite(
        &self,
        tool: &str,
        spec: &CompositeTool,
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Value, String> {
        let mut vars = vars.clone();
        let mut steps = Map::new();
        let mut last = String::new();
        let mut i = 0;
        while i < spec.steps.len() {
            // A group: this step and the `parallel` ones after it, run at the same time on
            // what the earlier groups produced.
            let end = (i + 1..spec.steps.len())
                .find(|j| !spec.steps[*j].parallel)
                .unwrap_or(spec.steps.len());
            vars.insert("steps".into(), Value::Object(steps.clone()));
            let runs = (i..end).map(|k| self.run_step(tool, k, &spec.steps[k], &vars, host, depth));
            let outcomes = futures_util::future::join_all(runs).await;
            for (step, outcome) in spec.steps[i..end].iter().zip(outcomes) {
                match outcome? {
                    Outcome::Skipped => {
                        steps.insert(step.id.clone(), record("", Value::Null, false, true, None));
                    }
                    Outcome::Done { text, structured } => {
                        steps.insert(
                            step.id.clone(),
                            record(&text, structured, true, false, None),
                        );
                        last = text;
                    }
                    Outcome::Failed(e) if step.on_error == OnError::Continue => {
                        steps.insert(
                            step.id.clone(),
                            record("", Value::Null, false, false, Some(&e)),
                        );
                    }
                    Outcome::Failed(e) => {
                        return Err(format!("step `{}` (`{}`) failed: {e}", step.id, step.call));
                    }
                }
            }
            i = end;
        }
        vars.insert("steps".into(), Value::Object(steps));
        let text = if spec.result {
            self.render_part(tool, "result", &vars, host, depth).await?
        } else {
            last
        };
        Ok(json!({ "content": [{ "type": "text", "text": text }] }))
    }

    /// One step: its `when`, its arguments, its call. Template errors end the whole tool.
    async fn run_step(
        &self,
        tool: &str,
        i: usize,
        step: &Step,
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Outcome, String> {
        if step.when {
            let w = self
                .render_part(tool, &format!("step{i}:when"), vars, host, depth)
                .await?;
            if !truthy(&w) {
                return Ok(Outcome::Skipped);
            }
        }
        let args = self
            .render_tree(
                tool,
                &format!("step{i}:args"),
                &step.args,
                vars,
                host,
                depth,
            )
            .await?;
        let Value::Object(args) = args else {
            return Err(format!(
                "the arguments of step `{}` are not a mapping",
                step.id
            ));
        };
        let called = match self.call_step(&step.call, args, host, depth).await {
            Ok(v) => tool_text(&v).map(|text| {
                let structured = v
                    .get("structuredContent")
                    .cloned()
                    .or_else(|| serde_json::from_str(text.trim()).ok())
                    .unwrap_or(Value::Null);
                (text, structured)
            }),
            Err(e) => Err(e),
        };
        Ok(match called {
            Ok((text, structured)) => Outcome::Done { text, structured },
            Err(e) => Outcome::Failed(e),
        })
    }

    /// Calls the tool a step names: a custom tool here, anything else through the host.
    async fn call_step(
        &self,
        call: &str,
        args: Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Value, String> {
        let own = match call.split_once('.') {
            Some((server, name)) if server == SELF_SERVER => Some(name),
            Some((server, name)) => return host.call_tool(server, name, args).await,
            None if self.has_tool(call) => Some(call),
            None => return host.call_exposed(call, args).await,
        };
        let name = own.unwrap_or_default();
        if depth + 1 > MAX_DEPTH {
            return Err(format!(
                "custom tools call each other more than {MAX_DEPTH} levels deep"
            ));
        }
        self.call_tool_at(name, args, host, depth + 1)
            .await
            .map_err(|e| e.to_string())
    }
}

impl CustomSet {
    /// The steps with what can be rendered before any runs (`--render-only`).
    pub(super) async fn composite_plan(
        &self,
        tool: &str,
        spec: &CompositeTool,
        vars: &Map<String, Value>,
        host: &dyn Host,
    ) -> Value {
        const LATER: &str = "(depends on earlier steps)";
        let mut vars = vars.clone();
        vars.insert("steps".into(), Value::Object(Map::new()));
        let mut steps = Vec::new();
        for (i, step) in spec.steps.iter().enumerate() {
            let mut s = json!({ "id": step.id, "call": step.call });
            if step.when {
                s["when"] = match self
                    .render_part(tool, &format!("step{i}:when"), &vars, host, 0)
                    .await
                {
                    Ok(w) => Value::Bool(truthy(&w)),
                    Err(_) => LATER.into(),
                };
            }
            s["args"] = self
                .render_tree(tool, &format!("step{i}:args"), &step.args, &vars, host, 0)
                .await
                .unwrap_or_else(|_| LATER.into());
            if step.on_error == OnError::Continue {
                s["on_error"] = "continue".into();
            }
            if step.parallel {
                s["parallel"] = true.into();
            }
            steps.push(s);
        }
        json!({ "kind": "composite", "steps": steps })
    }
}

impl CustomSet {
    /// Every step of every composite tool: (tool, step id, `call`), for `vmcp check`.
    pub fn step_calls(&self) -> Vec<(String, String, String)> {
        self.tools
            .iter()
            .filter_map(|t| match &t.exec {
                super::Exec::Composite(c) => Some((t, c)),
                _ => None,
            })
            .flat_map(|(t, c)| {
                c.steps
                    .iter()
                    .map(|s| (t.name.clone(), s.id.clone(), s.call.clone()))
            })
            .collect()
    }
}
