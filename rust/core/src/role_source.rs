//! Role profiles whose chain starts at `credential_source = Environment`. aws-config's profile provider
//! reads that source from the loader's environment, but a loader given the shell's keys answers with
//! them itself, before the profile step. So the keys come from the gathered environment and each role
//! of the chain is assumed with aws-config's `AssumeRoleProvider`, configured by the same loader (which
//! brings the region, `AWS_ENDPOINT_URL_STS` and the HTTP client).

use crate::credential_chain::{environment_keys, static_credentials};
use crate::target::ShellEnvironment;
use aws_config::profile::ProfileSet;
use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use std::time::Duration;

/// Longest `source_profile` chain followed (aws-config rejects cycles; this only bounds the walk).
const MAX_CHAIN: usize = 16;

/// One role to assume, with the options a profile can give it.
pub(crate) struct Role {
    arn: String,
    external_id: Option<String>,
    session_name: Option<String>,
    duration: Option<Duration>,
}

/// Where a role profile's `source_profile` chain ends in `credential_source`: that source's name and the
/// roles from the source outwards. `None` for profiles that are not such a chain.
pub(crate) fn credential_source<'a>(profiles: &'a ProfileSet, key: &str) -> Option<(&'a str, Vec<Role>)> {
    let mut roles = Vec::new();
    let mut name = key;
    while roles.len() < MAX_CHAIN {
        let profile = profiles.get_profile(name)?;
        roles.push(Role {
            arn: profile.get("role_arn")?.to_string(),
            external_id: profile.get("external_id").map(str::to_string),
            session_name: profile.get("role_session_name").map(str::to_string),
            duration: profile.get("duration_seconds").and_then(|s| s.parse().ok()).map(Duration::from_secs),
        });
        if let Some(source) = profile.get("credential_source") {
            roles.reverse();
            return Some((source, roles));
        }
        name = profile.get("source_profile")?;
    }
    None
}

/// Assumes each role in turn, starting from the shell's `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
pub(crate) async fn assume_from_environment(
    roles: &[Role],
    env: &ShellEnvironment,
    loader: aws_config::ConfigLoader,
) -> Result<Credentials, CredentialsError> {
    let keys = environment_keys(env).ok_or_else(|| {
        CredentialsError::invalid_configuration(
            "the profile's credential_source is Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set",
        )
    })?;
    let mut credentials = static_credentials(&keys);
    let config = loader.load().await;
    for role in roles {
        let mut builder = AssumeRoleProvider::builder(role.arn.as_str()).configure(&config);
        if let Some(id) = &role.external_id {
            builder = builder.external_id(id.as_str());
        }
        if let Some(name) = &role.session_name {
            builder = builder.session_name(name.as_str());
        }
        if let Some(duration) = role.duration {
            builder = builder.session_length(duration);
        }
        credentials = builder.build_from_provider(credentials).await.provide_credentials().await?;
    }
    Ok(credentials)
}
