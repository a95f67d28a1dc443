use super::records::OnConflict;
use super::*;
use crate::config::{ConfigFile, Selection, Selections, ServerConfig, VmcpConfig};
use serde_json::json;
use std::time::Duration;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::new(dir.path().join("sub/vmcp.redb"));
    (dir, s)
}

fn server(cmd: &str) -> ServerConfig {
    ServerConfig {
        command: Some(cmd.into()),
        ..ServerConfig::default()
    }
}

fn vmcp(servers: &[&str]) -> VmcpConfig {
    VmcpConfig {
        servers: Selections(
            servers
                .iter()
                .map(|s| ((*s).to_string(), Selection::default()))
                .collect(),
        ),
        ..VmcpConfig::default()
    }
}

#[test]
fn reading_a_missing_store_is_empty_and_creates_nothing() {
    let (_d, s) = store();
    assert!(s.servers().unwrap().is_empty());
    assert!(s.vmcp("x").unwrap().is_none());
    assert!(!s.exists());
}

#[test]
fn servers_and_vmcps_round_trip() {
    let (_d, s) = store();
    assert!(!s.put_server("a", &server("x"), false).unwrap());
    assert!(matches!(
        s.put_server("a", &server("y"), false),
        Err(StoreError::Exists { .. })
    ));
    assert!(s.put_server("a", &server("y"), true).unwrap());
    s.put_server("b", &server("z"), false).unwrap();
    s.put_vmcp("v", &vmcp(&["a"]), false).unwrap();
    assert!(matches!(
        s.put_vmcp("w", &vmcp(&["missing"]), false),
        Err(StoreError::NotFound { kind: "server", .. })
    ));
    let def = s.definition("v").unwrap().unwrap();
    assert_eq!(def.servers.keys().collect::<Vec<_>>(), vec!["a"]);
    assert_eq!(def.servers["a"].command.as_deref(), Some("y"));
}

#[test]
fn store_file_and_directory_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, s) = store();
    s.put_server("a", &server("x"), false).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(s.path()), 0o600);
    assert_eq!(mode(&s.lock_path()), 0o600);
    assert_eq!(mode(s.path().parent().unwrap()), 0o700);
}

#[test]
fn removing_a_used_server_needs_force_and_rename_follows_references() {
    let (_d, s) = store();
    s.put_server("a", &server("x"), false).unwrap();
    s.put_vmcp("v", &vmcp(&["a"]), false).unwrap();
    match s.remove_server("a", false) {
        Err(StoreError::InUse { users, .. }) => assert_eq!(users, vec!["v"]),
        other => panic!("{other:?}"),
    }
    assert!(
        s.server("a").unwrap().is_some(),
        "nothing removed on refusal"
    );
    assert_eq!(s.rename_server("a", "b").unwrap(), vec!["v"]);
    assert!(s.vmcp("v").unwrap().unwrap().servers.0.contains_key("b"));
    assert_eq!(s.remove_server("b", true).unwrap(), vec!["v"]);
    assert!(s.vmcp("v").unwrap().unwrap().servers.0.is_empty());
}

#[test]
fn import_is_all_or_nothing() {
    let (_d, s) = store();
    s.put_server("a", &server("x"), false).unwrap();
    let mut file = ConfigFile::default();
    file.servers.insert("a".into(), server("changed"));
    file.servers.insert("b".into(), server("new"));
    assert!(matches!(
        s.import(&file, OnConflict::Fail),
        Err(StoreError::Exists { .. })
    ));
    assert!(
        s.server("b").unwrap().is_none(),
        "a failed import wrote nothing"
    );
    let (servers, _) = s.import(&file, OnConflict::Skip).unwrap();
    assert_eq!(servers.added, vec!["b"]);
    assert_eq!(servers.skipped, vec!["a"]);
    let (servers, _) = s.import(&file, OnConflict::Replace).unwrap();
    assert_eq!(servers.replaced, vec!["a"]);
    assert_eq!(servers.unchanged, vec!["b"]);
}

