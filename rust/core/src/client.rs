//! Builds the SDK client for one call from a checked target.

use crate::error::{CallError, ErrorKind};
use crate::target::ServiceTarget;
use crate::{http, validate};
use aws_credential_types::Credentials;
use aws_sdk_secretsmanager::config::{BehaviorVersion, Region};
use aws_sdk_secretsmanager::{Client, Config};
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use std::time::Duration;

pub(crate) const NO_CREDENTIALS: &str = "No credentials specified or obtained from persisted/shell defaults.";
pub(crate) const NO_REGION: &str = "No region specified or obtained from persisted/shell defaults.";

/// Default limits, so that no call can hang: connecting, one attempt, and the whole call with retries.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
const OPERATION_TIMEOUT: Duration = Duration::from_secs(90);

pub(crate) fn build(target: &ServiceTarget) -> Result<Client, CallError> {
    let region = target.region.as_deref().ok_or_else(|| CallError::new(ErrorKind::Region, NO_REGION))?;
    validate::region(region)?;
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
        .retry_config(RetryConfig::standard())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .operation_timeout(OPERATION_TIMEOUT)
                .build(),
        );
    if let Some(url) = &target.endpoint_url {
        config = config.endpoint_url(url.as_str());
    }
    Ok(Client::from_conf(config.build()))
}
