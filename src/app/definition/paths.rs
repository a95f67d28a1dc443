//! Relative paths in server definitions. In a file they are relative to the file's directory,
//! resolved when a session starts; the store has no directory, so they are made absolute before a
//! definition is stored (`vmcp server add`, `vmcp import`). Bare program names (`npx`) are PATH
//! lookups and stay as they are.

use std::path::Path;

/// A program given as a relative path (`./server.py`) is relative to the definition file;
/// bare names (`npx`) are looked up on the PATH.
pub(crate) fn resolve_program(program: &str, base_dir: &Path) -> String {
    let p = Path::new(program);
    if program.contains('/') && p.is_relative() {
        base_dir.join(p).to_string_lossy().into_owned()
    } else {
        program.to_string()
    }
}

/// Makes a relative program path (`./server.py`) absolute against `base`, for the store. Bare
/// names (`npx`) stay PATH lookups; a path built from a placeholder (`${env:TOOLS}/server`) is
/// left to be expanded when the server starts.
pub(crate) fn absolute_program(base: &Path, p: &str) -> String {
    if p.contains('/') && Path::new(p).is_relative() && !p.contains("${") {
        join_clean(base, p)
    } else {
        p.to_string()
    }
}

/// Makes a relative directory (`work`) absolute against `base`, for the store; one built from a
/// placeholder is left to be expanded when the server starts.
pub(crate) fn absolute_dir(base: &Path, d: &str) -> String {
    if Path::new(d).is_relative() && !d.contains("${") {
        join_clean(base, d)
    } else {
        d.to_string()
    }
}

/// `base` joined with a relative path, without `.` components (`/a` + `./b` = `/a/b`).
fn join_clean(base: &Path, rel: &str) -> String {
    let mut out = base.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out.to_string_lossy().into_owned()
}
