//! What a signed access token must say to be let in (RFC 9068, RFC 7519): this issuer, an
//! audience that is this server (RFC 8707 resource indicators), not expired nor early (with a
//! small leeway for clock skew), a subject; and which vMCPs its scopes open.

use serde_json::Value;

use crate::upstream::oauth::same_url as same;

/// Clock skew tolerated between the authorization server and this one, in seconds.
pub(crate) const LEEWAY_SECS: u64 = 60;
/// The scope that opens every vMCP; `vmcp:<name>` opens one.
pub(crate) const ALL_SCOPE: &str = "vmcp:*";

/// What the claims are checked against.
pub(crate) struct Expected<'a> {
    pub issuer: &'a str,
    /// Any one of these in `aud` will do.
    pub audiences: &'a [String],
    /// Seconds since the epoch.
    pub now: u64,
}

/// Who the token speaks for (`sub`, else `client_id`/`azp` for a client acting as itself), if
/// the claims are acceptable; else why not (never quoting the token).
pub(crate) fn check(claims: &Value, want: &Expected) -> Result<String, &'static str> {
    if !claims["iss"].as_str().is_some_and(|i| same(i, want.issuer)) {
        return Err("the token is from another issuer");
    }
    let aud: Vec<&str> = match &claims["aud"] {
        Value::String(a) => vec![a.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !aud
        .iter()
        .any(|a| want.audiences.iter().any(|w| same(a, w)))
    {
        return Err("the token is for another audience (resource)");
    }
    let Some(exp) = claims["exp"].as_u64() else {
        return Err("the token has no expiry (exp)");
    };
    if exp.saturating_add(LEEWAY_SECS) <= want.now {
        return Err("the token expired");
    }
    if claims["nbf"]
        .as_u64()
        .is_some_and(|nbf| nbf > want.now.saturating_add(LEEWAY_SECS))
    {
        return Err("the token is not valid yet (nbf)");
    }
    ["sub", "client_id", "azp"]
        .iter()
        .find_map(|k| claims[*k].as_str().filter(|s| !s.is_empty()))
        .map(str::to_string)
        .ok_or("the token names no subject (sub)")
}

/// The token's scopes: `scope` (a space-separated string, RFC 9068) or `scp` (a list or a
/// string, as some providers write it).
pub(crate) fn scopes(claims: &Value) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for key in ["scope", "scp"] {
        match &claims[key] {
            Value::String(s) => out.extend(s.split_whitespace()),
            Value::Array(a) => out.extend(a.iter().filter_map(Value::as_str)),
            _ => {}
        }
    }
    out
}

/// The scope that opens `vmcp`.
pub(crate) fn scope_for(vmcp: &str) -> String {
    format!("vmcp:{vmcp}")
}

/// Whether `scopes` open `vmcp`.
pub(crate) fn opens(scopes: &[&str], vmcp: &str) -> bool {
    let own = scope_for(vmcp);
    scopes.iter().any(|s| *s == ALL_SCOPE || *s == own)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const NOW: u64 = 1_000_000;

    fn want(audiences: &[String]) -> Expected<'_> {
        Expected {
            issuer: "https://as.example",
            audiences,
            now: NOW,
        }
    }

    #[test]
    fn claims_are_checked_in_turn() {
        let aud = vec!["https://vmcp.example/mcp/daily".to_string()];
        let good = json!({"iss": "https://as.example/", "aud": ["x", "https://vmcp.example/mcp/daily/"],
                          "exp": NOW + 10, "sub": "alice"});
        assert_eq!(check(&good, &want(&aud)), Ok("alice".to_string()));
        let with = |k: &str, v: Value| {
            let mut c = good.clone();
            if v.is_null() {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = v;
            }
            check(&c, &want(&aud))
        };
        for (k, v, why) in [
            ("iss", json!("https://evil.example"), "issuer"),
            ("iss", Value::Null, "issuer"),
            ("aud", json!("https://vmcp.example/mcp/other"), "audience"),
            ("aud", Value::Null, "audience"),
            ("aud", json!(["https://vmcp.example"]), "audience"),
            ("exp", json!(NOW - LEEWAY_SECS), "expired"),
            ("exp", Value::Null, "expiry"),
            ("exp", json!("soon"), "expiry"),
            ("nbf", json!(NOW + LEEWAY_SECS + 1), "not valid yet"),
            ("sub", Value::Null, "subject"),
        ] {
            let e = with(k, v.clone()).unwrap_err();
            assert!(e.contains(why), "{k}={v}: {e}");
        }
        // Within the leeway.
        assert!(with("exp", json!(NOW - LEEWAY_SECS + 1)).is_ok());
        assert!(with("nbf", json!(NOW + LEEWAY_SECS)).is_ok());
        // A client acting for itself.
        let mut client = good.clone();
        client.as_object_mut().unwrap().remove("sub");
        client["client_id"] = json!("ci-bot");
        assert_eq!(check(&client, &want(&aud)), Ok("ci-bot".to_string()));
    }

    #[test]
    fn scopes_open_their_vmcp_or_all() {
        let c = json!({"scope": "openid vmcp:daily", "scp": ["vmcp:ops"]});
        let s = scopes(&c);
        assert_eq!(s, vec!["openid", "vmcp:daily", "vmcp:ops"]);
        assert!(opens(&s, "daily") && opens(&s, "ops"));
        assert!(!opens(&s, "dailyx") && !opens(&s, "other"));
        assert!(opens(&scopes(&json!({"scp": "vmcp:*"})), "anything"));
        assert!(!opens(&scopes(&json!({})), "daily"));
        assert!(!opens(&["vmcp:"], "daily"));
    }
}
