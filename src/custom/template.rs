//! The sandboxed template engine: minijinja with strict undefined variables, no loader (so no
//! `include`, `import` or `extends`: the feature is not even compiled in), no auto-escaping,
//! bounded fuel (instructions per render), recursion and output size.
//!
//! ## Calls from templates: render until a call is pending, resolve it, render again
//!
//! `tool(server, name, args)`, `prompt(server, name, args)` and `resource(server, uri)` are
//! template functions, so they run only where rendering goes: a call in a false `{% if %}`
//! branch is never reached, hence never made. Rendering is synchronous while calls are async,
//! so a render runs until the first call whose result is not known yet; the function records
//! that call and aborts the render. The call is then made (awaited on the caller's task, with
//! no thread and no blocking), its result stored by sequence number, and the template is
//! rendered again from the start. A render is a pure function of its inputs and of the results
//! so far, so each re-render takes the same path up to the new call, finds the known results by
//! position (the n-th call of this render is the n-th call made) and continues past it.
//!
//! Why not run the render on a blocking thread that waits for each call? It needs a `'static`
//! host, a thread per render, and cannot be cancelled or timed out cleanly. Re-rendering costs
//! one render per call (bounded by [`Limits::max_calls`]), and templates are small.
//!
//! Results enter the render as values, never as template text: a parameter or a tool output
//! holding `{{ 7*7 }}` or `@tool.x.y()` is printed as written.

use std::io;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use minijinja::value::{Object, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use serde_json::{Map, Value as Json};

use super::{mention, stray};

/// Bounds of one render.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Instructions one render may execute.
    pub fuel: u64,
    /// Bytes of output.
    pub max_output: usize,
    /// Calls (tool, prompt, resource) one template may make.
    pub max_calls: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            fuel: 500_000,
            max_output: 1024 * 1024,
            max_calls: 32,
        }
    }
}

/// What a template asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    Tool,
    Prompt,
    Resource,
}

/// One call requested by a template. For resources `name` is the URI and `args` is empty.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub kind: CallKind,
    pub server: String,
    pub name: String,
    pub args: Map<String, Json>,
}

/// A template that does not compile: the 1-based line in the template and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompileError {
    pub line: Option<usize>,
    pub message: String,
}

/// Compiled templates, by name.
pub(crate) struct Engine {
    env: Environment<'static>,
    limits: Limits,
}

const CALLS: &str = "__vmcp_calls";

