//! Modern callers' `subscriptions/listen` streams (2026-07-28). Each asks for some of the three
//! list kinds; vmcp acknowledges what it honours before anything else on the stream, then sends
//! each list change it announces to every stream that asked for that kind, tagged with the
//! stream's id (the listen request's JSON-RPC id). Resource subscriptions (`resourceSubscriptions`)
//! are held in `subscriptions.rs` like the legacy client's; the acknowledgement lists the URIs
//! vmcp could subscribe to (an unknown URI, or one whose server does not offer subscriptions, is
//! left out, as the revision prescribes), and each `resources/updated` for one of them reaches the
//! stream tagged.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::runtime::lock;
use crate::protocol::mcp::notification;
use crate::protocol::message::to_raw;
use crate::protocol::meta::key;
use crate::protocol::{Peer, RawObject, RequestId};
use crate::upstream::ListKind;

/// The notification announcing a change to `kind` (templates are resources).
pub(crate) fn list_changed(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Tools => notification::TOOLS_CHANGED,
        ListKind::Prompts => notification::PROMPTS_CHANGED,
        ListKind::Resources | ListKind::Templates => notification::RESOURCES_CHANGED,
    }
}

/// The filter field that asks for `kind`'s changes.
const FILTER: [(&str, ListKind); 3] = [
    ("toolsListChanged", ListKind::Tools),
    ("promptsListChanged", ListKind::Prompts),
    ("resourcesListChanged", ListKind::Resources),
];

struct Listener {
    /// The subscription id (the listen request's id), as JSON.
    id: Box<RawValue>,
    kinds: Vec<ListKind>,
    /// The resources it is subscribed to.
    uris: Vec<String>,
    reply: Peer,
}

#[derive(Default)]
pub(crate) struct Listeners {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next: u64,
    open: BTreeMap<u64, Listener>,
}

/// An open stream; dropping it closes it.
pub(crate) struct Listening<'a> {
    listeners: &'a Listeners,
    key: u64,
}

impl Drop for Listening<'_> {
    fn drop(&mut self) {
        lock(&self.listeners.state).open.remove(&self.key);
    }
}

/// `notifications` of a listen request: the kinds asked for (true), in filter order.
fn requested(filter: &Map<String, Value>) -> Vec<ListKind> {
    FILTER
        .iter()
        .filter(|(field, _)| filter.get(*field) == Some(&Value::Bool(true)))
        .map(|(_, kind)| *kind)
        .collect()
}

/// A notification's params carrying only the subscription id in `_meta`, plus `extra`.
fn tagged(id: &RawValue, extra: Option<(&str, &Value)>) -> Box<RawValue> {
    let mut meta = RawObject::new();
    meta.set(key::SUBSCRIPTION_ID, id.to_owned());
    let mut params = RawObject::new();
    params.set_value("_meta", &meta);
    if let Some((k, v)) = extra {
        params.set_value(k, v);
    }
    to_raw(&params)
}

impl Listeners {
    /// A key for a stream about to open (its resource subscriptions are held under it first).
    pub(crate) fn reserve(&self) -> u64 {
        let mut s = lock(&self.state);
        s.next += 1;
        s.next
    }

    /// Opens stream `key` for the listen request `id` on `reply`, asking for `filter`'s lists
    /// and subscribed to `uris`, and acknowledges it: the acknowledgement is written before any
    /// announcement to it.
    pub(crate) fn open(
        &self,
        key: u64,
        id: &RequestId,
        filter: &Map<String, Value>,
        uris: Vec<String>,
        reply: Peer,
    ) -> Listening<'_> {
        let kinds = requested(filter);
        let mut accepted: Map<String, Value> = FILTER
            .iter()
            .filter(|(_, kind)| kinds.contains(kind))
            .map(|(field, _)| ((*field).to_string(), Value::Bool(true)))
            .collect();
        if !uris.is_empty() {
            accepted.insert("resourceSubscriptions".into(), uris.clone().into());
        }
        let id = to_raw(id);
        let mut s = lock(&self.state);
        reply.notify_raw(
            notification::SUBSCRIPTIONS_ACKNOWLEDGED,
            Some(tagged(
                &id,
                Some(("notifications", &Value::Object(accepted))),
            )),
        );
        s.open.insert(
            key,
            Listener {
                id,
                kinds,
                uris,
                reply,
            },
        );
        Listening {
            listeners: self,
            key,
        }
    }

    /// Passes an upstream's `resources/updated` to every stream subscribed to its URI, tagged.
    pub(crate) fn resource_updated(&self, params: Option<&RawValue>) {
        let Ok(params) = RawObject::parse(params) else {
            return;
        };
        let Some(uri) = params.get_str("uri") else {
            return;
        };
        let s = lock(&self.state);
        for l in s.open.values().filter(|l| l.uris.contains(&uri)) {
            let mut p = params.clone();
            let mut meta = p
                .get("_meta")
                .and_then(|m| RawObject::parse(Some(m)).ok())
                .unwrap_or_default();
            meta.set(key::SUBSCRIPTION_ID, l.id.clone());
            p.set_value("_meta", &meta);
            l.reply
                .notify_raw(notification::RESOURCE_UPDATED, Some(to_raw(&p)));
        }
    }

    /// Tells every stream that asked for `kind` that it changed.
    pub(crate) fn announce(&self, kind: ListKind) {
        let kind = match kind {
            ListKind::Templates => ListKind::Resources,
            k => k,
        };
        let s = lock(&self.state);
        for l in s.open.values().filter(|l| l.kinds.contains(&kind)) {
            l.reply
                .notify_raw(list_changed(kind), Some(tagged(&l.id, None)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_true_list_fields_are_asked_for() {
        let filter = serde_json::json!({
            "promptsListChanged": true,
            "toolsListChanged": true,
            "resourcesListChanged": false,
            "resourceSubscriptions": ["test://x"],
        });
        let kinds = requested(filter.as_object().unwrap());
        assert_eq!(kinds, vec![ListKind::Tools, ListKind::Prompts]);
    }

    #[test]
    fn notifications_carry_the_subscription_id_as_sent() {
        let id = RawValue::from_string(r#""listen-1""#.into()).unwrap();
        assert_eq!(
            tagged(&id, None).get(),
            r#"{"_meta":{"io.modelcontextprotocol/subscriptionId":"listen-1"}}"#
        );
    }
}
