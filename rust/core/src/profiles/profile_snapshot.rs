//! The shared config and credentials files as aws-config reads them, seen through the shell's
//! environment: `-ProfileLocation` (one ini file), else `AWS_SHARED_CREDENTIALS_FILE`/`AWS_CONFIG_FILE`,
//! else `~/.aws/credentials` and `~/.aws/config`.
//!
//! Profiles are resolved again on every call (an edited file must be seen at once), so one `connect`
//! reads each file once and parses it once: the region chain, the credential chain and aws-config's
//! loader all get the same text, the loader as file contents rather than paths to read again.
// `ProfileFiles` is the (deprecated-named) type that `ConfigLoader::profile_files` still takes.
#![allow(deprecated)]

use crate::credentials::target::ShellEnvironment;
use crate::profiles::file_stamps::FileStamps;
use crate::{profiles::profile_paths, profiles::profile_sections};
use aws_config::profile::ProfileSet;
use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
use aws_types::os_shim_internal::{Env, Fs};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// AWS Tools' legacy default profile, consulted after `default`.
pub(crate) const LEGACY_DEFAULT: &str = "AWS PS Default";

/// Prefix of the name under which a profile whose own name aws-config rejects (e.g. `AWS PS Default`)
/// is handed to aws-config. Not a name a user would pick.
const RENAMED_PREFIX: &str = "secretsmanager-native.renamed.";

/// What the prefix is followed by: the name, percent-encoded into characters aws-config accepts.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'-').remove(b'.').remove(b'@').remove(b'+');

/// A profile file as read: its text (empty when not UTF-8, as aws-config treats it), or unreadable.
type FileText = Option<Arc<str>>;

/// The files read during one `connect`, by path, shared by every store of that resolve_client, and how they
/// looked when read.
#[derive(Clone, Default)]
struct FileReads(Arc<Mutex<(HashMap<PathBuf, FileText>, FileStamps)>>);

impl FileReads {
    /// The file's text, read from disk the first time only.
    fn text(&self, path: &Path) -> FileText {
        let mut guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let (files, stamps) = &mut *guard;
        files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                stamps.add(path);
                read(path)
            })
            .clone()
    }

    fn stamps(&self) -> FileStamps {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).1.clone()
    }
}

fn read(path: &Path) -> FileText {
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8(bytes).unwrap_or_default().into())
}

/// The profile files of one call: read once, parsed once.
#[derive(Clone)]
pub(crate) struct ProfileSnapshot {
    location: Option<String>,
    env: ShellEnvironment,
    reads: FileReads,
    parsed: Arc<OnceLock<ProfileSet>>,
}

impl ProfileSnapshot {
    pub(crate) fn new(location: Option<&str>, env: &ShellEnvironment) -> Self {
        Self {
            location: location.map(str::to_string),
            env: env.clone(),
            reads: FileReads::default(),
            parsed: Arc::default(),
        }
    }

    /// The store for `location` (a credential object's own `-ProfileLocation`), sharing this one's reads.
    pub(crate) fn at(&self, location: Option<&str>) -> Self {
        if location == self.location.as_deref() {
            return self.clone();
        }
        Self { location: location.map(str::to_string), parsed: Arc::default(), ..self.clone() }
    }

    /// No profiles: for the steps after the profiles.
    pub(crate) fn none() -> ProfileFiles {
        ProfileFiles::builder().with_contents(ProfileFileKind::Config, "").build()
    }

    /// The files as aws-config's loader takes them: the text already read, with the sections whose names
    /// aws-config rejects renamed (see `key`). A missing or unreadable file is an empty one.
    pub(crate) fn files(&self) -> ProfileFiles {
        let mut builder = ProfileFiles::builder();
        let paths = self.paths();
        for (kind, path) in &paths {
            let text = self.reads.text(path).unwrap_or_default();
            builder = builder.with_contents(*kind, with_renamed_sections(&text, *kind));
        }
        if paths.is_empty() {
            // The builder needs one file.
            builder = builder.with_contents(ProfileFileKind::Config, "");
        }
        builder.build()
    }

