use super::*;

fn ok(src: &str) -> String {
    translate(src).unwrap_or_else(|e| panic!("{src}: {e:?}"))
}

#[test]
fn params_config_and_plain_text() {
    assert_eq!(
        ok("Hi @param.who, bot=@config.BOT."),
        "Hi {{ param.who }}, bot={{ config.BOT }}."
    );
    // Not mentions: glued to a word, unknown keyword, keyword without a dot.
    for same in [
        "me@param.org",
        "@user.x",
        "@tool is nice",
        "a @ b",
        "ü@tool.x.y()",
    ] {
        assert_eq!(ok(same), same);
    }
}

#[test]
fn calls_with_nested_parentheses_and_escapes() {
    assert_eq!(
        ok("@tool.weather.get_forecast(city=param.city)"),
        r#"{{ tool("weather", "get_forecast", {"city": param.city}) }}"#
    );
    assert_eq!(
        ok(
            r#"@tool.a.b(x="say \"hi\" (twice)\n", n=-2.5, ok=true, no=None, l=[1, 'a)', config.K], y: str = 'q')"#
        ),
        r#"{{ tool("a", "b", {"x": "say \"hi\" (twice)\n", "n": -2.5, "ok": true, "no": none, "l": [1, "a)", config.K], "y": "q"}) }}"#
    );
    assert_eq!(
        ok("@tool.a.b(x=@tool.c.d(y=@param.p), z=@prompt.vmcp.greet(name=\"B\"))!"),
        r#"{{ tool("a", "b", {"x": tool("c", "d", {"y": param.p}), "z": prompt("vmcp", "greet", {"name": "B"})}) }}!"#
    );
    assert_eq!(
        ok("read @resource.vmcp.notes://team/a-b.md. Done"),
        r#"read {{ resource("vmcp", "notes://team/a-b.md") }}. Done"#
    );
    assert_eq!(ok("@prompt.s.p()"), r#"{{ prompt("s", "p", {}) }}"#);
}

#[test]
fn template_syntax_is_left_alone_and_lines_are_kept() {
    let src = "{# @tool.a.b() #}{{ '@param.x' }}{% if x == '%}' %}@param.y{% endif %}\
               {% raw %}@tool.a.b(){% endraw %}@param.z";
    assert_eq!(
        ok(src),
        "{# @tool.a.b() #}{{ '@param.x' }}{% if x == '%}' %}{{ param.y }}{% endif %}\
         {% raw %}@tool.a.b(){% endraw %}{{ param.z }}"
    );
    assert_eq!(
        ok("@tool.a.b(\n  x=1,\n  y=2)\nline4"),
        "{{ tool(\"a\", \"b\", {\"x\": 1, \"y\": 2})\n\n }}\nline4"
    );
}

#[test]
fn bad_syntax_is_reported_with_its_position() {
    let cases = [
        ("x\n  @tool.a.b(x=1", 2, 12, "unclosed `(`"),
        ("@tool.a.b", 1, 10, "expected `(`"),
        ("@tool.a.b(x=\"abc)", 1, 13, "unclosed string"),
        ("@tool.a.b(1)", 1, 11, "expected an argument name"),
        ("@tool.a.b(x 1)", 1, 13, "expected `=` after argument `x`"),
        ("@tool.a.b(x=1 y=2)", 1, 15, "expected `,` or `)`"),
        ("@tool.a.b(x=1, x=2)", 1, 16, "argument `x` is given twice"),
        ("@tool.a.b(x=foo)", 1, 13, "unknown value `foo`"),
        ("@tool.a.b(x='\\q')", 1, 14, "unknown escape `\\q`"),
        ("@tool.a.b(x=[1, 2)", 1, 18, "expected `,` or `]`"),
        ("@param.1", 1, 8, "expected a name after `@param.`"),
        ("@tool.a.b(x=1-2)", 1, 13, "`1-2` is not a number"),
        ("@resource..x", 1, 11, "expected `@resource.SERVER.…`"),
    ];
    for (src, line, column, message) in cases {
        let e = translate(src).unwrap_err();
        assert_eq!((e.line, e.column), (line, column), "{src}: {e:?}");
        assert!(e.message.contains(message), "{src}: {e:?}");
    }
}

#[test]
fn quote_round_trips_control_characters() {
    assert_eq!(quote("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#);
}

#[test]
fn non_ascii_inside_tags_and_arguments_is_never_cut_in_half() {
    for c in [
        '\u{a0}', '\u{2014}', '\u{2265}', '\u{200b}', '\u{feff}', 'é', '😀',
    ] {
        for src in [
            format!("{{{{ param.x {c} }}}}"),
            format!("{{{{ param.x{c}}}}}"),
            format!("{{% if x {c}%}}y{{% endif %}}"),
            format!("{{{{ '\\{c}' }}}} @param.x"),
            format!("{{% raw {c}%}}@param.x{{% endraw {c}%}}"),
            format!("{{# {c} #}}@param.x{c}"),
        ] {
            let out = ok(&src);
            assert!(out.contains(c), "{src:?} → {out:?}");
        }
        // Unicode whitespace between arguments is whitespace.
        assert_eq!(
            translate(&format!("@tool.a.b({c}x=1,{c}y=2{c})"))
                .is_ok_and(|t| t.contains(r#"{"x": 1, "y": 2}"#)),
            c.is_whitespace(),
            "{c:?}"
        );
    }
    assert_eq!(
        ok("@tool.a.b(x=1,\u{a0}y=2\u{3000})"),
        r#"{{ tool("a", "b", {"x": 1, "y": 2}) }}"#
    );
}

#[test]
fn a_unicode_escape_takes_four_hex_digits_and_nothing_else() {
    assert_eq!(
        ok(r#"@tool.a.b(x="\u00e9")"#),
        r#"{{ tool("a", "b", {"x": "é"}) }}"#
    );
    for bad in [
        r#"@tool.a.b(x="\u+0e9")"#,
        r#"@tool.a.b(x="\u00")"#,
        "@tool.a.b(x=\"\\u00\u{e9}\")",
    ] {
        let e = translate(bad).expect_err(bad);
        assert!(e.message.contains("four hex digits"), "{bad}: {e:?}");
    }
}
