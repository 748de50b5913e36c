//! The export that resolves a call's client (region, credentials, client) before its operation.

use crate::answers::CallStatus;
use crate::boundary::{catch_panic, status_after_panic};
use crate::call_registry::{self, Outcome};
use crate::target_document::{MAX_TARGET_BYTES, TargetDocument};
use crate::{client_reuse, slices};
use interoptopus::ffi;
use secretsmanager_native_core::transport::runtime::block_on_cancellable;
use secretsmanager_native_core::{CallError, ResolvedClient, resolve_client};

/// Resolves the region and credentials described by `target_json` and prepares the client.
///
/// - `call`: a live handle from `sm_call_new`. On success it holds the resolved client, described by
///   `sm_call_region`, `sm_call_region_source` and `sm_call_credentials_source`, and is ready for an
///   operation such as `sm_put_secret_value`. On failure it holds the failure (for example `Credentials`
///   or `Region`), read with `sm_call_failure_kind` and `sm_call_error_message`.
/// - `target_json`: the UTF-8 JSON target document, borrowed for the call.
///
/// Blocks while credentials are fetched (profiles, instance metadata, STS), and can be cancelled.
/// Returns `Ok`, `Failed`, `BadHandle` (nothing done) or `Panic`.
#[ffi]
pub fn sm_call_resolve(call: u64, target_json: ffi::Slice<u8>) -> CallStatus {
    catch_panic(
        || status_after_panic(call),
        || {
            let Some(live) = call_registry::get(call) else { return CallStatus::BadHandle };
            match resolve(&live.cancel, &target_json) {
                Ok(resolved) => {
                    live.set_resolved(resolved);
                    CallStatus::Ok
                }
                Err(error) => {
                    live.set_outcome(Outcome::Failed(error));
                    CallStatus::Failed
                }
            }
        },
    )
}

