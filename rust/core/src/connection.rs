//! A resolved connection: the SDK client for one region, endpoint and identity, plus where the
//! region and credentials came from (for the cmdlet's debug messages). Resolving happens before the
//! operation so that the cmdlet can fail, or ask ShouldProcess, before anything is sent.

use crate::client_cache::{self, ClientKey};
use crate::error::CallError;
use crate::proxy::ProxySettings;
use crate::target::ServiceTarget;
use crate::{credential_chain, http, region_chain, validate};
use aws_sdk_secretsmanager::config::{BehaviorVersion, Region};
use aws_sdk_secretsmanager::{Client, Config};

/// A client ready to call, and how it was put together.
#[derive(Debug, Clone)]
pub struct Connection {
    pub(crate) client: Client,
    /// The region's system name (with an endpoint URL: the signing region).
    pub region: String,
    /// The custom endpoint, if any.
    pub endpoint_url: Option<String>,
    /// Where the region came from, in AWS Tools' words (`region parameter`, ...).
    pub region_source: String,
    /// Where the credentials came from, in AWS Tools' words (`the supplied key parameters`, ...).
    pub credentials_source: String,
}

impl Connection {
    /// How the operation is reached, for messages: the endpoint URL or the region.
    pub(crate) fn describe(&self) -> String {
        match &self.endpoint_url {
            Some(url) => format!("endpoint '{}'", validate::redact_userinfo(url)),
            None => format!("Secrets Manager in region '{}'", self.region),
        }
    }
}

/// Resolves region and credentials for `target` and builds the client. Credentials are looked for
/// first, as in AWS Tools, so that with nothing configured the credentials message comes first; the
/// region is known before, because role and SSO profiles need it for STS.
pub async fn connect(target: &ServiceTarget) -> Result<Connection, CallError> {
    if let Some(region) = &target.region {
        validate::region(region)?;
    }
    target.call_settings.validate()?;
    if let Some(url) = &target.endpoint_url {
        validate::endpoint_url(url)?;
    }
    let region_outcome = region_chain::resolve(target).await;
    let sts_region = region_outcome.region.as_ref().map_or("us-east-1", |r| r.region.as_str());
    let credentials = credential_chain::resolve(target, sts_region, !region_outcome.metadata_missing).await?;
    let resolved_region = region_outcome.region?;
    let proxy = ProxySettings::choose(target.proxy.as_ref(), &target.environment, target.endpoint_url.as_deref())?;
    let region = resolved_region.region.as_str();
    validate::region(region)?;

    let identity = &credentials.credentials;
    // The cache key holds the resolved keys, so a refreshed role session builds a fresh client.
    let key = ClientKey {
        region: region.to_string(),
        endpoint_url: target.endpoint_url.clone(),
        access_key: identity.access_key_id().to_string(),
        secret_key: identity.secret_access_key().to_string().into(),
        session_token: identity.session_token().map(|t| t.to_string().into()),
        call_settings: target.call_settings,
        proxy: proxy.clone(),
    };
    let mut config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .credentials_provider(identity.clone())
        .http_client(http::client_for_operation(target.endpoint_url.as_deref(), proxy.as_ref()))
        .retry_config(target.call_settings.retry_config())
        .timeout_config(target.call_settings.timeout_config());
    if let Some(url) = &target.endpoint_url {
        config = config.endpoint_url(url.as_str());
    }
    let (client, _) = client_cache::client_for(key, || Client::from_conf(config.build()));
    Ok(Connection {
        client,
        region: region.to_string(),
        endpoint_url: target.endpoint_url.clone(),
        region_source: resolved_region.source.to_string(),
        credentials_source: credentials.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::target::ExplicitKeys;

    fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    #[test]
    fn missing_region_and_credentials_use_the_aws_tools_messages() {
        let mut nothing = ServiceTarget::default();
        nothing.environment.0.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
        nothing.environment.0.insert("HOME".into(), "/nonexistent".into());
        let err = block(connect(&nothing)).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Credentials, credential_chain::NO_CREDENTIALS));

        let keys_only = ServiceTarget {
            keys: Some(ExplicitKeys {
                access_key: "a".into(),
                secret_key: "b".to_string().into(),
                session_token: None,
            }),
            ..nothing
        };
        let err = block(connect(&keys_only)).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Region, region_chain::NO_REGION));
    }

    #[test]
    fn a_connection_says_where_its_parts_came_from() {
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
        let connection = block(connect(&target)).unwrap();
        assert_eq!(connection.region, "eu-west-1");
        assert_eq!(connection.region_source, "region parameter");
        assert_eq!(connection.credentials_source, "the supplied key parameters");
        assert_eq!(connection.describe(), "endpoint 'http://***@127.0.0.1:9'");
    }
}
