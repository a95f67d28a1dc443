//! The process table as Linux shows it in `/proc`: whose child a process is, whether it is a
//! zombie, whether its environment carries a tag. Without `/proc` the table is empty, so nothing
//! is ever found (the process groups are then all vmcp can end).

use std::collections::HashMap;

/// One process of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) pid: i32,
    pub(crate) ppid: i32,
    /// Dead, waiting for its parent to collect its status.
    pub(crate) zombie: bool,
}

/// Every process visible now.
pub(crate) fn table() -> Vec<Entry> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(entry)
        .collect()
}

/// `pid`'s line of the table, if it exists.
pub(crate) fn entry(pid: i32) -> Option<Entry> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(pid, &stat)
}

/// `PID (COMM) STATE PPID …`; COMM may hold spaces and parentheses, so fields are read after
/// the last `)`.
fn parse_stat(pid: i32, stat: &str) -> Option<Entry> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?;
    let parent = fields.next()?.parse().ok()?;
    Some(Entry {
        pid,
        ppid: parent,
        zombie: matches!(state, "Z" | "X"),
    })
}

/// True while `pid` exists and has not died.
pub(crate) fn alive(pid: i32) -> bool {
    entry(pid).is_some_and(|e| !e.zombie)
}

/// The living descendants of `root`, at any depth.
pub(crate) fn descendants(root: i32) -> Vec<i32> {
    let table = table();
    let mut children: HashMap<i32, Vec<&Entry>> = HashMap::new();
    for e in &table {
        children.entry(e.ppid).or_default().push(e);
    }
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for e in children.get(&parent).into_iter().flatten() {
            // A zombie's children were re-parented already; it has none to follow.
            if !e.zombie {
                found.push(e.pid);
                frontier.push(e.pid);
            }
        }
    }
    found
}

/// The living processes whose environment holds `entry` (`NAME=value`) exactly. Processes of
/// other users cannot be read, and are never found.
pub(crate) fn tagged(entry: &str) -> Vec<i32> {
    table()
        .into_iter()
        .filter(|e| !e.zombie && has_env(e.pid, entry.as_bytes()))
        .map(|e| e.pid)
        .collect()
}

fn has_env(pid: i32, entry: &[u8]) -> bool {
    std::fs::read(format!("/proc/{pid}/environ"))
        .is_ok_and(|env| env.split(|b| *b == 0).any(|kv| kv == entry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_with_odd_command_names_parse() {
        let e = parse_stat(42, "42 (a (b) c) S 7 42 42 0 -1").unwrap();
        assert_eq!((e.pid, e.ppid, e.zombie), (42, 7, false));
        assert!(parse_stat(9, "9 (x) Z 1 9 9").unwrap().zombie);
        assert_eq!(parse_stat(1, "garbage"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_carries_its_environment() {
        let me = i32::try_from(std::process::id()).unwrap();
        assert!(alive(me));
        assert!(table().iter().any(|e| e.pid == me));
        let path = std::env::var("PATH").unwrap();
        assert!(tagged(&format!("PATH={path}")).contains(&me));
        assert!(!tagged("VMCP_NO_SUCH_TAG=1").contains(&me));
    }
}
