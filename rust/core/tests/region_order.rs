//! The region chain's eight steps (README, "Where credentials and region come from";
//! docs/aws-tools-behaviour.md §2.5 with docs/decisions.md), as a table:
//! row k turns on steps k to 8, and step k must answer, with its debug text and its own region.
//! Credentials come from key parameters throughout, so that only the region chain is under test.
//! Instance metadata is a loopback stand-in; nothing is read from the machine's own home or environment.

mod support {
    pub(crate) mod aws_stand_ins;
    pub(crate) mod chain_probe;
    pub(crate) mod loopback;
    pub(crate) mod temp_home;
}

use secretsmanager_native_core::{ErrorKind, ExplicitKeys, ServiceTarget};
use support::aws_stand_ins::METADATA_REGION;
use support::chain_probe::{NO_REGION, Step, append, assert_nothing_found, resolve, set, use_metadata};
use support::loopback::Loopback;
use support::temp_home::TempHome;

fn profile_region(home: &TempHome, name: &str, region: &str) {
    let section = if name == "default" { name.to_string() } else { format!("profile {name}") };
    append(home, true, &format!("[{section}]\nregion = {region}\n"));
}

/// The chain, in order. Step 3 is the profile named by `-ProfileName` here; `AWS_PROFILE`'s has its own test.
const STEPS: [Step; 8] = [
    Step {
        source: "region parameter",
        gives: "eu-west-1",
        enable: |target, _, _| target.region = Some("eu-west-1".into()),
    },
    Step {
        source: "shell variable $StoredAWSRegion",
        gives: "eu-west-2",
        enable: |target, _, _| target.stored_region = Some("eu-west-2".into()),
    },
    Step {
        source: "stored region",
        gives: "eu-west-3",
        enable: |target, home, _| {
            profile_region(home, "named", "eu-west-3");
            target.profile_name = Some("named".into());
        },
    },
    Step {
        source: "stored region",
        gives: "eu-central-1",
        enable: |_, home, _| profile_region(home, "default", "eu-central-1"),
    },
    Step {
        source: "stored region",
        gives: "eu-north-1",
        enable: |_, home, _| profile_region(home, "AWS PS Default", "eu-north-1"),
    },
    Step { source: "Environment", gives: "ap-south-1", enable: |target, _, _| set(target, "AWS_REGION", "ap-south-1") },
    Step {
        source: "Environment",
        gives: "ap-southeast-2",
        enable: |target, _, _| set(target, "AWS_DEFAULT_REGION", "ap-southeast-2"),
    },
    Step {
        source: "InstanceMetadata",
        gives: METADATA_REGION,
        enable: |target, _, stand_ins| use_metadata(target, &stand_ins.url),
    },
];

/// A target with key parameters and steps `from`.. of the region chain.
fn with_steps_from(from: usize, tag: &str) -> (ServiceTarget, TempHome, Loopback) {
    support::chain_probe::with_steps_from(&STEPS, from, tag, |target| {
        let secret_key = "s".to_string().into();
        target.keys = Some(ExplicitKeys { access_key: "AKIDREGION".into(), secret_key, session_token: None });
    })
}

fn region_and_source(target: &ServiceTarget, stand_ins: &Loopback) -> (String, String) {
    let resolved = resolve(target, stand_ins).unwrap_or_else(|e| panic!("{}", e.message));
    (resolved.region, resolved.region_source)
}

#[test]
fn each_step_of_the_region_chain_beats_every_later_one() {
    for (index, step) in STEPS.iter().enumerate() {
        let (target, _home, stand_ins) = with_steps_from(index, &format!("region-order-{index}"));
        assert_eq!(
            region_and_source(&target, &stand_ins),
            (step.gives.to_string(), step.source.to_string()),
            "step {} with every later step present",
            index + 1
        );
    }
}

#[test]
fn the_region_of_the_profile_named_by_aws_profile_is_step_three_too() {
    let (mut target, home, stand_ins) = with_steps_from(3, "region-aws-profile");
    profile_region(&home, "from-env", "us-west-1");
    set(&mut target, "AWS_PROFILE", "from-env");
    assert_eq!(region_and_source(&target, &stand_ins), ("us-west-1".into(), "stored region".into()));

    // -ProfileName names the profile whose region counts, as it does for credentials.
    profile_region(&home, "named", "us-west-2");
    target.profile_name = Some("named".into());
    assert_eq!(region_and_source(&target, &stand_ins), ("us-west-2".into(), "stored region".into()));
}

#[test]
fn a_named_profile_without_a_region_passes_on_to_default() {
    let (mut target, home, stand_ins) = with_steps_from(3, "region-named-no-region");
    append(&home, false, "[named]\naws_access_key_id = AKIDNAMED\naws_secret_access_key = s\n");
    target.profile_name = Some("named".into());
    assert_eq!(region_and_source(&target, &stand_ins), (STEPS[3].gives.into(), STEPS[3].source.into()));
}

#[test]
fn with_no_step_present_the_chain_says_so_in_aws_tools_words() {
    let (target, _home, stand_ins) = with_steps_from(STEPS.len(), "region-nothing");
    assert_nothing_found(target, &stand_ins, ErrorKind::Region, NO_REGION);
}
