//! The HTTP clients shared by every call in the process, so that connections are pooled and reused.
//!
//! Plain `http://` endpoints (local test servers, proxies on loopback) get a client with an empty trust
//! store, which spares a cold process from loading the system's root certificates. Everything else uses
//! rustls with the `ring` provider and the platform's trusted roots.
//!
//! Both are the same rustls connector type (it speaks plain HTTP to `http://` URLs), so the library holds
//! one copy of the hyper client code instead of a second one for a TLS-less connector (library size).

use aws_smithy_http_client::tls::{self, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use once_cell::sync::Lazy;

static PLAIN_HTTP: Lazy<SharedHttpClient> = Lazy::new(|| {
    // No roots: nothing to load, and an https:// URL never reaches this client (see `client_for`).
    rustls_client(TlsContext::builder().with_trust_store(TrustStore::empty()).build().unwrap_or_default())
});

static HTTPS: Lazy<SharedHttpClient> = Lazy::new(|| rustls_client(TlsContext::default()));

fn rustls_client(context: TlsContext) -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .tls_context(context)
        .build_https()
}

/// The shared client for calls to `endpoint_url` (`None`: the public AWS endpoint, always HTTPS).
pub fn client_for(endpoint_url: Option<&str>) -> SharedHttpClient {
    match endpoint_url {
        Some(url) if is_plain_http(url) => PLAIN_HTTP.clone(),
        _ => HTTPS.clone(),
    }
}

fn is_plain_http(url: &str) -> bool {
    url.get(..7).is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
}

#[cfg(test)]
mod tests {
    use super::is_plain_http;

    #[test]
    fn only_http_scheme_is_plain() {
        assert!(is_plain_http("http://127.0.0.1:5000"));
        assert!(is_plain_http("HTTP://localhost"));
        assert!(!is_plain_http("https://secretsmanager.us-east-1.amazonaws.com"));
        assert!(!is_plain_http("htt"));
    }
}
