//! Results: the `CallToolResult` a tool returns (its text, structured when it is a JSON object),
//! and what a template sees of a call's result: its text. Structured results stay JSON; errors
//! and binary contents are errors, never text spliced into the output.

use serde_json::{Value, json};

use super::template::{Call, CallKind};

/// A text result.
pub(super) fn text(text: &str) -> Value {
    json!({ "content": [{ "type": "text", "text": text }] })
}

/// A text result; text that is a JSON object is also its `structuredContent`.
pub(super) fn text_result(text: &str) -> Value {
    let structured = match serde_json::from_str::<Value>(text.trim()) {
        Ok(v @ Value::Object(_)) => Some(v),
        _ => None,
    };
    let mut v = self::text(text);
    if let Some(s) = structured {
        v["structuredContent"] = s;
    }
    v
}

/// The result of a value: its text (a string as is, anything else as JSON), and the value itself
/// as `structuredContent` when it is an object.
pub(super) fn value_result(value: Value) -> Value {
    let text = match &value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut v = self::text(&text);
    if value.is_object() {
        v["structuredContent"] = value;
    }
    v
}

pub(super) fn describe_call(call: &Call) -> String {
    match call.kind {
        CallKind::Tool => format!("tool `{}.{}`", call.server, call.name),
        CallKind::Prompt => format!("prompt `{}.{}`", call.server, call.name),
        CallKind::Resource => format!("resource `{}` of `{}`", call.name, call.server),
    }
}

fn texts<'a>(items: impl Iterator<Item = &'a Value>) -> Vec<&'a str> {
    items
        .filter_map(|c| c.get("text").and_then(Value::as_str))
        .collect()
}

/// The text blocks of a `CallToolResult` (its `structuredContent` as JSON when there are none).
pub(super) fn tool_text(v: &Value) -> Result<String, String> {
    let content = v.get("content").and_then(Value::as_array);
    let text = texts(content.into_iter().flatten()).join("\n");
    if v.get("isError").and_then(Value::as_bool) == Some(true) {
        return Err(format!("returned an error: {text}"));
    }
    match v.get("structuredContent") {
        Some(s) if text.is_empty() => Ok(s.to_string()),
        _ => Ok(text),
    }
}

/// The text of a `GetPromptResult`'s messages.
pub(super) fn prompt_text(v: &Value) -> String {
    let messages = v.get("messages").and_then(Value::as_array);
    texts(
        messages
            .into_iter()
            .flatten()
            .filter_map(|m| m.get("content")),
    )
    .join("\n\n")
}

/// The text of a `ReadResourceResult`; binary contents are an error.
pub(super) fn resource_text(v: &Value) -> Result<String, String> {
    let contents: Vec<&Value> = v
        .get("contents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    if contents.iter().any(|c| c.get("text").is_none()) {
        return Err("is binary, which a template cannot include".into());
    }
    Ok(texts(contents.into_iter()).join("\n"))
}