    /// Adds what identifies these files to `digest`: which files they are and their text as read (an
    /// unreadable file as absent), so that credentials fetched for a profile are kept per file contents.
    pub(crate) fn identify(&self, digest: &mut crate::keyed_digest::Digester) {
        digest.optional(self.location.as_deref().map(str::as_bytes));
        for (_, path) in self.paths() {
            digest.part(path.as_os_str().as_encoded_bytes());
            digest.optional(self.reads.text(&path).as_deref().map(str::as_bytes));
        }
    }

    /// The parsed profiles; unreadable or malformed files count as no profiles.
    pub(crate) async fn profiles(&self) -> &ProfileSet {
        if let Some(parsed) = self.parsed.get() {
            return parsed;
        }
        // As aws-config: a -ProfileLocation file that cannot be read fails the whole load; a default file
        // that cannot be read is an empty one.
        let unreadable = self.location.as_deref().is_some_and(|path| self.reads.text(Path::new(path)).is_none());
        let parsed = if unreadable {
            ProfileSet::default()
        } else {
            #[cfg(test)]
            tests::count_parse();
            // The files are handed over as text, so the parse reads neither the file system nor the
            // environment (which holds the gathered secrets: no copy of it is made).
            aws_config::profile::load(&Fs::from_slice(&[]), &Env::from_slice(&[]), &self.files(), None)
                .await
                .unwrap_or_default()
        };
        self.parsed.get_or_init(|| parsed)
    }

    /// How the files read so far (by this store and the stores sharing its reads) looked when read.
    pub(crate) fn stamps(&self) -> FileStamps {
        self.reads.stamps()
    }

    /// The name aws-config knows profile `name` by in `files()`, when there is such a profile.
    pub(crate) async fn locate(&self, name: &str) -> Option<String> {
        let key = key(name);
        self.profiles().await.get_profile(&key).is_some().then_some(key)
    }

    /// A property of a profile, e.g. `region`.
    pub(crate) async fn property(&self, profile: &str, name: &str) -> Option<String> {
        let profiles = self.profiles().await;
        profiles.get_profile(&key(profile)).and_then(|p| p.get(name)).filter(|v| !v.is_empty()).map(str::to_string)
    }

    /// The profiles of these files, each with the file that names it, in the order a reader meets them:
    /// the credentials file's, then those the config file adds. Only sections aws-config reads as
    /// profiles count (not `[sso-session x]` or `[services x]` of a config file).
    pub(crate) async fn list(&self) -> Vec<(String, PathBuf)> {
        let profiles = self.profiles().await;
        let mut listed: Vec<(String, PathBuf)> = Vec::new();
        for (kind, path) in self.paths().into_iter().rev() {
            let text = self.reads.text(&path).unwrap_or_default();
            for line in text.lines() {
                let Some(name) = profile_sections::header(line).and_then(|h| profile_sections::profile_name(h, kind))
                else {
                    continue;
                };
                if profiles.get_profile(&key(name)).is_some() && !listed.iter().any(|(seen, _)| seen == name) {
                    listed.push((name.to_string(), path.clone()));
                }
            }
        }
        listed
    }

    /// The files this store reads, as aws-config finds them (config first: credentials override it).
    fn paths(&self) -> Vec<(ProfileFileKind, PathBuf)> {
        profile_paths::files(self.location.as_deref(), &self.env)
    }
}

/// Profile names aws-config accepts (its identifier rule); others are handed to it renamed (`key`).
fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-/.%@:+".contains(c))
}

/// The name aws-config finds profile `name` under: itself, or for a name it rejects, one it accepts.
fn key(name: &str) -> String {
    if is_valid_name(name) {
        return name.to_string();
    }
    format!("{RENAMED_PREFIX}{}", utf8_percent_encode(name, ENCODED))
}

/// `text` with each profile header whose name aws-config rejects (`[AWS PS Default]` in a credentials
/// file, `[profile AWS PS Default]` in a config file) renamed to `key(name)`; other lines unchanged.
fn with_renamed_sections(text: &str, kind: ProfileFileKind) -> String {
    let mut renamed = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match profile_sections::header(line).and_then(|header| profile_sections::profile_name(header, kind)) {
            Some(name) if !is_valid_name(name) => {
                let prefix = if matches!(kind, ProfileFileKind::Config) { "profile " } else { "" };
                renamed.push_str(&format!("[{prefix}{}]\n", key(name)));
            }
            _ => renamed.push_str(line),
        }
    }
    renamed
}

