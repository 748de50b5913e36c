//! Runs the credential and region chains through the crate's public API, as the cmdlet does: `connect`
//! says where region and credentials came from, and one `PutSecretValue` to the stand-ins shows the key
//! the connection really signs with. Each target starts from a temporary home and no process variable:
//! the chains read only the environment they are given.
#![allow(dead_code)] // Included by several test crates (`mod support`), each using a part.

use super::aws_stand_ins;
use super::loopback::{Loopback, Reply};
use super::temp_home::TempHome;
use secretsmanager_native_core::{
    CallError, ErrorKind, PutSecretValueRequest, ServiceTarget, put_secret_value, resolve_client,
};

/// The texts every order is checked against (AWS Tools' own words).
pub(crate) const NO_CREDENTIALS: &str = "No credentials specified or obtained from persisted/shell defaults.";
pub(crate) const NO_REGION: &str = "No region specified or obtained from persisted/shell defaults.";

/// What a resolved client says about itself.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub(crate) credentials_source: String,
    /// The access key id of the signature the service received.
    pub(crate) signed_by: String,
    pub(crate) region_source: String,
    pub(crate) region: String,
}

/// A target whose profile files are `home`'s, whose calls go to `stand_ins`, and whose metadata
/// service is off until a test points it somewhere.
pub(crate) fn target_in(home: &TempHome, stand_ins: &Loopback) -> ServiceTarget {
    let mut target = ServiceTarget { endpoint_url: Some(stand_ins.url.clone()), ..Default::default() };
    set(&mut target, "HOME", &home.path());
    set(&mut target, "AWS_EC2_METADATA_DISABLED", "true");
    target
}

/// Sets one variable of the target's gathered environment.
pub(crate) fn set(target: &mut ServiceTarget, name: &str, value: &str) {
    target.environment.0.insert(name.to_string(), value.to_string());
}

/// Resolves `target` and, when that succeeds, sends one `PutSecretValue` to its endpoint (the stand-ins).
pub(crate) fn resolve(target: &ServiceTarget, stand_ins: &Loopback) -> Result<Resolved, CallError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let resolved = runtime.block_on(resolve_client(target))?;
    let request = PutSecretValueRequest {
        secret_id: Some("stand-in".into()),
        secret_string: Some("value"),
        ..Default::default()
    };
    runtime.block_on(put_secret_value(&resolved, request))?;
    let put = stand_ins.requests().into_iter().rev().find(|r| r.header("x-amz-target").is_some());
    Ok(Resolved {
        credentials_source: resolved.credentials_source,
        signed_by: put.and_then(|r| r.signed_by().map(str::to_string)).unwrap_or_default(),
        region_source: resolved.region_source,
        region: resolved.region,
    })
}

/// A fresh home and stand-ins for one row of a table; `tag` keeps the homes of rows apart.
pub(crate) fn fresh(tag: &str) -> (TempHome, Loopback) {
    (TempHome::new(tag, "", ""), aws_stand_ins::start())
}

/// Appends `text` to the home's config (`config: true`) or credentials file.
pub(crate) fn append(home: &TempHome, config: bool, text: &str) {
    use std::io::Write;
    let path = &home.files()[if config { 0 } else { 1 }];
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    writeln!(file, "{text}").unwrap();
}

/// One step of a chain: its debug text, what it gives (a key or a region) and how to turn it on.
pub(crate) struct Step {
    pub(crate) source: &'static str,
    pub(crate) gives: &'static str,
    pub(crate) enable: fn(&mut ServiceTarget, &TempHome, &Loopback),
}

/// A target in a fresh home with fresh stand-ins: `base` first, then the steps `steps[from..]` turned on.
pub(crate) fn with_steps_from(
    steps: &[Step],
    from: usize,
    tag: &str,
    base: fn(&mut ServiceTarget),
) -> (ServiceTarget, TempHome, Loopback) {
    let (home, stand_ins) = fresh(tag);
    let mut target = target_in(&home, &stand_ins);
    base(&mut target);
    for step in &steps[from..] {
        (step.enable)(&mut target, &home, &stand_ins);
    }
    (target, home, stand_ins)
}

/// Turns the metadata service on, at `endpoint`.
pub(crate) fn use_metadata(target: &mut ServiceTarget, endpoint: &str) {
    target.environment.0.remove("AWS_EC2_METADATA_DISABLED");
    set(target, "AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint);
}

/// `target` fails with `kind` and `message` both with the metadata service off and with one that is
/// there but knows nothing (answers 404 to everything), which must have been asked.
pub(crate) fn assert_nothing_found(mut target: ServiceTarget, stand_ins: &Loopback, kind: ErrorKind, message: &str) {
    let err = resolve(&target, stand_ins).unwrap_err();
    assert_eq!((err.kind, err.message.as_str()), (kind, message), "metadata off");
    let empty_metadata = Loopback::start(|_| Reply::not_found());
    use_metadata(&mut target, &empty_metadata.url);
    let err = resolve(&target, stand_ins).unwrap_err();
    assert_eq!((err.kind, err.message.as_str()), (kind, message), "metadata without credentials or region");
    assert!(!empty_metadata.requests().is_empty(), "the metadata step was not tried");
}
