//! The target document of `sm_call_resolve`: where to call and as whom, as JSON keyed by the
//! cmdlet's parameter names, plus what the cmdlet gathered from the shell (stored credentials and
//! region, the `AWS_*` environment variables).

use secretsmanager_native_core::transport::proxy::{ExplicitProxy, ProxyCredentials};
use secretsmanager_native_core::{
    CallError, CallSettings, ClientConfigEndpoint, CredentialObject, ExplicitKeys, RetryMode, ServiceTarget,
    ShellEnvironment,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;
use zeroize::Zeroizing;

/// Largest target document accepted.
pub(crate) const MAX_TARGET_BYTES: usize = 1 << 20;

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub(crate) struct TargetDocument {
    region: Option<String>,
    endpoint_url: Option<String>,
    access_key: Option<String>,
    secret_key: Option<Zeroizing<String>>,
    session_token: Option<Zeroizing<String>>,
    profile_name: Option<String>,
    profile_location: Option<String>,
    /// `-Credential`, already unwrapped by the cmdlet.
    credential: Option<CredentialDocument>,
    /// `$StoredAWSCredentials`, read through the caller's scope.
    stored_credentials: Option<CredentialDocument>,
    stored_region: Option<String>,
    #[serde(default)]
    environment: HashMap<String, String>,
    client_config: Option<ClientConfigDocument>,
}

/// A credential object: keys, or a profile reference.
#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct CredentialDocument {
    access_key: Option<String>,
    secret_key: Option<Zeroizing<String>>,
    session_token: Option<Zeroizing<String>>,
    profile_name: Option<String>,
    profile_location: Option<String>,
    /// The module whose credential object the shell holds but can't open (see `CredentialObject::Unreadable`).
    unreadable: Option<String>,
}

/// The endpoint, retry, timeout and proxy settings of `-ClientConfig` (the C# side reads the user's object).
#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct ClientConfigDocument {
    service_url: Option<String>,
    #[serde(rename = "UseFIPSEndpoint")]
    use_fips_endpoint: Option<bool>,
    use_dualstack_endpoint: Option<bool>,
    /// Signed and wide, so that any whole number the user gave (-1, 2^40) is refused by `validate`, naming
    /// ClientConfig, rather than by the JSON parser as a malformed document.
    max_error_retry: Option<i64>,
    retry_mode: Option<String>,
    timeout_ms: Option<u64>,
    proxy_host: Option<String>,
    proxy_port: Option<u16>,
    proxy_user_name: Option<String>,
    proxy_password: Option<Zeroizing<String>>,
    /// `$AWSProxy`'s BypassOnLocal (the shell's proxy comes in the ProxyHost/ProxyPort members).
    proxy_bypass_on_local: Option<bool>,
}

impl ClientConfigDocument {
    /// ProxyHost and ProxyPort come together (the cmdlet checks; an absent port is refused here too).
    fn proxy(&self) -> Result<Option<ExplicitProxy>, CallError> {
        let Some(host) = self.proxy_host.clone() else { return Ok(None) };
        let Some(port) = self.proxy_port else {
            return Err(CallError::invalid_input("ClientConfig", "ProxyHost needs a ProxyPort."));
        };
        let credentials = self
            .proxy_user_name
            .clone()
            .map(|user_name| ProxyCredentials { user_name, password: self.proxy_password.clone().unwrap_or_default() });
        let bypass_on_local = self.proxy_bypass_on_local.unwrap_or(false);
        Ok(Some(ExplicitProxy { host, port, credentials, bypass_on_local }))
    }

    fn endpoint(&self) -> ClientConfigEndpoint {
        ClientConfigEndpoint {
            service_url: non_empty(&self.service_url),
            use_fips: self.use_fips_endpoint,
            use_dual_stack: self.use_dualstack_endpoint,
        }
    }

    fn settings(&self) -> Result<CallSettings, CallError> {
        Ok(CallSettings {
            // Out of u32's range is out of the allowed 0 to 10 as well: CallSettings::validate says so.
            max_error_retry: self.max_error_retry.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            retry_mode: self.retry_mode.as_deref().map(RetryMode::parse).transpose()?,
            timeout: self.timeout_ms.map(Duration::from_millis),
        })
    }
}

impl TargetDocument {
    pub(crate) fn parse(json: &[u8]) -> Result<Self, CallError> {
        // serde's message names the offending key and position, never a value.
        serde_json::from_slice(json).map_err(|e| CallError::internal(format!("The target document is malformed: {e}")))
    }

    /// Where to send the call and the inputs of the chains.
    pub(crate) fn target(&self) -> Result<ServiceTarget, CallError> {
        Ok(ServiceTarget {
            region: non_empty(&self.region),
            endpoint_url: non_empty(&self.endpoint_url),
            keys: keys(&self.access_key, &self.secret_key, &self.session_token),
            profile_name: non_empty(&self.profile_name),
            profile_location: non_empty(&self.profile_location),
            credential: self.credential.as_ref().and_then(CredentialDocument::object),
            stored_credentials: self.stored_credentials.as_ref().and_then(CredentialDocument::object),
            stored_region: non_empty(&self.stored_region),
            environment: ShellEnvironment(self.environment.clone()),
            call_settings: self
                .client_config
                .as_ref()
                .map(ClientConfigDocument::settings)
                .transpose()?
                .unwrap_or_default(),
            proxy: self.client_config.as_ref().map(ClientConfigDocument::proxy).transpose()?.flatten(),
            client_config_endpoint: self.client_config.as_ref().map(ClientConfigDocument::endpoint).unwrap_or_default(),
        })
    }
}

