//! `vmcp login NAME`: discover how the server wants to be authorized, get a client (configured,
//! or registered once and reused), send the user to the authorization URL, take the redirect on a
//! loopback port fixed per server, exchange the code and store the tokens.

use std::path::Path;
use std::time::Duration;

use tokio::net::TcpListener;

use crate::app::InvalidInput;
use crate::app::context::Context;
use crate::app::definition::resolve::{self, EnvLookup};
use crate::app::definition::source::find_server;
use crate::config::{OAuthSettings, interpolate};
use crate::store::{Credentials, Store};
use crate::upstream::TransportPlan;
use crate::upstream::oauth::{self, OAuthError, Pending, Probe};

/// One server to log in to, fully resolved.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub name: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub scopes: Vec<String>,
    pub redirect_port: Option<u16>,
    /// The client ID metadata document URL, used where the authorization server supports it.
    pub client_metadata_url: Option<String>,
}

/// Resolves the server `name` (from `config` when given, else the store, then the default file)
/// into a login target.
pub(crate) fn target(
    ctx: &Context,
    name: &str,
    config: Option<&Path>,
    env: EnvLookup<'_>,
) -> anyhow::Result<Target> {
    let (server, base) = find_server(ctx, name, config)?;
    let plan = resolve::upstream_plan(name, &server, &base, env)
        .map_err(|issues| crate::app::located(Path::new("server"), &issues))?;
    let TransportPlan::Http(http) = plan.transport else {
        return Err(InvalidInput(format!(
            "`{name}` is a local (stdio) server; only `url` servers log in"
        ))
        .into());
    };
    if server
        .auth
        .as_ref()
        .is_some_and(crate::config::AuthConfig::is_static)
    {
        return Err(InvalidInput(format!(
            "`{name}` uses static credentials (`auth:` in its config); there is nothing to log in to"
        ))
        .into());
    }
    let settings = server
        .auth
        .and_then(|a| a.oauth)
        .unwrap_or_else(OAuthSettings::default);
    let expand = |v: &crate::config::Scalar| {
        interpolate::expand(v.as_str(), env).map_err(|e| InvalidInput(format!("`{name}`: {e}")))
    };
    Ok(Target {
        name: name.to_string(),
        url: http.url,
        headers: http.headers,
        client_id: settings.client_id.as_ref().map(expand).transpose()?,
        client_secret: settings.client_secret.as_ref().map(expand).transpose()?,
        scopes: settings.scopes,
        redirect_port: settings.redirect_port,
        client_metadata_url: settings.client_metadata_url,
    })
}

/// A login waiting for the user: open `url`, then call [`Prepared::finish`].
pub(crate) struct Prepared {
    pub url: String,
    store: Store,
    name: String,
    creds: Credentials,
    pending: Pending,
    listener: TcpListener,
    scopes: Vec<String>,
    http: reqwest::Client,
}

/// The first step of a login.
pub(crate) enum LoginOutcome {
    /// The server answered without asking for credentials.
    NotNeeded,
    /// Waiting for the user.
    Started(Box<Prepared>),
}

/// What a finished login stored.
#[derive(Debug, Clone)]
pub(crate) struct LoggedIn {
    pub expires_at: Option<u64>,
    pub refreshable: bool,
}