#[test]
fn call_log_appends_queries_and_prunes() {
    let (_d, s) = store();
    let rec = |at_us: u64, vmcp: &str| CallRecord {
        at_us,
        vmcp: vmcp.into(),
        server: "s".into(),
        kind: "tool".into(),
        name: "echo".into(),
        exposed: "s_echo".into(),
        duration_us: 10,
        ok: true,
        response_bytes: 5,
        caller: None,
    };
    let now = crate::support::clock::unix_micros();
    s.append_calls(&[rec(now - 3, "a"), rec(now - 2, "b"), rec(now - 1, "a")])
        .unwrap();
    let all = s.calls(&CallQuery::default()).unwrap();
    assert_eq!(all.len(), 3);
    let only_a = s
        .calls(&CallQuery {
            vmcp: Some("a".into()),
            ..CallQuery::default()
        })
        .unwrap();
    assert_eq!(only_a.len(), 2);
    let last = s
        .calls(&CallQuery {
            last: Some(1),
            ..CallQuery::default()
        })
        .unwrap();
    assert_eq!(last[0].1.at_us, now - 1);
    let after = s
        .calls(&CallQuery {
            after: Some(all[0].0),
            ..CallQuery::default()
        })
        .unwrap();
    assert_eq!(after.len(), 2);
    // Retention: a record older than the retention window is pruned at the next append.
    s.set_setting(calls::SETTING_MAX_ENTRIES, Some("2"))
        .unwrap();
    s.append_calls(&[rec(now, "a")]).unwrap();
    assert_eq!(s.calls(&CallQuery::default()).unwrap().len(), 2);
    let old = now - 40 * 86_400_000_000;
    s.set_setting(calls::SETTING_MAX_ENTRIES, None).unwrap();
    s.append_calls(&[rec(old, "a")]).unwrap();
    assert!(
        s.calls(&CallQuery::default())
            .unwrap()
            .iter()
            .all(|(_, c)| c.at_us != old)
    );
}

#[test]
fn an_older_store_is_migrated() {
    let (_d, s) = store();
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    schema::write_v1_fixture(
        s.path(),
        &[("a", json!({"command": "x", "args": ["1"]}))],
        &[(
            "v",
            json!({"description": "old", "servers": {"a": {"prefix": "p"}}}),
        )],
    );
    let def = s.definition("v").unwrap().unwrap();
    assert_eq!(def.vmcp.description.as_deref(), Some("old"));
    assert_eq!(def.servers["a"].args[0].as_str(), "1");
    // And it is now a current file that accepts writes.
    s.put_server("b", &server("y"), false).unwrap();
}

#[test]
fn a_newer_store_is_refused_and_left_alone() {
    let (_d, s) = store();
    s.put_server("a", &server("x"), false).unwrap();
    {
        let db = redb::Database::create(s.path()).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(schema::META)
            .unwrap()
            .insert("schema_version", 99)
            .unwrap();
        txn.commit().unwrap();
    }
    let before = std::fs::read(s.path()).unwrap();
    assert!(matches!(
        s.servers(),
        Err(StoreError::Newer { found: 99, .. })
    ));
    assert!(matches!(
        s.put_server("b", &server("y"), false),
        Err(StoreError::Newer { .. })
    ));
    assert!(
        std::fs::read(s.path()).unwrap() == before,
        "the newer file was modified"
    );
}

#[test]
fn damaged_files_are_reported_and_left_alone() {
    let (_d, s) = store();
    s.put_server("a", &server("x"), false).unwrap();
    let full = std::fs::read(s.path()).unwrap();
    for damaged in [
        b"this is not a database at all".to_vec(),
        full[..full.len() / 3].to_vec(),
    ] {
        std::fs::write(s.path(), &damaged).unwrap();
        let err = s.servers().unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Corrupt { .. } | StoreError::BadRecord { .. }
            ),
            "{err:?}"
        );
        let err = s.put_server("b", &server("y"), false).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
        assert!(
            std::fs::read(s.path()).unwrap() == damaged,
            "the damaged file was modified"
        );
    }
}

