//! Tools of kind `python`, compatible with 1xn definitions: `code` defines `def main(...)`; a call
//! runs the interpreter (`python3`, or the tool's `python:`) on a small runner that executes the
//! code, calls `main(**arguments)` and writes the JSON of the returned value to the real stdout
//! (what the code itself prints goes to stderr, so it cannot corrupt the result).
//!
//! The parameters come from the `main` signature (`signature.rs`) unless explicit `params`
//! replace them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::config::Seg;
use crate::config::custom::ParamSpec;

use super::compiler::Compiler;
use super::program::{self, Run, resolve_program};
use super::render::Render;
use super::results::value_result;
use super::signature::main_signature;

/// The default interpreter.
pub(super) const DEFAULT_PYTHON: &str = "python3";

/// Reads `{"code", "name", "args"}` from stdin, runs `main(**args)` and writes
/// `{"result": …}` to the original stdout; fd 1 is pointed at stderr first.
const RUNNER: &str = r#"
import inspect, json, os, sys
def _vmcp_run():
    data = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)
    scope = {"__name__": "__vmcp_tool__"}
    exec(compile(data["code"], "<tool " + data["name"] + ">", "exec"), scope)
    main = scope.get("main")
    if not callable(main):
        raise SystemExit("the code defines no function `main`")
    result = main(**data["args"])
    if inspect.isawaitable(result):
        import asyncio
        async def _await():
            return await result
        result = asyncio.run(_await())
    sys.stdout.flush()
    json.dump({"result": result}, out, default=str)
    out.flush()
_vmcp_run()
"#;

/// A compiled `python` tool.
pub(super) struct PythonTool {
    interpreter: String,
    code: String,
    env: Vec<String>,
    base_dir: PathBuf,
    cwd: PathBuf,
}

pub(super) fn compile(c: &mut Compiler<'_>) -> (PythonTool, BTreeMap<String, ParamSpec>) {
    let t = c.tool;
    for (k, v) in &t.env {
        c.add(
            &format!("env:{k}"),
            v.as_str(),
            &[Seg::from("env"), Seg::from(k.as_str())],
        );
    }
    let code = t.code.clone().unwrap_or_default();
    let params = match main_signature(&code) {
        Ok(params) => params,
        Err(message) => {
            if t.code.is_some() {
                c.issue(
                    &[Seg::from("code")],
                    format!("python tool `{}`: {message}", t.name),
                    Some("define `def main(arg: str, …):` at the top level of `code`".into()),
                );
            }
            BTreeMap::new()
        }
    };
    let tool = PythonTool {
        interpreter: t.python.clone().unwrap_or_else(|| DEFAULT_PYTHON.into()),
        code,
        env: t.env.keys().cloned().collect(),
        base_dir: c.base_dir.to_path_buf(),
        cwd: c.dir(t.cwd.as_deref()),
    };
    (tool, params)
}

impl PythonTool {
    pub(super) async fn run(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
    ) -> Result<Value, String> {
        let (run, _) = self.prepare(r, vars).await?;
        let done = Box::pin(program::run(&run)).await?;
        if !done.status.success() {
            let mut msg = format!("python {}", program::describe_status(done.status));
            if !done.stderr_tail.is_empty() {
                msg.push_str(":\n");
                msg.push_str(&done.stderr_tail);
            }
            return Err(msg);
        }
        let result = serde_json::from_slice::<Value>(&done.stdout)
            .ok()
            .and_then(|mut v| v.get_mut("result").map(Value::take))
            .ok_or_else(|| "the python runner returned no result".to_string())?;
        Ok(value_result(result))
    }

    /// The interpreter run and the arguments `main` gets.
    pub(super) async fn prepare(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
    ) -> Result<(Run, Map<String, Value>), String> {
        let env = r.env(&self.env, vars).await?;
        // Absent optional arguments are left out, so `main`'s own defaults apply.
        let args: Map<String, Value> = vars
            .get("param")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let input = json!({ "code": self.code, "name": r.tool, "args": args });
        let run = Run {
            program: resolve_program(&self.interpreter, &self.base_dir),
            args: vec!["-c".into(), RUNNER.into()],
            stdin: Some(input.to_string().into_bytes()),
            env,
            cwd: self.cwd.clone(),
        };
        Ok((run, args))
    }
}
