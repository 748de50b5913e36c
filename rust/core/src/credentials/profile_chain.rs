//! The credential chain of a profile, walked as aws-config walks it (`profile/credentials/repr.rs`,
//! `resolve_chain`): roles from `role_arn` + `source_profile`, down to a base that needs no credentials
//! of its own. Two bases are run here rather than by aws-config's profile provider:
//!
//! - `credential_source = Environment`: the provider would read the keys from the loader's environment,
//!   but a loader given the shell's keys answers with them itself, before the profile step;
//! - `credential_process`: aws-config's provider cannot stop the process (see `credential_process.rs`).
//!
//! Every other chain (static keys, web identity, SSO, the container and metadata sources), and every
//! malformed one, is left to aws-config, which gives it its own handling and words.

use aws_config::profile::{Profile, ProfileSet};
use std::time::Duration;

/// One role to assume, with the options a profile can give it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Role {
    pub(crate) arn: String,
    pub(crate) external_id: Option<String>,
    pub(crate) session_name: Option<String>,
    pub(crate) duration: Option<Duration>,
}

impl Role {
    fn of(profile: &Profile, arn: &str) -> Self {
        Self {
            arn: arn.to_string(),
            external_id: profile.get("external_id").map(str::to_string),
            session_name: profile.get("role_session_name").map(str::to_string),
            duration: profile.get("duration_seconds").and_then(|s| s.parse().ok()).map(Duration::from_secs),
        }
    }
}

/// Where a chain starts.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Base<'a> {
    /// `credential_source = <name>` (`Environment`, `EcsContainer`, `Ec2InstanceMetadata`).
    Source(&'a str),
    /// `credential_process = <command>`, with the profile's `aws_account_id`.
    Process { command: &'a str, account_id: Option<&'a str> },
}

/// A chain: its base, then the roles to assume in order (the one of the profile asked for last).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Chain<'a> {
    pub(crate) base: Base<'a>,
    pub(crate) roles: Vec<Role>,
}

/// The chain of profile `key` when its base is a credential source or a credential process; `None`
/// for any other chain, which aws-config resolves.
pub(crate) fn walk<'a>(profiles: &'a ProfileSet, key: &str) -> Option<Chain<'a>> {
    let mut visited: Vec<&str> = Vec::new();
    let mut roles = Vec::new();
    let mut name = key;
    let base = loop {
        let profile = profiles.get_profile(name)?;
        if visited.contains(&name) {
            return None; // a loop: aws-config's error
        }
        visited.push(name);
        // Past the first profile, static keys end the chain (a base aws-config handles).
        if visited.len() > 1
            && profile.get("aws_access_key_id").is_some()
            && profile.get("aws_secret_access_key").is_some()
        {
            return None;
        }
        // A web identity profile is a base even with a role_arn.
        let role = profile.get("role_arn").filter(|_| profile.get("web_identity_token_file").is_none());
        let Some(arn) = role else { break base(profile)? };
        roles.push(Role::of(profile, arn));
        match (profile.get("source_profile"), profile.get("credential_source")) {
            (Some(source), None) if source != profile.name() => name = source,
            // Its own source, or a credential_source: the base is in this same profile.
            (Some(_), None) | (None, Some(_)) => break base(profile)?,
            // Both or neither: aws-config's error.
            _ => return None,
        }
    };
    if roles.is_empty() && matches!(base, Base::Source(_)) {
        return None; // a credential_source without a role to assume: aws-config's handling
    }
    roles.reverse();
    Some(Chain { base, roles })
}

