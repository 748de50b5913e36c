//! A resolved client: the SDK client for one region, endpoint and identity, plus where the
//! region, endpoint and credentials came from (for the cmdlet's debug messages). Resolving happens before
//! the operation so that the cmdlet can fail, or ask ShouldProcess, before anything is sent.

use crate::credentials::configured_settings::ConfiguredSettings;
use crate::credentials::target::ServiceTarget;
use crate::error::CallError;
use crate::profiles::file_stamps::FileStamps;
use crate::profiles::profile_snapshot::ProfileSnapshot;
use crate::transport::cached_user_agent::CachedUserAgent;
use crate::transport::client_cache::{self, ClientKey};
use crate::transport::endpoint::ChosenEndpoint;
use crate::transport::proxy::ProxySettings;
use crate::transport::response_facts::RecordResponseFacts;
use crate::transport::service_clock::{MeasureServiceClock, ServiceClockOffset};
use crate::transport::sigv4_signer::CachedKeySigV4;
use crate::{credentials::credential_chain, credentials::region_chain, operation::validate, transport::http};
use aws_sdk_secretsmanager::config::{BehaviorVersion, Region, SharedInterceptor, StalledStreamProtectionConfig};
use aws_sdk_secretsmanager::{Client, Config};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A client ready to call, and how it was put together.
#[derive(Debug, Clone)]
pub struct ResolvedClient {
    pub(crate) client: Client,
    /// The region's system name (with an endpoint URL: the signing region).
    pub region: String,
    /// The custom endpoint (`-EndpointUrl`, ServiceURL, or configured), if any.
    pub endpoint_url: Option<String>,
    /// The URL the call goes to: the custom endpoint, or the AWS one the SDK's rules make for the region.
    /// May hold user info: redact it for messages.
    pub endpoint: String,
    /// Where the endpoint came from (`EndpointUrl parameter`, `environment variable AWS_ENDPOINT_URL`, ...).
    pub endpoint_source: String,
    /// A proxy is configured for the operation (so the peer address of a connection may be the proxy's).
    pub proxied: bool,
    /// Where the region came from, in AWS Tools' words (`region parameter`, ...).
    pub region_source: String,
    /// Where the credentials came from, in AWS Tools' words (`the supplied key parameters`, ...).
    pub credentials_source: String,
    /// Region and keys both came from the target itself (parameters, `$StoredAWSRegion`, credential
    /// objects or environment keys), not from profile files or a credential service: the same target
    /// gives the same client as long as the profile files, which hold the endpoint and retry
    /// settings, are unchanged (`is_current`), so it may be reused for it.
    pub depends_only_on_target: bool,
    /// How the profile files looked when this client was resolved from them.
    profile_files: FileStamps,
    /// How long resolving took when it waited on a credential lookup (a process, STS, SSO, container,
    /// metadata), else zero: the operation gets what is left of the whole-call limit.
    pub(crate) lookup_time: Duration,
}

impl ResolvedClient {
    /// How the operation is reached, for messages: the endpoint URL or the region.
    pub(crate) fn describe(&self) -> String {
        match &self.endpoint_url {
            Some(url) => format!("endpoint '{}'", validate::redact_userinfo(url)),
            None => format!("Secrets Manager in region '{}'", self.region),
        }
    }

    /// Whether the profile files it read are unchanged, so that resolving the same target again would give
    /// the same client (a `stat` per file; see `file_stamps`).
    pub fn is_current(&self) -> bool {
        self.profile_files.unchanged()
    }
}

