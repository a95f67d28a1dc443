//! Where a program is: the path it names, or the first executable of that name on a `PATH`
//! (doctor checks launchers with it, `server add --from` picks a package by what is installed).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Where `program` is: itself when it names a path, else the first executable of that name
/// in the directories of `path`.
pub(crate) fn locate(program: &str, path: Option<&OsStr>) -> Option<PathBuf> {
    let p = Path::new(program);
    if program.is_empty() {
        return None;
    }
    if p.is_absolute() || p.components().count() > 1 {
        return is_executable(p).then(|| p.to_path_buf());
    }
    std::env::split_paths(path?)
        .filter(|d| !d.as_os_str().is_empty())
        .map(|d| d.join(program))
        .find(|c| is_executable(c))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file() || p.with_extension("cmd").is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_are_found_on_the_given_path_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let exe = dir.path().join("tool");
        std::fs::write(&exe, "#!/bin/sh\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).expect("join");
        assert_eq!(locate("tool", Some(&path)), Some(exe.clone()));
        assert_eq!(locate("tool", Some(OsStr::new("/nonexistent"))), None);
        assert_eq!(locate("tool", None), None);
        assert_eq!(locate(&exe.display().to_string(), None), Some(exe));
        assert_eq!(locate("", Some(&path)), None);
    }
}
