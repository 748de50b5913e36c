//! Role profiles: where the first role of a chain gets the credentials it is assumed with. Each
//! `credential_source` (`Environment`, `EcsContainer`, `Ec2InstanceMetadata`) and `source_profile` chains of
//! one and two roles, against a loopback STS that hands out a key named after each role, so the signer of
//! every AssumeRole shows which credentials the chain really used, and in which order.

mod support {
    pub(crate) mod aws_stand_ins;
    pub(crate) mod chain_probe;
    pub(crate) mod loopback;
    pub(crate) mod temp_home;
}

use secretsmanager_native_core::{ErrorKind, ServiceTarget};
use support::aws_stand_ins::{CONTAINER_KEY, METADATA_KEY, role_key, sts_calls};
use support::chain_probe::{Resolved, append, fresh, resolve, set, target_in};
use support::loopback::Loopback;
use support::temp_home::TempHome;

const ENVIRONMENT_KEY: &str = "AKIDENVIRONMENT";

fn arn(role: &str) -> String {
    format!("arn:aws:iam::123456789012:role/{role}")
}

/// A home whose config holds `config`, and a target asking for profile `outer` with STS on the stand-ins;
/// the shell's keys are set too, to show they are used only where a profile says so.
fn role_target(tag: &str, config: &str) -> (ServiceTarget, TempHome, Loopback) {
    let (home, stand_ins) = fresh(tag);
    append(&home, true, config);
    let mut target = target_in(&home, &stand_ins);
    target.region = Some("us-east-1".into());
    target.profile_name = Some("outer".into());
    set(&mut target, "AWS_ENDPOINT_URL_STS", &stand_ins.url);
    (target, home, stand_ins)
}

fn with_environment_keys(target: &mut ServiceTarget) {
    set(target, "AWS_ACCESS_KEY_ID", ENVIRONMENT_KEY);
    set(target, "AWS_SECRET_ACCESS_KEY", "s");
}

/// The AssumeRole calls STS received, as (role, signer), in order.
fn assumed(stand_ins: &Loopback) -> Vec<(String, String)> {
    sts_calls(&stand_ins.requests())
        .into_iter()
        .map(|(action, role, signer)| {
            assert_eq!(action, "AssumeRole");
            (role, signer)
        })
        .collect()
}

fn expect_outer_role(resolved: Resolved) {
    assert_eq!(resolved.credentials_source, "stored profile named 'outer'");
    assert_eq!(resolved.signed_by, role_key(&arn("outer")), "the call is signed with the outer role's session");
}

#[test]
fn credential_source_environment_assumes_the_role_with_the_shells_keys_and_the_profiles_options() {
    let config = format!(
        "[profile outer]\nrole_arn = {}\ncredential_source = Environment\nexternal_id = the-external-id\n\
         role_session_name = the-session\nduration_seconds = 1800\n",
        arn("outer")
    );
    let (mut target, _home, stand_ins) = role_target("role-environment", &config);
    with_environment_keys(&mut target);
    expect_outer_role(resolve(&target, &stand_ins).unwrap());
    assert_eq!(assumed(&stand_ins), [(arn("outer"), ENVIRONMENT_KEY.to_string())]);
    let request = stand_ins.requests().into_iter().find(|r| r.form("Action").is_some()).unwrap();
    let options = ["ExternalId", "RoleSessionName", "DurationSeconds"].map(|name| request.form(name));
    assert_eq!(options, [Some("the-external-id".into()), Some("the-session".into()), Some("1800".into())]);
}

#[test]
fn credential_source_environment_at_the_end_of_a_source_profile_chain_assumes_the_roles_from_the_source_out() {
    let config = format!(
        "[profile outer]\nrole_arn = {}\nsource_profile = inner\n\n[profile inner]\nrole_arn = {}\ncredential_source = Environment\n",
        arn("outer"),
        arn("inner")
    );
    let (mut target, _home, stand_ins) = role_target("role-environment-chain", &config);
    with_environment_keys(&mut target);
    expect_outer_role(resolve(&target, &stand_ins).unwrap());
    assert_eq!(
        assumed(&stand_ins),
        [(arn("inner"), ENVIRONMENT_KEY.to_string()), (arn("outer"), role_key(&arn("inner")))]
    );
}

#[test]
fn credential_source_environment_without_the_shells_keys_is_a_credentials_error_naming_the_profile() {
    let config = format!("[profile outer]\nrole_arn = {}\ncredential_source = Environment\n", arn("outer"));
    let (target, _home, stand_ins) = role_target("role-environment-no-keys", &config);
    let err = resolve(&target, &stand_ins).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Credentials);
    assert!(
        err.message.starts_with("Credentials could not be obtained from stored profile named 'outer'"),
        "{}",
        err.message
    );
    assert!(err.message.contains("AWS_ACCESS_KEY_ID"), "{}", err.message);
    assert!(assumed(&stand_ins).is_empty());
}

#[test]
fn credential_source_ecs_container_assumes_the_role_with_the_container_credentials() {
    let config = format!("[profile outer]\nrole_arn = {}\ncredential_source = EcsContainer\n", arn("outer"));
    let (mut target, _home, stand_ins) = role_target("role-container", &config);
    with_environment_keys(&mut target);
    let uri = format!("{}/container-credentials", stand_ins.url);
    set(&mut target, "AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri);
    expect_outer_role(resolve(&target, &stand_ins).unwrap());
    assert_eq!(assumed(&stand_ins), [(arn("outer"), CONTAINER_KEY.to_string())]);
}

#[test]
fn credential_source_ec2_instance_metadata_assumes_the_role_with_the_instance_credentials() {
    let config = format!("[profile outer]\nrole_arn = {}\ncredential_source = Ec2InstanceMetadata\n", arn("outer"));
    let (mut target, _home, stand_ins) = role_target("role-metadata", &config);
    with_environment_keys(&mut target);
    target.environment.0.remove("AWS_EC2_METADATA_DISABLED");
    let endpoint = stand_ins.url.clone();
    set(&mut target, "AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint);
    expect_outer_role(resolve(&target, &stand_ins).unwrap());
    assert_eq!(assumed(&stand_ins), [(arn("outer"), METADATA_KEY.to_string())]);
}

#[test]
fn source_profile_chains_assume_each_role_with_the_credentials_of_the_one_before() {
    let base = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n";
    let one = format!("[profile outer]\nrole_arn = {}\nsource_profile = base\n", arn("outer"));
    let (mut target, home, stand_ins) = role_target("role-source-profile", &one);
    append(&home, false, base);
    with_environment_keys(&mut target);
    expect_outer_role(resolve(&target, &stand_ins).unwrap());
    assert_eq!(assumed(&stand_ins), [(arn("outer"), "AKIDBASE".to_string())]);

    let two = format!(
        "[profile outer]\nrole_arn = {}\nsource_profile = inner\n\n[profile inner]\nrole_arn = {}\nsource_profile = base\n",
        arn("outer"),
        arn("inner")
    );
    let (mut target, home, stand_ins) = role_target("role-source-profile-two", &two);
    append(&home, false, base);
    with_environment_keys(&mut target);
    expect_outer_role(resolve(&target, &stand_ins).unwrap());
    assert_eq!(assumed(&stand_ins), [(arn("inner"), "AKIDBASE".to_string()), (arn("outer"), role_key(&arn("inner")))]);
}
