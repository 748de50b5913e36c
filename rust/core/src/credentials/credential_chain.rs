//! The credential chain of AWS Tools V4 (docs/aws-tools-behaviour.md §2.3) with the project's additions
//! (docs/decisions.md), composed from aws-config's providers. aws-config's own default chain is not used as a whole: it lets environment keys
//! beat an explicitly named profile and lets a missing named profile fall through, which AWS Tools does not.
//!
//! Every lookup that waits on something outside the process (a credential process, STS, the SSO portal,
//! the container or metadata endpoint) is bounded by the call's attempt limit (`-ClientConfig`'s
//! `Timeout`, 30 s by default) and is dropped, its process killed, when the limit passes or the call is
//! cancelled. What such a lookup fetched is kept per identity until shortly before it expires
//! (`credential_cache.rs`).

use crate::credentials::credential_cache::{self, Obtained};
use crate::credentials::profile_chain::{self, Base};
use crate::credentials::static_profile::{self, Plain};
use crate::credentials::target::{CredentialObject, ExplicitKeys, ServiceTarget, ShellEnvironment};
use crate::error::{CallError, ErrorKind};
use crate::keyed_digest::{Digest, Digester};
use crate::profiles::profile_snapshot::{LEGACY_DEFAULT, ProfileSnapshot};
use crate::{
    credentials::assume_roles, credentials::credential_process, credentials::instance_metadata,
    credentials::provider_http, credentials::sso_login,
};
use aws_config::BehaviorVersion;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_secretsmanager::config::Region;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_types::os_shim_internal::{Env, Fs};
use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

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
/// The shell's keys: the source of `credential_source = Environment` roles.
const KEY_VARIABLES: &[&str] = &["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN"];

/// Credentials and where they came from, in AWS Tools' debug words.
pub(crate) struct Resolved {
    pub(crate) credentials: Credentials,
    pub(crate) source: String,
    /// Keys given in the target itself (parameters, a credential object, the environment's keys): the same
    /// target always resolves to the same credentials, without reading files or asking a service.
    pub(crate) from_target: bool,
    /// A lookup outside the process ran (a credential process, STS, SSO, container, metadata).
    pub(crate) fetched: bool,
}

/// What the steps of one walk share: the profile files, the region for STS and SSO, the shell's
/// environment and the time one lookup may take.
struct Walk<'a> {
    store: &'a ProfileSnapshot,
    region: &'a str,
    env: &'a ShellEnvironment,
    limit: Duration,
}

/// What a lookup is waiting for, in words for the message when it runs out of time.
type Waiting = Cell<&'static str>;

/// Walks the chain; the first step that yields credentials wins. `store` holds the target's profile files
/// (shared with the region chain); `region` is used by STS and SSO.
pub(crate) async fn resolve(
    target: &ServiceTarget,
    store: &ProfileSnapshot,
    region: &str,
    metadata_reachable: bool,
) -> Result<Resolved, CallError> {
    if let Some(keys) = &target.keys {
        return Ok(from_keys(keys, "the supplied key parameters"));
    }
    // The other steps' lookups (profiles, a credential process, STS, SSO, container, instance metadata) make
    // a future of about 32 KB. Inline, every `connect` future carried it, and each call moved it several
    // times and wiped it on free, keys or not (bench/analysis.md); boxed, it exists only when it runs.
    Box::pin(walk_after_keys(target, store, region, metadata_reachable)).await
}

