//! The house's rules, read from the source: which room may name which.
//!
//! - The layers: cli → app → registry → session → custom → trust → upstream → process → store →
//!   protocol → config → search → telemetry → support. A lower layer never names a higher one.
//! - Inside `app/`, intents (one per command) use only the shared machinery, never each other.
//! - Inside `custom/`, the tool kinds depend only downward: on the template language below them,
//!   never on each other or on what dispatches to them.
//! - The layers' inputs (`session/plan.rs`, `upstream/plan.rs`) and pure transformations are
//!   leaves of their room; upstream transports do not borrow from each other.
//!
//! Paths are read as the compiler would resolve them (`crate::`, `super::`, `self::`, `use`
//! trees with braces); test modules are left out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LAYERS: &[&str] = &[
    "cli",
    "app",
    "registry",
    "session",
    "custom",
    "trust",
    "upstream",
    "process",
    "store",
    "protocol",
    "config",
    "search",
    "telemetry",
    "support",
];

/// The modules of `app/` that intents share, in order: each may use those before it (and the
/// room's own items in `app/mod.rs`). Every other module of `app/` is an intent, which may use
/// all of these and nothing else of `app/`.
const APP_SHARED: &[&[&str]] = &[
    &["telemetry", "call_log"],
    &["context", "clients"],
    &["definition"],
    &["probe", "open_session"],
];

/// `custom/` from the bottom up. A module may use those in lower tiers; only the template
/// language (the first tier) is one piece whose modules use each other.
const CUSTOM_TIERS: &[&[&str]] = &[
    &[
        "error",
        "host",
        "mention",
        "stray",
        "params",
        "program",
        "signature",
        "values",
        "secrets",
        "template",
        "results",
        "instructions",
        "compiler",
        "render",
    ],
    // The kinds: a tool's (and a resource's) execution.
    &["command", "http", "python", "composite", "resource"],
    // A tool and its kind's dispatch.
    &["tool"],
    &["set"],
    &["dry", "listing"],
];

/// Modules that use nothing else of their room: the layer's input, pure transformations.
const LEAVES: &[(&str, &[&str])] = &[
    (
        "session",
        &[
            "plan",
            "naming",
            "filter",
            "routing",
            "uri_template",
            "error",
        ],
    ),
    ("upstream", &["plan", "error", "sse"]),
];

/// The transports of one upstream, none of which names another.
const UPSTREAM_TRANSPORTS: &[&str] = &["child", "http", "legacy_sse"];

