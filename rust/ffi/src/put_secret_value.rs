//! The PutSecretValue export.

use crate::answers::CallStatus;
use crate::boundary::catch_panic;
use crate::call_registry::{self, Outcome};
use crate::put_request::{MAX_REQUEST_BYTES, MAX_SECRET_BYTES, PutRequestDocument, secret_slice_error};
use crate::slices;
use interoptopus::ffi;
use secretsmanager_native_core::runtime::block_on_cancellable;
use secretsmanager_native_core::{CallError, PutSecretValueResult, put_secret_value};

/// Calls PutSecretValue and blocks until it succeeds, fails, or `call` is cancelled.
///
/// - `call`: a live handle from `sm_call_new`; afterwards it holds the result or failure, read with
///   `sm_call_text` / `sm_call_number`.
/// - `request_json`: the UTF-8 JSON request document (everything but the secret), borrowed for the call.
/// - `secret_string`, `secret_binary`: the secret value's bytes (UTF-8 text, or raw bytes), borrowed for
///   the call; the document's `SecretStringPresent` / `SecretBinaryPresent` say which are set. The
///   caller may wipe its buffers as soon as this returns.
///
/// Returns `Ok`, `Failed`, `BadHandle` (nothing done) or `Panic` (the handle holds an `Internal` failure).
#[ffi]
pub fn sm_put_secret_value(
    call: u64,
    request_json: ffi::Slice<u8>,
    secret_string: ffi::Slice<u8>,
    secret_binary: ffi::Slice<u8>,
) -> CallStatus {
    catch_panic(
        || record_panic(call),
        || {
            let Some(live) = call_registry::get(call) else { return CallStatus::BadHandle };
            #[cfg(test)]
            tests::maybe_inject_panic();
            let outcome = run(&live.cancel, &request_json, &secret_string, &secret_binary);
            let status = if outcome.is_ok() { CallStatus::Ok } else { CallStatus::Failed };
            live.set_outcome(match outcome {
                Ok(result) => Outcome::PutSecretValue(result),
                Err(error) => Outcome::Failed(error),
            });
            status
        },
    )
}

fn run(
    cancel: &tokio_util::sync::CancellationToken,
    request_json: &ffi::Slice<u8>,
    secret_string: &ffi::Slice<u8>,
    secret_binary: &ffi::Slice<u8>,
) -> Result<PutSecretValueResult, CallError> {
    let json = slices::input(request_json, MAX_REQUEST_BYTES).map_err(|e| e.for_parameter("request document"))?;
    let string_bytes = slices::input(secret_string, MAX_SECRET_BYTES).map_err(secret_slice_error("SecretString"))?;
    let binary_bytes = slices::input(secret_binary, MAX_SECRET_BYTES).map_err(secret_slice_error("SecretBinary"))?;
    let document = PutRequestDocument::parse(json)?;
    let request = document.request(string_bytes, binary_bytes)?;
    let target = document.target();
    block_on_cancellable(cancel, put_secret_value(&target, request))
}

/// After a panic, leave an internal failure on the handle (if it is live) for the caller to read.
fn record_panic(call: u64) -> CallStatus {
    let message = "An internal error occurred in the native library (a panic was caught); the call did not complete.";
    let recorded = catch_panic(
        || false,
        || {
            call_registry::get(call)
                .map(|live| live.set_outcome(Outcome::Failed(CallError::internal(message))))
                .is_some()
        },
    );
    if recorded { CallStatus::Panic } else { CallStatus::BadHandle }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::answers::{FailureKind, TextStatus};
    use crate::call::{sm_call_free, sm_call_new};
    use crate::call_readers::{sm_call_arn, sm_call_error_message, sm_call_error_parameter, sm_call_failure_kind};
    use std::cell::Cell;

    thread_local! {
        static INJECT_PANIC: Cell<bool> = const { Cell::new(false) };
    }

    pub(crate) fn maybe_inject_panic() {
        if INJECT_PANIC.with(|flag| flag.replace(false)) {
            panic!("injected by a test");
        }
    }

    fn text(
        read: impl for<'a> Fn(u64, ffi::SliceMut<'a, u8>) -> crate::answers::TextAnswer,
        call: u64,
    ) -> Option<String> {
        let mut buffer = [0u8; 512];
        let answer = read(call, ffi::SliceMut::from_slice(&mut buffer));
        (answer.status == TextStatus::Ok).then(|| String::from_utf8(buffer[..answer.length as usize].to_vec()).unwrap())
    }

    fn put(call: u64, json: &[u8]) -> CallStatus {
        sm_put_secret_value(call, ffi::Slice::from_slice(json), ffi::Slice::empty(), ffi::Slice::empty())
    }

    #[test]
    fn an_injected_panic_comes_back_as_a_status_and_an_internal_failure() {
        let call = sm_call_new();
        INJECT_PANIC.with(|flag| flag.set(true));
        assert_eq!(put(call, b"{}"), CallStatus::Panic);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Internal);
        assert!(text(|c, b| sm_call_error_message(c, b), call).unwrap().contains("panic"));
        assert!(sm_call_free(call).is());
    }

    #[test]
    fn a_missing_region_fails_before_any_network_use() {
        let call = sm_call_new();
        assert_eq!(put(call, br#"{"SecretId":"x","SecretStringPresent":true}"#), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Region);
        assert_eq!(
            text(|c, b| sm_call_error_message(c, b), call).unwrap(),
            "No region specified or obtained from persisted/shell defaults."
        );
        assert_eq!(text(|c, b| sm_call_arn(c, b), call), None);
        sm_call_free(call);
    }

    #[test]
    fn a_bad_handle_does_nothing() {
        assert_eq!(put(0, b"{}"), CallStatus::BadHandle);
        assert_eq!(put(u64::MAX, b"not even json"), CallStatus::BadHandle);
    }

    #[test]
    fn a_bad_endpoint_url_is_invalid_input_naming_the_parameter() {
        let call = sm_call_new();
        let json =
            br#"{"SecretId":"x","Region":"us-east-1","EndpointUrl":"not a url","AccessKey":"a","SecretKey":"b"}"#;
        assert_eq!(put(call, json), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::InvalidInput);
        assert_eq!(text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some("EndpointUrl"));
        sm_call_free(call);
    }
}
