//! A resolved connection: the SDK client for one region, endpoint and identity, plus where the
//! region and credentials came from (for the cmdlet's debug messages). Resolving happens before the
//! operation so that the cmdlet can fail, or ask ShouldProcess, before anything is sent.

use crate::client_cache::{self, ClientKey};
use crate::error::{CallError, ErrorKind};
use crate::target::ServiceTarget;
use crate::{http, validate};
use aws_credential_types::Credentials;
use aws_sdk_secretsmanager::config::{BehaviorVersion, Region};
use aws_sdk_secretsmanager::{Client, Config};

pub(crate) const NO_CREDENTIALS: &str = "No credentials specified or obtained from persisted/shell defaults.";
pub(crate) const NO_REGION: &str = "No region specified or obtained from persisted/shell defaults.";

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

/// Resolves region and credentials for `target` and builds the client.
pub async fn connect(target: &ServiceTarget) -> Result<Connection, CallError> {
    let region = target.region.as_deref().ok_or_else(|| CallError::new(ErrorKind::Region, NO_REGION))?;
    validate::region(region)?;
    target.call_settings.validate()?;
    if let Some(url) = &target.endpoint_url {
        validate::endpoint_url(url)?;
    }
    let keys = target.keys.as_ref().ok_or_else(|| CallError::new(ErrorKind::Credentials, NO_CREDENTIALS))?;
    let credentials = Credentials::new(
        keys.access_key.as_str(),
        keys.secret_key.as_str(),
        keys.session_token.as_ref().map(|t| t.to_string()),
        None,
        "SecretsManager.Native explicit keys",
    );

    let mut config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .credentials_provider(credentials)
        .http_client(http::client_for(target.endpoint_url.as_deref()))
        .retry_config(target.call_settings.retry_config())
        .timeout_config(target.call_settings.timeout_config());
    if let Some(url) = &target.endpoint_url {
        config = config.endpoint_url(url.as_str());
    }
    let key = ClientKey {
        region: region.to_string(),
        endpoint_url: target.endpoint_url.clone(),
        access_key: keys.access_key.clone(),
        secret_key: keys.secret_key.clone(),
        session_token: keys.session_token.clone(),
        call_settings: target.call_settings,
    };
    let (client, _) = client_cache::client_for(key, || Client::from_conf(config.build()));
    Ok(Connection {
        client,
        region: region.to_string(),
        endpoint_url: target.endpoint_url.clone(),
        region_source: "region parameter".to_string(),
        credentials_source: "the supplied key parameters".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::ExplicitKeys;

    fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    #[test]
    fn missing_region_and_credentials_use_the_aws_tools_messages() {
        let err = block(connect(&ServiceTarget::default())).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Region, NO_REGION));

        let no_keys = ServiceTarget { region: Some("us-east-1".into()), ..Default::default() };
        let err = block(connect(&no_keys)).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Credentials, NO_CREDENTIALS));
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
