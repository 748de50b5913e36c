//! Where a call goes and as whom: region, endpoint and the inputs of the credential and region chains.

use std::fmt;
use zeroize::Zeroizing;

pub use crate::credentials::shell_environment::ShellEnvironment;

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

/// A credential object handed over by the shell (`-Credential` or `$StoredAWSCredentials`): either keys,
/// or a reference to a profile that is resolved now (so role and SSO profiles refresh as they should).
#[derive(Debug, Clone)]
pub enum CredentialObject {
    Keys(ExplicitKeys),
    Profile {
        name: String,
        location: Option<String>,
    },
    /// An object whose keys another module keeps to itself (AWS.Tools.Common's `AWSPSCredentials` in
    /// `$StoredAWSCredentials`); `owner` names that module. Reaching it in the chain is a clear failure, never a
    /// silent fall-through to whatever credentials come next.
    Unreadable {
        owner: String,
    },
}

/// The service endpoint and the inputs of the credential and region chains for one call.
#[derive(Debug, Clone, Default)]
pub struct ServiceTarget {
    /// `-Region`: the region's system name, e.g. `us-east-1`. With an endpoint URL it is the signing region.
    pub region: Option<String>,
    /// `-EndpointUrl`, a custom endpoint such as `http://127.0.0.1:5000`; `None` leaves the choice to
    /// `-ClientConfig`, the environment and the profile (else the AWS endpoint of the region).
    pub endpoint_url: Option<String>,
    /// `-AccessKey`/`-SecretKey`/`-SessionToken`, when both keys were given.
    pub keys: Option<ExplicitKeys>,
    /// `-ProfileName` and `-ProfileLocation`.
    pub profile_name: Option<String>,
    pub profile_location: Option<String>,
    /// `-Credential`.
    pub credential: Option<CredentialObject>,
    /// `$StoredAWSCredentials` as seen from the caller's scope.
    pub stored_credentials: Option<CredentialObject>,
    /// `$StoredAWSRegion` as seen from the caller's scope.
    pub stored_region: Option<String>,
    pub environment: ShellEnvironment,
    /// Retries and timeouts (`-ClientConfig`).
    pub call_settings: crate::operation::call_settings::CallSettings,
    /// `-ClientConfig`'s ProxyHost/ProxyPort; without it the proxy variables in `environment` apply.
    pub proxy: Option<crate::transport::proxy::ExplicitProxy>,
    /// `-ClientConfig`'s ServiceURL, UseFIPSEndpoint and UseDualstackEndpoint; what it leaves out comes from
    /// `environment` or the profile.
    pub client_config_endpoint: crate::transport::endpoint::ClientConfigEndpoint,
}
