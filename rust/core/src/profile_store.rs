//! The shared config and credentials files as aws-config reads them, seen through the shell's
//! environment: `-ProfileLocation` (one ini file), else `AWS_SHARED_CREDENTIALS_FILE`/`AWS_CONFIG_FILE`,
//! else `~/.aws/credentials` and `~/.aws/config`.
// `ProfileFiles` is the (deprecated-named) type that `ConfigLoader::profile_files` still takes.
#![allow(deprecated)]

use crate::target::ShellEnvironment;
use aws_config::profile::ProfileSet;
use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
use aws_types::os_shim_internal::{Env, Fs};
use std::path::PathBuf;

/// AWS Tools' legacy default profile, consulted after `default`.
pub(crate) const LEGACY_DEFAULT: &str = "AWS PS Default";

/// The name under which a profile whose own name aws-config rejects (e.g. `AWS PS Default`) is handed
/// to aws-config. Not a name a user would pick.
const COPY_NAME: &str = "secretsmanager-native.copied-profile";

/// The profile files of one call.
#[derive(Clone)]
pub(crate) struct ProfileStore {
    location: Option<String>,
    env: ShellEnvironment,
    /// Sections copied under `COPY_NAME`, added after the real files.
    copies: Vec<(ProfileFileKind, String)>,
}

impl ProfileStore {
    pub(crate) fn new(location: Option<&str>, env: &ShellEnvironment) -> Self {
        Self { location: location.map(str::to_string), env: env.clone(), copies: Vec::new() }
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
        let mut builder = match &self.location {
            // As AWS Tools: with -ProfileLocation only the ini file at that path is consulted.
            Some(path) => ProfileFiles::builder().with_file(ProfileFileKind::Credentials, path),
            None => ProfileFiles::builder().include_default_config_file(true).include_default_credentials_file(true),
        };
        for (kind, contents) in &self.copies {
            builder = builder.with_contents(*kind, contents.clone());
        }
        builder.build()
    }

    /// The parsed profiles; unreadable or malformed files count as no profiles.
    pub(crate) async fn profiles(&self) -> ProfileSet {
        let env = Env::from(self.env.0.clone());
        aws_config::profile::load(&Fs::real(), &env, &self.files(), None).await.unwrap_or_default()
    }

    /// Where aws-config can read profile `name`: this store under the same name, or, for a name aws-config
    /// rejects (spaces, as in `AWS PS Default`), a store with the profile's sections copied under a name it
    /// accepts. `None` when there is no such profile.
    pub(crate) async fn locate(&self, name: &str) -> Option<(ProfileStore, String)> {
        if is_valid_name(name) {
            return self.profiles().await.get_profile(name).is_some().then(|| (self.clone(), name.to_string()));
        }
        let mut copy = self.clone();
        for (kind, path) in self.paths() {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            if let Some(body) = section_body(&text, name, kind) {
                let header = match kind {
                    ProfileFileKind::Config => format!("[profile {COPY_NAME}]\n"),
                    _ => format!("[{COPY_NAME}]\n"),
                };
                copy.copies.push((kind, header + &body));
            }
        }
        (!copy.copies.is_empty()).then(|| (copy, COPY_NAME.to_string()))
    }

    /// A property of a profile, e.g. `region`.
    pub(crate) async fn property(&self, profile: &str, name: &str) -> Option<String> {
        let copied;
        let (store, key) = if is_valid_name(profile) {
            (self, profile)
        } else {
            copied = self.locate(profile).await?;
            (&copied.0, copied.1.as_str())
        };
        let profiles = store.profiles().await;
        profiles.get_profile(key).and_then(|p| p.get(name)).filter(|v| !v.is_empty()).map(str::to_string)
    }

