//! Non-ASCII characters inside templates (a pasted no-break space, an em dash, `≥`, a zero-width
//! space, a byte order mark) through the real binary: `check`, `stdio`, `tools list`, `call` and
//! `import` either accept the template or report a located error (exit 3) — never a panic.

use serde_json::Value;

use crate::harness::{HANDSHAKE, Home, run_vmcp, run_vmcp_stdin};

/// The characters, as YAML double-quoted escapes and as text.
const HOSTILE: [(&str, &str); 5] = [
    ("\\u00a0", "\u{a0}"),
    ("\\u2014", "\u{2014}"),
    ("\\u2265", "\u{2265}"),
    ("\\u200b", "\u{200b}"),
    ("\\ufeff", "\u{feff}"),
];

/// Where a template sits in a definition, each on line 8 of the file.
#[derive(Clone, Copy, Debug)]
enum Place {
    Tool,
    Prompt,
    Instructions,
}

/// A definition whose template at `place` is `template` (a YAML double-quoted scalar's body);
/// the other templates are plain.
fn definition(place: Place, template: &str) -> String {
    let (tool, prompt, instructions) = match place {
        Place::Tool => (template, "p", "i"),
        Place::Prompt => ("t", template, "i"),
        Place::Instructions => ("t", "p", template),
    };
    format!(
        "servers: {{}}\nvmcps:\n  v:\n    servers: []\n    config: {{ BOT: b }}\n    tools:\n      - name: t\n        template: \"{tool}\"\n        kind: prompt\n        params: {{ x: {{ type: string }} }}\n    prompts:\n      - name: p\n        template: \"{prompt}\"\n        arguments: [{{ name: x, required: false }}]\n    instructions: \"{instructions}\"\n"
    )
}

/// The line of the template at `place` in [`definition`].
fn line_of(place: Place) -> usize {
    match place {
        Place::Tool => 8,
        Place::Prompt => 13,
        Place::Instructions => 15,
    }
}

fn assert_no_panic(what: &str, code: i32, err: &str) {
    assert!(
        !err.contains("panicked") && code != 101,
        "{what}: exit {code}: {err}"
    );
}

/// Exit 0, or exit 3 with the template's file:line.
fn assert_accepted_or_located(what: &str, place: Place, code: i32, err: &str) {
    assert_no_panic(what, code, err);
    match code {
        0 => {}
        3 => assert!(
            err.contains(&format!("vmcp.yaml:{}:", line_of(place))) && err.contains("U+"),
            "{what}: the error is not located at line {} or does not name the character: {err}",
            line_of(place)
        ),
        other => panic!("{what}: exit {other}: {err}"),
    }
}

/// `vmcp stdio` with an initialize, a tools/list, a call and a prompt on stdin, then EOF: (exit,
/// stdout messages, stderr).
fn stdio_session(home: &Home) -> (i32, Vec<Value>, String) {
    let input = format!(
        "{HANDSHAKE}{}\n{}\n",
        r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"t","arguments":{"x":"1"}}}"#,
        r#"{"jsonrpc":"2.0","id":4,"method":"prompts/get","params":{"name":"p","arguments":{"x":"1"}}}"#,
    );
    let (code, out, err) = run_vmcp_stdin(&["stdio", "--vmcp", "v"], home.dir.path(), &input);
    let lines = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("stdout carries JSON-RPC only"))
        .collect();
    (code, lines, err)
}

/// Every command that opens the vMCP, on one definition.
fn exercise(place: Place, template: &str) {
    let home = Home::new();
    home.config(&definition(place, template));
    let dir = home.dir.path();
    let what = |cmd: &str| format!("{cmd} with {place:?} template {template:?}");
    let (code, _, err) = run_vmcp(&["check", "--offline"], dir);
    assert_accepted_or_located(&what("check"), place, code, &err);
    let checked = code;
    let (code, _, err) = run_vmcp(&["tools", "list", "--vmcp", "v"], dir);
    assert_accepted_or_located(&what("tools list"), place, code, &err);
    assert_eq!(code, checked, "{}: {err}", what("tools list"));
    let (code, _, err) = run_vmcp(&["call", "--vmcp", "v", "t", "x=1"], dir);
    assert_no_panic(&what("call"), code, &err);
    let (code, lines, err) = stdio_session(&home);
    assert_accepted_or_located(&what("stdio"), place, code, &err);
    if checked == 0 {
        assert!(
            lines.iter().any(|m| m["id"] == 4),
            "{}: no answer to every request: {lines:?} {err}",
            what("stdio")
        );
    } else {
        assert!(lines.is_empty(), "{}: {lines:?}", what("stdio"));
    }
    // The same file imported into the store: refused as `check` refuses it (nothing stored),
    // or accepted, and every command that opens the stored vMCP answers without a panic.
    let file = home.path("import.yaml");
    std::fs::write(&file, definition(place, template)).unwrap();
    std::fs::remove_file(home.path("vmcp.yaml")).unwrap();
    let (code, _, err) = run_vmcp(&["import", file.to_str().unwrap()], dir);
    assert_eq!(code, checked, "{}: {err}", what("import"));
    assert_accepted_or_located(
        &what("import"),
        place,
        code,
        &err.replace("import.yaml", "vmcp.yaml"),
    );
    for args in [
        &["tools", "list", "--vmcp", "v"][..],
        &["call", "--vmcp", "v", "t", "x=1"],
        &["check", "--offline"],
    ] {
        let (code, _, err) = run_vmcp(args, dir);
        assert_no_panic(&what(&format!("{args:?} after import")), code, &err);
    }
}

#[test]
fn non_ascii_inside_a_tag_is_accepted_or_located_never_a_panic() {
    for (escaped, text) in HOSTILE {
        for place in [Place::Tool, Place::Prompt, Place::Instructions] {
            let scope = if matches!(place, Place::Instructions) {
                "config.BOT"
            } else {
                "param.x"
            };
            for template in [
                format!("{{{{ {scope} {escaped} }}}}"),
                format!("{{%{text} if {scope} %}}y{{% endif {text}%}}"),
                format!("{{# {escaped} #}}{{{{ {scope} }}}}"),
            ] {
                exercise(place, &template);
            }
        }
    }
}

#[test]
fn non_ascii_in_mentions_and_string_literals_renders_as_written() {
    for (escaped, text) in HOSTILE {
        let home = Home::new();
        home.config(&definition(
            Place::Tool,
            &format!("{{{{ 'a{escaped}b' ~ param.x }}}}|@param.x{escaped}|{{% if param.x == '{escaped}' %}}no{{% endif %}}"),
        ));
        let (code, out, err) = run_vmcp(&["call", "--vmcp", "v", "t", "x=1"], home.dir.path());
        assert_eq!(code, 0, "{escaped}: {err}");
        assert_eq!(out.trim_end(), format!("a{text}b1|1{text}|"), "{escaped}");
    }
}
