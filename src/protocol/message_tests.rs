use super::*;
use crate::protocol::envelope::decode;
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
fn rejects_malformed_input_with_the_right_code_and_the_id_when_readable() {
    // (input, code, the id in the error, whether it is an answer)
    let cases: &[(&[u8], i64, Option<RequestId>, bool)] = &[
        (b"{not json", codes::PARSE_ERROR, None, false),
        (b"[1,2]", codes::INVALID_REQUEST, None, false),
        (br#"{"jsonrpc":"2.0"}"#, codes::INVALID_REQUEST, None, false),
        (
            br#"{"jsonrpc":"1.0","id":1,"method":"x"}"#,
            codes::INVALID_REQUEST,
            Some(RequestId::Number(1)),
            false,
        ),
        (
            br#"{"jsonrpc":"2.0","id":3,"result":1,"error":{}}"#,
            codes::INVALID_REQUEST,
            Some(RequestId::Number(3)),
            true,
        ),
        (
            br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
            codes::INVALID_REQUEST,
            None,
            false,
        ),
        // Another field of the wrong type does not hide the id.
        (
            br#"{"jsonrpc":"2.0","id":"s","method":5}"#,
            codes::INVALID_REQUEST,
            Some(RequestId::String("s".into())),
            false,
        ),
        (
            br#"{"jsonrpc":2,"id":18446744073709551616,"method":"x"}"#,
            codes::INVALID_REQUEST,
            RequestId::from_json("18446744073709551616"),
            false,
        ),
        // Not JSON at all, yet the id is there to be read.
        (
            b"{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"t\":\"\xff\"}}",
            codes::PARSE_ERROR,
            Some(RequestId::Number(9)),
            true,
        ),
        (
            br#"{"jsonrpc":"2.0","id":4,"method":"x","method":"y"}"#,
            codes::INVALID_REQUEST,
            Some(RequestId::Number(4)),
            false,
        ),
        // An array is never a message, whatever its items say.
        (
            br#"["2.0", 8, "tools/call", {"name":"x"}]"#,
            codes::INVALID_REQUEST,
            None,
            false,
        ),
    ];
    for (input, code, id, answer) in cases {
        let what = String::from_utf8_lossy(input);
        let e = decode(input).unwrap_err();
        assert_eq!(e.error.code, *code, "{what}: {}", e.error.message);
        assert_eq!(&e.id, id, "{what}");
        assert_eq!(e.answer, *answer, "{what}");
    }
    let e = decode(b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xc3\"}").unwrap_err();
    assert_eq!(e.error.message, "the message is not valid UTF-8 (byte 34)");
}

#[test]
fn any_number_or_string_is_an_id_and_goes_back_as_written() {
    for id in [
        "7",
        "-9223372036854775808",
        "18446744073709551616",
        "1.5",
        "1e3",
        "-0",
        "1E+400",
        r#""a\"b é""#,
    ] {
        let line = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"ping"}}"#);
        let Ok(Message::Request(r)) = decode(line.as_bytes()) else {
            panic!("{line}")
        };
        let out = encode_response_line(Some(&r.id), &Outcome::Result(empty_object()));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{{}}}}\n"),
        );
    }
    // A string id is its value: escapes are the writer's choice.
    assert_eq!(
        RequestId::from_json(r#""\u00e9""#),
        Some(RequestId::String("é".into()))
    );
    assert_eq!(RequestId::from_json("1.0"), RequestId::from_json("1.0"));
    assert_ne!(RequestId::from_json("1.0"), Some(RequestId::Number(1)));
    for not_an_id in ["null", "true", "[1]", "{}", "01", "1.", "-", "\"x"] {
        assert_eq!(RequestId::from_json(not_an_id), None, "{not_an_id}");
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
fn one_line_without_touching_a_value() {
    let pretty = "{\n  \"n\": [1.50, 1e3, -0.0,\r\n 123456789012345678901234567890],\n\t\"s\": \"a \\\" b\\n\\u00e9 \\\\\"\n}";
    let msg = Message::Response(Response {
        id: RequestId::Number(1),
        outcome: Outcome::Result(RawValue::from_string(pretty.into()).unwrap()),
    });
    assert_eq!(
        line(&msg),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"n\":[1.50,1e3,-0.0,123456789012345678901234567890],\"s\":\"a \\\" b\\n\\u00e9 \\\\\"}}\n"
    );
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

#[test]
fn deep_nesting_never_exhausts_the_stack() {
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(100_000), close.repeat(100_000));
    // Params are kept raw (skipped without recursion): whoever reads them decides.
    let in_params = format!(
        r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{}}}"#,
        deep("[", "]")
    );
    let Ok(Message::Request(r)) = decode(in_params.as_bytes()) else {
        panic!("a request")
    };
    assert_eq!(r.params.unwrap().get().len(), 200_000);
    let e = decode(deep("[", "]").as_bytes()).unwrap_err();
    assert_eq!((e.error.code, e.id), (codes::INVALID_REQUEST, None));
    let e = decode(deep(r#"{"a":"#, "}").as_bytes()).unwrap_err();
    assert_eq!(e.id, None);
}
