//! The region chain of AWS Tools V4 (docs/aws-tools-behaviour.md §2.5) with the fixes of docs/decisions.md:
//! the named profile's region counts, and `AWS_DEFAULT_REGION` is read after `AWS_REGION`. The stored
//! regions: the named profile's, then `default`'s, then `AWS PS Default`'s (§2.5 step 3).

use crate::credentials::instance_metadata;
use crate::credentials::target::ServiceTarget;
use crate::error::{CallError, ErrorKind};
use crate::profiles::profile_snapshot::{LEGACY_DEFAULT, ProfileSnapshot};
use aws_config::imds::region::ImdsRegionProvider;

pub(crate) const NO_REGION: &str = "No region specified or obtained from persisted/shell defaults.";

/// A region and where it came from, in AWS Tools' debug words.
pub(crate) struct Resolved {
    pub(crate) region: String,
    pub(crate) source: &'static str,
}

/// The outcome, and whether the metadata service was tried and found missing (so that the credential
/// chain does not wait for it a second time).
pub(crate) struct Outcome {
    pub(crate) region: Result<Resolved, CallError>,
    pub(crate) metadata_missing: bool,
}

/// `store`: the target's profile files, shared with the credential chain of the same `connect`.
pub(crate) async fn resolve(target: &ServiceTarget, store: &ProfileSnapshot) -> Outcome {
    let found = |region: String, source| Outcome { region: Ok(Resolved { region, source }), metadata_missing: false };
    let env = &target.environment;
    if let Some(region) = &target.region {
        return found(region.clone(), "region parameter");
    }
    if let Some(region) = &target.stored_region {
        return found(region.clone(), "shell variable $StoredAWSRegion");
    }
    let named = target.profile_name.as_deref().or_else(|| env.get("AWS_PROFILE"));
    for profile in named.into_iter().chain(["default", LEGACY_DEFAULT]) {
        if let Some(region) = store.property(profile, "region").await {
            return found(region, "stored region");
        }
    }
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = env.get(variable) {
            return found(region.to_string(), "Environment");
        }
    }
    if let Some(client) = instance_metadata::client(env) {
        let provider = ImdsRegionProvider::builder().imds_client(client).build();
        if let Some(region) = provider.region().await {
            return found(region.to_string(), "InstanceMetadata");
        }
        return Outcome { region: Err(CallError::new(ErrorKind::Region, NO_REGION)), metadata_missing: true };
    }
    Outcome { region: Err(CallError::new(ErrorKind::Region, NO_REGION)), metadata_missing: false }
}
