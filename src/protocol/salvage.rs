//! Reading the `id` of a message that cannot be decoded: a line over the size limit, invalid
//! UTF-8, broken JSON. JSON-RPC wants such a message answered, and an answer without its id
//! reaches nobody (a client waits forever; a call to an upstream waits for its timeout), so the
//! top-level object is scanned byte by byte, fed in chunks as the bytes go by, keeping nothing
//! but the `id`'s text and whether a `method` was seen. Tolerant by design: it never fails, it
//! only finds less.

use super::message::RequestId;

/// An `id` longer than this is not kept (JSON-RPC ids are short; this bounds the memory).
const MAX_ID_BYTES: usize = 1024;
/// Keys longer than this cannot be `id` or `method`; only this many bytes are kept.
const MAX_KEY_BYTES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the top-level value.
    Start,
    /// Inside the top-level object, where a key or `}` may come.
    Key,
    /// Inside a key string.
    InKey { escaped: bool },
    /// After a key, before `:`.
    Colon,
    /// After `:`, before the value.
    Value,
    /// Inside a top-level string value.
    InString { escaped: bool },
    /// Inside a top-level number or literal.
    InScalar,
    /// Inside a nested object or array, `depth` levels down.
    Nested {
        depth: usize,
        in_string: bool,
        escaped: bool,
    },
    /// After a value, before `,` or `}`.
    Comma,
    /// The object ended, or the input is not an object: nothing more to learn.
    Done,
}

/// What the scan found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Salvaged {
    /// The `id`, when exactly one complete string or number was found.
    pub id: Option<RequestId>,
    /// Whether the object has a `method` key (a request or notification).
    pub has_method: bool,
    /// Whether it has a `result` or `error` key (with no `method`: an answer).
    pub has_outcome: bool,
}

impl Salvaged {
    /// An answer to a request, not a request: nobody may answer it.
    pub(crate) fn is_answer(&self) -> bool {
        self.has_outcome && !self.has_method
    }
}

/// An incremental scan of a message's top-level object.
#[derive(Debug, Clone)]
pub(crate) struct EnvelopeScan {
    state: State,
    key: Vec<u8>,
    key_len: usize,
    /// Whether the value being read belongs to the key `id`.
    in_id: bool,
    value: Vec<u8>,
    id: Option<Vec<u8>>,
    ids_seen: usize,
    has_method: bool,
    has_outcome: bool,
}

