//! The credential chain of AWS Tools V4 (§2.3) with the project's additions (decisions.md), composed from
//! aws-config's providers. aws-config's own default chain is not used as a whole: it lets environment keys
//! beat an explicitly named profile and lets a missing named profile fall through, which AWS Tools does not.

use crate::error::{CallError, ErrorKind};
use crate::instance_metadata;
use crate::profile_store::{LEGACY_DEFAULT, ProfileStore};
use crate::static_profile::{self, Plain};
use crate::target::{CredentialObject, ExplicitKeys, ServiceTarget, ShellEnvironment};
use crate::{provider_http, role_source, sso_login};
use aws_config::BehaviorVersion;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_secretsmanager::config::Region;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_types::os_shim_internal::{Env, Fs};
use std::collections::HashMap;

pub(crate) const NO_CREDENTIALS: &str = "No credentials specified or obtained from persisted/shell defaults.";

/// Variables every aws-config provider may need: where the profile files and home are, STS endpoints.
const SHARED_VARIABLES: &[&str] = &[
    "HOME",
    "USERPROFILE",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_STS_REGIONAL_ENDPOINTS",
    "AWS_ROLE_SESSION_NAME",
];
const WEB_IDENTITY_VARIABLES: &[&str] = &["AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"];
const CONTAINER_VARIABLES: &[&str] = &[
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];
const METADATA_VARIABLES: &[&str] = &["AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED"];

/// Credentials and where they came from, in AWS Tools' debug words.
pub(crate) struct Resolved {
    pub(crate) credentials: Credentials,
    pub(crate) source: String,
    /// Keys given in the target itself (parameters, a credential object, the environment's keys): the same
    /// target always resolves to the same credentials, without reading files or asking a service.
    pub(crate) from_target: bool,
}

/// Walks the chain; the first step that yields credentials wins. `store` holds the target's profile files
/// (shared with the region chain); `region` is used by STS and SSO.
pub(crate) async fn resolve(
    target: &ServiceTarget,
    store: &ProfileStore,
    region: &str,
    metadata_reachable: bool,
) -> Result<Resolved, CallError> {
    let env = &target.environment;

    if let Some(keys) = &target.keys {
        return Ok(from_keys(keys, "the supplied key parameters"));
    }
    if let Some(name) = &target.profile_name {
        // A named profile that is missing ends the search: no fallback (AWS Tools V4).
        return named_profile(store, name, region, env).await?.ok_or_else(no_credentials);
    }
    if let Some(object) = &target.credential {
        return from_object(object, "supplied credentials object", store, region, env).await;
    }
    if let Some(object) = &target.stored_credentials {
        return from_object(object, "shell variable $StoredAWSCredentials", store, region, env).await;
    }
    if let Some(keys) = environment_keys(env) {
        return Ok(from_keys(&keys, "Environment"));
    }
    if let Some(name) = env.get("AWS_PROFILE") {
        // Named by the environment, but named all the same: missing is a failure, as in the AWS CLI.
        return named_profile(store, name, region, env).await?.ok_or_else(no_credentials);
    }
    // `default`, then AWS Tools' legacy `AWS PS Default`: each only when present and able to give credentials.
    for name in ["default", LEGACY_DEFAULT] {
        if let Some(found) = named_profile(store, name, region, env).await? {
            return Ok(found);
        }
    }
    if let Some(found) = ambient(env, WEB_IDENTITY_VARIABLES, region, "web identity token file").await? {
        return Ok(found);
    }
    if let Some(found) = ambient(env, CONTAINER_VARIABLES, region, "container environment").await? {
        return Ok(found);
    }
    if metadata_reachable && let Some(client) = instance_metadata::client(env) {
        let provider = ImdsCredentialsProvider::builder().imds_client(client).build();
        // Off EC2 every failure (refused, timed out, no role) just means "no instance profile".
        if let Ok(credentials) = provider.provide_credentials().await {
            return Ok(Resolved { credentials, source: "instance profile".into(), from_target: false });
        }
    }
    Err(no_credentials())
}

fn no_credentials() -> CallError {
    CallError::new(ErrorKind::Credentials, NO_CREDENTIALS)
}

fn from_keys(keys: &ExplicitKeys, source: &str) -> Resolved {
    Resolved { credentials: static_credentials(keys), source: source.to_string(), from_target: true }
}

/// Keys as SDK credentials that never expire.
pub(crate) fn static_credentials(keys: &ExplicitKeys) -> Credentials {
    Credentials::new(
        keys.access_key.as_str(),
        keys.secret_key.as_str(),
        keys.session_token.as_ref().map(|t| t.to_string()),
        None,
        "SecretsManager.Native",
    )
}

/// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (legacy `AWS_SECRET_KEY`), optional `AWS_SESSION_TOKEN`.
pub(crate) fn environment_keys(env: &ShellEnvironment) -> Option<ExplicitKeys> {
    let access_key = env.get("AWS_ACCESS_KEY_ID")?;
    let secret_key = env.get("AWS_SECRET_ACCESS_KEY").or_else(|| env.get("AWS_SECRET_KEY"))?;
    Some(ExplicitKeys {
        access_key: access_key.to_string(),
        secret_key: secret_key.to_string().into(),
        session_token: env.get("AWS_SESSION_TOKEN").map(|t| t.to_string().into()),
    })
}

