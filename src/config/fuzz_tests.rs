//! Fuzz tests of the definition loader and the YAML locator, on generated inputs
//! ([`crate::support::fuzz_inputs`]): whatever the bytes, loading never panics and every error
//! is located inside the file; on a file serde_yaml reads, the locator reads the same nodes.

use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::limits::MAX_DEPTH;
use super::locate::{self, Locator, Seg};
use super::{ConfigError, Diagnostic, Document, encoding};
use crate::support::fuzz_inputs::{self, config, mutated_example, yaml_document};

/// Reads `bytes` as `vmcp` reads a definition file.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, ConfigError> {
    let path = Path::new("fuzz.yaml");
    let text = encoding::text(path, bytes.to_vec())?;
    Document::parse(path, &text)
}

/// Every error of `result` is a diagnostic with a position inside `bytes`.
pub(crate) fn assert_located(
    bytes: &[u8],
    result: &Result<Document, ConfigError>,
) -> Result<(), TestCaseError> {
    let Err(e) = result else {
        return Ok(());
    };
    let ConfigError::Invalid(diagnostics) = e else {
        return Err(TestCaseError::fail(format!("not a definition error: {e}")));
    };
    let text = String::from_utf8_lossy(bytes);
    prop_assert!(!diagnostics.is_empty());
    for d in diagnostics {
        assert_inside(&text, d)?;
    }
    Ok(())
}

/// `d` has a position inside `text` ([`fuzz_inputs::inside`]).
pub(crate) fn assert_inside(text: &str, d: &Diagnostic) -> Result<(), TestCaseError> {
    let Some(p) = d.position else {
        return Err(TestCaseError::fail(format!("no position: {d}")));
    };
    prop_assert!(
        fuzz_inputs::inside(text, p.line, p.column),
        "out of the file: {d}"
    );
    Ok(())
}

/// The paths of every node of `value` reached through string keys and indices.
fn paths(value: &serde_yaml::Value, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(here.clone());
    match value {
        serde_yaml::Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(Seg::Index(i));
                paths(v, here, out);
                here.pop();
            }
        }
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                if let serde_yaml::Value::String(k) = k {
                    here.push(Seg::Key(k.clone()));
                    paths(v, here, out);
                    here.pop();
                }
            }
        }
        serde_yaml::Value::Tagged(t) => paths(&t.value, here, out),
        _ => {}
    }
}

/// On text serde_yaml reads, the locator's parser reads it too and finds every node.
fn assert_locator_agrees(text: &str) -> Result<(), TestCaseError> {
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Ok(());
    };
    let mut read = true;
    let whole = super::yaml_events::read(text, |e| {
        read &= e.is_ok();
        std::ops::ControlFlow::Continue(())
    });
    if whole.is_err() {
        // A known gap of the reader (a tag before `,`): such files are refused, located.
        prop_assert!(super::limits::check(text).is_err());
        return Ok(());
    }
    prop_assert!(read, "serde_yaml read it, the locator's parser did not");
    if text.contains('*') || text.contains("<<") {
        // Aliases and merge keys put nodes at paths the text does not have.
        return Ok(());
    }
    let loc = Locator::new(text);
    let mut all = Vec::new();
    paths(&value, &mut Vec::new(), &mut all);
    for p in all {
        prop_assert!(loc.indexes(&p), "not located: {}", locate::render_path(&p));
    }
    Ok(())
}

/// `depth` collections nested in one of four ways.
fn nested(depth: usize, shape: u8) -> String {
    match shape % 4 {
        0 => format!("servers: {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("servers: {}1{}\n", "{a: ".repeat(depth), "}".repeat(depth)),
        2 => {
            let mut s = String::from("servers:\n");
            for i in 0..depth {
                let _ = writeln!(s, "{}k{i}:", " ".repeat(i + 1));
            }
            s
        }
        _ => {
            let mut s = String::new();
            for i in 0..depth {
                let _ = writeln!(s, "{}- [", " ".repeat(i));
            }
            s
        }
    }
}

/// Anchored lists, each aliasing the one before `fan` times: `fan`^`levels` values.
fn aliased(levels: usize, fan: usize, free_form: bool) -> String {
    let mut s = if free_form {
        String::from(
            "vmcps:\n  v:\n    tools:\n      - name: t\n        kind: http\n        request:\n          url: http://h/\n          json:\n",
        )
    } else {
        String::from("servers:\n")
    };
    let pad = if free_form { "            " } else { "  " };
    let _ = writeln!(s, "{pad}a0: &a0 [1]");
    for l in 1..=levels {
        let refs = vec![format!("*a{}", l - 1); fan].join(", ");
        let _ = writeln!(s, "{pad}a{l}: &a{l} [{refs}]");
    }
    s
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_mutated_examples_load_or_fail_located(bytes in mutated_example(6)) {
        let result = load(&bytes);
        assert_located(&bytes, &result)?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert_locator_agrees(text)?;
        }
    }

    #[test]
    fn fuzz_truncated_examples_load_or_fail_located(
        example in prop::sample::select(fuzz_inputs::EXAMPLES),
        cut in any::<prop::sample::Index>(),
    ) {
        let bytes = &example.as_bytes()[..cut.index(example.len() + 1)];
        assert_located(bytes, &load(bytes))?;
    }

    #[test]
    fn fuzz_random_yaml_loads_or_fails_located(text in yaml_document()) {
        assert_located(text.as_bytes(), &load(text.as_bytes()))?;
        assert_locator_agrees(&text)?;
    }

    #[test]
    fn fuzz_deep_nesting_is_refused_located(depth in 1usize..600, shape in any::<u8>()) {
        let text = nested(depth, shape);
        let result = load(text.as_bytes());
        assert_located(text.as_bytes(), &result)?;
        // The fourth shape is not YAML: its syntax error may come first.
        if depth > MAX_DEPTH + 2 && shape % 4 != 3 {
            let e = result.err().map(|e| e.to_string()).unwrap_or_default();
            prop_assert!(e.contains("nesting deeper than"), "{e}");
        }
    }

    #[test]
    fn fuzz_aliases_load_or_fail_located(
        levels in 0usize..9,
        fan in 1usize..12,
        free_form in any::<bool>(),
    ) {
        let text = aliased(levels, fan, free_form);
        assert_located(text.as_bytes(), &load(text.as_bytes()))?;
    }
}
