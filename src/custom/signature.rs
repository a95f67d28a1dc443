//! The parameters of a `python` tool, read from the signature of its `main` in Rust when the
//! definition loads (no interpreter needed then): `str`, `int`, `float`, `bool`, `list`, `dict`
//! annotations map to JSON types, a literal default makes a parameter optional.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::config::custom::{ParamSpec, ParamType};

/// One parameter of `main` as written.
#[derive(Debug, Clone, PartialEq)]
struct PyParam {
    name: String,
    annotation: Option<String>,
    default: Option<String>,
}

/// The parameters of the top-level `def main(...)` of `code`, as tool parameters.
pub(super) fn main_signature(code: &str) -> Result<BTreeMap<String, ParamSpec>, String> {
    let params = parse_main(code)?;
    Ok(params
        .into_iter()
        .map(|p| (p.name.clone(), to_spec(&p)))
        .collect())
}

fn to_spec(p: &PyParam) -> ParamSpec {
    let default = p.default.as_deref().map(literal);
    let kind = match (&p.annotation, &default) {
        (Some(a), _) => annotation_type(a),
        // Unannotated: the type of a literal default, else a string (as 1xn does).
        (None, Some(Some(v))) => value_type(v),
        (None, _) => ParamType::String,
    };
    let mut spec = ParamSpec {
        kind: Some(kind),
        ..ParamSpec::default()
    };
    match default {
        None => {}
        Some(Some(v)) if !v.is_null() && kind.accepts(&v) => spec.default = Some(v),
        // `None`, an expression, or a value of another type: optional, `main` supplies it.
        Some(_) => spec.required = Some(false),
    }
    spec
}

fn value_type(v: &Value) -> ParamType {
    match v {
        Value::Bool(_) => ParamType::Boolean,
        Value::Number(n) if n.is_f64() => ParamType::Number,
        Value::Number(_) => ParamType::Integer,
        Value::Array(_) => ParamType::Array,
        Value::Object(_) => ParamType::Object,
        _ => ParamType::String,
    }
}

/// `int` → integer, `Optional[list[str]]` → array, `dict | None` → object; unknown → string.
fn annotation_type(a: &str) -> ParamType {
    let a = a.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    let a = a.strip_prefix("typing.").unwrap_or(a);
    if let Some(inner) = a
        .strip_prefix("Optional[")
        .and_then(|r| r.strip_suffix(']'))
    {
        return annotation_type(inner);
    }
    let parts = split_top(a, '|');
    if parts.len() > 1 {
        let real: Vec<&str> = parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| *p != "None")
            .collect();
        return match real.as_slice() {
            [one] => annotation_type(one),
            _ => ParamType::String,
        };
    }
    let base = a.split('[').next().unwrap_or(a).trim();
    match base {
        "int" => ParamType::Integer,
        "float" => ParamType::Number,
        "bool" => ParamType::Boolean,
        "list" | "List" | "tuple" | "Tuple" | "Sequence" | "set" | "Set" => ParamType::Array,
        "dict" | "Dict" | "Mapping" => ParamType::Object,
        _ => ParamType::String,
    }
}

