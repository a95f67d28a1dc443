//! JSON trees whose string leaves are templates (an HTTP tool's `json` body, a composite step's
//! `args`), and percent-encoding for values placed in URLs.

use serde_json::{Map, Value};

use super::compile::string_leaves;
use super::{CustomSet, Host};

/// The value a leaf that is exactly `{{ param.x }}` (or `config.x`, `steps.a.structured.b`)
/// stands for, kept as JSON (a number stays a number, a list a list); `None` for other leaves.
pub(super) fn whole_value(source: &str, vars: &Map<String, Value>) -> Option<Value> {
    let inner = source.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let mut parts = inner.split('.');
    let root = parts.next()?;
    if !matches!(root, "param" | "config" | "steps") {
        return None;
    }
    let mut v = vars.get(root)?;
    for p in parts {
        if !crate::config::custom::is_identifier(p) {
            return None;
        }
        v = v.get(p)?;
    }
    Some(v.clone())
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
            let value = match whole_value(source, vars) {
                Some(v) => v,
                None => Value::String(
                    self.render_part(tool, &format!("{prefix}{pointer}"), vars, host, depth)
                        .await?,
                ),
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
    use serde_json::json;

    #[test]
    fn whole_values_keep_their_type() {
        let vars =
            json!({"param": {"n": 3, "tags": ["a"]}, "steps": {"s": {"structured": {"id": 7}}}});
        let vars = vars.as_object().unwrap();
        assert_eq!(whole_value("{{ param.n }}", vars), Some(json!(3)));
        assert_eq!(whole_value("{{param.tags}}", vars), Some(json!(["a"])));
        assert_eq!(
            whole_value(" {{ steps.s.structured.id }} ", vars),
            Some(json!(7))
        );
        assert_eq!(whole_value("n={{ param.n }}", vars), None);
        assert_eq!(whole_value("{{ param.n + 1 }}", vars), None);
        assert_eq!(whole_value("{{ param.missing }}", vars), None);
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
