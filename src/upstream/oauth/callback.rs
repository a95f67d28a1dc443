//! The loopback redirect: a listener on 127.0.0.1 at the port fixed for the server, and the
//! checks of what comes back (`state`, RFC 9207 `iss`).

use std::collections::BTreeMap;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::{OAuthError, Pending, failed, same_url};

/// The loopback redirect URI for `port`.
pub(crate) fn redirect_uri(port: u16) -> String {
    format!("http://127.0.0.1:{port}/callback")
}

/// Binds the loopback listener for the redirect (port 0: any free port).
pub(crate) async fn bind_callback(port: u16) -> Result<TcpListener, OAuthError> {
    TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        failed(format!(
            "cannot listen on 127.0.0.1:{port} for the login redirect: {e} (is another login running?)"
        ))
    })
}

/// Waits for the redirect to the loopback listener and returns the authorization code, after
/// checking `state` (CSRF) and, when sent, the RFC 9207 `iss`.
pub(crate) async fn wait_callback(
    listener: &TcpListener,
    pending: &Pending,
    issuer: Option<&str>,
) -> Result<String, OAuthError> {
    loop {
        let (mut sock, _) = listener
            .accept()
            .await
            .map_err(|e| failed(format!("login redirect listener failed: {e}")))?;
        let mut buf = Vec::new();
        let mut chunk = [0u8; 2048];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let head = String::from_utf8_lossy(&buf);
        let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
        let Some(query) = target.strip_prefix("/callback") else {
            let _ = reply(&mut sock, "404 Not Found", "not found").await;
            continue;
        };
        let params: BTreeMap<String, String> =
            url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let outcome = check_callback(&params, pending, issuer);
        let page = match &outcome {
            Ok(_) => "vmcp: logged in. You can close this window.".to_string(),
            Err(e) => format!("vmcp: login failed: {e}"),
        };
        let status = if outcome.is_ok() {
            "200 OK"
        } else {
            "400 Bad Request"
        };
        let _ = reply(&mut sock, status, &page).await;
        return outcome;
    }
}

fn check_callback(
    params: &BTreeMap<String, String>,
    pending: &Pending,
    issuer: Option<&str>,
) -> Result<String, OAuthError> {
    if let Some(e) = params.get("error") {
        let desc = params
            .get("error_description")
            .map_or(String::new(), |d| format!(": {d}"));
        return Err(OAuthError::Rejected(format!(
            "authorization denied ({e}{desc})"
        )));
    }
    if params.get("state") != Some(&pending.state) {
        return Err(failed(
            "the redirect's `state` does not match this login (possible CSRF); nothing was stored",
        ));
    }
    if let (Some(iss), Some(expected)) = (params.get("iss"), issuer)
        && !same_url(iss, expected)
    {
        return Err(failed(format!(
            "the redirect came from issuer `{iss}`, not `{expected}`; nothing was stored"
        )));
    }
    params
        .get("code")
        .cloned()
        .ok_or_else(|| failed("the redirect carries no authorization code"))
}

async fn reply(sock: &mut tokio::net::TcpStream, status: &str, text: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        text.len()
    );
    sock.write_all(head.as_bytes()).await?;
    sock.write_all(text.as_bytes()).await?;
    sock.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_check_state_and_issuer() {
        let pending = Pending {
            url: String::new(),
            state: "s1".into(),
            verifier: String::new(),
        };
        let p = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect::<BTreeMap<_, _>>()
        };
        assert_eq!(
            check_callback(
                &p(&[("code", "c"), ("state", "s1")]),
                &pending,
                Some("http://a")
            )
            .unwrap(),
            "c"
        );
        assert!(check_callback(&p(&[("code", "c"), ("state", "s2")]), &pending, None).is_err());
        assert!(
            check_callback(
                &p(&[("code", "c"), ("state", "s1"), ("iss", "http://evil")]),
                &pending,
                Some("http://a")
            )
            .is_err()
        );
        assert!(matches!(
            check_callback(
                &p(&[("error", "access_denied"), ("state", "s1")]),
                &pending,
                None
            ),
            Err(OAuthError::Rejected(_))
        ));
    }
}