    /// The files this store reads, as aws-config finds them (config first: credentials override it).
    fn paths(&self) -> Vec<(ProfileFileKind, PathBuf)> {
        if let Some(location) = &self.location {
            return vec![(ProfileFileKind::Credentials, PathBuf::from(location))];
        }
        // Without a home directory there are no default files (never ./.aws of the current directory).
        let home = self.env.get("HOME").or_else(|| self.env.get("USERPROFILE")).filter(|h| !h.is_empty());
        let place = |variable: &str, default: &str| match (self.env.get(variable), home) {
            (Some(path), Some(home)) if path.starts_with("~/") => Some(PathBuf::from(home).join(&path[2..])),
            (Some(path), _) if !path.starts_with("~/") => Some(PathBuf::from(path)),
            (None, Some(home)) => Some(PathBuf::from(home).join(".aws").join(default)),
            _ => None,
        };
        [
            (ProfileFileKind::Config, place("AWS_CONFIG_FILE", "config")),
            (ProfileFileKind::Credentials, place("AWS_SHARED_CREDENTIALS_FILE", "credentials")),
        ]
        .into_iter()
        .filter_map(|(kind, path)| Some((kind, path?)))
        .collect()
    }
}

/// Profile names aws-config accepts (its identifier rule); others are read through `locate`'s copy.
fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-/.%@:+".contains(c))
}

/// The lines under `[name]` (credentials file) or `[profile name]` (config file), up to the next section.
fn section_body(text: &str, name: &str, kind: ProfileFileKind) -> Option<String> {
    let mut body: Option<String> = None;
    let mut inside = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[').and_then(|rest| rest.split(']').next()) {
            let header = header.trim();
            let header = match kind {
                ProfileFileKind::Config => header.strip_prefix("profile ").map(str::trim).unwrap_or(""),
                _ => header,
            };
            inside = header == name;
            if inside {
                // A header with an empty body still names a profile.
                body.get_or_insert_with(String::new);
            }
            continue;
        }
        if inside {
            let body = body.get_or_insert_with(String::new);
            body.push_str(line);
            body.push('\n');
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_with_spaces_in_its_name_is_found_in_either_file_kind() {
        let credentials = "[default]\na = 1\n[AWS PS Default]\naws_access_key_id = AKID\n\n[other]\nb = 2\n";
        assert_eq!(
            section_body(credentials, LEGACY_DEFAULT, ProfileFileKind::Credentials).as_deref(),
            Some("aws_access_key_id = AKID\n\n")
        );
        let config = "[profile AWS PS Default]\nregion = eu-west-1\n[AWS PS Default]\nregion = no\n";
        assert_eq!(
            section_body(config, LEGACY_DEFAULT, ProfileFileKind::Config).as_deref(),
            Some("region = eu-west-1\n")
        );
        assert_eq!(section_body("[AWS PS Defaults]\nx = 1\n", LEGACY_DEFAULT, ProfileFileKind::Credentials), None);
    }

    #[test]
    fn a_header_with_an_empty_body_names_a_profile_whatever_its_spacing() {
        let config = "[profile  AWS PS Default ]\n[profile other]\nregion = x\n";
        assert_eq!(section_body(config, LEGACY_DEFAULT, ProfileFileKind::Config).as_deref(), Some(""));
    }

    #[test]
    fn without_a_home_directory_only_files_named_by_variables_are_read() {
        let env = |pairs: &[(&str, &str)]| {
            ShellEnvironment(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
        };
        assert!(ProfileStore::new(None, &env(&[])).paths().is_empty(), "never ./.aws of the current directory");
        let named = ProfileStore::new(None, &env(&[("AWS_CONFIG_FILE", "/etc/aws/config")])).paths();
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].1, PathBuf::from("/etc/aws/config"));
        let home = ProfileStore::new(None, &env(&[("HOME", "/home/u")])).paths();
        assert_eq!(home[1].1, PathBuf::from("/home/u/.aws/credentials"));
    }

    #[test]
    fn only_names_aws_config_rejects_take_the_copy_path() {
        assert!(is_valid_name("default"));
        assert!(is_valid_name("team/dev@corp"));
        assert!(!is_valid_name(LEGACY_DEFAULT));
    }
}
