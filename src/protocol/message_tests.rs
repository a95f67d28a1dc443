use super::*;
use pretty_assertions::assert_eq;

fn line(msg: &Message) -> String {
    String::from_utf8(encode(msg)).unwrap()
}

#[test]
fn decodes_the_three_kinds() {
    match decode(br#"{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"cursor":"x"}}"#)
        .unwrap()
    {
        Message::Request(r) => {
            assert_eq!(r.id, RequestId::Number(7));
            assert_eq!(r.method, "tools/list");
            assert_eq!(r.params.unwrap().get(), r#"{"cursor":"x"}"#);
        }
        other => panic!("{other:?}"),
    }
    match decode(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).unwrap() {
        Message::Notification(n) => assert_eq!(n.method, "notifications/initialized"),
        other => panic!("{other:?}"),
    }
    match decode(br#"{"jsonrpc":"2.0","id":"a","result":{"z":1,"a":2}}"#).unwrap() {
        Message::Response(Response {
            id,
            outcome: Outcome::Result(r),
        }) => {
            assert_eq!(id, RequestId::String("a".into()));
            assert_eq!(r.get(), r#"{"z":1,"a":2}"#);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn rejects_malformed_input_with_the_right_code() {
    let cases: [(&[u8], i64, bool); 7] = [
        (b"{not json", codes::PARSE_ERROR, false),
        (b"[1,2]", codes::INVALID_REQUEST, false),
        (br#"{"jsonrpc":"2.0"}"#, codes::INVALID_REQUEST, false),
        (
            br#"{"jsonrpc":"1.0","id":1,"method":"x"}"#,
            codes::INVALID_REQUEST,
            true,
        ),
        (
            br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            codes::INVALID_REQUEST,
            false,
        ),
        (
            br#"{"jsonrpc":"2.0","id":3,"result":1,"error":{}}"#,
            codes::INVALID_REQUEST,
            true,
        ),
        (
            br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
            codes::INVALID_REQUEST,
            false,
        ),
    ];
    for (input, code, has_id) in cases {
        let e = decode(input).unwrap_err();
        assert_eq!(e.error.code, code, "{}", String::from_utf8_lossy(input));
        assert_eq!(e.id.is_some(), has_id, "{}", String::from_utf8_lossy(input));
    }
}

#[test]
fn encodes_one_line_per_message() {
    let pretty = RawValue::from_string("{\n  \"a\": 1\n}".into()).unwrap();
    let msg = Message::Response(Response {
        id: RequestId::Number(1),
        outcome: Outcome::Result(pretty),
    });
    assert_eq!(
        line(&msg),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1}}\n"
    );
    let n = Message::Notification(Notification {
        method: "m".into(),
        params: None,
    });
    assert_eq!(line(&n), "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}\n");
}

#[test]
fn error_responses_without_id_say_null() {
    let out = encode_response_line(
        None,
        &Outcome::error(&ErrorObject::new(codes::PARSE_ERROR, "bad")),
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"bad\"}}\n"
    );
}

#[test]
fn params_object_accepts_absent_and_null() {
    assert!(params_object(None).unwrap().is_empty());
    let null = RawValue::from_string("null".into()).unwrap();
    assert!(params_object(Some(&null)).unwrap().is_empty());
    let arr = RawValue::from_string("[1]".into()).unwrap();
    assert_eq!(
        params_object(Some(&arr)).unwrap_err().code,
        codes::INVALID_PARAMS
    );
}