/// The interleaving behind "a write that vanished", with no process killed: a writer that closes
/// while a peer is inside its open leaves the file marked mid-write (redb leaves the mark for the
/// peer to clear). A reader that finds the mark must not repair the file from under the peer,
/// which would then commit into the file the repair replaced.
#[test]
fn a_mark_left_for_a_peer_still_opening_is_not_repaired_from_under_it() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Mutex, mpsc};

    let (_d, s) = store();
    s.put_server("a", &server("x"), false).unwrap();
    let multi_writer = || {
        let mut b = redb::Builder::new();
        b.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
        b
    };
    let insert = |db: &redb::Database, name: &str| {
        let txn = db.begin_write().unwrap();
        txn.open_table(super::schema::SERVERS)
            .unwrap()
            .insert(
                name,
                super::schema::encode(&server("y")).unwrap().as_slice(),
            )
            .unwrap();
        txn.commit().unwrap();
    };

    // The writer commits, and stays open.
    let writer = multi_writer().create(s.path()).unwrap();
    insert(&writer, "b");

    // The peer, a unit of work like any other, stops inside its open, holding redb's writer
    // byte but not yet the byte that says "a live writer has it open".
    let (inside, peer_inside) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let released = Mutex::new(released);
    let paused = AtomicBool::new(false);
    let peer = {
        let s = s.clone();
        std::thread::spawn(move || {
            let mut b = multi_writer();
            b.set_check_integrity_on_open(true);
            b.set_repair_callback(move |_| {
                if !paused.swap(true, Ordering::SeqCst) {
                    let _ = inside.send(());
                    let _ = released.lock().unwrap().recv();
                }
            });
            let _hold = s.try_lock_shared(true).unwrap().unwrap();
            let db = b.create(s.path()).unwrap();
            insert(&db, "c");
        })
    };
    peer_inside.recv().unwrap();
    // Its close cannot take the writer byte: the mark stays, and no live writer vouches for it.
    drop(writer);

    let reader = {
        let s = s.clone();
        std::thread::spawn(move || s.servers().map(|m| m.len()))
    };
    // A reader that repairs at once has done so well within this; one that waits for the peer
    // is still waiting. Either way the peer goes on then.
    let end = std::time::Instant::now() + Duration::from_secs(1);
    while !reader.is_finished() && std::time::Instant::now() < end {
        std::thread::sleep(Duration::from_millis(10));
    }
    release.send(()).unwrap();
    peer.join().unwrap();
    reader.join().unwrap().unwrap();

    let names: Vec<String> = s.servers().unwrap().into_keys().collect();
    assert_eq!(names, ["a", "b", "c"], "the peer's commit is in the store");
    let dir = s.path().parent().unwrap();
    let repairs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".unclean-"))
        .collect();
    assert!(repairs.is_empty(), "nothing was repaired: {repairs:?}");
}

#[test]
fn only_writes_and_repairs_create_the_lock_file() {
    let (_d, s) = store();
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    drop(redb::Database::create(s.path()).unwrap());
    assert!(s.servers().unwrap().is_empty());
    assert!(s.inspect().unwrap().is_some());
    assert!(!s.lock_path().exists(), "a read created the lock file");
    s.put_server("a", &server("x"), false).unwrap();
    assert!(s.lock_path().exists());
}

#[test]
fn registry_answers_are_cached_by_url_and_listed_by_registry() {
    use super::registry::CachedDocument;
    let (_d, s) = store();
    assert!(
        s.registry_document("http://r/v0.1/servers")
            .unwrap()
            .is_none()
    );
    assert_eq!(s.clear_registry_documents().unwrap(), 0);
    assert!(
        !s.exists(),
        "reading and clearing an absent cache creates nothing"
    );
    let doc = |fetched, body: &str| CachedDocument {
        fetched,
        body: serde_json::value::RawValue::from_string(body.into()).unwrap(),
    };
    s.put_registry_document(
        "http://r/v0.1/servers?search=a",
        &doc(1, r#"{"servers":[]}"#),
    )
    .unwrap();
    s.put_registry_document("http://r/v0.1/servers?search=a", &doc(2, r#"{"b": 1}"#))
        .unwrap();
    s.put_registry_document("http://q/v0.1/servers", &doc(3, "[]"))
        .unwrap();
    let got = s
        .registry_document("http://r/v0.1/servers?search=a")
        .unwrap()
        .unwrap();
    assert_eq!((got.fetched, got.body.get()), (2, r#"{"b": 1}"#));
    let of_r = s.registry_documents("http://r/").unwrap();
    assert_eq!(of_r.len(), 1);
    assert_eq!(of_r[0].0, "http://r/v0.1/servers?search=a");
    assert_eq!(s.clear_registry_documents().unwrap(), 2);
    assert!(s.registry_documents("http://").unwrap().is_empty());
}
