//! Profiles that hold nothing but keys, or no credentials at all, read straight from the parsed
//! profiles. aws-config's loader gives the same answer, but it builds its whole default chain (and
//! clients for STS and the metadata service) on every call first; profile-based connections are
//! resolved on every call, and plain keys are the most common profile (a `default` holding settings
//! only, looked at before `AWS PS Default`, is the other cheap answer). Anything else, including a
//! half-written profile whose error aws-config words, still goes through the loader.

use aws_config::profile::Profile;
use aws_credential_types::Credentials;

/// Settings that make aws-config read a profile as something other than plain keys (role, web
/// identity, SSO, login session, credential process), or that it would add to the keys.
pub(crate) const OTHER_KINDS: &[&str] = &[
    "role_arn",
    "source_profile",
    "credential_source",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "sso_region",
    "login_session",
    "credential_process",
    "aws_account_id",
];

/// What aws-config's profile provider answers for a profile of plain keys or of no credentials at all.
#[derive(Debug)]
pub(crate) enum Plain {
    /// The keys, as the provider returns them.
    Keys(Credentials),
    /// No credential setting at all (e.g. a `default` holding only `region`): the provider's "not loaded".
    NoCredentials,
}

/// The answer for `profile`, or `None` when only aws-config's loader can give it.
pub(crate) fn read(profile: &Profile) -> Option<Plain> {
    if OTHER_KINDS.iter().any(|name| profile.get(name).is_some()) {
        return None;
    }
    let keys = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"].map(|name| profile.get(name));
    match keys {
        [None, None, None] => Some(Plain::NoCredentials),
        // Empty values and half-written keys keep aws-config's own handling and words.
        [Some(access_key), Some(secret_key), token]
            if ![Some(access_key), Some(secret_key), token].contains(&Some("")) =>
        {
            // "ProfileFile" is the provider name aws-config gives these credentials.
            let token = token.map(str::to_string);
            Some(Plain::Keys(Credentials::new(access_key, secret_key, token, None, "ProfileFile")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_config::BehaviorVersion;
    use aws_config::profile::ProfileSet;
    #[allow(deprecated)]
    use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
    use aws_credential_types::provider::ProvideCredentials;
    use aws_credential_types::provider::error::CredentialsError;
    use aws_types::os_shim_internal::{Env, Fs};
    use aws_types::region::Region;

    const KEYS: &str = "[p]\naws_access_key_id = AKIDPLAIN\naws_secret_access_key = plain-secret\n";

    #[allow(deprecated)]
    fn files(text: &str) -> ProfileFiles {
        ProfileFiles::builder().with_contents(ProfileFileKind::Credentials, text).build()
    }

    fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    fn parsed(text: &str) -> ProfileSet {
        block(aws_config::profile::load(&Fs::from_slice(&[]), &Env::from_slice(&[]), &files(text), None)).unwrap()
    }

    fn keys(text: &str) -> Option<Credentials> {
        match read(parsed(text).get_profile("p").unwrap()) {
            Some(Plain::Keys(credentials)) => Some(credentials),
            _ => None,
        }
    }

    /// What aws-config's loader answers for profile `p`.
    fn from_loader(text: &str) -> Result<Credentials, CredentialsError> {
        let config = block(
            aws_config::defaults(BehaviorVersion::latest())
                .env(Env::from_slice(&[("AWS_EC2_METADATA_DISABLED", "true")]))
                .fs(Fs::from_slice(&[]))
                .region(Region::new("us-east-1"))
                .http_client(crate::credentials::provider_http::client())
                .profile_name("p")
                .profile_files(files(text))
                .load(),
        );
        block(config.credentials_provider().unwrap().provide_credentials())
    }

    #[test]
    fn plain_keys_are_what_aws_configs_loader_gives() {
        let with_token = format!("{KEYS}aws_session_token = session\nregion = eu-west-1\n");
        for text in [KEYS, with_token.as_str()] {
            let ours = keys(text).expect("plain keys");
            let loader = from_loader(text).unwrap();
            assert_eq!(ours.access_key_id(), loader.access_key_id());
            assert_eq!(ours.secret_access_key(), loader.secret_access_key());
            assert_eq!(ours.session_token(), loader.session_token());
            assert_eq!(ours.expiry(), loader.expiry());
        }
        assert_eq!(keys(&with_token).unwrap().session_token(), Some("session"));
    }

    #[test]
    fn a_profile_without_credential_settings_is_not_loaded_as_aws_configs_loader_says() {
        let settings_only = "[p]\nregion = eu-west-1\noutput = json\n";
        assert!(matches!(read(parsed(settings_only).get_profile("p").unwrap()), Some(Plain::NoCredentials)));
        assert!(matches!(from_loader(settings_only), Err(CredentialsError::CredentialsNotLoaded(_))));
    }

    #[test]
    fn any_other_kind_or_incomplete_keys_are_left_to_the_loader() {
        for extra in OTHER_KINDS {
            for text in [format!("{KEYS}{extra} = x\n"), format!("[p]\n{extra} = x\n")] {
                assert!(read(parsed(&text).get_profile("p").unwrap()).is_none(), "{text}");
            }
        }
        for text in [
            "[p]\naws_access_key_id = AKID\n",
            "[p]\naws_session_token = t\n",
            "[p]\naws_access_key_id =\naws_secret_access_key = s\n",
            &format!("{KEYS}aws_session_token =\n"),
        ] {
            assert!(read(parsed(text).get_profile("p").unwrap()).is_none(), "{text}");
        }
    }
}