/// Resolves endpoint, region and credentials for `target` and builds the client. Bad input, including a
/// bad proxy, endpoint or retry setting in the environment or profile, fails first. Of the chains,
/// credentials are reported first, as in AWS Tools, so that with nothing configured the credentials
/// message comes first; the region is looked up before, because role and SSO profiles need it for STS.
pub async fn resolve_client(target: &ServiceTarget) -> Result<ResolvedClient, CallError> {
    if let Some(region) = &target.region {
        validate::region(region)?;
    }
    target.call_settings.validate()?;
    if let Some(url) = &target.endpoint_url {
        validate::endpoint_url(url)?;
    }
    // One read and one parse of the profile files serve the settings and both chains.
    let profiles = ProfileSnapshot::new(target.profile_location.as_deref(), &target.environment);
    let configured = ConfiguredSettings::new(target, &profiles).await;
    let endpoint = ChosenEndpoint::choose(target, &configured).await?;
    let call_settings = target.call_settings.with_configured(&configured)?;
    let custom_url = endpoint.custom.as_ref().map(|custom| custom.value.clone());
    // Before any lookup: a bad proxy setting is reported without waiting for STS or instance metadata
    // (which never go through the proxy anyway).
    let proxy = ProxySettings::choose(target.proxy.as_ref(), &target.environment, custom_url.as_deref())?;
    let started = Instant::now();
    let region_outcome = region_chain::resolve(target, &profiles).await;
    let sts_region = region_outcome.region.as_ref().map_or("us-east-1", |r| r.region.as_str());
    let credentials =
        credential_chain::resolve(target, &profiles, sts_region, !region_outcome.metadata_missing).await?;
    let resolved_region = region_outcome.region?;
    let region = resolved_region.region.as_str();
    validate::region(region)?;
    let resolved_endpoint = endpoint.resolve(region).await?;

    // The region chain's first two steps always win when present, and read nothing but the target.
    let region_from_target = target.region.is_some() || target.stored_region.is_some();
    let identity = &credentials.credentials;
    // The cache key holds the resolved keys, so a refreshed role session builds a fresh client.
    let key = ClientKey {
        region: region.to_string(),
        endpoint_url: custom_url.clone(),
        use_fips: endpoint.use_fips(),
        use_dual_stack: endpoint.use_dual_stack(),
        access_key: identity.access_key_id().to_string(),
        secret_key: identity.secret_access_key().to_string().into(),
        session_token: identity.session_token().map(|t| t.to_string().into()),
        call_settings,
        proxy: proxy.clone(),
    };
    // The config is only put together when no cached client fits.
    let (client, _) = client_cache::cached_client(key, || {
        let mut config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region.to_string()))
            .credentials_provider(identity.clone())
            .http_client(http::operation_client_for(custom_url.as_deref(), proxy.as_ref()))
            .retry_config(call_settings.retry_config())
            .timeout_config(call_settings.timeout_config())
            .use_fips(endpoint.use_fips())
            .use_dual_stack(endpoint.use_dual_stack())
            // AWS Tools has no stalled-stream check: its timeouts, which ours mirror, bound a stalled answer.
            // The check also costs a throughput monitor on every body (about 4 % of a call's native CPU).
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled());
        // Ours, each to make a call cheaper without changing what is sent (bench/analysis.md). Permanent:
        // nothing disables them, so the SDK skips its per-hook check for that.
        config.push_interceptor(SharedInterceptor::permanent(RecordResponseFacts));
        config.push_interceptor(SharedInterceptor::permanent(CachedUserAgent::new()));
        let service_clock = Arc::new(ServiceClockOffset::default());
        config.push_interceptor(SharedInterceptor::permanent(MeasureServiceClock(Arc::clone(&service_clock))));
        config = config.push_auth_scheme(CachedKeySigV4::new(service_clock));
        if let Some(url) = &custom_url {
            config = config.endpoint_url(url.as_str());
        }
        Client::from_conf(config.build())
    });
    Ok(ResolvedClient {
        client,
        region: region.to_string(),
        endpoint_url: custom_url,
        endpoint: resolved_endpoint.url,
        endpoint_source: resolved_endpoint.source,
        proxied: proxy.is_some(),
        region_source: resolved_region.source.to_string(),
        credentials_source: credentials.source,
        depends_only_on_target: region_from_target && credentials.from_target,
        profile_files: profiles.stamps(),
        lookup_time: if credentials.fetched { started.elapsed() } else { Duration::ZERO },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::target::ExplicitKeys;
    use crate::error::ErrorKind;
    use aws_smithy_types::retry::RetryMode as SdkRetryMode;

    fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    #[test]
    fn missing_region_and_credentials_use_the_aws_tools_messages() {
        let mut nothing = ServiceTarget::default();
        nothing.environment.0.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
        nothing.environment.0.insert("HOME".into(), "/nonexistent".into());
        let err = block(resolve_client(&nothing)).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Credentials, credential_chain::NO_CREDENTIALS));

        let keys_only = ServiceTarget {
            keys: Some(ExplicitKeys {
                access_key: "a".into(),
                secret_key: "b".to_string().into(),
                session_token: None,
            }),
            ..nothing
        };
        let err = block(resolve_client(&keys_only)).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Region, region_chain::NO_REGION));
    }

    #[test]
    fn a_bad_proxy_variable_is_reported_before_any_region_or_credential_lookup() {
        // The instance metadata service is the lookup that would run first with nothing configured.
        let metadata = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        metadata.set_nonblocking(true).unwrap();
        let mut target = ServiceTarget::default();
        let environment = &mut target.environment.0;
        environment.insert("HOME".into(), "/nonexistent".into());
        environment
            .insert("AWS_EC2_METADATA_SERVICE_ENDPOINT".into(), format!("http://{}", metadata.local_addr().unwrap()));
        environment.insert("HTTPS_PROXY".into(), "https://tls-proxy:443".into());
        let err = block(resolve_client(&target)).unwrap_err();
        assert_eq!((err.kind, err.parameter.as_str()), (ErrorKind::InvalidInput, "ClientConfig"), "{}", err.message);
        assert!(metadata.accept().is_err(), "the metadata service was asked before the proxy was checked");
    }

    #[test]
    fn a_resolved_client_says_where_its_parts_came_from() {
        let target = ServiceTarget {
            region: Some("eu-west-1".into()),
            endpoint_url: Some("http://user:pw@127.0.0.1:9".into()),
            keys: Some(ExplicitKeys {
                access_key: "a".into(),
                secret_key: "b".to_string().into(),
                session_token: None,
            }),
            ..Default::default()
        };
        let resolved = block(resolve_client(&target)).unwrap();
        assert_eq!(resolved.region, "eu-west-1");
        assert_eq!(resolved.region_source, "region parameter");
        assert_eq!(resolved.credentials_source, "the supplied key parameters");
        assert_eq!(resolved.describe(), "endpoint 'http://***@127.0.0.1:9'");
        assert!(resolved.depends_only_on_target);
        let stall_check = resolved.client.config().stalled_stream_protection();
        assert!(stall_check.is_some_and(|check| !check.is_enabled()), "timeouts bound stalls, as in AWS Tools");
    }

    #[test]
    fn the_resolved_client_gets_the_configured_endpoint_fips_and_retry_settings() {
        let keys = ExplicitKeys { access_key: "a".into(), secret_key: "b".to_string().into(), session_token: None };
        let mut target = ServiceTarget { region: Some("us-west-2".into()), keys: Some(keys), ..Default::default() };
        for (name, value) in [
            ("AWS_USE_FIPS_ENDPOINT", "true"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
            ("AWS_MAX_ATTEMPTS", "5"),
            ("AWS_RETRY_MODE", "adaptive"),
        ] {
            target.environment.0.insert(name.into(), value.into());
        }
        let resolved = block(resolve_client(&target)).unwrap();
        // What the client sends to is proven end to end (tests/pwsh/ConfiguredEndpoints.Tests.ps1, through a
        // proxy); the retry mode only here, as adaptive mode differs from standard only in timing.
        let config = resolved.client.config();
        assert_eq!(config.retry_config().map(|retry| retry.max_attempts()), Some(5));
        assert_eq!(config.retry_config().map(|retry| retry.mode()), Some(SdkRetryMode::Adaptive));
        assert_eq!(resolved.endpoint_url, None);
        assert_eq!(resolved.endpoint, "https://secretsmanager-fips.us-west-2.amazonaws.com");
        assert!(resolved.describe().contains("region 'us-west-2'"));

        target.environment.0.insert("AWS_ENDPOINT_URL_SECRETS_MANAGER".into(), "http://127.0.0.1:9".into());
        target.client_config_endpoint.use_fips = Some(false);
        target.client_config_endpoint.use_dual_stack = Some(false);
        let resolved = block(resolve_client(&target)).unwrap();
        assert_eq!(resolved.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(resolved.endpoint_source, "environment variable AWS_ENDPOINT_URL_SECRETS_MANAGER");
        assert_eq!(resolved.describe(), "endpoint 'http://127.0.0.1:9'");
    }

    #[test]
    fn a_region_or_credentials_from_outside_the_target_make_a_resolved_client_not_reusable() {
        let keys = ExplicitKeys { access_key: "a".into(), secret_key: "b".to_string().into(), session_token: None };
        let mut from_environment = ServiceTarget { keys: Some(keys), ..Default::default() };
        from_environment.environment.0.insert("AWS_REGION".into(), "eu-west-1".into());
        from_environment.environment.0.insert("HOME".into(), "/nonexistent".into());
        let resolved = block(resolve_client(&from_environment)).unwrap();
        assert_eq!(resolved.region_source, "Environment");
        assert!(!resolved.depends_only_on_target, "a profile file could name a region next time");

        let mut from_profile = ServiceTarget { region: Some("eu-west-1".into()), ..Default::default() };
        let dir = std::env::temp_dir().join(format!("sm-reuse-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("credentials");
        std::fs::write(&file, "[p]\naws_access_key_id = AKIDP\naws_secret_access_key = s\n").unwrap();
        from_profile.profile_name = Some("p".into());
        from_profile.profile_location = Some(file.to_string_lossy().into_owned());
        from_profile.environment.0.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
        let resolved = block(resolve_client(&from_profile)).unwrap();
        assert_eq!(resolved.credentials_source, "stored profile named 'p'");
        assert!(!resolved.depends_only_on_target, "the profile file may change");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
