//! JSON trees whose string leaves are templates (an HTTP tool's `json` body, a composite step's
//! `args`), and percent-encoding for values placed in URLs.

use serde_json::{Map, Value};

use super::compile::string_leaves;
use super::{CustomSet, Host};

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

impl CustomSet {
    /// Renders every string leaf of `tree` (compiled as part `PREFIX` + its JSON pointer).
    pub(super) async fn render_tree(
        &self,
        tool: &str,
        prefix: &str,
        tree: &Value,
        vars: &Map<String, Value>,
        host: &dyn Host,
        depth: usize,
    ) -> Result<Value, String> {
        let mut out = tree.clone();
        for (pointer, source, _) in string_leaves(tree, &[]) {
            let part = format!("{prefix}{pointer}");
            let value = if single_expression(source).is_some() {
                let json = self
                    .render_part(tool, &typed_part(&part), vars, host, depth)
                    .await?;
                serde_json::from_str(&json).unwrap_or(Value::String(json))
            } else {
                Value::String(self.render_part(tool, &part, vars, host, depth).await?)
            };
            match out.pointer_mut(&pointer) {
                Some(slot) => *slot = value,
                None => out = value,
            }
        }
        Ok(out)
    }
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
