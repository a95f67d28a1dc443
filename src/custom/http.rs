//! Tools of kind `http`: one request built from templates. Parameter values placed in the URL are
//! percent-encoded (a value holding `/` or `?` stays inside its segment), query values are
//! encoded, a `json` body keeps the types of whole-value leaves (`"{{ param.n }}"` stays a
//! number). The result is the response body (bounded), with `structuredContent` when it is a JSON
//! object; a status of 400 or more is a tool error with the status and an excerpt of the body.

use std::sync::OnceLock;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde_json::{Map, Value};

use crate::config::Seg;
use crate::config::custom::{ApiKeyPlacement, HttpRequest};
use crate::support::url::redacted;
use crate::upstream::error_text;

use super::compiler::Compiler;
use super::render::Render;
use super::results::text_result;
use super::secrets::Secrets;
use super::values::{encode_component, url_vars};

/// The default `request.timeout`.
pub(super) const DEFAULT_HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest response body read.
pub(super) const MAX_BODY: usize = 1024 * 1024;
/// Redirects followed.
const MAX_REDIRECTS: usize = 5;
/// Characters of the body quoted in an error.
const EXCERPT: usize = 500;

/// A compiled `http` tool (its templates live in the engine).
pub(super) struct HttpTool {
    request: HttpRequest,
    method: Method,
    timeout: Duration,
}

pub(super) fn compile(c: &mut Compiler<'_>) -> Option<HttpTool> {
    let req = c.tool.request.clone()?;
    let r = |f: &str| vec![Seg::from("request"), Seg::from(f)];
    let r2 = |f: &str, k: &str| vec![Seg::from("request"), Seg::from(f), Seg::from(k)];
    c.add("url", &req.url, &r("url"));
    for (k, v) in &req.query {
        c.add(&format!("query:{k}"), v.as_str(), &r2("query", k));
    }
    for (k, v) in &req.headers {
        if HeaderName::from_bytes(k.as_bytes()).is_err() {
            c.issue(
                &r2("headers", k),
                format!("`{k}` is not a valid header name"),
                None,
            );
        }
        c.add(&format!("header:{k}"), v.as_str(), &r2("headers", k));
    }
    for (k, v) in &req.form {
        c.add(&format!("form:{k}"), v.as_str(), &r2("form", k));
    }
    if let Some(json) = &req.json {
        c.add_json("json", json, &r("json"));
    }
    if let Some(body) = &req.body {
        c.add("body", body, &r("body"));
    }
    if let Some(auth) = &req.auth {
        if let Some(t) = &auth.bearer {
            c.add("auth:bearer", t, &r2("auth", "bearer"));
        }
        if let Some(b) = &auth.basic {
            let at = r2("auth", "basic");
            c.add("auth:user", &b.user, &at);
            c.add("auth:password", &b.password, &at);
        }
        if let Some(k) = &auth.api_key {
            c.add("auth:key", &k.value, &r2("auth", "api_key"));
        }
    }
    let method = req.method.as_deref().unwrap_or("GET").to_ascii_uppercase();
    let method = Method::from_bytes(method.as_bytes()).unwrap_or(Method::GET);
    Some(HttpTool {
        timeout: req.timeout.map_or(
            DEFAULT_HTTP_TIMEOUT,
            crate::config::duration::ConfigDuration::get,
        ),
        request: req,
        method,
    })
}

impl HttpTool {
    pub(super) fn method(&self) -> &Method {
        &self.method
    }

