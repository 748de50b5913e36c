//! Where the shared config and credentials files are, seen through the shell's environment:
//! `-ProfileLocation` (one ini file, read as a credentials file), else `AWS_CONFIG_FILE` /
//! `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`.
// `ProfileFileKind` sits in aws-config's deprecated-named `profile_file` module.
#![allow(deprecated)]

use crate::credentials::target::ShellEnvironment;
use aws_config::profile::profile_file::ProfileFileKind;
use aws_runtime::fs_util::{Os, home_dir};
use aws_types::os_shim_internal::Env;
use std::path::{Component, Path, PathBuf};

/// The variables aws-runtime's `home_dir` consults.
const HOME_VARIABLES: [&str; 4] = ["HOME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH"];

/// The files of `location` (or of the environment), as aws-config finds them: config first, because the
/// credentials file overrides it. A file that needs a home directory when there is none is left out.
pub(crate) fn files(location: Option<&str>, env: &ShellEnvironment) -> Vec<(ProfileFileKind, PathBuf)> {
    if let Some(location) = location {
        return vec![(ProfileFileKind::Credentials, PathBuf::from(location))];
    }
    [ProfileFileKind::Config, ProfileFileKind::Credentials]
        .into_iter()
        .filter_map(|kind| Some((kind, default_file(kind, env)?)))
        .collect()
}

/// The file that holds credentials: `location`, else `AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/credentials`; `None` without a home directory to find it in.
pub(crate) fn credentials_file(location: Option<&str>, env: &ShellEnvironment) -> Option<PathBuf> {
    match location {
        Some(location) => Some(PathBuf::from(location)),
        None => default_file(ProfileFileKind::Credentials, env),
    }
}

fn default_file(kind: ProfileFileKind, env: &ShellEnvironment) -> Option<PathBuf> {
    let (variable, name) = match kind {
        ProfileFileKind::Config => ("AWS_CONFIG_FILE", "config"),
        _ => ("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
    };
    // Without a home directory there are no default files (never ./.aws of the current directory).
    let home = home_directory(env);
    match env.get(variable) {
        Some(path) => expand_home(path, home.as_deref()),
        None => Some(Path::new(&home?).join(".aws").join(name)),
    }
}

/// The home directory as aws-config finds it (aws-runtime's `home_dir`: `HOME`, then on Windows
/// `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`), from the shell's variables, never the process's.
/// Empty values count as unset, as everywhere in `ShellEnvironment` (.NET never passes one anyway).
pub(crate) fn home_directory(env: &ShellEnvironment) -> Option<String> {
    let set: Vec<(&str, &str)> = HOME_VARIABLES.iter().filter_map(|&name| Some((name, env.get(name)?))).collect();
    home_dir(&Env::from_slice(&set), Os::real())
}

/// `path` with a leading `~` component replaced by `home`, as aws-config does (so `~\.aws\x` works on
/// Windows, where `\` separates components). `None` when it starts with `~` and there is no home:
/// aws-config would read a file named `~` in the current directory.
fn expand_home(path: &str, home: Option<&str>) -> Option<PathBuf> {
    let mut components = Path::new(path).components();
    match components.next() {
        Some(Component::Normal(first)) if first == "~" => {
            let mut expanded = PathBuf::from(home?);
            expanded.extend(components);
            Some(expanded)
        }
        _ => Some(PathBuf::from(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> ShellEnvironment {
        ShellEnvironment(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn without_a_home_directory_only_files_named_by_variables_are_read() {
        assert!(files(None, &env(&[])).is_empty(), "never ./.aws of the current directory");
        let named = files(None, &env(&[("AWS_CONFIG_FILE", "/etc/aws/config")]));
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].1, PathBuf::from("/etc/aws/config"));
        let home = files(None, &env(&[("HOME", "/home/u")]));
        assert_eq!(home[1].1, PathBuf::from("/home/u/.aws/credentials"));
        let tilde = files(None, &env(&[("HOME", "/home/u"), ("AWS_CONFIG_FILE", "~/work/config")]));
        assert_eq!(tilde[0].1, PathBuf::from("/home/u/work/config"));
        let no_home = files(None, &env(&[("AWS_SHARED_CREDENTIALS_FILE", "~/creds")]));
        assert!(no_home.is_empty(), "~ without a home directory names no file");
    }

    #[test]
    fn the_credentials_file_is_the_location_the_variable_or_the_default() {
        let home = env(&[("HOME", "/home/u")]);
        assert_eq!(credentials_file(Some("/x/creds"), &home), Some(PathBuf::from("/x/creds")));
        assert_eq!(credentials_file(None, &home), Some(PathBuf::from("/home/u/.aws/credentials")));
        let variable = env(&[("HOME", "/home/u"), ("AWS_SHARED_CREDENTIALS_FILE", "~/team/creds")]);
        assert_eq!(credentials_file(None, &variable), Some(PathBuf::from("/home/u/team/creds")));
        assert_eq!(credentials_file(None, &env(&[])), None);
    }

    #[test]
    fn the_home_directory_is_found_as_aws_config_finds_it_in_the_gathered_variables() {
        assert_eq!(home_directory(&env(&[("HOME", "/h"), ("USERPROFILE", "/u")])).as_deref(), Some("/h"));
        let windows_only = env(&[("USERPROFILE", r"C:\Users\u"), ("HOMEDRIVE", "D:"), ("HOMEPATH", r"\u")]);
        let expected = if cfg!(windows) { Some(r"C:\Users\u") } else { None };
        assert_eq!(home_directory(&windows_only).as_deref(), expected);
        let drive_and_path = env(&[("HOMEDRIVE", "D:"), ("HOMEPATH", r"\u")]);
        let expected = if cfg!(windows) { Some(r"D:\u") } else { None };
        assert_eq!(home_directory(&drive_and_path).as_deref(), expected);
        // An empty HOME is unset (aws-runtime alone would answer an empty home directory).
        let empty_home = env(&[("HOME", ""), ("USERPROFILE", r"C:\Users\u")]);
        let expected = if cfg!(windows) { Some(r"C:\Users\u") } else { None };
        assert_eq!(home_directory(&empty_home).as_deref(), expected);
    }

    #[test]
    fn the_process_environment_is_never_consulted() {
        // The test process has a HOME of its own; the gathered environment has none.
        assert!(std::env::var_os("HOME").is_some() || cfg!(windows));
        assert_eq!(home_directory(&env(&[])), None);
    }
}
