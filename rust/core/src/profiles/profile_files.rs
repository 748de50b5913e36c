//! The profile files as the companion cmdlets use them: list the profiles (`Get-AWSCredential
//! -ListProfileDetail`), find one (`-ProfileName`), store keys as one (`Set-AWSCredential -StoreAs`) and
//! remove one (`Remove-AWSCredentialProfile`).
//! Reading goes through the `ProfileSnapshot` of the credential chain, so a listed profile is one a call
//! can use, found in the same files.

use crate::credentials::static_profile::{self, Plain};
use crate::credentials::target::{ExplicitKeys, ShellEnvironment};
use crate::error::{CallError, ErrorKind};
use crate::profiles::profile_snapshot::ProfileSnapshot;
use crate::{profiles::profile_edit, profiles::profile_paths, profiles::replace_file};
use std::io;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// A profile, as listed, found or stored.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    /// The file that names it (listed and stored profiles).
    pub location: Option<String>,
    /// Its keys, when it holds nothing but keys (found profiles only).
    pub keys: Option<ExplicitKeys>,
}

/// The profiles of `-ProfileLocation` (or of the environment's files), credentials file first.
pub async fn list(location: Option<&str>, env: &ShellEnvironment) -> Vec<Profile> {
    let store = ProfileSnapshot::new(location, env);
    store
        .list()
        .await
        .into_iter()
        .map(|(name, path)| Profile { name, location: Some(display(&path)), keys: None })
        .collect()
}

/// Profile `name`, with its keys when it holds plain keys (other kinds are resolved by each call).
pub async fn find(location: Option<&str>, env: &ShellEnvironment, name: &str) -> Option<Profile> {
    let store = ProfileSnapshot::new(location, env);
    let key = store.locate(name).await?;
    let keys = match store.profiles().await.get_profile(&key).and_then(static_profile::read) {
        Some(Plain::Keys(credentials)) => Some(ExplicitKeys {
            access_key: credentials.access_key_id().to_string(),
            secret_key: Zeroizing::new(credentials.secret_access_key().to_string()),
            session_token: credentials.session_token().map(|token| Zeroizing::new(token.to_string())),
        }),
        _ => None,
    };
    Some(Profile { name: name.to_string(), location: None, keys })
}

/// Writes `keys` as profile `name` into the credentials file (`-ProfileLocation`, else
/// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), keeping everything else in it. The file
/// is replaced in one step (a crash leaves the old one), created 0600 in a folder created 0700, and
/// writers of the same file take turns. Messages name the file, never a key.
pub fn store_keys(
    location: Option<&str>,
    env: &ShellEnvironment,
    name: &str,
    keys: &ExplicitKeys,
) -> Result<Profile, CallError> {
    check_name(name)?;
    check_key("AccessKey", &keys.access_key)?;
    check_key("SecretKey", &keys.secret_key)?;
    if let Some(token) = &keys.session_token {
        check_key("SessionToken", token)?;
    }
    let path = profile_paths::credentials_file(location, env).ok_or_else(|| {
        CallError::new(
            ErrorKind::ProfileFile,
            "No home directory is set (HOME, or on Windows USERPROFILE) to find the credentials file in; use -ProfileLocation.",
        )
    })?;
    let edit = |text: &str| Some(profile_edit::with_keys(text, name, keys));
    rewrite(&path, edit, true).map_err(|error| write_failed(&path, &error))?;
    Ok(Profile { name: name.to_string(), location: Some(display(&path)), keys: None })
}

/// Removes profile `name` from the files (`-ProfileLocation`'s, else the credentials and the config file),
/// every section of that name, as AWS Tools' Remove-AWSCredentialProfile does; each file is replaced as
/// `store_keys` replaces it. Answers the files it was removed from (none when there was no such profile).
pub fn remove(location: Option<&str>, env: &ShellEnvironment, name: &str) -> Result<Vec<Profile>, CallError> {
    let mut removed = Vec::new();
    for (kind, path) in profile_paths::files(location, env) {
        let mut changed = false;
        let edit = |text: &str| {
            let kept = profile_edit::without(text, name, kind);
            changed = kept.is_some();
            kept
        };
        rewrite(&path, edit, false).map_err(|error| write_failed(&path, &error))?;
        if changed {
            removed.push(Profile { name: name.to_string(), location: Some(display(&path)), keys: None });
        }
    }
    Ok(removed)
}

fn write_failed(path: &Path, error: &io::Error) -> CallError {
    CallError::new(ErrorKind::ProfileFile, format!("Could not write the profile file '{}': {error}", display(path)))
}

/// Rewrites the file behind `path` with `edit`'s text (`None`: leave it), under the write lock. A missing
/// file is created (with its folder, when `create` says so) or, without `create`, left missing.
fn rewrite(path: &Path, edit: impl FnOnce(&str) -> Option<Zeroizing<String>>, create: bool) -> io::Result<()> {
    let path = file_behind_links(path);
    if !create && !path.exists() {
        return Ok(());
    }
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        replace_file::create_private_folder(folder)?;
    }
    let _lock = replace_file::WriteLock::take(&path)?;
    replace_file::remove_stale_temp_files(&path);
    match edit(&existing_text(&path)?) {
        Some(text) => replace_file::replace(&path, text.as_bytes()),
        None => Ok(()),
    }
}

/// The file's text; empty when it does not exist yet. A file that is not UTF-8 is not rewritten.
fn existing_text(path: &Path) -> io::Result<Zeroizing<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Zeroizing::new).map_err(|error| {
            // The bytes are wiped with the error's buffer.
            drop(Zeroizing::new(error.into_bytes()));
            io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text, so it was left unchanged")
        }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Zeroizing::default()),
        Err(error) => Err(error),
    }
}

/// The file a symbolic link (such as a dotfiles manager's) points to, so that the rename replaces the
/// file and not the link.
fn file_behind_links(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link { std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()) } else { path.to_path_buf() }
}

/// A name the file can hold as a section header that aws-config reads back as the same profile.
fn check_name(name: &str) -> Result<(), CallError> {
    let bad = name.trim().is_empty()
        || name.trim() != name
        || name.chars().any(|c| c.is_control() || matches!(c, '[' | ']' | '#' | ';'));
    if bad {
        return Err(CallError::invalid_input(
            "StoreAs",
            "The profile name given to -StoreAs must not be empty, start or end with spaces, or contain brackets, '#', ';' or line breaks.",
        ));
    }
    Ok(())
}

/// Keys hold no spaces or line breaks; a value with them would be cut short or break the file.
fn check_key(parameter: &str, value: &str) -> Result<(), CallError> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(CallError::invalid_input(
            parameter,
            format!("The value of -{parameter} contains spaces or control characters, which a profile cannot hold."),
        ));
    }
    Ok(())
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