impl Default for EnvelopeScan {
    fn default() -> Self {
        EnvelopeScan {
            state: State::Start,
            key: Vec::with_capacity(MAX_KEY_BYTES),
            key_len: 0,
            in_id: false,
            value: Vec::new(),
            id: None,
            ids_seen: 0,
            has_method: false,
            has_outcome: false,
        }
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// After a top-level value: the next key, the end, or (anything else) a broken object.
fn after_value(b: u8) -> State {
    match b {
        b',' => State::Key,
        _ if is_ws(b) => State::Comma,
        _ => State::Done,
    }
}

impl EnvelopeScan {
    /// Scans a whole message at once.
    pub(crate) fn scan(bytes: &[u8]) -> Salvaged {
        let mut s = EnvelopeScan::default();
        s.push(bytes);
        s.finish()
    }

    /// Feeds the next bytes of the message.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            if self.state == State::Done {
                return;
            }
            // Long runs inside nested values are skipped a string or a bracket at a time.
            if let State::Nested {
                in_string,
                escaped: false,
                ..
            } = self.state
            {
                let rest = &bytes[i..];
                let skip = if in_string {
                    memchr::memchr2(b'"', b'\\', rest)
                } else {
                    rest.iter()
                        .position(|b| matches!(b, b'"' | b'{' | b'[' | b'}' | b']'))
                };
                match skip {
                    Some(n) => i += n,
                    None => return,
                }
            }
            self.step(bytes[i]);
            i += 1;
        }
    }

    fn step(&mut self, b: u8) {
        self.state = match self.state {
            State::Start if is_ws(b) => State::Start,
            State::Start if b == b'{' => State::Key,
            State::Key if is_ws(b) => State::Key,
            State::Key if b == b'"' => {
                self.key.clear();
                self.key_len = 0;
                State::InKey { escaped: false }
            }
            State::InKey { escaped: true } => {
                self.push_key(b);
                State::InKey { escaped: false }
            }
            State::InKey { escaped: false } if b == b'"' => State::Colon,
            State::InKey { escaped: false } => {
                self.push_key(b);
                State::InKey {
                    escaped: b == b'\\',
                }
            }
            State::Colon if is_ws(b) => State::Colon,
            State::Colon if b == b':' => {
                let key = &self.key[..];
                let whole = self.key_len == key.len();
                self.in_id = whole && key == b"id";
                self.has_method |= whole && key == b"method";
                self.has_outcome |= whole && (key == b"result" || key == b"error");
                if self.in_id {
                    self.ids_seen += 1;
                    self.value.clear();
                }
                State::Value
            }
            // Not an object, or not one any more: nothing more to learn.
            State::Start | State::Key | State::Colon | State::Done => State::Done,
            State::Value if is_ws(b) => State::Value,
            State::Value => {
                self.keep(b);
                match b {
                    b'"' => State::InString { escaped: false },
                    b'{' | b'[' => State::Nested {
                        depth: 1,
                        in_string: false,
                        escaped: false,
                    },
                    _ => State::InScalar,
                }
            }
            State::InString { escaped } => {
                self.keep(b);
                if escaped {
                    State::InString { escaped: false }
                } else if b == b'"' {
                    self.end_value();
                    State::Comma
                } else {
                    State::InString {
                        escaped: b == b'\\',
                    }
                }
            }
            State::InScalar if is_ws(b) || b == b',' || b == b'}' => {
                self.end_value();
                after_value(b)
            }
            State::InScalar => {
                self.keep(b);
                State::InScalar
            }
            State::Nested {
                depth,
                in_string: true,
                escaped,
            } => State::Nested {
                depth,
                in_string: escaped || b != b'"',
                escaped: !escaped && b == b'\\',
            },
            State::Nested { depth, .. } => match b {
                b'"' => State::Nested {
                    depth,
                    in_string: true,
                    escaped: false,
                },
                b'{' | b'[' => State::Nested {
                    depth: depth + 1,
                    in_string: false,
                    escaped: false,
                },
                b'}' | b']' if depth == 1 => {
                    self.in_id = false;
                    State::Comma
                }
                b'}' | b']' => State::Nested {
                    depth: depth - 1,
                    in_string: false,
                    escaped: false,
                },
                _ => self.state,
            },
            State::Comma => after_value(b),
        };
    }

    fn push_key(&mut self, b: u8) {
        self.key_len += 1;
        if self.key.len() < MAX_KEY_BYTES {
            self.key.push(b);
        }
    }

    fn keep(&mut self, b: u8) {
        if self.in_id {
            if self.value.len() < MAX_ID_BYTES {
                self.value.push(b);
            } else {
                // Too long to be an id anyone can use.
                self.in_id = false;
                self.value.clear();
            }
        }
    }

    fn end_value(&mut self) {
        if self.in_id {
            self.in_id = false;
            self.id = Some(std::mem::take(&mut self.value));
        }
    }

    /// What the bytes fed so far revealed.
    pub(crate) fn finish(&self) -> Salvaged {
        let id = match (&self.id, self.ids_seen) {
            (Some(text), 1) => std::str::from_utf8(text)
                .ok()
                .and_then(RequestId::from_json),
            _ => None,
        };
        Salvaged {
            id,
            has_method: self.has_method,
            has_outcome: self.has_outcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(bytes: &[u8]) -> Option<RequestId> {
        EnvelopeScan::scan(bytes).id
    }

    #[test]
    fn finds_the_id_wherever_it_is() {
        assert_eq!(
            id(br#"{"jsonrpc":"2.0","id":7,"method":"x"}"#),
            Some(RequestId::Number(7))
        );
        assert_eq!(
            id(br#"{"result":{"id":1,"a":[{"id":2}]},"id" : "abc" }"#),
            Some(RequestId::String("abc".into()))
        );
        assert_eq!(
            id(br#" {"id":"a\"b\\","x":1}"#),
            Some(RequestId::String("a\"b\\".into()))
        );
        assert_eq!(
            id(br#"{"id":18446744073709551616}"#),
            RequestId::from_json("18446744073709551616")
        );
    }

    #[test]
    fn tolerates_broken_input_but_never_guesses() {
        // Invalid UTF-8 and a truncated tail after the id: still found.
        assert_eq!(
            id(b"{\"id\":5,\"params\":{\"t\":\"\xff\xfe\"},\"method\":\"x\""),
            Some(RequestId::Number(5))
        );
        // A number cut short may be another number: not taken.
        assert_eq!(id(br#"{"method":"x","id":12"#), None);
        // Two ids: ambiguous.
        assert_eq!(id(br#"{"id":1,"id":2}"#), None);
        // Not an object, or an id of the wrong type.
        assert_eq!(id(br#"["2.0",8,"tools/call"]"#), None);
        assert_eq!(id(br#"{"id":true}"#), None);
        assert_eq!(id(br#"{"id":{"x":1}}"#), None);
        assert_eq!(id(b""), None);
    }

    #[test]
    fn chunks_give_the_same_answer() {
        let text = br#"{"jsonrpc":"2.0","params":{"s":"}{\"id\":9"},"method":"m","id":"q"}"#;
        for split in 0..text.len() {
            let mut s = EnvelopeScan::default();
            s.push(&text[..split]);
            s.push(&text[split..]);
            assert_eq!(
                s.finish(),
                Salvaged {
                    id: Some(RequestId::String("q".into())),
                    has_method: true,
                    has_outcome: false,
                },
                "split at {split}"
            );
        }
    }
}
