//! Two peers wired back to back through channels: requests, progress, cancellation, timeouts.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Map, json};

use super::*;
use crate::protocol::envelope::decode;
use crate::protocol::message::{empty_object, params_object};
use crate::protocol::raw_object::RawObject;

/// Answers "echo" with its params, "slow" after 10 s (unless cancelled), "progress" after two
/// progress notifications; records cancellations.
struct Server {
    cancelled: Arc<AtomicUsize>,
    peer: Mutex<Option<Peer>>,
}

impl Handler for Server {
    fn on_request(&self, req: IncomingRequest) -> BoxFuture<Outcome> {
        let cancelled = self.cancelled.clone();
        let me = self.peer.lock().unwrap().clone().unwrap();
        Box::pin(async move {
            match req.method.as_str() {
                "echo" => Outcome::Result(req.params.unwrap_or_else(empty_object)),
                "slow" => {
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_secs(10)) => Outcome::Result(empty_object()),
                        () = req.cancel.cancelled() => {
                            cancelled.fetch_add(1, Ordering::SeqCst);
                            Outcome::Result(empty_object())
                        }
                    }
                }
                "progress" => {
                    let p = params_object(req.params.as_deref()).unwrap();
                    let token = p["_meta"]["progressToken"].clone();
                    for i in 1..=2 {
                        tokio::time::sleep(Duration::from_millis(30)).await;
                        me.notify(
                            "notifications/progress",
                            Some(json!({"progressToken": token, "progress": i})),
                        );
                    }
                    Outcome::Result(empty_object())
                }
                // Asks the other side something and answers with its answer.
                "ask" => match me
                    .request("question", None, RequestOptions::default())
                    .await
                {
                    Ok(answer) => Outcome::Result(answer),
                    Err(e) => Outcome::error(&ErrorObject::internal(e.to_string())),
                },
                _ => Outcome::error(&ErrorObject::method_not_found(&req.method)),
            }
        })
    }
    fn on_notification(&self, _method: &str, _params: Option<Box<RawValue>>) {}
}

/// Takes its time (a person answering) over every request.
struct Pondering;
impl Handler for Pondering {
    fn on_request(&self, _req: IncomingRequest) -> BoxFuture<Outcome> {
        Box::pin(async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            Outcome::Result(to_raw(&json!({"answer": 42})))
        })
    }
    fn on_notification(&self, _method: &str, _params: Option<Box<RawValue>>) {}
}

struct Nothing;
impl Handler for Nothing {
    fn on_request(&self, _req: IncomingRequest) -> BoxFuture<Outcome> {
        Box::pin(async { Outcome::Result(empty_object()) })
    }
    fn on_notification(&self, _method: &str, _params: Option<Box<RawValue>>) {}
}

fn wire(from: Frames, to: Peer) {
    let mut from = from;
    tokio::spawn(async move {
        while let Some(f) = from.recv().await {
            to.receive(decode(&f.bytes).unwrap());
        }
    });
}

fn pair() -> (Peer, Peer, Arc<AtomicUsize>) {
    pair_with(Arc::new(Nothing))
}

/// A pair whose client side answers the server's requests with `client_handler`.
fn pair_with(client_handler: Arc<dyn Handler>) -> (Peer, Peer, Arc<AtomicUsize>) {
    let cancelled = Arc::new(AtomicUsize::new(0));
    let server = Arc::new(Server {
        cancelled: cancelled.clone(),
        peer: Mutex::new(None),
    });
    let (client, client_out) = Peer::new("client", client_handler);
    let (srv, srv_out) = Peer::new("server", server.clone());
    *server.peer.lock().unwrap() = Some(srv.clone());
    wire(client_out, srv.clone());
    wire(srv_out, client.clone());
    (client, srv, cancelled)
}