/// A Python literal as JSON (`None` → null); `None` when it is not a plain literal.
fn literal(text: &str) -> Option<Value> {
    let t = text.trim();
    match t {
        "None" => return Some(Value::Null),
        "True" => return Some(Value::Bool(true)),
        "False" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Some(s) = string_literal(t) {
        return Some(Value::String(s));
    }
    match serde_json::from_str::<Value>(t) {
        Ok(v @ (Value::Number(_) | Value::Array(_) | Value::Object(_))) => Some(v),
        _ => None,
    }
}

/// `'…'` or `"…"` (with the common escapes); not raw, byte or f-strings.
fn string_literal(t: &str) -> Option<String> {
    let quote = t.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let body = t.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                c @ ('\\' | '\'' | '"') => out.push(c),
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c if c == quote => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Finds the top-level `def main(` (or `async def main(`) and parses its parameter list.
fn parse_main(code: &str) -> Result<Vec<PyParam>, String> {
    let mut offset = 0;
    let mut start = None;
    for line in code.split_inclusive('\n') {
        let rest = line.strip_prefix("async ").map_or(line, str::trim_start);
        if let Some(after_def) = rest.strip_prefix("def ")
            && let Some(after_main) = after_def.trim_start().strip_prefix("main")
            && after_main.trim_start().starts_with('(')
        {
            let open = line.len() - after_main.trim_start().len();
            start = Some(offset + open + 1);
            break;
        }
        offset += line.len();
    }
    let start = start.ok_or("the code defines no top-level `def main(…)`")?;
    let list = parameter_list(&code[start..])?;
    let mut out = Vec::new();
    for piece in split_top(&list, ',') {
        let piece = piece.trim();
        if piece.is_empty() || piece == "/" || piece == "*" || piece.starts_with('*') {
            continue;
        }
        let (head, default) = match find_top(piece, '=') {
            Some(i) => (&piece[..i], Some(piece[i + 1..].trim().to_string())),
            None => (piece, None),
        };
        let (name, annotation) = match find_top(head, ':') {
            Some(i) => (head[..i].trim(), Some(head[i + 1..].trim().to_string())),
            None => (head.trim(), None),
        };
        if !crate::config::custom::is_identifier(name) {
            return Err(format!("cannot read the parameter `{piece}` of `main`"));
        }
        out.push(PyParam {
            name: name.to_string(),
            annotation,
            default,
        });
    }
    Ok(out)
}

/// The text up to the `)` closing the list (comments removed).
fn parameter_list(text: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '#' => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                out.push(c);
            }
            ')' if depth == 0 => return Ok(out),
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Err("the parameter list of `main` is not closed".into())
}

/// Byte index of the first `ch` outside brackets and strings.
fn find_top(s: &str, ch: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            c if c == ch && depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = find_top(rest, sep) {
        out.push(&rest[..i]);
        rest = &rest[i + sep.len_utf8()..];
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema(code: &str) -> Value {
        super::super::params::input_schema(&main_signature(code).unwrap())
    }

    #[test]
    fn the_main_signature_becomes_the_schema() {
        let code = "import os\n\ndef helper(x):\n    pass\n\ndef main(word: str, n: int = 2, ratio: float = 0.5,\n         flag: bool = False,  # a comment, (with a paren\n         tags: list[str] = [], opts: Optional[dict] = None,\n         label='a, b', *rest, other, **kw) -> str:\n    return word\n";
        assert_eq!(
            schema(code),
            json!({
                "type": "object",
                "properties": {
                    "flag": {"type": "boolean", "default": false},
                    "label": {"type": "string", "default": "a, b"},
                    "n": {"type": "integer", "default": 2},
                    "opts": {"type": "object"},
                    "other": {"type": "string"},
                    "ratio": {"type": "number", "default": 0.5},
                    "tags": {"type": "array", "default": []},
                    "word": {"type": "string"},
                },
                "required": ["other", "word"],
                "additionalProperties": false,
            })
        );
    }

    #[test]
    fn unannotated_and_unusual_parameters() {
        let s =
            schema("async def main(a, b=3, c=os.sep, d: 'int' = 1, e: int | None = None):\n  pass");
        assert_eq!(s["properties"]["a"]["type"], "string");
        assert_eq!(
            s["properties"]["b"],
            json!({"type": "integer", "default": 3})
        );
        assert_eq!(s["properties"]["c"], json!({"type": "string"}));
        assert_eq!(
            s["properties"]["d"],
            json!({"type": "integer", "default": 1})
        );
        assert_eq!(s["properties"]["e"], json!({"type": "integer"}));
        assert_eq!(s["required"], json!(["a"]));
    }

    #[test]
    fn code_without_main_is_refused() {
        for code in [
            "def helper(x):\n  return x",
            "class A:\n    def main(self):\n        pass",
            "def main(x:\n",
        ] {
            assert!(main_signature(code).is_err(), "{code}");
        }
        assert!(
            main_signature("def main():\n  return 1")
                .unwrap()
                .is_empty()
        );
    }
}