/// Discovery, client registration (persisted at once, so the next login reuses it) and the
/// authorization URL. `extra_scopes` come from the command line (or a step-up challenge).
pub(crate) async fn prepare(
    store: &Store,
    target: &Target,
    extra_scopes: &[String],
) -> Result<LoginOutcome, OAuthError> {
    let http = oauth::as_client()?;
    let challenge = match oauth::probe(&http, &target.url, &target.headers).await? {
        Probe::Open => return Ok(LoginOutcome::NotNeeded),
        Probe::Challenged(c) => c,
    };
    let d = oauth::discover(&http, &target.url, &challenge).await?;
    let wanted: Vec<String> = if extra_scopes.is_empty() {
        target.scopes.clone()
    } else {
        extra_scopes.to_vec()
    };
    let scopes = oauth::choose_scopes(&wanted, &challenge, &d);
    let existing = store
        .credentials(&target.name)
        .map_err(|e| OAuthError::Failed(e.to_string()))?;
    // The registration is reused while it is for the same authorization server.
    let reusable = existing.as_ref().and_then(|c| {
        c.client
            .clone()
            .filter(|_| c.issuer == d.issuer && c.token_endpoint == d.token_endpoint)
    });
    let port = target
        .redirect_port
        .or_else(|| reusable.as_ref().map(|r| r.redirect_port))
        .unwrap_or(0);
    let listener = oauth::bind_callback(port).await?;
    let port = listener
        .local_addr()
        .map_err(|e| OAuthError::Failed(e.to_string()))?
        .port();
    let client = match (&target.client_id, reusable) {
        (Some(id), _) => oauth::registration(
            id.clone(),
            target.client_secret.clone(),
            None,
            port,
            "configured",
        ),
        (None, _) if d.client_metadata_documents && target.client_metadata_url.is_some() => {
            // Client ID metadata document: the URL is the client id; nothing to register.
            let url = target.client_metadata_url.clone().unwrap_or_default();
            oauth::registration(url, None, Some("none".into()), port, "metadata")
        }
        (None, Some(r)) if r.source == "dynamic" && r.redirect_port == port => r,
        (None, _) => {
            let endpoint = d.registration_endpoint.clone().ok_or_else(|| {
                OAuthError::Failed(format!(
                    "the authorization server offers no dynamic client registration; register vmcp with it (redirect URI {}) and set `auth: {{ oauth: {{ client_id: … }} }}` for `{}`",
                    oauth::redirect_uri(port),
                    target.name
                ))
            })?;
            let (id, secret, method) =
                oauth::register(&http, &endpoint, &oauth::redirect_uri(port), &scopes).await?;
            oauth::registration(id, secret, method, port, "dynamic")
        }
    };
    let keep_tokens = existing
        .as_ref()
        .filter(|c| c.client.as_ref().map(|r| &r.client_id) == Some(&client.client_id))
        .and_then(|c| c.tokens.clone());
    let creds = Credentials {
        server_url: target.url.clone(),
        resource: Some(d.resource.clone()),
        issuer: d.issuer.clone(),
        authorization_endpoint: d.authorization_endpoint.clone(),
        token_endpoint: d.token_endpoint.clone(),
        revocation_endpoint: d.revocation_endpoint.clone(),
        client: Some(client),
        tokens: keep_tokens,
    };
    store
        .put_credentials(&target.name, &creds)
        .map_err(|e| OAuthError::Failed(e.to_string()))?;
    let pending = oauth::authorization_url(&creds, &scopes)?;
    Ok(LoginOutcome::Started(Box::new(Prepared {
        url: pending.url.clone(),
        store: store.clone(),
        name: target.name.clone(),
        creds,
        pending,
        listener,
        scopes,
        http,
    })))
}

impl Prepared {
    /// The loopback redirect URI the authorization server will send the browser to.
    pub(crate) fn redirect_uri(&self) -> String {
        self.creds
            .client
            .as_ref()
            .map(|c| c.redirect_uri.clone())
            .unwrap_or_default()
    }

    /// Waits (up to `timeout`) for the redirect, checks it, exchanges the code, stores tokens.
    pub(crate) async fn finish(self, timeout: Duration) -> Result<LoggedIn, OAuthError> {
        let waited = tokio::time::timeout(
            timeout,
            oauth::wait_callback(&self.listener, &self.pending, self.creds.issuer.as_deref()),
        )
        .await
        .map_err(|_| {
            OAuthError::Failed(format!(
                "no answer from the browser within {}s; run `vmcp login {}` again",
                timeout.as_secs(),
                self.name
            ))
        })?;
        let code = waited?;
        let tokens =
            oauth::exchange(&self.http, &self.creds, self.pending, &code, &self.scopes).await?;
        let mut creds = self.creds;
        let out = LoggedIn {
            expires_at: tokens.expires_at,
            refreshable: tokens.refresh_token.is_some(),
        };
        creds.tokens = Some(tokens);
        self.store
            .put_credentials(&self.name, &creds)
            .map_err(|e| OAuthError::Failed(e.to_string()))?;
        Ok(out)
    }
}

/// Opens `url` with the platform's opener (`xdg-open`, `open`, `start`).
pub(crate) fn open_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}
