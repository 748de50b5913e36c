//! The HTTP proxy of a call, chosen as AWS Tools' HTTP stack chooses it: `-ClientConfig`'s
//! ProxyHost/ProxyPort (with ProxyCredentials) when given, otherwise the shell's proxy variables
//! (`https_proxy`/`HTTPS_PROXY` for https endpoints, `http_proxy`/`HTTP_PROXY` for http ones, then
//! `all_proxy`/`ALL_PROXY`, minus `no_proxy`/`NO_PROXY`), which .NET's default proxy reads on Linux and
//! macOS. Plain `http://` requests go to the proxy in absolute form; `https://` ones through a CONNECT
//! tunnel (aws-smithy-http-client's proxy support, which is hyper-util's, already linked).

use crate::credentials::target::ShellEnvironment;
use crate::error::CallError;
use aws_smithy_http_client::proxy::ProxyConfig;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use std::fmt;
use zeroize::Zeroizing;

/// Basic credentials for the proxy (`ProxyCredentials`).
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyCredentials {
    pub user_name: String,
    pub password: Zeroizing<String>,
}

impl fmt::Debug for ProxyCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyCredentials")
            .field("user_name", &self.user_name)
            .field("password", &"** redacted **")
            .finish()
    }
}

/// `-ClientConfig`'s proxy settings, or the shell's (`$AWSProxy`), as the cmdlet read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplicitProxy {
    pub host: String,
    pub port: u16,
    pub credentials: Option<ProxyCredentials>,
    /// `Set-AWSProxy -BypassOnLocal`: no proxy for a local endpoint. Decided here, where the endpoint is
    /// chosen (it may come from the environment or a profile, which the cmdlet does not read).
    pub bypass_on_local: bool,
}

/// The proxy a client sends through; part of the client cache's key.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxySettings {
    /// `http://[user:password@]host:port`.
    url: Zeroizing<String>,
    credentials: Option<ProxyCredentials>,
    /// NO_PROXY-style rules: hosts, `.domain` suffixes, IP addresses and CIDR ranges.
    no_proxy: Option<String>,
}

impl fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL may carry a password in its user info.
        f.debug_struct("ProxySettings")
            .field("url", &crate::operation::validate::redact_userinfo(&self.url))
            .field("credentials", &self.credentials)
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// Local as .NET's `BypassProxyOnLocal` sees it: a host without a dot, `localhost`, or a loopback address.
fn is_local(endpoint_url: &str) -> bool {
    let authority = endpoint_url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = authority.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_and_port.split(':').next().unwrap_or_default(),
    };
    match host.parse::<std::net::IpAddr>() {
        Ok(address) => address.is_loopback(),
        Err(_) => !host.is_empty() && (!host.contains('.') || host.eq_ignore_ascii_case("localhost")),
    }
}

const NOT_HTTP: &str = "only http:// proxies are supported (the proxy itself is reached without TLS)";

impl ProxySettings {
    /// The proxy for calls to `endpoint_url` (`None`: the public AWS endpoint, always https), or none.
    pub fn choose(
        explicit: Option<&ExplicitProxy>,
        environment: &ShellEnvironment,
        endpoint_url: Option<&str>,
    ) -> Result<Option<Self>, CallError> {
        if let Some(explicit) = explicit {
            let proxy = Self::explicit(explicit)?;
            let bypassed = explicit.bypass_on_local && endpoint_url.is_some_and(is_local);
            return Ok((!bypassed).then_some(proxy));
        }
        let https = !endpoint_url.is_some_and(crate::transport::http::is_plain_http);
        let scheme_variable = if https { "https_proxy" } else { "http_proxy" };
        let Some((name, value)) =
            [scheme_variable, "all_proxy"].into_iter().find_map(|name| variable(environment, name))
        else {
            return Ok(None);
        };
        let url = with_scheme(value).map_err(|why| {
            CallError::invalid_input(
                "ClientConfig",
                format!("The proxy in the {name} environment variable is not usable: {why}."),
            )
        })?;
        let no_proxy = variable(environment, "no_proxy").map(|(_, rules)| rules.to_string());
        Ok(Some(Self { url, credentials: None, no_proxy }))
    }

