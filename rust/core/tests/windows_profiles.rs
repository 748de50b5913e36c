//! Profile files on Windows, where AWS Tools users mostly are (run under Wine by `build.ps1 TestPlatforms`,
//! natively by the GitHub workflow): without `HOME` the home directory is `USERPROFILE`, else
//! `HOMEDRIVE` + `HOMEPATH`, as aws-config finds it; `~\` in the file variables starts there; paths
//! separated by backslashes are read as given.
#![cfg(windows)]

use secretsmanager_native_core::{ResolvedClient, ServiceTarget, resolve_client};

mod support {
    pub(crate) mod temp_home;
}
use support::temp_home::TempHome;

const CONFIG: &str = "[profile team]\nregion = eu-west-1\n";
const CREDENTIALS: &str = "[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = t\n";

/// A target for profile `team` with these shell variables (and no `HOME`); nothing is sent to its endpoint.
fn team_target(variables: &[(&str, &str)]) -> ServiceTarget {
    let mut target = ServiceTarget { endpoint_url: Some("http://127.0.0.1:9".into()), ..Default::default() };
    target.profile_name = Some("team".into());
    let environment = &mut target.environment.0;
    environment.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
    for (name, value) in variables {
        environment.insert((*name).into(), (*value).into());
    }
    target
}

fn connect_now(target: &ServiceTarget) -> ResolvedClient {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(resolve_client(target)).unwrap_or_else(|e| panic!("connect failed: {}", e.message))
}

fn assert_team_profile(resolved: &ResolvedClient) {
    assert_eq!((resolved.region.as_str(), resolved.region_source.as_str()), ("eu-west-1", "stored region"));
    assert_eq!(resolved.credentials_source, "stored profile named 'team'");
}

#[test]
fn the_temporary_folder_is_a_windows_path() {
    // The tests below rely on it: a drive, then backslashes.
    let home = TempHome::new("shape", "", "");
    let path = home.path();
    assert_eq!(path.as_bytes().get(1), Some(&b':'), "{path}");
    assert!(path.contains('\\') && !path.contains('/'), "{path}");
}

#[test]
fn userprofile_is_the_home_directory_when_home_is_not_set() {
    let home = TempHome::new("userprofile", CONFIG, CREDENTIALS);
    assert_team_profile(&connect_now(&team_target(&[("USERPROFILE", &home.path())])));
}

#[test]
fn homedrive_and_homepath_are_the_home_directory_without_userprofile() {
    let home = TempHome::new("homedrive", CONFIG, CREDENTIALS);
    let path = home.path();
    let (drive, rest) = path.split_at(2);
    assert_team_profile(&connect_now(&team_target(&[("HOMEDRIVE", drive), ("HOMEPATH", rest)])));
}

#[test]
fn userprofile_comes_before_homedrive_and_homepath() {
    let home = TempHome::new("userprofile-first", CONFIG, CREDENTIALS);
    let elsewhere = TempHome::new("homedrive-second", "", "");
    let other = elsewhere.path();
    let (drive, rest) = other.split_at(2);
    let variables = [("USERPROFILE", home.path()), ("HOMEDRIVE", drive.into()), ("HOMEPATH", rest.into())];
    let variables: Vec<(&str, &str)> = variables.iter().map(|(name, value)| (*name, value.as_str())).collect();
    assert_team_profile(&connect_now(&team_target(&variables)));
}

#[test]
fn a_tilde_backslash_path_in_the_file_variables_starts_at_the_home_directory() {
    let home = TempHome::new("tilde", "", "");
    std::fs::create_dir_all(home.0.join("custom")).unwrap();
    std::fs::write(home.0.join("custom").join("config"), CONFIG).unwrap();
    std::fs::write(home.0.join("custom").join("credentials"), CREDENTIALS).unwrap();
    let target = team_target(&[
        ("USERPROFILE", &home.path()),
        ("AWS_CONFIG_FILE", r"~\custom\config"),
        ("AWS_SHARED_CREDENTIALS_FILE", r"~\custom\credentials"),
    ]);
    assert_team_profile(&connect_now(&target));
}

#[test]
fn a_profile_location_written_with_backslashes_is_read() {
    let home = TempHome::new("location", "", "");
    let nested = home.0.join("team files");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("credentials.ini"), CREDENTIALS).unwrap();
    let location = format!(r"{}\team files\credentials.ini", home.path());
    let mut target = team_target(&[("USERPROFILE", &home.path())]);
    target.profile_location = Some(location);
    target.region = Some("us-east-1".into());
    let resolved = connect_now(&target);
    assert_eq!(resolved.credentials_source, "stored profile named 'team'");
}
