//! Tools of kind `command`: each element of `command` is a template rendered into exactly one
//! argument (no shell, no word splitting), `stdin` a template written to the program's input,
//! `env` templates added to the allowlisted environment (see `program.rs`). The program's stdout
//! is the result.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::config::Seg;

use super::compiler::Compiler;
use super::program::{self, Run, resolve_program};
use super::render::Render;
use super::results::text_result;

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

impl CommandTool {
    pub(super) async fn run(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
    ) -> Result<Value, String> {
        let run = self.prepare(r, vars).await?;
        let done = Box::pin(program::run(&run)).await?;
        if !done.status.success() {
            return Err(program::failure(&run.program, &done));
        }
        Ok(text_result(&String::from_utf8_lossy(&done.stdout)))
    }

    /// The program run, rendered.
    pub(super) async fn prepare(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
    ) -> Result<Run, String> {
        let mut argv = Vec::with_capacity(self.argc);
        for i in 0..self.argc {
            let arg = r.part(&format!("command{i}"), vars).await?;
            argv.push(arg);
        }
        let stdin = if self.stdin {
            Some(r.part("stdin", vars).await?.into_bytes())
        } else {
            None
        };
        let env = r.env(&self.env, vars).await?;
        let mut rest = argv.into_iter();
        let program = rest.next().unwrap_or_default();
        if program.trim().is_empty() {
            return Err("the program rendered empty".into());
        }
        Ok(Run {
            program: resolve_program(&program, &self.base_dir),
            args: rest.collect(),
            stdin,
            env,
            cwd: self.cwd.clone(),
        })
    }
}
