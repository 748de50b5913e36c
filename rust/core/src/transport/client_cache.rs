//! SDK clients reused across calls: one per distinct region, endpoint, keys and call settings.
//!
//! Building a client (config, runtime plugins, identity cache) costs tens of microseconds, a large share
//! of a call against a fast endpoint; reusing it also keeps the client's retry state across calls, as a
//! long-lived .NET SDK client does. The cache is small and bounded: scripts use a handful of identities.

use crate::bounded_cache::BoundedCache;
use crate::operation::call_settings::CallSettings;
use crate::transport::proxy::ProxySettings;
use aws_sdk_secretsmanager::Client;
use zeroize::Zeroizing;

/// Distinct clients kept; the oldest is dropped beyond this.
const CAPACITY: usize = 16;

/// Everything a client is built from. The secret parts are wiped when an entry is dropped.
#[derive(PartialEq, Eq)]
pub(crate) struct ClientKey {
    pub region: String,
    pub endpoint_url: Option<String>,
    pub use_fips: bool,
    pub use_dual_stack: bool,
    pub access_key: String,
    pub secret_key: Zeroizing<String>,
    pub session_token: Option<Zeroizing<String>>,
    pub call_settings: CallSettings,
    pub proxy: Option<ProxySettings>,
}

static CLIENTS: BoundedCache<ClientKey, Client> = BoundedCache::new(CAPACITY);

/// The cached client for `key`, or a new one from `build` (then cached). Returns whether it was built.
pub(crate) fn cached_client(key: ClientKey, build: impl FnOnce() -> Client) -> (Client, bool) {
    CLIENTS.get_or_insert_with(key, build)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_secretsmanager::Config;
    use aws_sdk_secretsmanager::config::BehaviorVersion;

    fn key(endpoint: &str, secret: &str) -> ClientKey {
        ClientKey {
            region: "us-east-1".into(),
            endpoint_url: Some(endpoint.into()),
            use_fips: false,
            use_dual_stack: false,
            access_key: "a".into(),
            secret_key: secret.to_string().into(),
            session_token: None,
            call_settings: CallSettings::default(),
            proxy: None,
        }
    }

    fn build() -> Client {
        Client::from_conf(Config::builder().behavior_version(BehaviorVersion::latest()).build())
    }

    #[test]
    fn the_same_target_reuses_its_client_and_any_difference_builds_a_new_one() {
        // A port no other test uses, so that the process-wide cache starts empty for these keys.
        let endpoint = "http://127.0.0.1:1";
        assert!(cached_client(key(endpoint, "s1"), build).1);
        assert!(!cached_client(key(endpoint, "s1"), build).1);
        assert!(cached_client(key(endpoint, "s2"), build).1, "other keys must not share a client");
        assert!(cached_client(key("http://127.0.0.1:2", "s1"), build).1);
        let fips = ClientKey { endpoint_url: None, use_fips: true, ..key(endpoint, "s1") };
        assert!(cached_client(fips, build).1, "a FIPS client must not serve the standard endpoint");
    }

    #[test]
    fn the_cache_stays_bounded() {
        for port in 0..(CAPACITY + 4) {
            cached_client(key(&format!("http://10.0.0.1:{port}"), "s"), build);
        }
        assert!(CLIENTS.len() <= CAPACITY);
    }
}
