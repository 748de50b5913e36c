//! Where a call goes and as whom: region, endpoint and credentials.

use std::fmt;
use zeroize::Zeroizing;

/// Access key, secret key and optional session token given explicitly by the caller.
#[derive(Clone)]
pub struct ExplicitKeys {
    pub access_key: String,
    pub secret_key: Zeroizing<String>,
    pub session_token: Option<Zeroizing<String>>,
}

impl fmt::Debug for ExplicitKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The access key id is an identifier, not a secret; the rest never reaches a log.
        f.debug_struct("ExplicitKeys")
            .field("access_key", &self.access_key)
            .field("secret_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .finish()
    }
}

/// The service endpoint and identity for one call.
#[derive(Debug, Clone, Default)]
pub struct ServiceTarget {
    /// The region's system name, e.g. `us-east-1`. With an endpoint URL it is the signing region.
    pub region: Option<String>,
    /// A custom endpoint such as `http://127.0.0.1:5000`; `None` for the public AWS endpoint.
    pub endpoint_url: Option<String>,
    pub keys: Option<ExplicitKeys>,
    /// Retries and timeouts (`-ClientConfig`).
    pub call_settings: crate::call_settings::CallSettings,
}
