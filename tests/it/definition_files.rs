//! Definition files that are not what they should be — not UTF-8, several YAML documents, an
//! alias bomb, nesting a hundred thousand deep, YAML that parsers read differently — are refused
//! by every command that reads them with file:line:column and exit 3.

use std::fmt::Write as _;

use crate::harness::{Home, run_vmcp, vmcp};

/// Runs `check --offline` (text and JSON), `tools list`, `stdio` and `import` on `bytes`; each
/// must exit 3 with `file:LINE:COLUMN: …message…`. Returns the text error.
fn refused_everywhere(bytes: &[u8], line: usize, column: usize, message: &str) -> String {
    let home = Home::new();
    std::fs::write(home.path("vmcp.yaml"), bytes).unwrap();
    let dir = home.dir.path();
    let located = format!("vmcp.yaml:{line}:{column}: ");
    let (code, _, err) = run_vmcp(&["check", "--offline"], dir);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!("{located}{message}")),
        "want {located}{message}…, got: {err}"
    );
    let (code, out, _) = run_vmcp(&["check", "--offline", "--json"], dir);
    assert_eq!(code, 3, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"][0]["line"], line, "{out}");
    assert_eq!(v["errors"][0]["column"], column, "{out}");
    for args in [
        &["tools", "list", "--vmcp", "v"][..],
        &["stdio", "--vmcp", "v"],
    ] {
        let (code, out, err) = vmcp(dir).args(args).stdin("").run().parts();
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(&located), "{args:?}: {err}");
    }
    std::fs::rename(home.path("vmcp.yaml"), home.path("import.yaml")).unwrap();
    let (code, _, err) = run_vmcp(&["import", "import.yaml"], dir);
    assert_eq!(code, 3, "import: {err}");
    assert!(
        err.contains(&format!("import.yaml:{line}:{column}: ")),
        "import: {err}"
    );
    err
}

#[test]
fn a_file_that_is_not_utf8_is_located_at_its_first_bad_byte() {
    let err = refused_everywhere(
        b"servers: {}\nvmcps:\n  v:\n    description: \"caf\xe9\"\n    servers: []\n",
        4,
        22,
        "this file is not UTF-8: byte 0xE9",
    );
    assert!(err.contains("hint: save it as UTF-8"), "{err}");
    // A UTF-16 file says so.
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("servers: {}\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    refused_everywhere(&utf16, 1, 1, "this file is UTF-16");
}

#[test]
fn a_second_yaml_document_is_located_at_its_start() {
    refused_everywhere(
        b"servers: {}\nvmcps:\n  v:\n    servers: []\n---\nservers: {}\n",
        5,
        1,
        "a definition file holds one YAML document, and a second one starts here",
    );
}

#[test]
fn an_alias_bomb_in_a_free_form_value_is_located() {
    let mut yaml = String::from(
        "servers: {}\nvmcps:\n  v:\n    servers: []\n    tools:\n      - name: t\n        kind: http\n        request:\n          url: http://127.0.0.1:9/\n          json:\n            a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        let _ = writeln!(
            yaml,
            "            {name}: &{name} [{}]",
            vec![format!("*{prev}"); 10].join(", ")
        );
    }
    // 10 aliases of 10 aliases of …: each `*e` expands to 11,111 values, and the first one (line
    // 16) takes the count past 100 times the document's ~140 events.
    let err = refused_everywhere(
        yaml.as_bytes(),
        16,
        20,
        "the aliases of this file expand it more than 100 times over",
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn nesting_a_hundred_thousand_deep_is_refused_where_it_passes_the_limit() {
    let n = 100_000;
    let text = format!("servers: {}{}\n", "[".repeat(n), "]".repeat(n));
    refused_everywhere(text.as_bytes(), 1, 137, "nesting deeper than 128 levels");
    let text = format!(
        "servers: {{}}\nvmcps:\n  v: {}1{}\n",
        "{a: ".repeat(n),
        "}".repeat(n)
    );
    refused_everywhere(text.as_bytes(), 3, 510, "nesting deeper than 128 levels");
}

#[test]
fn errors_after_lenient_yaml_keep_their_location() {
    // libyaml accepts a quoted scalar continued less indented than its key; the position
    // finder must read the file the same way, or the unknown server below loses its location.
    let home = Home::new();
    home.config(
        "servers: {}\nvmcps:\n  v:\n    description: \"one\n  two\"\n    servers: [nope]\n",
    );
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("vmcp.yaml:6:5: vmcps.v.servers.nope: unknown server `nope`"),
        "{err}"
    );
}

#[test]
fn a_name_written_twice_is_refused_where_it_is_written_again() {
    let home = Home::new();
    // Two servers called `up`: YAML would keep the second and drop the first without a word.
    home.config(
        "servers:\n  up: {command: a}\n  other: {command: b}\n  up: {command: c}\nvmcps:\n  v:\n    servers: [up]\n",
    );
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("vmcp.yaml:4:3: servers.up: `up` is written twice in the same mapping (first at line 2, column 3)"),
        "{err}"
    );
    // A field written twice: located at the second, not at the start of its mapping.
    home.config("servers: {}\nvmcps:\n  v: {servers: []}\nvmcps:\n  w: {servers: []}\n");
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("vmcp.yaml:4:1: duplicate field `vmcps`"),
        "{err}"
    );
}

#[test]
fn a_file_ending_without_a_line_break_is_read_and_located_inside() {
    let home = Home::new();
    // A block scalar that ends the file (no final line break) is ordinary YAML.
    home.config(
        "servers: {}\nvmcps:\n  v:\n    servers: [nope]\n    instructions: |-\n      Be brief.",
    );
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("vmcp.yaml:4:5: vmcps.v.servers.nope: unknown server"),
        "{err}"
    );
    // An error at the very end is located on the last line, not on the line after it.
    home.config("servers: {}\nvmcps:\n  v:\n    servers: [a, b");
    let (code, _, err) = run_vmcp(&["check", "--offline"], home.dir.path());
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("vmcp.yaml:4:19: did not find expected ',' or ']', while parsing a flow sequence at line 4 column 14"),
        "{err}"
    );
    assert!(!err.contains("line 5"), "{err}");
}

#[test]
fn a_control_character_is_located_where_it_is() {
    // serde_yaml said "control characters are not allowed at position 47" at line 1, column 1.
    let err = refused_everywhere(
        b"servers: {}\nvmcps:\n  v:\n    description: \"a\x7fb\"\n    servers: []\n",
        4,
        20,
        "U+007F is a control character, which YAML does not allow in a file",
    );
    assert!(err.contains("`\\u007f`"), "{err}");
}

#[test]
fn text_after_the_end_of_the_document_is_located() {
    // serde_yaml took it for a second document, without a position.
    refused_everywhere(
        b"servers: {}\nvmcps:\n  v:\n    servers: []\n...\n]\n",
        6,
        1,
        "after the end of the document comes more",
    );
}

#[test]
fn yaml_the_position_reader_fails_on_is_refused_located_without_a_panic() {
    // libyaml-safer 0.3 panics on a tag before `,` in a flow collection.
    let home = Home::new();
    home.config("servers: {}\nvmcps:\n  v:\n    servers: [!x, y]\n");
    for args in [&["check", "--offline"][..], &["stdio", "--vmcp", "v"]] {
        let (code, out, err) = vmcp(&home).args(args).stdin("").run().parts();
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(
            out.is_empty() && !err.contains("panicked"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("vmcp.yaml:4:") && err.contains("vmcp cannot read the YAML that follows"),
            "{args:?}: {err}"
        );
    }
}
