//! The shared config and credentials files as aws-config reads them, seen through the shell's
//! environment: `-ProfileLocation` (one ini file), else `AWS_SHARED_CREDENTIALS_FILE`/`AWS_CONFIG_FILE`,
//! else `~/.aws/credentials` and `~/.aws/config`.
// `ProfileFiles` is the (deprecated-named) type that `ConfigLoader::profile_files` still takes.
#![allow(deprecated)]

use crate::target::ShellEnvironment;
use aws_config::profile::ProfileSet;
use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
use aws_types::os_shim_internal::{Env, Fs};

/// The profile files of one call.
pub(crate) struct ProfileStore {
    files: ProfileFiles,
    env: ShellEnvironment,
}

impl ProfileStore {
    pub(crate) fn new(location: Option<&str>, env: &ShellEnvironment) -> Self {
        let files = match location {
            // As AWS Tools: with -ProfileLocation only the ini file at that path is consulted.
            Some(path) => ProfileFiles::builder()
                .include_default_credentials_file(false)
                .include_default_config_file(false)
                .with_file(ProfileFileKind::Credentials, path)
                .build(),
            None => ProfileFiles::default(),
        };
        Self { files, env: env.clone() }
    }

    /// No profiles: for the steps after the profiles. The builder needs one file and an explicit file must
    /// exist, so this is an empty one in the temporary folder.
    pub(crate) fn none() -> ProfileFiles {
        let empty = std::env::temp_dir().join("secretsmanager-native-no-profiles");
        if !empty.exists() {
            // A failure here surfaces as the loader's "could not read file", naming the path.
            let _ = std::fs::write(&empty, b"");
        }
        ProfileFiles::builder()
            .include_default_credentials_file(false)
            .include_default_config_file(false)
            .with_file(ProfileFileKind::Config, empty)
            .build()
    }

    pub(crate) fn files(&self) -> ProfileFiles {
        self.files.clone()
    }

    /// The parsed profiles; unreadable or malformed files count as no profiles.
    pub(crate) async fn profiles(&self) -> ProfileSet {
        let env = Env::from(self.env.0.clone());
        aws_config::profile::load(&Fs::real(), &env, &self.files, None).await.unwrap_or_default()
    }

    /// A property of a profile, e.g. `region`.
    pub(crate) async fn property(&self, profile: &str, name: &str) -> Option<String> {
        let profiles = self.profiles().await;
        profiles.get_profile(profile).and_then(|p| p.get(name)).filter(|v| !v.is_empty()).map(str::to_string)
    }

    pub(crate) async fn has_profile(&self, profile: &str) -> bool {
        self.profiles().await.get_profile(profile).is_some()
    }
}