impl CredentialDocument {
    fn object(&self) -> Option<CredentialObject> {
        if let Some(owner) = non_empty(&self.unreadable) {
            return Some(CredentialObject::Unreadable { owner });
        }
        if let Some(keys) = keys(&self.access_key, &self.secret_key, &self.session_token) {
            return Some(CredentialObject::Keys(keys));
        }
        non_empty(&self.profile_name)
            .map(|name| CredentialObject::Profile { name, location: non_empty(&self.profile_location) })
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

/// Both keys are needed; a lone key is ignored, as in AWS Tools.
fn keys(
    access_key: &Option<String>,
    secret_key: &Option<Zeroizing<String>>,
    session_token: &Option<Zeroizing<String>>,
) -> Option<ExplicitKeys> {
    match (access_key, secret_key) {
        (Some(access_key), Some(secret_key)) if !access_key.is_empty() && !secret_key.is_empty() => {
            Some(ExplicitKeys {
                access_key: access_key.clone(),
                secret_key: secret_key.clone(),
                session_token: session_token.clone().filter(|t| !t.is_empty()),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_need_both_halves() {
        let doc = TargetDocument::parse(br#"{"AccessKey":"AKID","Region":"us-east-1"}"#).unwrap();
        assert!(doc.target().unwrap().keys.is_none());
        let doc = TargetDocument::parse(br#"{"AccessKey":"AKID","SecretKey":"s","SessionToken":""}"#).unwrap();
        let keys = doc.target().unwrap().keys.unwrap();
        assert_eq!(keys.access_key, "AKID");
        assert!(keys.session_token.is_none());
    }

    #[test]
    fn credential_objects_are_keys_or_profile_references() {
        let json = br#"{"Credential":{"ProfileName":"p","ProfileLocation":""},
            "StoredCredentials":{"AccessKey":"AKID","SecretKey":"s"},"Environment":{"AWS_REGION":"eu-west-1"}}"#;
        let target = TargetDocument::parse(json).unwrap().target().unwrap();
        assert!(
            matches!(target.credential, Some(CredentialObject::Profile { ref name, location: None }) if name == "p")
        );
        assert!(matches!(target.stored_credentials, Some(CredentialObject::Keys(ref k)) if k.access_key == "AKID"));
        assert_eq!(target.environment.get("AWS_REGION"), Some("eu-west-1"));
    }

    #[test]
    fn client_config_settings_reach_the_target() {
        let doc =
            TargetDocument::parse(br#"{"ClientConfig":{"MaxErrorRetry":0,"RetryMode":"Adaptive","TimeoutMs":250}}"#)
                .unwrap();
        let settings = doc.target().unwrap().call_settings;
        assert_eq!(settings.max_error_retry, Some(0));
        assert_eq!(settings.retry_mode, Some(RetryMode::Adaptive));
        assert_eq!(settings.timeout, Some(Duration::from_millis(250)));
        let bad = TargetDocument::parse(br#"{"ClientConfig":{"RetryMode":"never"}}"#).unwrap();
        assert_eq!(bad.target().unwrap_err().parameter, "ClientConfig");
        // Any whole number parses; one out of range is an argument error naming ClientConfig, not a malformed document.
        for retries in ["-1", "11", "1099511627776"] {
            let json = format!(r#"{{"ClientConfig":{{"MaxErrorRetry":{retries}}}}}"#);
            let settings = TargetDocument::parse(json.as_bytes()).unwrap().target().unwrap().call_settings;
            assert_eq!(settings.validate().unwrap_err().parameter, "ClientConfig", "{retries}");
        }
    }

    #[test]
    fn client_config_endpoint_settings_reach_the_target() {
        let doc = TargetDocument::parse(
            br#"{"EndpointUrl":"http://a:1","ClientConfig":{"ServiceUrl":"http://b:2","UseFIPSEndpoint":true,"UseDualstackEndpoint":false}}"#,
        )
        .unwrap();
        let target = doc.target().unwrap();
        assert_eq!(target.endpoint_url.as_deref(), Some("http://a:1"));
        let endpoint = target.client_config_endpoint;
        assert_eq!(endpoint.service_url.as_deref(), Some("http://b:2"));
        assert_eq!((endpoint.use_fips, endpoint.use_dual_stack), (Some(true), Some(false)));
        let nothing = TargetDocument::parse(br#"{"ClientConfig":{"ServiceUrl":""}}"#).unwrap().target().unwrap();
        assert_eq!(nothing.client_config_endpoint.service_url, None);
        assert_eq!(nothing.client_config_endpoint.use_fips, None);
    }

    #[test]
    fn client_config_proxy_settings_reach_the_target() {
        let doc = TargetDocument::parse(
            br#"{"ClientConfig":{"ProxyHost":"proxy","ProxyPort":3128,"ProxyUserName":"u","ProxyPassword":"p"}}"#,
        )
        .unwrap();
        let proxy = doc.target().unwrap().proxy.unwrap();
        assert_eq!((proxy.host.as_str(), proxy.port), ("proxy", 3128));
        assert_eq!(proxy.credentials.unwrap().password.as_str(), "p");
        let no_port = TargetDocument::parse(br#"{"ClientConfig":{"ProxyHost":"proxy"}}"#).unwrap();
        assert_eq!(no_port.target().unwrap_err().parameter, "ClientConfig");
    }

    #[test]
    fn unknown_keys_and_bad_json_are_internal_errors_without_values() {
        let Err(err) = TargetDocument::parse(br#"{"SecretKey":"do-not-echo","Bogus":1}"#) else {
            panic!("an unknown key must be rejected")
        };
        assert!(err.message.contains("Bogus"));
        assert!(!err.message.contains("do-not-echo"));
        assert!(TargetDocument::parse(b"{").is_err());
    }
}
