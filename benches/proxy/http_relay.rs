//! A bare TCP relay in front of the HTTP upstream: each accepted connection gets its own
//! connection to the upstream and bytes are copied both ways, unparsed. It is the HTTP table's
//! floor: what any proxy that is a separate process costs before it reads a single byte. The
//! bench runs itself as the relay (`--http-relay HOST:PORT`), so the relay has its own process
//! and its own single-threaded runtime, as a minimal proxy would.

use std::process::{Command, Stdio};

use tokio::net::{TcpListener, TcpStream};

use crate::http_servers::{Proc, start_printing_url};

/// The argument that makes the bench a relay.
const RELAY_FLAG: &str = "--http-relay";

/// If the bench was started as a relay, relays until killed and returns `true`.
pub(crate) fn run_if_asked() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let Some(upstream) = args
        .iter()
        .position(|a| a == RELAY_FLAG)
        .and_then(|i| args.get(i + 1))
    else {
        return false;
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(relay(upstream.clone()));
    true
}

async fn relay(upstream: String) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    // The first line on stdout is where to connect (read by `start_printing_url`).
    println!("http://{addr}");
    loop {
        let Ok((mut down, _)) = listener.accept().await else {
            continue;
        };
        let upstream = upstream.clone();
        tokio::spawn(async move {
            let Ok(mut up) = TcpStream::connect(&upstream).await else {
                return;
            };
            let _ = down.set_nodelay(true);
            let _ = up.set_nodelay(true);
            let _ = tokio::io::copy_bidirectional(&mut down, &mut up).await;
        });
    }
}

/// Starts the relay in front of `upstream_url` (`http://HOST:PORT/PATH`); returns it and the
/// URL that reaches the upstream's path through it.
pub(crate) fn start(upstream_url: &str) -> (Proc, String) {
    let rest = upstream_url
        .strip_prefix("http://")
        .expect("an http:// URL");
    let slash = rest.find('/').unwrap_or(rest.len());
    let mut cmd = Command::new(std::env::current_exe().expect("the bench's path"));
    cmd.args([RELAY_FLAG, &rest[..slash]]).stdin(Stdio::null());
    let (proc, base) = start_printing_url(cmd);
    (proc, format!("{base}{}", &rest[slash..]))
}