    /// How long a call may take by default (the request's own timeout).
    pub(super) fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// The HTTP client of one vMCP's `http` tools, built on first use and shared by every call, so
/// connections are pooled and reused. What differs between tools is set per request (the
/// timeout); the redirect policy is the same for every tool.
#[derive(Default)]
pub(super) struct Client(OnceLock<Result<reqwest::Client, String>>);

impl Client {
    fn get(&self) -> Result<&reqwest::Client, String> {
        self.0
            .get_or_init(|| {
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
                    .build()
                    .map_err(|e| format!("cannot build an HTTP client: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The request, rendered (what `--render-only` would show and what is sent).
pub(super) struct Rendered {
    pub(super) url: Url,
    pub(super) headers: HeaderMap,
    pub(super) body: Option<(Vec<u8>, Option<&'static str>)>,
    pub(super) basic: Option<(String, String)>,
    /// The rendered `auth:` values (bearer token, password, API key): never shown.
    pub(super) credentials: Vec<String>,
}

impl HttpTool {
    /// The request, rendered.
    pub(super) async fn render(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
    ) -> Result<Rendered, String> {
        let req = &self.request;
        let text = r.part("url", &url_vars(vars)).await?;
        let mut url = Url::parse(text.trim())
            .map_err(|e| format!("the URL `{}` is not valid: {e}", redacted(&text)))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "the URL `{}` is not http or https",
                redacted(url.as_str())
            ));
        }
        let mut query = Vec::new();
        for k in req.query.keys() {
            let v = r.part(&format!("query:{k}"), vars).await?;
            // An optional parameter that was not given leaves its query parameter out.
            if !v.is_empty() {
                query.push((k.clone(), v));
            }
        }
        let mut headers = HeaderMap::new();
        for k in req.headers.keys() {
            let v = r.part(&format!("header:{k}"), vars).await?;
            if !v.is_empty() {
                insert_header(&mut headers, k, &v)?;
            }
        }
        let mut basic = None;
        let mut credentials = Vec::new();
        if let Some(auth) = &req.auth {
            if auth.bearer.is_some() {
                let token = r.part("auth:bearer", vars).await?;
                insert_header(&mut headers, "authorization", &format!("Bearer {token}"))?;
                credentials.push(token);
            }
            if auth.basic.is_some() {
                let user = r.part("auth:user", vars).await?;
                let password = r.part("auth:password", vars).await?;
                credentials.push(password.clone());
                basic = Some((user, password));
            }
            if let Some(k) = &auth.api_key {
                let value = r.part("auth:key", vars).await?;
                credentials.push(value.clone());
                match k.placement.unwrap_or(ApiKeyPlacement::Header) {
                    ApiKeyPlacement::Header => insert_header(&mut headers, &k.name, &value)?,
                    ApiKeyPlacement::Query => query.push((k.name.clone(), value)),
                }
            }
        }
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &query {
                pairs.append_pair(k, v);
            }
        }
        let body = if let Some(tree) = &req.json {
            let v = r.tree("json", tree, vars).await?;
            Some((v.to_string().into_bytes(), Some("application/json")))
        } else if !req.form.is_empty() {
            let mut parts = Vec::new();
            for k in req.form.keys() {
                let v = r.part(&format!("form:{k}"), vars).await?;
                parts.push(format!("{}={}", encode_component(k), encode_component(&v)));
            }
            Some((
                parts.join("&").into_bytes(),
                Some("application/x-www-form-urlencoded"),
            ))
        } else if req.body.is_some() {
            let b = r.part("body", vars).await?;
            Some((b.into_bytes(), None))
        } else {
            None
        };
        Ok(Rendered {
            url,
            headers,
            body,
            basic,
            credentials,
        })
    }

    /// Sends the request; an error (the tool result the model reads) shows none of `secrets`
    /// (the `${env:…}` config values) and no credential, even one the server echoes back.
    pub(super) async fn run(
        &self,
        r: &Render<'_>,
        vars: &Map<String, Value>,
        secrets: &Secrets,
        client: &Client,
    ) -> Result<Value, String> {
        let rendered = self.render(r, vars).await.map_err(|e| secrets.hide(&e))?;
        let secrets = secrets.with(rendered.credentials.iter().map(String::as_str));
        send(self, rendered, client)
            .await
            .map_err(|e| secrets.hide(&e))
    }
}

/// Sends a rendered request; the result is the response, or why it failed.
async fn send(spec: &HttpTool, r: Rendered, client: &Client) -> Result<Value, String> {
    let client = client.get()?;
    let shown = redacted(r.url.as_str());
    // The timeout covers the whole exchange, the body included.
    let mut builder = client
        .request(spec.method.clone(), r.url)
        .timeout(spec.timeout)
        .headers(r.headers.clone());
    if let Some((user, password)) = r.basic {
        builder = builder.basic_auth(user, Some(password));
    }
    if let Some((bytes, content_type)) = r.body {
        if let Some(ct) = content_type
            && !r.headers.contains_key(CONTENT_TYPE)
        {
            builder = builder.header(CONTENT_TYPE, ct);
        }
        builder = builder.body(bytes);
    }
    let mut resp = builder
        .send()
        .await
        .map_err(|e| format!("{} {shown} failed: {}", spec.method, describe(e)))?;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("json"));
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| format!("reading the response of {shown} failed: {}", describe(e)))?
    {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(format!(
                "the response of {shown} is larger than {MAX_BODY} bytes"
            ));
        }
        body.extend_from_slice(&chunk);
    }
    let text = String::from_utf8_lossy(&body).into_owned();
    if status.as_u16() >= 400 {
        let mut excerpt: String = text.chars().take(EXCERPT).collect();
        if excerpt.len() < text.len() {
            excerpt.push('…');
        }
        return Err(format!(
            "{} {shown} answered {status}: {}",
            spec.method,
            excerpt.trim()
        ));
    }
    let mut v = text_result(&text);
    if !is_json && let Some(m) = v.as_object_mut() {
        // Only a response that says it is JSON is structured.
        m.remove("structuredContent");
    }
    Ok(v)
}

fn insert_header(headers: &mut HeaderMap, name: &str, value: &str) -> Result<(), String> {
    let n = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    let v = HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header `{name}` is not valid (line breaks?)"))?;
    headers.insert(n, v);
    Ok(())
}

/// What went wrong, without the URL reqwest's text holds (it may hold credentials, and this
/// text is the tool result the model reads).
fn describe(e: reqwest::Error) -> String {
    if e.is_timeout() {
        return "timed out".into();
    }
    if e.is_redirect() {
        return format!("more than {MAX_REDIRECTS} redirects");
    }
    error_text(e)
}