/// The chain from its second step on: the key parameters are absent.
async fn walk_after_keys(
    target: &ServiceTarget,
    store: &ProfileSnapshot,
    region: &str,
    metadata_reachable: bool,
) -> Result<Resolved, CallError> {
    let env = &target.environment;
    let walk = Walk { store, region, env, limit: target.call_settings.lookup_timeout() };

    if let Some(name) = &target.profile_name {
        // A named profile that is missing ends the search: no fallback (AWS Tools V4).
        return walk.named_profile(store, name).await?.ok_or_else(no_credentials);
    }
    if let Some(object) = &target.credential {
        return walk.credential_object(object, "supplied credentials object").await;
    }
    if let Some(object) = &target.stored_credentials {
        return walk.credential_object(object, "shell variable $StoredAWSCredentials").await;
    }
    if let Some(keys) = environment_keys(env) {
        return Ok(from_keys(&keys, "Environment"));
    }
    if let Some(name) = env.get("AWS_PROFILE") {
        // Named by the environment, but named all the same: missing is a failure, as in the AWS CLI.
        return walk.named_profile(store, name).await?.ok_or_else(no_credentials);
    }
    // `default`, then AWS Tools' legacy `AWS PS Default`: each only when present and able to give credentials.
    for name in ["default", LEGACY_DEFAULT] {
        if let Some(found) = walk.named_profile(store, name).await? {
            return Ok(found);
        }
    }
    let web_identity = "STS (AssumeRoleWithWebIdentity)";
    if let Some(found) = walk.ambient(WEB_IDENTITY_VARIABLES, "web identity token file", web_identity).await? {
        return Ok(found);
    }
    let container = "the container credentials endpoint";
    if let Some(found) = walk.ambient(CONTAINER_VARIABLES, "container environment", container).await? {
        return Ok(found);
    }
    if metadata_reachable && let Some(client) = instance_metadata::client(env) {
        let provider = ImdsCredentialsProvider::builder().imds_client(client).build();
        // Off EC2 every failure (refused, timed out, no role) just means "no instance profile".
        let lookup = async { Ok(provider.provide_credentials().await.ok()) };
        let kept_or_fetched = credential_cache::get_or_fetch(walk.identity("instance profile", None), Box::pin(lookup));
        if let Ok(Some(obtained)) = bounded(walk.limit, "instance profile", &Waiting::new(""), kept_or_fetched).await {
            return Ok(resolved(obtained, "instance profile".into()));
        }
    }
    Err(no_credentials())
}

/// Runs `lookup` for at most `limit`; past it the lookup is dropped (a credential process with it) and
/// the failure names the source and what it was waiting for.
async fn bounded<T>(
    limit: Duration,
    source: &str,
    waiting: &Waiting,
    lookup: impl Future<Output = Result<T, CallError>>,
) -> Result<T, CallError> {
    match tokio::time::timeout(limit, lookup).await {
        Ok(result) => result,
        Err(_) => Err(CallError::new(
            ErrorKind::Timeout,
            format!(
                "Credentials could not be obtained from {source}: {} did not answer within {} (the limit of one \
                 attempt: -ClientConfig's Timeout, 30 s by default).",
                waiting.get(),
                seconds(limit)
            ),
        )),
    }
}

/// `2 s`, `0.5 s`.
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// Credentials from outside the process, kept or fetched now.
fn resolved(obtained: Obtained, source: String) -> Resolved {
    Resolved { credentials: obtained.credentials, source, from_target: false, fetched: obtained.fetched }
}

fn no_credentials() -> CallError {
    CallError::new(ErrorKind::Credentials, NO_CREDENTIALS)
}

