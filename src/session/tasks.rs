//! The tasks extension (`io.modelcontextprotocol/tasks`, SEP-2663) through vmcp, between modern
//! (2026-07-28) callers and modern upstreams. A caller that declares the extension on a request
//! has that declaration relayed with the request; an upstream that advertises the extension may
//! then answer a `tools/call` with a task (`resultType: "task"`), which reaches the caller
//! verbatim. vmcp records which upstream holds each task and for which caller ([`Tasks`]), so
//! the caller's `tasks/get`, `tasks/update` and `tasks/cancel` reach that upstream with the task
//! id unchanged (ids are never rewritten: HTTP gateways route on `Mcp-Name: <taskId>`).
//!
//! - A caller that does not declare the extension gets −32021 on `tasks/*` before anything is
//!   looked up (and on a listen that asks for `taskIds`).
//! - An id vmcp did not hand to this caller is an unknown task: −32602. Callers authenticated by
//!   `vmcp serve` see only their own tasks.
//! - `tasks/result` and `tasks/list` are not part of the extension: −32601 (`dispatch.rs`).
//!
//! The table lives in memory: a vmcp that restarts forgets its tasks (a stdio upstream, restarted
//! with it, has lost them too). It holds at most [`MAX_TASKS`]; when it is full, tasks past
//! their `ttlMs` go first, then the oldest.
//!
//! Legacy (2025-11-25) callers cannot declare the extension, so vmcp never lets an upstream
//! answer them with a task; 2025-11-25's experimental tasks are not bridged.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::error::SessionError;
use super::forward::CallContext;
use super::routing::Target;
use super::runtime::{Session, lock};
use crate::protocol::mcp::extension;
use crate::protocol::{ErrorObject, RawObject, codes};

/// The most tasks one session remembers.
pub(crate) const MAX_TASKS: usize = 10_000;

/// Whether `capabilities` (a caller's, or an upstream's) declare the tasks extension.
pub(super) fn declared(capabilities: &Map<String, Value>) -> bool {
    settings(capabilities).is_some()
}

/// The tasks extension's settings in `capabilities`, if declared.
fn settings(capabilities: &Map<String, Value>) -> Option<&Value> {
    capabilities
        .get("extensions")
        .and_then(|e| e.get(extension::TASKS))
        .filter(|s| s.is_object())
}

/// `relayed` (the capabilities vmcp passes on with one request) plus the caller's declaration
/// of the tasks extension, when it made one: only then may the upstream answer with a task.
pub(super) fn relay(
    declared: &Map<String, Value>,
    mut relayed: Map<String, Value>,
) -> Map<String, Value> {
    if let Some(s) = settings(declared) {
        let extensions = relayed.entry("extensions").or_insert_with(|| json!({}));
        if let Value::Object(e) = extensions {
            e.insert(extension::TASKS.into(), s.clone());
        }
    }
    relayed
}

/// The answer to a caller that uses tasks without declaring the extension.
pub(super) fn undeclared(what: &str) -> ErrorObject {
    ErrorObject {
        code: codes::MISSING_REQUIRED_CLIENT_CAPABILITY,
        message: format!(
            "Missing required client capability: {what} needs the {} extension in the request's \
             `_meta` clientCapabilities.extensions",
            extension::TASKS
        ),
        data: Some(json!({
            "requiredCapabilities": { "extensions": { extension::TASKS: {} } }
        })),
    }
}

/// What vmcp reads of a `CreateTaskResult`.
struct Created {
    id: String,
    ttl: Option<Duration>,
}

/// The task `result` creates, when it is a `CreateTaskResult`.
fn created(result: &RawValue) -> Option<Created> {
    /// Only these fields: serde skips the rest of a (possibly large) result without keeping it.
    #[derive(Deserialize)]
    struct Fields {
        #[serde(rename = "resultType")]
        result_type: Option<String>,
        #[serde(rename = "taskId")]
        task_id: Option<String>,
        #[serde(rename = "ttlMs", default)]
        ttl_ms: Option<Value>,
    }
    let f: Fields = serde_json::from_str(result.get()).ok()?;
    if f.result_type.as_deref() != Some("task") {
        return None;
    }
    Some(Created {
        id: f.task_id?,
        ttl: f
            .ttl_ms
            .as_ref()
            .and_then(Value::as_u64)
            .map(Duration::from_millis),
    })
}

/// Who holds one task, and for whom.
struct Held {
    upstream: usize,
    caller: Option<Arc<str>>,
    /// When its `ttlMs` (as created) runs out: from then on it may make room for others.
    expires: Option<Instant>,
}

/// The tasks of one session: task id → the upstream that created it and the caller it was
/// created for.
#[derive(Default)]
pub(super) struct Tasks {
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    held: HashMap<String, Held>,
    /// Ids in the order recorded (the oldest goes first when room is needed).
    order: VecDeque<String>,
}

impl Table {
    /// Room for one more: expired tasks leave, then the oldest while still full.
    fn make_room(&mut self, now: Instant) {
        self.held.retain(|_, h| h.expires.is_none_or(|at| at > now));
        let held = &self.held;
        self.order.retain(|id| held.contains_key(id));
        while self.held.len() >= MAX_TASKS {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            self.held.remove(&oldest);
        }
    }
}

