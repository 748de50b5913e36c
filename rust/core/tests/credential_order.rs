//! The credential chain's eleven steps (README, "Where credentials and region come from";
//! docs/aws-tools-behaviour.md §2.3 with docs/decisions.md), as a table:
//! row k turns on steps k to 11, and step k must answer, with its debug text and its own key. So each
//! step is checked against every later one, on every OS, in a fraction of a second. The services behind
//! steps 9 to 11 (STS, the container endpoint, instance metadata) are loopback stand-ins; nothing is read
//! from the machine's own home or environment.

mod support {
    pub(crate) mod aws_stand_ins;
    pub(crate) mod chain_probe;
    pub(crate) mod loopback;
    pub(crate) mod temp_home;
}

use secretsmanager_native_core::{CredentialObject, ErrorKind, ExplicitKeys, ServiceTarget};
use support::aws_stand_ins::{self, CONTAINER_KEY, METADATA_KEY};
use support::chain_probe::{NO_CREDENTIALS, Step, append, assert_nothing_found, resolve, set, use_metadata};
use support::loopback::Loopback;
use support::temp_home::TempHome;

const WEB_IDENTITY_ROLE: &str = "arn:aws:iam::123456789012:role/pod-role";

fn keys(access_key: &str) -> ExplicitKeys {
    ExplicitKeys {
        access_key: access_key.into(),
        secret_key: format!("secret-{access_key}").into(),
        session_token: None,
    }
}

fn profile(home: &TempHome, name: &str, access_key: &str) {
    append(home, false, &format!("[{name}]\naws_access_key_id = {access_key}\naws_secret_access_key = s\n"));
}

/// The chain, in order. Steps 2 and 6 name profiles that the files hold.
const STEPS: [Step; 11] = [
    Step {
        source: "the supplied key parameters",
        gives: "AKIDPARAMETERS",
        enable: |target, _, _| target.keys = Some(keys("AKIDPARAMETERS")),
    },
    Step {
        source: "stored profile named 'named'",
        gives: "AKIDNAMED",
        enable: |target, home, _| {
            profile(home, "named", "AKIDNAMED");
            target.profile_name = Some("named".into());
        },
    },
    Step {
        source: "supplied credentials object",
        gives: "AKIDOBJECT",
        enable: |target, _, _| target.credential = Some(CredentialObject::Keys(keys("AKIDOBJECT"))),
    },
    Step {
        source: "shell variable $StoredAWSCredentials",
        gives: "AKIDSTORED",
        enable: |target, _, _| target.stored_credentials = Some(CredentialObject::Keys(keys("AKIDSTORED"))),
    },
    Step {
        source: "Environment",
        gives: "AKIDENVIRONMENT",
        enable: |target, _, _| {
            set(target, "AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT");
            set(target, "AWS_SECRET_ACCESS_KEY", "s");
        },
    },
    Step {
        source: "stored profile named 'from-env'",
        gives: "AKIDFROMENV",
        enable: |target, home, _| {
            profile(home, "from-env", "AKIDFROMENV");
            set(target, "AWS_PROFILE", "from-env");
        },
    },
    Step {
        source: "stored profile named 'default'",
        gives: "AKIDDEFAULT",
        enable: |_, home, _| profile(home, "default", "AKIDDEFAULT"),
    },
    Step {
        source: "stored profile named 'AWS PS Default'",
        gives: "AKIDLEGACY",
        enable: |_, home, _| profile(home, "AWS PS Default", "AKIDLEGACY"),
    },
    Step {
        source: "web identity token file",
        gives: "ASIAPODROLE",
        enable: |target, home, stand_ins| {
            let token = home.0.join("web-identity-token");
            std::fs::write(&token, "a-web-identity-token").unwrap();
            set(target, "AWS_WEB_IDENTITY_TOKEN_FILE", &token.to_string_lossy());
            set(target, "AWS_ROLE_ARN", WEB_IDENTITY_ROLE);
            set(target, "AWS_ENDPOINT_URL_STS", &stand_ins.url);
        },
    },
    Step {
        source: "container environment",
        gives: CONTAINER_KEY,
        enable: |target, _, stand_ins| {
            set(target, "AWS_CONTAINER_CREDENTIALS_FULL_URI", &format!("{}/container-credentials", stand_ins.url));
        },
    },
    Step {
        source: "instance profile",
        gives: METADATA_KEY,
        enable: |target, _, stand_ins| use_metadata(target, &stand_ins.url),
    },
];

/// A target with steps `from`.. of the chain turned on. `-Region` is given so that the region chain never
/// asks the metadata service.
fn with_steps_from(from: usize, tag: &str) -> (ServiceTarget, TempHome, Loopback) {
    support::chain_probe::with_steps_from(&STEPS, from, tag, |target| target.region = Some("us-east-1".into()))
}

#[test]
fn each_step_of_the_credential_chain_beats_every_later_one() {
    for (index, step) in STEPS.iter().enumerate() {
        let (target, _home, stand_ins) = with_steps_from(index, &format!("credential-order-{index}"));
        let resolved = resolve(&target, &stand_ins)
            .unwrap_or_else(|e| panic!("step {} ({}) failed: {}", index + 1, step.source, e.message));
        assert_eq!(
            (resolved.credentials_source.as_str(), resolved.signed_by.as_str()),
            (step.source, step.gives),
            "step {} with every later step present",
            index + 1
        );
    }
}

#[test]
fn web_identity_is_exchanged_at_sts_for_the_role_it_names() {
    let (target, _home, stand_ins) = with_steps_from(8, "credential-web-identity");
    resolve(&target, &stand_ins).unwrap();
    let calls = aws_stand_ins::sts_calls(&stand_ins.requests());
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!((calls[0].0.as_str(), calls[0].1.as_str()), ("AssumeRoleWithWebIdentity", WEB_IDENTITY_ROLE));
    assert_eq!(aws_stand_ins::role_key(WEB_IDENTITY_ROLE), STEPS[8].gives);
}

#[test]
fn a_profile_named_by_profile_name_that_is_missing_fails_at_once() {
    let (mut target, _home, stand_ins) = with_steps_from(2, "credential-missing-named");
    target.profile_name = Some("missing".into());
    let err = resolve(&target, &stand_ins).unwrap_err();
    assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Credentials, NO_CREDENTIALS));
    assert!(stand_ins.requests().is_empty(), "a later step was tried: {:?}", stand_ins.requests());
}

#[test]
fn a_profile_named_by_aws_profile_that_is_missing_fails_at_once() {
    let (mut target, _home, stand_ins) = with_steps_from(6, "credential-missing-env");
    set(&mut target, "AWS_PROFILE", "missing");
    let err = resolve(&target, &stand_ins).unwrap_err();
    assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Credentials, NO_CREDENTIALS));
    assert!(stand_ins.requests().is_empty(), "a later step was tried: {:?}", stand_ins.requests());
}

#[test]
fn a_default_profile_without_credentials_is_passed_over() {
    let (target, home, stand_ins) = with_steps_from(7, "credential-default-region-only");
    append(&home, true, "[default]\nregion = eu-west-1\n");
    assert_eq!(resolve(&target, &stand_ins).unwrap().credentials_source, STEPS[7].source);
}

#[test]
fn with_no_step_present_the_chain_says_so_in_aws_tools_words() {
    let (target, _home, stand_ins) = with_steps_from(STEPS.len(), "credential-nothing");
    assert_nothing_found(target, &stand_ins, ErrorKind::Credentials, NO_CREDENTIALS);
}
