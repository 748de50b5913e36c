//! Profiles that hold nothing but keys, read straight from the parsed profiles. aws-config's loader
//! would give the same credentials, but it builds its whole default chain (and clients for STS and
//! the metadata service) on every call first; profile-based connections are resolved on every call,
//! and plain keys are the most common profile. Anything else, including a half-written profile whose
//! error aws-config words, still goes through the loader.

use aws_config::profile::Profile;
use aws_credential_types::Credentials;

/// Settings that make aws-config read a profile as something other than plain keys (role, web
/// identity, SSO, login session, credential process), or that it would add to the keys.
const OTHER_KINDS: &[&str] = &[
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

/// The profile's keys, as aws-config's profile provider returns them, when the profile is plain keys.
pub(crate) fn credentials(profile: &Profile) -> Option<Credentials> {
    if OTHER_KINDS.iter().any(|name| profile.get(name).is_some()) {
        return None;
    }
    let present = |name| profile.get(name).filter(|value| !value.is_empty());
    let access_key = present("aws_access_key_id")?;
    let secret_key = present("aws_secret_access_key")?;
    let session_token = match profile.get("aws_session_token") {
        Some("") => return None,
        token => token.map(str::to_string),
    };
    // "ProfileFile" is the provider name aws-config gives these credentials.
    Some(Credentials::new(access_key, secret_key, session_token, None, "ProfileFile"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_config::BehaviorVersion;
    use aws_config::profile::ProfileSet;
    #[allow(deprecated)]
    use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
    use aws_credential_types::provider::ProvideCredentials;
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

    fn read(text: &str) -> Option<Credentials> {
        credentials(parsed(text).get_profile("p").unwrap())
    }

    /// What aws-config's loader answers for profile `p`.
    fn from_loader(text: &str) -> Credentials {
        let config = block(
            aws_config::defaults(BehaviorVersion::latest())
                .env(Env::from_slice(&[("AWS_EC2_METADATA_DISABLED", "true")]))
                .fs(Fs::from_slice(&[]))
                .region(Region::new("us-east-1"))
                .http_client(crate::provider_http::client())
                .profile_name("p")
                .profile_files(files(text))
                .load(),
        );
        block(config.credentials_provider().unwrap().provide_credentials()).unwrap()
    }

    #[test]
    fn plain_keys_are_what_aws_configs_loader_gives() {
        let with_token = format!("{KEYS}aws_session_token = session\nregion = eu-west-1\n");
        for text in [KEYS, with_token.as_str()] {
            let ours = read(text).expect("plain keys");
            let loader = from_loader(text);
            assert_eq!(ours.access_key_id(), loader.access_key_id());
            assert_eq!(ours.secret_access_key(), loader.secret_access_key());
            assert_eq!(ours.session_token(), loader.session_token());
            assert_eq!(ours.expiry(), loader.expiry());
        }
        assert_eq!(read(&with_token).unwrap().session_token(), Some("session"));
    }

    #[test]
    fn any_other_kind_or_incomplete_keys_are_left_to_the_loader() {
        for extra in OTHER_KINDS {
            assert!(read(&format!("{KEYS}{extra} = x\n")).is_none(), "{extra}");
        }
        assert!(read("[p]\naws_access_key_id = AKID\n").is_none());
        assert!(read("[p]\naws_access_key_id =\naws_secret_access_key = s\n").is_none());
        assert!(read(&format!("{KEYS}aws_session_token =\n")).is_none());
    }
}