fn from_keys(keys: &ExplicitKeys, source: &str) -> Resolved {
    Resolved { credentials: static_credentials(keys), source: source.to_string(), from_target: true, fetched: false }
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

impl Walk<'_> {
    /// What identifies the credentials `step` fetches: the STS region, the variables any provider reads
    /// and, for a profile, its name and files. `None` when the process has no digest key (nothing kept).
    fn identity(&self, step: &str, profile: Option<(&ProfileSnapshot, &str)>) -> Option<Digest> {
        let mut digest = Digester::new()?;
        digest.part(step.as_bytes()).part(self.region.as_bytes());
        let variables =
            [SHARED_VARIABLES, WEB_IDENTITY_VARIABLES, CONTAINER_VARIABLES, METADATA_VARIABLES, KEY_VARIABLES];
        for name in variables.concat() {
            digest.optional(self.env.get(name).map(str::as_bytes));
        }
        if let Some((store, key)) = profile {
            digest.part(key.as_bytes());
            store.identify(&mut digest);
        }
        digest.finish()
    }

    async fn credential_object(&self, object: &CredentialObject, source: &str) -> Result<Resolved, CallError> {
        match object {
            CredentialObject::Keys(keys) => Ok(from_keys(keys, source)),
            CredentialObject::Profile { name, location } => {
                // The object's own -ProfileLocation; files already read for the target are not read again.
                let store = self.store.at(location.as_deref());
                let found = self.named_profile(&store, name).await?.ok_or_else(no_credentials)?;
                Ok(Resolved { source: source.to_string(), from_target: false, ..found })
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

    async fn named_profile(&self, store: &ProfileSnapshot, name: &str) -> Result<Option<Resolved>, CallError> {
        let Some(key) = store.locate(name).await else {
            return Ok(None);
        };
        self.profile(store, &key, name).await
    }

    /// One profile: plain keys (or no credentials at all) straight from the parsed files; a chain based on
    /// `credential_source = Environment` or `credential_process` run here (`profile_chain.rs`); anything
    /// else through aws-config's profile provider (role, web identity, SSO, the other credential sources).
    /// The environment given to the loader holds no keys, web identity or container variables, so nothing
    /// but the profile can answer. `key` is the name aws-config knows it by, `name` the user's.
    async fn profile(&self, store: &ProfileSnapshot, key: &str, name: &str) -> Result<Option<Resolved>, CallError> {
        let source = format!("stored profile named '{name}'");
        let profiles = store.profiles().await;
        let Some(profile) = profiles.get_profile(key) else { return Ok(None) };
        match static_profile::read(profile) {
            Some(Plain::Keys(credentials)) => {
                return Ok(Some(Resolved { credentials, source, from_target: false, fetched: false }));
            }
            Some(Plain::NoCredentials) => return Ok(None),
            None => {}
        }
        let (env, region, profile_files) = (self.env, self.region, Some((key, store)));
        let waiting = Waiting::new(waits_on(profile));
        let lookup = async {
            let credentials = match profile_chain::walk(profiles, key) {
                Some(chain) => {
                    let base = match chain.base {
                        Base::Process { command, account_id } => {
                            waiting.set("its credential_process command");
                            credential_process::credentials(command, account_id).await
                        }
                        // The loader cannot be given the keys without its own environment step answering first.
                        Base::Source(origin) if origin.eq_ignore_ascii_case("Environment") => {
                            environment_keys(env).map(|keys| static_credentials(&keys)).ok_or_else(|| {
                                CredentialsError::invalid_configuration(
                                    "the profile's credential_source is Environment, but AWS_ACCESS_KEY_ID and \
                                     AWS_SECRET_ACCESS_KEY are not both set",
                                )
                            })
                        }
                        // The container or metadata variables, for a chain whose source is one of those.
                        Base::Source(_) => {
                            waiting.set("its credential_source or STS (AssumeRole)");
                            let keep = [CONTAINER_VARIABLES, METADATA_VARIABLES].concat();
                            return settle(load(env, &keep, region, profile_files).await, &source);
                        }
                    };
                    waiting.set("STS (AssumeRole)");
                    match base {
                        Ok(base) => {
                            assume_roles::assume(&chain.roles, base, loader(env, &[], region, profile_files)).await
                        }
                        Err(error) => Err(error),
                    }
                }
                None => load(env, &[], region, profile_files).await,
            };
            settle(credentials, &source)
        };
        // On the heap: aws-config's loader futures are large, and a call runs on the caller's (pwsh's) stack.
        let kept_or_fetched =
            credential_cache::get_or_fetch(self.identity("profile", Some((store, key))), Box::pin(lookup));
        let obtained = bounded(self.limit, &source, &waiting, kept_or_fetched).await?;
        Ok(obtained.map(|obtained| resolved(obtained, source)))
    }

    /// Web identity or container credentials: aws-config's chain with only those variables present.
    async fn ambient(
        &self,
        variables: &[&str],
        source: &str,
        waits_on: &'static str,
    ) -> Result<Option<Resolved>, CallError> {
        if !variables.iter().any(|v| self.env.get(v).is_some()) {
            return Ok(None);
        }
        let lookup = async { settle(load(self.env, variables, self.region, None).await, source) };
        let kept_or_fetched = credential_cache::get_or_fetch(self.identity(source, None), Box::pin(lookup));
        let obtained = bounded(self.limit, source, &Waiting::new(waits_on), kept_or_fetched).await?;
        Ok(obtained.map(|obtained| resolved(obtained, source.to_string())))
    }
}

/// What aws-config's profile provider waits on for `profile`, in words (a chain run here says it itself).
fn waits_on(profile: &aws_config::profile::Profile) -> &'static str {
    let has = |name: &str| profile.get(name).is_some();
    if has("web_identity_token_file") {
        "STS (AssumeRoleWithWebIdentity)"
    } else if has("role_arn") {
        "STS (AssumeRole)"
    } else if ["sso_session", "sso_start_url", "sso_account_id"].iter().any(|name| has(name)) {
        "the SSO portal"
    } else if has("credential_source") {
        "its credential_source"
    } else {
        "its credentials provider"
    }
}

/// Runs aws-config's loader over a trimmed copy of the shell environment.
async fn load(
    env: &ShellEnvironment,
    keep: &[&str],
    region: &str,
    profile: Option<(&str, &ProfileSnapshot)>,
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
    profile: Option<(&str, &ProfileSnapshot)>,
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
        None => loader.profile_files(ProfileSnapshot::none()),
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
