//! Tools of kind `command`: each element of `command` is a template rendered into exactly one
//! argument (no shell, no word splitting), `stdin` a template written to the program's input,
//! `env` templates added to the allowlisted environment. The program's stdout is the result.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::config::Seg;

use super::compile::Compiler;
use super::process::{self, Run};
use super::{CustomSet, Host};

/// A compiled `command` tool (its templates live in the engine).
pub(super) struct CommandTool {
    argc: usize,
    stdin: bool,
    env: Vec<String>,
    base_dir: PathBuf,
    cwd: PathBuf,
}

pub(super) fn compile(c: &mut Compiler<'_>) -> CommandTool {
    let t = c.tool;
    for (i, arg) in t.command.iter().enumerate() {
        c.add(
            &format!("command{i}"),
            arg.as_str(),
            &[Seg::from("command"), Seg::Index(i)],
        );
    }
    if let Some(s) = &t.stdin {
        c.add("stdin", s, &[Seg::from("stdin")]);
    }
    for (k, v) in &t.env {
        c.add(
            &format!("env:{k}"),
            v.as_str(),
            &[Seg::from("env"), Seg::from(k.as_str())],
        );
    }
    CommandTool {
        argc: t.command.len(),
        stdin: t.stdin.is_some(),
        env: t.env.keys().cloned().collect(),
        base_dir: c.base_dir.to_path_buf(),
        cwd: c.dir(t.cwd.as_deref()),
    }
}

/// A program given as a relative path (`./tool.sh`) is relative to the definition file; bare
/// names (`wc`) are looked up on the PATH.
pub(super) fn resolve_program(program: &str, base_dir: &Path) -> String {
    if program.contains('/') && Path::new(program).is_relative() {
        base_dir.join(program).to_string_lossy().into_owned()
    } else {
        program.to_string()
    }
}

/// A text result; text that is a JSON object is also its `structuredContent`.
pub(super) fn text_result(text: &str) -> Value {
    let structured = match serde_json::from_str::<Value>(text.trim()) {
        Ok(v @ Value::Object(_)) => Some(v),
        _ => None,
    };
    let mut v = json!({ "content": [{ "type": "text", "text": text }] });
    if let Some(s) = structured {
        v["structuredContent"] = s;
    }
    v
}

impl CustomSet {
    /// Renders the env templates of a `command` or `python` tool.
    pub(super) async fn render_env(
        &self,
        tool: &str,
        names: &[String],
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<std::collections::BTreeMap<String, String>, String> {
        let mut env = std::collections::BTreeMap::new();
        for k in names {
            let v = self
                .render_part(tool, &format!("env:{k}"), vars, host, depth)
                .await?;
            env.insert(k.clone(), v);
        }
        Ok(env)
    }

    pub(super) async fn run_command(
        &self,
        tool: &str,
        spec: &CommandTool,
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Value, String> {
        let run = self.prepare_command(tool, spec, vars, host, depth).await?;
        let done = Box::pin(process::run(&run)).await?;
        if !done.status.success() {
            return Err(process::failure(&run.program, &done));
        }
        Ok(text_result(&String::from_utf8_lossy(&done.stdout)))
    }

    /// The program run, rendered.
    pub(super) async fn prepare_command(
        &self,
        tool: &str,
        spec: &CommandTool,
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Run, String> {
        let mut argv = Vec::with_capacity(spec.argc);
        for i in 0..spec.argc {
            let arg = self
                .render_part(tool, &format!("command{i}"), vars, host, depth)
                .await?;
            argv.push(arg);
        }
        let stdin = if spec.stdin {
            Some(
                self.render_part(tool, "stdin", vars, host, depth)
                    .await?
                    .into_bytes(),
            )
        } else {
            None
        };
        let env = self.render_env(tool, &spec.env, vars, host, depth).await?;
        let mut rest = argv.into_iter();
        let program = rest.next().unwrap_or_default();
        if program.trim().is_empty() {
            return Err("the program rendered empty".into());
        }
        Ok(Run {
            program: resolve_program(&program, &spec.base_dir),
            args: rest.collect(),
            stdin,
            env,
            cwd: spec.cwd.clone(),
        })
    }
}
