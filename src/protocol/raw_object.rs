//! A JSON object parsed one level deep: keys in order, values kept as raw JSON text. Forwarding a
//! request only touches a key or two (`name`, `_meta`), so tool arguments are never parsed or
//! re-serialized: they pass through byte for byte, and cost nothing however large they are.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::message::{ErrorObject, to_raw};

#[derive(Debug, Default, Clone)]
pub struct RawObject(Vec<(String, Box<RawValue>)>);

/// Equal when the keys, their order and every value's JSON text are the same.
impl PartialEq for RawObject {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get())
    }
}

/// Hashes what equality compares.
impl std::hash::Hash for RawObject {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.len().hash(state);
        for (k, v) in &self.0 {
            k.hash(state);
            v.get().hash(state);
        }
    }
}

impl RawObject {
    pub fn new() -> RawObject {
        RawObject(Vec::new())
    }

    /// Parses request params; absent or `null` params are an empty object.
    pub fn parse(params: Option<&RawValue>) -> Result<RawObject, ErrorObject> {
        match params {
            None => Ok(RawObject::new()),
            Some(raw) if raw.get().trim() == "null" => Ok(RawObject::new()),
            Some(raw) => serde_json::from_str(raw.get()).map_err(|e| {
                ErrorObject::invalid_params(if raw.get().trim_start().starts_with('{') {
                    format!("invalid params: {e}")
                } else {
                    "params must be an object".to_string()
                })
            }),
        }
    }

    /// Builds one from a parsed object (for messages vmcp writes itself).
    pub fn from_map(map: Map<String, Value>) -> RawObject {
        RawObject(map.into_iter().map(|(k, v)| (k, to_raw(&v))).collect())
    }

    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }

    /// The value at `key` if it is a JSON string.
    pub fn get_str(&self, key: &str) -> Option<String> {
        self.get(key)
            .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
    }

    /// The value at `key` parsed as an object (absent or not an object: `None`).
    pub(crate) fn get_object(&self, key: &str) -> Option<Map<String, Value>> {
        self.get(key)
            .and_then(|raw| serde_json::from_str::<Map<String, Value>>(raw.get()).ok())
    }

    /// Sets `key`, keeping its position if it exists.
    pub fn set(&mut self, key: &str, value: Box<RawValue>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    pub(crate) fn set_value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.set(key, to_raw(value));
    }

    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// Renames keys where they stand, all at once (`(from, to)` pairs, so `a`↔`b` swaps).
    pub(crate) fn rename_keys(&mut self, renames: &[(&str, &str)]) {
        for slot in &mut self.0 {
            if let Some((_, to)) = renames.iter().find(|(from, _)| *from == slot.0) {
                slot.0 = (*to).to_string();
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys and raw values, in order.
    pub(crate) fn into_entries(self) -> impl Iterator<Item = (String, Box<RawValue>)> {
        self.0.into_iter()
    }
}

/// An object with one key set, as [`RawObject::with`] makes it.
pub(crate) struct With<'a, T: ?Sized> {
    object: &'a RawObject,
    key: &'a str,
    value: &'a T,
}

impl RawObject {
    /// `self` with `key` set to `value` (where it stands, else last), to serialize: what
    /// [`RawObject::set_value`] and serializing give, without copying the object.
    pub(crate) fn with<'a, T: Serialize + ?Sized>(
        &'a self,
        key: &'a str,
        value: &'a T,
    ) -> With<'a, T> {
        With {
            object: self,
            key,
            value,
        }
    }
}

impl<T: Serialize + ?Sized> Serialize for With<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let entries = &self.object.0;
        let present = entries.iter().any(|(k, _)| k == self.key);
        let mut m = s.serialize_map(Some(entries.len() + usize::from(!present)))?;
        for (k, v) in entries {
            if k == self.key {
                m.serialize_entry(k, self.value)?;
            } else {
                m.serialize_entry(k, &**v)?;
            }
        }
        if !present {
            m.serialize_entry(self.key, self.value)?;
        }
        m.end()
    }
}

impl Serialize for RawObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, &**v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawObject, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    out.push((k, v));
                }
                Ok(RawObject(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> Box<RawValue> {
        RawValue::from_string(s.to_string()).unwrap()
    }

    #[test]
    fn keeps_values_verbatim_and_order() {
        let text =
            r#"{"name":"echo","arguments":{"z":1,  "a":[1, 2]},"_meta":{"progressToken":"t"}}"#;
        let mut o = RawObject::parse(Some(&raw(text))).unwrap();
        assert_eq!(o.get_str("name").as_deref(), Some("echo"));
        o.set_value("name", "renamed");
        let meta = o.get_object("_meta").unwrap();
        assert_eq!(meta["progressToken"], "t");
        assert!(o.remove("_meta").is_some());
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"name":"renamed","arguments":{"z":1,  "a":[1, 2]}}"#
        );
    }

    #[test]
    fn with_serializes_as_set_value_does() {
        let o = RawObject::parse(Some(&raw(r#"{"a":1,"name":"x","b":[2]}"#))).unwrap();
        for (key, value) in [("name", "y\"z"), ("new", "v")] {
            let mut set = o.clone();
            set.set_value(key, value);
            assert_eq!(
                serde_json::to_string(&o.with(key, value)).unwrap(),
                serde_json::to_string(&set).unwrap()
            );
        }
    }

    #[test]
    fn absent_null_and_non_objects() {
        assert!(RawObject::parse(None).unwrap().is_empty());
        assert!(RawObject::parse(Some(&raw("null"))).unwrap().is_empty());
        let e = RawObject::parse(Some(&raw("[1]"))).unwrap_err();
        assert_eq!(e.message, "params must be an object");
        assert!(RawObject::parse(Some(&raw("\"text\""))).is_err());
    }
}