/// A profile's base, in aws-config's order: credential source, web identity, SSO, login session,
/// credential process, static keys. `None` unless it is one run here.
fn base(profile: &Profile) -> Option<Base<'_>> {
    if let Some(source) = profile.get("credential_source") {
        return Some(Base::Source(source));
    }
    let earlier_kinds = [
        "web_identity_token_file",
        "sso_account_id",
        "sso_region",
        "sso_role_name",
        "sso_start_url",
        "sso_session",
        "login_session",
    ];
    if earlier_kinds.iter().any(|kind| profile.get(kind).is_some()) {
        return None;
    }
    let command = profile.get("credential_process")?;
    Some(Base::Process { command, account_id: profile.get("aws_account_id") })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(deprecated)]
    use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
    use aws_types::os_shim_internal::{Env, Fs};

    #[allow(deprecated)]
    fn parsed(text: &str) -> ProfileSet {
        let files = ProfileFiles::builder().with_contents(ProfileFileKind::Credentials, text).build();
        let (fs, env) = (Fs::from_slice(&[]), Env::from_slice(&[]));
        let load = aws_config::profile::load(&fs, &env, &files, None);
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(load).unwrap()
    }

    fn arns<'a>(chain: &'a Chain<'_>) -> Vec<&'a str> {
        chain.roles.iter().map(|role| role.arn.as_str()).collect()
    }

    #[test]
    fn a_process_profile_is_a_chain_without_roles() {
        let profiles = parsed("[p]\ncredential_process = /bin/creds --user x\naws_account_id = 1234\n");
        let chain = walk(&profiles, "p").unwrap();
        assert_eq!(chain.base, Base::Process { command: "/bin/creds --user x", account_id: Some("1234") });
        assert!(chain.roles.is_empty());
    }

    #[test]
    fn roles_are_assumed_from_the_base_outwards_with_their_options() {
        let text = "[base]\ncredential_process = creds\n\
                    [first]\nrole_arn = arn:first\nsource_profile = base\nexternal_id = x\nduration_seconds = 900\n\
                    [second]\nrole_arn = arn:second\nsource_profile = first\nrole_session_name = s\n\
                    [env]\nrole_arn = arn:env\ncredential_source = Environment\n\
                    [on-env]\nrole_arn = arn:on-env\nsource_profile = env\n";
        let profiles = parsed(text);
        let chain = walk(&profiles, "second").unwrap();
        assert_eq!(chain.base, Base::Process { command: "creds", account_id: None });
        assert_eq!(arns(&chain), ["arn:first", "arn:second"]);
        assert_eq!(chain.roles[0].external_id.as_deref(), Some("x"));
        assert_eq!(chain.roles[0].duration, Some(Duration::from_secs(900)));
        assert_eq!(chain.roles[1].session_name.as_deref(), Some("s"));
        let chain = walk(&profiles, "on-env").unwrap();
        assert_eq!(chain.base, Base::Source("Environment"));
        assert_eq!(arns(&chain), ["arn:env", "arn:on-env"]);
    }

    #[test]
    fn a_role_profile_that_is_its_own_source_uses_its_own_process() {
        let profiles = parsed("[p]\nrole_arn = arn:self\nsource_profile = p\ncredential_process = creds\n");
        let chain = walk(&profiles, "p").unwrap();
        assert_eq!(chain.base, Base::Process { command: "creds", account_id: None });
        assert_eq!(arns(&chain), ["arn:self"]);
    }

    #[test]
    fn chains_aws_config_resolves_are_left_to_it() {
        for (text, profile) in [
            // Static keys of a source profile win over its own process or role.
            (
                "[k]\naws_access_key_id = a\naws_secret_access_key = s\ncredential_process = creds\n[r]\nrole_arn = x\nsource_profile = k\n",
                "r",
            ),
            // Earlier kinds in aws-config's order win over a process.
            ("[p]\ncredential_process = creds\nsso_session = dev\n", "p"),
            ("[p]\ncredential_process = creds\nrole_arn = x\nweb_identity_token_file = /t\n", "p"),
            // Plain keys, a missing source, a loop, both or neither source settings.
            ("[p]\naws_access_key_id = a\naws_secret_access_key = s\n", "p"),
            ("[r]\nrole_arn = x\nsource_profile = missing\n", "r"),
            ("[a]\nrole_arn = x\nsource_profile = b\n[b]\nrole_arn = y\nsource_profile = a\n", "a"),
            (
                "[r]\nrole_arn = x\nsource_profile = r2\ncredential_source = Environment\n[r2]\ncredential_process = c\n",
                "r",
            ),
            ("[r]\nrole_arn = x\n", "r"),
            ("[p]\nregion = eu-west-1\n", "p"),
            ("[p]\ncredential_source = Environment\n", "p"),
        ] {
            assert_eq!(walk(&parsed(text), profile), None, "{text}");
        }
    }
}
