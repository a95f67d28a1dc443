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

use super::compiler::Compiler;
use super::render::Render;
use super::results::{text, tool_text};

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

impl CompositeTool {
    pub(super) async fn run(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
    ) -> Result<Value, String> {
        let mut vars = vars.clone();
        let mut steps = Map::new();
        let mut last = String::new();
        let mut i = 0;
        while i < self.steps.len() {
            // A group: this step and the `parallel` ones after it, run at the same time on
            // what the earlier groups produced.
            let end = (i + 1..self.steps.len())
                .find(|j| !self.steps[*j].parallel)
                .unwrap_or(self.steps.len());
            vars.insert("steps".into(), Value::Object(steps.clone()));
            let runs = (i..end).map(|k| run_step(r, k, &self.steps[k], &vars));
            let outcomes = futures_util::future::join_all(runs).await;
            for (step, outcome) in self.steps[i..end].iter().zip(outcomes) {
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
        let text = if self.result {
            r.part("result", &vars).await?
        } else {
            last
        };
        Ok(self::text(&text))
    }

    /// The steps with what can be rendered before any runs (`--render-only`).
    pub(super) async fn plan(&self, r: &Render<'_>, vars: &Map<String, Value>) -> Value {
        const LATER: &str = "(depends on earlier steps)";
        let mut vars = vars.clone();
        vars.insert("steps".into(), Value::Object(Map::new()));
        let mut steps = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            let mut s = json!({ "id": step.id, "call": step.call });
            if step.when {
                s["when"] = match r.part(&format!("step{i}:when"), &vars).await {
                    Ok(w) => Value::Bool(truthy(&w)),
                    Err(_) => LATER.into(),
                };
            }
            s["args"] = r
                .tree(&format!("step{i}:args"), &step.args, &vars)
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

    /// Every step: (step id, `call`).
    pub(super) fn step_calls(&self) -> impl Iterator<Item = (&str, &str)> {
        self.steps.iter().map(|s| (s.id.as_str(), s.call.as_str()))
    }
}

/// One step: its `when`, its arguments, its call. Template errors end the whole tool.
async fn run_step(
    r: &Render<'_>,
    i: usize,
    step: &Step,
    vars: &Map<String, Value>,
) -> Result<Outcome, String> {
    if step.when {
        let w = r.part(&format!("step{i}:when"), vars).await?;
        if !truthy(&w) {
            return Ok(Outcome::Skipped);
        }
    }
    let args = r.tree(&format!("step{i}:args"), &step.args, vars).await?;
    let Value::Object(args) = args else {
        return Err(format!(
            "the arguments of step `{}` are not a mapping",
            step.id
        ));
    };
    let called = match r.calls.call_tool(&step.call, args).await {
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
