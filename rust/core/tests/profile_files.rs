//! The profile files as the companion cmdlets use them, on real files in temporary homes: listing,
//! finding, and storing keys (Set-AWSCredential -StoreAs) safely.

use secretsmanager_native_core::profiles::profile_files::{self, Profile};
use secretsmanager_native_core::{ErrorKind, ExplicitKeys, ShellEnvironment};
use std::fs;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// An empty folder used as a home directory, removed on drop.
struct Home(PathBuf);

impl Home {
    fn new(tag: &str) -> Self {
        let path = std::env::temp_dir().join(format!("sm-profile-files-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    /// The shell's environment with this home and `more`.
    fn env(&self, more: &[(&str, &str)]) -> ShellEnvironment {
        let mut env = ShellEnvironment::default();
        env.0.insert("HOME".into(), self.0.to_string_lossy().into_owned());
        env.0.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        env
    }

    /// `relative` with `/` between its parts, joined with the platform's separator (as the code under test
    /// joins its paths), so that expected paths compare equal on Windows too.
    fn path(&self, relative: &str) -> PathBuf {
        relative.split('/').fold(self.0.clone(), |path, part| path.join(part))
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn keys(access_key: &str, secret_key: &str) -> ExplicitKeys {
    ExplicitKeys { access_key: access_key.into(), secret_key: Zeroizing::new(secret_key.into()), session_token: None }
}

fn block<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

fn listed(location: Option<&str>, env: &ShellEnvironment) -> Vec<(String, String)> {
    block(profile_files::list(location, env)).into_iter().map(|p| (p.name, p.location.unwrap())).collect()
}

fn found_access_key(location: Option<&str>, env: &ShellEnvironment, name: &str) -> Option<Option<String>> {
    block(profile_files::find(location, env, name)).map(|p: Profile| p.keys.map(|k| k.access_key))
}

#[cfg(unix)]
#[test]
fn storing_in_a_fresh_home_creates_a_private_folder_and_file() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let home = Home::new("fresh");
    let stored = profile_files::store_keys(None, &home.env(&[]), "saved", &keys("AKIDFRESH", "fresh-secret")).unwrap();
    let file = home.0.join(".aws/credentials");
    assert_eq!(stored.location.as_deref(), Some(file.to_str().unwrap()));
    assert_eq!(mode(&home.0.join(".aws")), 0o700);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        home.read(".aws/credentials"),
        "[saved]\naws_access_key_id = AKIDFRESH\naws_secret_access_key = fresh-secret\n"
    );
    let names: Vec<String> = fs::read_dir(home.0.join(".aws"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n == "credentials" || n == ".credentials.lock"), "no temporary file left: {names:?}");
}

#[test]
fn a_stored_profile_is_found_with_its_keys_and_the_others_are_kept() {
    let home = Home::new("keep");
    let before =
        "# team profiles\n[a]\naws_access_key_id = AKIDA\naws_secret_access_key = sa\n\n[b]\nregion = eu-west-1\n";
    home.write(".aws/credentials", before);
    let env = home.env(&[]);
    profile_files::store_keys(None, &env, "b", &keys("AKIDB", "sb")).unwrap();
    profile_files::store_keys(None, &env, "c", &keys("AKIDC", "sc")).unwrap();
    assert_eq!(
        home.read(".aws/credentials"),
        "# team profiles\n[a]\naws_access_key_id = AKIDA\naws_secret_access_key = sa\n\n[b]\naws_access_key_id = AKIDB\naws_secret_access_key = sb\nregion = eu-west-1\n[c]\naws_access_key_id = AKIDC\naws_secret_access_key = sc\n"
    );
    for (name, access_key) in [("a", "AKIDA"), ("b", "AKIDB"), ("c", "AKIDC")] {
        assert_eq!(found_access_key(None, &env, name), Some(Some(access_key.to_string())));
    }
    assert_eq!(found_access_key(None, &env, "missing"), None);
}

#[test]
fn a_tilde_in_the_credentials_variable_is_the_gathered_home_for_storing_listing_and_finding() {
    let home = Home::new("tilde");
    let env = home.env(&[("AWS_SHARED_CREDENTIALS_FILE", "~/team/creds")]);
    let stored = profile_files::store_keys(None, &env, "t", &keys("AKIDT", "st")).unwrap();
    let file = home.0.join("team").join("creds");
    assert_eq!(stored.location.as_deref(), Some(file.to_str().unwrap()));
    assert!(file.is_file());
    assert!(!home.0.join("~").exists(), "no folder named ~");
    assert_eq!(listed(None, &env), [("t".to_string(), file.to_string_lossy().into_owned())]);
    assert_eq!(found_access_key(None, &env, "t"), Some(Some("AKIDT".to_string())));
}

#[test]
fn only_profiles_are_listed_credentials_file_first_each_with_its_file() {
    let home = Home::new("list");
    let credentials = home.write(
        ".aws/credentials",
        "[one]\naws_access_key_id = a\naws_secret_access_key = s\n[AWS PS Default]\nregion = x\n[shared]\n",
    );
    let config = home.write(
        ".aws/config",
        "[default]\nregion = eu-west-1\n[profile two]\nsso_session = corp\n[sso-session corp]\nsso_region = eu-west-1\n[services local]\nsecrets_manager =\n  endpoint_url = http://localhost\n[bare]\nx = 1\n[profile shared]\n[profile  spaced name ]\n",
    );
    let env = home.env(&[]);
    let (credentials, config) = (credentials.to_string_lossy().into_owned(), config.to_string_lossy().into_owned());
    let expected: Vec<(String, String)> = [
        ("one", &credentials),
        ("AWS PS Default", &credentials),
        ("shared", &credentials),
        ("default", &config),
        ("two", &config),
        ("spaced name", &config),
    ]
    .into_iter()
    .map(|(name, file)| (name.to_string(), file.clone()))
    .collect();
    assert_eq!(listed(None, &env), expected);
    assert_eq!(found_access_key(None, &env, "corp"), None, "an sso-session is not a profile");
    assert_eq!(found_access_key(None, &env, "two"), Some(None), "an SSO profile is found, without keys");
    let location = home.path(".aws/credentials");
    let only_location = listed(Some(location.to_str().unwrap()), &ShellEnvironment::default());
    assert_eq!(only_location.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["one", "AWS PS Default", "shared"]);
}

#[test]
fn the_gathered_home_is_used_never_the_process_home() {
    let home = Home::new("gathered");
    home.write(".aws/credentials", "[gathered]\naws_access_key_id = a\naws_secret_access_key = s\n");
    assert_ne!(std::env::var_os("HOME").map(PathBuf::from), Some(home.0.clone()));
    assert_eq!(listed(None, &home.env(&[])).len(), 1);
    assert!(listed(None, &ShellEnvironment::default()).is_empty(), "no gathered home: no default files");
    let error = profile_files::store_keys(None, &ShellEnvironment::default(), "p", &keys("A", "s")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::ProfileFile);
    assert!(error.message.contains("-ProfileLocation"), "{}", error.message);
}

#[test]
fn writers_at_the_same_time_lose_no_profile() {
    let home = Home::new("concurrent");
    let env = home.env(&[]);
    std::thread::scope(|scope| {
        for writer in 0..8 {
            let env = &env;
            scope.spawn(move || {
                for profile in 0..6 {
                    let name = format!("w{writer}p{profile}");
                    profile_files::store_keys(None, env, &name, &keys(&format!("AKID{writer}{profile}"), "s")).unwrap();
                }
            });
        }
    });
    let names: Vec<String> = listed(None, &env).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names.len(), 48, "{names:?}");
}

#[test]
fn a_file_that_is_not_utf8_is_left_alone_and_no_message_holds_a_key() {
    let home = Home::new("latin1");
    let file = home.write(".aws/credentials", "");
    fs::write(&file, b"[caf\xe9]\naws_access_key_id = a\n").unwrap();
    let error =
        profile_files::store_keys(None, &home.env(&[]), "p", &keys("AKIDSECRETCHECK", "the-secret")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::ProfileFile);
    assert!(error.message.contains(file.to_str().unwrap()) && error.message.contains("UTF-8"), "{}", error.message);
    assert!(!error.message.contains("the-secret") && !error.message.contains("AKIDSECRETCHECK"));
    assert_eq!(fs::read(&file).unwrap(), b"[caf\xe9]\naws_access_key_id = a\n");
}

#[test]
fn names_and_keys_that_would_break_the_file_are_refused_naming_the_parameter() {
    let home = Home::new("refused");
    let env = home.env(&[]);
    for name in ["", " p", "a]b", "x\n[y", "a#b"] {
        let error = profile_files::store_keys(None, &env, name, &keys("A", "s")).unwrap_err();
        assert_eq!((error.kind, error.parameter.as_str()), (ErrorKind::InvalidInput, "StoreAs"), "{name:?}");
    }
    let error = profile_files::store_keys(None, &env, "p", &keys("A", "sec ret\n[x]")).unwrap_err();
    assert_eq!(error.parameter, "SecretKey");
    assert!(!error.message.contains("sec ret"));
    assert!(!home.0.join(".aws").exists(), "nothing was written");
}

#[cfg(unix)]
#[test]
fn a_linked_credentials_file_is_updated_through_its_link() {
    let home = Home::new("link");
    let real = home.write("dotfiles/aws-credentials", "[old]\naws_access_key_id = a\naws_secret_access_key = s\n");
    fs::create_dir_all(home.0.join(".aws")).unwrap();
    std::os::unix::fs::symlink(&real, home.0.join(".aws/credentials")).unwrap();
    profile_files::store_keys(None, &home.env(&[]), "new", &keys("AKIDN", "sn")).unwrap();
    assert!(fs::symlink_metadata(home.0.join(".aws/credentials")).unwrap().file_type().is_symlink());
    assert!(fs::read_to_string(&real).unwrap().contains("[new]\naws_access_key_id = AKIDN\n"));
}

#[test]
fn a_removed_profile_leaves_both_files_and_the_other_profiles_as_they_were() {
    let home = Home::new("remove");
    let credentials = home.write(".aws/credentials", "[keep]\naws_access_key_id = k\naws_secret_access_key = s\n[gone]\naws_access_key_id = g\naws_secret_access_key = s\n");
    let config =
        home.write(".aws/config", "[profile gone]\nregion = eu-west-1\n[sso-session gone]\nsso_region = eu-west-1\n");
    let env = home.env(&[]);
    let removed = profile_files::remove(None, &env, "gone").unwrap();
    let files: Vec<String> = removed.into_iter().map(|p| p.location.unwrap()).collect();
    assert_eq!(files, [config.to_string_lossy(), credentials.to_string_lossy()]);
    assert_eq!(home.read(".aws/credentials"), "[keep]\naws_access_key_id = k\naws_secret_access_key = s\n");
    assert_eq!(
        home.read(".aws/config"),
        "[sso-session gone]\nsso_region = eu-west-1\n",
        "an sso-session is not a profile"
    );
    assert_eq!(found_access_key(None, &env, "gone"), None);
    assert!(profile_files::remove(None, &env, "gone").unwrap().is_empty(), "nothing left to remove");
    let other = home.0.join("other.ini");
    assert!(profile_files::remove(Some(other.to_str().unwrap()), &env, "keep").unwrap().is_empty());
    assert!(!other.exists(), "a missing file is not created");
}