impl Tasks {
    /// Records the task `result` creates (if it is a task), held by `upstream` for `caller`.
    fn record(&self, result: &RawValue, upstream: usize, caller: Option<Arc<str>>) {
        let Some(task) = created(result) else {
            return;
        };
        let now = Instant::now();
        let mut t = lock(&self.table);
        match t.held.get(&task.id) {
            Some(h) if h.upstream != upstream => tracing::warn!(
                task = %task.id,
                "two servers handed out the same task id; it now reaches the later one"
            ),
            Some(_) => {}
            None => {
                if t.held.len() >= MAX_TASKS {
                    t.make_room(now);
                }
                t.order.push_back(task.id.clone());
            }
        }
        t.held.insert(
            task.id,
            Held {
                upstream,
                caller,
                expires: task.ttl.map(|ttl| now + ttl),
            },
        );
    }

    /// The upstream holding task `id`, when it was created for `caller`.
    fn route(&self, id: &str, caller: Option<&Arc<str>>) -> Option<usize> {
        lock(&self.table)
            .held
            .get(id)
            .filter(|h| h.caller.as_ref() == caller)
            .map(|h| h.upstream)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        lock(&self.table).held.len()
    }
}

impl Session {
    /// Notes the task a `tools/call` answer of upstream `index` created, if any (only upstreams
    /// that advertise the extension are read: the others create none).
    pub(super) fn note_task(
        &self,
        index: usize,
        upstream_capabilities: &Map<String, Value>,
        result: &RawValue,
        caller: Option<Arc<str>>,
    ) {
        if declared(upstream_capabilities) {
            self.tasks.record(result, index, caller);
        }
    }

    /// `tasks/get`, `tasks/update` or `tasks/cancel` of a caller that declared the extension:
    /// sent to the upstream holding the task, as it came.
    pub(super) async fn task_request(
        &self,
        m: &str,
        params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let Some(id) = params.get_str("taskId") else {
            return Err(SessionError::InvalidParams(format!(
                "{m} needs a string `taskId`"
            )));
        };
        match self.tasks.route(&id, ctx.caller.as_ref()) {
            Some(index) => self.send(Target::Upstream(index), m, params, ctx).await,
            None => Err(SessionError::UnknownTask(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    fn task(id: &str, ttl: &str) -> Box<RawValue> {
        raw(&format!(
            r#"{{"resultType":"task","taskId":"{id}","status":"working","ttlMs":{ttl}}}"#
        ))
    }

    #[test]
    fn only_task_results_are_recorded_and_each_caller_sees_its_own() {
        let tasks = Tasks::default();
        let alice: Option<Arc<str>> = Some(Arc::from("alice"));
        tasks.record(&raw(r#"{"content":[],"taskId":"x"}"#), 0, None);
        tasks.record(&raw(r#"{"resultType":"task"}"#), 0, None);
        tasks.record(&raw("[1]"), 0, None);
        assert_eq!(tasks.len(), 0);
        tasks.record(&task("t1", "null"), 1, None);
        tasks.record(&task("t2", "60000"), 2, alice.clone());
        assert_eq!(tasks.route("t1", None), Some(1));
        assert_eq!(tasks.route("t2", alice.as_ref()), Some(2));
        assert_eq!(tasks.route("t2", None), None);
        assert_eq!(tasks.route("t1", alice.as_ref()), None);
        assert_eq!(tasks.route("t3", None), None);
    }

    #[test]
    fn a_full_table_drops_expired_tasks_first_then_the_oldest() {
        let tasks = Tasks::default();
        tasks.record(&task("keep", "null"), 0, None);
        tasks.record(&task("expired", "0"), 0, None);
        for i in 2..MAX_TASKS {
            tasks.record(&task(&format!("t{i}"), "null"), 0, None);
        }
        assert_eq!(tasks.len(), MAX_TASKS);
        tasks.record(&task("new", "null"), 0, None);
        assert_eq!(tasks.len(), MAX_TASKS);
        assert_eq!(tasks.route("expired", None), None);
        assert_eq!(tasks.route("keep", None), Some(0));
        tasks.record(&task("newer", "null"), 0, None);
        assert_eq!(tasks.route("keep", None), None, "the oldest made room");
        assert_eq!(tasks.route("new", None), Some(0));
        assert_eq!(tasks.route("newer", None), Some(0));
    }

    #[test]
    fn the_extension_is_relayed_only_when_declared() {
        let caps = |v: Value| v.as_object().cloned().unwrap();
        let declaring = caps(json!({"extensions": {extension::TASKS: {}, "x/y": {}}, "roots": {}}));
        let relayed = relay(&declaring, caps(json!({"roots": {}})));
        assert_eq!(
            Value::Object(relayed),
            json!({"roots": {}, "extensions": {extension::TASKS: {}}})
        );
        let with_ui = relay(
            &declaring,
            caps(json!({"extensions": {extension::UI: {"a": 1}}})),
        );
        assert_eq!(
            Value::Object(with_ui),
            json!({"extensions": {extension::UI: {"a": 1}, extension::TASKS: {}}})
        );
        assert!(declared(&declaring));
        let silent = caps(json!({"extensions": {"x/y": {}}}));
        assert!(!declared(&silent));
        assert_eq!(Value::Object(relay(&silent, Map::new())), json!({}));
        let e = undeclared("tasks/get");
        assert_eq!(e.code, -32021);
        assert_eq!(
            e.data,
            Some(json!({"requiredCapabilities": {"extensions": {extension::TASKS: {}}}}))
        );
    }
}