    fn explicit(explicit: &ExplicitProxy) -> Result<Self, CallError> {
        let bad =
            |why: &str| CallError::invalid_input("ClientConfig", format!("ProxyHost/ProxyPort are not usable: {why}."));
        let host = explicit.host.strip_prefix("http://").unwrap_or(&explicit.host).trim_end_matches('/');
        if host.is_empty() || host.contains(['/', '@', ' ']) {
            return Err(bad(if host.contains("://") { NOT_HTTP } else { "ProxyHost must be a host name or address" }));
        }
        if explicit.port == 0 {
            return Err(bad("ProxyPort must be 1 to 65535"));
        }
        let url = Zeroizing::new(format!("http://{host}:{}", explicit.port));
        if ProxyConfig::all(url.as_str()).is_err() {
            return Err(bad("ProxyHost must be a host name or address"));
        }
        Ok(Self { url, credentials: explicit.credentials.clone(), no_proxy: None })
    }

    /// The configuration for the HTTP client: every request of the client goes through the proxy, but
    /// for hosts matching the NO_PROXY rules.
    pub(crate) fn config(&self) -> ProxyConfig {
        let mut config = ProxyConfig::all(self.url.as_str()).expect("the proxy URL was checked when it was chosen");
        if let Some(credentials) = &self.credentials {
            // aws-smithy-http-client pastes these into the proxy URL unescaped and hyper-util decodes them
            // from it, so `CORP\user` or a password with `@ : / # %` would drop the proxy or send other
            // credentials unless escaped here.
            let escape = |text: &str| Zeroizing::new(utf8_percent_encode(text, NON_ALPHANUMERIC).to_string());
            let (user, password) = (escape(&credentials.user_name), escape(&credentials.password));
            config = config.with_basic_auth(user.as_str(), password.as_str());
        }
        match &self.no_proxy {
            Some(rules) => config.no_proxy(rules),
            None => config,
        }
    }
}

/// A proxy variable, lower-case name first (as .NET and curl read them), when set and not empty.
fn variable<'a>(environment: &'a ShellEnvironment, lower: &'static str) -> Option<(&'static str, &'a str)> {
    let upper: &'static str = match lower {
        "http_proxy" => "HTTP_PROXY",
        "https_proxy" => "HTTPS_PROXY",
        "all_proxy" => "ALL_PROXY",
        _ => "NO_PROXY",
    };
    environment.get(lower).map(|v| (lower, v)).or_else(|| environment.get(upper).map(|v| (upper, v)))
}

