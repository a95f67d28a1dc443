//! Relative paths in server definitions. In a file they are relative to the file's directory,
//! resolved when a session starts; the store has no directory, so they are made absolute before a
//! definition is stored (`vmcp server add`, `vmcp import`). Bare program names (`npx`) are PATH
//! lookups and stay as they are.

use std::path::Path;

/// A program given as a relative path (`./server.py`) is relative to the definition file;
/// bare names (`npx`) are looked up on the PATH.
pub fn resolve_program(program: &str, base_dir: &Path) -> String {
    let p = Path::new(program);
    if program.contains('/') && p.is_relative() {
        base_dir.join(p).to_string_lossy().into_owned()
    } else {
        program.to_string()
    }
}

/// Makes a relative program path (`./server.py`) absolute: the store has no directory of its
/// own to resolve it against later. Bare names (`npx`) stay PATH lookups.
pub fn absolute_program(cwd: &Path, p: &str) -> String {
    if p.contains('/') && Path::new(p).is_relative() && !p.contains("${") {
        join_clean(cwd, p)
    } else {
        p.to_string()
    }
}

/// `base` joined with a relative path, without `.` components (`/a` + `./b` = `/a/b`).
pub fn join_clean(base: &Path, rel: &str) -> String {
    let mut out = base.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out.to_string_lossy().into_owned()
}
