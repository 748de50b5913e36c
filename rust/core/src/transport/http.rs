//! The HTTP clients shared by every call in the process, so that connections are pooled and reused:
//! one pool per runtime lane (`per_lane_client`), since a pooled connection is driven by its lane.
//!
//! Plain `http://` endpoints (local test servers, proxies on loopback) get a client with an empty trust
//! store, which spares a cold process from loading the system's root certificates. Everything else uses
//! rustls with the `ring` provider and the roots of `trust_store` (the system's, `SSL_CERT_FILE`'s and
//! `SSL_CERT_DIR`'s, loaded once per process). A proxy (see `proxy`) gets its own client, of the same
//! connector type.
//!
//! Both are the same rustls connector type (it speaks plain HTTP to `http://` URLs), so the library holds
//! one copy of the hyper client code instead of a second one for a TLS-less connector (library size).

use crate::transport::per_lane_client::PerLaneClient;
use crate::transport::proxy::ProxySettings;
use crate::transport::trust_store;
use aws_smithy_http_client::Connector;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use once_cell::sync::Lazy;

static PLAIN_HTTP: Lazy<SharedHttpClient> = Lazy::new(|| PerLaneClient::shared(plain_http_client));

/// No roots: nothing to load, and an https:// URL never reaches this client (see `client_for`).
pub(crate) fn plain_http_client() -> SharedHttpClient {
    rustls_client(no_roots())
}

fn no_roots() -> TlsContext {
    TlsContext::builder().with_trust_store(TrustStore::empty()).build().unwrap_or_default()
}

static HTTPS: Lazy<SharedHttpClient> =
    Lazy::new(|| PerLaneClient::shared(|| rustls_client(trust_store::tls_context())));

fn rustls_client(context: TlsContext) -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .tls_context(context)
        .build_https()
}

/// The shared client for calls to `endpoint_url` (`None`: the public AWS endpoint, always HTTPS).
pub fn shared_client_for(endpoint_url: Option<&str>) -> SharedHttpClient {
    match endpoint_url {
        Some(url) if is_plain_http(url) => PLAIN_HTTP.clone(),
        _ => HTTPS.clone(),
    }
}

/// The client for an operation's calls: the shared one, or with a proxy a new one (the SDK client that
/// holds it is cached per proxy, see `client_cache`).
pub fn operation_client_for(endpoint_url: Option<&str>, proxy: Option<&ProxySettings>) -> SharedHttpClient {
    match proxy {
        None => shared_client_for(endpoint_url),
        Some(proxy) => through_proxy(proxy.config(), endpoint_url.is_some_and(is_plain_http)),
    }
}

/// A client whose connections go through the proxy: absolute-form requests for http://, a CONNECT
/// tunnel for https:// (both handled by the rustls connector). Connect and read timeouts and the sleep
/// come from the SDK's settings, as for the shared clients.
fn through_proxy(config: ProxyConfig, plain: bool) -> SharedHttpClient {
    let context = if plain { no_roots() } else { trust_store::tls_context() };
    PerLaneClient::shared(move || {
        let (config, context) = (config.clone(), context.clone());
        aws_smithy_http_client::Builder::new().build_with_connector_fn(move |settings, components| {
            let mut builder = Connector::builder().proxy_config(config.clone());
            builder.set_connector_settings(settings.cloned());
            if let Some(components) = components {
                builder.set_sleep_impl(components.sleep_impl());
            }
            builder.tls_provider(tls::Provider::Rustls(CryptoMode::Ring)).tls_context(context.clone()).build()
        })
    })
}

pub(crate) fn is_plain_http(url: &str) -> bool {
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
