//! Store-backed figures: startup of a stored vMCP with 5 versus 1,000 servers in the store
//! (it must read only what it uses), and what recording calls costs on the call path.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use vmcp::config::{Scalar, Selection, Selections, ServerConfig, VmcpConfig};
use vmcp::store::Store;

use crate::conn::Conn;
use crate::{UPSTREAM, VMCP, median};

fn stdio(home: &Path) -> Conn {
    let mut cmd = Command::new(VMCP);
    cmd.args(["stdio", "--vmcp", "bench"])
        .env("VMCP_HOME", home)
        .env_remove("VMCP_LOG");
    Conn::spawn(cmd)
}

fn filler(i: usize) -> ServerConfig {
    ServerConfig {
        command: Some("npx".into()),
        args: vec![Scalar("-y".into()), Scalar(format!("@example/server-{i}"))],
        env: [("TOKEN".to_string(), Scalar("${env:TOKEN}".into()))].into(),
        ..ServerConfig::default()
    }
}

/// Fills the store so that it holds `total` servers, the first of which the vMCP uses.
fn fill(store: &Store, from: usize, total: usize) {
    for i in from..total {
        store
            .put_server(&format!("filler{i:04}"), &filler(i), true)
            .expect("put");
    }
}

/// spawn → complete tools/list, in ms, median of `reps`.
fn startup(home: &Path, reps: usize) -> f64 {
    let runs = (0..reps)
        .map(|_| {
            let t0 = Instant::now();
            let mut c = stdio(home);
            c.initialize();
            let r = c.call("tools/list", "{}");
            assert!(r.contains("s1_echo"), "{r}");
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            c.close();
            ms
        })
        .collect();
    median(runs)
}

/// p50 of `calls` sequential echo calls, in µs.
fn echo_p50(home: &Path, calls: usize) -> f64 {
    let mut c = stdio(home);
    c.initialize();
    let params = r#"{"name":"s1_echo","arguments":{"message":"ping"}}"#;
    for _ in 0..100 {
        c.call("tools/call", params);
    }
    let mut lat: Vec<f64> = (0..calls)
        .map(|_| {
            let t = Instant::now();
            c.call("tools/call", params);
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    c.close();
    lat.sort_by(f64::total_cmp);
    lat[lat.len() / 2]
}

pub(crate) fn run(dir: &Path, reps: usize, calls: usize) {
    let home = dir.join("store-home");
    let store = Store::new(home.join("vmcp.redb"));
    let up = ServerConfig {
        command: Some(UPSTREAM.into()),
        args: vec![
            Scalar("--name".into()),
            Scalar("s1".into()),
            Scalar("--tools-only".into()),
        ],
        ..ServerConfig::default()
    };
    store.put_server("s1", &up, true).expect("put");
    let vmcp = VmcpConfig {
        servers: Selections([("s1".to_string(), Selection::default())].into()),
        ..VmcpConfig::default()
    };
    store.put_vmcp("bench", &vmcp, true).expect("put");
    fill(&store, 0, 4);
    let small = startup(&home, reps * 4);
    fill(&store, 4, 999);
    assert_eq!(store.servers().expect("servers").len(), 1000);
    let large = startup(&home, reps * 4);

    // Alternate the two modes so that drift on a shared machine hits both alike.
    let (mut logged, mut unlogged) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        store
            .set_setting("call-log.enabled", None)
            .expect("setting");
        logged.push(echo_p50(&home, calls));
        store
            .set_setting("call-log.enabled", Some("false"))
            .expect("setting");
        unlogged.push(echo_p50(&home, calls));
    }
    store
        .set_setting("call-log.enabled", None)
        .expect("setting");
    let (logged, unlogged) = (median(logged), median(unlogged));

    println!(
        "\nstore (vMCP read from the store; medians of {} starts, {reps} call runs)\n",
        reps * 4
    );
    println!("| metric | figure | compared with | ratio | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| spawn → tools/list, 1,000 servers stored | {large:.2} ms | 5 servers stored: {small:.2} ms | {:.2}x | ≤ 1.10x {} |",
        large / small,
        if large <= small * 1.1 { "ok" } else { "MISSED" }
    );
    println!(
        "| echo latency p50, calls recorded | {logged:.2} µs | call log off: {unlogged:.2} µs | {:.2}x | ≤ 1.10x {} |",
        logged / unlogged,
        if logged <= unlogged * 1.1 {
            "ok"
        } else {
            "MISSED"
        }
    );
}