fn resolve(
    cancel: &tokio_util::sync::CancellationToken,
    target_json: &ffi::Slice<u8>,
) -> Result<ResolvedClient, CallError> {
    let json = slices::input(target_json, MAX_TARGET_BYTES).map_err(|e| e.for_parameter("target document"))?;
    if cancel.is_cancelled() {
        return Err(CallError::cancelled());
    }
    if let Some(resolved) = client_reuse::find(json) {
        return Ok(resolved);
    }
    let target = TargetDocument::parse(json)?.target()?;
    let resolved = block_on_cancellable(cancel, resolve_client(&target))?;
    client_reuse::keep(json, &resolved);
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::FailureKind;
    use crate::call::{sm_call_free, sm_call_new};
    use crate::call_readers::*;
    use crate::test_support::text;

    fn resolve_client(call: u64, json: &[u8]) -> CallStatus {
        sm_call_resolve(call, ffi::Slice::from_slice(json))
    }

    #[test]
    fn a_missing_region_fails_before_any_network_use() {
        let call = sm_call_new();
        let json = br#"{"AccessKey":"a","SecretKey":"b","Environment":{"AWS_EC2_METADATA_DISABLED":"true","HOME":"/nonexistent"}}"#;
        assert_eq!(resolve_client(call, json), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Region);
        assert_eq!(
            text(|c, b| sm_call_error_message(c, b), call).unwrap(),
            "No region specified or obtained from persisted/shell defaults."
        );
        assert_eq!(text(|c, b| sm_call_region(c, b), call), None);
        sm_call_free(call);
    }

    #[test]
    fn a_bad_endpoint_url_is_invalid_input_naming_the_parameter() {
        let call = sm_call_new();
        let json = br#"{"Region":"us-east-1","EndpointUrl":"not a url","AccessKey":"a","SecretKey":"b"}"#;
        assert_eq!(resolve_client(call, json), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::InvalidInput);
        assert_eq!(text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some("EndpointUrl"));
        sm_call_free(call);
    }

    #[test]
    fn a_connected_call_describes_its_region_and_credentials() {
        let call = sm_call_new();
        let json = br#"{"Region":"eu-west-1","EndpointUrl":"http://127.0.0.1:9","AccessKey":"a","SecretKey":"b"}"#;
        assert_eq!(resolve_client(call, json), CallStatus::Ok);
        assert_eq!(sm_call_failure_kind(call), FailureKind::None);
        assert_eq!(text(|c, b| sm_call_region(c, b), call).as_deref(), Some("eu-west-1"));
        assert_eq!(text(|c, b| sm_call_region_source(c, b), call).as_deref(), Some("region parameter"));
        assert_eq!(text(|c, b| sm_call_credentials_source(c, b), call).as_deref(), Some("the supplied key parameters"));
        sm_call_free(call);
    }

    #[test]
    fn the_same_document_reuses_its_resolved_client_and_a_changed_one_resolves_again() {
        let json =
            br#"{"Region":"eu-central-1","EndpointUrl":"http://127.0.0.1:7","AccessKey":"reuse","SecretKey":"b"}"#;
        let first = sm_call_new();
        assert_eq!(resolve_client(first, json), CallStatus::Ok);
        assert_eq!(client_reuse::find(json).map(|c| c.region), Some("eu-central-1".to_string()));
        let second = sm_call_new();
        assert_eq!(resolve_client(second, json), CallStatus::Ok);
        assert_eq!(text(|c, b| sm_call_region(c, b), second).as_deref(), Some("eu-central-1"));
        assert_eq!(
            text(|c, b| sm_call_credentials_source(c, b), second).as_deref(),
            Some("the supplied key parameters")
        );

        let other_region =
            br#"{"Region":"eu-north-1","EndpointUrl":"http://127.0.0.1:7","AccessKey":"reuse","SecretKey":"b"}"#;
        let third = sm_call_new();
        assert_eq!(resolve_client(third, other_region), CallStatus::Ok);
        assert_eq!(text(|c, b| sm_call_region(c, b), third).as_deref(), Some("eu-north-1"));
        for call in [first, second, third] {
            sm_call_free(call);
        }
    }

    #[test]
    fn a_kept_client_is_resolved_again_when_a_profile_file_changes() {
        let home = std::env::temp_dir().join(format!("sm-reuse-stamps-{}", std::process::id()));
        std::fs::create_dir_all(home.join(".aws")).unwrap();
        let config = home.join(".aws").join("config");
        // Dated back: a file written just now is never trusted (see file_stamps).
        let write_old = |text: &str| {
            std::fs::write(&config, text).unwrap();
            let file = std::fs::File::options().write(true).open(&config).unwrap();
            file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60)).unwrap();
        };
        write_old("[default]\nendpoint_url = http://127.0.0.1:11\n");
        // A JSON string: a Windows path's backslashes are escaped.
        let json = format!(
            r#"{{"Region":"us-east-1","AccessKey":"stamps","SecretKey":"b","Environment":{{"HOME":{}}}}}"#,
            serde_json::Value::from(home.to_string_lossy())
        );
        let endpoint = |json: &str| {
            let call = sm_call_new();
            assert_eq!(resolve_client(call, json.as_bytes()), CallStatus::Ok);
            let found = text(|c, b| sm_call_endpoint(c, b), call);
            sm_call_free(call);
            found
        };
        assert_eq!(endpoint(&json).as_deref(), Some("http://127.0.0.1:11"));
        assert!(client_reuse::find(json.as_bytes()).is_some(), "region and keys from the document: kept");
        write_old("[default]\nendpoint_url = http://127.0.0.1:22\n");
        assert!(client_reuse::find(json.as_bytes()).is_none(), "the edited file must be read again");
        assert_eq!(endpoint(&json).as_deref(), Some("http://127.0.0.1:22"));
        std::fs::remove_dir_all(&home).unwrap();
    }

    #[test]
    fn stored_credentials_another_module_keeps_to_itself_fail_clearly_where_the_chain_reaches_them() {
        let stored = r#""StoredCredentials":{"Unreadable":"AWS.Tools.Common"},"Environment":{"AWS_ACCESS_KEY_ID":"AKIDENV","AWS_SECRET_ACCESS_KEY":"s","HOME":"/nonexistent"}"#;
        // Reached: a credentials failure naming the variable and the module, not the environment keys after it.
        let call = sm_call_new();
        let json = format!(r#"{{"Region":"us-east-1","EndpointUrl":"http://127.0.0.1:9",{stored}}}"#);
        assert_eq!(resolve_client(call, json.as_bytes()), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Credentials);
        let message = text(|c, b| sm_call_error_message(c, b), call).unwrap();
        assert!(
            message.starts_with("The shell variable $StoredAWSCredentials holds credentials set by AWS.Tools.Common")
        );
        sm_call_free(call);
        // Not reached: the key parameters come first in the chain.
        let call = sm_call_new();
        let json = format!(
            r#"{{"Region":"us-east-1","EndpointUrl":"http://127.0.0.1:9","AccessKey":"a","SecretKey":"b",{stored}}}"#
        );
        assert_eq!(resolve_client(call, json.as_bytes()), CallStatus::Ok);
        sm_call_free(call);
    }

    #[test]
    fn a_failed_resolution_is_not_kept() {
        let json = br#"{"AccessKey":"never-kept","SecretKey":"b","Environment":{"AWS_EC2_METADATA_DISABLED":"true","HOME":"/nonexistent"}}"#;
        let call = sm_call_new();
        assert_eq!(resolve_client(call, json), CallStatus::Failed);
        assert!(client_reuse::find(json).is_none());
        sm_call_free(call);
    }
}
