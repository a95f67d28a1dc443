//! The `${env:…}` values of a vMCP's `config`, and a request's credentials, kept out of what vmcp
//! itself says about its custom tools: `--render-only` output (printed to a terminal) and the
//! errors of `http` tools (which the model reads, and whose server may echo the request). What a
//! template renders into a result is the user's design and is left alone.

use std::collections::BTreeMap;

use serde_json::Value;

use super::values::encode_component;
use crate::config::Scalar;

/// What a hidden value is shown as.
pub(super) const HIDDEN: &str = "<hidden>";
/// Shorter values are not hidden: replacing every `1` of a message would garble it, and a value
/// that short protects nothing.
const MIN_LEN: usize = 4;

/// Values never shown, as written and percent-encoded (as they appear in URLs).
#[derive(Debug, Clone, Default)]
pub(super) struct Secrets(Vec<String>);

impl Secrets {
    /// The expanded values of the `config` entries whose definition reads `${env:…}`.
    pub(super) fn of_config(
        raw: &BTreeMap<String, Scalar>,
        values: &BTreeMap<String, String>,
    ) -> Secrets {
        let mut s = Secrets::default();
        for (name, written) in raw {
            if written.as_str().contains("${env:")
                && let Some(v) = values.get(name)
            {
                s.add(v);
            }
        }
        s
    }

    /// These and `more`.
    pub(super) fn with<'a>(&self, more: impl IntoIterator<Item = &'a str>) -> Secrets {
        let mut s = self.clone();
        for v in more {
            s.add(v);
        }
        s
    }

    fn add(&mut self, value: &str) {
        if value.chars().count() < MIN_LEN {
            return;
        }
        let encoded = encode_component(value);
        for v in [value.to_string(), encoded] {
            if !self.0.contains(&v) {
                self.0.push(v);
            }
        }
        // Longest first, so a value that contains another is hidden whole.
        self.0.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// `text` with every secret replaced by [`HIDDEN`].
    pub(super) fn hide(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.0 {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), HIDDEN);
            }
        }
        out
    }

    /// Every string (and key) of `value`, hidden.
    pub(super) fn hide_json(&self, value: &mut Value) {
        if self.0.is_empty() {
            return;
        }
        match value {
            Value::String(s) => *s = self.hide(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.hide_json(v)),
            Value::Object(map) => {
                let entries = std::mem::take(map);
                for (k, mut v) in entries {
                    self.hide_json(&mut v);
                    map.insert(self.hide(&k), v);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_values_of_config_are_hidden_as_written_and_encoded() {
        let raw: BTreeMap<String, Scalar> = [
            ("KEY".to_string(), Scalar::from("${env:K}")),
            ("BOT".to_string(), Scalar::from("sitara")),
            ("PIN".to_string(), Scalar::from("${env:P}")),
        ]
        .into();
        let values: BTreeMap<String, String> = [
            ("KEY".to_string(), "s3 cr/t".to_string()),
            ("BOT".to_string(), "sitara".to_string()),
            ("PIN".to_string(), "42".to_string()),
        ]
        .into();
        let s = Secrets::of_config(&raw, &values);
        assert_eq!(
            s.hide("k=s3 cr/t u=s3%20cr%2Ft bot=sitara pin=42"),
            "k=<hidden> u=<hidden> bot=sitara pin=42"
        );
        let mut v = serde_json::json!({"a": ["x s3 cr/t"], "s3 cr/t": 1});
        s.with(["sitara"]).hide_json(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["x <hidden>"], "<hidden>": 1}));
    }
}