#[test]
fn lower_layers_do_not_use_higher_ones() {
    let mut violations = Vec::new();
    for file in source_files() {
        let Some(layer) = LAYERS.iter().position(|l| *l == file.module[0]) else {
            continue;
        };
        for used in file.uses() {
            if let Some(higher) = LAYERS[..layer].iter().find(|l| **l == used[0]) {
                violations.push(format!(
                    "{} uses crate::{higher}",
                    file.path.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn app_intents_use_only_shared_machinery() {
    let shared: Vec<&str> = APP_SHARED.iter().flat_map(|t| t.iter().copied()).collect();
    let tier_of = |m: &str| APP_SHARED.iter().position(|t| t.contains(&m));
    let violations = room_violations("app", |from, to| {
        if !shared.contains(&to) {
            return false;
        }
        match tier_of(from) {
            // An intent.
            None => true,
            Some(own) => tier_of(to).is_some_and(|t| t < own),
        }
    });
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn custom_kinds_depend_only_downward() {
    let tier_of = |m: &str| CUSTOM_TIERS.iter().position(|t| t.contains(&m));
    for file in source_files().filter(|f| f.module[0] == "custom" && f.module.len() > 1) {
        assert!(
            tier_of(&file.module[1]).is_some(),
            "{} is in no tier of CUSTOM_TIERS: place it",
            file.path.display()
        );
    }
    let violations = room_violations("custom", |from, to| match (tier_of(from), tier_of(to)) {
        (Some(f), Some(t)) => t < f || (t == 0 && f == 0),
        _ => false,
    });
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn leaves_use_nothing_of_their_room() {
    let mut violations = Vec::new();
    for (room, leaves) in LEAVES {
        violations.extend(room_violations(room, |from, _| !leaves.contains(&from)));
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn upstream_transports_do_not_use_each_other() {
    let violations = room_violations("upstream", |from, to| {
        !(UPSTREAM_TRANSPORTS.contains(&from) && UPSTREAM_TRANSPORTS.contains(&to))
    });
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn only_vmcp_login_opens_a_browser() {
    let src = src();
    let callers: Vec<String> = source_files()
        .filter(|f| {
            std::fs::read_to_string(&f.path)
                .unwrap()
                .contains("open_browser(")
        })
        .map(|f| f.path.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    // Defined in app/auth/login.rs, called only by the `vmcp login` command: sessions never do.
    assert!(
        callers
            .iter()
            .all(|c| c == "app/auth/login.rs" || c == "cli/auth.rs"),
        "{callers:?}"
    );
}

/// Where one module of `room` names another (by their first path segment below the room)
/// and `allowed(from, to)` says no. Names of the room's own items (in its `mod.rs`) are always
/// allowed, as is a module's use of itself.
fn room_violations(room: &str, allowed: impl Fn(&str, &str) -> bool) -> Vec<String> {
    let dir = src().join(room);
    let is_module = |m: &str| dir.join(format!("{m}.rs")).is_file() || dir.join(m).is_dir();
    let mut violations = BTreeSet::new();
    for file in source_files().filter(|f| f.module[0] == room && f.module.len() > 1) {
        let from = &file.module[1];
        for used in file.uses() {
            if used.len() < 2 || used[0] != room {
                continue;
            }
            let to = &used[1];
            if to != from && is_module(to) && !allowed(from, to) {
                violations.insert(format!(
                    "{} uses {room}::{to}",
                    file.path.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    violations.into_iter().collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// One source file of the library and the module path it defines (`app/auth/mod.rs` →
/// `[app, auth]`).
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
}

impl SourceFile {
    /// Every path it names, resolved from the crate root (`super::x` in `app/auth/login.rs` →
    /// `[app, auth, x]`); paths not starting with `crate`, `super` or `self` are other crates'.
    fn uses(&self) -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(&self.path).unwrap();
        references(&without_tests(&text))
            .iter()
            .filter_map(|p| resolve(&self.module, p))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

/// The library's files (the binaries in `src/bin/` are not in a layer); test files left out.
fn source_files() -> impl Iterator<Item = SourceFile> {
    let src = src();
    let mut paths = Vec::new();
    for layer in LAYERS {
        rust_files(&src.join(layer), &mut paths);
    }
    paths.sort();
    paths.into_iter().filter_map(move |path| {
        let name = path.file_stem()?.to_str()?;
        if name == "tests" || name.ends_with("_tests") {
            return None;
        }
        let relative = path.strip_prefix(&src).ok()?.with_extension("");
        let mut module: Vec<String> = relative
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        Some(SourceFile { path, module })
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The text before the file's inline test module, with line comments removed.
fn without_tests(text: &str) -> String {
    let code = text
        .split("#[cfg(test)]\nmod tests {")
        .next()
        .unwrap_or(text);
    code.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: each leaf of every `use` tree, and every other `crate::…`,
/// `super::…` or `self::…` path, as written.
fn references(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = String::new();
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        let Some(tree) = use_statement(line) else {
            rest.push_str(line);
            rest.push('\n');
            continue;
        };
        let mut tree = tree.to_string();
        while !tree.contains(';') {
            let Some(next) = lines.next() else { break };
            tree.push(' ');
            tree.push_str(next);
        }
        expand_use(tree.split(';').next().unwrap_or(""), &mut out);
    }
    // Inline paths: a `crate`, `super` or `self` followed by `::` and more path.
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut i = 0;
    while i < rest.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .any(|k| rest[i..].starts_with(k));
        if starts && !rest[..i].ends_with(is_ident) {
            let end = rest[i..]
                .find(|c: char| !(is_ident(c) || c == ':'))
                .map_or(rest.len(), |e| i + e);
            out.push(rest[i..end].trim_end_matches(':').to_string());
            i = end;
        } else {
            i += rest[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The tree of a line that starts a `use` item (`use a::b;`, `pub(crate) use a::{b, c};`).
fn use_statement(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let line = match line.strip_prefix("pub") {
        Some(rest) if rest.starts_with('(') => rest.split_once(')')?.1.trim_start(),
        Some(rest) => rest.trim_start(),
        None => line,
    };
    line.strip_prefix("use ")
}

/// The leaves of a `use` tree (`a::{b, c::{d, e as f}}` → `a::b`, `a::c::d`, `a::c::e`).
fn expand_use(tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(path.split_whitespace().collect());
        return;
    };
    let prefix: String = tree[..open].split_whitespace().collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut depth = 0;
    let mut part = String::new();
    for c in inner.chars().chain(std::iter::once(',')) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            if !part.trim().is_empty() {
                let mut leaves = Vec::new();
                expand_use(&part, &mut leaves);
                out.extend(leaves.into_iter().map(|l| format!("{prefix}{l}")));
            }
            part.clear();
        } else {
            part.push(c);
        }
    }
}

/// `path` from the crate root, seen from `module`; None for other crates' paths.
fn resolve(module: &[String], path: &str) -> Option<Vec<String>> {
    let mut segments = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut base: Vec<String> = match *segments.peek()? {
        "crate" => {
            segments.next();
            Vec::new()
        }
        "super" | "self" => module.to_vec(),
        _ => return None,
    };
    while let Some(s) = segments.peek() {
        match *s {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        segments.next();
    }
    base.extend(segments.map(str::to_string));
    Some(base)
}