/// `host:port` or `http://host:port` (with optional user info) as an `http://` URL.
fn with_scheme(value: &str) -> Result<Zeroizing<String>, &'static str> {
    let value = value.trim();
    let url = match value.split_once("://") {
        None => Zeroizing::new(format!("http://{value}")),
        Some((scheme, _)) if scheme.eq_ignore_ascii_case("http") => Zeroizing::new(value.to_string()),
        Some(_) => return Err(NOT_HTTP),
    };
    match ProxyConfig::all(url.as_str()) {
        Ok(_) => Ok(url),
        Err(_) => Err("it is not a URL such as http://proxy.example.com:3128"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> ShellEnvironment {
        ShellEnvironment(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<HashMap<_, _>>())
    }

    fn url(choice: Option<ProxySettings>) -> Option<String> {
        choice.map(|p| p.url.to_string())
    }

    #[test]
    fn explicit_settings_win_over_the_environment() {
        let explicit =
            ExplicitProxy { host: "proxy.local".into(), port: 3128, credentials: None, bypass_on_local: false };
        let environment = env(&[("HTTPS_PROXY", "http://other:1")]);
        let chosen = ProxySettings::choose(Some(&explicit), &environment, None).unwrap();
        assert_eq!(url(chosen).as_deref(), Some("http://proxy.local:3128"));
    }

    #[test]
    fn bypass_on_local_skips_the_explicit_proxy_for_a_local_endpoint_only() {
        let explicit = ExplicitProxy { host: "proxy".into(), port: 3128, credentials: None, bypass_on_local: true };
        let environment = env(&[("HTTP_PROXY", "http://other:1")]);
        for local in [
            "http://127.0.0.1:5000",
            "http://localhost:4566/",
            "http://[::1]:5000",
            "http://moto:5000",
            "http://u:p@127.0.0.2",
        ] {
            assert!(ProxySettings::choose(Some(&explicit), &environment, Some(local)).unwrap().is_none(), "{local}");
        }
        for remote in [Some("http://10.0.0.1:5000"), Some("https://vpce.example.com"), None] {
            let chosen = ProxySettings::choose(Some(&explicit), &environment, remote).unwrap();
            assert_eq!(url(chosen).as_deref(), Some("http://proxy:3128"), "{remote:?}");
        }
        let not_bypassing = ExplicitProxy { bypass_on_local: false, ..explicit };
        assert!(
            ProxySettings::choose(Some(&not_bypassing), &environment, Some("http://127.0.0.1:5000")).unwrap().is_some()
        );
    }

    #[test]
    fn the_variable_follows_the_endpoint_scheme_lower_case_first_then_all_proxy() {
        let environment =
            env(&[("HTTPS_PROXY", "secure:1"), ("http_proxy", "http://plain:2"), ("HTTP_PROXY", "upper:3")]);
        assert_eq!(url(ProxySettings::choose(None, &environment, None).unwrap()).as_deref(), Some("http://secure:1"));
        let plain = ProxySettings::choose(None, &environment, Some("http://127.0.0.1:5000")).unwrap();
        assert_eq!(url(plain).as_deref(), Some("http://plain:2"));
        let all = env(&[("ALL_PROXY", "all:4")]);
        assert_eq!(url(ProxySettings::choose(None, &all, Some("https://x")).unwrap()).as_deref(), Some("http://all:4"));
        assert!(ProxySettings::choose(None, &env(&[("HTTP_PROXY", "p:1")]), None).unwrap().is_none());
    }

    #[test]
    fn unusable_proxies_are_clear_errors_without_passwords() {
        let environment = env(&[("HTTPS_PROXY", "https://user:hunter2@tls-proxy:443")]);
        let err = ProxySettings::choose(None, &environment, None).unwrap_err();
        assert_eq!(err.parameter, "ClientConfig");
        assert!(err.message.contains("HTTPS_PROXY") && !err.message.contains("hunter2"), "{}", err.message);
        for (host, port) in [("", 80), ("http://a/b", 80), ("https://tls", 443), ("proxy", 0), ("a b", 1)] {
            let explicit = ExplicitProxy { host: host.into(), port, credentials: None, bypass_on_local: false };
            assert_eq!(ProxySettings::choose(Some(&explicit), &env(&[]), None).unwrap_err().parameter, "ClientConfig");
        }
    }

    #[test]
    fn debug_output_hides_passwords() {
        let credentials = ProxyCredentials { user_name: "u".into(), password: Zeroizing::new("hunter2".into()) };
        let explicit =
            ExplicitProxy { host: "p".into(), port: 1, credentials: Some(credentials), bypass_on_local: false };
        let chosen = ProxySettings::choose(Some(&explicit), &env(&[]), None).unwrap().unwrap();
        let from_env = ProxySettings::choose(None, &env(&[("HTTPS_PROXY", "http://u:hunter2@p:1")]), None).unwrap();
        for text in [format!("{chosen:?}"), format!("{from_env:?}")] {
            assert!(!text.contains("hunter2"), "{text}");
        }
        let _ = chosen.config();
    }
}