async fn from_object(
    object: &CredentialObject,
    source: &str,
    store: &ProfileStore,
    region: &str,
    env: &ShellEnvironment,
) -> Result<Resolved, CallError> {
    match object {
        CredentialObject::Keys(keys) => Ok(from_keys(keys, source)),
        CredentialObject::Profile { name, location } => {
            // The object's own -ProfileLocation; files already read for the target are not read again.
            let store = store.at(location.as_deref());
            let found = named_profile(&store, name, region, env).await?.ok_or_else(no_credentials)?;
            Ok(Resolved { credentials: found.credentials, source: source.to_string(), from_target: false })
        }
        CredentialObject::Unreadable { owner } => Err(CallError::new(
            ErrorKind::Credentials,
            format!(
                "The {source} holds credentials set by {owner}, which keeps their keys to itself. Set them with \
                 SecretsManager.Native's Set-AWSCredential in a session without {owner}, or give -ProfileName, \
                 -AccessKey and -SecretKey, or -Credential."
            ),
        )),
    }
}

async fn named_profile(
    store: &ProfileStore,
    name: &str,
    region: &str,
    env: &ShellEnvironment,
) -> Result<Option<Resolved>, CallError> {
    let Some(key) = store.locate(name).await else {
        return Ok(None);
    };
    profile(store, &key, name, region, env).await
}

/// One profile: plain keys (or no credentials at all) straight from the parsed files, anything else
/// through aws-config's profile provider (static, session, role, web identity, SSO, credential_process).
/// The environment given to the loader holds no keys, web identity or container variables, so nothing
/// but the profile can answer. `key` is the name aws-config knows it by, `name` the user's.
async fn profile(
    store: &ProfileStore,
    key: &str,
    name: &str,
    region: &str,
    env: &ShellEnvironment,
) -> Result<Option<Resolved>, CallError> {
    let source = format!("stored profile named '{name}'");
    let profiles = store.profiles().await;
    match profiles.get_profile(key).and_then(static_profile::read) {
        Some(Plain::Keys(credentials)) => return Ok(Some(Resolved { credentials, source, from_target: false })),
        Some(Plain::NoCredentials) => return Ok(None),
        None => {}
    }
    let credentials = match role_source::credential_source(profiles, key) {
        // The loader cannot be given the keys without its own environment step answering first.
        Some((origin, roles)) if origin.eq_ignore_ascii_case("Environment") => {
            role_source::assume_from_environment(&roles, env, loader(env, &[], region, Some((key, store)))).await
        }
        // The container or metadata variables, for a chain whose source is one of those.
        Some(_) => load(env, &[CONTAINER_VARIABLES, METADATA_VARIABLES].concat(), region, Some((key, store))).await,
        None => load(env, &[], region, Some((key, store))).await,
    };
    Ok(settle(credentials, &source)?.map(|credentials| Resolved { credentials, source, from_target: false }))
}

/// Web identity or container credentials: aws-config's chain with only those variables present.
async fn ambient(
    env: &ShellEnvironment,
    variables: &[&str],
    region: &str,
    source: &str,
) -> Result<Option<Resolved>, CallError> {
    if !variables.iter().any(|v| env.get(v).is_some()) {
        return Ok(None);
    }
    let credentials = load(env, variables, region, None).await;
    Ok(settle(credentials, source)?.map(|credentials| Resolved {
        credentials,
        source: source.to_string(),
        from_target: false,
    }))
}

/// Runs aws-config's loader over a trimmed copy of the shell environment.
async fn load(
    env: &ShellEnvironment,
    keep: &[&str],
    region: &str,
    profile: Option<(&str, &ProfileStore)>,
) -> Result<Credentials, CredentialsError> {
    let config = loader(env, keep, region, profile).load().await;
    match config.credentials_provider() {
        Some(provider) => provider.provide_credentials().await,
        None => Err(CredentialsError::not_loaded("no provider")),
    }
}

/// aws-config's loader over a trimmed copy of the shell environment: the shared variables and `keep`.
fn loader(
    env: &ShellEnvironment,
    keep: &[&str],
    region: &str,
    profile: Option<(&str, &ProfileStore)>,
) -> aws_config::ConfigLoader {
    let mut variables: HashMap<String, String> = SHARED_VARIABLES
        .iter()
        .chain(keep)
        .filter_map(|name| env.get(name).map(|value| (name.to_string(), value.to_string())))
        .collect();
    if !keep.contains(&"AWS_EC2_METADATA_DISABLED") {
        // The metadata step is ours, with tight bounds; the loader must not probe on its own.
        variables.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
    }
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .env(Env::from(variables))
        .fs(Fs::real())
        .region(Region::new(region.to_string()))
        .http_client(provider_http::client());
    match profile {
        Some((name, store)) => loader.profile_name(name).profile_files(store.files()),
        // No profile files at all, so the loader's profile step has nothing to say.
        None => loader.profile_files(ProfileStore::none()),
    }
}

/// "Not loaded" moves on to the next step; an SSO login to renew gets AWS Tools' words; any other failure
/// is reported with its source.
fn settle(result: Result<Credentials, CredentialsError>, source: &str) -> Result<Option<Credentials>, CallError> {
    match result {
        Ok(credentials) => Ok(Some(credentials)),
        Err(CredentialsError::CredentialsNotLoaded(_)) => Ok(None),
        Err(error) if sso_login::expired(&error) => Err(CallError::new(ErrorKind::LoginExpired, sso_login::EXPIRED)),
        Err(error) => Err(CallError::new(
            ErrorKind::Credentials,
            format!("Credentials could not be obtained from {source}: {}", DisplayErrorContext(&error)),
        )),
    }
}