#[tokio::test]
async fn request_response_and_errors() {
    let (client, _srv, _) = pair();
    let params = json!({"b": 1, "a": 2})
        .as_object()
        .cloned()
        .map(RawObject::from_map);
    let r = client
        .request("echo", params, RequestOptions::default())
        .await
        .unwrap();
    assert_eq!(r.get(), r#"{"b":1,"a":2}"#);
    match client
        .request("nope", None, RequestOptions::default())
        .await
    {
        Err(RequestError::Rpc(e)) => assert!(e.get().contains("-32601"), "{}", e.get()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_legacy_ping_is_answered_and_a_modern_one_reaches_the_handler() {
    let (client, _srv, _) = pair();
    let r = client
        .request("ping", None, RequestOptions::default())
        .await
        .unwrap();
    assert_eq!(r.get(), "{}");
    // 2026-07-28 removed `ping`: the handler decides (this one knows no `ping`).
    let modern = json!({"_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28"}});
    let params = modern.as_object().cloned().map(RawObject::from_map);
    match client
        .request("ping", params, RequestOptions::default())
        .await
    {
        Err(RequestError::Rpc(e)) => assert!(e.get().contains("-32601"), "{}", e.get()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn cancellation_reaches_the_other_side() {
    let (client, _srv, cancelled) = pair();
    let ct = CancellationToken::new();
    let c2 = ct.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        c2.cancel();
    });
    let opts = RequestOptions {
        cancel: Some(ct),
        ..RequestOptions::default()
    };
    assert!(matches!(
        client.request("slow", None, opts).await,
        Err(RequestError::Cancelled)
    ));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(cancelled.load(Ordering::SeqCst), 1);
}

// A paused clock: the 45 ms idle timeout against 30 ms progress steps is exact, however busy the
// machine is.
#[tokio::test(start_paused = true)]
async fn timeout_cancels_and_progress_resets_it() {
    let (client, _srv, cancelled) = pair();
    let opts = RequestOptions {
        timeout: Some(Duration::from_millis(50)),
        ..RequestOptions::default()
    };
    assert!(matches!(
        client.request("slow", None, opts).await,
        Err(RequestError::Timeout(_))
    ));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(cancelled.load(Ordering::SeqCst), 1);

    // 2 progress steps 30 ms apart with a 45 ms idle timeout: succeeds only because progress resets it.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let opts = RequestOptions {
        timeout: Some(Duration::from_millis(45)),
        progress: Some(Arc::new(move |p: Map<String, Value>| {
            s2.lock().unwrap().push(p["progress"].clone());
        })),
        ..RequestOptions::default()
    };
    client.request("progress", None, opts).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), vec![json!(1), json!(2)]);
}

// A paused clock: 500 ms of pondering against a 45 ms idle timeout is exact.
#[tokio::test(start_paused = true)]
async fn the_idle_timer_waits_while_the_other_side_waits_on_us() {
    let (client, _srv, cancelled) = pair_with(Arc::new(Pondering));
    let opts = RequestOptions {
        timeout: Some(Duration::from_millis(45)),
        ..RequestOptions::default()
    };
    let answer = client.request("ask", None, opts).await.unwrap();
    assert_eq!(answer.get(), r#"{"answer":42}"#);
    assert_eq!(cancelled.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn close_fails_pending_requests() {
    let (client, _srv, _) = pair();
    let c2 = client.clone();
    let pending =
        tokio::spawn(async move { c2.request("slow", None, RequestOptions::default()).await });
    tokio::time::sleep(Duration::from_millis(20)).await;
    client.close("gone");
    match pending.await.unwrap() {
        Err(RequestError::Closed(r)) => assert_eq!(&*r, "gone"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        client
            .request("echo", None, RequestOptions::default())
            .await,
        Err(RequestError::Closed(_))
    ));
}

#[tokio::test]
async fn refuse_fails_one_pending_request_with_its_reason() {
    let (client, _srv, _) = pair();
    let c2 = client.clone();
    let pending =
        tokio::spawn(async move { c2.request("slow", None, RequestOptions::default()).await });
    tokio::time::sleep(Duration::from_millis(20)).await;
    // Ids are per connection; refusing ids with nothing pending does nothing.
    for id in 0..4 {
        client.refuse(id, "needs login");
    }
    match pending.await.unwrap() {
        Err(RequestError::Refused(r)) => assert_eq!(&*r, "needs login"),
        other => panic!("{other:?}"),
    }
    // The connection is still usable.
    assert!(
        client
            .request("echo", None, RequestOptions::default())
            .await
            .is_ok()
    );
}

// A paused clock: the server's "slow" takes 10 s of virtual time, so "not idle after 5 s" is
// exact, however busy the machine is.
#[tokio::test(start_paused = true)]
async fn idle_resolves_when_the_last_incoming_request_is_done() {
    let (client, srv, _) = pair();
    srv.idle().await;
    let c2 = client.clone();
    let answered =
        tokio::spawn(async move { c2.request("slow", None, RequestOptions::default()).await });
    while srv.in_flight() == 0 {
        tokio::task::yield_now().await;
    }
    assert!(
        tokio::time::timeout(Duration::from_secs(5), srv.idle())
            .await
            .is_err()
    );
    srv.idle().await;
    assert_eq!(srv.in_flight(), 0);
    assert!(answered.await.unwrap().is_ok());
}
