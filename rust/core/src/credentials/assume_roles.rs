//! The roles of a profile chain whose base is run here (`profile_chain.rs`), assumed one after the other
//! with aws-config's `AssumeRoleProvider`, configured by the credential chain's loader (which brings the
//! region, `AWS_ENDPOINT_URL_STS` and the HTTP client).

use crate::credentials::profile_chain::Role;
use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;

/// Assumes each role in turn, starting from `base`; `base` itself when there are none.
pub(crate) async fn assume(
    roles: &[Role],
    base: Credentials,
    loader: aws_config::ConfigLoader,
) -> Result<Credentials, CredentialsError> {
    if roles.is_empty() {
        return Ok(base);
    }
    let config = loader.load().await;
    let mut credentials = base;
    for Role { arn, external_id, session_name, duration } in roles {
        let mut builder = AssumeRoleProvider::builder(arn.as_str()).configure(&config);
        if let Some(id) = external_id {
            builder = builder.external_id(id.as_str());
        }
        if let Some(name) = session_name {
            builder = builder.session_name(name.as_str());
        }
        if let Some(duration) = duration {
            builder = builder.session_length(*duration);
        }
        credentials = builder.build_from_provider(credentials).await.provide_credentials().await?;
    }
    Ok(credentials)
}