impl Engine {
    pub(crate) fn new(limits: Limits) -> Engine {
        // `new` brings the default filters, tests and globals (`range`, `dict`, `namespace`),
        // none of which touches the outside world.
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_fuel(Some(limits.fuel));
        env.set_recursion_limit(64);
        // An optional parameter that was not given is `none`: it prints as nothing, not "none".
        // Booleans print as in JSON (`true`, not Python's `True`): they end up in arguments,
        // URLs and bodies.
        env.set_formatter(|out, state, value| {
            if value.is_none() {
                Ok(())
            } else if value.kind() == minijinja::value::ValueKind::Bool {
                std::fmt::Write::write_str(out, if value.is_true() { "true" } else { "false" })
                    .map_err(Error::from)
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        env.add_function(
            "tool",
            |state: &State, server: String, name: String, args: Option<Value>| {
                call(state, CallKind::Tool, server, name, args)
            },
        );
        env.add_function(
            "prompt",
            |state: &State, server: String, name: String, args: Option<Value>| {
                call(state, CallKind::Prompt, server, name, args)
            },
        );
        env.add_function("resource", |state: &State, server: String, uri: String| {
            call(state, CallKind::Resource, server, uri, None)
        });
        Engine { env, limits }
    }

    /// Translates the mentions of `source` and compiles it under `name`.
    pub(crate) fn add(&mut self, name: &str, source: &str) -> Result<(), CompileError> {
        let translated = mention::translate(source).map_err(|e| CompileError {
            line: Some(e.line),
            message: format!("column {}: {}", e.column, e.message),
        })?;
        self.env
            .add_template_owned(name.to_string(), translated)
            .map_err(|e| {
                let mut message = describe(&e);
                if e.kind() == ErrorKind::SyntaxError
                    && let Some(stray) = stray::first_in_tag(source, e.line())
                {
                    message = format!("{message}: {}", stray.describe());
                }
                CompileError {
                    line: e.line(),
                    message,
                }
            })
    }

    /// Whether template `name` (as compiled) may call something: it names `tool(`, `prompt(` or
    /// `resource(` (a conservative test: a false positive only starts more than needed).
    pub(crate) fn may_call(&self, name: &str) -> bool {
        self.env.get_template(name).is_ok_and(|t| {
            let s = t.source();
            ["tool(", "prompt(", "resource("]
                .iter()
                .any(|f| s.contains(f))
        })
    }

    /// Renders `name` with `param` and `config`; `resolve` makes the calls the template reaches.
    pub(crate) async fn render<F, Fut>(
        &self,
        name: &str,
        param: &Map<String, Json>,
        config: &Map<String, Json>,
        resolve: F,
    ) -> Result<String, String>
    where
        F: Fn(Call) -> Fut,
        Fut: Future<Output = Result<String, String>>,
    {
        let mut vars = Map::new();
        vars.insert("param".into(), Json::Object(param.clone()));
        vars.insert("config".into(), Json::Object(config.clone()));
        self.render_vars(name, &vars, resolve).await
    }

    /// Renders `name` with the top-level variables `vars` (`param`, `config`, `steps`, …).
    pub(crate) async fn render_vars<F, Fut>(
        &self,
        name: &str,
        vars: &Map<String, Json>,
        resolve: F,
    ) -> Result<String, String>
    where
        F: Fn(Call) -> Fut,
        Fut: Future<Output = Result<String, String>>,
    {
        let template = self.env.get_template(name).map_err(|e| describe(&e))?;
        let log = Arc::new(Mutex::new(Log::default()));
        loop {
            let call = match self.render_once(&template, vars, &log) {
                Ok(call) => call,
                Err(done) => return done,
            };
            let result = resolve(call.clone()).await?;
            lock(&log).results.push((call, result));
        }
    }

    /// One render: `Ok` holds the call that stopped it, `Err` the finished output or failure.
    fn render_once(
        &self,
        template: &minijinja::Template<'_, '_>,
        vars: &Map<String, Json>,
        log: &Arc<Mutex<Log>>,
    ) -> Result<Call, Result<String, String>> {
        {
            let mut l = lock(log);
            l.next = 0;
            l.pending = None;
            l.max_calls = self.limits.max_calls;
        }
        let ctx = minijinja::context! {
            __vmcp_calls => Value::from_object(CallLog(Arc::clone(log))),
            ..Value::from_serialize(vars)
        };
        let mut out = Bounded {
            buf: Vec::new(),
            max: self.limits.max_output,
            overflow: false,
        };
        let rendered = template.render_captured_to(ctx, &mut out).map(drop);
        let pending = lock(log).pending.take();
        match (rendered, pending) {
            (Ok(()), _) => Err(Ok(String::from_utf8_lossy(&out.buf).into_owned())),
            (Err(_), Some(call)) => Ok(call),
            (Err(_), None) if out.overflow => Err(Err(format!(
                "the output is larger than {} bytes",
                self.limits.max_output
            ))),
            (Err(e), None) => Err(Err(match e.line() {
                Some(line) => format!("line {line}: {}", describe(&e)),
                None => describe(&e),
            })),
        }
    }
}

/// The text of an engine error, without minijinja's `(in template:line)` suffix.
fn describe(e: &Error) -> String {
    match e.kind() {
        ErrorKind::OutOfFuel => {
            "the template ran too long (instruction budget exhausted)".to_string()
        }
        kind => match e.detail() {
            Some(d) => format!("{kind}: {d}"),
            None => kind.to_string(),
        },
    }
}

#[derive(Debug, Default)]
struct Log {
    /// Results of the calls made so far, in call order.
    results: Vec<(Call, String)>,
    /// Calls made by the current render.
    next: usize,
    /// The call that stopped the current render.
    pending: Option<Call>,
    max_calls: usize,
}

fn lock(log: &Mutex<Log>) -> MutexGuard<'_, Log> {
    log.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Carries the log into the render; opaque to templates.
#[derive(Debug)]
struct CallLog(Arc<Mutex<Log>>);

impl Object for CallLog {
    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<calls>")
    }
}

fn call(
    state: &State,
    kind: CallKind,
    server: String,
    name: String,
    args: Option<Value>,
) -> Result<Value, Error> {
    let log = state
        .lookup(CALLS)
        .and_then(|v| v.downcast_object::<CallLog>())
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "calls are not available here"))?;
    let args = match args {
        None => Map::new(),
        Some(v) if v.is_none() || v.is_undefined() => Map::new(),
        Some(v) => match serde_json::to_value(&v) {
            Ok(Json::Object(m)) => m,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    "call arguments must be a mapping, e.g. {\"city\": param.city}",
                ));
            }
        },
    };
    let this = Call {
        kind,
        server,
        name,
        args,
    };
    let mut l = lock(&log.0);
    let index = l.next;
    l.next += 1;
    if let Some((made, result)) = l.results.get(index) {
        if *made != this {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "the template changed its calls between renders",
            ));
        }
        return Ok(Value::from(result.clone()));
    }
    if index >= l.max_calls {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("a template may make at most {} calls", l.max_calls),
        ));
    }
    l.pending = Some(this);
    Err(Error::new(ErrorKind::InvalidOperation, "call pending"))
}

/// Collects output, failing once it exceeds `max` bytes.
struct Bounded {
    buf: Vec<u8>,
    max: usize,
    overflow: bool,
}

impl io::Write for Bounded {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len() + data.len() > self.max {
            self.overflow = true;
            return Err(io::Error::other("output too large"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
