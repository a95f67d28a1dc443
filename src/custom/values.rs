//! JSON trees whose string leaves are templates (an HTTP tool's `json` body, a composite step's
//! `args`), and percent-encoding for values placed in URLs.

use serde_json::{Map, Value};

use crate::config::Seg;

/// The expression of a leaf that is exactly one `{{ … }}` and nothing else: such a leaf stands
/// for the expression's value, kept as JSON (`"{{ param.n }}"` stays a number, a list a list).
pub(super) fn single_expression(source: &str) -> Option<&str> {
    let inner = source.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    if inner.contains("{{") || inner.contains("}}") || inner.contains("{%") || inner.contains("{#")
    {
        return None;
    }
    let inner = inner.trim();
    (!inner.is_empty()).then_some(inner)
}

/// The part name of the typed variant of a leaf.
pub(super) fn typed_part(part: &str) -> String {
    format!("{part}#typed")
}

/// Percent-encodes everything but the unreserved characters of RFC 3986, so a value is one
/// path segment or query value whatever it holds (`/`, `?`, `#`, `&`, spaces…).
pub(super) fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// `vars` with every string or number under `param` percent-encoded (for rendering URLs).
pub(super) fn url_vars(vars: &Map<String, Value>) -> Map<String, Value> {
    let mut out = vars.clone();
    if let Some(Value::Object(param)) = out.get_mut("param") {
        for v in param.values_mut() {
            match v {
                Value::String(s) => *s = encode_component(s),
                Value::Number(n) => *v = Value::String(encode_component(&n.to_string())),
                _ => {}
            }
        }
    }
    out
}

/// The string leaves of a JSON value: (JSON pointer, text, issue path).
pub(super) fn string_leaves<'v>(
    value: &'v Value,
    path: &[Seg],
) -> Vec<(String, &'v str, Vec<Seg>)> {
    fn walk<'v>(
        v: &'v Value,
        pointer: &mut String,
        path: &mut Vec<Seg>,
        out: &mut Vec<(String, &'v str, Vec<Seg>)>,
    ) {
        match v {
            Value::String(s) => out.push((pointer.clone(), s, path.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    path.push(Seg::Index(i));
                    walk(item, pointer, path, out);
                    path.pop();
                    pointer.truncate(len);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    path.push(Seg::from(k.as_str()));
                    walk(item, pointer, path, out);
                    path.pop();
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut String::new(), &mut path.to_vec(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_expressions_are_recognised() {
        assert_eq!(single_expression("{{ param.n }}"), Some("param.n"));
        assert_eq!(
            single_expression(" {{- param.n | int -}} "),
            Some("param.n | int")
        );
        assert_eq!(single_expression("n={{ param.n }}"), None);
        assert_eq!(single_expression("{{ a }} {{ b }}"), None);
        assert_eq!(single_expression("{{ }}"), None);
    }

    #[test]
    fn components_are_fully_encoded() {
        assert_eq!(
            encode_component("a b/c?d#e&f=g"),
            "a%20b%2Fc%3Fd%23e%26f%3Dg"
        );
        assert_eq!(encode_component("é-_.~"), "%C3%A9-_.~");
    }
}
