//! The text form of `search_tools` results: for each tool, best first, its exposed name, what
//! it does and its arguments, compact enough to read at a glance and complete enough to call
//! the tool without the structured copy (some clients show the model only the text).

use std::fmt::Write as _;

use serde_json::Value;

/// Longest description shown for a tool or an argument (cut at a sentence end before this).
const TOOL_TEXT: usize = 200;
const ARGUMENT_TEXT: usize = 90;
/// Enumerated values shown per argument.
const ENUM_VALUES: usize = 8;

/// Renders `tools` (definitions with exposed names, best first) found for `query`.
pub fn render_results(query: &str, tools: &[&Value]) -> String {
    if tools.is_empty() {
        return format!(
            "No tool matches \"{query}\". Search again with other words for what the tool \
             does or what it works on."
        );
    }
    let mut out = format!(
        "Tools for \"{query}\", best first. Call one with call_tool \
         {{\"name\": …, \"arguments\": {{…}}}}; * marks a required argument.\n"
    );
    for (i, tool) in tools.iter().enumerate() {
        let text = |key: &str| tool.get(key).and_then(Value::as_str).unwrap_or("");
        let mut what = first_sentence(text("description"), TOOL_TEXT);
        if what.is_empty() {
            what = text("title");
        }
        let _ = write!(out, "{}. {}", i + 1, text("name"));
        if !what.is_empty() {
            let _ = write!(out, ": {what}");
        }
        out.push('\n');
        let args = arguments(tool.get("inputSchema").unwrap_or(&Value::Null));
        if !args.is_empty() {
            let _ = writeln!(out, "   arguments: {}", args.join("; "));
        }
    }
    out
}

/// `name* (type): what it is [one|two]` for each top-level property of `schema`.
fn arguments(schema: &Value) -> Vec<String> {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    props
        .iter()
        .map(|(name, prop)| {
            let mut arg = name.clone();
            if required.contains(&name.as_str()) {
                arg.push('*');
            }
            if let Some(ty) = type_of(prop) {
                let _ = write!(arg, " ({ty})");
            }
            let what = prop
                .get("description")
                .or_else(|| prop.get("title"))
                .and_then(Value::as_str)
                .map(|d| first_sentence(d, ARGUMENT_TEXT))
                .unwrap_or_default();
            if !what.is_empty() {
                let _ = write!(arg, ": {what}");
            }
            if let Some(values) = prop.get("enum").and_then(Value::as_array) {
                let shown: Vec<String> = values
                    .iter()
                    .take(ENUM_VALUES)
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect();
                let more = if values.len() > ENUM_VALUES {
                    "|…"
                } else {
                    ""
                };
                let _ = write!(arg, " [{}{more}]", shown.join("|"));
            }
            arg
        })
        .collect()
}

/// `string`, `integer|null`, `array of string`…
fn type_of(prop: &Value) -> Option<String> {
    let ty = match prop.get("type")? {
        Value::String(s) => s.clone(),
        Value::Array(list) => list
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("|"),
        _ => return None,
    };
    let item = prop.pointer("/items/type").and_then(Value::as_str);
    Some(match (ty.as_str(), item) {
        ("array", Some(item)) => format!("array of {item}"),
        _ => ty,
    })
}

/// The first sentence of `text` (up to `.`, `!` or `?` before a space, or a newline), cut at
/// a word boundary to at most `max` bytes when still longer.
pub(crate) fn first_sentence(text: &str, max: usize) -> &str {
    let text = text.trim();
    let bytes = text.as_bytes();
    let stop = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .find(|&i| bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace))
        .unwrap_or(text.len());
    let mut end = memchr::memchr(b'\n', &bytes[..stop]).unwrap_or(stop);
    if end > max {
        end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(space) = text[..end].rfind(' ') {
            end = space;
        }
    }
    text[..end].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn results_show_name_purpose_and_arguments() {
        let tool = json!({
            "name": "docs_docx_to_pdf",
            "description": "Convert DOCX files to PDF format. Keeps images.",
            "inputSchema": {"type": "object", "required": ["inputPath"], "properties": {
                "inputPath": {"type": "string", "description": "Path of the .docx file."},
                "quality": {"type": ["string", "null"], "enum": ["low", "high"]},
                "pages": {"type": "array", "items": {"type": "integer"}}
            }}
        });
        let bare = json!({"name": "time_now", "title": "Current time"});
        let text = render_results("docx to pdf", &[&tool, &bare]);
        assert_eq!(
            text,
            "Tools for \"docx to pdf\", best first. Call one with call_tool {\"name\": …, \
             \"arguments\": {…}}; * marks a required argument.\n\
             1. docs_docx_to_pdf: Convert DOCX files to PDF format\n   \
             arguments: inputPath* (string): Path of the .docx file; quality (string|null) \
             [low|high]; pages (array of integer)\n\
             2. time_now: Current time\n"
        );
    }

    #[test]
    fn no_results_say_what_to_do() {
        let text = render_results("zebra", &[]);
        assert!(text.starts_with("No tool matches \"zebra\""), "{text}");
    }

    #[test]
    fn first_sentences() {
        let cases = [
            ("One. Two.", 100, "One"),
            ("Version 2.3 is out. Yes", 100, "Version 2.3 is out"),
            ("line one\nline two", 100, "line one"),
            ("  padded  ", 100, "padded"),
            ("a long sentence without end", 12, "a long"),
            ("日本語のテキスト", 7, "日本"),
            ("", 10, ""),
        ];
        for (text, max, want) in cases {
            assert_eq!(first_sentence(text, max), want, "{text:?}");
        }
    }
}