#[cfg(test)]
#[path = "../../tests/support/temp_home.rs"]
pub(crate) mod temp_home;

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static PARSES: Cell<usize> = const { Cell::new(0) };
    }

    pub(super) fn count_parse() {
        PARSES.with(|parses| parses.set(parses.get() + 1));
    }

    /// Profile sets parsed by stores on this thread so far (a current-thread runtime keeps a whole
    /// `connect` on the test's thread).
    fn parses_on_this_thread() -> usize {
        PARSES.with(Cell::get)
    }

    fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    use super::temp_home::TempHome;

    /// A store over the files of `home`.
    fn store_in(home: &TempHome) -> ProfileSnapshot {
        ProfileSnapshot::new(None, &ShellEnvironment([("HOME".to_string(), home.path())].into_iter().collect()))
    }

    #[test]
    fn a_section_with_spaces_in_its_name_is_found_in_either_file_kind() {
        let home = TempHome::new(
            "spaces",
            "[profile AWS PS Default]\nregion = eu-west-1\n[AWS PS Default]\nregion = no\n",
            "[default]\na = 1\n[AWS PS Default]\naws_access_key_id = AKID\n\n[other]\nb = 2\n[AWS PS Defaults]\nc = 3\n",
        );
        let store = store_in(&home);
        assert_eq!(block(store.property(LEGACY_DEFAULT, "region")).as_deref(), Some("eu-west-1"));
        assert_eq!(block(store.property(LEGACY_DEFAULT, "aws_access_key_id")).as_deref(), Some("AKID"));
        assert_eq!(block(store.property(LEGACY_DEFAULT, "c")), None, "[AWS PS Defaults] is another profile");
        assert_eq!(block(store.property("AWS PS Defaults", "c")).as_deref(), Some("3"));
        assert_eq!(block(store.property("other", "b")).as_deref(), Some("2"));
        assert_eq!(block(store.locate(LEGACY_DEFAULT)), Some(key(LEGACY_DEFAULT)));
    }

    #[test]
    fn a_header_with_an_empty_body_names_a_profile_whatever_its_spacing() {
        let home = TempHome::new("empty", "[profile  AWS PS Default ]\n[profile other]\nregion = x\n", "");
        let store = store_in(&home);
        assert_eq!(block(store.locate(LEGACY_DEFAULT)), Some(key(LEGACY_DEFAULT)));
        assert_eq!(block(store.property("other", "region")).as_deref(), Some("x"));
        assert_eq!(block(store.locate("missing")), None);
    }

    #[test]
    fn renamed_sections_get_names_aws_config_accepts_one_per_name() {
        assert!(is_valid_name(&key(LEGACY_DEFAULT)));
        assert_ne!(key("a b"), key("a_b"));
        assert_ne!(key("a b"), key("a%20b"));
        assert_eq!(key("team/dev@corp"), "team/dev@corp");
        let config = "[default]\n[profile a b]\nx = 1\n[sso-session my sso]\n";
        assert_eq!(
            with_renamed_sections(config, ProfileFileKind::Config),
            format!("[default]\n[profile {}]\nx = 1\n[sso-session my sso]\n", key("a b"))
        );
    }

    #[test]
    fn a_store_parses_its_files_once_and_a_store_for_the_same_location_shares_the_parse() {
        let home = TempHome::new("once", "[profile p]\nregion = eu-west-1\n", "[p]\naws_access_key_id = AKID\n");
        let store = store_in(&home);
        let before = parses_on_this_thread();
        assert_eq!(block(store.property("p", "region")).as_deref(), Some("eu-west-1"));
        assert_eq!(block(store.at(None).locate("p")).as_deref(), Some("p"));
        assert_eq!(block(store.property(LEGACY_DEFAULT, "region")), None);
        assert_eq!(parses_on_this_thread() - before, 1);
    }

    #[test]
    fn only_names_aws_config_rejects_are_renamed() {
        assert!(is_valid_name("default"));
        assert!(is_valid_name("team/dev@corp"));
        assert!(!is_valid_name(LEGACY_DEFAULT));
    }
}
